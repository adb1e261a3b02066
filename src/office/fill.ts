import type { AgencyResults } from '../domain/calculate';
import { planAgencyFill } from '../app/agency';
import type { OfficialData } from '../app/types';
import type { MissingColumn } from '../domain/check';
import type { Scalar } from '../domain/values';
import { OFFICIAL_DATA } from '../plans/official-data';
import type { CalcWrite } from '../workbook/fill';
import { DEFAULT_REQUEST_BUDGET_BYTES, jsonBytes, OPERATION_BYTES, RequestBudget } from './chunk';
import type { IsSetSupported } from './host';
import { queueSheetStates, unprotectWhile, type SheetState } from './protection';
import { addressOrigin, readWorkbook } from './read';
import { blockAddress } from './render';

/**
 * Tính toán in the live workbook: every calculated cell gets the formula the spec gives it, and a
 * cell whose formula was overwritten by a value gets it back. Input cells are never written: the
 * plan (planFill) lists calculated cells only, and only the listed cells are sent.
 *
 * Syncs, whatever the row count: 2, written or not.
 * 1. read every table and the named cells (sheet protection rides on it; see readWorkbook for
 *    the workbooks that take more);
 * 2. the changed formulas and their number formats, then a full recalculation, in one request.
 *    Only past MAX_UNSUSPENDED_RUNS runs or Excel on the web's 5 MB limit are the writes sent
 *    with calculation suspended, in as many requests as they need, and the recalculation after
 *    them in its own: a calculate('Full') queued in a suspended request is not documented to
 *    take effect.
 * Idempotent: a second run writes nothing.
 */

export interface RestoredCell {
  /** "Sheet!A1" */
  ref: string;
  sheet: string;
  address: string;
  /** "tblNhiemVu.role", or the name (TongDiem) for a named cell. */
  column: string;
  table: string;
  key: string;
  /** What the cell held instead of its formula. */
  previousValue: Scalar;
}

export interface FillResult {
  syncs: number;
  /** Calculated cells the plan covers. */
  planned: number;
  /** Cells written (formula missing or different). */
  written: number;
  /** Cells that held a value instead of their formula. */
  restored: RestoredCell[];
  results: AgencyResults;
  /** The workbook has none of the agency tables: nothing was done. */
  recognised: boolean;
  /** Columns no header names: nothing was written (see planAgencyFill). */
  blockedBy: MissingColumn[];
}

export interface FillOptions {
  todaySerial: number;
  isSetSupported: IsSetSupported;
  data?: OfficialData;
  requestBudgetBytes?: number;
}

interface Located {
  w: CalcWrite;
  row: number;
  col: number;
}

/** Vertical runs of adjacent cells in one column of one sheet: one 2D write each instead of one per cell. */
function columnRuns(writes: CalcWrite[]): Located[][] {
  const located = writes.map((w) => ({ w, ...addressOrigin(w.address) }));
  located.sort((a, b) => a.w.sheet.localeCompare(b.w.sheet) || a.col - b.col || a.row - b.row);
  const runs: Located[][] = [];
  for (const c of located) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && last.w.sheet === c.w.sheet && last.col === c.col && last.row + 1 === c.row) run.push(c);
    else runs.push([c]);
  }
  return runs;
}

/**
 * Up to this many runs are written without suspending calculation, so that the recalculation can
 * share their request: in automatic mode Excel may recalculate after each run, which costs little
 * for the few cells a fill usually restores.
 */
const MAX_UNSUSPENDED_RUNS = 32;

const runBytes = (run: Located[]) => OPERATION_BYTES * 2 + run.reduce((n, c) => n + jsonBytes([c.w.formula]) + jsonBytes([c.w.numberFormat ?? null]) + 2, 0);
const requestBytes = (runs: Located[][]) => runs.reduce((n, r) => n + runBytes(r), OPERATION_BYTES);

