import * as ExcelJS from 'exceljs';
import { serialToUtcDate } from '../domain/values';
import { cellAddress, estimateRowHeights, STYLE_PALETTE, type CellSpec, type SheetSpec, type TableSpec, type ValidationSpec, type WorkbookSpec } from '../workbook/spec';
import { applyPackageExtras, extrasFromSpec, type PackageExtras } from './package';
import { encodeXString } from './reader/text';

/**
 * The ExcelJS renderer: draws a WorkbookSpec into a workbook and an .xlsx Buffer. What ExcelJS
 * cannot express or gets wrong (names over structured references, calculated-column formulas,
 * overlapping validation ranges) is patched into the package afterwards by ./package.
 */

export interface RenderOptions {
  /** Workbook "created" and "modified" timestamps; defaults to now. */
  created?: Date;
}

const argb = (hex: string) => ({ argb: `FF${hex.toUpperCase()}` });

const ERROR_CODES = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'] as const;

/** ExcelJS types only the seven classic codes; anything newer (#SPILL!, #CALC!) is written as #N/A. */
function toCellError(code: string): ExcelJS.CellErrorValue {
  const known = ERROR_CODES.find((c) => c === code);
  return { error: known ?? '#N/A' };
}

/** A constant or formula cell as ExcelJS wants it. */
export function cellValue(cell: CellSpec): ExcelJS.CellValue {
  if (cell.formula !== undefined) {
    const formula = cell.formula.startsWith('=') ? cell.formula.slice(1) : cell.formula;
    const r = cell.result;
    // Cached results let viewers that never recalculate (previewers, mail clients) show the right values.
    if (r === undefined || r === null) return { formula, result: '' };
    if (typeof r === 'object') return { formula, result: toCellError(r.error) };
    return { formula, result: r };
  }
  const v = cell.value;
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return toCellError(v.error);
  // ExcelJS drops characters XML cannot carry (a line break pasted from Word); OOXML escapes them instead.
  return typeof v === 'string' ? encodeXString(v) : v;
}

function dataValidation(v: ValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: v.promptTitle,
    prompt: v.prompt,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: v.errorTitle,
    error: v.error,
  };
  switch (v.type) {
    case 'list':
      // ExcelJS writes formula1 verbatim; a name is written without "=".
      return { ...common, type: 'list', formulae: [v.source.replace(/^=/, '')] };
    case 'whole':
    case 'decimal':
      if (v.min !== undefined && v.max !== undefined) return { ...common, type: v.type, operator: 'between', formulae: [v.min, v.max] };
      if (v.min !== undefined) return { ...common, type: v.type, operator: 'greaterThanOrEqual', formulae: [v.min] };
      if (v.max !== undefined) return { ...common, type: v.type, operator: 'lessThanOrEqual', formulae: [v.max] };
      // Any number: Excel has no "is a number" operator, so the widest range stands in for it.
      return { ...common, type: v.type, operator: 'between', formulae: [-9.99e307, 9.99e307] };
    case 'date':
      // ExcelJS converts date formulae from Date objects (UTC) to serials when writing.
      return { ...common, type: 'date', operator: 'between', formulae: [serialToUtcDate(v.min), serialToUtcDate(v.max)] };
    case 'textLength':
      return { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [v.max] };
  }
}

interface ValidationSink {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

/**
 * The sheet's validation list, keyed by range. Per-cell validations are not used: ExcelJS merges
 * them after sorting addresses as text (G10 before G5) and writes overlapping ranges, which Excel
 * does not allow (exceljs#1427; EPPlus#829). Its typings omit this member, hence the narrowing.
 */
function validationsOf(ws: ExcelJS.Worksheet): ValidationSink {
  const dv: unknown = (ws as unknown as { dataValidations?: unknown }).dataValidations;
  if (typeof dv === 'object' && dv !== null && 'add' in dv && typeof dv.add === 'function') return dv as ValidationSink;
  throw new Error('ExcelJS worksheet has no dataValidations');
}

/** Adds a column's validations as vertical runs of equal rules. */
function addColumnValidations(ws: ExcelJS.Worksheet, col: number, firstRow: number, cells: CellSpec[]): void {
  const sink = validationsOf(ws);
  let start = 0;
  for (let i = 1; i <= cells.length; i++) {
    const v = cells[start].validation;
    if (i < cells.length && JSON.stringify(cells[i].validation) === JSON.stringify(v)) continue;
    if (v) {
      const top = cellAddress(firstRow + start, col);
      sink.add(i - 1 > start ? `${top}:${cellAddress(firstRow + i - 1, col)}` : top, dataValidation(v));
    }
    start = i;
  }
}

/** Formats and protection of one cell; the value and validation are set separately. */
function styleCell(target: ExcelJS.Cell, cell: CellSpec): void {
  const palette = cell.style ? STYLE_PALETTE[cell.style] : undefined;
  if (palette?.fill) target.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(palette.fill) };
  if (palette?.font) {
    const f = palette.font;
    target.font = { ...(f.bold ? { bold: true } : {}), ...(f.italic ? { italic: true } : {}), ...(f.size ? { size: f.size } : {}), ...(f.color ? { color: argb(f.color) } : {}) };
  }
  if (cell.numberFormat) target.numFmt = cell.numberFormat;
  target.alignment = { vertical: 'top', ...(cell.wrap ? { wrapText: true } : {}) };
  target.protection = { locked: cell.role !== 'input' };
}

