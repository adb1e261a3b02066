import type { WorkbookContent, WorkbookReader } from '../app/types';
import { NAMES } from '../workbook/formulas';
import { readXlsx, type XlsxWorkbookRead } from './reader';

/** The named cells the use cases look at (the total and the level): neither sits in a table. */
export const AGENCY_NAMED_CELLS = [NAMES.total, NAMES.level] as const;

/** What the use cases need of an .xlsx file, plus what the file patcher needs (sheet parts, date system). */
export interface FileContent extends WorkbookContent {
  file: XlsxWorkbookRead;
}

/** Reads an .xlsx file's tables and named cells; throws XlsxReadError (with its Vietnamese and English reason) otherwise. */
export function readWorkbookBytes(bytes: Uint8Array): FileContent {
  const file = readXlsx(bytes, { namedCells: AGENCY_NAMED_CELLS });
  return { tables: file.tables, namedCells: file.namedCells, file };
}

/** The same as a WorkbookReader: a bad file rejects the promise rather than throwing. */
export const readWorkbookFile: WorkbookReader = (bytes) => new Promise((resolve) => resolve(readWorkbookBytes(bytes)));
