import { parseAddress, type Rect } from '../address';
import { fakeError } from '../errors';
import { WorkbookModel, type SheetModel, type TableModel } from '../model';
import type { FakeRequestContext } from './context';
import { FakeCollection, FakeObject, type Loadable } from './object';
import { FakeRange, type RangeTarget } from './range';
import { FakeWorksheet } from './worksheet';

export class FakeTableCollection extends FakeCollection<WorkbookModel | SheetModel, TableModel, FakeTable> {
  protected readonly typeName = 'TableCollection';

  constructor(
    context: FakeRequestContext,
    locate: () => WorkbookModel | SheetModel | null,
    private readonly sheetProxy: FakeWorksheet | null,
  ) {
    super(context, locate);
  }

  protected list(parent: WorkbookModel | SheetModel): TableModel[] {
    return parent instanceof WorkbookModel ? parent.tables : this.model.tables.filter((t) => t.sheet === parent);
  }

  protected makeItem(t: TableModel): FakeTable {
    return new FakeTable(this.context, () => t);
  }

  /** Adds a table over an address or a range; the sheet is this collection's, or the address's, or the active one. */
  add(address: Excel.Range | string, hasHeaders: boolean): FakeTable {
    const slot: { table?: TableModel } = {};
    const range = address instanceof FakeRange ? address : null;
    const text = typeof address === 'string' ? address : null;
    this.queue('add', { address: text ?? range, hasHeaders }, (parent) => {
      let target: RangeTarget | null;
      if (range) target = range._target();
      else if (text !== null) {
        const parsed = parseAddress(text);
        const sheet = parent instanceof WorkbookModel ? (parsed.sheet !== undefined ? this.model.sheet(parsed.sheet) : this.model.activeSheet) : parent;
        if (!sheet) throw fakeError('ItemNotFound', 'TableCollection.add', `sheet of "${text}"`);
        target = { sheet, rect: parsed.rect };
      } else target = null;
      if (!target) throw fakeError('InvalidArgument', 'TableCollection.add');
      slot.table = this.model.addTable(target.sheet, target.rect, hasHeaders);
    });
    return new FakeTable(this.context, () => slot.table ?? null);
  }

  getItem(key: string): FakeTable {
    return new FakeTable(this.context, () => {
      const t = this.model.tableByKey(key);
      const parent = this._target();
      if (!t || (parent !== null && !(parent instanceof WorkbookModel) && t.sheet !== parent)) throw fakeError('ItemNotFound', 'TableCollection.getItem', `table "${key}"`);
      return t;
    });
  }

  getItemOrNullObject(key: string): FakeTable {
    const t = new FakeTable(this.context, () => {
      const found = this.model.tableByKey(key);
      const parent = this._target();
      return found && (parent === null || parent instanceof WorkbookModel || found.sheet === parent) ? found : null;
    });
    return t._orNull('TableCollection.getItemOrNullObject', key);
  }

  /** The sheet whose tables these are (null for workbook.tables). */
  get worksheet(): FakeWorksheet | null {
    return this.sheetProxy;
  }
}

interface TableSnapshot {
  name: string;
  id: string;
  style: string;
  showHeaders: boolean;
  showTotals: boolean;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  showFilterButton: boolean;
}

export class FakeTable extends FakeObject<TableModel, TableSnapshot> implements Pick<Excel.Table, 'name' | 'id' | 'style' | 'showHeaders' | 'showTotals' | 'showBandedRows'> {
  protected readonly typeName = 'Table';
  protected readonly scalarKeys = ['name', 'id', 'style', 'showHeaders', 'showTotals', 'showBandedRows', 'showBandedColumns', 'showFilterButton'] as const;
  private rowsProxy?: FakeTableRowCollection;
  private columnsProxy?: FakeTableColumnCollection;
  private worksheetProxy?: FakeWorksheet;

  protected override isGone(t: TableModel): boolean {
    return t.deleted;
  }

