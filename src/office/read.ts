import { AGENCY_COLUMNS, OPTIONAL_AGENCY_TABLES, type AgencyTableName } from '../domain/agency-schema';
import { columnNumber } from '../workbook/a1';
import type { Scalar } from '../domain/values';
import type { NamedCell } from '../workbook/fill';
import { NAMES } from '../workbook/formulas';
import type { TableSnapshot } from '../workbook/read';

export interface WorkbookRead {
  snapshots: TableSnapshot[];
  /** TongDiem, MucDo: the cells the check compares with the engine. */
  named: Partial<Record<string, NamedCell>>;
  syncs: number;
}

/** The names whose cells the check reads (they hold formulas outside any table). */
const NAMED_CELLS: readonly string[] = [NAMES.total, NAMES.level];

/** Cells per request when a workbook is too big to read at once; halved while Excel still refuses. */
export const READ_CHUNK_CELLS = 100_000;

interface RangeData {
  address: string;
  values: unknown[][];
  formulas: unknown[][];
  valueTypes: string[][];
}

const isResponseTooLarge = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && e.code === 'ResponsePayloadSizeLimitExceeded';

/** A cell as the domain holds it: Excel's "" for empty cells becomes null, errors become CellError. */
export function toScalar(value: unknown, type: string | undefined): Scalar {
  if (type === 'Empty' || value === '' || value === null || value === undefined) return null;
  if (type === 'Error') return { error: String(value) };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * The formula of a cell, or null for a constant. A text constant that starts with "=" (written
 * with a quote prefix) reads back identically in values and formulas, so it is not a formula.
 */
export function toFormula(formula: unknown, value: unknown, type: string | undefined): string | null {
  if (typeof formula !== 'string' || !formula.startsWith('=')) return null;
  if (type === 'String' && value === formula) return null;
  return formula;
}

/** Row and column (1-based) of the top-left cell of an address such as "'Thông tin'!A4:C13". */
export function addressOrigin(address: string): { sheet: string; row: number; col: number } {
  const bang = address.lastIndexOf('!');
  const rawSheet = bang >= 0 ? address.slice(0, bang) : '';
  const sheet = /^'.*'$/.test(rawSheet) ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  const local = address.slice(bang + 1);
  const m = /^\$?([A-Za-z]+)\$?(\d+)/.exec(local);
  if (!m) throw new Error(`Unexpected address ${address}`);
  return { sheet, row: Number(m[2]), col: columnNumber(m[1]) };
}

const localAddress = (address: string) => address.slice(address.lastIndexOf('!') + 1);

interface TableInfo {
  name: string;
  sheet: string;
  showHeaders: boolean;
  showTotals: boolean;
  table: Excel.Table;
}

function snapshotOf(info: TableInfo, data: RangeData, headerNames: string[] | undefined): TableSnapshot {
  const origin = addressOrigin(data.address);
  const first = info.showHeaders ? 1 : 0;
  const last = data.values.length - (info.showTotals ? 1 : 0);
  const headers = headerNames ?? (data.values[0] ?? []).map((h) => String(h ?? ''));
  const values: Scalar[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = first; r < last; r++) {
    values.push(data.values[r].map((v, c) => toScalar(v, data.valueTypes[r]?.[c])));
    formulas.push(data.formulas[r].map((f, c) => toFormula(f, data.values[r][c], data.valueTypes[r]?.[c])));
  }
  return { name: info.name, sheetName: info.sheet, row: origin.row, col: origin.col, headers, values, formulas };
}

/** What a workbook is expected to hold, asked for by name in the first request. */
export interface ExpectedContent {
  tables: readonly string[];
  names: readonly string[];
}

/** Every agency workbook holds these tables and the named result cells. */
export const AGENCY_CONTENT: ExpectedContent = {
  tables: (Object.keys(AGENCY_COLUMNS) as AgencyTableName[]).filter((t) => !OPTIONAL_AGENCY_TABLES.includes(t)),
  names: NAMED_CELLS,
};

/** An error Excel reported for the request (it carries a code such as ItemNotFound). */
const isOfficeError = (e: unknown): boolean => typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string';

interface QueuedTable {
  table: Excel.Table;
  range: Excel.Range;
  columns: Excel.TableColumnCollection;
}

/** Queues one table's properties, range and header names (a table may hide its header row). */
function queueTable(table: Excel.Table): QueuedTable {
  table.load('name,showHeaders,showTotals,worksheet/name');
  return { table, range: table.getRange().load('address,values,formulas,valueTypes'), columns: table.columns.load('items/name') };
}

function snapshotOfQueued(q: QueuedTable): TableSnapshot {
  const t = q.table;
  const info: TableInfo = { name: t.name, sheet: t.worksheet.name, showHeaders: t.showHeaders, showTotals: t.showTotals, table: t };
  const data = { address: q.range.address, values: q.range.values, formulas: q.range.formulas, valueTypes: q.range.valueTypes };
  return snapshotOf(info, data, t.showHeaders ? undefined : q.columns.items.map((c) => c.name));
}

function namedCellOf(range: Excel.Range): NamedCell {
  const origin = addressOrigin(range.address);
  return {
    sheet: origin.sheet,
    address: localAddress(range.address).split(':')[0].replace(/\$/g, ''),
    formula: toFormula(range.formulas[0]?.[0], range.values[0]?.[0], range.valueTypes[0]?.[0]),
    value: toScalar(range.values[0]?.[0], range.valueTypes[0]?.[0]),
  };
}

export interface ReadOptions {
  expected?: ExpectedContent;
  /** Cells per request when the workbook is too big to read at once. */
  chunkCells?: number;
  /** Queues the caller's own loads into the read's first request (again if that one is refused). */
  alongside?: () => void;
}

/**
 * Reads the workbook's tables (in workbook order) and named cells. The first request asks for the
 * expected tables and names by name together with the list of every table, so an intact agency
 * workbook is read in one sync; a table the list shows beyond the expected ones is read in a
 * second request. When an expected table or name is missing, Excel refuses the whole request
 * (getItem reports ItemNotFound), and the workbook is read the general way: list, then load.
 * getItemOrNullObject would avoid the refusal, but what Excel does with a range asked of a null
 * object is not documented, so it is not relied on.
 */
export async function readWorkbook(context: Excel.RequestContext, o: ReadOptions = {}): Promise<WorkbookRead> {
  const expected = o.expected ?? AGENCY_CONTENT;
  const chunkCells = o.chunkCells ?? READ_CHUNK_CELLS;
  o.alongside?.();
  const list = context.workbook.tables.load('items/name');
  const queued = expected.tables.map((name) => queueTable(context.workbook.tables.getItem(name)));
  const namedRanges = expected.names.map((name) => ({ name, range: context.workbook.names.getItem(name).getRange().load('address,values,formulas,valueTypes') }));
  const general = async (failedSyncs: number) => {
    // A refused request may have loaded nothing: the caller's loads ride again.
    o.alongside?.();
    const read = await readEveryTable(context, expected.names, chunkCells);
    return { ...read, syncs: read.syncs + failedSyncs };
  };
  try {
    await context.sync();
  } catch (e) {
    // Missing, renamed or too big: the general way finds out which and reads what there is.
    if (!isOfficeError(e)) throw e;
    return general(1);
  }
  const known = new Set(expected.tables.map((t) => t.toLowerCase()));
  const extras = list.items.filter((t) => !known.has(t.name.toLowerCase())).map((t) => queueTable(t));
  let syncs = 1;
  if (extras.length > 0) {
    try {
      await context.sync();
      syncs++;
    } catch (e) {
      if (!isResponseTooLarge(e)) throw e;
      return general(2);
    }
  }
  const order = new Map(list.items.map((t, i) => [t.name.toLowerCase(), i]));
  const snapshots = [...queued, ...extras].map(snapshotOfQueued).sort((a, b) => (order.get(a.name.toLowerCase()) ?? 0) - (order.get(b.name.toLowerCase()) ?? 0));
  const named: Partial<Record<string, NamedCell>> = {};
  for (const n of namedRanges) named[n.name] = namedCellOf(n.range);
  return { snapshots, named, syncs };
}

/**
 * Every table of the workbook into TableSnapshots (and those of `wanted` names that exist), in two syncs: one
 * lists the tables and names, one loads all their ranges at once. Only when that response passes
 * Excel on the web's 5 MB limit does it fall back to reading in row chunks.
 */
async function readEveryTable(context: Excel.RequestContext, wanted: readonly string[], chunkCells: number): Promise<WorkbookRead> {
  let syncs = 0;
  const tables = context.workbook.tables.load('items/name,items/showHeaders,items/showTotals,items/worksheet/name');
  const names = context.workbook.names.load('items/name,items/type');
  await context.sync();
  syncs++;
  const infos: TableInfo[] = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name, showHeaders: t.showHeaders, showTotals: t.showTotals, table: t }));
  const namedItems = names.items.filter((n) => wanted.some((k) => k.toLowerCase() === n.name.toLowerCase()) && n.type === 'Range');

  const headerLists = infos.map((i) => (i.showHeaders ? undefined : i.table.columns.load('items/name')));
  const load = (r: Excel.Range) => r.load('address,values,formulas,valueTypes');
  const ranges = infos.map((i) => load(i.table.getRange()));
  const namedRanges = namedItems.map((n) => ({ name: n.name, range: load(n.getRange()) }));
  let data: RangeData[];
  try {
    await context.sync();
    syncs++;
    data = ranges.map((r) => ({ address: r.address, values: r.values, formulas: r.formulas, valueTypes: r.valueTypes }));
  } catch (e) {
    if (!isResponseTooLarge(e)) throw e;
    syncs++;
    const chunked = await readInChunks(context, infos, chunkCells);
    syncs += chunked.syncs;
    data = chunked.data;
    // What the refused request would have loaded besides the tables: a few cells and names.
    namedRanges.forEach((n) => load(n.range));
    headerLists.forEach((h) => h?.load('items/name'));
    await context.sync();
    syncs++;
  }

  const snapshots = infos.map((info, i) => snapshotOf(info, data[i], headerLists[i]?.items.map((c) => c.name)));
  const named: Partial<Record<string, NamedCell>> = {};
  for (const n of namedRanges) named[wanted.find((k) => k.toLowerCase() === n.name.toLowerCase()) ?? n.name] = namedCellOf(n.range);
  return { snapshots, named, syncs };
}

