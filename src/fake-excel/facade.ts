import { bottom, cellCount, formatAddress, MAX_COLS, MAX_ROWS, parseAddress, right, type Rect } from './address';
import { fakeError, FakeOfficeError, propertyNotLoaded } from './errors';
import { CHART_TYPES, WorkbookModel, type NameModel, type SheetModel, type TableModel, type WorkbookModelOptions } from './model';
import type { CellModel, ChartModel, ChartRefModel, ChartSeriesModel, ModelValue, ProtectionOptions, SheetVisibility, ValidationKind, ValidationModel, ValidationRuleModel } from './model-types';

/**
 * The Office.js-shaped facade over WorkbookModel: proxies that queue operations, a request context
 * whose sync() runs them, and Office.js's failure modes — PropertyNotLoaded before load()+sync(),
 * ItemNotFound at sync for getItem of a missing object, null objects from *OrNullObject, the 5 MB
 * request/response payload limits of Excel on the web, ApiNotFound for members above the
 * configured requirement set. Only the members PressDX uses exist; TypeScript checks their
 * shapes against @types/office-js (the `implements Pick<Excel.X, ...>` clauses and parameter types).
 */

// ---- session, context, queue ----------------------------------------------------------------------

export interface FakeExcelOptions extends WorkbookModelOptions {
  /** Highest ExcelApi requirement set the fake host supports, e.g. '1.8' for Excel 2019. */
  maxExcelApi?: string;
  /** Excel on the web rejects a request (queued operations) above 5 MB. */
  requestLimitBytes?: number;
  /** …and a response (loaded values) above 5 MB. */
  responseLimitBytes?: number;
}

export interface SyncRecord {
  operations: number;
  requestBytes: number;
  responseBytes: number;
  error?: string;
}

/** 5 MB, read as 5,000,000 bytes: stricter than 5 MiB, so code that passes here passes in Excel. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

/** What an operation costs beyond its arguments (object path, action type, ids) in Office.js's JSON. */
const OPERATION_OVERHEAD_BYTES = 64;

const encoder = new TextEncoder();
export const utf8Bytes = (s: string): number => encoder.encode(s).length;
const jsonBytes = (v: unknown): number => (v === undefined ? 0 : utf8Bytes(JSON.stringify(v) ?? ''));

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Everything that outlives one Excel.run: the workbook, counters, the log of API calls. */
export class FakeSession {
  readonly model: WorkbookModel;
  /** Every context.sync(), including the implicit one at the end of run() when work is pending. */
  syncCount = 0;
  readonly syncs: SyncRecord[] = [];
  /** "Type.member" of every queued call, in order (tests assert what was or was not called). */
  readonly calls: string[] = [];
  readonly maxExcelApi: string;
  readonly requestLimitBytes: number;
  readonly responseLimitBytes: number;

  constructor(options: FakeExcelOptions = {}) {
    this.model = new WorkbookModel(options);
    this.maxExcelApi = options.maxExcelApi ?? '1.17';
    this.requestLimitBytes = options.requestLimitBytes ?? PAYLOAD_LIMIT_BYTES;
    this.responseLimitBytes = options.responseLimitBytes ?? PAYLOAD_LIMIT_BYTES;
  }

  /** Office.context.requirements.isSetSupported for this fake host. */
  isSetSupported(name: string, version = '1.1'): boolean {
    return name.toLowerCase() === 'excelapi' && compareVersions(version, this.maxExcelApi) <= 0;
  }
}

/** Collects, during one sync, what loads will hand back once the whole request succeeded. */
interface Execution {
  commit(apply: () => void, response: unknown): void;
}

interface Operation {
  location: string;
  bytes: number;
  apiSet?: string;
  run(x: Execution): void;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  private queue: Operation[] = [];
  private alive = true;

  constructor(readonly session: FakeSession) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }

  get model(): WorkbookModel {
    return this.session.model;
  }

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  /** Bytes queued since the last sync, as the fake counts them against the request limit. */
  get pendingBytes(): number {
    return this.queue.reduce((n, op) => n + op.bytes, 0);
  }

  enqueue(location: string, payload: unknown, run: (x: Execution) => void, apiSet?: string): void {
    if (!this.alive) throw fakeError('InvalidRequestContext', location, 'the Excel.run batch has ended');
    this.queue.push({ location, bytes: jsonBytes(payload) + OPERATION_OVERHEAD_BYTES, apiSet, run });
    this.session.calls.push(location);
  }

  async sync(): Promise<void> {
    if (!this.alive) throw fakeError('InvalidRequestContext', 'RequestContext.sync');
    this.session.syncCount++;
    const ops = this.queue;
    this.queue = [];
    // A sync is a round trip: callers must not rely on it completing synchronously.
    await Promise.resolve();
    const record: SyncRecord = { operations: ops.length, requestBytes: ops.reduce((n, op) => n + op.bytes, 0), responseBytes: 0 };
    this.session.syncs.push(record);
    if (ops.length === 0) return;
    const fail = (e: FakeOfficeError): never => {
      record.error = e.code;
      throw e;
    };
    if (record.requestBytes > this.session.requestLimitBytes) {
      fail(fakeError('RequestPayloadSizeLimitExceeded', 'RequestContext.sync', `${record.requestBytes} bytes in ${ops.length} operations`));
    }
    const commits: Array<() => void> = [];
    const x: Execution = {
      commit: (apply, response) => {
        commits.push(apply);
        record.responseBytes += jsonBytes(response);
      },
    };
    const model = this.model;
    try {
      // Excel runs the operations in order and stops at the first failure; earlier ones stay applied.
      for (const op of ops) {
        if (op.apiSet && !this.session.isSetSupported('ExcelApi', op.apiSet)) fail(fakeError('ApiNotFound', op.location, `needs ExcelApi ${op.apiSet}`));
        try {
          op.run(x);
        } catch (e) {
          if (e instanceof FakeOfficeError) {
            e.debugInfo.errorLocation ??= op.location;
            fail(e);
          }
          fail(new FakeOfficeError('GeneralException', { location: op.location, detail: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }));
        }
      }
    } finally {
      if (model.calculationSuspended) {
        model.suspendedSyncs++;
        model.calculationSuspended = false;
      }
    }
    if (record.responseBytes > this.session.responseLimitBytes) fail(fakeError('ResponsePayloadSizeLimitExceeded', 'RequestContext.sync', `${record.responseBytes} bytes`));
    for (const c of commits) c();
  }

  dispose(): void {
    this.alive = false;
    this.queue = [];
  }
}

