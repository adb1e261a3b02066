import { bottom, cellCount, formatAddress, MAX_COLS, MAX_ROWS, right, type Rect } from '../address';
import { fakeError } from '../errors';
import type { SheetModel } from '../model';
import type { CellModel, ModelValue } from '../model-types';
import type { Execution, FakeRequestContext } from './context';
import { FakeObject, type Loadable } from './object';
import { FakeDataValidation } from './validation';
import { checkedRect, FakeWorksheet, HEX } from './worksheet';

export interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

type RangeValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

interface RangeSnapshot {
  address: string;
  addressLocal: string;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: string[][];
  valueTypes: RangeValueType[][];
  rowCount: number;
  columnCount: number;
  rowIndex: number;
  columnIndex: number;
  cellCount: number;
}

const outValue = (v: ModelValue): unknown => (v === null ? '' : typeof v === 'object' ? v.error : v);
const valueType = (v: ModelValue): RangeValueType =>
  v === null ? 'Empty' : typeof v === 'object' ? 'Error' : typeof v === 'string' ? (v === '' ? 'Empty' : 'String') : typeof v === 'number' ? 'Double' : 'Boolean';

export function mapCells<V>(t: RangeTarget, location: string, f: (c: Readonly<CellModel>) => V): V[][] {
  if (cellCount(t.rect) > 5_000_000) throw fakeError('ResponsePayloadSizeLimitExceeded', location, `${cellCount(t.rect)} cells`);
  const out: V[][] = [];
  for (let r = t.rect.top; r <= bottom(t.rect); r++) {
    const row: V[] = [];
    for (let c = t.rect.left; c <= right(t.rect); c++) row.push(f(t.sheet.cell(r, c)));
    out.push(row);
  }
  return out;
}

/** A format property of a range: its value when every cell agrees, else null (Office.js's rule). */
export function uniform<V>(t: RangeTarget, location: string, f: (c: Readonly<CellModel>) => V): V | null {
  let first: { v: V } | undefined;
  for (const row of mapCells(t, location, f)) {
    for (const v of row) {
      if (!first) first = { v };
      else if (JSON.stringify(first.v) !== JSON.stringify(v)) return null;
    }
  }
  return first ? first.v : null;
}

