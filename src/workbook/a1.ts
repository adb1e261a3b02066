/**
 * A1 addresses: column letters ↔ numbers, cells and ranges. The one place the project converts
 * them; pure, so the domain, the workbook spec, the Office.js adapter and the .xlsx reader can
 * all share it.
 */

/** Excel's grid: 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;

/** "A" → 1, "XFD" → 16384; NaN for anything that is not 1–3 letters. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return NaN;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 1 → "A", 16384 → "XFD". */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "B3" from row 3, column 2. */
export const cellAddress = (row: number, col: number): string => `${columnLetter(col)}${row}`;

export interface CellRef {
  row: number;
  col: number;
  rowAbsolute: boolean;
  colAbsolute: boolean;
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)([1-9]\d{0,6})$/;

/** "$B$3" / "b3" → the cell; undefined when it is not a cell on Excel's grid. */
export function parseCell(address: string): CellRef | undefined {
  const m = CELL.exec(address.trim());
  if (!m) return undefined;
  const col = columnNumber(m[2]);
  const row = Number(m[4]);
  if (col > MAX_COL || row > MAX_ROW) return undefined;
  return { row, col, rowAbsolute: m[3] === '$', colAbsolute: m[1] === '$' };
}

/** A rectangle of cells, 1-based and inclusive, top ≤ bottom and left ≤ right. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A1:C10", "$A$1", "C10:A1" → the area; undefined for whole columns/rows and anything else. */
export function parseArea(ref: string): Area | undefined {
  const [a, b, extra] = ref.split(':');
  if (extra !== undefined) return undefined;
  const from = parseCell(a);
  const to = b === undefined ? from : parseCell(b);
  if (!from || !to) return undefined;
  return { top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) };
}

export const areaCells = (a: Area): number => (a.bottom - a.top + 1) * (a.right - a.left + 1);

export const inArea = (a: Area, row: number, col: number): boolean => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;

/** "A1:C10" from an area (a single cell as "A1"). */
export function formatArea(a: Area): string {
  const from = cellAddress(a.top, a.left);
  return a.top === a.bottom && a.left === a.right ? from : `${from}:${cellAddress(a.bottom, a.right)}`;
}

/** Quotes a sheet name for a reference when it needs it ('Chỉ số'!A1). */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * "'Chỉ số'!$L$12", "Sheet1!A1:B4", "=Data!$C$3" → sheet name and area; undefined for formulas,
 * names, whole columns, #REF! and references without a sheet.
 */
export function parseSheetReference(reference: string): { sheet: string; area: Area } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!:]+))!([^!]+)$/.exec(reference.trim().replace(/^=/, ''));
  if (!m) return undefined;
  const area = parseArea(m[3]);
  if (!area) return undefined;
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], area };
}