function renderTable(ws: ExcelJS.Worksheet, t: TableSpec): void {
  // Excel needs at least one data row under the header.
  const rows = t.rows.length > 0 ? t.rows : [t.columns.map((c): CellSpec => ({ role: c.role }))];
  ws.addTable({
    name: t.name,
    displayName: t.name,
    ref: cellAddress(t.row, t.col),
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: t.columns.map((c) => ({ name: c.header, filterButton: false })),
    rows: rows.map((r) => r.map(cellValue)),
  });
  t.columns.forEach((c, j) => {
    styleCell(ws.getCell(t.row, t.col + j), { role: 'fixed', style: 'header', wrap: true });
  });
  rows.forEach((r, i) =>
    r.forEach((cell, j) => {
      const target = ws.getCell(t.row + 1 + i, t.col + j);
      target.value = cellValue(cell);
      styleCell(target, cell);
    }),
  );
  t.columns.forEach((_c, j) => addColumnValidations(ws, t.col + j, t.row + 1, rows.map((r): CellSpec => r[j] ?? { role: 'fixed' })));
}

/** "&" starts a code in Excel's header language, so literal ampersands are doubled. */
const headerText = (s: string) => s.replace(/&/g, '&&');

async function renderSheet(wb: ExcelJS.Workbook, s: SheetSpec): Promise<void> {
  const ws = wb.addWorksheet(s.name, {
    state: s.visible ? 'visible' : 'hidden',
    ...(s.tabColor ? { properties: { tabColor: argb(s.tabColor) } } : {}),
    ...(s.freezeRows > 0 ? { views: [{ state: 'frozen', xSplit: 0, ySplit: s.freezeRows, topLeftCell: cellAddress(s.freezeRows + 1, 1) }] } : {}),
  });
  s.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  for (const t of s.tables) renderTable(ws, t);
  for (const lc of s.cells) {
    if (lc.mergeToCol !== undefined && lc.mergeToCol > lc.col) ws.mergeCells(lc.row, lc.col, lc.row, lc.mergeToCol);
    const target = ws.getCell(lc.row, lc.col);
    target.value = cellValue(lc.cell);
    styleCell(target, lc.cell);
    addColumnValidations(ws, lc.col, lc.row, [lc.cell]);
  }

  for (const [row, height] of estimateRowHeights(s)) ws.getRow(row).height = height;

  ws.pageSetup.paperSize = 9; // A4
  if (s.print) {
    ws.pageSetup.orientation = s.print.landscape ? 'landscape' : 'portrait';
    if (s.print.fitToWidth) {
      ws.pageSetup.fitToPage = true;
      ws.pageSetup.fitToWidth = 1;
      ws.pageSetup.fitToHeight = 0; // as many pages tall as needed
    }
    if (s.print.repeatRows) ws.pageSetup.printTitlesRow = `${s.print.repeatRows[0]}:${s.print.repeatRows[1]}`;
    ws.headerFooter.oddHeader = `&L${headerText(s.print.header)}&R&P/&N`;
  }

  if (s.protect) {
    // No password: the protection guards formulas against slips, and anyone who must can lift it.
    await ws.protect('', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: true,
      formatRows: true,
      autoFilter: true,
      sort: true,
    });
  }
}

/**
 * The spec drawn into an in-memory ExcelJS workbook (without the package patches). spec.charts
 * are skipped: ExcelJS cannot draw charts, and the spec allows a renderer that cannot to omit
 * them, since the tables carry the numbers.
 */
export async function renderWorkbook(spec: WorkbookSpec, options: RenderOptions = {}): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PressDX';
  wb.lastModifiedBy = 'PressDX';
  wb.created = options.created ?? new Date();
  wb.modified = wb.created;
  // Cached results come from the engine; Excel still recalculates everything on open.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const s of spec.sheets) await renderSheet(wb, s);
  return wb;
}

/** A rendered ExcelJS workbook as .xlsx bytes, with the package patches. */
export async function workbookToBuffer(wb: ExcelJS.Workbook, extras: PackageExtras): Promise<Uint8Array> {
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  return applyPackageExtras(raw, extras);
}

/** The spec as an .xlsx file. */
export async function renderToBuffer(spec: WorkbookSpec, options: RenderOptions = {}): Promise<Uint8Array> {
  return workbookToBuffer(await renderWorkbook(spec, options), extrasFromSpec(spec));
}
