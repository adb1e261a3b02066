import { bottom, MAX_COLS, MAX_ROWS, parseAddress, right, type Rect } from '../address';
import { fakeError } from '../errors';
import type { SheetModel, WorkbookModel } from '../model';
import type { ProtectionOptions, SheetVisibility } from '../model-types';
import { FakeChartCollection } from './chart';
import { FakeCollection, FakeObject, type Loadable } from './object';
import { FakePageLayout } from './page-layout';
import { FakeRange } from './range';
import { FakeTableCollection } from './table';

export class FakeWorksheetCollection extends FakeCollection<WorkbookModel, SheetModel, FakeWorksheet> {
  protected readonly typeName = 'WorksheetCollection';

  protected list(m: WorkbookModel): SheetModel[] {
    return m.sheets;
  }

  protected makeItem(s: SheetModel): FakeWorksheet {
    return new FakeWorksheet(this.context, () => s);
  }

  add(name?: string): FakeWorksheet {
    const slot: { sheet?: SheetModel } = {};
    this.queue('add', name ?? null, (m) => (slot.sheet = m.addSheet(name)));
    return new FakeWorksheet(this.context, () => slot.sheet ?? null);
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => {
      const s = this.model.sheetByKey(key);
      if (!s) throw fakeError('ItemNotFound', 'WorksheetCollection.getItem', `sheet "${key}"`);
      return s;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.model.sheetByKey(key) ?? null)._orNull('WorksheetCollection.getItemOrNullObject', key);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.model.activeSheet);
  }
}

interface WorksheetSnapshot {
  name: string;
  id: string;
  position: number;
  visibility: SheetVisibility;
  tabColor: string;
  showGridlines: boolean;
  standardWidth: number;
}

export const HEX = /^#[0-9A-Fa-f]{6}$/;

export class FakeWorksheet extends FakeObject<SheetModel, WorksheetSnapshot> implements Pick<Excel.Worksheet, 'name' | 'id' | 'position' | 'tabColor' | 'showGridlines'> {
  protected readonly typeName = 'Worksheet';
  protected readonly scalarKeys = ['name', 'id', 'position', 'visibility', 'tabColor', 'showGridlines', 'standardWidth'] as const;
  private tablesProxy?: FakeTableCollection;
  private protectionProxy?: FakeWorksheetProtection;
  private freezeProxy?: FakeWorksheetFreezePanes;
  private pageLayoutProxy?: FakePageLayout;
  private chartsProxy?: FakeChartCollection;

  protected override isGone(s: SheetModel): boolean {
    return s.deleted;
  }

