import type * as ExcelJS from 'exceljs';
import { AGENCY_SCHEMA } from '../domain/agency-schema';
import { textEquals, type Scalar } from '../domain/values';
import type { NamedCell } from '../workbook/fill';
import { metaValue, toAgencyTables, type ReadAgencyTables, type TableSnapshot } from '../workbook/read';
import { XlsxLimitError } from './errors';
import { readAgencyNamedCells } from './named-cells';
import { loadWorkbook, readTablesFromWorkbook } from './read';
import type { TablePartInfo } from './zip-guard';

/**
 * Opening one agency report workbook for check and fill: the bounded reader, the tables by column
 * key and the named cells, or the single reason the file is not an agency workbook at all (which
 * the CLI reports with exit code 2 instead of a list of findings).
 */

export type AgencyFileProblem = 'tooBig' | 'notXlsx' | 'missingMeta' | 'notAgency';

export class AgencyFileError extends Error {
  constructor(
    readonly problem: AgencyFileProblem,
    /** What was found: the reader's message, or the schema the file declares. */
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
    this.name = 'AgencyFileError';
  }
}

export interface OpenedAgencyWorkbook {
  workbook: ExcelJS.Workbook;
  tableParts: Map<string, TablePartInfo>;
  snapshots: TableSnapshot[];
  read: ReadAgencyTables;
  named: Partial<Record<string, NamedCell>>;
}

const show = (v: Scalar | undefined) => (v === null || v === undefined ? '' : typeof v === 'object' ? v.error : String(v));

/** Reads and classifies the bytes; throws AgencyFileError when the file cannot be read as an agency workbook. */
export async function openAgencyWorkbook(bytes: Buffer): Promise<OpenedAgencyWorkbook> {
  let loaded: Awaited<ReturnType<typeof loadWorkbook>>;
  let snapshots: TableSnapshot[];
  try {
    loaded = await loadWorkbook(bytes);
    snapshots = readTablesFromWorkbook(loaded.workbook, loaded.tableParts);
  } catch (e) {
    if (e instanceof XlsxLimitError) throw new AgencyFileError(e.code === 'NOT_XLSX' ? 'notXlsx' : 'tooBig', e.message);
    throw e;
  }
  const read = toAgencyTables(snapshots);
  if (!read.tables.tblMeta) throw new AgencyFileError('missingMeta', '');
  const schema = metaValue(read, 'schema');
  if (!textEquals(schema ?? null, AGENCY_SCHEMA)) throw new AgencyFileError('notAgency', show(schema));
  return { workbook: loaded.workbook, tableParts: loaded.tableParts, snapshots, read, named: readAgencyNamedCells(loaded.workbook) };
}