// ---- proxies ----------------------------------------------------------------------------------------

type LoadSpec = string | string[] | { select?: string; expand?: string } | Record<string, unknown>;

/** Flattens every form load() accepts into property paths ("values", "worksheet/name", "items/name"). */
export function loadPaths(spec?: LoadSpec): string[] {
  if (spec === undefined || spec === null) return [];
  if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap((s) => loadPaths(s));
  if ('select' in spec || 'expand' in spec) {
    const sel = typeof spec.select === 'string' ? loadPaths(spec.select) : [];
    const exp = typeof spec.expand === 'string' ? loadPaths(spec.expand) : [];
    return [...sel, ...exp];
  }
  const out: string[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (k === '$all' && v === true) out.push('*');
    else if (k.startsWith('$')) continue;
    else if (v === true) out.push(k);
    else if (typeof v === 'object' && v !== null) {
      const sub = loadPaths(v as Record<string, unknown>);
      out.push(...(sub.length ? sub.map((s) => `${k}/${s}`) : [k]));
    }
  }
  return out;
}

interface Loadable {
  _load(paths: string[], x: Execution): void;
}

type Boxed<S> = { [K in keyof S]?: { v: S[K] } };

/**
 * A proxy. It finds its model object lazily, the first time a sync needs it (so getItem of a
 * missing sheet fails at sync, not at the call), keeps loaded values only after a successful sync,
 * and throws PropertyNotLoaded for anything else.
 */
abstract class FakeObject<T, S extends object> implements Loadable {
  protected abstract readonly typeName: string;
  protected abstract readonly scalarKeys: ReadonlyArray<keyof S & string>;
  private binding: { target: T | null } | undefined;
  private readonly cache: Boxed<S> = {};
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    private readonly locate: () => T | null,
    /** Collections re-read their parent at every sync; objects bind once. */
    private readonly bindOnce = true,
  ) {}

  protected abstract snapshot<K extends keyof S & string>(t: T, k: K): S[K];

  protected navigation(_name: string): Loadable | undefined {
    return undefined;
  }

  protected isGone(_t: T): boolean {
    return false;
  }

  protected get model(): WorkbookModel {
    return this.context.model;
  }

  /** The model object, or null for a null object; throws ItemNotFound when it was deleted. */
  _target(): T | null {
    if (!this.bindOnce) return this.locate();
    if (!this.binding) this.binding = { target: this.locate() };
    const t = this.binding.target;
    if (t !== null && this.isGone(t)) throw fakeError('ItemNotFound', this.typeName, 'the object was deleted');
    return t;
  }

  protected read<K extends keyof S & string>(k: K): S[K] {
    const box = this.cache[k];
    if (!box) throw propertyNotLoaded(k, `${this.typeName}.${k}`);
    return box.v;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw propertyNotLoaded('isNullObject', `${this.typeName}.isNullObject`);
    return this.nullState;
  }

  /** *OrNullObject results: Office.js fills isNullObject at the next sync, without a load. */
  _orNull(member: string, key: unknown): this {
    const settle = (x: Execution) => {
      const t = this._target();
      x.commit(() => (this.nullState = t === null), null);
    };
    this.context.enqueue(member, [member, key], settle, '1.4');
    return this;
  }

  load(spec?: LoadSpec): this {
    const paths = loadPaths(spec);
    this.context.enqueue(`${this.typeName}.load`, ['load', paths], (x) => this._load(paths, x));
    return this;
  }

  _load(paths: string[], x: Execution): void {
    const t = this._target();
    if (t === null) {
      x.commit(() => (this.nullState = true), null);
      return;
    }
    x.commit(() => (this.nullState = false), undefined);
    const scalars = new Set<keyof S & string>();
    const navs = new Map<string, string[]>();
    for (const p of paths.length ? paths : ['*']) {
      const [head, ...rest] = p.split('/');
      if (head === '*' || head === '') {
        this.scalarKeys.forEach((k) => scalars.add(k));
        continue;
      }
      if (head === 'isNullObject') continue;
      const k = this.scalarKeys.find((s) => s.toLowerCase() === head.toLowerCase());
      if (k) {
        scalars.add(k);
        continue;
      }
      if (this.navigation(head)) {
        navs.set(head, [...(navs.get(head) ?? []), rest.join('/')]);
        continue;
      }
      throw fakeError('InvalidArgument', `${this.typeName}.load`, `unknown property "${head}"`);
    }
    for (const k of scalars) {
      const v = this.snapshot(t, k);
      x.commit(() => (this.cache[k] = { v }), v);
    }
    for (const [name, sub] of navs) this.navigation(name)?._load(sub, x);
  }

  /** Queues a method call or property write; on a null object it does nothing, as in Office.js. */
  protected queue(member: string, args: unknown, apply: (t: T) => void, apiSet?: string): void {
    this.context.enqueue(
      `${this.typeName}.${member}`,
      [member, payloadOf(args)],
      () => {
        const t = this._target();
        if (t !== null) apply(t);
      },
      apiSet,
    );
  }

  /** A property write: Office.js keeps the written value in the proxy, so reading it back works. */
  protected assign<K extends keyof S & string>(k: K, v: S[K], apply: (t: T, v: S[K]) => void, apiSet?: string): void {
    this.cache[k] = { v };
    this.queue(k, v, (t) => apply(t, v), apiSet);
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const k of this.scalarKeys) {
      const box = this.cache[k];
      if (box) out[k] = box.v;
    }
    return out;
  }
}

