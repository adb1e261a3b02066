import { dateSerial } from '../domain/values';
import { indexVersionById } from '../indexes/index-versions';
import { QUANG_TRI_2023 } from '../plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../workbook/agency-template';
import type { Lang } from '../workbook/labels';
import type { TableSnapshot } from '../workbook/read';
import { RequirementSetError } from './errors';
import { MIN_EXCEL_API, officeExcelRun, officeIsSetSupported, type ExcelRun, type IsSetSupported } from './host';
import { officeMessages } from './messages';
import { readWorkbook, type WorkbookRead } from './read';
import { inspectWorkbook, pressdxSheets, renderWorkbookSpec } from './render';

/**
 * What the task pane and the ribbon commands call. Each operation is one Excel.run. makeOperations
 * binds them to any Excel.run (tests pass the in-memory fake); the exports at the bottom are bound
 * to the real Excel.
 */

export interface CreateTemplateOptions {
  unitId?: string;
  year: number;
  indexVersionId: string;
  lang: Lang;
  /** Delete and recreate existing PressDX sheets; false makes the call fail with PressdxSheetsExistError. */
  replaceExisting: boolean;
}

export type ProgressCallback = (fraction: number, message: string) => void;

export interface CreateTemplateResult {
  syncs: number;
  sheetsCreated: string[];
}

export interface Operations {
  createTemplateInExcel(opts: CreateTemplateOptions, onProgress: ProgressCallback): Promise<CreateTemplateResult>;
  /** Names of the sheets PressDX created in the open workbook (1 sync; 2 when a guide sheet must be recognised by its title). */
  findExistingPressdxSheets(): Promise<string[]>;
  /** Every table of the workbook as a snapshot (2 syncs, more only for very large workbooks). */
  readAgencyTablesFromExcel(): Promise<TableSnapshot[]>;
  /** The snapshots plus the named result cells (TongDiem, MucDo) and the sync count. */
  readWorkbookFromExcel(): Promise<WorkbookRead>;
}

export interface OperationsConfig {
  /** Today for TODAY()-like results cached in the spec; injectable for tests. */
  now?: () => Date;
  /** Request budget before an early sync; tests lower it to exercise chunking. */
  requestBudgetBytes?: number;
}

/** Today's serial number in the user's local calendar (what TODAY() shows them). */
export const localTodaySerial = (now: Date): number => dateSerial(now.getFullYear(), now.getMonth() + 1, now.getDate());

export function makeOperations(run: ExcelRun, isSetSupported: IsSetSupported, config: OperationsConfig = {}): Operations {
  const now = config.now ?? (() => new Date());
  const readWorkbookFromExcel = () => run((context) => readWorkbook(context));
  return {
    async createTemplateInExcel(opts, onProgress) {
      if (!isSetSupported('ExcelApi', MIN_EXCEL_API)) throw new RequirementSetError(MIN_EXCEL_API, opts.lang);
      const index = indexVersionById(opts.indexVersionId);
      if (!index) throw new Error(officeMessages(opts.lang).unknownIndex(opts.indexVersionId));
      const today = now();
      const spec = buildAgencyWorkbookSpec(
        { plan: QUANG_TRI_2023, index, year: opts.year, unitId: opts.unitId, lang: opts.lang, generatedAt: today.toISOString(), generator: 'PressDX add-in' },
        localTodaySerial(today),
      );
      const result = await run((context) =>
        renderWorkbookSpec(context, spec, { replaceExisting: opts.replaceExisting, isSetSupported, lang: opts.lang, onProgress, requestBudgetBytes: config.requestBudgetBytes }),
      );
      return { syncs: result.syncs, sheetsCreated: result.sheetsCreated };
    },
    findExistingPressdxSheets: () => run(async (context) => pressdxSheets((await inspectWorkbook(context)).existing)),
    readAgencyTablesFromExcel: async () => (await readWorkbookFromExcel()).snapshots,
    readWorkbookFromExcel,
  };
}

const office = makeOperations(officeExcelRun, officeIsSetSupported);

/** Creates the agency report template in the open workbook. */
export const createTemplateInExcel = (opts: CreateTemplateOptions, onProgress: ProgressCallback): Promise<CreateTemplateResult> => office.createTemplateInExcel(opts, onProgress);

export const findExistingPressdxSheets = (): Promise<string[]> => office.findExistingPressdxSheets();

/** Every table of the workbook as TableSnapshot[]; `run` defaults to the real Excel.run. */
export const readAgencyTablesFromExcel = (run: ExcelRun = officeExcelRun): Promise<TableSnapshot[]> => run(async (context) => (await readWorkbook(context)).snapshots);

export const readWorkbookFromExcel = (run: ExcelRun = officeExcelRun): Promise<WorkbookRead> => run((context) => readWorkbook(context));

export { PressdxSheetsExistError, RequirementSetError, SheetNameConflictError } from './errors';
export { officeErrorMessage } from './messages';
export type { ExcelRun, IsSetSupported } from './host';
