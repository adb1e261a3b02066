import type * as ExcelJSTypes from 'exceljs';
import { serialToUtcDate, type Scalar } from '../domain/values';
import type { CellModel, SheetModel, ValidationModel, WorkbookModel } from '../fake-excel';
import { columnLetters, MAX_COLS } from '../fake-excel/address';
import { applyPackageExtras, type CalculatedColumn } from '../xlsx/package';
import type { ComputedValues } from './computed';

/**
 * The in-memory workbook as an .xlsx file for Excel: values, formulas (with the engine's values
 * cached as their results, for viewers that never recalculate), formats, tables, names,
 * validations, protection and page setup. ExcelJS does the writing; what it cannot write (names
 * over structured references, tables' calculated-column formulas) is patched into the package
 * with the same functions the CLI's renderer uses. Loaded lazily: ExcelJS stays out of the
 * workbench's initial bundle, as it does out of the task pane's.
 */

type ExcelJSModule = typeof ExcelJSTypes;

async function loadExcelJs(): Promise<ExcelJSModule> {
  const mod = (await import('exceljs')) as ExcelJSModule & { default?: ExcelJSModule };
  return mod.default ?? mod;
}

const ERROR_CODES = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'];
const errorValue = (code: string): ExcelJSTypes.CellErrorValue => ({ error: (ERROR_CODES.includes(code) ? code : '#N/A') as ExcelJSTypes.CellErrorValue['error'] });

function constant(v: Scalar): ExcelJSTypes.CellValue {
  if (v === null) return null;
  if (typeof v === 'object') return errorValue(v.error);
  return v;
}

function formulaValue(formula: string, result: Scalar | undefined): ExcelJSTypes.CellValue {
  const f = formula.replace(/^=/, '');
  if (result === undefined || result === null) return { formula: f, result: '' } as ExcelJSTypes.CellFormulaValue;
  if (typeof result === 'object') return { formula: f, result: errorValue(result.error) };
  return { formula: f, result };
}

const argb = (hex: string) => ({ argb: `FF${hex.replace(/^#/, '').toUpperCase()}` });

const HORIZONTAL: Record<string, ExcelJSTypes.Alignment['horizontal'] | undefined> = {
  Left: 'left', Center: 'center', Right: 'right', Fill: 'fill', Justify: 'justify', CenterAcrossSelection: 'centerContinuous', Distributed: 'distributed',
};
const VERTICAL: Record<string, ExcelJSTypes.Alignment['vertical'] | undefined> = { Top: 'top', Center: 'middle', Bottom: 'bottom', Justify: 'justify', Distributed: 'distributed' };

function styleCell(target: ExcelJSTypes.Cell, c: Readonly<CellModel>): void {
  if (c.numberFormat && c.numberFormat !== 'General') target.numFmt = c.numberFormat;
  if (c.fill) target.fill = { type: 'pattern', pattern: 'solid', fgColor: argb(c.fill) };
  const f = c.font;
  if (f.bold || f.italic || f.underline || f.color.toUpperCase() !== '#000000' || f.size !== 11 || f.name !== 'Calibri') {
    target.font = { name: f.name, size: f.size, bold: f.bold, italic: f.italic, underline: f.underline, color: argb(f.color) };
  }
  const horizontal = HORIZONTAL[c.horizontalAlignment];
  const vertical = VERTICAL[c.verticalAlignment];
  if (horizontal || (vertical && vertical !== 'bottom') || c.wrap) target.alignment = { horizontal, vertical, wrapText: c.wrap || undefined };
  if (!c.locked) target.protection = { locked: false };
}

const OPERATORS: Record<string, ExcelJSTypes.DataValidationOperator> = {
  Between: 'between', NotBetween: 'notBetween', EqualTo: 'equal', NotEqualTo: 'notEqual', GreaterThan: 'greaterThan',
  LessThan: 'lessThan', GreaterThanOrEqualTo: 'greaterThanOrEqual', LessThanOrEqualTo: 'lessThanOrEqual',
};

/** A validation operand ("=45658", "=lstDonVi", "=$A$1:$A$5") as ExcelJS writes it. */
function operand(formula: string | undefined, date: boolean): unknown {
  const body = (formula ?? '').replace(/^=/, '');
  const n = Number(body);
  if (body !== '' && Number.isFinite(n)) return date ? serialToUtcDate(n) : n;
  return body;
}