/** Proxies inside arguments are sent as references, not as their loaded data. */
function payloadOf(v: unknown): unknown {
  if (v instanceof FakeRange) return { range: v.pathHint };
  if (Array.isArray(v)) return v;
  if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, payloadOf(x)]));
  }
  return v;
}

abstract class FakeCollection<P, M, I extends Loadable> extends FakeObject<P, { count: number }> {
  protected readonly scalarKeys = ['count'] as const;
  private loadedItems: I[] | undefined;
  private readonly proxies = new Map<M, I>();

  constructor(context: FakeRequestContext, locate: () => P | null) {
    super(context, locate, false);
  }

  protected abstract list(parent: P): M[];
  protected abstract makeItem(m: M): I;

  protected snapshot(p: P): number {
    return this.list(p).length;
  }

  protected itemFor(m: M): I {
    let i = this.proxies.get(m);
    if (!i) {
      i = this.makeItem(m);
      this.proxies.set(m, i);
    }
    return i;
  }

  get items(): I[] {
    if (!this.loadedItems) throw propertyNotLoaded('items', `${this.typeName}.items`);
    return this.loadedItems;
  }

  get count(): number {
    return this.read('count');
  }

  override _load(paths: string[], x: Execution): void {
    const parent = this._target();
    if (parent === null) return;
    const own = paths.filter((p) => p === 'count');
    if (own.length) super._load(own, x);
    const itemPaths = paths.filter((p) => p !== 'count').map((p) => (p === 'items' ? '*' : p.startsWith('items/') ? p.slice(6) : p));
    if (paths.length > 0 && itemPaths.length === 0) return;
    const items = this.list(parent).map((m) => this.itemFor(m));
    x.commit(() => (this.loadedItems = items), undefined);
    for (const item of items) item._load(itemPaths.length ? itemPaths : ['*'], x);
  }
}

// ---- workbook, application -------------------------------------------------------------------------

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly application: FakeApplication;

  constructor(readonly context: FakeRequestContext) {
    const model = () => context.model;
    this.worksheets = new FakeWorksheetCollection(context, model);
    this.tables = new FakeTableCollection(context, model, null);
    this.names = new FakeNamedItemCollection(context, model);
    this.application = new FakeApplication(context, model);
  }
}

export class FakeApplication extends FakeObject<WorkbookModel, { calculationMode: string }> {
  protected readonly typeName = 'Application';
  protected readonly scalarKeys = ['calculationMode'] as const;

  protected snapshot(m: WorkbookModel): string {
    return m.calculationMode;
  }

  get calculationMode(): string {
    return this.read('calculationMode');
  }

  set calculationMode(v: string) {
    this.assign(
      'calculationMode',
      v,
      (m) => {
        if (v !== 'Automatic' && v !== 'Manual' && v !== 'AutomaticExceptTables') throw fakeError('InvalidArgument', 'Application.calculationMode');
        m.calculationMode = v;
      },
      '1.8',
    );
  }

  /** Excel holds recalculation until the next sync completes (ExcelApi 1.6). */
  suspendApiCalculationUntilNextSync(): void {
    this.queue('suspendApiCalculationUntilNextSync', null, (m) => (m.calculationSuspended = true), '1.6');
  }

  /** Recalculate | Full | FullRebuild; recorded in model.calculations with the suspension state. */
  calculate(calculationType: string): void {
    this.queue('calculate', calculationType, (m) => m.calculate(calculationType));
  }
}

// ---- worksheets ------------------------------------------------------------------------------------

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

const HEX = /^#[0-9A-Fa-f]{6}$/;

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