  protected snapshot<K extends keyof WorksheetSnapshot>(s: SheetModel, k: K): WorksheetSnapshot[K];
  protected snapshot(s: SheetModel, k: keyof WorksheetSnapshot): WorksheetSnapshot[keyof WorksheetSnapshot] {
    switch (k) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'position':
        return this.model.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      case 'tabColor':
        return s.tabColor ?? '';
      case 'showGridlines':
        return s.showGridlines;
      case 'standardWidth':
        return 8.43;
    }
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === 'tables') return this.tables;
    if (name === 'protection') return this.protection;
    if (name === 'charts') return this.charts;
    return undefined;
  }

  private sheet = (): SheetModel | null => this._target();

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.assign('name', v, (s) => this.model.renameSheet(s, v));
  }
  get id(): string {
    return this.read('id');
  }
  get position(): number {
    return this.read('position');
  }
  set position(v: number) {
    this.assign('position', v, (s) => this.model.moveSheet(s, v));
  }
  get visibility(): SheetVisibility {
    return this.read('visibility');
  }
  set visibility(v: SheetVisibility) {
    this.assign('visibility', v, (s) => this.model.setVisibility(s, v));
  }
  get tabColor(): string {
    return this.read('tabColor');
  }
  set tabColor(v: string) {
    this.assign(
      'tabColor',
      v,
      (s) => {
        if (v !== '' && !HEX.test(v)) throw fakeError('InvalidArgument', 'Worksheet.tabColor', `colour "${v}"`);
        s.tabColor = v === '' ? null : v.toUpperCase();
      },
      '1.7',
    );
  }
  get showGridlines(): boolean {
    return this.read('showGridlines');
  }
  set showGridlines(v: boolean) {
    this.assign('showGridlines', v, (s) => (s.showGridlines = v), '1.8');
  }

  get tables(): FakeTableCollection {
    return (this.tablesProxy ??= new FakeTableCollection(this.context, this.sheet, this));
  }
  get protection(): FakeWorksheetProtection {
    return (this.protectionProxy ??= new FakeWorksheetProtection(this.context, this.sheet));
  }
  get freezePanes(): FakeWorksheetFreezePanes {
    return (this.freezeProxy ??= new FakeWorksheetFreezePanes(this.context, this.sheet));
  }
  get pageLayout(): FakePageLayout {
    return (this.pageLayoutProxy ??= new FakePageLayout(this.context, this.sheet));
  }
  get charts(): FakeChartCollection {
    return (this.chartsProxy ??= new FakeChartCollection(this.context, this.sheet));
  }

  private rangeAt(describe: string, rect: () => Rect): FakeRange {
    return new FakeRange(this.context, describe, () => {
      const s = this._target();
      return s && { sheet: s, rect: rect() };
    });
  }

  getRange(address?: string): FakeRange {
    return this.rangeAt(`getRange(${address ?? ''})`, () => {
      if (address === undefined) return { top: 0, left: 0, rows: MAX_ROWS, cols: MAX_COLS };
      const parsed = parseAddress(address);
      const own = this._target();
      if (parsed.sheet !== undefined && own && parsed.sheet.toLowerCase() !== own.name.toLowerCase()) throw fakeError('InvalidArgument', 'Worksheet.getRange', `"${address}" is on another sheet`);
      return parsed.rect;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    const r = this.rangeAt(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => checkedRect({ top: startRow, left: startColumn, rows: rowCount, cols: columnCount }, 'Worksheet.getRangeByIndexes'));
    this.queue('getRangeByIndexes', null, () => undefined, '1.7');
    return r;
  }

  getCell(row: number, column: number): FakeRange {
    return this.rangeAt(`getCell(${row},${column})`, () => checkedRect({ top: row, left: column, rows: 1, cols: 1 }, 'Worksheet.getCell'));
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.rangeAt('getUsedRange()', () => this._target()?.usedRect(valuesOnly ?? false) ?? { top: 0, left: 0, rows: 1, cols: 1 });
  }

  delete(): void {
    this.queue('delete', null, (s) => this.model.deleteSheet(s));
  }

  activate(): void {
    this.queue('activate', null, (s) => this.model.activate(s));
  }
}

export function checkedRect(r: Rect, location: string): Rect {
  const ok = [r.top, r.left, r.rows, r.cols].every(Number.isInteger) && r.top >= 0 && r.left >= 0 && r.rows >= 1 && r.cols >= 1 && bottom(r) < MAX_ROWS && right(r) < MAX_COLS;
  if (!ok) throw fakeError('InvalidArgument', location, JSON.stringify(r));
  return r;
}

export class FakeWorksheetProtection extends FakeObject<SheetModel, { protected: boolean; options: ProtectionOptions }> {
  protected readonly typeName = 'WorksheetProtection';
  protected readonly scalarKeys = ['protected', 'options'] as const;

  protected snapshot<K extends 'protected' | 'options'>(s: SheetModel, k: K): { protected: boolean; options: ProtectionOptions }[K];
  protected snapshot(s: SheetModel, k: 'protected' | 'options'): boolean | ProtectionOptions {
    return k === 'protected' ? s.protection.protected : { ...s.protection.options };
  }

  get protected(): boolean {
    return this.read('protected');
  }
  get options(): ProtectionOptions {
    return this.read('options');
  }

  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    const opts: ProtectionOptions = { ...(options ?? {}) };
    this.queue('protect', { options: opts, password: password === undefined ? null : '***' }, (s) => this.model.protect(s, opts, password ?? null), '1.2');
  }

  unprotect(password?: string): void {
    this.queue('unprotect', null, (s) => this.model.unprotect(s, password ?? null), '1.2');
  }
}

export class FakeWorksheetFreezePanes extends FakeObject<SheetModel, object> {
  protected readonly typeName = 'WorksheetFreezePanes';
  protected readonly scalarKeys = [] as const;

  protected snapshot(): never {
    throw fakeError('InvalidArgument', 'WorksheetFreezePanes.load');
  }

  private freeze(member: string, rows: number, cols: number): void {
    this.queue(
      member,
      [rows, cols],
      (s) => {
        if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || rows >= MAX_ROWS || cols >= MAX_COLS) throw fakeError('InvalidArgument', `WorksheetFreezePanes.${member}`);
        s.freeze = { rows, cols };
      },
      '1.7',
    );
  }

  freezeRows(count = 1): void {
    this.freeze('freezeRows', count, 0);
  }

  freezeColumns(count = 1): void {
    this.freeze('freezeColumns', 0, count);
  }

  unfreeze(): void {
    this.freeze('unfreeze', 0, 0);
  }
}
