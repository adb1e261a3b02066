import type { Catalogue, CatalogueCheck, ThresholdEdit } from '../domain/catalogue';
import type { Finding } from '../domain/check';
import type { Consolidation } from '../domain/consolidate';
import { localDateSerial } from '../domain/values';
import { indexVersionById } from '../indexes/index-versions';
import type { WorkbookReader } from '../app/types';
import { OFFICIAL_DATA } from '../plans/official-data';
import { QUANG_TRI_2023 } from '../plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../workbook/agency-template';
import type { Lang } from '../workbook/labels';
import { buildProvinceWorkbookSpec } from '../workbook/province-spec';
import type { TableSnapshot } from '../workbook/read';
import type { WorkbookSpec } from '../workbook/spec';
import { RequirementSetError } from './errors';
import { MIN_EXCEL_API, type ExcelRun, type IsSetSupported } from './host';
import { officeErrorMessage, officeMessages } from './messages';
import { readWorkbook, type WorkbookRead } from './read';
import { inspectWorkbook, pressdxSheets, renderWorkbookSpec } from './render';
import { checkFailedSummary, checkOpenWorkbook, checkSummary, type CheckRun } from './check';
import { fillInWorkbook, type FillResult } from './fill';
import { applyFixesInWorkbook, type ApplyFixesResult, type CellFix } from './fixes';
import { clearHighlightsInWorkbook, highlightInWorkbook, type ClearResult, type HighlightResult } from './highlight';
import { lazyXlsxReader, mergeSummary, prepareMerge, writeProvinceWorkbook, type MergeInputFile, type MergeOptions, type MergeSummary, type OfficePreparedMerge, type WriteProvinceResult } from './merge';
import { selectCellIn } from './navigate';
import { createCatalogueSheet, editThresholdInWorkbook, readCatalogueFromWorkbook, type ThresholdEditRequest } from './catalogue';

/**
 * What the task pane and the ribbon commands call. Each operation is one Excel.run. makeOperations
 * binds them to the Excel.run it is given: the add-in's entry points pass the real one, tests and
 * the workbench the in-memory fake's. Nothing here reads the Office globals.
 */

export interface CreateTemplateOptions {
  unitId?: string;
  year: number;
  indexVersionId: string;
  lang: Lang;
  /** Delete and recreate existing PressDX sheets; false makes the call fail with PressdxSheetsExistError. */
  replaceExisting: boolean;
  /** A checked catalogue of the version: the template scores each criterion and carries it. */
  catalogue?: Catalogue;
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
  /** Every table of the workbook as a snapshot (1 sync for an intact agency workbook; see readWorkbook). */
  readAgencyTablesFromExcel(): Promise<TableSnapshot[]>;
  /** The snapshots plus the named result cells (TongDiem, MucDo) and the sync count. */
  readWorkbookFromExcel(): Promise<WorkbookRead>;
  /** Kiểm tra: every finding, counts, the engine's results (1 sync whatever the row count; see readWorkbook). */
  runCheck(lang?: Lang): Promise<CheckRun>;
  /** Activates the sheet and selects the cell (1 sync); HiddenSheetError for the meta sheet. */
  selectCell(sheet: string, address: string, lang?: Lang): Promise<{ syncs: number }>;
  /** Fills error and warning cells, recording each cell's own fill in tblHighlight (≤ 4 syncs). */
  highlightFindings(findings: Finding[]): Promise<HighlightResult>;
  /** Gives highlighted cells their own fill back (≤ 4 syncs). */
  clearHighlights(): Promise<ClearResult>;
  /** Writes the confirmed fixes, each only if its cell still holds what the check saw (3 syncs). */
  applyFixes(fixes: CellFix[], lang?: Lang): Promise<ApplyFixesResult>;
  /** Tính toán: restores and rewrites calculated cells, then recalculates (2 syncs; see fillInWorkbook). */
  runFill(): Promise<FillResult>;
  /** Tổng hợp: reads the picked files, consolidates and draws the province workbook with charts. */
  mergeFiles(files: MergeInputFile[], opts: MergeOptions, onProgress: ProgressCallback): Promise<MergeResult>;
  /** Draws a consolidation into the open workbook, charts included (the render's syncs). */
  writeProvinceWorkbook(consolidation: Consolidation, opts: { lang?: Lang; replaceExisting?: boolean }, onProgress?: ProgressCallback): Promise<WriteProvinceResult>;
  /** The ribbon's Kiểm tra: a one-line summary ("Kiểm tra xong: 3 lỗi, 2 cảnh báo."); never throws. */
  runCheckCommand(lang?: Lang): Promise<string>;
  /** Bộ tiêu chí: the empty catalogue sheet of a version (render's syncs). */
  createCatalogueSheetInExcel(opts: { indexVersionId: string; lang: Lang; replaceExisting: boolean }, onProgress?: ProgressCallback): Promise<CreateTemplateResult>;
  /** Reads and checks the open workbook's catalogue (2 syncs). */
  checkCatalogueInExcel(indexVersionId: string): Promise<CatalogueCheck>;
  /** Edits a level threshold and records it in the history (2 syncs; 1 when nothing changes). */
  editThresholdInExcel(edit: ThresholdEditRequest, lang?: Lang): Promise<{ syncs: number; recorded: ThresholdEdit[] }>;
}