function checkedRect(r: Rect, location: string): Rect {
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

// ---- page layout (ExcelApi 1.9) --------------------------------------------------------------------

interface PageLayoutSnapshot {
  orientation: string;
  paperSize: string;
  zoom: Excel.PageLayoutZoomOptions;
  centerHorizontally: boolean;
}

const PAPER_SIZES = ['Letter', 'LetterSmall', 'Tabloid', 'Ledger', 'Legal', 'Statement', 'Executive', 'A3', 'A4', 'A4Small', 'A5', 'B4', 'B5'];

export class FakePageLayout extends FakeObject<SheetModel, PageLayoutSnapshot> {
  protected readonly typeName = 'PageLayout';
  protected readonly scalarKeys = ['orientation', 'paperSize', 'zoom', 'centerHorizontally'] as const;
  private hf?: FakeHeaderFooterGroup;

  protected snapshot<K extends keyof PageLayoutSnapshot>(s: SheetModel, k: K): PageLayoutSnapshot[K];
  protected snapshot(s: SheetModel, k: keyof PageLayoutSnapshot): PageLayoutSnapshot[keyof PageLayoutSnapshot] {
    const p = s.pageLayout;
    return k === 'zoom' ? { ...p.zoom } : k === 'orientation' ? p.orientation : k === 'paperSize' ? p.paperSize : p.centerHorizontally;
  }

  get orientation(): string {
    return this.read('orientation');
  }
  set orientation(v: string) {
    this.assign(
      'orientation',
      v,
      (s) => {
        if (v !== 'Portrait' && v !== 'Landscape') throw fakeError('InvalidArgument', 'PageLayout.orientation');
        s.pageLayout.orientation = v;
      },
      '1.9',
    );
  }
  get paperSize(): string {
    return this.read('paperSize');
  }
  set paperSize(v: string) {
    this.assign(
      'paperSize',
      v,
      (s) => {
        if (!PAPER_SIZES.includes(v)) throw fakeError('InvalidArgument', 'PageLayout.paperSize');
        s.pageLayout.paperSize = v;
      },
      '1.9',
    );
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.read('zoom');
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.assign(
      'zoom',
      { ...v },
      (s) => {
        const pages = [v.horizontalFitToPages, v.verticalFitToPages].filter((n) => n !== undefined);
        if (pages.some((n) => !Number.isInteger(n) || (n ?? 0) < 0) || (v.scale !== undefined && (v.scale < 10 || v.scale > 400))) throw fakeError('InvalidArgument', 'PageLayout.zoom');
        if (v.scale !== undefined && pages.length > 0) throw fakeError('InvalidArgument', 'PageLayout.zoom', 'scale and fit-to-pages exclude each other');
        s.pageLayout.zoom = { ...v };
      },
      '1.9',
    );
  }
  get centerHorizontally(): boolean {
    return this.read('centerHorizontally');
  }
  set centerHorizontally(v: boolean) {
    this.assign('centerHorizontally', v, (s) => (s.pageLayout.centerHorizontally = v), '1.9');
  }

  get headersFooters(): FakeHeaderFooterGroup {
    return (this.hf ??= new FakeHeaderFooterGroup(this.context, () => this._target()));
  }

  setPrintTitleRows(rows: Excel.Range | string): void {
    const address = typeof rows === 'string' ? rows : null;
    const range = rows instanceof FakeRange ? rows : null;
    this.queue(
      'setPrintTitleRows',
      address ?? range,
      (s) => {
        const target = range?._target();
        if (target) {
          if (target.rect.cols !== MAX_COLS) throw fakeError('InvalidArgument', 'PageLayout.setPrintTitleRows');
          s.pageLayout.printTitleRows = `$${target.rect.top + 1}:$${bottom(target.rect) + 1}`;
        } else if (address !== null) this.model.setPrintTitleRows(s, address);
        else throw fakeError('InvalidArgument', 'PageLayout.setPrintTitleRows');
      },
      '1.9',
    );
  }

  setPrintArea(area: string): void {
    this.queue(
      'setPrintArea',
      area,
      (s) => {
        parseAddress(area);
        s.pageLayout.printArea = area;
      },
      '1.9',
    );
  }
}

export class FakeHeaderFooterGroup extends FakeObject<SheetModel, object> {
  protected readonly typeName = 'HeaderFooterGroup';
  protected readonly scalarKeys = [] as const;
  private all?: FakeHeaderFooter;

  protected snapshot(): never {
    throw fakeError('InvalidArgument', 'HeaderFooterGroup.load');
  }

  get defaultForAllPages(): FakeHeaderFooter {
    return (this.all ??= new FakeHeaderFooter(this.context, () => this._target()));
  }
}

type HeaderFooterKey = 'leftHeader' | 'centerHeader' | 'rightHeader' | 'leftFooter' | 'centerFooter' | 'rightFooter';

export class FakeHeaderFooter extends FakeObject<SheetModel, Record<HeaderFooterKey, string>> {
  protected readonly typeName = 'HeaderFooter';
  protected readonly scalarKeys = ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'] as const;

  protected snapshot(s: SheetModel, k: HeaderFooterKey): string {
    return s.pageLayout.headersFooters[k];
  }

  private put(k: HeaderFooterKey, v: string): void {
    this.assign(
      k,
      v,
      (s) => {
        // Excel limits each header or footer section to 255 characters.
        if (v.length > 255) throw fakeError('InvalidArgument', `HeaderFooter.${k}`);
        s.pageLayout.headersFooters[k] = v;
      },
      '1.9',
    );
  }

  get leftHeader(): string {
    return this.read('leftHeader');
  }
  set leftHeader(v: string) {
    this.put('leftHeader', v);
  }
  get centerHeader(): string {
    return this.read('centerHeader');
  }
  set centerHeader(v: string) {
    this.put('centerHeader', v);
  }
  get rightHeader(): string {
    return this.read('rightHeader');
  }
  set rightHeader(v: string) {
    this.put('rightHeader', v);
  }
  get centerFooter(): string {
    return this.read('centerFooter');
  }
  set centerFooter(v: string) {
    this.put('centerFooter', v);
  }
}

// ---- ranges ----------------------------------------------------------------------------------------

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

function mapCells<V>(t: RangeTarget, location: string, f: (c: Readonly<CellModel>) => V): V[][] {
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
function uniform<V>(t: RangeTarget, location: string, f: (c: Readonly<CellModel>) => V): V | null {
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

// ---- data validation (ExcelApi 1.8) ------------------------------------------------------------------

const OPERATORS = ['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqualTo', 'LessThanOrEqualTo'] as const;
type Operator = (typeof OPERATORS)[number];
const isOperator = (s: string | undefined): s is Operator => (OPERATORS as readonly string[]).includes(s ?? '');
const ALERT_STYLES = ['Stop', 'Warning', 'Information'] as const;
const isAlertStyle = (s: string | undefined): s is (typeof ALERT_STYLES)[number] => (ALERT_STYLES as readonly string[]).includes(s ?? '');
const RULE_KINDS = ['wholeNumber', 'decimal', 'date', 'time', 'textLength', 'list', 'custom'] as const;
const TYPE_NAMES: Record<ValidationKind, string> = {
  none: 'None',
  wholeNumber: 'WholeNumber',
  decimal: 'Decimal',
  date: 'Date',
  time: 'Time',
  textLength: 'TextLength',
  list: 'List',
  custom: 'Custom',
};

const EPOCH_UTC = Date.UTC(1899, 11, 30);

/** An operand as Excel stores it: a formula string ("=10", "=A1", "=45292"). */
function operand(v: unknown, dateLike: boolean, location: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return `=${v}`;
  if (v instanceof FakeRange) {
    const t = v._target();
    if (!t) throw fakeError('InvalidArgument', location);
    return `=${formatAddress(t.sheet.name, t.rect)}`;
  }
  if (v instanceof Date) return `=${(v.getTime() - EPOCH_UTC) / 86_400_000}`;
  if (typeof v === 'string' && v !== '') {
    if (v.startsWith('=')) return v;
    if (dateLike) {
      const t = Date.parse(v);
      if (Number.isNaN(t)) throw fakeError('InvalidArgument', location, `date operand "${v}"`);
      return `=${(t - EPOCH_UTC) / 86_400_000}`;
    }
    if (Number.isFinite(Number(v))) return `=${Number(v)}`;
  }
  throw fakeError('InvalidArgument', location, `operand ${JSON.stringify(v)}`);
}

function toRuleModel(rule: Excel.DataValidationRule, location: string): ValidationRuleModel {
  const kinds = RULE_KINDS.filter((k) => rule[k] !== undefined && rule[k] !== null);
  if (kinds.length !== 1) throw fakeError('InvalidArgument', location, 'a rule has exactly one type');
  const kind = kinds[0];
  if (kind === 'list') {
    const l = rule.list;
    if (!l) throw fakeError('InvalidArgument', location);
    const source = l.source instanceof FakeRange ? operand(l.source, false, location) : l.source;
    if (typeof source !== 'string') throw fakeError('InvalidArgument', location, 'list source');
    return { kind, source, inCellDropDown: l.inCellDropDown !== false };
  }
  if (kind === 'custom') {
    const c = rule.custom;
    if (!c || typeof c.formula !== 'string' || !c.formula.startsWith('=')) throw fakeError('InvalidArgument', location, 'custom formula');
    return { kind, formula1: c.formula };
  }
  const basic = rule[kind];
  if (!basic || !isOperator(basic.operator)) throw fakeError('InvalidArgument', location, `operator ${basic?.operator}`);
  const dateLike = kind === 'date' || kind === 'time';
  const two = basic.operator === 'Between' || basic.operator === 'NotBetween';
  if (two && (basic.formula2 === undefined || basic.formula2 === null)) throw fakeError('InvalidArgument', location, `${basic.operator} needs formula2`);
  return {
    kind,
    operator: basic.operator,
    formula1: operand(basic.formula1, dateLike, location),
    formula2: two ? operand(basic.formula2, dateLike, location) : undefined,
  };
}

function fromRuleModel(r: ValidationRuleModel): Excel.DataValidationRule {
  switch (r.kind) {
    case 'none':
      return {};
    case 'list':
      return { list: { source: r.source ?? '', inCellDropDown: r.inCellDropDown !== false } };
    case 'custom':
      return { custom: { formula: r.formula1 ?? '' } };
    default: {
      const basic = { formula1: r.formula1 ?? '', formula2: r.formula2, operator: isOperator(r.operator) ? r.operator : 'Between' };
      return { [r.kind]: basic };
    }
  }
}

interface DataValidationSnapshot {
  rule: Excel.DataValidationRule | null;
  prompt: Excel.DataValidationPrompt | null;
  errorAlert: Excel.DataValidationErrorAlert | null;
  ignoreBlanks: boolean | null;
  type: string;
}

export class FakeDataValidation extends FakeObject<RangeTarget, DataValidationSnapshot> {
  protected readonly typeName = 'DataValidation';
  protected readonly scalarKeys = ['rule', 'prompt', 'errorAlert', 'ignoreBlanks', 'type'] as const;

  protected snapshot<K extends keyof DataValidationSnapshot>(t: RangeTarget, k: K): DataValidationSnapshot[K];
  protected snapshot(t: RangeTarget, k: keyof DataValidationSnapshot): DataValidationSnapshot[keyof DataValidationSnapshot] {
    const where = `DataValidation.${k}`;
    const v = (c: Readonly<CellModel>): ValidationModel => c.validation ?? { rule: { kind: 'none' }, prompt: null, errorAlert: null, ignoreBlanks: true };
    switch (k) {
      case 'rule': {
        const r = uniform(t, where, (c) => v(c).rule);
        return r && fromRuleModel(r);
      }
      case 'prompt': {
        const p = uniform(t, where, (c) => v(c).prompt);
        return p ?? { showPrompt: false, title: '', message: '' };
      }
      case 'errorAlert': {
        const e = uniform(t, where, (c) => v(c).errorAlert);
        return e ? { ...e, style: isAlertStyle(e.style) ? e.style : 'Stop' } : { showAlert: true, style: 'Stop', title: '', message: '' };
      }
      case 'ignoreBlanks':
        return uniform(t, where, (c) => v(c).ignoreBlanks);
      case 'type': {
        const kinds = new Set(mapCells(t, where, (c) => v(c).rule.kind).flat());
        if (kinds.size > 1) return 'Inconsistent';
        return TYPE_NAMES[[...kinds][0] ?? 'none'];
      }
    }
  }

  get rule(): Excel.DataValidationRule | null {
    return this.read('rule');
  }
  set rule(r: Excel.DataValidationRule | null) {
    this.queue(
      'rule',
      r,
      (t) => {
        if (!r) throw fakeError('InvalidArgument', 'DataValidation.rule');
        this.model.setValidationRule(t.sheet, t.rect, toRuleModel(r, 'DataValidation.rule'), 'DataValidation.rule');
      },
      '1.8',
    );
  }
  get prompt(): Excel.DataValidationPrompt | null {
    return this.read('prompt');
  }
  set prompt(p: Excel.DataValidationPrompt | null) {
    this.queue(
      'prompt',
      p,
      (t) => {
        // Excel's limits: title 32 characters, message 255.
        if (!p || (p.title ?? '').length > 32 || (p.message ?? '').length > 255) throw fakeError('InvalidArgument', 'DataValidation.prompt');
        const prompt = { showPrompt: p.showPrompt !== false, title: p.title ?? '', message: p.message ?? '' };
        this.model.mutateValidation(t.sheet, t.rect, 'DataValidation.prompt', (v) => ({ ...v, prompt }));
      },
      '1.8',
    );
  }
  get errorAlert(): Excel.DataValidationErrorAlert | null {
    return this.read('errorAlert');
  }
  set errorAlert(a: Excel.DataValidationErrorAlert | null) {
    this.queue(
      'errorAlert',
      a,
      (t) => {
        if (!a || (a.title ?? '').length > 32 || (a.message ?? '').length > 255 || (a.style !== undefined && !isAlertStyle(a.style))) {
          throw fakeError('InvalidArgument', 'DataValidation.errorAlert');
        }
        const errorAlert = { showAlert: a.showAlert !== false, style: a.style ?? 'Stop', title: a.title ?? '', message: a.message ?? '' };
        this.model.mutateValidation(t.sheet, t.rect, 'DataValidation.errorAlert', (v) => ({ ...v, errorAlert }));
      },
      '1.8',
    );
  }
  get ignoreBlanks(): boolean | null {
    return this.read('ignoreBlanks');
  }
  set ignoreBlanks(b: boolean | null) {
    this.queue('ignoreBlanks', b, (t) => this.model.mutateValidation(t.sheet, t.rect, 'DataValidation.ignoreBlanks', (v) => ({ ...v, ignoreBlanks: b !== false })), '1.8');
  }
  get type(): string {
    return this.read('type');
  }

  clear(): void {
    this.queue('clear', null, (t) => this.model.mutateValidation(t.sheet, t.rect, 'DataValidation.clear', () => null), '1.8');
  }
}

// ---- tables ----------------------------------------------------------------------------------------

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

// ---- names -----------------------------------------------------------------------------------------

export class FakeNamedItemCollection extends FakeCollection<WorkbookModel, NameModel, FakeNamedItem> {
  protected readonly typeName = 'NamedItemCollection';

  protected list(m: WorkbookModel): NameModel[] {
    return m.names;
  }

  protected makeItem(n: NameModel): FakeNamedItem {
    return new FakeNamedItem(this.context, () => n);
  }

  add(name: string, reference: Excel.Range | string, comment?: string): FakeNamedItem {
    const slot: { name?: NameModel } = {};
    const range = reference instanceof FakeRange ? reference : null;
    const text = typeof reference === 'string' ? reference : null;
    this.queue(
      'add',
      { name, reference: text ?? range, comment: comment ?? null },
      (m) => {
        const target = range?._target();
        const formula = target ? `=${formatAddress(target.sheet.name, target.rect).replace(/!([A-Z]+)(\d+)/g, '!$$$1$$$2').replace(/:([A-Z]+)(\d+)/g, ':$$$1$$$2')}` : text;
        if (formula === null) throw fakeError('InvalidArgument', 'NamedItemCollection.add');
        slot.name = m.addName(name, formula, comment ?? '');
      },
      '1.4',
    );
    return new FakeNamedItem(this.context, () => slot.name ?? null);
  }

  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => {
      const n = this.model.name(name);
      if (!n) throw fakeError('ItemNotFound', 'NamedItemCollection.getItem', `name "${name}"`);
      return n;
    });
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, () => this.model.name(name) ?? null)._orNull('NamedItemCollection.getItemOrNullObject', name);
  }
}