export class FakeRange
  extends FakeObject<RangeTarget, RangeSnapshot>
  implements Pick<Excel.Range, 'address' | 'addressLocal' | 'values' | 'formulas' | 'numberFormat' | 'rowCount' | 'columnCount' | 'rowIndex' | 'columnIndex' | 'cellCount'>
{
  protected readonly typeName = 'Range';
  protected readonly scalarKeys = ['address', 'addressLocal', 'values', 'formulas', 'numberFormat', 'valueTypes', 'rowCount', 'columnCount', 'rowIndex', 'columnIndex', 'cellCount'] as const;
  private formatProxy?: FakeRangeFormat;
  private validationProxy?: FakeDataValidation;

  constructor(
    context: FakeRequestContext,
    readonly pathHint: string,
    locate: () => RangeTarget | null,
  ) {
    super(context, locate);
  }

  protected override isGone(t: RangeTarget): boolean {
    return t.sheet.deleted;
  }

  override _argumentReference(): { range: string } {
    return { range: this.pathHint };
  }

  protected snapshot<K extends keyof RangeSnapshot>(t: RangeTarget, k: K): RangeSnapshot[K];
  protected snapshot(t: RangeTarget, k: keyof RangeSnapshot): RangeSnapshot[keyof RangeSnapshot] {
    const where = `Range.${k}`;
    switch (k) {
      case 'address':
      case 'addressLocal':
        return formatAddress(t.sheet.name, t.rect);
      case 'values':
        return mapCells(t, where, (c) => outValue(c.value));
      case 'formulas':
        return mapCells(t, where, (c) => c.formula ?? outValue(c.value));
      case 'numberFormat':
        return mapCells(t, where, (c) => c.numberFormat);
      case 'valueTypes':
        return mapCells(t, where, (c) => valueType(c.value));
      case 'rowCount':
        return t.rect.rows;
      case 'columnCount':
        return t.rect.cols;
      case 'rowIndex':
        return t.rect.top;
      case 'columnIndex':
        return t.rect.left;
      case 'cellCount':
        return cellCount(t.rect);
    }
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === 'format') return this.format;
    if (name === 'dataValidation') return this.dataValidation;
    if (name === 'worksheet') return this.worksheet;
    return undefined;
  }

  get address(): string {
    return this.read('address');
  }
  get addressLocal(): string {
    return this.read('addressLocal');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(v: unknown) {
    this.queue('values', v, (t) => this.model.write(t.sheet, t.rect, v, 'Range.values'));
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  set formulas(v: unknown) {
    this.queue('formulas', v, (t) => this.model.write(t.sheet, t.rect, v, 'Range.formulas'));
  }
  get numberFormat(): string[][] {
    return this.read('numberFormat');
  }
  set numberFormat(v: unknown) {
    this.queue('numberFormat', v, (t) => this.model.setNumberFormat(t.sheet, t.rect, v, 'Range.numberFormat'));
  }
  get valueTypes(): RangeValueType[][] {
    return this.read('valueTypes');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get cellCount(): number {
    return this.read('cellCount');
  }

  get format(): FakeRangeFormat {
    return (this.formatProxy ??= new FakeRangeFormat(this.context, () => this._target()));
  }
  get dataValidation(): FakeDataValidation {
    return (this.validationProxy ??= new FakeDataValidation(this.context, () => this._target()));
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this._target()?.sheet ?? null);
  }

  /** A range derived from this one; the rectangle is computed at sync, when this range is known. */
  private derived(describe: string, f: (r: Rect) => Rect): FakeRange {
    return new FakeRange(this.context, `${this.pathHint}.${describe}`, () => {
      const t = this._target();
      return t && { sheet: t.sheet, rect: checkedRect(f(t.rect), `Range.${describe}`) };
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.derived(`getCell(${row},${column})`, (r) => ({ top: r.top + row, left: r.left + column, rows: 1, cols: 1 }));
  }
  getRow(row: number): FakeRange {
    return this.derived(`getRow(${row})`, (r) => ({ ...r, top: r.top + row, rows: 1 }));
  }
  getColumn(column: number): FakeRange {
    return this.derived(`getColumn(${column})`, (r) => ({ ...r, left: r.left + column, cols: 1 }));
  }
  getEntireRow(): FakeRange {
    return this.derived('getEntireRow()', (r) => ({ ...r, left: 0, cols: MAX_COLS }));
  }
  getEntireColumn(): FakeRange {
    return this.derived('getEntireColumn()', (r) => ({ ...r, top: 0, rows: MAX_ROWS }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, (r) => ({ ...r, rows: r.rows + deltaRows, cols: r.cols + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, (r) => ({ ...r, top: r.top + rowOffset, left: r.left + columnOffset }));
  }

  merge(across = false): void {
    this.queue('merge', across, (t) => this.model.merge(t.sheet, t.rect, across, 'Range.merge'), '1.2');
  }
  unmerge(): void {
    this.queue('unmerge', null, (t) => this.model.unmerge(t.sheet, t.rect, 'Range.unmerge'), '1.2');
  }

  /** Only shifting down is implemented (rows inserted into the grid and the tables). */
  insert(shift: string): FakeRange {
    this.queue('insert', shift, (t) => {
      if (shift !== 'Down') throw fakeError('NotImplemented', 'Range.insert', `shift ${shift}`);
      this.model.insertDown(t.sheet, t.rect, 'Range.insert');
    });
    return this.derived('inserted', (r) => r);
  }

  clear(applyTo: string = 'All'): void {
    this.queue('clear', applyTo, (t) => {
      if (applyTo !== 'All' && applyTo !== 'Formats' && applyTo !== 'Contents') throw fakeError('NotImplemented', 'Range.clear', applyTo);
      this.model.clear(t.sheet, t.rect, applyTo, 'Range.clear');
    });
  }

  select(): void {
    this.queue('select', null, (t) => this.model.select(t.sheet, t.rect));
  }
}

interface RangeFormatSnapshot {
  columnWidth: number | null;
  rowHeight: number | null;
  wrapText: boolean | null;
  horizontalAlignment: string | null;
  verticalAlignment: string | null;
}

export class FakeRangeFormat extends FakeObject<RangeTarget, RangeFormatSnapshot> {
  protected readonly typeName = 'RangeFormat';
  protected readonly scalarKeys = ['columnWidth', 'rowHeight', 'wrapText', 'horizontalAlignment', 'verticalAlignment'] as const;
  private fillProxy?: FakeRangeFill;
  private fontProxy?: FakeRangeFont;
  private protectionProxy?: FakeFormatProtection;

  protected snapshot<K extends keyof RangeFormatSnapshot>(t: RangeTarget, k: K): RangeFormatSnapshot[K];
  protected snapshot(t: RangeTarget, k: keyof RangeFormatSnapshot): RangeFormatSnapshot[keyof RangeFormatSnapshot] {
    const where = `RangeFormat.${k}`;
    switch (k) {
      case 'columnWidth': {
        const widths = new Set<number>();
        for (let c = t.rect.left; c <= right(t.rect) && widths.size < 2; c++) widths.add(t.sheet.columnWidth(c));
        return widths.size === 1 ? [...widths][0] : null;
      }
      case 'rowHeight':
        return 15;
      case 'wrapText':
        return uniform(t, where, (c) => c.wrap);
      case 'horizontalAlignment':
        return uniform(t, where, (c) => c.horizontalAlignment);
      case 'verticalAlignment':
        return uniform(t, where, (c) => c.verticalAlignment);
    }
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === 'fill') return this.fill;
    if (name === 'font') return this.font;
    if (name === 'protection') return this.protection;
    return undefined;
  }

  get fill(): FakeRangeFill {
    return (this.fillProxy ??= new FakeRangeFill(this.context, () => this._target()));
  }
  get font(): FakeRangeFont {
    return (this.fontProxy ??= new FakeRangeFont(this.context, () => this._target()));
  }
  get protection(): FakeFormatProtection {
    return (this.protectionProxy ??= new FakeFormatProtection(this.context, () => this._target()));
  }

  get columnWidth(): number | null {
    return this.read('columnWidth');
  }
  set columnWidth(v: number | null) {
    this.assign('columnWidth', v, (t) => this.model.setColumnWidth(t.sheet, t.rect, v ?? NaN, 'RangeFormat.columnWidth'), '1.2');
  }
  get rowHeight(): number | null {
    return this.read('rowHeight');
  }
  set rowHeight(v: number | null) {
    this.assign('rowHeight', v, (t) => this.model.setRowHeight(t.sheet, t.rect, v ?? NaN, 'RangeFormat.rowHeight'), '1.2');
  }
  get wrapText(): boolean | null {
    return this.read('wrapText');
  }
  set wrapText(v: boolean | null) {
    this.assign('wrapText', v, (t) => this.model.format(t.sheet, t.rect, 'RangeFormat.wrapText', (c) => (c.wrap = v === true)));
  }
  get horizontalAlignment(): string | null {
    return this.read('horizontalAlignment');
  }
  set horizontalAlignment(v: string | null) {
    this.assign('horizontalAlignment', v, (t) => this.model.format(t.sheet, t.rect, 'RangeFormat.horizontalAlignment', (c) => (c.horizontalAlignment = v ?? 'General')));
  }
  get verticalAlignment(): string | null {
    return this.read('verticalAlignment');
  }
  set verticalAlignment(v: string | null) {
    this.assign('verticalAlignment', v, (t) => this.model.format(t.sheet, t.rect, 'RangeFormat.verticalAlignment', (c) => (c.verticalAlignment = v ?? 'Bottom')));
  }

  autofitColumns(): void {
    this.queue('autofitColumns', null, () => undefined, '1.2');
  }
  autofitRows(): void {
    this.queue('autofitRows', null, () => undefined, '1.2');
  }
}

function checkColour(v: string, location: string): string {
  if (!HEX.test(v)) throw fakeError('InvalidArgument', location, `colour "${v}" (the fake accepts #RRGGBB only)`);
  return v.toUpperCase();
}

export class FakeRangeFill extends FakeObject<RangeTarget, { color: string | null; pattern: string | null }> {
  protected readonly typeName = 'RangeFill';
  protected readonly scalarKeys = ['color', 'pattern'] as const;

  protected snapshot(t: RangeTarget, k: 'color' | 'pattern'): string | null {
    // Excel reports white for cells without a fill; only the pattern (ExcelApi 1.9) tells "no fill" from white.
    if (k === 'pattern') return uniform(t, 'RangeFill.pattern', (c) => (c.fill === null ? 'None' : 'Solid'));
    return uniform(t, 'RangeFill.color', (c) => c.fill ?? '#FFFFFF');
  }

  override _load(paths: string[], x: Execution): void {
    if (paths.some((p) => p.toLowerCase() === 'pattern') && !this.context.session.isSetSupported('ExcelApi', '1.9')) {
      throw fakeError('ApiNotFound', 'RangeFill.pattern', 'needs ExcelApi 1.9');
    }
    super._load(paths, x);
  }

  get pattern(): string | null {
    return this.read('pattern');
  }

  get color(): string | null {
    return this.read('color');
  }
  set color(v: string | null) {
    this.assign('color', v, (t) => {
      const colour = checkColour(v ?? '', 'RangeFill.color');
      this.model.format(t.sheet, t.rect, 'RangeFill.color', (c) => (c.fill = colour));
    });
  }

  clear(): void {
    this.queue('clear', null, (t) => this.model.format(t.sheet, t.rect, 'RangeFill.clear', (c) => (c.fill = null)));
  }
}

interface FontSnapshot {
  bold: boolean | null;
  italic: boolean | null;
  color: string | null;
  size: number | null;
  name: string | null;
}

export class FakeRangeFont extends FakeObject<RangeTarget, FontSnapshot> {
  protected readonly typeName = 'RangeFont';
  protected readonly scalarKeys = ['bold', 'italic', 'color', 'size', 'name'] as const;

  protected snapshot<K extends keyof FontSnapshot>(t: RangeTarget, k: K): FontSnapshot[K];
  protected snapshot(t: RangeTarget, k: keyof FontSnapshot): FontSnapshot[keyof FontSnapshot] {
    return uniform(t, `RangeFont.${k}`, (c) => c.font[k]);
  }

  private put<K extends keyof FontSnapshot>(k: K, v: FontSnapshot[K], apply: (c: CellModel) => void): void {
    this.assign(k, v, (t) => this.model.format(t.sheet, t.rect, `RangeFont.${k}`, apply));
  }

  get bold(): boolean | null {
    return this.read('bold');
  }
  set bold(v: boolean | null) {
    this.put('bold', v, (c) => (c.font.bold = v === true));
  }
  get italic(): boolean | null {
    return this.read('italic');
  }
  set italic(v: boolean | null) {
    this.put('italic', v, (c) => (c.font.italic = v === true));
  }
  get color(): string | null {
    return this.read('color');
  }
  set color(v: string | null) {
    this.assign('color', v, (t) => {
      const colour = checkColour(v ?? '', 'RangeFont.color');
      this.model.format(t.sheet, t.rect, 'RangeFont.color', (c) => (c.font.color = colour));
    });
  }
  get size(): number | null {
    return this.read('size');
  }
  set size(v: number | null) {
    this.assign('size', v, (t) => {
      if (v === null || !(v >= 1 && v <= 409)) throw fakeError('InvalidArgument', 'RangeFont.size');
      this.model.format(t.sheet, t.rect, 'RangeFont.size', (c) => (c.font.size = v));
    });
  }
  get name(): string | null {
    return this.read('name');
  }
  set name(v: string | null) {
    this.put('name', v, (c) => (c.font.name = v ?? 'Calibri'));
  }
}

export class FakeFormatProtection extends FakeObject<RangeTarget, { locked: boolean | null; formulaHidden: boolean | null }> {
  protected readonly typeName = 'FormatProtection';
  protected readonly scalarKeys = ['locked', 'formulaHidden'] as const;

  protected snapshot(t: RangeTarget, k: 'locked' | 'formulaHidden'): boolean | null {
    return k === 'locked' ? uniform(t, 'FormatProtection.locked', (c) => c.locked) : false;
  }

  get locked(): boolean | null {
    return this.read('locked');
  }
  set locked(v: boolean | null) {
    this.assign('locked', v, (t) => this.model.setLocked(t.sheet, t.rect, v !== false, 'FormatProtection.locked'), '1.2');
  }
}
