import { AGENCY_COLUMNS } from '../domain/agency-schema';
import { SHEET_NAMES, type Lang } from '../workbook/labels';
import { columnLetter, estimateRowHeights, STYLE_PALETTE, tableRange, type CellSpec, type PrintSpec, type SheetSpec, type StyleKey, type TableSpec, type ValidationSpec, type WorkbookSpec } from '../workbook/spec';
import { DEFAULT_REQUEST_BUDGET_BYTES, jsonBytes, OPERATION_BYTES, RequestBudget } from './chunk';
import { PressdxSheetsExistError, SheetNameConflictError } from './errors';
import { chartOperations, queueSpecCharts } from './charts';
import type { IsSetSupported } from './host';
import { excelEntry, excelText } from './literal';
import { officeMessages } from './messages';

/**
 * Draws a WorkbookSpec into the live workbook through Office.js, in one Excel.run and a constant
 * number of syncs whatever the row count: one sync reads what the workbook holds, one sends
 * everything (more only when a request would pass Excel on the web's 5 MB limit).
 *
 * Order inside the write request, and why:
 * 1. old PressDX sheets are renamed aside, the new sheets added, then the old ones deleted (a
 *    workbook must keep a visible sheet, and the new sheets need the old names);
 * 2. per table: the header row, then tables.add over header + rows, so every table exists before
 *    any formula mentions it (formulas cross-reference tables: tblNhiemVu reads tblPhanCong);
 * 3. every table body as ONE 2D Range.formulas (constants and "=..." mixed, invariant syntax);
 * 4. names (their targets exist now), then validations (list sources are names);
 * 5. formats, locking, sheet settings; protection last (a protected sheet refuses formats).
 */

export const TABLE_STYLE = 'TableStyleLight9';

/** No password: protection guards formulas against slips; anyone who must can lift it. */
export const PROTECTION_OPTIONS: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true, allowSort: true };

export interface ExistingWorkbook {
  sheets: string[];
  tables: Array<{ name: string; sheet: string }>;
  names: string[];
  /** Table-less sheets (the guide) whose A1 carries the PressDX title. */
  titled: string[];
}

export interface RenderOptions {
  replaceExisting: boolean;
  isSetSupported: IsSetSupported;
  lang: Lang;
  onProgress?: (fraction: number, message: string) => void;
  /** Bytes per request before an early sync (tests lower it to exercise chunking). */
  requestBudgetBytes?: number;
  /** Key of the sheet to activate at the end. */
  activeSheetKey?: string;
}

export interface RenderResult {
  /** context.sync() calls made by the render. */
  syncs: number;
  sheetsCreated: string[];
  /** PressDX sheets that were deleted and recreated. */
  sheetsReplaced: string[];
  /** Charts drawn (0 where the host lacks ExcelApi 1.7: the tables carry the numbers). */
  charts: number;
}

/** Every PressDX guide starts with this title; a sheet without tables is PressDX's only when its A1 says so. */
export const PRESSDX_TITLE = 'PressDX';

const lower = (s: string) => s.toLowerCase();
const META_SHEET = SHEET_NAMES.vi.meta;
const GUIDE_SHEETS = [SHEET_NAMES.vi.guide, SHEET_NAMES.en.guide];

/** Table names that mark a sheet as PressDX's: the agency schema's and the spec's. */
function pressdxTableNames(spec?: WorkbookSpec): Set<string> {
  const names = new Set(Object.keys(AGENCY_COLUMNS).map(lower));
  for (const s of spec?.sheets ?? []) for (const t of s.tables) names.add(lower(t.name));
  return names;
}

function markedSheets(existing: Omit<ExistingWorkbook, 'titled'>, spec?: WorkbookSpec): Set<string> {
  const tables = pressdxTableNames(spec);
  const marked = new Set(existing.tables.filter((t) => tables.has(lower(t.name))).map((t) => lower(t.sheet)));
  marked.add(lower(META_SHEET));
  return marked;
}

/**
 * Sheets PressDX created, in workbook order: those holding a PressDX table, the meta sheet, and
 * table-less sheets (the guide) titled "PressDX…" in A1. Identity never rests on a name alone.
 */
export function pressdxSheets(existing: ExistingWorkbook, spec?: WorkbookSpec): string[] {
  const marked = markedSheets(existing, spec);
  for (const t of existing.titled) marked.add(lower(t));
  return existing.sheets.filter((s) => marked.has(lower(s)));
}

