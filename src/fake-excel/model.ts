import { bottom, cellCount, columnLetters, contains, formatRect, intersects, MAX_COLS, MAX_ROWS, parseAddress, quoteSheetName, right, splitSheet, type Rect } from './address';
import { parseEntry, type EntryLocale } from './entry';
import { fakeError, FakeOfficeError } from './errors';
import type {
  CellModel,
  ChartModel,
  ChartRefModel,
  FontModel,
  ModelValue,
  PageLayoutModel,
  ProtectionOptions,
  SheetVisibility,
  ValidationModel,
  ValidationRuleModel,
} from './model-types';

export type * from './model-types';

/**
 * The workbook the fake holds: a real grid (values, formulas, formats, protection, validation,
 * merges), tables that move with inserted rows, workbook names and sheet settings. Every method
 * enforces Excel's rules and throws FakeOfficeError like Excel would; the Office.js-shaped facade
 * (facade/) only queues calls to these methods and runs them at sync.
 * Formulas are stored, never computed: `value` of a formula cell is its cached result (null until
 * an evaluator fills it).
 */

const DEFAULT_FONT: FontModel = Object.freeze({ bold: false, italic: false, underline: false, color: '#000000', size: 11, name: 'Calibri' });

function defaultCell(): CellModel {
  return {
    value: null,
    formula: null,
    quotePrefix: false,
    numberFormat: 'General',
    fill: null,
    font: { ...DEFAULT_FONT },
    wrap: false,
    locked: true,
    horizontalAlignment: 'General',
    verticalAlignment: 'Bottom',
    validation: null,
  };
}

const DEFAULT_CELL: Readonly<CellModel> = Object.freeze(defaultCell());

/** Excel's default column width: 8.43 characters of Calibri 11, i.e. 64 px = 48 pt. */
export const DEFAULT_COLUMN_WIDTH_POINTS = 48;

/** Cell-by-cell operations beyond this many cells would exhaust memory; Excel itself handles them with sheet-level formats. */
const MAX_CELL_OPERATION = 2_000_000;

const key = (row: number, col: number) => row * MAX_COLS + col;
const lower = (s: string) => s.toLowerCase();

export class SheetModel {
  name: string;
  visibility: SheetVisibility = 'Visible';
  tabColor: string | null = null;
  protection: { protected: boolean; options: ProtectionOptions; password: string | null } = { protected: false, options: {}, password: null };
  freeze = { rows: 0, cols: 0 };
  /** Points, by 0-based column; absent = default width. */
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly cells = new Map<number, CellModel>();
  merges: Rect[] = [];
  readonly charts: ChartModel[] = [];
  pageLayout: PageLayoutModel = {
    orientation: 'Portrait',
    paperSize: 'Letter',
    zoom: { scale: 100 },
    printTitleRows: null,
    printTitleColumns: null,
    printArea: null,
    centerHorizontally: false,
    headersFooters: { leftHeader: '', centerHeader: '', rightHeader: '', leftFooter: '', centerFooter: '', rightFooter: '' },
  };
  showGridlines = true;
  deleted = false;

  constructor(
    readonly id: string,
    name: string,
  ) {
    this.name = name;
  }

  /** The cell at (row, col), 0-based; a shared default for cells never touched (do not mutate). */
  cell(row: number, col: number): Readonly<CellModel> {
    return this.cells.get(key(row, col)) ?? DEFAULT_CELL;
  }

  /** The cell at an A1 address such as "C5" (tests and the workbench read cells this way). */
  at(address: string): Readonly<CellModel> {
    const { rect } = parseAddress(address);
    return this.cell(rect.top, rect.left);
  }

  ensure(row: number, col: number): CellModel {
    const k = key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = defaultCell();
      this.cells.set(k, c);
    }
    return c;
  }

  columnWidth(col: number): number {
    return this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH_POINTS;
  }

  /** The smallest rectangle holding every cell that has a value or formula, or null. */
  usedRect(valuesOnly = true): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bot = -1;
    let rig = -1;
    for (const [k, c] of this.cells) {
      if (valuesOnly && c.value === null && c.formula === null) continue;
      const row = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      top = Math.min(top, row);
      left = Math.min(left, col);
      bot = Math.max(bot, row);
      rig = Math.max(rig, col);
    }
    return bot < 0 ? null : { top, left, rows: bot - top + 1, cols: rig - left + 1 };
  }
}

export class TableModel {
  style = 'TableStyleMedium2';
  showHeaders = true;
  showTotals = false;
  showBandedRows = true;
  showBandedColumns = false;
  showFilterButton = true;
  deleted = false;

  constructor(
    readonly id: string,
    public name: string,
    readonly sheet: SheetModel,
    /** Header row included. */
    public rect: Rect,
  ) {}

  get headerRect(): Rect {
    return { top: this.rect.top, left: this.rect.left, rows: 1, cols: this.rect.cols };
  }

  get dataRect(): Rect {
    return { top: this.rect.top + 1, left: this.rect.left, rows: this.rect.rows - 1, cols: this.rect.cols };
  }

  /** Column names: the header cells' text. */
  get columnNames(): string[] {
    const out: string[] = [];
    for (let c = 0; c < this.rect.cols; c++) out.push(String(this.sheet.cell(this.rect.top, this.rect.left + c).value ?? ''));
    return out;
  }
}

