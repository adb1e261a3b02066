import type { AgencyTableName } from '../domain/agency-schema';
import { computeAgencyResults, type AgencyResults } from '../domain/calculate';
import { checkAgencyWorkbook, type CheckInput, type Finding } from '../domain/check';
import type { Plan } from '../domain/types';
import { INDEX_VERSIONS } from '../indexes/index-versions';
import type { NamedCell } from './fill';
import { NAMES } from './formulas';
import { toAgencyTables, type ReadAgencyTables, type TableSnapshot } from './read';
import { cellAddress } from './spec';

/** Connects what an adapter read to the check engine: cell locations come from the tables' positions. */
export function checkInputFrom(read: ReadAgencyTables, named: Partial<Record<string, NamedCell>> = {}): CheckInput {
  return {
    tables: read.tables,
    formulas: read.formulas,
    missingTables: read.missingTables,
    missingColumns: read.missingColumns,
    locate: (table: AgencyTableName, key: string, rowIndex: number) => {
      const snap = read.snapshots[table];
      const col = read.columns[table]?.[key];
      if (!snap || col === undefined) return undefined;
      return { sheet: snap.sheetName, address: cellAddress(snap.row + 1 + rowIndex, snap.col + col) };
    },
    // Only names the adapter found: a reader that cannot see names reports nothing about them.
    namedFormulas: [NAMES.total, NAMES.level].flatMap((name) => {
      const cell = named[name];
      return cell ? [{ name, location: { sheet: cell.sheet, address: cell.address }, formula: cell.formula }] : [];
    }),
  };
}

export interface CheckReport {
  findings: Finding[];
  results: AgencyResults;
  counts: Record<'error' | 'warning' | 'info', number>;
}

export function checkSnapshots(snapshots: TableSnapshot[], plan: Plan, todaySerial: number, named: Partial<Record<string, NamedCell>> = {}): CheckReport {
  const read = toAgencyTables(snapshots);
  const findings = checkAgencyWorkbook(checkInputFrom(read, named), { plan, indexVersions: INDEX_VERSIONS });
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { findings, results: computeAgencyResults(read.tables, plan, todaySerial), counts };
}