function dataValidation(v: ValidationModel): ExcelJSTypes.DataValidation | undefined {
  const r = v.rule;
  const common = {
    allowBlank: v.ignoreBlanks,
    showInputMessage: v.prompt?.showPrompt ?? false,
    promptTitle: v.prompt?.title || undefined,
    prompt: v.prompt?.message || undefined,
    showErrorMessage: v.errorAlert?.showAlert ?? true,
    errorStyle: (v.errorAlert?.style ?? 'Stop').toLowerCase(),
    errorTitle: v.errorAlert?.title || undefined,
    error: v.errorAlert?.message || undefined,
  };
  switch (r.kind) {
    case 'none':
      return undefined;
    case 'list': {
      const source = r.source ?? '';
      return { ...common, type: 'list', formulae: [source.startsWith('=') ? source.slice(1) : `"${source}"`] };
    }
    case 'custom':
      return { ...common, type: 'custom', formulae: [operand(r.formula1, false)] };
    default: {
      // ExcelJS writes the type attribute as given; its typings leave out "time".
      const type = (r.kind === 'wholeNumber' ? 'whole' : r.kind) as ExcelJSTypes.DataValidation['type'];
      const date = r.kind === 'date' || r.kind === 'time';
      const formulae = [operand(r.formula1, date), ...(r.formula2 !== undefined ? [operand(r.formula2, date)] : [])];
      return { ...common, type, operator: OPERATORS[r.operator ?? 'Between'] ?? 'between', formulae };
    }
  }
}

interface ValidationSink {
  add(address: string, validation: ExcelJSTypes.DataValidation): void;
}

function validationsOf(ws: ExcelJSTypes.Worksheet): ValidationSink | undefined {
  const dv: unknown = (ws as unknown as { dataValidations?: unknown }).dataValidations;
  return typeof dv === 'object' && dv !== null && 'add' in dv && typeof dv.add === 'function' ? (dv as ValidationSink) : undefined;
}

/** Each column's validations as vertical runs of equal rules (ExcelJS's per-cell validations overlap). */
function writeValidations(ws: ExcelJSTypes.Worksheet, cells: Array<[number, number, Readonly<CellModel>]>): void {
  const sink = validationsOf(ws);
  if (!sink) return;
  const byCol = new Map<number, Array<[number, string, ValidationModel]>>();
  for (const [row, col, c] of cells) {
    if (!c.validation || c.validation.rule.kind === 'none') continue;
    if (!byCol.has(col)) byCol.set(col, []);
    byCol.get(col)!.push([row, JSON.stringify(c.validation), c.validation]);
  }
  for (const [col, list] of byCol) {
    list.sort((a, b) => a[0] - b[0]);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && list[i][1] === list[start][1] && list[i][0] === list[i - 1][0] + 1) continue;
      const dv = dataValidation(list[start][2]);
      const top = `${columnLetters(col)}${list[start][0] + 1}`;
      const end = list[i - 1][0];
      if (dv) sink.add(end > list[start][0] ? `${top}:${columnLetters(col)}${end + 1}` : top, dv);
      start = i;
    }
  }
}

/** Points (what Office.js measures) to Excel's width in characters of the default font. */
const widthChars = (points: number) => Math.max(0, Math.round(((points * 4) / 3 - 5) / 7 * 100) / 100);

function sheetState(s: SheetModel): ExcelJSTypes.WorksheetState {
  return s.visibility === 'Visible' ? 'visible' : s.visibility === 'Hidden' ? 'hidden' : 'veryHidden';
}

