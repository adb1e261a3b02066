import type { Scalar } from '../domain/values';
import { formatRect, type WorkbookModel } from '../fake-excel';
import { QUANG_TRI_2023 } from '../plans/quang-tri-2023';
import { planFill, type NamedCell } from '../workbook/fill';
import { NAMES } from '../workbook/formulas';
import { toAgencyTables, type TableSnapshot } from '../workbook/read';

/**
 * The in-memory workbook stores formulas but never computes them (nor does the fake: a formula
 * cell's value stays empty, as before Excel's first calculation). The grid shows, for each
 * formula cell, what the TypeScript engine computes for it: planFill over the workbook's own
 * tables gives every calculated cell of an agency workbook with its result, which is exactly
 * what Tính toán would cache. Reading is straight from the model, so showing the grid never adds
 * an Office.js sync to the counters.
 */

export interface ComputedCell {
  result: Scalar;
  /** The formula PressDX would write there; differs from the cell's when the user changed it. */
  formula: string;
}

/** sheet name → A1 address → computed value. */
export type ComputedValues = Map<string, Map<string, ComputedCell>>;

const modelScalar = (v: unknown): Scalar => (v === undefined ? null : (v as Scalar));

/** Every table of the model as the adapters' TableSnapshot (formula cells hold no value: nothing computed them). */
export function modelSnapshots(model: WorkbookModel): TableSnapshot[] {
  return model.tables.map((t) => {
    const first = t.showHeaders ? 1 : 0;
    const last = t.rect.rows - (t.showTotals ? 1 : 0);
    const values: Scalar[][] = [];
    const formulas: (string | null)[][] = [];
    for (let r = first; r < last; r++) {
      const vr: Scalar[] = [];
      const fr: (string | null)[] = [];
      for (let c = 0; c < t.rect.cols; c++) {
        const cell = t.sheet.cell(t.rect.top + r, t.rect.left + c);
        vr.push(cell.formula ? null : modelScalar(cell.value));
        fr.push(cell.formula);
      }
      values.push(vr);
      formulas.push(fr);
    }
    return { name: t.name, sheetName: t.sheet.name, row: t.rect.top + 1, col: t.rect.left + 1, headers: t.columnNames, values, formulas };
  });
}

/** The named result cells (TongDiem, MucDo) where the workbook has them. */
export function modelNamedCells(model: WorkbookModel): Partial<Record<string, NamedCell>> {
  const out: Partial<Record<string, NamedCell>> = {};
  for (const key of [NAMES.total, NAMES.level]) {
    const n = model.name(key);
    const target = n ? model.nameRange(n) : undefined;
    if (!target) continue;
    const cell = target.sheet.cell(target.rect.top, target.rect.left);
    out[key] = {
      sheet: target.sheet.name,
      address: formatRect({ top: target.rect.top, left: target.rect.left, rows: 1, cols: 1 }),
      formula: cell.formula,
      value: cell.formula ? null : modelScalar(cell.value),
    };
  }
  return out;
}

/** The engine's value of every calculated cell of an agency workbook in the model (empty for other workbooks). */
export function computeModelValues(model: WorkbookModel, todaySerial: number): ComputedValues {
  const out: ComputedValues = new Map();
  const snapshots = modelSnapshots(model);
  const read = toAgencyTables(snapshots);
  // Only an agency workbook (its meta table present) has calculated cells the engine knows.
  if (!read.tables.tblMeta) return out;
  let writes: ReturnType<typeof planFill>['writes'];
  try {
    writes = planFill(read, QUANG_TRI_2023, todaySerial, modelNamedCells(model)).writes;
  } catch (e) {
    // A workbook edited beyond what the engine reads (a table deleted by hand) shows without values.
    console.warn('[workbench] the engine could not compute this workbook:', e);
    return out;
  }
  for (const w of writes) {
    let sheet = out.get(w.sheet);
    if (!sheet) out.set(w.sheet, (sheet = new Map()));
    sheet.set(w.address, { result: w.result, formula: w.formula });
  }
  return out;
}