/**
 * Queues the formulas of every run and their number formats, lifting the protection of the sheets
 * written (calculated cells are locked). With a budget, requests are sent whenever one is full.
 */
async function queueWrites(context: Excel.RequestContext, states: Map<string, SheetState>, runs: Located[][], budget?: RequestBudget): Promise<void> {
  const write = async (rows: unknown[][], queue: (start: number, end: number) => void) => {
    if (budget) await budget.writeRows(rows, queue);
    else queue(0, rows.length);
  };
  const protectAgain = unprotectWhile(context, states, runs.map((r) => r[0].w.sheet));
  for (const run of runs) {
    const ws = context.workbook.worksheets.getItem(run[0].w.sheet);
    const top = run[0].row;
    const col = run[0].col;
    // Invariant formulas (Range.formulas, never formulasLocal): the spec's syntax in every locale.
    const formulas = run.map((c) => [c.w.formula]);
    await write(formulas, (a, e) => (ws.getRange(blockAddress(top + a, col, e - a, 1)).formulas = formulas.slice(a, e)));
    if (run.some((c) => c.w.numberFormat !== undefined)) {
      // null leaves a cell's format as it is.
      const formats = run.map((c) => [c.w.numberFormat ?? null]);
      await write(formats, (a, e) => (ws.getRange(blockAddress(top + a, col, e - a, 1)).numberFormat = formats.slice(a, e)));
    }
  }
  protectAgain();
}

export async function fillInWorkbook(context: Excel.RequestContext, o: FillOptions): Promise<FillResult> {
  let statesOf = () => new Map<string, SheetState>();
  const read = await readWorkbook(context, { alongside: () => (statesOf = queueSheetStates(context)) });
  let syncs = read.syncs;
  const states = statesOf();
  const { writes, results, read: agency, blockedBy } = planAgencyFill({ tables: read.snapshots, namedCells: read.named }, o.data ?? OFFICIAL_DATA, o.todaySerial);
  // tblMeta and tblCot exist in the province workbook too; any other agency table marks an agency workbook.
  const recognised = Object.keys(agency.tables).some((t) => t !== 'tblMeta' && t !== 'tblCot');
  // Not an agency workbook: nothing of PressDX's to fill, and the user's workbook is left alone.
  if (!recognised || blockedBy.length > 0) return { syncs, planned: 0, written: 0, restored: [], results, recognised, blockedBy };
  const todo = writes.filter((w) => w.changed);
  const runs = columnRuns(todo);
  const budgetBytes = o.requestBudgetBytes ?? DEFAULT_REQUEST_BUDGET_BYTES;
  if (runs.length <= MAX_UNSUSPENDED_RUNS && requestBytes(runs) <= budgetBytes) {
    // One request: the writes (if any), then the recalculation, with nothing suspended.
    await queueWrites(context, states, runs);
  } else {
    // Many writes: each request suspends calculation (an early sync ends it, the next request
    // suspends again), and the recalculation gets the last request of its own, unsuspended.
    const canSuspend = o.isSetSupported('ExcelApi', '1.6');
    const suspend = () => {
      if (canSuspend) context.workbook.application.suspendApiCalculationUntilNextSync();
    };
    const budget = new RequestBudget(context, budgetBytes, suspend);
    suspend();
    await queueWrites(context, states, runs, budget);
    await budget.flush();
    syncs += budget.syncs;
  }
  context.workbook.application.calculate('Full');
  await context.sync();
  syncs++;

  const restored = todo
    .filter((w) => w.restored)
    .map((w) => ({
      ref: `${w.sheet}!${w.address}`,
      sheet: w.sheet,
      address: w.address,
      column: w.table ? `${w.table}.${w.key}` : w.key,
      table: w.table,
      key: w.key,
      previousValue: w.previousValue,
    }));
  return { syncs, planned: writes.length, written: todo.length, restored, results, recognised, blockedBy };
}
