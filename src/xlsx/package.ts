import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { columnLetter, columnNumber } from '../workbook/a1';
import type { NameSpec, WorkbookSpec } from '../workbook/spec';

/**
 * Patches to the .xlsx package that ExcelJS cannot make itself:
 * - workbook names over structured references (lstDonVi → tblDonVi[Tên đơn vị]): ExcelJS only
 *   keeps names whose target parses as a cell range, and drops them when it re-reads a file;
 * - calculated-column formulas of tables, so Excel fills a formula into a row the user inserts;
 * - data validations without overlapping ranges: ExcelJS merges per-cell validations after
 *   sorting addresses as text (G10 before G5) and writes overlaps, which Excel does not allow.
 */

export interface CalculatedColumn {
  table: string;
  /** The column's header as written in the table definition. */
  column: string;
  /** Invariant syntax, without "=". */
  formula: string;
}

export interface PackageExtras {
  names: NameSpec[];
  calculatedColumns: CalculatedColumn[];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, e: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e];
  });

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? '');
  return out;
}

/** Names and calculated columns as the spec defines them: a column counts when every row holds the same formula. */
export function extrasFromSpec(spec: WorkbookSpec): PackageExtras {
  const calculatedColumns: CalculatedColumn[] = [];
  for (const sheet of spec.sheets)
    for (const t of sheet.tables)
      t.columns.forEach((c, j) => {
        const formulas = t.rows.map((r) => r[j]?.formula);
        const first = formulas[0];
        if (first !== undefined && formulas.every((f) => f === first)) calculatedColumns.push({ table: t.name, column: c.header, formula: first.replace(/^=/, '') });
      });
  return { names: spec.names, calculatedColumns };
}

const DEFINED_NAMES = /<definedNames\b[^>]*\/>|<definedNames\b[^>]*>[\s\S]*?<\/definedNames>/;
const DEFINED_NAME = /<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g;

/** Rewrites workbook.xml's definedNames: the given names, plus the built-in _xlnm.* entries (print titles) already there. */
export function withDefinedNames(workbookXml: string, names: NameSpec[]): string {
  const existing = workbookXml.match(DEFINED_NAMES)?.[0] ?? '';
  const builtIn = [...existing.matchAll(DEFINED_NAME)].filter((m) => attributes(m[1]).name?.startsWith('_xlnm.')).map((m) => m[0]);
  const own = names.map((n) => `<definedName name="${escapeXml(n.name)}"${n.comment ? ` comment="${escapeXml(n.comment)}"` : ''}>${escapeXml(n.refersTo)}</definedName>`);
  const all = [...own, ...builtIn];
  const block = all.length > 0 ? `<definedNames>${all.join('')}</definedNames>` : '';
  const stripped = workbookXml.replace(DEFINED_NAMES, '');
  if (!stripped.includes('</sheets>')) throw new Error('xl/workbook.xml has no <sheets> element');
  // CT_Workbook's sequence puts definedNames right after sheets (ExcelJS writes no functionGroups or externalReferences).
  return stripped.replace('</sheets>', `</sheets>${block}`);
}

/** Adds <calculatedColumnFormula> to the named columns of one table part. */
export function withCalculatedColumns(tableXml: string, columns: CalculatedColumn[]): string {
  const tableTag = tableXml.match(/<table\b[^>]*>/)?.[0];
  if (!tableTag) return tableXml;
  const name = attributes(tableTag).name;
  const mine = columns.filter((c) => c.table === name);
  if (mine.length === 0) return tableXml;
  return tableXml.replace(/<tableColumn\b([^>]*?)(\/>|>([\s\S]*?)<\/tableColumn>)/g, (whole, attrs: string, _end: string, inner?: string) => {
    const column = mine.find((c) => c.column === attributes(attrs).name);
    if (!column) return whole;
    const rest = (inner ?? '').replace(/<calculatedColumnFormula\b[^>]*>[\s\S]*?<\/calculatedColumnFormula>|<calculatedColumnFormula\b[^>]*\/>/g, '');
    return `<tableColumn${attrs}><calculatedColumnFormula>${escapeXml(column.formula)}</calculatedColumnFormula>${rest}</tableColumn>`;
  });
}