export interface NameModel {
  name: string;
  /** "=..." */
  formula: string;
  comment: string;
  visible: boolean;
}

export interface WorkbookModelOptions {
  /** How typed strings are parsed (dates, decimal separator). */
  locale?: EntryLocale;
  /** Sheets of the new workbook; Excel starts with one called Sheet1. */
  sheets?: string[];
}

/** The Excel.ChartType values the fake accepts (those PressDX might draw, and their close kin). */
export const CHART_TYPES: ReadonlySet<string> = new Set([
  'ColumnClustered', 'ColumnStacked', 'ColumnStacked100', 'BarClustered', 'BarStacked', 'BarStacked100', 'Line', 'LineMarkers',
  'LineStacked', 'Pie', 'Doughnut', 'Area', 'XYScatter', 'XYScatterLines', 'Radar', 'RadarMarkers', 'RadarFilled',
]);

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;
const IDENTIFIER = /^[A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*$/;
const looksLikeCell = (s: string) => /^[A-Za-z]{1,3}\d+$/.test(s) || /^R\d*C\d*$/i.test(s) || /^[RC]$/i.test(s);

/** Strips string literals so references are searched only in formula code. */
const code = (formula: string) => formula.replace(/"(?:[^"]|"")*"/g, '""');

/** The column names inside a structured reference's brackets, specials (#This Row, #Data…) dropped. */
function structuredColumns(inner: string): string[] {
  const unescape = (s: string) => s.replace(/'(.)/g, '$1');
  const cols: string[] = [];
  // Innermost bracket groups, honouring the ' escape.
  const re = /\[((?:'.|[^[\]'])*)\]/g;
  const content = inner.startsWith('[') ? inner : `[${inner}]`;
  for (const m of content.matchAll(re)) {
    let name = m[1].trim();
    if (name === '' || name.startsWith('#')) continue;
    if (name.startsWith('@')) name = name.slice(1).trim();
    if (name === '' || name.startsWith('[')) continue;
    cols.push(unescape(name));
  }
  return cols;
}

