import type { Finding } from '../domain/check';
import { SHEET_NAMES } from '../workbook/labels';
import type { IsSetSupported } from './host';
import { excelText } from './literal';
import { queueSheetStates, unprotectWhile, type SheetState } from './protection';
import { addressOrigin } from './read';
import { blockAddress } from './render';

/**
 * Tô màu các ô có lỗi (the highlight toggle). Error cells get one fill, warning cells another;
 * each cell's own previous fill is recorded in tblHighlight on the hidden _PressDX sheet, so
 * clearHighlights() gives every cell back exactly its own fill ("no fill" included) — also after
 * the workbook was saved, closed and reopened, which an in-memory record would not survive.
 *
 * Why a hidden table rather than conditional formats or a custom XML part: a fill is what the user
 * sees in every Excel (conditional formats need a formula per finding and would be saved into the
 * agency file the province reads); a table is ExcelApi 1.1 and readable by the same reader as every
 * other PressDX table, while custom XML parts need 1.5 and an extra round trip per read.
 *
 * Syncs: 1 lists sheets and tables, 1 reads the record and the target cells' fills (all cells in
 * the same request), 1 more only when cells of an earlier highlight must be checked, 1 writes.
 */

export const HIGHLIGHT_TABLE = 'tblHighlight';
/** Column headers of tblHighlight, language-neutral like tblMeta's. */
export const HIGHLIGHT_COLUMNS = ['sheet', 'address', 'original', 'applied'] as const;
/** Light red for errors, light orange for warnings: neither is a PressDX style colour (input yellow, calculated blue). */
export const ERROR_FILL = '#FF8B8B';
export const WARNING_FILL = '#F4B084';
/** What tblHighlight records for a cell that had no fill of its own. */
export const NO_FILL = 'none';

const META_SHEET = SHEET_NAMES.vi.meta;

export interface HighlightRecord {
  sheet: string;
  address: string;
  /** "#RRGGBB" or "none". */
  original: string;
  /** The colour PressDX put there. */
  applied: string;
}

export interface HighlightResult {
  syncs: number;
  errorCells: number;
  warningCells: number;
  /** Cells of an earlier highlight no longer flagged, given their own fill back. */
  restored: number;
  /** Findings whose cell could not be highlighted (sheet gone), or cells the user recoloured since. */
  skipped: Array<{ sheet: string; address: string; reason: 'missingSheet' | 'recoloured' }>;
}

export interface ClearResult {
  syncs: number;
  restored: number;
  /** Cells whose fill the user changed after the highlight: left as the user made them. */
  recoloured: number;
}

const lower = (s: string) => s.toLowerCase();
const cellKey = (sheet: string, address: string) => `${lower(sheet)}!${address.replace(/\$/g, '').toUpperCase()}`;
const upper = (c: string) => c.toUpperCase();

/** Where tblHighlight is and what it holds (from two syncs: list, then read). */
interface RecordState {
  states: Map<string, SheetState>;
  /** Sheet and top-left (1-based) of the existing table, if any. */
  at?: { sheet: string; row: number; col: number };
  records: HighlightRecord[];
  metaExists: boolean;
  /** First free column (0-based count of used columns) on the meta sheet, for a new table. */
  metaRight: number;
  syncs: number;
}

/** tblHighlight's rows (header first), by column name; a table with other columns is not ours. */
function parseRecord(values: unknown[][]): HighlightRecord[] {
  const [header = [], ...rows] = values;
  const index = HIGHLIGHT_COLUMNS.map((k) => header.findIndex((h) => lower(String(h)) === k));
  if (index.some((i) => i < 0)) {
    throw new Error(
      `Bảng tính có bảng "${HIGHLIGHT_TABLE}" không do PressDX tạo; hãy đổi tên bảng đó rồi thử lại. / The workbook has a table "${HIGHLIGHT_TABLE}" PressDX did not create; rename it and try again.`,
    );
  }
  return rows
    .map((r) => {
      const [sheet, address, original, applied] = index.map((i) => String(r[i] ?? ''));
      return { sheet, address, original: original === NO_FILL ? NO_FILL : upper(original), applied: upper(applied) };
    })
    .filter((r) => r.sheet !== '' && r.address !== '');
}