/**
 * Reads the names of sheets, tables (with their sheet) and workbook names in one sync; a second
 * sync reads A1 of the guide-named sheets, only when the workbook has one without PressDX tables.
 */
export async function inspectWorkbook(context: Excel.RequestContext, spec?: WorkbookSpec): Promise<{ existing: ExistingWorkbook; syncs: number }> {
  const sheets = context.workbook.worksheets.load('items/name');
  const tables = context.workbook.tables.load('items/name,items/worksheet/name');
  const names = context.workbook.names.load('items/name');
  await context.sync();
  const found = {
    sheets: sheets.items.map((s) => s.name),
    tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
    names: names.items.map((n) => n.name),
  };
  const candidates = new Set([...GUIDE_SHEETS, ...(spec?.sheets ?? []).filter((s) => s.tables.length === 0).map((s) => s.name)].map(lower));
  const marked = markedSheets(found, spec);
  const toCheck = found.sheets.filter((s) => candidates.has(lower(s)) && !marked.has(lower(s)));
  if (toCheck.length === 0) return { existing: { ...found, titled: [] }, syncs: 1 };
  const cells = toCheck.map((s) => context.workbook.worksheets.getItem(s).getRange('A1').load('values'));
  await context.sync();
  const titled = toCheck.filter((_, i) => String(cells[i].values[0]?.[0] ?? '').startsWith(PRESSDX_TITLE));
  return { existing: { ...found, titled }, syncs: 2 };
}

export interface ReplacementPlan {
  /** Existing PressDX sheets to delete. */
  oldSheets: string[];
  /** Existing workbook names the spec defines (or its tables would collide with), to delete. */
  oldNames: string[];
}

/** What must go before the spec can be drawn; throws when the user must decide or act first. */
export function planReplacement(existing: ExistingWorkbook, spec: WorkbookSpec, replaceExisting: boolean, lang: Lang): ReplacementPlan {
  const oldSheets = pressdxSheets(existing, spec);
  const old = new Set(oldSheets.map(lower));
  const userClashes = existing.sheets.filter((s) => !old.has(lower(s)) && spec.sheets.some((x) => lower(x.name) === lower(s)));
  if (userClashes.length > 0) throw new SheetNameConflictError(userClashes, lang);
  const ours = new Set([...spec.names.map((n) => lower(n.name)), ...spec.sheets.flatMap((s) => s.tables.map((t) => lower(t.name)))]);
  const oldNames = existing.names.filter((n) => ours.has(lower(n)));
  if (!replaceExisting && (oldSheets.length > 0 || oldNames.length > 0)) throw new PressdxSheetsExistError(oldSheets, oldNames, lang);
  return { oldSheets, oldNames };
}

// ---- geometry helpers -----------------------------------------------------------------------------

/** A1 address of a block, 1-based row and column. */
export function blockAddress(row: number, col: number, rows = 1, cols = 1): string {
  const a = `${columnLetter(col)}${row}`;
  return rows === 1 && cols === 1 ? a : `${a}:${columnLetter(col + cols - 1)}${row + rows - 1}`;
}

export interface Block<K> {
  row: number;
  col: number;
  rows: number;
  cols: number;
  key: K;
}

/**
 * Groups cells with equal keys into rectangles: vertical runs per column, then runs with the same
 * rows and key in adjacent columns are joined. Table columns share formats, so a sheet's formats
 * collapse to a handful of operations instead of one per cell.
 */
export function groupBlocks<K>(cells: Array<{ row: number; col: number; key: K }>, keyOf: (k: K) => string, joinColumns = true): Array<Block<K>> {
  const byCol = new Map<number, Array<{ row: number; key: K }>>();
  for (const c of cells) {
    const list = byCol.get(c.col) ?? [];
    list.push({ row: c.row, key: c.key });
    byCol.set(c.col, list);
  }
  const runs: Array<Block<K> & { id: string }> = [];
  for (const [col, list] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.row - b.row);
    for (const c of list) {
      const id = keyOf(c.key);
      const last = runs[runs.length - 1];
      if (last && last.col === col && last.id === id && last.row + last.rows === c.row) last.rows++;
      else runs.push({ row: c.row, col, rows: 1, cols: 1, key: c.key, id });
    }
  }
  const out: Array<Block<K> & { id: string }> = [];
  const open = new Map<string, Block<K> & { id: string }>();
  for (const r of runs) {
    const k = `${r.row}:${r.rows}:${r.id}`;
    const prev = joinColumns ? open.get(k) : undefined;
    if (prev && prev.col + prev.cols === r.col) prev.cols++;
    else {
      const b = { ...r };
      out.push(b);
      open.set(k, b);
    }
  }
  return out.map(({ row, col, rows, cols, key }) => ({ row, col, rows, cols, key }));
}

