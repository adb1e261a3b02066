/**
 * The declarative workbook spec: everything a renderer needs to produce the workbook, and
 * nothing renderer-specific. Both renderers (Office.js for live Excel, ExcelJS for files) draw
 * exactly this; positions are 1-based (row, column).
 */

import type { Scalar } from '../domain/values';
import { cellAddress, columnLetter, quoteSheet } from './a1';

export type { CellError, Scalar } from '../domain/values';

export type StyleKey = 'title' | 'subtitle' | 'header' | 'input' | 'calc' | 'fixed' | 'label' | 'note' | 'warning' | 'total';

/** Whether the cell is typed by the user, computed by a formula, or plan data kept locked. */
export type CellRole = 'input' | 'calc' | 'fixed';

export interface ValidationMessages {
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

export type ValidationSpec = ValidationMessages &
  (
    | { type: 'list'; /** A workbook name or range formula, with "=" */ source: string }
    | { type: 'whole' | 'decimal'; min?: number; max?: number }
    | { type: 'date'; /** Serial numbers */ min: number; max: number }
    | { type: 'textLength'; max: number }
  );

export interface CellSpec {
  /**
   * A constant. A string here is always text, never a formula, even when it starts with =, +, -,
   * @, tab or CR (text copied from agency files may): renderers must store it as text (ExcelJS
   * does for string values; Office.js must not hand such a string to range.values as is — e.g.
   * prefix "'" or set the "@" format first). Only `formula` is ever a formula.
   */
  value?: Scalar;
  /** Invariant (en-US) formula syntax, starting with "=". */
  formula?: string;
  /** The value the TypeScript engine computes for the formula, written as a cached result where the format allows. */
  result?: Scalar;
  role: CellRole;
  style?: StyleKey;
  numberFormat?: string;
  validation?: ValidationSpec;
  wrap?: boolean;
}

export interface ColumnSpec {
  key: string;
  header: string;
  role: CellRole;
  width: number;
  numberFormat?: string;
  wrap?: boolean;
  validation?: ValidationSpec;
}

export interface TableSpec {
  name: string;
  /** Top-left cell of the header row. */
  row: number;
  col: number;
  columns: ColumnSpec[];
  /** One array per data row, aligned with `columns`. */
  rows: CellSpec[][];
}

export interface LooseCell {
  row: number;
  col: number;
  cell: CellSpec;
  /** Merge across to this column (inclusive). */
  mergeToCol?: number;
}

export interface PrintSpec {
  landscape: boolean;
  fitToWidth: boolean;
  /** Rows repeated at the top of every printed page, e.g. [3, 3]. */
  repeatRows?: [number, number];
  header: string;
}

export interface SheetSpec {
  /** Stable identity; display names are localised. */
  key: string;
  name: string;
  visible: boolean;
  tabColor?: string;
  /** Column widths in characters, index 0 = column A. */
  columnWidths: number[];
  /** Rows frozen at the top (0 = none). */
  freezeRows: number;
  protect: boolean;
  print?: PrintSpec;
  cells: LooseCell[];
  tables: TableSpec[];
}

/** A workbook-scoped name; `refersTo` is an invariant reference without "=", e.g. 'Chỉ số'!$M$10 or tblDonVi[Tên đơn vị]. */
export interface NameSpec {
  name: string;
  refersTo: string;
  comment?: string;
}

/** One named series of a chart: a reference to one row or one column of values. */
export interface ChartSeriesSpec {
  name: string;
  valuesRef: string;
}

/**
 * A chart a renderer may draw; one that cannot draw charts skips it (the tables carry the numbers).
 * References are invariant and without "=", e.g. tblTHMucTieu[Mã] or 'Tổng hợp chỉ số'!$D$5:$H$5.
 * Values come in one of two forms: a single series (`valuesRef`, `valuesName`) or several
 * (`series`, drawn in order over the same categories). A chart with `series` ignores `valuesRef`;
 * one with neither, or with an empty `series`, is not drawn.
 */
export interface ChartSpec {
  type: 'bar' | 'radar';
  /** SheetSpec.key of the sheet the chart sits on. */
  sheetKey: string;
  title: string;
  /** Top-left cell (1-based) and size in columns and rows. */
  anchor: { row: number; col: number; widthCols: number; heightRows: number };
  categoriesRef: string;
  /** The single-series form. */
  valuesRef?: string;
  valuesName?: string;
  /** The multi-series form, e.g. one series per press agency. */
  series?: ChartSeriesSpec[];
  /** A second series drawn as the goal line or bar (e.g. thresholds). */
  thresholdRef?: string;
  thresholdName?: string;
  /** Number format of the value axis. */
  numberFormat?: string;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  names: NameSpec[];
  charts?: ChartSpec[];
}

/** Fills and fonts shared by both renderers, so a file and a live workbook look alike. */
export const STYLE_PALETTE: Record<StyleKey, { fill?: string; font?: { bold?: boolean; italic?: boolean; color?: string; size?: number } }> = {
  title: { font: { bold: true, size: 14, color: '1F4E78' } },
  subtitle: { font: { italic: true, color: '404040' } },
  header: { fill: '1F4E78', font: { bold: true, color: 'FFFFFF' } },
  input: { fill: 'FFF2CC' },
  calc: { fill: 'DDEBF7', font: { color: '1F3864' } },
  fixed: { fill: 'F2F2F2' },
  label: { font: { bold: true } },
  note: { font: { italic: true, color: '595959' } },
  warning: { fill: 'FCE4D6', font: { color: 'C00000' } },
  total: { fill: 'DDEBF7', font: { bold: true, color: '1F3864' } },
};

export const NUMBER_FORMATS = {
  date: 'dd/mm/yyyy',
  integer: '#,##0',
  decimal: '#,##0.00',
  percent: '0.0%',
  /** Task progress: a fraction shown as a whole percent; Excel takes "50", "50%" and "0,5" typed into it as 50%. */
  wholePercent: '0%',
  points: '0.00',
} as const;

// A1 addresses have one home (./a1); the spec's users import them from here as they always have.
export { cellAddress, columnLetter, quoteSheet } from './a1';

export function absoluteAddress(sheetName: string, row: number, col: number): string {
  return `${quoteSheet(sheetName)}!$${columnLetter(col)}$${row}`;
}

/** Range of a table including its header row, e.g. A3:F15. */
export function tableRange(t: TableSpec): string {
  return `${cellAddress(t.row, t.col)}:${cellAddress(t.row + Math.max(t.rows.length, 1), t.col + t.columns.length - 1)}`;
}

const LINE_HEIGHT_POINTS = 15;
/** Excel refuses taller rows. */
const MAX_ROW_HEIGHT_POINTS = 409;
/** Characters of Vietnamese text that fit in one unit of column width, roughly (proportional font). */
const CHARS_PER_WIDTH_UNIT = 1.15;

/**
 * Row heights (points) that let wrapped text show whole. Spreadsheet programs do not re-measure
 * rows of a file on opening, and LibreOffice prints the first line only, so both renderers set
 * them from this estimate. Rows that fit on one line are left alone.
 */
export function estimateRowHeights(sheet: SheetSpec): Map<number, number> {
  const lines = new Map<number, number>();
  const width = (col: number, toCol = col) => {
    let w = 0;
    for (let c = col; c <= toCol; c++) w += sheet.columnWidths[c - 1] ?? 8.43;
    return w;
  };
  const note = (row: number, text: string, w: number) => {
    const n = text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / Math.max(1, w * CHARS_PER_WIDTH_UNIT))), 0);
    if (n > (lines.get(row) ?? 1)) lines.set(row, n);
  };
  for (const t of sheet.tables) {
    t.columns.forEach((c, j) => note(t.row, c.header, width(t.col + j)));
    t.rows.forEach((r, i) =>
      r.forEach((cell, j) => {
        if ((cell.wrap ?? t.columns[j]?.wrap) && typeof cell.value === 'string') note(t.row + 1 + i, cell.value, width(t.col + j));
      }),
    );
  }
  for (const lc of sheet.cells) {
    if (lc.cell.wrap && typeof lc.cell.value === 'string') note(lc.row, lc.cell.value, width(lc.col, lc.mergeToCol ?? lc.col));
  }
  return new Map([...lines].map(([row, n]) => [row, Math.min(MAX_ROW_HEIGHT_POINTS, n * LINE_HEIGHT_POINTS + 2)]));
}