const isTablePart = (path: string) => /^xl\/tables\/[^/]+\.xml$/i.test(path);
const isSheetPart = (path: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(path);


/** Beyond this many cells in one sqref the sheet is left as written (e.g. a whole-column rule). */
const MAX_VALIDATION_CELLS = 200_000;

function sqrefCells(sqref: string): Array<[number, number]> | undefined {
  const cells: Array<[number, number]> = [];
  for (const part of sqref.trim().split(/\s+/)) {
    const m = part.replace(/\$/g, '').match(/^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/i);
    if (!m) return undefined;
    const [c1, r1] = [columnNumber(m[1]), Number(m[2])];
    const [c2, r2] = m[3] ? [columnNumber(m[3]), Number(m[4])] : [c1, r1];
    if ((Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1) + cells.length > MAX_VALIDATION_CELLS) return undefined;
    for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) cells.push([r, c]);
  }
  return cells;
}

/** Cells as vertical runs, column by column: "G5:G12 H5". */
function encodeSqref(cells: Array<[number, number]>): string {
  const sorted = [...cells].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1][1] === sorted[i][1] && sorted[j + 1][0] === sorted[j][0] + 1) j++;
    const top = `${columnLetter(sorted[i][1])}${sorted[i][0]}`;
    parts.push(j > i ? `${top}:${columnLetter(sorted[j][1])}${sorted[j][0]}` : top);
    i = j + 1;
  }
  return parts.join(' ');
}

/** Removes from each data validation the cells an earlier one already covers; drops emptied ones. */
export function withoutOverlappingValidations(sheetXml: string): string {
  const block = sheetXml.match(/<dataValidations\b[^>]*>([\s\S]*?)<\/dataValidations>/);
  if (!block) return sheetXml;
  const items = [...block[1].matchAll(/<dataValidation\b[^>]*?(?:\/>|>[\s\S]*?<\/dataValidation>)/g)].map((m) => m[0]);
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const item of items) {
    const sqref = item.match(/\ssqref="([^"]*)"/)?.[1];
    const cells = sqref === undefined ? undefined : sqrefCells(sqref);
    if (!cells) return sheetXml;
    const fresh = cells.filter(([r, c]) => !seen.has(`${r},${c}`));
    fresh.forEach(([r, c]) => seen.add(`${r},${c}`));
    if (fresh.length === cells.length) kept.push(item);
    else if (fresh.length > 0) kept.push(item.replace(/\ssqref="[^"]*"/, ` sqref="${encodeSqref(fresh)}"`));
  }
  if (kept.length === items.length && kept.every((k, i) => k === items[i])) return sheetXml;
  const replacement = kept.length > 0 ? `<dataValidations count="${kept.length}">${kept.join('')}</dataValidations>` : '';
  return sheetXml.replace(block[0], replacement);
}

/** Applies names, calculated columns and non-overlapping validations to a package ExcelJS wrote. */
export function applyPackageExtras(xlsx: Uint8Array, extras: PackageExtras): Uint8Array {
  const files = unzipSync(xlsx);
  const text = (path: string) => strFromU8(files[path]);
  if (!files['xl/workbook.xml']) throw new Error('Not an .xlsx package: xl/workbook.xml is missing');
  files['xl/workbook.xml'] = strToU8(withDefinedNames(text('xl/workbook.xml'), extras.names));
  for (const path of Object.keys(files)) {
    if (extras.calculatedColumns.length > 0 && isTablePart(path)) files[path] = strToU8(withCalculatedColumns(text(path), extras.calculatedColumns));
    if (isSheetPart(path)) {
      const xml = text(path);
      const fixed = withoutOverlappingValidations(xml);
      if (fixed !== xml) files[path] = strToU8(fixed);
    }
  }
  return zipSync(files, { level: 6 });
}