/** Column width: characters of the default font → points (7 px per character + 5 px padding, 96 dpi). */
export const widthPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

/** "&" starts a code in Excel's header language, so literal ampersands are doubled. */
const headerText = (s: string) => s.replace(/&/g, '&&');

/** A spec validation as an Office.js rule. */
export function validationRule(v: ValidationSpec): Excel.DataValidationRule {
  switch (v.type) {
    case 'list':
      return { list: { inCellDropDown: true, source: v.source } };
    case 'whole':
    case 'decimal': {
      const key = v.type === 'whole' ? 'wholeNumber' : 'decimal';
      if (v.min !== undefined && v.max !== undefined) return { [key]: { formula1: v.min, formula2: v.max, operator: 'Between' } };
      if (v.min !== undefined) return { [key]: { formula1: v.min, operator: 'GreaterThanOrEqualTo' } };
      if (v.max !== undefined) return { [key]: { formula1: v.max, operator: 'LessThanOrEqualTo' } };
      // Any number: Excel has no "is a number" operator, so the widest range stands in for it.
      return { [key]: { formula1: -9.99e307, formula2: 9.99e307, operator: 'Between' } };
    }
    case 'date':
      // Serial numbers as formulas: locale-free, unlike date strings.
      return { date: { formula1: `=${v.min}`, formula2: `=${v.max}`, operator: 'Between' } };
    case 'textLength':
      return { textLength: { formula1: v.max, operator: 'LessThanOrEqualTo' } };
  }
}

// ---- the render -----------------------------------------------------------------------------------

interface Located {
  row: number;
  col: number;
  cell: CellSpec;
}

/** Every cell the sheet spec draws (loose cells, table headers as style "header", table bodies). */
function sheetCells(s: SheetSpec): Located[] {
  const out: Located[] = s.cells.map((c) => ({ row: c.row, col: c.col, cell: c.cell }));
  for (const t of s.tables) {
    t.columns.forEach((c, j) => out.push({ row: t.row, col: t.col + j, cell: { role: 'fixed', style: 'header', value: c.header, wrap: true } }));
    t.rows.forEach((r, i) =>
      r.forEach((cell, j) => {
        const column = t.columns[j];
        out.push({ row: t.row + 1 + i, col: t.col + j, cell: { ...cell, numberFormat: cell.numberFormat ?? column?.numberFormat, wrap: cell.wrap ?? column?.wrap } });
      }),
    );
  }
  return out;
}

/** Rows of a table body as one 2D array for Range.formulas. */
export function tableBody(t: TableSpec): Array<Array<string | number | boolean>> {
  return t.rows.map((r) => t.columns.map((_, j) => excelEntry(r[j]?.value, r[j]?.formula)));
}

