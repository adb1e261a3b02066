import { AGENCY_COLUMNS, CALCULATED_COLUMNS, type AgencyTableName } from '../domain/agency-schema';
import { computeAgencyResults, type AgencyResults } from '../domain/calculate';
import type { Plan } from '../domain/types';
import type { Scalar } from '../domain/values';
import { calculatedCell } from './agency-template';
import { FormulaBuilder, NAMES } from './formulas';
import { HEADERS } from './labels';
import type { ReadAgencyTables } from './read';
import { cellAddress } from './spec';

/** One calculated cell to (re)write, with what it held before. */
export interface CalcWrite {
  sheet: string;
  address: string;
  table: string;
  key: string;
  /** 1-based data row in the table; 0 for a named cell. */
  row: number;
  formula: string;
  result: Scalar;
  numberFormat?: string;
  previousFormula: string | null;
  previousValue: Scalar;
  /** The cell held a value instead of its formula. */
  restored: boolean;
  /** The formula text differs from what the cell holds (after normalising Excel's display forms). */
  changed: boolean;
}

/** A named calculated cell as the adapter found it. */
export interface NamedCell {
  sheet: string;
  address: string;
  formula: string | null;
  value: Scalar;
}

/**
 * Excel shows tblX[[#This Row],[Col]] as [@Col] and may drop brackets; compare formulas in one
 * form so a formula Excel merely re-spelled is not reported as changed.
 */
export function canonicalFormula(f: string): string {
  return f
    .replace(/[A-Za-z_][\w.]*\[\[#This Row\],\[([^\]]+)\]\]/gi, '[@$1]')
    .replace(/[A-Za-z_][\w.]*\[@/g, '[@')
    .replace(/\[@\[([^\]]+)\]\]/g, '[@$1]')
    .replace(/\s+/g, '')
    .toLowerCase();
}

/**
 * Plans Tính toán: every calculated cell of the workbook with its formula from the spec (using the
 * workbook's own headers, so renamed headers still work) and the engine's result. Input cells
 * never appear here.
 */
export function planFill(read: ReadAgencyTables, plan: Plan, todaySerial: number, named: Partial<Record<string, NamedCell>> = {}): { writes: CalcWrite[]; results: AgencyResults } {
  const results = computeAgencyResults(read.tables, plan, todaySerial);
  const header = (table: AgencyTableName, key: string): string => {
    const snap = read.snapshots[table];
    const i = read.columns[table]?.[key];
    return snap && i !== undefined ? String(snap.headers[i]) : HEADERS.vi[table][key];
  };
  const ctx = { f: new FormulaBuilder(header), results, plan };
  const writes: CalcWrite[] = [];
  const push = (w: Omit<CalcWrite, 'restored' | 'changed'>) =>
    writes.push({
      ...w,
      restored: !w.previousFormula,
      changed: !w.previousFormula || canonicalFormula(w.previousFormula) !== canonicalFormula(w.formula),
    });

  const tables: AgencyTableName[] = ['tblThongTin', ...(Object.keys(CALCULATED_COLUMNS) as AgencyTableName[])];
  for (const table of tables) {
    const snap = read.snapshots[table];
    const rows = read.tables[table];
    if (!snap || !rows) continue;
    const keys = table === 'tblThongTin' ? ['value'] : (CALCULATED_COLUMNS[table] ?? []);
    rows.forEach((row, i) => {
      for (const key of keys) {
        const col = read.columns[table]?.[key];
        if (col === undefined || !AGENCY_COLUMNS[table].includes(key as never)) continue;
        const cell = calculatedCell(ctx, table, key, row, i);
        if (!cell?.formula) continue;
        push({
          sheet: snap.sheetName,
          address: cellAddress(snap.row + 1 + i, snap.col + col),
          table,
          key,
          row: i + 1,
          formula: cell.formula,
          result: cell.result ?? null,
          numberFormat: cell.numberFormat,
          previousFormula: read.formulas[table]?.[i]?.[key] ?? null,
          previousValue: row[key] ?? null,
        });
      }
    });
  }
  const namedFormulas: Array<[string, string, Scalar]> = [
    [NAMES.total, ctx.f.total(), results.total],
    [NAMES.level, ctx.f.level(), results.level],
  ];
  for (const [name, formula, result] of namedFormulas) {
    const cell = named[name];
    if (!cell) continue;
    push({ sheet: cell.sheet, address: cell.address, table: '', key: name, row: 0, formula, result, previousFormula: cell.formula, previousValue: cell.value });
  }
  return { writes, results };
}