/** A queued read of one cell's fill; the getter returns "#RRGGBB" or "none" after the sync. */
function queueFill(context: Excel.RequestContext, sheet: string, address: string, withPattern: boolean): () => string {
  const range = context.workbook.worksheets.getItem(sheet).getRange(address).load(withPattern ? 'format/fill/color,format/fill/pattern' : 'format/fill/color');
  return () => {
    const fill = range.format.fill;
    const colour = upper(fill.color ?? '#FFFFFF');
    // Excel reports white for "no fill"; the pattern (ExcelApi 1.9) tells them apart. Without it a
    // white fill is taken for no fill, which looks the same.
    if (withPattern) return fill.pattern === 'None' ? NO_FILL : colour;
    return colour === '#FFFFFF' ? NO_FILL : colour;
  };
}

/**
 * Sync 1: sheets (with protection) and tables. Sync 2: the record's cells, together with whatever
 * `alsoRead` queues (the caller's fill reads, which need to know which sheets exist).
 */
async function readRecord(context: Excel.RequestContext, alsoRead: (states: Map<string, SheetState>) => void): Promise<RecordState> {
  const statesOf = queueSheetStates(context);
  const tables = context.workbook.tables.load('items/name,items/worksheet/name');
  await context.sync();
  const states = statesOf();
  const table = tables.items.find((t) => lower(t.name) === lower(HIGHLIGHT_TABLE));
  const metaExists = states.has(lower(META_SHEET));
  const range = table?.getRange().load('address,values');
  // Where a new table goes: right of everything on the meta sheet.
  const used = !table && metaExists ? context.workbook.worksheets.getItem(META_SHEET).getUsedRange(true).load('columnIndex,columnCount') : undefined;
  alsoRead(states);
  await context.sync();
  let records: HighlightRecord[] = [];
  let at: RecordState['at'];
  if (range) {
    const origin = addressOrigin(range.address);
    at = { sheet: origin.sheet, row: origin.row, col: origin.col };
    records = parseRecord(range.values);
  }
  const metaRight = used ? used.columnIndex + used.columnCount : 0;
  return { states, at, records, metaExists, syncs: 2, metaRight };
}

/** Queues the fill a cell should get back: its colour, or clear() for "none". */
function queueRestore(context: Excel.RequestContext, r: { sheet: string; address: string; original: string }): void {
  const fill = context.workbook.worksheets.getItem(r.sheet).getRange(r.address).format.fill;
  if (r.original === NO_FILL) fill.clear();
  else fill.color = r.original;
}

/** Queues tblHighlight's replacement: the old table goes, the new rows (if any) become the table. */
function queueRecord(context: Excel.RequestContext, state: RecordState, records: HighlightRecord[]): void {
  if (state.at) context.workbook.tables.getItem(HIGHLIGHT_TABLE).delete();
  if (records.length === 0) return;
  let ws: Excel.Worksheet;
  if (state.at || state.metaExists) ws = context.workbook.worksheets.getItem(state.at?.sheet ?? META_SHEET);
  else {
    // A workbook without PressDX's meta sheet (not made by PressDX): a hidden one keeps the record.
    ws = context.workbook.worksheets.add(META_SHEET);
    ws.visibility = 'Hidden';
  }
  const at = state.at ?? { row: 1, col: state.metaRight + 2 };
  const values = [[...HIGHLIGHT_COLUMNS] as string[], ...records.map((r) => [r.sheet, r.address, r.original, r.applied].map(excelText))];
  const address = blockAddress(at.row, at.col, values.length, HIGHLIGHT_COLUMNS.length);
  ws.getRange(address).values = values;
  ws.tables.add(address, true).name = HIGHLIGHT_TABLE;
}