async function writeSheet(wb: ExcelJSTypes.Workbook, model: WorkbookModel, s: SheetModel, computed: ComputedValues): Promise<void> {
  const ws = wb.addWorksheet(s.name, {
    state: sheetState(s),
    ...(s.tabColor ? { properties: { tabColor: argb(s.tabColor) } as ExcelJSTypes.WorksheetProperties } : {}),
    views: [
      s.freeze.rows > 0 || s.freeze.cols > 0
        ? { state: 'frozen', xSplit: s.freeze.cols, ySplit: s.freeze.rows, showGridLines: s.showGridlines }
        : { state: 'normal', showGridLines: s.showGridlines },
    ],
  });
  for (const [col, points] of s.columnWidths) ws.getColumn(col + 1).width = widthChars(points);
  for (const [row, points] of s.rowHeights) ws.getRow(row + 1).height = points;

  const values = computed.get(s.name);
  const cellValue = (row: number, col: number, c: Readonly<CellModel>): ExcelJSTypes.CellValue => {
    if (c.formula) return formulaValue(c.formula, values?.get(`${columnLetters(col)}${row + 1}`)?.result);
    return constant(c.value);
  };

  for (const t of model.tables.filter((x) => x.sheet === s)) {
    const first = t.showHeaders ? 1 : 0;
    const rows: ExcelJSTypes.CellValue[][] = [];
    for (let r = first; r < t.rect.rows - (t.showTotals ? 1 : 0); r++) {
      const row: ExcelJSTypes.CellValue[] = [];
      for (let c = 0; c < t.rect.cols; c++) row.push(cellValue(t.rect.top + r, t.rect.left + c, s.cell(t.rect.top + r, t.rect.left + c)));
      rows.push(row);
    }
    ws.addTable({
      name: t.name,
      displayName: t.name,
      ref: `${columnLetters(t.rect.left)}${t.rect.top + 1}`,
      headerRow: t.showHeaders,
      totalsRow: false,
      style: { theme: t.style as ExcelJSTypes.TableStyleProperties['theme'], showRowStripes: t.showBandedRows, showColumnStripes: t.showBandedColumns },
      columns: t.columnNames.map((name) => ({ name, filterButton: t.showFilterButton })),
      rows: rows.length > 0 ? rows : [t.columnNames.map(() => null)],
    });
  }

  const cells: Array<[number, number, Readonly<CellModel>]> = [];
  for (const [k, c] of s.cells) cells.push([Math.floor(k / MAX_COLS), k % MAX_COLS, c]);
  cells.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [row, col, c] of cells) {
    const target = ws.getCell(row + 1, col + 1);
    target.value = cellValue(row, col, c);
    styleCell(target, c);
  }
  for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.top + m.rows, m.left + m.cols);
  writeValidations(ws, cells);

  const p = s.pageLayout;
  ws.pageSetup.orientation = p.orientation === 'Landscape' ? 'landscape' : 'portrait';
  if (p.paperSize === 'A4') ws.pageSetup.paperSize = 9;
  if (p.zoom.horizontalFitToPages !== undefined || p.zoom.verticalFitToPages !== undefined) {
    ws.pageSetup.fitToPage = true;
    ws.pageSetup.fitToWidth = p.zoom.horizontalFitToPages ?? 0;
    ws.pageSetup.fitToHeight = p.zoom.verticalFitToPages ?? 0;
  }
  if (p.printTitleRows) ws.pageSetup.printTitlesRow = p.printTitleRows.replace(/\$/g, '');
  if (p.printArea) ws.pageSetup.printArea = p.printArea.replace(/\$/g, '');
  ws.pageSetup.horizontalCentered = p.centerHorizontally;
  const hf = p.headersFooters;
  const part = (code: string, text: string) => (text ? `&${code}${text}` : '');
  const header = part('L', hf.leftHeader) + part('C', hf.centerHeader) + part('R', hf.rightHeader);
  const footer = part('L', hf.leftFooter) + part('C', hf.centerFooter) + part('R', hf.rightFooter);
  if (header) ws.headerFooter.oddHeader = header;
  if (footer) ws.headerFooter.oddFooter = footer;

  if (s.protection.protected) {
    const o = s.protection.options;
    await ws.protect(s.protection.password ?? '', {
      selectLockedCells: o.selectionMode !== 'None' && o.selectionMode !== 'Unlocked',
      selectUnlockedCells: o.selectionMode !== 'None',
      formatCells: o.allowFormatCells === true,
      formatColumns: o.allowFormatColumns === true,
      formatRows: o.allowFormatRows === true,
      insertColumns: o.allowInsertColumns === true,
      insertRows: o.allowInsertRows === true,
      insertHyperlinks: o.allowInsertHyperlinks === true,
      deleteColumns: o.allowDeleteColumns === true,
      deleteRows: o.allowDeleteRows === true,
      sort: o.allowSort === true,
      autoFilter: o.allowAutoFilter === true,
      pivotTables: o.allowPivotTables === true,
      objects: o.allowEditObjects === true,
      scenarios: o.allowEditScenarios === true,
    });
  }
}

/** A table column counts as calculated when every data row holds the same formula. */
function calculatedColumns(model: WorkbookModel): CalculatedColumn[] {
  const out: CalculatedColumn[] = [];
  for (const t of model.tables) {
    const names = t.columnNames;
    for (let c = 0; c < t.rect.cols; c++) {
      const formulas = new Set<string | null>();
      for (let r = 1; r < t.rect.rows; r++) formulas.add(t.sheet.cell(t.rect.top + r, t.rect.left + c).formula);
      const only = [...formulas][0];
      if (formulas.size === 1 && only) out.push({ table: t.name, column: names[c], formula: only.replace(/^=/, '') });
    }
  }
  return out;
}

/** The workbook as .xlsx bytes, formula cells carrying the engine's values as cached results. */
export async function modelToXlsx(model: WorkbookModel, computed: ComputedValues, now = new Date()): Promise<Uint8Array> {
  const ExcelJS = await loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PressDX workbench';
  wb.lastModifiedBy = 'PressDX workbench';
  wb.created = now;
  wb.modified = now;
  // The cached results are PressDX's; Excel recalculates everything when it opens the file.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const s of model.sheets) await writeSheet(wb, model, s, computed);
  const active = model.activeSheet ? model.sheets.indexOf(model.activeSheet) : 0;
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: Math.max(0, active), visibility: 'visible' }];

  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  const names = model.names.map((n) => ({ name: n.name, refersTo: n.formula.replace(/^=/, ''), ...(n.comment ? { comment: n.comment } : {}) }));
  return applyPackageExtras(raw, { names, calculatedColumns: calculatedColumns(model) });
}
