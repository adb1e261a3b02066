import { columnLetter, columnNumber } from '../workbook/a1';
import { fakeError } from './errors';

/** A rectangle of cells, 0-based like Office.js's rowIndex/columnIndex. */
export interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export const bottom = (r: Rect): number => r.top + r.rows - 1;
export const right = (r: Rect): number => r.left + r.cols - 1;
export const cellCount = (r: Rect): number => r.rows * r.cols;

export function intersects(a: Rect, b: Rect): boolean {
  return a.left <= right(b) && b.left <= right(a) && a.top <= bottom(b) && b.top <= bottom(a);
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.top >= outer.top && inner.left >= outer.left && bottom(inner) <= bottom(outer) && right(inner) <= right(outer);
}

/** 0 → A, 26 → AA. */
export const columnLetters = (col: number): string => columnLetter(col + 1);

/** A → 0; undefined when the letters are not a column within Excel's grid. */
export function columnIndex(letters: string): number | undefined {
  const n = columnNumber(letters);
  return n >= 1 && n <= MAX_COLS ? n - 1 : undefined;
}

/**
 * Excel quotes a sheet name in a reference unless it is a plain identifier; names with spaces,
 * punctuation or that look like a cell reference need quotes.
 */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

function parsePart(part: string): { row?: number; col?: number } | undefined {
  const c = CELL.exec(part);
  if (c) {
    const col = columnIndex(c[1]);
    const row = Number(c[2]) - 1;
    return col === undefined || row < 0 || row >= MAX_ROWS ? undefined : { row, col };
  }
  const k = COL.exec(part);
  if (k) {
    const col = columnIndex(k[1]);
    return col === undefined ? undefined : { col };
  }
  const r = ROW.exec(part);
  if (r) {
    const row = Number(r[1]) - 1;
    return row < 0 || row >= MAX_ROWS ? undefined : { row };
  }
  return undefined;
}

/** Splits "'Thông tin'!A1:B2" into its sheet name (unquoted) and local address. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(address);
  if (quoted) return { sheet: quoted[1].replace(/''/g, "'"), local: quoted[2] };
  const bang = address.lastIndexOf('!');
  if (bang > 0) return { sheet: address.slice(0, bang), local: address.slice(bang + 1) };
  return { local: address };
}

/** Parses A1, A1:B2, A:C and 3:5 (with optional $ and sheet prefix), as Worksheet.getRange does. */
export function parseAddress(address: string): { sheet?: string; rect: Rect } {
  const { sheet, local } = splitSheet(address.trim());
  const parts = local.split(':');
  if (parts.length < 1 || parts.length > 2) throw fakeError('InvalidArgument', 'Worksheet.getRange', `address "${address}"`);
  const a = parsePart(parts[0]);
  const b = parts.length === 2 ? parsePart(parts[1]) : a;
  if (!a || !b) throw fakeError('InvalidArgument', 'Worksheet.getRange', `address "${address}"`);
  const kind = (p: { row?: number; col?: number }) => (p.row !== undefined && p.col !== undefined ? 'cell' : p.col !== undefined ? 'col' : 'row');
  if (kind(a) !== kind(b) || (parts.length === 1 && kind(a) !== 'cell')) throw fakeError('InvalidArgument', 'Worksheet.getRange', `address "${address}"`);
  const top = Math.min(a.row ?? 0, b.row ?? 0);
  const bot = kind(a) === 'col' ? MAX_ROWS - 1 : Math.max(a.row ?? 0, b.row ?? 0);
  const left = Math.min(a.col ?? 0, b.col ?? 0);
  const rig = kind(a) === 'row' ? MAX_COLS - 1 : Math.max(a.col ?? 0, b.col ?? 0);
  return { sheet, rect: { top, left, rows: bot - top + 1, cols: rig - left + 1 } };
}

/** The local part of an address the way Excel reports it: A1, A1:B2, A:C or 3:5. */
export function formatRect(r: Rect): string {
  if (r.top === 0 && r.rows === MAX_ROWS) return `${columnLetters(r.left)}:${columnLetters(right(r))}`;
  if (r.left === 0 && r.cols === MAX_COLS) return `${r.top + 1}:${bottom(r) + 1}`;
  const a = `${columnLetters(r.left)}${r.top + 1}`;
  return r.rows === 1 && r.cols === 1 ? a : `${a}:${columnLetters(right(r))}${bottom(r) + 1}`;
}

export const formatAddress = (sheet: string, r: Rect): string => `${quoteSheetName(sheet)}!${formatRect(r)}`;
