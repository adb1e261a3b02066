import { areaCells, cellAddress, parseArea, parseSheetReference, type Area } from '../../workbook/a1';
import type { Scalar } from '../../domain/values';
import { damaged, DEFAULT_XLSX_LIMITS, notZip, tooLarge, XlsxReadError, type XlsxLimits } from './errors';
import { translateFormula } from './formula';
import { compoundFileError, isCompoundFile } from './ole';
import { readWorkbookInfo, relationshipKind, tableParts, XlsxPackage, type XlsxDefinedName, type XlsxSheet } from './parts';
import { readSheetCells, type RawCell, type RowCounter, type SheetCells } from './sheet';
import { readSharedStrings } from './strings';
import { readDateStyles } from './styles';
import { readTablePart, type TablePart } from './tables';
import { decodeXString } from './text';
import { looksLikeZip } from './zip';

/**
 * readXlsx: what PressDX needs of an .xlsx, and nothing else. The workbook part, the
 * relationships, styles (which formats are dates), every table part, then only the sheets that
 * hold a table or a requested named cell, and of those only the cells inside the tables and the
 * named cells; last the shared strings those cells point at. Charts, drawings, comments,
 * validations and sheets without tables are never inflated.
 */

export interface XlsxTable {
  name: string;
  displayName: string;
  sheetName: string;
  sheetPart: string;
  tablePart: string;
  ref: string;
  /** 1-based position of the header row's first cell (with no header row: the row above the first data row). */
  row: number;
  col: number;
  /** Header cells' text (the tableColumn names when there is no header row, or a header cell is empty). */
  headers: string[];
  /** <tableColumn name="…"> as written in the part. */
  columnNames: string[];
  headerRowCount: number;
  totalsRowCount: number;
  /** Data rows only (no header, no totals); dates as 1900-system serials. */
  values: Scalar[][];
  /** "=..." formula text (shared formulas expanded to the cell), null for constants. */
  formulas: (string | null)[][];
}

export interface XlsxNamedCell {
  sheet: string;
  address: string;
  formula: string | null;
  value: Scalar;
}

/** How much work the read took: the bound the limits hold it to. */
export interface XlsxReadStats {
  expandedBytes: number;
  /** Sheet parts parsed. */
  sheetsParsed: number;
  /** <row> elements seen in them. */
  rows: number;
  /** Cells kept (table ranges and named cells). */
  cells: number;
}

export interface XlsxWorkbookRead {
  date1904: boolean;
  sheets: XlsxSheet[];
  definedNames: XlsxDefinedName[];
  /** Every table, in sheet order; two tables of the same name are both here, for the caller to report. */
  tables: XlsxTable[];
  /** The requested names that point at a cell of a worksheet. */
  namedCells: Record<string, XlsxNamedCell>;
  stats: XlsxReadStats;
}

export interface ReadXlsxOptions {
  /** Workbook names (e.g. TongDiem) whose cell to read; the first cell of a range. */
  namedCells?: readonly string[];
  limits?: Partial<XlsxLimits>;
}

/** Days between the 1900 and 1904 date systems' day zero. */
const DAYS_1904 = 1462;
const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/;

/** An ISO 8601 date (t="d") as a 1900-system serial; Excel's serials before 1 March 1900 count its phantom 29 February. */
function isoToSerial(text: string): number | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)) + Number(m[6] ?? 0) * 1000;
  const serial = (ms - EPOCH_1900) / MS_PER_DAY;
  return serial < 61 ? serial - 1 : serial;
}

interface Workbook {
  date1904: boolean;
  dateStyles: boolean[];
  strings: Map<number, string>;
}

