import type { IndexVersion, Plan } from '../domain/types';
import type { NamedCell } from '../workbook/fill';
import type { TableSnapshot } from '../workbook/read';

/**
 * What every use case reads through: the tables of a workbook by name and the named cells it
 * asked for. The .xlsx reader and the Office.js reader both produce it, so check, fill and merge
 * cannot tell (or disagree about) where a workbook came from.
 */
export interface WorkbookContent {
  tables: TableSnapshot[];
  namedCells: Partial<Record<string, NamedCell>>;
}

/** Reads one file's bytes; throws an error whose message says, for a person, why it cannot. */
export type WorkbookReader = (bytes: Uint8Array) => Promise<WorkbookContent>;

/** The official data a use case works against: passed in, never imported, so tests can vary it. */
export interface OfficialData {
  plan: Plan;
  indexVersions: readonly IndexVersion[];
}