export async function highlightInWorkbook(context: Excel.RequestContext, findings: Finding[], isSetSupported: IsSetSupported): Promise<HighlightResult> {
  const withPattern = isSetSupported('ExcelApi', '1.9');
  // One colour per cell; an error outranks a warning on the same cell. Info findings are not coloured.
  const wanted = new Map<string, { sheet: string; address: string; colour: string }>();
  for (const f of findings) {
    if (!f.sheet || !f.address || f.severity === 'info') continue;
    const k = cellKey(f.sheet, f.address);
    const colour = f.severity === 'error' ? ERROR_FILL : WARNING_FILL;
    if (wanted.get(k)?.colour !== ERROR_FILL) wanted.set(k, { sheet: f.sheet, address: f.address.replace(/\$/g, '').toUpperCase(), colour });
  }
  const skipped: HighlightResult['skipped'] = [];
  const current = new Map<string, () => string>();
  const state = await readRecord(context, (states) => {
    for (const [k, c] of wanted) {
      if (states.has(lower(c.sheet))) current.set(k, queueFill(context, c.sheet, c.address, withPattern));
      else skipped.push({ sheet: c.sheet, address: c.address, reason: 'missingSheet' });
    }
  });
  let syncs = state.syncs;
  const targets = [...wanted].filter(([k]) => current.has(k));
  const previous = new Map(state.records.map((r) => [cellKey(r.sheet, r.address), r]));

  // Cells of the earlier highlight that are no longer flagged: read their fill to see whether it is still ours.
  const stale = [...previous].filter(([k, r]) => !wanted.has(k) && state.states.has(lower(r.sheet)));
  const staleFill = new Map(stale.map(([k, r]) => [k, queueFill(context, r.sheet, r.address, withPattern)]));
  if (stale.length > 0) {
    await context.sync();
    syncs++;
  }

  const records: HighlightRecord[] = [];
  for (const [k, c] of targets) {
    const now = current.get(k)?.() ?? NO_FILL;
    const before = previous.get(k);
    // Highlighted before and untouched since: the recorded fill is the cell's own, not our colour.
    const original = before && now === before.applied ? before.original : now;
    records.push({ sheet: c.sheet, address: c.address, original, applied: upper(c.colour) });
  }
  const restore = stale.flatMap(([k, r]) => {
    if (staleFill.get(k)?.() === r.applied) return [r];
    skipped.push({ sheet: r.sheet, address: r.address, reason: 'recoloured' });
    return [];
  });

  if (records.length === 0 && restore.length === 0 && !state.at) return { syncs, errorCells: 0, warningCells: 0, restored: 0, skipped };
  const touched = [...records.map((r) => r.sheet), ...restore.map((r) => r.sheet), state.at?.sheet ?? META_SHEET];
  const protectAgain = unprotectWhile(context, state.states, touched);
  for (const r of restore) queueRestore(context, r);
  for (const r of records) context.workbook.worksheets.getItem(r.sheet).getRange(r.address).format.fill.color = r.applied;
  queueRecord(context, state, records);
  protectAgain();
  await context.sync();
  syncs++;
  return {
    syncs,
    errorCells: records.filter((r) => r.applied === ERROR_FILL).length,
    warningCells: records.filter((r) => r.applied === WARNING_FILL).length,
    restored: restore.length,
    skipped,
  };
}

/** Gives every highlighted cell its own fill back and removes the record. */
export async function clearHighlightsInWorkbook(context: Excel.RequestContext, isSetSupported: IsSetSupported): Promise<ClearResult> {
  const withPattern = isSetSupported('ExcelApi', '1.9');
  const statesOf = queueSheetStates(context);
  const tables = context.workbook.tables.load('items/name,items/worksheet/name');
  await context.sync();
  const table = tables.items.find((t) => lower(t.name) === lower(HIGHLIGHT_TABLE));
  if (!table) return { syncs: 1, restored: 0, recoloured: 0 };
  const states = statesOf();
  const range = context.workbook.tables.getItem(HIGHLIGHT_TABLE).getRange().load('values');
  await context.sync();
  const records = parseRecord(range.values);
  const present = records.filter((r) => r.sheet !== '' && r.address !== '' && states.has(lower(r.sheet)));
  const fills = present.map((r) => queueFill(context, r.sheet, r.address, withPattern));
  await context.sync();
  // A cell the user recoloured after the highlight keeps the user's colour.
  const restore = present.filter((r, i) => fills[i]() === r.applied);
  const protectAgain = unprotectWhile(context, states, [...restore.map((r) => r.sheet), table.worksheet.name]);
  for (const r of restore) queueRestore(context, r);
  context.workbook.tables.getItem(HIGHLIGHT_TABLE).delete();
  protectAgain();
  await context.sync();
  return { syncs: 4, restored: restore.length, recoloured: present.length - restore.length };
}