export interface MergeResult extends MergeSummary, WriteProvinceResult {
  unreadable: OfficePreparedMerge['unreadable'];
  previous?: OfficePreparedMerge['previous'];
  consolidation: Consolidation;
}

export interface OperationsConfig {
  /** Today for TODAY()-like results cached in the spec; injectable for tests. */
  now?: () => Date;
  /** Request budget before an early sync; tests lower it to exercise chunking. */
  requestBudgetBytes?: number;
  /** Reads a picked .xlsx; defaults to the lazily imported ExcelJS reader. */
  xlsxReader?: WorkbookReader;
  /**
   * Told the spec of each province workbook drawn (Tổng hợp): its formula cells carry the engine's
   * results, which the workbench shows since nothing there calculates formulas.
   */
  onProvinceDrawn?: (spec: WorkbookSpec) => void;
}

export function makeOperations(run: ExcelRun, isSetSupported: IsSetSupported, config: OperationsConfig = {}): Operations {
  const now = config.now ?? (() => new Date());
  const readWorkbookFromExcel = () => run((context) => readWorkbook(context));
  // Findings carry both languages; `lang` is accepted so every operation is called alike.
  const runCheck = (_lang?: Lang) => run((context) => checkOpenWorkbook(context, localDateSerial(now())));
  const writeProvince = async (consolidation: Consolidation, opts: { lang?: Lang; replaceExisting?: boolean }, onProgress?: ProgressCallback) => {
    const lang = opts.lang ?? 'vi';
    if (!isSetSupported('ExcelApi', MIN_EXCEL_API)) throw new RequirementSetError(MIN_EXCEL_API, lang);
    const spec = buildProvinceWorkbookSpec(consolidation, lang);
    const written = await run((context) =>
      writeProvinceWorkbook(context, consolidation, { lang, replaceExisting: opts.replaceExisting ?? false, isSetSupported, onProgress, requestBudgetBytes: config.requestBudgetBytes, spec }),
    );
    config.onProvinceDrawn?.(spec);
    return written;
  };
  return {
    async createTemplateInExcel(opts, onProgress) {
      if (!isSetSupported('ExcelApi', MIN_EXCEL_API)) throw new RequirementSetError(MIN_EXCEL_API, opts.lang);
      const index = indexVersionById(opts.indexVersionId);
      if (!index) throw new Error(officeMessages(opts.lang).unknownIndex(opts.indexVersionId));
      const today = now();
      const spec = buildAgencyWorkbookSpec(
        { plan: QUANG_TRI_2023, index, year: opts.year, unitId: opts.unitId, lang: opts.lang, generatedAt: today.toISOString(), generator: 'PressDX add-in', catalogue: opts.catalogue },
        localDateSerial(today),
      );
      const result = await run((context) =>
        renderWorkbookSpec(context, spec, { replaceExisting: opts.replaceExisting, isSetSupported, lang: opts.lang, onProgress, requestBudgetBytes: config.requestBudgetBytes }),
      );
      return { syncs: result.syncs, sheetsCreated: result.sheetsCreated };
    },
    findExistingPressdxSheets: () => run(async (context) => pressdxSheets((await inspectWorkbook(context)).existing)),
    readAgencyTablesFromExcel: async () => (await readWorkbookFromExcel()).snapshots,
    readWorkbookFromExcel,
    runCheck,
    selectCell: (sheet, address, lang = 'vi') => run((context) => selectCellIn(context, sheet, address, lang)),
    highlightFindings: (findings) => run((context) => highlightInWorkbook(context, findings, isSetSupported)),
    clearHighlights: () => run((context) => clearHighlightsInWorkbook(context, isSetSupported)),
    applyFixes: (fixes, lang = 'vi') => run((context) => applyFixesInWorkbook(context, fixes, lang)),
    runFill: () => run((context) => fillInWorkbook(context, { todaySerial: localDateSerial(now()), isSetSupported, requestBudgetBytes: config.requestBudgetBytes })),
    async mergeFiles(files, opts, onProgress) {
      const lang = opts.lang ?? 'vi';
      if (!isSetSupported('ExcelApi', MIN_EXCEL_API)) throw new RequirementSetError(MIN_EXCEL_API, lang);
      // Reading takes the first 60% of the bar, drawing the rest.
      const prepared = await prepareMerge(files, opts, { reader: config.xlsxReader ?? lazyXlsxReader, data: OFFICIAL_DATA, now: now(), onProgress, share: 0.6 });
      const written = await writeProvince(prepared.consolidation, { lang, replaceExisting: opts.replaceExisting }, (f, m) => onProgress(0.6 + 0.4 * f, m));
      return { ...mergeSummary(prepared.consolidation), ...written, unreadable: prepared.unreadable, previous: prepared.previous, consolidation: prepared.consolidation };
    },
    writeProvinceWorkbook: writeProvince,
    async createCatalogueSheetInExcel(opts, onProgress) {
      if (!isSetSupported('ExcelApi', MIN_EXCEL_API)) throw new RequirementSetError(MIN_EXCEL_API, opts.lang);
      const index = indexVersionById(opts.indexVersionId);
      if (!index) throw new Error(officeMessages(opts.lang).unknownIndex(opts.indexVersionId));
      const result = await run((context) => createCatalogueSheet(context, index, { lang: opts.lang, replaceExisting: opts.replaceExisting, isSetSupported, onProgress }));
      return { syncs: result.syncs, sheetsCreated: result.sheetsCreated };
    },
    checkCatalogueInExcel: (indexVersionId) => run((context) => readCatalogueFromWorkbook(context, indexVersionId)),
    editThresholdInExcel: (edit, lang = 'vi') => run((context) => editThresholdInWorkbook(context, edit, lang)),
    async runCheckCommand(lang = 'vi') {
      try {
        return checkSummary(await runCheck(lang), lang);
      } catch (e) {
        return checkFailedSummary(officeErrorMessage(e, lang), lang);
      }
    },
  };
}

/** Every table of the workbook as TableSnapshot[], through the given Excel.run. */
export const readAgencyTablesFromExcel = (run: ExcelRun): Promise<TableSnapshot[]> => run(async (context) => (await readWorkbook(context)).snapshots);

export const readWorkbookFromExcel = (run: ExcelRun): Promise<WorkbookRead> => run((context) => readWorkbook(context));

export { PressdxSheetsExistError, RequirementSetError, SheetNameConflictError } from './errors';
export { officeErrorMessage } from './messages';
export type { ExcelRun, IsSetSupported } from './host';
export type { CheckRun } from './check';
export type { FillResult, RestoredCell } from './fill';
export type { ApplyFixesResult, CellFix, SkippedFix } from './fixes';
export type { ClearResult, HighlightResult } from './highlight';
export type { MergeInputFile, MergeOptions, MergeSummary, WriteProvinceResult } from './merge';
export { HiddenSheetError } from './navigate';
export { fixFromFinding } from './fixes';
