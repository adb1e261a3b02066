import { DEFAULT_XLSX_LIMITS, notWorkbook, type XlsxLimits } from './errors';
import { NS, parseXmlEntry, type XmlVisitor } from './xml';
import { ExpandedBytes, inflateEntry, readZipDirectory, type ZipDirectory, type ZipEntry } from './zip';

/**
 * The package around the workbook: relationships, the workbook part (sheets, defined names,
 * date system). Small and reusable: the reader and the fill patcher both start here.
 */

export interface Relationship {
  id: string;
  /** The relationship type URI. */
  type: string;
  /** Target as written. */
  target: string;
  /** The target's part name (no leading slash), or undefined for an external target. */
  part?: string;
}

export interface XlsxSheet {
  name: string;
  /** Zip path of the sheet's part, e.g. 'xl/worksheets/sheet1.xml' ('' when the workbook names no existing part). */
  part: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

export interface XlsxDefinedName {
  name: string;
  refersTo: string;
  /** Index into the workbook's sheets for a name scoped to one sheet. */
  localSheetId?: number;
}

export interface WorkbookInfo {
  /** The workbook part, usually 'xl/workbook.xml'. */
  part: string;
  date1904: boolean;
  sheets: XlsxSheet[];
  definedNames: XlsxDefinedName[];
  /** The workbook part's relationships (sheets, shared strings, styles, …). */
  relationships: Relationship[];
}

/** The last segment of a relationship type, the same for transitional and Strict ("worksheet", "table", …). */
export const relationshipKind = (type: string): string => type.slice(type.lastIndexOf('/') + 1);

/** The relationships part of a part: 'xl/workbook.xml' → 'xl/_rels/workbook.xml.rels'; '' (the package) → '_rels/.rels'. */
export function relationshipsPart(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/**
 * The part a relationship target names, seen from `source` (a part name, '' for the package):
 * relative targets ("worksheets/sheet1.xml", "../tables/table1.xml") and absolute ones
 * ("/xl/tables/table1.xml", as openpyxl writes) alike; percent-escapes decoded.
 */
export function resolveTarget(source: string, target: string): string {
  let t = target.replace(/\\/g, '/').replace(/#.*$/, '');
  try {
    t = decodeURIComponent(t);
  } catch {
    // A stray "%" is part of the name.
  }
  const base = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** A zip package being read: its directory, its bytes and the budget every inflate draws from. */
export class XlsxPackage {
  readonly directory: ZipDirectory;
  readonly budget: ExpandedBytes;

  constructor(
    readonly bytes: Uint8Array,
    readonly limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
  ) {
    this.directory = readZipDirectory(bytes, limits);
    this.budget = new ExpandedBytes(limits);
  }

  /** A part by name, case-insensitively. */
  entry(part: string): ZipEntry | undefined {
    return this.directory.find(part);
  }

  /** Streams a part through the visitor; false when the part does not exist. */
  xml(part: string, visitor: XmlVisitor): boolean {
    const entry = this.entry(part);
    if (!entry) return false;
    parseXmlEntry(this.bytes, entry, this.budget, visitor);
    return true;
  }

  /** A whole part's bytes, or undefined when it does not exist. */
  inflate(part: string): Uint8Array | undefined {
    const entry = this.entry(part);
    return entry && inflateEntry(this.bytes, entry, this.budget);
  }

  /** The relationships of a part ('' for the package's own); none when it has no .rels part. */
  relationships(part: string): Relationship[] {
    const out: Relationship[] = [];
    this.xml(relationshipsPart(part), {
      open: (el) => {
        if (!el.is(NS.packageRel, 'Relationship')) return;
        const id = el.attr('Id') ?? '';
        const type = el.attr('Type') ?? '';
        const target = el.attr('Target') ?? '';
        const external = el.attr('TargetMode') === 'External';
        out.push(external ? { id, type, target } : { id, type, target, part: resolveTarget(part, target) });
      },
    });
    return out;
  }
}

/** Where the workbook part is: the package's officeDocument relationship, else the usual name. */
function workbookPart(pkg: XlsxPackage): string {
  const main = pkg.relationships('').find((r) => relationshipKind(r.type) === 'officeDocument' && r.part);
  const part = main?.part ?? 'xl/workbook.xml';
  const entry = pkg.entry(part);
  const isUnder = (folder: string) => part.toLowerCase().startsWith(folder) || (!entry && pkg.directory.entries.some((e) => e.name.toLowerCase().startsWith(folder)));
  if (isUnder('word/')) throw notWorkbook(['đây là tài liệu Word', 'it is a Word document']);
  if (isUnder('ppt/')) throw notWorkbook(['đây là bản trình chiếu PowerPoint', 'it is a PowerPoint presentation']);
  if (entry) return entry.name;
  throw notWorkbook(['tệp nén không chứa sổ làm việc', 'the package holds no workbook']);
}

const SHEET_STATES = new Set(['visible', 'hidden', 'veryHidden']);
const isSheetState = (s: string): s is XlsxSheet['state'] => SHEET_STATES.has(s);

/** Sheets (name → part), defined names and the date system, from the workbook part. */
export function readWorkbookInfo(pkg: XlsxPackage): WorkbookInfo {
  const part = workbookPart(pkg);
  if (/\.bin$/i.test(part)) throw notWorkbook(['đây là sổ làm việc nhị phân .xlsb; hãy lưu thành .xlsx', 'it is a binary .xlsb workbook; save it as .xlsx']);
  const relationships = pkg.relationships(part);
  const relById = new Map(relationships.map((r) => [r.id, r]));
  const info: WorkbookInfo = { part, date1904: false, sheets: [], definedNames: [], relationships };
  let depth = 0;
  let isWorkbook = false;
  let name: { name: string; localSheetId?: number; text: string } | undefined;
  pkg.xml(part, {
    open: (el) => {
      if (depth++ === 0) isWorkbook = el.is(NS.main, 'workbook');
      if (!isWorkbook || el.ns !== NS.main) return;
      if (el.name === 'workbookPr') {
        const v = el.attr('date1904');
        info.date1904 = v === '1' || v === 'true';
      } else if (el.name === 'sheet') {
        const target = relById.get(el.attrNs(NS.rel, 'id') ?? '')?.part;
        const state = el.attr('state') ?? 'visible';
        info.sheets.push({ name: el.attr('name') ?? '', part: (target && pkg.entry(target)?.name) ?? '', state: isSheetState(state) ? state : 'visible' });
      } else if (el.name === 'definedName') {
        const local = el.attr('localSheetId');
        name = { name: el.attr('name') ?? '', text: '', ...(local !== undefined && /^\d+$/.test(local) ? { localSheetId: Number(local) } : {}) };
      }
    },
    text: (t) => {
      if (name) name.text += t;
    },
    close: (ns, local) => {
      depth--;
      if (name && ns === NS.main && local === 'definedName') {
        info.definedNames.push({ name: name.name, refersTo: name.text, ...(name.localSheetId !== undefined ? { localSheetId: name.localSheetId } : {}) });
        name = undefined;
      }
    },
  });
  if (!isWorkbook) throw notWorkbook([`phần ${part} không phải sổ làm việc`, `part ${part} is not a workbook`]);
  return info;
}

/** The worksheet parts' tables: part names of each sheet's table parts, in relationship order. */
export function tableParts(pkg: XlsxPackage, sheetPart: string): string[] {
  const parts: string[] = [];
  for (const r of pkg.relationships(sheetPart)) {
    const entry = relationshipKind(r.type) === 'table' && r.part ? pkg.entry(r.part) : undefined;
    if (entry) parts.push(entry.name);
  }
  return parts;
}