/** Reads each table's range in row chunks, several chunks per sync up to a cell budget that halves on refusal. */
async function readInChunks(context: Excel.RequestContext, infos: TableInfo[], chunkCells: number): Promise<{ data: RangeData[]; syncs: number }> {
  let syncs = 0;
  const sizes = infos.map((i) => i.table.getRange().load('address,rowCount,columnCount'));
  await context.sync();
  syncs++;
  const data: RangeData[] = sizes.map((s) => ({ address: s.address, values: [], formulas: [], valueTypes: [] }));
  let budget = Math.max(1, chunkCells);
  // Pending work: [table, first row, row count].
  let queue: Array<[number, number, number]> = [];
  sizes.forEach((s, t) => {
    const rowsPer = Math.max(1, Math.floor(budget / Math.max(1, s.columnCount)));
    for (let r = 0; r < s.rowCount; r += rowsPer) queue.push([t, r, Math.min(rowsPer, s.rowCount - r)]);
  });
  while (queue.length > 0) {
    const batch: Array<[number, number, number]> = [];
    let cells = 0;
    while (queue.length > 0 && (batch.length === 0 || cells + queue[0][2] * sizes[queue[0][0]].columnCount <= budget)) {
      const next = queue.shift();
      if (!next) break;
      batch.push(next);
      cells += next[2] * sizes[next[0]].columnCount;
    }
    const loaded = batch.map(([t, first, count]) =>
      infos[t].table
        .getRange()
        .getRow(first)
        .getResizedRange(count - 1, 0)
        .load('values,formulas,valueTypes'),
    );
    try {
      // One sync per chunk is the point here: the workbook is too big for one response.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      syncs++;
    } catch (e) {
      syncs++;
      if (!isResponseTooLarge(e)) throw e;
      // Split what was refused and try again with a smaller budget.
      budget = Math.max(1, Math.floor(budget / 2));
      const split = batch.flatMap(([t, first, count]): Array<[number, number, number]> =>
        count > 1 ? [[t, first, Math.ceil(count / 2)], [t, first + Math.ceil(count / 2), count - Math.ceil(count / 2)]] : [[t, first, count]],
      );
      if (split.length === batch.length && batch.every(([, , c]) => c === 1) && budget === 1) throw e;
      queue = [...split, ...queue];
      continue;
    }
    batch.forEach(([t, first], i) => {
      const r = loaded[i];
      r.values.forEach((row, k) => {
        data[t].values[first + k] = row;
        data[t].formulas[first + k] = r.formulas[k];
        data[t].valueTypes[first + k] = r.valueTypes[k];
      });
    });
  }
  return { data, syncs };
}
