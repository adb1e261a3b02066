import { AGENCY_SCHEMA, CALCULATED_COLUMNS, type AgencyTableName } from '../domain/agency-schema';
import { computeAgencyResults, type AgencyResults } from '../domain/calculate';
import { checkAgencyWorkbook, type Finding, type MissingColumn, type Severity } from '../domain/check';
import { sameCellValue } from '../domain/consolidate';
import { textEquals, type Scalar } from '../domain/values';
import { checkInputFrom } from '../workbook/check-workbook';
import { planFill, type CalcWrite } from '../workbook/fill';
import { NAMES } from '../workbook/formulas';
import { PROVINCE_SCHEMA } from '../workbook/province-labels';
import { metaValue, toAgencyTables, type ReadAgencyTables } from '../workbook/read';
import type { OfficialData, WorkbookContent } from './types';

/**
 * The agency-workbook use cases every front end calls: tell what a workbook is, check it, plan
 * Tính toán. They take what a reader produced (WorkbookContent) and the official data, so the
 * CLI over files and the add-in over the live workbook run exactly the same code.
 */

export type WorkbookKind =
  | { kind: 'agency'; read: ReadAgencyTables }
  /** Last year's (or this year's) consolidation output: not something to check or fill. */
  | { kind: 'province' }
  /** A workbook with a tblMeta of another schema, or none: `missingTables` says what an agency workbook would have. */
  | { kind: 'other'; schema: string; missingTables: AgencyTableName[] };

const show = (v: Scalar | undefined) => (v === null || v === undefined ? '' : typeof v === 'object' ? v.error : String(v));

export function describeWorkbook(content: WorkbookContent): WorkbookKind {
  const read = toAgencyTables(content.tables);
  const schema = metaValue(read, 'schema');
  if (read.tables.tblMeta && textEquals(schema ?? null, AGENCY_SCHEMA)) return { kind: 'agency', read };
  if (read.tables.tblMeta && textEquals(schema ?? null, PROVINCE_SCHEMA)) return { kind: 'province' };
  return { kind: 'other', schema: show(schema), missingTables: read.missingTables };
}

export interface CheckReport {
  findings: Finding[];
  results: AgencyResults;
  counts: Record<Severity, number>;
  read: ReadAgencyTables;
}

/** Kiểm tra: every finding of the check engine, located in cells, and the engine's results. */
export function checkWorkbook(content: WorkbookContent, data: OfficialData, todaySerial: number): CheckReport {
  const read = toAgencyTables(content.tables);
  const findings = checkAgencyWorkbook(checkInputFrom(read, content.namedCells), data);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { findings, results: computeAgencyResults(read.tables, data.plan, todaySerial), counts, read };
}

export interface FillPlan {
  /** Calculated cells to write (formula and the engine's result); never an input cell. */
  writes: CalcWrite[];
  results: AgencyResults;
  /** Cells whose formula had been replaced by a value. */
  restored: CalcWrite[];
  /** Cells whose formula or cached result differs from what they held. */
  rewritten: CalcWrite[];
  read: ReadAgencyTables;
  /**
   * Columns no header names: nothing is written. Excel renames a column's structured references
   * with its header, so the spec's formulas would name a column the table no longer has.
   */
  blockedBy: MissingColumn[];
}

/** Whether a planned write targets a cell the workbook owns: a calculated column, the unit-type row, or a named total. */
function isCalculatedTarget(w: CalcWrite, read: ReadAgencyTables): boolean {
  if (w.table === '') return w.key === NAMES.total || w.key === NAMES.level;
  const table = w.table as AgencyTableName;
  if (table === 'tblThongTin') return w.key === 'value' && read.tables.tblThongTin?.[w.row - 1]?.key === 'unitType';
  return (CALCULATED_COLUMNS[table] ?? []).includes(w.key);
}

/** Tính toán, planned: what to write where. The adapters only carry the writes out. */
export function planAgencyFill(content: WorkbookContent, data: OfficialData, todaySerial: number): FillPlan {
  const read = toAgencyTables(content.tables);
  const planned = planFill(read, data.plan, todaySerial, content.namedCells);
  if (read.missingColumns.length > 0) return { writes: [], results: planned.results, restored: [], rewritten: [], read, blockedBy: read.missingColumns };
  const writes = planned.writes.filter((w) => isCalculatedTarget(w, read));
  return {
    writes,
    results: planned.results,
    restored: writes.filter((w) => w.restored),
    rewritten: writes.filter((w) => w.changed || !sameCellValue(w.previousValue, w.result)),
    read,
    blockedBy: [],
  };
}