  protected snapshot<K extends keyof TableSnapshot>(t: TableModel, k: K): TableSnapshot[K];
  protected snapshot(t: TableModel, k: keyof TableSnapshot): TableSnapshot[keyof TableSnapshot] {
    return t[k];
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === 'worksheet') return this.worksheet;
    if (name === 'rows') return this.rows;
    if (name === 'columns') return this.columns;
    return undefined;
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.assign('name', v, (t) => this.model.renameTable(t, v));
  }
  get id(): string {
    return this.read('id');
  }
  get style(): string {
    return this.read('style');
  }
  set style(v: string) {
    this.assign('style', v, (t) => {
      if (v !== '' && !/^TableStyle(Light|Medium|Dark)\d{1,2}$/.test(v)) throw fakeError('InvalidArgument', 'Table.style', `style "${v}"`);
      t.style = v;
    });
  }
  get showHeaders(): boolean {
    return this.read('showHeaders');
  }
  set showHeaders(v: boolean) {
    this.assign('showHeaders', v, (t) => (t.showHeaders = v));
  }
  get showTotals(): boolean {
    return this.read('showTotals');
  }
  set showTotals(v: boolean) {
    this.assign('showTotals', v, (t) => {
      if (v) throw fakeError('NotImplemented', 'Table.showTotals');
      t.showTotals = v;
    });
  }
  get showBandedRows(): boolean {
    return this.read('showBandedRows');
  }
  set showBandedRows(v: boolean) {
    this.assign('showBandedRows', v, (t) => (t.showBandedRows = v));
  }
  get showFilterButton(): boolean {
    return this.read('showFilterButton');
  }
  set showFilterButton(v: boolean) {
    this.assign('showFilterButton', v, (t) => (t.showFilterButton = v), '1.3');
  }

  get worksheet(): FakeWorksheet {
    return (this.worksheetProxy ??= new FakeWorksheet(this.context, () => this._target()?.sheet ?? null));
  }
  get rows(): FakeTableRowCollection {
    return (this.rowsProxy ??= new FakeTableRowCollection(this.context, () => this._target()));
  }
  get columns(): FakeTableColumnCollection {
    return (this.columnsProxy ??= new FakeTableColumnCollection(this.context, () => this._target()));
  }

  private part(describe: string, f: (t: TableModel) => Rect): FakeRange {
    return new FakeRange(this.context, `table.${describe}`, () => {
      const t = this._target();
      return t && { sheet: t.sheet, rect: f(t) };
    });
  }

  getRange(): FakeRange {
    return this.part('getRange()', (t) => t.rect);
  }
  getHeaderRowRange(): FakeRange {
    return this.part('getHeaderRowRange()', (t) => t.headerRect);
  }
  getDataBodyRange(): FakeRange {
    return this.part('getDataBodyRange()', (t) => t.dataRect);
  }

  delete(): void {
    this.queue('delete', null, (t) => this.model.deleteTable(t));
  }

  convertToRange(): FakeRange {
    const r = this.getRange();
    this.queue('convertToRange', null, (t) => this.model.convertTableToRange(t), '1.2');
    return r;
  }
}

export class FakeTableRowCollection extends FakeObject<TableModel, { count: number }> {
  protected readonly typeName = 'TableRowCollection';
  protected readonly scalarKeys = ['count'] as const;

  protected snapshot(t: TableModel): number {
    return t.rect.rows - 1;
  }

  get count(): number {
    return this.read('count');
  }

  /** Inserts rows at a data index (null or undefined = at the end) and writes their values. */
  add(index?: number | null, values?: unknown[][]): void {
    this.queue('add', { index: index ?? null, values: values ?? null }, (t) => this.model.addTableRows(t, index ?? null, values));
  }
}

interface ColumnRef {
  table: TableModel;
  index: number;
}

export class FakeTableColumnCollection extends FakeCollection<TableModel, ColumnRef, FakeTableColumn> {
  protected readonly typeName = 'TableColumnCollection';
  private readonly refs = new Map<string, ColumnRef>();

  protected list(t: TableModel): ColumnRef[] {
    return t.columnNames.map((_, index) => {
      const k = `${t.id}:${index}`;
      let ref = this.refs.get(k);
      if (!ref) {
        ref = { table: t, index };
        this.refs.set(k, ref);
      }
      return ref;
    });
  }

  protected makeItem(ref: ColumnRef): FakeTableColumn {
    return new FakeTableColumn(this.context, () => ref);
  }

  getItem(key: string | number): FakeTableColumn {
    return new FakeTableColumn(this.context, () => {
      const t = this._target();
      const names = t?.columnNames ?? [];
      const index = typeof key === 'number' ? key - 1 : names.findIndex((n) => n.toLowerCase() === key.toLowerCase());
      if (!t || index < 0 || index >= names.length) throw fakeError('ItemNotFound', 'TableColumnCollection.getItem', `column ${key}`);
      return { table: t, index };
    });
  }
}

export class FakeTableColumn extends FakeObject<ColumnRef, { name: string; index: number; id: number }> {
  protected readonly typeName = 'TableColumn';
  protected readonly scalarKeys = ['name', 'index', 'id'] as const;

  protected snapshot<K extends 'name' | 'index' | 'id'>(c: ColumnRef, k: K): { name: string; index: number; id: number }[K];
  protected snapshot(c: ColumnRef, k: 'name' | 'index' | 'id'): string | number {
    return k === 'name' ? (c.table.columnNames[c.index] ?? '') : k === 'index' ? c.index : c.index + 1;
  }

  get name(): string {
    return this.read('name');
  }
  get index(): number {
    return this.read('index');
  }

  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, 'column.getDataBodyRange()', () => {
      const c = this._target();
      return c && { sheet: c.table.sheet, rect: { ...c.table.dataRect, left: c.table.rect.left + c.index, cols: 1 } };
    });
  }
}
