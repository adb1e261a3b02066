/**
 * Test-side looks into an .xlsx package's XML, for what the reader deliberately does not read
 * (every cell of a sheet, validations, protection, page setup, the package's names and
 * calculated-column formulas). Sheets are found by name through readXlsx, so the tests see the
 * package the way PressDX does.
 */
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { serialToDate, type Scalar } from '../../src/domain/values';
import { parseArea } from '../../src/workbook/a1';
import type { NameSpec } from '../../src/workbook/spec';
import type { CalculatedColumn, PackageExtras } from '../../src/xlsx';
import { readXlsx } from '../../src/xlsx/reader';

/** The XML and .rels parts of a package, as text. */
export function xmlParts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/i.test(f.name) });
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

export interface SheetXml {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  part: string;
  xml: string;
}

/** Every worksheet in workbook order, with its part's XML. */
export function worksheets(bytes: Uint8Array): SheetXml[] {
  const parts = xmlParts(bytes);
  return readXlsx(bytes).sheets.map((s) => ({ name: s.name, state: s.state, part: s.part, xml: parts[s.part] ?? '' }));
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, e: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e];
  });

/** Attributes of a start tag, unescaped. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? '');
  return out;
}

/**
 * The workbook's own names (not _xlnm.* nor sheet-scoped ones) and the tables' calculated-column
 * formulas, as the package holds them.
 */
export function packageExtras(bytes: Uint8Array): PackageExtras {
  const parts = xmlParts(bytes);
  const names: NameSpec[] = [];
  for (const m of (parts['xl/workbook.xml'] ?? '').matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const a = attributes(m[1]);
    if (!a.name || a.name.startsWith('_xlnm.') || a.localSheetId !== undefined) continue;
    names.push({ name: a.name, refersTo: unescapeXml(m[2]), ...(a.comment ? { comment: a.comment } : {}) });
  }
  const calculatedColumns: CalculatedColumn[] = [];
  for (const [part, xml] of Object.entries(parts)) {
    if (!/^xl\/tables\/[^/]+\.xml$/i.test(part)) continue;
    const table = attributes(xml.match(/<table\b[^>]*>/)?.[0] ?? '').name;
    if (!table) continue;
    for (const m of xml.matchAll(/<tableColumn\b((?:[^>/]|\/(?!>))*)>([\s\S]*?)<\/tableColumn>/g)) {
      const f = m[2].match(/<calculatedColumnFormula\b[^>]*>([\s\S]*?)<\/calculatedColumnFormula>/);
      const column = attributes(m[1]).name;
      if (f && column) calculatedColumns.push({ table, column, formula: unescapeXml(f[1]) });
    }
  }
  return { names, calculatedColumns };
}

export interface RawCell {
  address: string;
  /** The `t` attribute ('n' when absent). */
  type: string;
  /** Text of <v>, as written (a shared-string index for t="s"). */
  value?: string;
  formula?: string;
}

/** Every <c> element of a worksheet's XML. */
export function rawCells(sheetXml: string): RawCell[] {
  const out: RawCell[] = [];
  for (const m of sheetXml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = attributes(m[1]);
    const inner = m[2] ?? '';
    const v = inner.match(/<v>([\s\S]*?)<\/v>/)?.[1];
    const f = inner.match(/<f\b[^>]*>([\s\S]*?)<\/f>/)?.[1];
    out.push({ address: a.r ?? '', type: a.t ?? 'n', ...(v !== undefined ? { value: unescapeXml(v) } : {}), ...(f !== undefined ? { formula: unescapeXml(f) } : {}) });
  }
  return out;
}

/** Every error value in any cell of any sheet, as "Sheet!A1: #N/A". */
export function errorCells(bytes: Uint8Array): string[] {
  return worksheets(bytes).flatMap((s) => rawCells(s.xml).filter((c) => c.type === 'e').map((c) => `${s.name}!${c.address}: ${c.value ?? ''}`));
}