export async function renderWorkbookSpec(context: Excel.RequestContext, spec: WorkbookSpec, o: RenderOptions): Promise<RenderResult> {
  const msg = officeMessages(o.lang);
  const progress = o.onProgress ?? (() => undefined);
  const canSuspend = o.isSetSupported('ExcelApi', '1.6');
  const suspend = () => {
    if (canSuspend) context.workbook.application.suspendApiCalculationUntilNextSync();
  };
  let syncs = 0;

  progress(0.05, msg.inspecting);
  const inspected = await inspectWorkbook(context, spec);
  const existing = inspected.existing;
  syncs += inspected.syncs;
  const plan = planReplacement(existing, spec, o.replaceExisting, o.lang);

  progress(0.2, msg.writing);
  const budget = new RequestBudget(context, o.requestBudgetBytes ?? DEFAULT_REQUEST_BUDGET_BYTES, (n) => {
    // Each early sync ends the suspension; the next request suspends again.
    suspend();
    progress(Math.min(0.2 + n * 0.05, 0.85), msg.writingPart(n + 1));
  });
  // Reserve before queueing, so an early sync never sends a request past the budget.
  const op = (extra: unknown = null, count = 1) => budget.reserve(count * OPERATION_BYTES + jsonBytes(extra));
  suspend();

  // 1. Make room: rename old PressDX sheets aside, add the new ones, delete the old ones.
  const sheetsApi = context.workbook.worksheets;
  const taken = new Set(existing.sheets.map(lower));
  const asideName = (i: number) => {
    let n = i;
    while (taken.has(lower(`~pdx${n}`))) n++;
    taken.add(lower(`~pdx${n}`));
    return `~pdx${n}`;
  };
  await op([plan.oldSheets, spec.sheets.map((s) => s.name), plan.oldNames], 2 * plan.oldSheets.length + spec.sheets.length + plan.oldNames.length);
  const old = plan.oldSheets.map((name, i) => {
    const ws = sheetsApi.getItem(name);
    ws.name = asideName(i);
    return ws;
  });
  const jobs = spec.sheets.map((s) => ({ spec: s, ws: sheetsApi.add(s.name) }));
  for (const ws of old) ws.delete();
  for (const n of plan.oldNames) context.workbook.names.getItem(n).delete();

  // 2. Structure: widths, fixed text, merges, then each table's header and the table itself.
  for (const { spec: s, ws } of jobs) {
    let from = 0;
    for (let i = 1; i <= s.columnWidths.length; i++) {
      if (i < s.columnWidths.length && s.columnWidths[i] === s.columnWidths[from]) continue;
      await op();
      ws.getRange(`${columnLetter(from + 1)}:${columnLetter(i)}`).format.columnWidth = widthPoints(s.columnWidths[from]);
      from = i;
    }
    const constants = s.cells.filter((c) => c.cell.formula === undefined);
    // Consecutive cells of a column (the guide's lines) go as one column write.
    for (const b of groupBlocks(constants.map((c) => ({ row: c.row, col: c.col, key: c.cell })), () => 'text', false)) {
      const rows = constants.filter((c) => c.col === b.col && c.row >= b.row && c.row < b.row + b.rows).sort((x, y) => x.row - y.row);
      const values = rows.map((c) => [excelEntry(c.cell.value)]);
      await budget.writeRows(values, (a, e) => (ws.getRange(blockAddress(b.row + a, b.col, e - a, 1)).values = values.slice(a, e)));
    }
    for (const c of s.cells) {
      if (c.mergeToCol === undefined || c.mergeToCol <= c.col) continue;
      await op();
      ws.getRange(blockAddress(c.row, c.col, 1, c.mergeToCol - c.col + 1)).merge(false);
    }
    for (const t of s.tables) {
      const header = [t.columns.map((c) => excelText(c.header))];
      await op(header);
      ws.getRange(blockAddress(t.row, t.col, 1, t.columns.length)).values = header;
      await op(t.name, 4);
      const table = ws.tables.add(tableRange(t), true);
      table.name = t.name;
      table.style = TABLE_STYLE;
      // Filter buttons would cover headers and get in the way of printing, as in the file renderer.
      if (o.isSetSupported('ExcelApi', '1.3')) table.showFilterButton = false;
    }
  }

  // 3. Table bodies (one 2D write each, chunked only past the budget) and loose formulas.
  for (const { spec: s, ws } of jobs) {
    for (const t of s.tables) {
      if (t.rows.length === 0) continue;
      const body = tableBody(t);
      await budget.writeRows(body, (a, e) => (ws.getRange(blockAddress(t.row + 1 + a, t.col, e - a, t.columns.length)).formulas = body.slice(a, e)));
    }
    for (const c of s.cells) {
      if (c.cell.formula === undefined) continue;
      await op(c.cell.formula);
      ws.getRange(blockAddress(c.row, c.col)).formulas = [[c.cell.formula]];
    }
  }

  // 4. Names, which validations and formulas use.
  for (const n of spec.names) {
    await op(n);
    context.workbook.names.add(n.name, `=${n.refersTo}`, n.comment);
  }

  // 5. Formats, locks, validations per sheet.
  for (const { spec: s, ws } of jobs) {
    const cells = sheetCells(s);
    for (const t of s.tables) {
      if (t.rows.length === 0) continue;
      const formats = t.rows.map((r) => t.columns.map((c, j) => r[j]?.numberFormat ?? c.numberFormat ?? 'General'));
      if (formats.every((r) => r.every((f) => f === 'General'))) continue;
      await budget.writeRows(formats, (a, e) => (ws.getRange(blockAddress(t.row + 1 + a, t.col, e - a, t.columns.length)).numberFormat = formats.slice(a, e)));
    }
    for (const c of s.cells) {
      if (!c.cell.numberFormat) continue;
      await op(c.cell.numberFormat);
      ws.getRange(blockAddress(c.row, c.col)).numberFormat = [[c.cell.numberFormat]];
    }
    const styled = cells.flatMap((c) => (c.cell.style ? [{ row: c.row, col: c.col, key: c.cell.style }] : []));
    for (const b of groupBlocks<StyleKey>(styled, (k) => k)) {
      const palette = STYLE_PALETTE[b.key];
      const f = palette.font ?? {};
      // One operation per property set.
      await op(null, 5);
      const format = ws.getRange(blockAddress(b.row, b.col, b.rows, b.cols)).format;
      if (palette.fill) format.fill.color = `#${palette.fill}`;
      if (f.bold) format.font.bold = true;
      if (f.italic) format.font.italic = true;
      if (f.color) format.font.color = `#${f.color}`;
      if (f.size) format.font.size = f.size;
    }
    for (const b of groupBlocks(cells.map((c) => ({ row: c.row, col: c.col, key: c.cell.wrap === true })), String)) {
      await op(null, 2);
      const format = ws.getRange(blockAddress(b.row, b.col, b.rows, b.cols)).format;
      // Top alignment keeps wrapped rows readable, as in the file renderer.
      format.verticalAlignment = 'Top';
      if (b.key) format.wrapText = true;
    }
    for (const b of groupBlocks(cells.filter((c) => c.cell.role === 'input').map((c) => ({ row: c.row, col: c.col, key: true })), () => 'input')) {
      await op();
      ws.getRange(blockAddress(b.row, b.col, b.rows, b.cols)).format.protection.locked = false;
    }
    const validated = cells.filter((c): c is Located & { cell: { validation: ValidationSpec } } => c.cell.validation !== undefined);
    for (const b of groupBlocks(validated.map((c) => ({ row: c.row, col: c.col, key: c.cell.validation })), (v) => JSON.stringify(v))) {
      const v = b.key;
      await op(v, 3);
      const dv = ws.getRange(blockAddress(b.row, b.col, b.rows, b.cols)).dataValidation;
      dv.rule = validationRule(v);
      dv.prompt = { showPrompt: true, title: v.promptTitle.slice(0, 32), message: v.prompt.slice(0, 255) };
      dv.errorAlert = { showAlert: true, style: 'Stop', title: v.errorTitle.slice(0, 32), message: v.error.slice(0, 255) };
    }
  }

  // 6. Sheet settings; activation before hiding; protection last.
  progress(0.9, msg.finishing);
  const canPrint = o.isSetSupported('ExcelApi', '1.9');
  for (const { spec: s, ws } of jobs) {
    await op(s.print ?? null, 8);
    if (s.freezeRows > 0) ws.freezePanes.freezeRows(s.freezeRows);
    if (s.tabColor) ws.tabColor = `#${s.tabColor}`;
    if (s.print && canPrint) applyPrint(ws, s.print);
    for (const [row, height] of estimateRowHeights(s)) {
      await op();
      ws.getRange(`A${row}`).format.rowHeight = height;
    }
  }
  const active = jobs.find((j) => j.spec.key === (o.activeSheetKey ?? 'info') && j.spec.visible) ?? jobs.find((j) => j.spec.visible);
  await op();
  active?.ws.activate();
  // Charts before the protection: a protected sheet refuses them.
  await op(null, chartOperations(spec));
  const charts = queueSpecCharts(context, spec, o.isSetSupported);
  for (const { spec: s, ws } of jobs) {
    await op(null, 2);
    if (!s.visible) ws.visibility = 'Hidden';
    if (s.protect) ws.protection.protect(PROTECTION_OPTIONS);
  }
  await budget.flush();
  syncs += budget.syncs;
  progress(1, msg.done(spec.sheets.length));
  return { syncs, sheetsCreated: spec.sheets.map((s) => s.name), sheetsReplaced: plan.oldSheets, charts };
}

/** A4, orientation, fit to one page wide, repeated header rows, unit and year in the page header (ExcelApi 1.9). */
function applyPrint(ws: Excel.Worksheet, p: PrintSpec): void {
  const layout = ws.pageLayout;
  layout.paperSize = 'A4';
  layout.orientation = p.landscape ? 'Landscape' : 'Portrait';
  // 0 pages tall = as many as needed, so only the width is forced onto one page.
  if (p.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (p.repeatRows) layout.setPrintTitleRows(`$${p.repeatRows[0]}:$${p.repeatRows[1]}`);
  layout.headersFooters.defaultForAllPages.leftHeader = headerText(p.header);
  layout.headersFooters.defaultForAllPages.rightHeader = '&P/&N';
}
