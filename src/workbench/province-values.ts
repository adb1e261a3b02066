import type { Scalar } from '../domain/values';
import type { WorkbookModel } from '../fake-excel';
import { cellAddress, type CellSpec, type WorkbookSpec } from '../workbook/spec';
import type { ComputedValues } from './computed';

/**
 * The engine's values for the province workbook's formula cells. Tổng hợp draws formulas into
 * the workbook, which keeps no values (nothing computes formulas here), but the spec it drew
 * carries each formula's result as the engine computed it. The workbench shows those results
 * while the workbook still holds what was drawn: every constant of the spec equals the model's cell.
 */

function sameScalar(a: Scalar | undefined, b: unknown): boolean {
  const x = a === undefined || a === '' ? null : a;
  const y = b === undefined || b === '' ? null : b;
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) < 1e-9;
  if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) return (x as { error: string }).error === (y as { error: string }).error;
  return x === y;
}

/** Every cell the spec draws, by sheet name and A1 address. */
function* specCells(spec: WorkbookSpec): Generator<{ sheet: string; address: string; cell: CellSpec }> {
  for (const s of spec.sheets) {
    for (const lc of s.cells) yield { sheet: s.name, address: cellAddress(lc.row, lc.col), cell: lc.cell };
    for (const t of s.tables) {
      for (const [i, row] of t.rows.entries()) for (const [j, cell] of row.entries()) yield { sheet: s.name, address: cellAddress(t.row + 1 + i, t.col + j), cell };
    }
  }
}

/** True while every constant the spec drew is still in the model (a sheet gone, a cell edited: false). */
function modelHolds(spec: WorkbookSpec, model: WorkbookModel): boolean {
  for (const { sheet, address, cell } of specCells(spec)) {
    if (cell.formula !== undefined) continue;
    const s = model.sheet(sheet);
    if (!s || !sameScalar(cell.value, s.at(address).value)) return false;
  }
  return true;
}

/** The spec's results for its formula cells, or null when the model no longer holds the workbook it drew. */
export function provinceValues(spec: WorkbookSpec, model: WorkbookModel): ComputedValues | null {
  if (!modelHolds(spec, model)) return null;
  const out: ComputedValues = new Map();
  for (const { sheet, address, cell } of specCells(spec)) {
    if (cell.formula === undefined) continue;
    let m = out.get(sheet);
    if (!m) out.set(sheet, (m = new Map()));
    m.set(address, { result: cell.result ?? null, formula: cell.formula });
  }
  return out;
}
