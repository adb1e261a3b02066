import type { AgencyTableName } from '../domain/agency-schema';
import type { CheckInput } from '../domain/check';
import type { NamedCell } from './fill';
import { NAMES } from './formulas';
import type { ReadAgencyTables } from './read';
import { cellAddress } from './spec';

/** Connects what an adapter read to the check engine: cell locations come from the tables' positions. */
export function checkInputFrom(read: ReadAgencyTables, named: Partial<Record<string, NamedCell>> = {}): CheckInput {
  return {
    tables: read.tables,
    formulas: read.formulas,
    missingTables: read.missingTables,
    missingColumns: read.missingColumns,
    duplicateTables: read.duplicateTables,
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