interface NamedItemSnapshot {
  name: string;
  formula: string;
  type: string;
  value: string;
  comment: string;
  visible: boolean;
  scope: string;
}

export class FakeNamedItem extends FakeObject<NameModel, NamedItemSnapshot> implements Pick<Excel.NamedItem, 'name' | 'formula' | 'comment' | 'visible'> {
  protected readonly typeName = 'NamedItem';
  protected readonly scalarKeys = ['name', 'formula', 'type', 'value', 'comment', 'visible', 'scope'] as const;

  protected override isGone(n: NameModel): boolean {
    return !this.model.names.includes(n);
  }

  protected snapshot<K extends keyof NamedItemSnapshot>(n: NameModel, k: K): NamedItemSnapshot[K];
  protected snapshot(n: NameModel, k: keyof NamedItemSnapshot): NamedItemSnapshot[keyof NamedItemSnapshot] {
    switch (k) {
      case 'name':
        return n.name;
      case 'formula':
        return n.formula;
      case 'type':
        return this.model.nameType(n);
      case 'value':
        return n.formula.slice(1);
      case 'comment':
        return n.comment;
      case 'visible':
        return n.visible;
      case 'scope':
        return 'Workbook';
    }
  }

  get name(): string {
    return this.read('name');
  }
  get formula(): string {
    return this.read('formula');
  }
  get type(): string {
    return this.read('type');
  }
  get value(): string {
    return this.read('value');
  }
  get comment(): string {
    return this.read('comment');
  }
  set comment(v: string) {
    this.assign('comment', v, (n) => (n.comment = v), '1.4');
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.assign('visible', v, (n) => (n.visible = v));
  }

