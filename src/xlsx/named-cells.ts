import type * as ExcelJS from 'exceljs';
import type { NamedCell } from '../workbook/fill';
import { NAMES } from '../workbook/formulas';
import type { PackageExtras } from './package';
import { readNamedCell } from './read';
import { readCell } from './values';

/**
 * The agency workbook's named calculated cells (TongDiem, MucDo): where they are, their formula
 * and their value. The check engine needs them to see a total typed over its formula, and the
 * fill planner to restore it; neither sits in a table, so the table reader cannot see them.
 */

export const AGENCY_NAMED_CELLS = [NAMES.total, NAMES.level] as const;

/** "'Chỉ số'!$L$12" → sheet and top-left cell; undefined for anything else (structured refs, ranges of names). */
function parseCellReference(refersTo: string): { sheet: string; row: number; col: number } | undefined {
  const m = refersTo.trim().replace(/^=/, '').match(/^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?[A-Za-z]{1,3}\$?\d+)?$/);
  if (!m) return undefined;
  const col = [...m[3].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], row: Number(m[4]), col };
}

/** A name's cell from the package's own definedNames, for when ExcelJS did not keep the name. */
function namedCellFromExtras(workbook: ExcelJS.Workbook, extras: PackageExtras, name: string): NamedCell | undefined {
  const spec = extras.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
  const ref = spec && parseCellReference(spec.refersTo);
  const ws = ref && workbook.getWorksheet(ref.sheet);
  if (!ref || !ws) return undefined;
  const cell = ws.getCell(ref.row, ref.col);
  return { sheet: ws.name, address: cell.address, ...readCell(cell) };
}

/** TongDiem and MucDo as found; a name the workbook lacks is simply absent. */
export function readAgencyNamedCells(workbook: ExcelJS.Workbook, extras?: PackageExtras): Partial<Record<string, NamedCell>> {
  const out: Partial<Record<string, NamedCell>> = {};
  for (const name of AGENCY_NAMED_CELLS) {
    const cell = readNamedCell(workbook, name) ?? (extras ? namedCellFromExtras(workbook, extras, name) : undefined);
    if (cell) out[name] = cell;
  }
  return out;
}