function cellValue(raw: RawCell | undefined, wb: Workbook): Scalar {
  if (!raw) return null;
  if (raw.type === 'inlineStr') return decodeXString(raw.inline ?? raw.value ?? '');
  const v = raw.value;
  // No <v> at all: a formula saved without its result (openpyxl, scripts) was never calculated; null says "unknown".
  if (v === undefined) return null;
  switch (raw.type) {
    case 's':
      return wb.strings.get(Number(v)) ?? '';
    case 'str':
      return decodeXString(v);
    case 'b':
      return v.trim() === '1' || v.trim().toLowerCase() === 'true';
    case 'e':
      return { error: v.trim() };
    case 'd':
      return isoToSerial(v) ?? v;
    default: {
      // An untyped empty <v/> carries no number (openpyxl writes it for formulas it never calculated); "" is t="str".
      if (v.trim() === '') return null;
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      return wb.date1904 && wb.dateStyles[raw.style] ? n + DAYS_1904 : n;
    }
  }
}

function cellFormula(raw: RawCell | undefined, row: number, col: number, cells: SheetCells): string | null {
  if (!raw) return null;
  if (raw.formula !== undefined) return `=${decodeXString(raw.formula)}`;
  if (raw.sharedIndex === undefined) return null;
  const master = cells.masters.get(raw.sharedIndex);
  return master ? `=${decodeXString(translateFormula(master.formula, master, { row, col }))}` : null;
}

/** Where each requested name points: sheet and cell (names scoped to a sheet only when no global one exists). */
function namedCellTargets(names: readonly string[], definedNames: XlsxDefinedName[], sheets: XlsxSheet[]): Map<string, { sheet: XlsxSheet; area: Area }> {
  const out = new Map<string, { sheet: XlsxSheet; area: Area }>();
  for (const requested of names) {
    const same = definedNames.filter((d) => d.name.toLowerCase() === requested.toLowerCase());
    const defined = same.find((d) => d.localSheetId === undefined) ?? same[0];
    const ref = defined && parseSheetReference(defined.refersTo);
    const sheet = ref && sheets.find((s) => s.name.toLowerCase() === ref.sheet.toLowerCase());
    if (ref && sheet?.part) out.set(requested, { sheet, area: { top: ref.area.top, left: ref.area.left, bottom: ref.area.top, right: ref.area.left } });
  }
  return out;
}

interface TableOnSheet {
  sheet: XlsxSheet;
  tablePart: string;
  table: TablePart;
  area: Area;
}

function readPackage(bytes: Uint8Array, limits: XlsxLimits, namedCells: readonly string[]): XlsxWorkbookRead {
  const pkg = new XlsxPackage(bytes, limits);
  const info = readWorkbookInfo(pkg);
  const partOf = (kind: string) => info.relationships.find((r) => relationshipKind(r.type) === kind && r.part && pkg.entry(r.part))?.part;
  const worksheetParts = new Set(info.relationships.filter((r) => relationshipKind(r.type) === 'worksheet' && r.part).map((r) => pkg.entry(r.part ?? '')?.name));

  const tables: TableOnSheet[] = [];
  for (const sheet of info.sheets) {
    if (!worksheetParts.has(sheet.part)) continue;
    for (const tablePart of tableParts(pkg, sheet.part)) {
      const table = readTablePart(pkg, tablePart);
      const area = table && parseArea(table.ref);
      if (table && area) tables.push({ sheet, tablePart, table, area });
    }
  }
  const named = namedCellTargets(namedCells, info.definedNames, info.sheets.filter((s) => worksheetParts.has(s.part)));

  // Every cell of every table is materialised, present or not: count them before parsing anything.
  const cellCount = tables.reduce((n, t) => n + areaCells(t.area), 0) + named.size;
  if (cellCount > limits.maxCells) throw tooLarge('maxCells', limits, cellCount);

  const dateStyles = info.date1904 ? readDateStyles(pkg, partOf('styles')) : [];
  const counter: RowCounter = { rows: 0 };
  const sheetCells = new Map<string, SheetCells>();
  for (const sheet of info.sheets) {
    const areas = [...tables.filter((t) => t.sheet === sheet).map((t) => t.area), ...[...named.values()].filter((n) => n.sheet === sheet).map((n) => n.area)];
    if (areas.length > 0 && !sheetCells.has(sheet.part)) sheetCells.set(sheet.part, readSheetCells(pkg, sheet.part, areas, counter));
  }

  const wantedStrings = new Set<number>();
  const noteString = (raw: RawCell | undefined) => {
    if (raw?.type === 's' && raw.value !== undefined) wantedStrings.add(Number(raw.value));
  };
  for (const t of tables) {
    const cells = sheetCells.get(t.sheet.part);
    for (let r = t.area.top; r <= t.area.bottom; r++) for (let c = t.area.left; c <= t.area.right; c++) noteString(cells?.cell(r, c));
  }
  for (const n of named.values()) noteString(sheetCells.get(n.sheet.part)?.cell(n.area.top, n.area.left));
  const wb: Workbook = { date1904: info.date1904, dateStyles, strings: readSharedStrings(pkg, partOf('sharedStrings'), wantedStrings) };

  const empty: SheetCells = { cell: () => undefined, masters: new Map() };
  const out: XlsxWorkbookRead = {
    date1904: info.date1904,
    sheets: info.sheets,
    definedNames: info.definedNames,
    tables: tables.map((t) => tableRead(t, sheetCells.get(t.sheet.part) ?? empty, wb)),
    namedCells: {},
    stats: { expandedBytes: pkg.budget.used, sheetsParsed: sheetCells.size, rows: counter.rows, cells: cellCount },
  };
  for (const [name, n] of named) {
    const cells = sheetCells.get(n.sheet.part) ?? empty;
    const raw = cells.cell(n.area.top, n.area.left);
    out.namedCells[name] = { sheet: n.sheet.name, address: cellAddress(n.area.top, n.area.left), formula: cellFormula(raw, n.area.top, n.area.left, cells), value: cellValue(raw, wb) };
  }
  return out;
}