  delete(): void {
    this.queue('delete', null, (n) => this.model.deleteName(n), '1.4');
  }

  private rangeOf(orNull: boolean): FakeRange {
    return new FakeRange(this.context, 'name.getRange()', () => {
      const n = this._target();
      const r = n && this.model.nameRange(n);
      if (!r && !orNull) throw fakeError('InvalidArgument', 'NamedItem.getRange', 'the name does not refer to a range');
      return r ?? null;
    });
  }

  getRange(): FakeRange {
    return this.rangeOf(false);
  }

  getRangeOrNullObject(): FakeRange {
    return this.rangeOf(true)._orNull('NamedItem.getRangeOrNullObject', null);
  }
}

// ---- charts (ExcelApi 1.1; series editing 1.7; axis number format 1.8) ------------------------------

const SERIES_BY = ['Auto', 'Columns', 'Rows'];

export class FakeChartCollection extends FakeCollection<SheetModel, ChartModel, FakeChart> {
  protected readonly typeName = 'ChartCollection';

  protected list(s: SheetModel): ChartModel[] {
    return s.charts;
  }

  protected makeItem(c: ChartModel): FakeChart {
    return new FakeChart(this.context, () => c);
  }

  /** Adds a chart over a range (Office.js takes a Range, not an address, for sourceData). */
  add(type: string, sourceData: Excel.Range, seriesBy: string = 'Auto'): FakeChart {
    const slot: { chart?: ChartModel } = {};
    if (!(sourceData instanceof FakeRange)) throw fakeError('InvalidArgument', 'ChartCollection.add', 'sourceData must be a Range');
    if (!SERIES_BY.includes(seriesBy)) throw fakeError('InvalidArgument', 'ChartCollection.add', `seriesBy "${seriesBy}"`);
    this.queue('add', { type, sourceData, seriesBy }, (sheet) => {
      const source = sourceData._target();
      if (!source) throw fakeError('InvalidArgument', 'ChartCollection.add', 'sourceData is a null object');
      slot.chart = this.model.addChart(sheet, type, source, seriesBy);
    });
    return new FakeChart(this.context, () => slot.chart ?? null);
  }