/** A numeric cell's value (what a probe formula cached), else its raw text; null when the cell is absent or empty. */
export function cellNumber(sheet: SheetXml, address: string): Scalar {
  const cell = rawCells(sheet.xml).find((c) => c.address === address);
  if (cell?.value === undefined) return null;
  return cell.type === 'n' ? Number(cell.value) : cell.value;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  removeNSPrefix: true,
  isArray: (name) => ['xf', 'dataValidation', 'sheetView', 'pane', 'definedName', 'sheet'].includes(name),
});

type Node = Record<string, unknown>;
const child = (n: unknown, key: string): Node | undefined => (n && typeof n === 'object' ? ((n as Node)[key] as Node | undefined) : undefined);
const list = (n: unknown, key: string): Node[] => (child(n, key) as unknown as Node[] | undefined) ?? [];
const text = (n: unknown): string | undefined => (n === undefined ? undefined : typeof n === 'object' ? String((n as Node)['#text'] ?? '') : String(n));

export function parseXml(xml: string): Node {
  return parser.parse(xml) as Node;
}

/** Per cellXfs index: whether the style locks the cell (Excel's default: locked). */
export function lockedStyles(bytes: Uint8Array): boolean[] {
  const styles = parseXml(xmlParts(bytes)['xl/styles.xml'] ?? '');
  return list(child(child(styles, 'styleSheet'), 'cellXfs'), 'xf').map((xf) => child(xf, 'protection')?.locked !== '0');
}

/** The cellXfs index of a cell (0 when absent or unstyled). */
export function cellStyle(sheetXml: string, address: string): number {
  const tag = [...sheetXml.matchAll(/<c\b([^>]*?)(?:\/>|>)/g)].map((m) => attributes(m[1])).find((a) => a.r === address);
  return Number(tag?.s ?? 0);
}

export interface Validation {
  type?: string;
  operator?: string;
  showErrorMessage: boolean;
  formulae: string[];
  sqref: string;
}

/** The data validations of a worksheet. */
export function validations(sheetXml: string): Validation[] {
  const ws = child(parseXml(sheetXml), 'worksheet');
  return list(child(ws, 'dataValidations'), 'dataValidation').map((v) => ({
    type: v.type as string | undefined,
    operator: v.operator as string | undefined,
    showErrorMessage: v.showErrorMessage === '1' || v.showErrorMessage === 'true',
    formulae: [text(v.formula1), text(v.formula2)].filter((f): f is string => f !== undefined),
    sqref: String(v.sqref ?? ''),
  }));
}

/** Whether a space-separated sqref covers the cell. */
export function covers(sqref: string, row: number, col: number): boolean {
  return sqref.split(/\s+/).some((ref) => {
    const area = parseArea(ref);
    return area !== undefined && row >= area.top && row <= area.bottom && col >= area.left && col <= area.right;
  });
}

/** The validation over a cell, if any. */
export function validationAt(sheetXml: string, row: number, col: number): Validation | undefined {
  return validations(sheetXml).find((v) => covers(v.sqref, row, col));
}

/** A date validation's bound (a serial) as yyyy-mm-dd. */
export function isoDate(serialText: string): string {
  const { year, month, day } = serialToDate(Number(serialText));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The attributes of a worksheet's <sheetProtection>, or undefined when it has none. */
export function sheetProtection(sheetXml: string): Record<string, string> | undefined {
  const tag = sheetXml.match(/<(?:\w+:)?sheetProtection\b[^>]*>/)?.[0];
  return tag === undefined ? undefined : attributes(tag);
}

/** The first element of a worksheet by name, as parsed attributes and children. */
export function sheetElement(sheetXml: string, path: string[]): Node | undefined {
  let n: Node | undefined = child(parseXml(sheetXml), 'worksheet');
  for (const key of path) {
    const next: unknown = n?.[key];
    n = (Array.isArray(next) ? next[0] : next) as Node | undefined;
  }
  return n;
}