function tableRead({ sheet, tablePart, table, area }: TableOnSheet, cells: SheetCells, wb: Workbook): XlsxTable {
  // Excel writes 0 or 1 header and totals rows; more would still be one row each of the range.
  const headerRows = Math.min(table.headerRowCount, 1);
  const totalsRows = Math.min(table.totalsRowCount, 1);
  const width = area.right - area.left + 1;
  const headers = Array.from({ length: width }, (_, j) => {
    const fallback = table.columnNames[j] ?? '';
    if (headerRows === 0) return fallback;
    const v = cellValue(cells.cell(area.top, area.left + j), wb);
    return v === null || v === '' || typeof v === 'object' ? fallback : String(v);
  });
  const values: Scalar[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = area.top + headerRows; r <= area.bottom - totalsRows; r++) {
    const rowValues: Scalar[] = [];
    const rowFormulas: (string | null)[] = [];
    for (let c = area.left; c <= area.right; c++) {
      const raw = cells.cell(r, c);
      rowValues.push(cellValue(raw, wb));
      rowFormulas.push(cellFormula(raw, r, c, cells));
    }
    values.push(rowValues);
    formulas.push(rowFormulas);
  }
  return {
    name: table.name,
    displayName: table.displayName,
    sheetName: sheet.name,
    sheetPart: sheet.part,
    tablePart,
    ref: table.ref,
    row: area.top + headerRows - 1,
    col: area.left,
    headers,
    columnNames: table.columnNames,
    headerRowCount: table.headerRowCount,
    totalsRowCount: table.totalsRowCount,
    values,
    formulas,
  };
}

/**
 * Reads an .xlsx file. Throws XlsxReadError, and only that: its code says what happened (not a
 * zip, damaged, encrypted, an old .xls, not a workbook, too large) and its message says it in
 * Vietnamese and English.
 */
export function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): XlsxWorkbookRead {
  const limits: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, ...options.limits };
  if (bytes.length > limits.maxFileBytes) throw tooLarge('maxFileBytes', limits, bytes.length);
  if (isCompoundFile(bytes)) throw compoundFileError(bytes);
  if (!looksLikeZip(bytes)) throw notZip();
  try {
    return readPackage(bytes, limits, options.namedCells ?? []);
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    // Offsets and lengths of a damaged file can send any step astray; the person who sent it gets a reason, not a stack.
    const why = e instanceof Error ? e.message : String(e);
    throw damaged([`không đọc được: ${why}`, `unreadable: ${why}`]);
  }
}