  getItem(name: string): FakeChart {
    return new FakeChart(this.context, () => {
      const s = this._target();
      const c = s?.charts.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!c) throw fakeError('ItemNotFound', 'ChartCollection.getItem', `chart "${name}"`);
      return c;
    });
  }
}

interface ChartSnapshot {
  name: string;
  id: string;
  chartType: string;
}

export class FakeChart extends FakeObject<ChartModel, ChartSnapshot> {
  protected readonly typeName = 'Chart';
  protected readonly scalarKeys = ['name', 'id', 'chartType'] as const;
  private titleProxy?: FakeChartTitle;
  private legendProxy?: FakeChartLegend;
  private axesProxy?: FakeChartAxes;
  private seriesProxy?: FakeChartSeriesCollection;

  protected override isGone(c: ChartModel): boolean {
    return c.deleted;
  }

  protected snapshot<K extends keyof ChartSnapshot>(c: ChartModel, k: K): ChartSnapshot[K];
  protected snapshot(c: ChartModel, k: keyof ChartSnapshot): string {
    return k === 'chartType' ? c.type : k === 'id' ? c.id : c.name;
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === 'title') return this.title;
    if (name === 'legend') return this.legend;
    if (name === 'series') return this.series;
    return undefined;
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.assign('name', v, (c) =>
      this.model.editChart(c, 'Chart.name', (chart, sheet) => {
        if (v.trim() === '' || sheet.charts.some((o) => o !== chart && o.name.toLowerCase() === v.toLowerCase())) throw fakeError('InvalidArgument', 'Chart.name', `name "${v}"`);
        chart.name = v;
      }),
    );
  }
  get id(): string {
    return this.read('id');
  }
  get chartType(): string {
    return this.read('chartType');
  }

  get title(): FakeChartTitle {
    return (this.titleProxy ??= new FakeChartTitle(this.context, () => this._target()));
  }
  get legend(): FakeChartLegend {
    return (this.legendProxy ??= new FakeChartLegend(this.context, () => this._target()));
  }
  get axes(): FakeChartAxes {
    return (this.axesProxy ??= new FakeChartAxes(this.context, () => this._target()));
  }
  get series(): FakeChartSeriesCollection {
    return (this.seriesProxy ??= new FakeChartSeriesCollection(this.context, () => this._target()));
  }

  /** Places the chart over cells: an address or a Range for each corner (end optional). */
  setPosition(startCell: Excel.Range | string, endCell?: Excel.Range | string): void {
    const cellOf = (v: Excel.Range | string | undefined, c: ChartModel, sheet: SheetModel): string | undefined => {
      if (v === undefined) return undefined;
      const rect = typeof v === 'string' ? parseAddress(v).rect : v instanceof FakeRange ? v._target()?.rect : undefined;
      if (!rect) throw fakeError('InvalidArgument', 'Chart.setPosition', `cell ${String(v)} of ${c.name} on ${sheet.name}`);
      return formatAddress(sheet.name, { ...rect, rows: 1, cols: 1 }).split('!')[1];
    };
    this.queue('setPosition', { startCell, endCell: endCell ?? null }, (c) =>
      this.model.editChart(c, 'Chart.setPosition', (chart, sheet) => {
        const from = cellOf(startCell, chart, sheet) ?? 'A1';
        chart.position = { from, to: cellOf(endCell, chart, sheet) ?? from };
      }),
    );
  }

  delete(): void {
    this.queue('delete', null, (c) => this.model.deleteChart(c));
  }
}

export class FakeChartTitle extends FakeObject<ChartModel, { text: string; visible: boolean }> {
  protected readonly typeName = 'ChartTitle';
  protected readonly scalarKeys = ['text', 'visible'] as const;

  protected snapshot<K extends 'text' | 'visible'>(c: ChartModel, k: K): { text: string; visible: boolean }[K] {
    return c.title[k];
  }

  get text(): string {
    return this.read('text');
  }
  set text(v: string) {
    this.assign('text', v, (c) =>
      this.model.editChart(c, 'ChartTitle.text', (chart) => {
        // Setting a title shows it, as in Excel.
        chart.title = { text: v, visible: true };
      }),
    );
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.assign('visible', v, (c) => this.model.editChart(c, 'ChartTitle.visible', (chart) => (chart.title.visible = v)));
  }
}

const LEGEND_POSITIONS = ['Invalid', 'Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom'];

export class FakeChartLegend extends FakeObject<ChartModel, { visible: boolean; position: string }> {
  protected readonly typeName = 'ChartLegend';
  protected readonly scalarKeys = ['visible', 'position'] as const;

  protected snapshot<K extends 'visible' | 'position'>(c: ChartModel, k: K): { visible: boolean; position: string }[K] {
    return c.legend[k];
  }

  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.assign('visible', v, (c) => this.model.editChart(c, 'ChartLegend.visible', (chart) => (chart.legend.visible = v)));
  }
  get position(): string {
    return this.read('position');
  }
  set position(v: string) {
    this.assign('position', v, (c) =>
      this.model.editChart(c, 'ChartLegend.position', (chart) => {
        if (!LEGEND_POSITIONS.includes(v)) throw fakeError('InvalidArgument', 'ChartLegend.position', v);
        chart.legend.position = v;
      }),
    );
  }
}

export class FakeChartAxes extends FakeObject<ChartModel, object> {
  protected readonly typeName = 'ChartAxes';
  protected readonly scalarKeys = [] as const;
  private value?: FakeChartAxis;

  protected snapshot(): never {
    throw fakeError('InvalidArgument', 'ChartAxes.load');
  }

  get valueAxis(): FakeChartAxis {
    return (this.value ??= new FakeChartAxis(this.context, () => this._target()));
  }
}

interface AxisSnapshot {
  numberFormat: string;
  minimum: number | null;
  maximum: number | null;
}