/** Every "Name[...]" structured reference of a formula, with its bracket content. */
function structuredRefs(formula: string): Array<{ table: string; inner: string }> {
  const f = code(formula);
  const out: Array<{ table: string; inner: string }> = [];
  const re = /([A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*)\[/g;
  for (let m = re.exec(f); m; m = re.exec(f)) {
    // Walk to the matching bracket, skipping ' escapes.
    let depth = 0;
    let i = m.index + m[1].length;
    const start = i;
    for (; i < f.length; i++) {
      const ch = f[i];
      if (ch === "'") {
        i++;
        continue;
      }
      if (ch === '[') depth++;
      if (ch === ']' && --depth === 0) break;
    }
    if (depth !== 0) throw fakeError('InvalidArgument', undefined, `unbalanced brackets in ${formula}`);
    out.push({ table: m[1], inner: f.slice(start + 1, i) });
    re.lastIndex = i + 1;
  }
  return out;
}

/** Sheet names a formula refers to ('Thông tin'!$C$5, Sheet1!A1). */
function sheetRefs(formula: string): string[] {
  const f = code(formula);
  const names: string[] = [];
  for (const m of f.matchAll(/'((?:[^']|'')+)'!/g)) names.push(m[1].replace(/''/g, "'"));
  for (const m of f.replace(/'(?:[^']|'')+'!/g, '').matchAll(/(?<![#A-Za-z0-9_.\u00C0-\uFFFF])([A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*)!/g)) names.push(m[1]);
  return names;
}

function checkBalanced(formula: string, location: string): void {
  const f = code(formula);
  if ((formula.match(/"/g)?.length ?? 0) % 2 !== 0) throw fakeError('InvalidArgument', location, `unbalanced quotes in ${formula}`);
  let depth = 0;
  for (const ch of f) {
    if (ch === '(') depth++;
    if (ch === ')' && --depth < 0) break;
  }
  if (depth !== 0) throw fakeError('InvalidArgument', location, `unbalanced parentheses in ${formula}`);
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  readonly tables: TableModel[] = [];
  readonly names: NameModel[] = [];
  activeSheet: SheetModel | null = null;
  readonly locale: EntryLocale;
  calculationMode: 'Automatic' | 'Manual' | 'AutomaticExceptTables' = 'Automatic';
  /** True while a sync runs after suspendApiCalculationUntilNextSync(). */
  calculationSuspended = false;
  /** How many syncs ran with calculation suspended (tests read this). */
  suspendedSyncs = 0;
  /** Application.calculate requests, and whether calculation was suspended when each ran. */
  readonly calculations: Array<{ type: string; suspended: boolean }> = [];
  /** What Range.select last selected. */
  selection: { sheet: SheetModel; rect: Rect } | null = null;
  private nextId = 1;

  constructor(options: WorkbookModelOptions = {}) {
    this.locale = options.locale ?? 'vi-VN';
    for (const name of options.sheets ?? ['Sheet1']) this.addSheet(name);
    this.activeSheet = this.sheets[0] ?? null;
  }

  private id(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(8, '0')}}`;
  }

  // ---- sheets -------------------------------------------------------------------------------

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => lower(s.name) === lower(name));
  }

  /** By name or id, as WorksheetCollection.getItem accepts. */
  sheetByKey(k: string): SheetModel | undefined {
    return this.sheet(k) ?? this.sheets.find((s) => s.id === k);
  }

  requireSheet(name: string, location = 'WorksheetCollection.getItem'): SheetModel {
    const s = this.sheet(name);
    if (!s) throw fakeError('ItemNotFound', location, `sheet "${name}"`);
    return s;
  }

  private validateSheetName(name: string, except: SheetModel | null, location: string): void {
    if (name.length === 0 || name.length > 31 || SHEET_NAME_FORBIDDEN.test(name) || name.startsWith("'") || name.endsWith("'") || lower(name) === 'history') {
      throw fakeError('InvalidArgument', location, `sheet name "${name}"`);
    }
    const other = this.sheet(name);
    if (other && other !== except) throw fakeError('ItemAlreadyExists', location, `sheet "${name}"`);
  }

  addSheet(name?: string): SheetModel {
    let n = name;
    if (n === undefined) {
      let i = this.sheets.length + 1;
      while (this.sheet(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    this.validateSheetName(n, null, 'WorksheetCollection.add');
    const s = new SheetModel(this.id('sheet'), n);
    this.sheets.push(s);
    return s;
  }

  private visibleSheets(): SheetModel[] {
    return this.sheets.filter((s) => s.visibility === 'Visible');
  }

  deleteSheet(sheet: SheetModel): void {
    if (sheet.visibility === 'Visible' && this.visibleSheets().length === 1) throw fakeError('InvalidOperation', 'Worksheet.delete', 'a workbook must keep one visible sheet');
    for (const t of this.tables.filter((x) => x.sheet === sheet)) this.removeTable(t);
    const ref = new RegExp(`(^|[^A-Za-z0-9_.'\\u00C0-\\uFFFF])${sheetPrefix(sheet.name)}`, 'i');
    for (const n of this.names) if (ref.test(code(n.formula))) n.formula = '=#REF!';
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    for (const c of sheet.charts) c.deleted = true;
    if (this.activeSheet === sheet) this.activeSheet = this.visibleSheets()[0] ?? null;
  }

  /**
   * File › New for a host that holds one workbook (the workbench): every sheet, table and name
   * goes, as if the old workbook were closed, and one empty Sheet1 is left active.
   */
  replaceWithNewWorkbook(): void {
    for (const t of [...this.tables]) this.removeTable(t);
    for (const s of this.sheets) {
      s.deleted = true;
      for (const c of s.charts) c.deleted = true;
    }
    this.sheets.splice(0);
    this.names.splice(0);
    this.selection = null;
    this.activeSheet = this.addSheet('Sheet1');
  }

  renameSheet(sheet: SheetModel, name: string): void {
    if (sheet.name === name) return;
    this.validateSheetName(name, sheet, 'Worksheet.name');
    const from = new RegExp(`(^|[^A-Za-z0-9_.'\\u00C0-\\uFFFF])${sheetPrefix(sheet.name)}`, 'gi');
    const to = `$1${quoteSheetName(name).replace(/\$/g, '$$$$')}!`;
    for (const n of this.names) n.formula = n.formula.replace(from, to);
    for (const s of this.sheets) for (const c of s.cells.values()) if (c.formula) c.formula = c.formula.replace(from, to);
    sheet.name = name;
  }

  moveSheet(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) throw fakeError('InvalidArgument', 'Worksheet.position');
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  setVisibility(sheet: SheetModel, visibility: SheetVisibility): void {
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(visibility)) throw fakeError('InvalidArgument', 'Worksheet.visibility');
    if (visibility !== 'Visible' && sheet.visibility === 'Visible' && this.visibleSheets().length === 1) {
      throw fakeError('InvalidOperation', 'Worksheet.visibility', 'a workbook must keep one visible sheet');
    }
    sheet.visibility = visibility;
    if (visibility !== 'Visible' && this.activeSheet === sheet) this.activeSheet = this.visibleSheets()[0] ?? null;
  }

  activate(sheet: SheetModel): void {
    if (sheet.visibility !== 'Visible') throw fakeError('InvalidOperation', 'Worksheet.activate', 'a hidden sheet cannot be activated');
    this.activeSheet = sheet;
  }

  /** Range.select: Excel shows the range's sheet and selects the cells; a hidden sheet cannot be shown. */
  select(sheet: SheetModel, rect: Rect): void {
    if (sheet.deleted) throw fakeError('ItemNotFound', 'Range.select');
    if (sheet.visibility !== 'Visible') throw fakeError('InvalidOperation', 'Range.select', 'a range on a hidden sheet cannot be selected');
    this.activeSheet = sheet;
    this.selection = { sheet, rect };
  }

  calculate(type: string): void {
    if (type !== 'Recalculate' && type !== 'Full' && type !== 'FullRebuild') throw fakeError('InvalidArgument', 'Application.calculate', `type "${type}"`);
    this.calculations.push({ type, suspended: this.calculationSuspended });
  }

  // ---- protection ---------------------------------------------------------------------------

  protect(sheet: SheetModel, options: ProtectionOptions, password: string | null): void {
    // Office.js documents that protect() fails on a sheet already protected.
    if (sheet.protection.protected) throw fakeError('InvalidOperation', 'WorksheetProtection.protect', 'already protected');
    sheet.protection = { protected: true, options: { ...options }, password };
  }

  unprotect(sheet: SheetModel, password: string | null): void {
    if (!sheet.protection.protected) return;
    if (sheet.protection.password !== null && sheet.protection.password !== password) throw fakeError('InvalidArgument', 'WorksheetProtection.unprotect', 'wrong password');
    sheet.protection = { protected: false, options: {}, password: null };
  }

  private guard(sheet: SheetModel, what: 'cells' | 'format' | 'columns' | 'rows' | 'structure' | 'objects', rect: Rect | null, location: string): void {
    if (sheet.deleted) throw fakeError('ItemNotFound', location);
    const p = sheet.protection;
    if (!p.protected) return;
    const allowed =
      what === 'format'
        ? p.options.allowFormatCells
        : what === 'columns'
          ? p.options.allowFormatColumns
          : what === 'rows'
            ? p.options.allowFormatRows
            : what === 'objects'
              ? p.options.allowEditObjects
              : what === 'cells';
    if (!allowed) throw fakeError('AccessDenied', location, `sheet "${sheet.name}" is protected`);
    if (what === 'cells' && rect) {
      this.forEachCell(rect, location, (r, c) => {
        if (sheet.cell(r, c).locked) throw fakeError('AccessDenied', location, `locked cell ${columnLetters(c)}${r + 1} on protected sheet "${sheet.name}"`);
      });
    }
  }

  private forEachCell(rect: Rect, location: string, fn: (row: number, col: number) => void): void {
    if (cellCount(rect) > MAX_CELL_OPERATION) throw fakeError('NotImplemented', location, `${cellCount(rect)} cells in one operation`);
    for (let r = rect.top; r <= bottom(rect); r++) for (let c = rect.left; c <= right(rect); c++) fn(r, c);
  }

  // ---- cells --------------------------------------------------------------------------------

  /**
   * Writes a 2D array (or one value for every cell) the way Range.values / Range.formulas do:
   * strings are interpreted as typed, null leaves a cell unchanged, "" clears it.
   */
  write(sheet: SheetModel, rect: Rect, input: unknown, location: string): void {
    const grid = this.grid(rect, input, location);
    this.guard(sheet, 'cells', rect, location);
    const headerTables = this.tables.filter((t) => t.sheet === sheet && intersects(t.headerRect, rect));
    this.forEachCell(rect, location, (r, c) => {
      const v = grid(r - rect.top, c - rect.left);
      if (v === null || v === undefined) return;
      const cell = sheet.ensure(r, c);
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw fakeError('InvalidArgument', location, `non-finite number at ${columnLetters(c)}${r + 1}`);
        Object.assign(cell, { value: v, formula: null, quotePrefix: false });
      } else if (typeof v === 'boolean') {
        Object.assign(cell, { value: v, formula: null, quotePrefix: false });
      } else if (typeof v === 'string') {
        const parsed = parseEntry(v, cell.numberFormat, this.locale);
        if (parsed.kind === 'formula') {
          this.checkFormula(parsed.formula, location);
          Object.assign(cell, { value: null, formula: parsed.formula, quotePrefix: false });
        } else {
          Object.assign(cell, { value: parsed.value, formula: null, quotePrefix: parsed.quotePrefix });
        }
      } else {
        throw fakeError('InvalidArgument', location, `unsupported value ${JSON.stringify(v)}`);
      }
    });
    for (const t of headerTables) this.normaliseHeaders(t);
  }

  /** An accessor over a 2D input whose shape must match the range, or over one broadcast value. */
  private grid(rect: Rect, input: unknown, location: string): (r: number, c: number) => unknown {
    if (!Array.isArray(input)) return () => input;
    if (input.length !== rect.rows || !input.every((row) => Array.isArray(row) && row.length === rect.cols)) {
      throw fakeError('InvalidArgument', location, `the array is ${input.length}×${Array.isArray(input[0]) ? input[0].length : '?'} but the range is ${rect.rows}×${rect.cols}`);
    }
    const rows = input as unknown[][];
    return (r, c) => rows[r][c];
  }

  /** Structured references must name an existing table and column, as Excel's formula parser requires. */
  checkFormula(formula: string, location: string): void {
    checkBalanced(formula, location);
    for (const ref of structuredRefs(formula)) {
      const t = this.table(ref.table);
      if (!t) throw fakeError('InvalidArgument', location, `unknown table ${ref.table} in ${formula}`);
      const names = t.columnNames.map(lower);
      for (const col of structuredColumns(ref.inner)) if (!names.includes(lower(col))) throw fakeError('InvalidArgument', location, `unknown column [${col}] of ${t.name} in ${formula}`);
    }
  }

  setNumberFormat(sheet: SheetModel, rect: Rect, input: unknown, location: string): void {
    const grid = this.grid(rect, input, location);
    this.guard(sheet, 'format', rect, location);
    this.forEachCell(rect, location, (r, c) => {
      const v = grid(r - rect.top, c - rect.left);
      if (v === null || v === undefined) return;
      if (typeof v !== 'string') throw fakeError('InvalidArgument', location, 'number formats are strings');
      sheet.ensure(r, c).numberFormat = v;
    });
  }

  /** Applies a format change to every cell of the range. */
  format(sheet: SheetModel, rect: Rect, location: string, apply: (cell: CellModel) => void): void {
    this.guard(sheet, 'format', rect, location);
    this.forEachCell(rect, location, (r, c) => apply(sheet.ensure(r, c)));
  }

  setLocked(sheet: SheetModel, rect: Rect, locked: boolean, location: string): void {
    // The Protection tab of Format Cells is disabled on a protected sheet.
    if (sheet.protection.protected) throw fakeError('AccessDenied', location, `sheet "${sheet.name}" is protected`);
    this.forEachCell(rect, location, (r, c) => (sheet.ensure(r, c).locked = locked));
  }

  setColumnWidth(sheet: SheetModel, rect: Rect, points: number, location: string): void {
    if (!(points >= 0) || points > 255 * 7.5) throw fakeError('InvalidArgument', location, `width ${points}`);
    this.guard(sheet, 'columns', null, location);
    for (let c = rect.left; c <= right(rect); c++) sheet.columnWidths.set(c, points);
  }

  setRowHeight(sheet: SheetModel, rect: Rect, points: number, location: string): void {
    if (!(points >= 0) || points > 409) throw fakeError('InvalidArgument', location, `height ${points}`);
    this.guard(sheet, 'rows', null, location);
    if (rect.rows > MAX_CELL_OPERATION) throw fakeError('NotImplemented', location);
    for (let r = rect.top; r <= bottom(rect); r++) sheet.rowHeights.set(r, points);
  }

  clear(sheet: SheetModel, rect: Rect, what: 'All' | 'Formats' | 'Contents', location: string): void {
    this.guard(sheet, what === 'Contents' ? 'cells' : 'format', rect, location);
    this.forEachCell(rect, location, (r, c) => {
      const k = key(r, c);
      const cell = sheet.cells.get(k);
      if (!cell) return;
      if (what === 'All') sheet.cells.delete(k);
      else if (what === 'Contents') Object.assign(cell, { value: null, formula: null, quotePrefix: false });
      else Object.assign(cell, { ...defaultCell(), value: cell.value, formula: cell.formula, quotePrefix: cell.quotePrefix });
    });
  }

  merge(sheet: SheetModel, rect: Rect, across: boolean, location: string): void {
    this.guard(sheet, 'format', rect, location);
    if (this.tables.some((t) => t.sheet === sheet && intersects(t.rect, rect))) throw fakeError('InvalidOperation', location, 'cells of a table cannot be merged');
    const parts = across ? Array.from({ length: rect.rows }, (_, i) => ({ ...rect, top: rect.top + i, rows: 1 })) : [rect];
    sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
    for (const p of parts) {
      if (cellCount(p) < 2) continue;
      // Merging keeps the upper-left value only.
      this.forEachCell(p, location, (r, c) => {
        if (r === p.top && c === p.left) return;
        const cell = sheet.cells.get(key(r, c));
        if (cell) Object.assign(cell, { value: null, formula: null });
      });
      sheet.merges.push(p);
    }
  }

  unmerge(sheet: SheetModel, rect: Rect, location: string): void {
    this.guard(sheet, 'format', rect, location);
    sheet.merges = sheet.merges.filter((m) => !intersects(m, rect));
  }

  /**
   * Inserts cells and shifts the cells below down (Range.insert("Down")); a whole-row range
   * inserts rows. Tables below move, tables the insertion falls inside grow, and a table only
   * partly within the shifted columns blocks the insertion, as in Excel.
   */
  insertDown(sheet: SheetModel, rect: Rect, location: string): void {
    this.guard(sheet, 'structure', null, location);
    const count = rect.rows;
    const inSpan = (l: number, r: number) => l >= rect.left && r <= right(rect);
    const touches = (l: number, r: number) => l <= right(rect) && r >= rect.left;
    for (const t of this.tables.filter((x) => x.sheet === sheet)) {
      if (touches(t.rect.left, right(t.rect)) && bottom(t.rect) >= rect.top && !inSpan(t.rect.left, right(t.rect))) {
        throw fakeError('InvalidOperation', location, `the insertion would shift part of table ${t.name}`);
      }
    }
    const moved: Array<[number, CellModel]> = [];
    for (const [k, c] of sheet.cells) {
      const row = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      if (row < rect.top || !inSpan(col, col)) continue;
      if (row + count >= MAX_ROWS) {
        if (c.value !== null || c.formula !== null) throw fakeError('InvalidOperation', location, 'cells would be pushed off the sheet');
        continue;
      }
      moved.push([key(row + count, col), c]);
      sheet.cells.delete(k);
    }
    for (const [k, c] of moved) sheet.cells.set(k, c);
    // New cells take the format of the cells above them, as Excel does by default.
    if (rect.top > 0 && rect.cols < MAX_COLS) {
      for (let c = rect.left; c <= right(rect); c++) {
        const above = sheet.cells.get(key(rect.top - 1, c));
        if (!above) continue;
        for (let r = rect.top; r < rect.top + count; r++) sheet.cells.set(key(r, c), { ...above, font: { ...above.font }, value: null, formula: null, quotePrefix: false });
      }
    }
    for (const t of this.tables.filter((x) => x.sheet === sheet && touches(x.rect.left, right(x.rect)))) {
      if (t.rect.top >= rect.top) t.rect = { ...t.rect, top: t.rect.top + count };
      else if (bottom(t.rect) >= rect.top) t.rect = { ...t.rect, rows: t.rect.rows + count };
    }
    sheet.merges = sheet.merges.map((m) => (!inSpan(m.left, right(m)) ? m : m.top >= rect.top ? { ...m, top: m.top + count } : bottom(m) >= rect.top ? { ...m, rows: m.rows + count } : m));
    this.shiftNameRows(sheet, rect, count);
  }

  /** Absolute references of names into the shifted block move with it ('Sheet'!$C$5 → $C$6). */
  private shiftNameRows(sheet: SheetModel, rect: Rect, count: number): void {
    const re = new RegExp(`(${sheetPrefix(sheet.name)})\\$?([A-Z]{1,3})\\$?(\\d+)(?::\\$?([A-Z]{1,3})\\$?(\\d+))?`, 'gi');
    for (const n of this.names) {
      n.formula = n.formula.replace(re, (whole: string, p: string, c1: string, r1: string, c2?: string, r2?: string) => {
        try {
          const { rect: ref } = parseAddress(c2 && r2 ? `${c1}${r1}:${c2}${r2}` : `${c1}${r1}`);
          if (ref.left < rect.left || right(ref) > right(rect)) return whole;
          const top = ref.top >= rect.top ? ref.top + count : ref.top;
          const rows = ref.top < rect.top && bottom(ref) >= rect.top ? ref.rows + count : ref.rows;
          return `${p}${absolute({ ...ref, top, rows })}`;
        } catch (e) {
          if (e instanceof FakeOfficeError) return whole;
          throw e;
        }
      });
    }
  }

  // ---- tables -------------------------------------------------------------------------------

  table(name: string): TableModel | undefined {
    return this.tables.find((t) => lower(t.name) === lower(name));
  }

  tableByKey(k: string): TableModel | undefined {
    return this.table(k) ?? this.tables.find((t) => t.id === k);
  }

  private validateObjectName(name: string, location: string, except?: TableModel | NameModel): void {
    if (name.length === 0 || name.length > 255 || !IDENTIFIER.test(name) || looksLikeCell(name)) throw fakeError('InvalidArgument', location, `name "${name}"`);
    const table = this.table(name);
    const defined = this.names.find((n) => lower(n.name) === lower(name));
    // Tables and workbook names share one namespace.
    if ((table && table !== except) || (defined && defined !== except)) throw fakeError('ItemAlreadyExists', location, `name "${name}" is taken`);
  }

  addTable(sheet: SheetModel, rect: Rect, hasHeaders: boolean, location = 'TableCollection.add'): TableModel {
    if (sheet.deleted) throw fakeError('ItemNotFound', location);
    if (sheet.protection.protected) throw fakeError('AccessDenied', location, `sheet "${sheet.name}" is protected`);
    if (rect.cols > MAX_COLS - 1 || rect.rows >= MAX_ROWS) throw fakeError('InvalidArgument', location, 'a table cannot span whole rows or columns');
    let r = { ...rect };
    if (!hasHeaders) {
      // Excel inserts a header row above data that has none.
      this.insertDown(sheet, { top: r.top, left: r.left, rows: 1, cols: r.cols }, location);
      r = { ...r, rows: r.rows + 1 };
    }
    // A table keeps at least one data row.
    if (r.rows < 2) r = { ...r, rows: 2 };
    const clash = this.tables.find((t) => t.sheet === sheet && intersects(t.rect, r));
    if (clash) throw fakeError('InvalidArgument', location, `overlaps table ${clash.name}`);
    if (sheet.merges.some((m) => intersects(m, r))) throw fakeError('InvalidArgument', location, 'overlaps merged cells');
    let n = this.tables.length + 1;
    while (this.table(`Table${n}`) || this.names.some((x) => lower(x.name) === lower(`Table${n}`))) n++;
    const t = new TableModel(this.id('table'), `Table${n}`, sheet, r);
    this.tables.push(t);
    this.normaliseHeaders(t);
    return t;
  }

  /** Header cells hold unique, non-blank text, as Excel enforces on every header edit. */
  private normaliseHeaders(t: TableModel): void {
    const seen = new Set<string>();
    for (let c = 0; c < t.rect.cols; c++) {
      const cell = t.sheet.ensure(t.rect.top, t.rect.left + c);
      let text = cell.formula ?? (cell.value === null ? '' : typeof cell.value === 'object' ? cell.value.error : String(cell.value));
      if (text.trim() === '') text = `Column${c + 1}`;
      let unique = text;
      for (let i = 2; seen.has(lower(unique)); i++) unique = `${text}${i}`;
      seen.add(lower(unique));
      Object.assign(cell, { value: unique, formula: null });
    }
  }

  renameTable(t: TableModel, name: string): void {
    if (lower(t.name) === lower(name)) {
      t.name = name;
      return;
    }
    this.validateObjectName(name, 'Table.name', t);
    const from = new RegExp(`(^|[^A-Za-z0-9_.\\\\])${escapeRegExp(t.name)}\\[`, 'gi');
    const to = `$1${name}[`;
    for (const n of this.names) n.formula = n.formula.replace(from, to);
    for (const s of this.sheets) for (const c of s.cells.values()) if (c.formula) c.formula = c.formula.replace(from, to);
    t.name = name;
  }

  private removeTable(t: TableModel): void {
    this.tables.splice(this.tables.indexOf(t), 1);
    t.deleted = true;
  }

  deleteTable(t: TableModel, location = 'Table.delete'): void {
    this.guard(t.sheet, 'structure', null, location);
    this.removeTable(t);
    this.clear(t.sheet, t.rect, 'All', location);
  }

  convertTableToRange(t: TableModel): void {
    this.removeTable(t);
  }

  /** TableRowCollection.add: inserts rows inside the table (at a data index, or at the end) and writes their values. */
  addTableRows(t: TableModel, index: number | null, values: unknown, location = 'TableRowCollection.add'): void {
    const dataRows = t.rect.rows - 1;
    const at = index ?? dataRows;
    if (!Number.isInteger(at) || at < 0 || at > dataRows) throw fakeError('InvalidArgument', location, `row index ${at}`);
    const count = Array.isArray(values) ? values.length : 1;
    if (count < 1) throw fakeError('InvalidArgument', location);
    const top = t.rect.top + 1 + at;
    const before = t.rect;
    this.insertDown(t.sheet, { top, left: t.rect.left, rows: count, cols: t.rect.cols }, location);
    // Appending below the last row grows the table too (insertDown only grows tables it falls inside).
    if (t.rect === before) t.rect = { ...t.rect, rows: before.rows + count };
    if (values !== undefined && values !== null) this.write(t.sheet, { top, left: t.rect.left, rows: count, cols: t.rect.cols }, values, location);
  }

  // ---- names --------------------------------------------------------------------------------

  name(name: string): NameModel | undefined {
    return this.names.find((n) => lower(n.name) === lower(name));
  }

  /** Checks the references of a name's formula: sheets and tables must exist. */
  private checkReference(formula: string, location: string): void {
    this.checkFormula(formula, location);
    for (const s of sheetRefs(formula)) if (!this.sheet(s)) throw fakeError('InvalidArgument', location, `unknown sheet ${s} in ${formula}`);
  }

  addName(name: string, reference: string, comment: string, location = 'NamedItemCollection.add'): NameModel {
    this.validateObjectName(name, location);
    const formula = reference.startsWith('=') ? reference : `=${reference}`;
    this.checkReference(formula, location);
    const n: NameModel = { name, formula, comment, visible: true };
    this.names.push(n);
    return n;
  }

  deleteName(n: NameModel): void {
    const i = this.names.indexOf(n);
    if (i >= 0) this.names.splice(i, 1);
  }

  nameType(n: NameModel): 'Range' | 'String' | 'Double' | 'Boolean' | 'Error' | 'Formula' {
    const body = n.formula.slice(1).trim();
    if (/^#REF!/i.test(body)) return 'Error';
    if (/^"(?:[^"]|"")*"$/.test(body)) return 'String';
    if (/^-?\d+(\.\d+)?$/.test(body)) return 'Double';
    if (/^(TRUE|FALSE)$/i.test(body)) return 'Boolean';
    return this.nameRange(n) ? 'Range' : 'Formula';
  }

  /** The cells a name refers to, when it is a single reference (sheet-qualified or a table column). */
  nameRange(n: NameModel): { sheet: SheetModel; rect: Rect } | undefined {
    const body = n.formula.slice(1).trim();
    const st = /^([A-Za-z_\\\u00C0-\uFFFF][A-Za-z0-9_.\\\u00C0-\uFFFF]*)\[([^[\]]*)\]$/.exec(body);
    if (st) {
      const t = this.table(st[1]);
      if (!t) return undefined;
      const i = t.columnNames.map(lower).indexOf(lower(st[2].replace(/'(.)/g, '$1')));
      return i < 0 ? undefined : { sheet: t.sheet, rect: { top: t.rect.top + 1, left: t.rect.left + i, rows: t.rect.rows - 1, cols: 1 } };
    }
    const { sheet, local } = splitSheet(body);
    if (!sheet) return undefined;
    const s = this.sheet(sheet);
    if (!s) return undefined;
    try {
      return { sheet: s, rect: parseAddress(local).rect };
    } catch (e) {
      if (e instanceof FakeOfficeError) return undefined;
      throw e;
    }
  }

  // ---- charts -------------------------------------------------------------------------------

  /**
   * Charts.add: one series per column (or row) of the source, named SeriesN; a protected sheet
   * refuses new objects unless allowEditObjects, as in Excel.
   */
  addChart(sheet: SheetModel, type: string, source: { sheet: SheetModel; rect: Rect }, seriesBy: string, location = 'ChartCollection.add'): ChartModel {
    this.guard(sheet, 'objects', null, location);
    if (!CHART_TYPES.has(type)) throw fakeError('InvalidArgument', location, `chart type "${type}"`);
    if (seriesBy !== 'Auto' && seriesBy !== 'Columns' && seriesBy !== 'Rows') throw fakeError('InvalidArgument', location, `seriesBy "${seriesBy}"`);
    if (source.sheet.deleted) throw fakeError('ItemNotFound', location, 'source sheet');
    const byRows = seriesBy === 'Rows' || (seriesBy === 'Auto' && source.rect.cols > source.rect.rows);
    const count = byRows ? source.rect.rows : source.rect.cols;
    const series = Array.from({ length: count }, (_, i) => ({
      name: `Series${i + 1}`,
      values: {
        sheet: source.sheet.name,
        rect: byRows ? { ...source.rect, top: source.rect.top + i, rows: 1 } : { ...source.rect, left: source.rect.left + i, cols: 1 },
      },
      xValues: null,
      chartType: null,
    }));
    const n = this.sheets.reduce((k, s) => k + s.charts.length, 0) + 1;
    const chart: ChartModel = {
      id: this.id('chart'),
      name: `Chart ${n}`,
      type,
      title: { text: '', visible: false },
      legend: { visible: true, position: 'Right' },
      valueAxis: { numberFormat: 'General', minimum: null, maximum: null },
      position: null,
      series,
      deleted: false,
    };
    sheet.charts.push(chart);
    return chart;
  }

  /** Any change to a chart: its sheet must exist and allow editing objects. */
  editChart(chart: ChartModel, location: string, apply: (c: ChartModel, sheet: SheetModel) => void): void {
    const sheet = this.sheets.find((s) => s.charts.includes(chart));
    if (!sheet || chart.deleted) throw fakeError('ItemNotFound', location, 'the chart was deleted');
    this.guard(sheet, 'objects', null, location);
    apply(chart, sheet);
  }

  deleteChart(chart: ChartModel, location = 'Chart.delete'): void {
    this.editChart(chart, location, (c, sheet) => {
      sheet.charts.splice(sheet.charts.indexOf(c), 1);
      c.deleted = true;
    });
  }

  /** A chart reference to a range (kept by sheet name). */
  chartRef(target: { sheet: SheetModel; rect: Rect }): ChartRefModel {
    return { sheet: target.sheet.name, rect: { ...target.rect } };
  }

  // ---- data validation ----------------------------------------------------------------------

  setValidationRule(sheet: SheetModel, rect: Rect, rule: ValidationRuleModel, location: string): void {
    if (rule.kind === 'list') {
      const source = rule.source ?? '';
      if (source.startsWith('=')) {
        // Excel rejects structured references in a list source; a name over the column is the way.
        if (structuredRefs(source).length > 0) throw fakeError('InvalidArgument', location, `structured reference in list source ${source}`);
        const body = source.slice(1).trim();
        if (IDENTIFIER.test(body) && !looksLikeCell(body)) {
          if (!this.name(body)) throw fakeError('InvalidArgument', location, `list source names unknown ${body}`);
        } else {
          for (const s of sheetRefs(source)) if (!this.sheet(s)) throw fakeError('InvalidArgument', location, `unknown sheet ${s}`);
        }
      } else if (source.trim() === '') {
        throw fakeError('InvalidArgument', location, 'empty list source');
      }
    }
    this.mutateValidation(sheet, rect, location, (v) => ({ ...v, rule }));
  }

  mutateValidation(sheet: SheetModel, rect: Rect, location: string, f: (v: ValidationModel) => ValidationModel | null): void {
    // Data validation cannot be changed on a protected sheet.
    if (sheet.protection.protected) throw fakeError('AccessDenied', location, `sheet "${sheet.name}" is protected`);
    this.forEachCell(rect, location, (r, c) => {
      const cell = sheet.ensure(r, c);
      const current = cell.validation ?? { rule: { kind: 'none' }, prompt: null, errorAlert: null, ignoreBlanks: true };
      cell.validation = f(current);
    });
  }

  // ---- page layout --------------------------------------------------------------------------

  setPrintTitleRows(sheet: SheetModel, address: string, location = 'PageLayout.setPrintTitleRows'): void {
    const { rect } = parseAddress(address);
    if (rect.cols !== MAX_COLS) throw fakeError('InvalidArgument', location, `print titles must be whole rows, got ${address}`);
    sheet.pageLayout.printTitleRows = `$${rect.top + 1}:$${bottom(rect) + 1}`;
  }

  // ---- convenience for tests and the workbench ------------------------------------------------

  /** The cells of a range as a 2D array of values (formulas as their text). */
  valuesOf(sheetName: string, address: string): ModelValue[][] {
    const s = this.requireSheet(sheetName);
    const { rect } = parseAddress(address);
    const out: ModelValue[][] = [];
    for (let r = rect.top; r <= bottom(rect); r++) {
      const row: ModelValue[] = [];
      for (let c = rect.left; c <= right(rect); c++) {
        const cell = s.cell(r, c);
        row.push(cell.formula ?? cell.value);
      }
      out.push(row);
    }
    return out;
  }

  tableAddress(t: TableModel): string {
    return formatRect(t.rect);
  }

  /** True when `inner` lies within a table of the sheet. */
  inTable(sheet: SheetModel, inner: Rect): TableModel | undefined {
    return this.tables.find((t) => t.sheet === sheet && contains(t.rect, inner));
  }
}

const absolute = (r: Rect): string => {
  const a = `$${columnLetters(r.left)}$${r.top + 1}`;
  return r.rows === 1 && r.cols === 1 ? a : `${a}:$${columnLetters(right(r))}$${bottom(r) + 1}`;
};

/** A sheet prefix in a reference, quoted or (when the name allows) bare: 'Thông tin'! or Sheet1! */
function sheetPrefix(name: string): string {
  const quoted = `'${escapeRegExp(name.replace(/'/g, "''"))}'`;
  const bare = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(name) ? `|${escapeRegExp(name)}` : '';
  return `(?:${quoted}${bare})!`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
