import type * as ExcelJS from 'exceljs';
import { CALCULATED_COLUMNS, type AgencyTableName } from '../domain/agency-schema';
import type { AgencyResults } from '../domain/calculate';
import { sameCellValue } from '../domain/consolidate';
import type { Plan } from '../domain/types';
import { planFill, type CalcWrite } from '../workbook/fill';
import { NAMES } from '../workbook/formulas';
import { toAgencyTables, type ReadAgencyTables } from '../workbook/read';
import { readAgencyNamedCells } from './named-cells';
import { readTablesFromWorkbook } from './read';
import { cellValue } from './render';
import type { TablePartInfo } from './zip-guard';

/**
 * Tính toán for a loaded .xlsx: every calculated cell gets its formula back with the engine's
 * result cached (so viewers that never recalculate show the right numbers) and its number
 * format. Input cells are never written: only cells planFill returns, and of those only the ones
 * the schema says are calculated.
 */

export interface FillOutcome {
  writes: CalcWrite[];
  results: AgencyResults;
  /** Cells whose formula had been replaced by a value. */
  restored: CalcWrite[];
  /** Cells whose formula or cached result differs from what they held. */
  rewritten: CalcWrite[];
  /** What was read before writing. */
  read: ReadAgencyTables;
}

/** Whether a planned write targets a cell the workbook owns: a calculated column, the unit-type row, or a named total. */
function isCalculatedTarget(w: CalcWrite, read: ReadAgencyTables): boolean {
  if (w.table === '') return w.key === NAMES.total || w.key === NAMES.level;
  const table = w.table as AgencyTableName;
  if (table === 'tblThongTin') return w.key === 'value' && read.tables.tblThongTin?.[w.row - 1]?.key === 'unitType';
  return (CALCULATED_COLUMNS[table] ?? []).includes(w.key);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Makes a loaded workbook safe for ExcelJS to write again. LibreOffice saves tables without
 * <tableStyleInfo>, which ExcelJS reads as a null style and then fails to write (reading
 * style.theme); an unstyled table is what such a file means, so that is what it gets.
 */
export function prepareForResave(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((ws) => {
    for (const t of ws.getTables() as unknown[]) {
      // ExcelJS's typings omit the table model; it sits on .table (or .model) of each table.
      const model = isRecord(t) ? (isRecord(t.table) ? t.table : isRecord(t.model) ? t.model : undefined) : undefined;
      if (model && !isRecord(model.style)) model.style = { showFirstColumn: false, showLastColumn: false, showRowStripes: false, showColumnStripes: false };
    }
  });
}

export function fillWorkbook(workbook: ExcelJS.Workbook, tableParts: Map<string, TablePartInfo>, plan: Plan, todaySerial: number): FillOutcome {
  const read = toAgencyTables(readTablesFromWorkbook(workbook, tableParts));
  const named = readAgencyNamedCells(workbook);
  const { writes, results } = planFill(read, plan, todaySerial, named);
  const applied: CalcWrite[] = [];
  for (const w of writes) {
    if (!isCalculatedTarget(w, read)) continue;
    const ws = workbook.getWorksheet(w.sheet);
    if (!ws) continue;
    const target = ws.getCell(w.address);
    target.value = cellValue({ role: 'calc', formula: w.formula, result: w.result });
    if (w.numberFormat) target.numFmt = w.numberFormat;
    applied.push(w);
  }
  // Excel recalculates on open anyway (TODAY() moves); the cached results serve viewers that do not.
  workbook.calcProperties.fullCalcOnLoad = true;
  prepareForResave(workbook);
  return {
    writes: applied,
    results,
    restored: applied.filter((w) => w.restored),
    rewritten: applied.filter((w) => w.changed || !sameCellValue(w.previousValue, w.result)),
    read,
  };
}