export class FakeChartAxis extends FakeObject<ChartModel, AxisSnapshot> {
  protected readonly typeName = 'ChartAxis';
  protected readonly scalarKeys = ['numberFormat', 'minimum', 'maximum'] as const;

  protected snapshot<K extends keyof AxisSnapshot>(c: ChartModel, k: K): AxisSnapshot[K];
  protected snapshot(c: ChartModel, k: keyof AxisSnapshot): AxisSnapshot[keyof AxisSnapshot] {
    return c.valueAxis[k];
  }

  get numberFormat(): string {
    return this.read('numberFormat');
  }
  set numberFormat(v: string) {
    this.assign('numberFormat', v, (c) => this.model.editChart(c, 'ChartAxis.numberFormat', (chart) => (chart.valueAxis.numberFormat = v)), '1.8');
  }
  get minimum(): number | null {
    return this.read('minimum');
  }
  set minimum(v: number | null) {
    this.assign('minimum', v, (c) => this.model.editChart(c, 'ChartAxis.minimum', (chart) => (chart.valueAxis.minimum = v)));
  }
  get maximum(): number | null {
    return this.read('maximum');
  }
  set maximum(v: number | null) {
    this.assign('maximum', v, (c) => this.model.editChart(c, 'ChartAxis.maximum', (chart) => (chart.valueAxis.maximum = v)));
  }
}

export class FakeChartSeriesCollection extends FakeCollection<ChartModel, ChartSeriesModel, FakeChartSeries> {
  protected readonly typeName = 'ChartSeriesCollection';

  protected list(c: ChartModel): ChartSeriesModel[] {
    return c.series;
  }

  protected makeItem(s: ChartSeriesModel): FakeChartSeries {
    return new FakeChartSeries(this.context, () => ({ chart: this._target(), series: s }));
  }

  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.context, () => {
      const chart = this._target();
      const series = chart?.series[index];
      if (!chart || !series) throw fakeError('ItemNotFound', 'ChartSeriesCollection.getItemAt', `series ${index}`);
      return { chart, series };
    });
  }

  add(name?: string, index?: number): FakeChartSeries {
    const slot: { ref?: SeriesRef } = {};
    this.queue(
      'add',
      { name: name ?? null, index: index ?? null },
      (c) =>
        this.model.editChart(c, 'ChartSeriesCollection.add', (chart) => {
          const at = index ?? chart.series.length;
          if (!Number.isInteger(at) || at < 0 || at > chart.series.length) throw fakeError('InvalidArgument', 'ChartSeriesCollection.add', `index ${at}`);
          const series: ChartSeriesModel = { name: name ?? `Series${chart.series.length + 1}`, values: null, xValues: null, chartType: null };
          chart.series.splice(at, 0, series);
          slot.ref = { chart, series };
        }),
      '1.7',
    );
    return new FakeChartSeries(this.context, () => slot.ref ?? null);
  }
}

interface SeriesRef {
  chart: ChartModel | null;
  series: ChartSeriesModel;
}

export class FakeChartSeries extends FakeObject<SeriesRef, { name: string; chartType: string }> {
  protected readonly typeName = 'ChartSeries';
  protected readonly scalarKeys = ['name', 'chartType'] as const;

  protected override isGone(r: SeriesRef): boolean {
    return r.chart === null || r.chart.deleted || !r.chart.series.includes(r.series);
  }

  protected snapshot(r: SeriesRef, k: 'name' | 'chartType'): string {
    return k === 'name' ? r.series.name : (r.series.chartType ?? r.chart?.type ?? '');
  }

  private edit(member: string, args: unknown, apply: (s: ChartSeriesModel, chart: ChartModel) => void, apiSet?: string): void {
    this.queue(
      member,
      args,
      (r) => {
        if (!r.chart) throw fakeError('ItemNotFound', `ChartSeries.${member}`);
        this.model.editChart(r.chart, `ChartSeries.${member}`, (chart) => apply(r.series, chart));
      },
      apiSet,
    );
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.edit('name', v, (s) => (s.name = v));
  }
  get chartType(): string {
    return this.read('chartType');
  }
  set chartType(v: string) {
    this.edit(
      'chartType',
      v,
      (s, chart) => {
        if (!CHART_TYPE_LIST.includes(v)) throw fakeError('InvalidArgument', 'ChartSeries.chartType', v);
        // Excel cannot combine radar or pie series with other types.
        const family = (t: string) => (t.startsWith('Radar') ? 'radar' : t === 'Pie' || t === 'Doughnut' ? 'pie' : 'other');
        if (family(v) !== family(chart.type)) throw fakeError('InvalidOperation', 'ChartSeries.chartType', `${v} in a ${chart.type} chart`);
        s.chartType = v;
      },
      '1.7',
    );
  }

  private rangeRef(range: Excel.Range, member: string): () => ChartRefModel {
    if (!(range instanceof FakeRange)) throw fakeError('InvalidArgument', `ChartSeries.${member}`, 'a Range is required');
    return () => {
      const t = range._target();
      if (!t) throw fakeError('InvalidArgument', `ChartSeries.${member}`, 'null range');
      if (t.rect.rows > 1 && t.rect.cols > 1) throw fakeError('InvalidArgument', `ChartSeries.${member}`, 'a series takes one row or one column');
      return this.model.chartRef(t);
    };
  }

  setValues(sourceData: Excel.Range): void {
    const ref = this.rangeRef(sourceData, 'setValues');
    this.edit('setValues', { sourceData }, (s) => (s.values = ref()), '1.7');
  }

  setXAxisValues(sourceData: Excel.Range): void {
    const ref = this.rangeRef(sourceData, 'setXAxisValues');
    this.edit('setXAxisValues', { sourceData }, (s) => (s.xValues = ref()), '1.7');
  }

  delete(): void {
    this.edit('delete', null, (s, chart) => chart.series.splice(chart.series.indexOf(s), 1), '1.7');
  }
}

const CHART_TYPE_LIST: readonly string[] = [...CHART_TYPES];
