import { prepareMerge as prepareAppMerge, readPreviousWorkbook, type MergeSource, type PreparedMerge } from '../app/merge';
import type { OfficialData, WorkbookReader } from '../app/types';
import type { Consolidation, PreviousProvince } from '../domain/consolidate';
import type { Lang } from '../workbook/labels';
import { buildProvinceWorkbookSpec } from '../workbook/province-spec';
import type { WorkbookSpec } from '../workbook/spec';
import type { IsSetSupported } from './host';
import { renderWorkbookSpec } from './render';

/**
 * Tổng hợp in the add-in: the agency files the user picked go through the application's merge
 * (src/app/merge.ts, the same the CLI runs; the .xlsx reader is loaded only when a merge starts),
 * and the province workbook is drawn into the open workbook by the same renderer as the template,
 * charts included, in a constant number of syncs however many agencies: the render's (2, more
 * only past the 5 MB request limit or when a guide sheet must be told apart by its title).
 */

export interface MergeInputFile {
  name: string;
  bytes: Uint8Array;
  /** File.lastModified (ms since 1970), the last tie-break between two files of one unit. */
  lastModified?: number;
}

export interface MergeOptions {
  /** Reporting year; blank = the year most agency files declare. */
  year?: number;
  /** Last year's province workbook, for the change column. */
  previous?: Uint8Array;
  previousName?: string;
  lang?: Lang;
  /** Delete and recreate existing PressDX sheets (false: PressdxSheetsExistError, the UI asks). */
  replaceExisting?: boolean;
}

/** The .xlsx reader, imported only when a merge starts so the task pane loads without it. */
export const lazyXlsxReader: WorkbookReader = async (bytes) => (await import('../xlsx/read-file')).readWorkbookFile(bytes);

const MESSAGES = {
  vi: { previous: 'Đang đọc bảng tổng hợp năm trước…', done: (included: number, total: number) => `Đã tổng hợp ${included}/${total} tệp.` },
  en: { previous: "Reading last year's province workbook…", done: (included: number, total: number) => `Merged ${included} of ${total} files.` },
} as const;

export interface OfficePreparedMerge extends PreparedMerge {
  previous?: { year: number } | { error: string };
}

export interface PrepareContext {
  reader: WorkbookReader;
  data: OfficialData;
  now: Date;
  onProgress: (fraction: number, message: string) => void;
  /** Share of the progress bar the reading takes (the rest is the write). */
  share?: number;
}

/** The picked files through the application's merge (the same the CLI runs); last year's workbook, when given, is read first. */
export async function prepareMerge(files: MergeInputFile[], o: MergeOptions, ctx: PrepareContext): Promise<OfficePreparedMerge> {
  const share = ctx.share ?? 0.6;
  let previous: PreviousProvince | undefined;
  let previousNote: OfficePreparedMerge['previous'];
  if (o.previous) {
    ctx.onProgress(0, MESSAGES[o.lang ?? 'vi'].previous);
    const p = await readPreviousWorkbook(o.previous, o.previousName ?? '', ctx.reader, o.lang);
    if ('error' in p) previousNote = { error: p.error };
    else {
      previous = p;
      previousNote = { year: p.year };
    }
  }
  const sources: MergeSource[] = files.map((f) => ({
    name: f.name,
    load: () => Promise.resolve({ bytes: f.bytes, modifiedAt: f.lastModified !== undefined && Number.isFinite(f.lastModified) ? new Date(f.lastModified).toISOString() : undefined }),
  }));
  const prepared = await prepareAppMerge(sources, { year: o.year, previous, lang: o.lang }, {
    reader: ctx.reader, data: ctx.data, now: ctx.now, generator: 'PressDX add-in', onProgress: (f, m) => ctx.onProgress(share * f, m),
  });
  return { ...prepared, previous: previousNote };
}

// ---- writing the province workbook -------------------------------------------------------------------

export interface WriteProvinceOptions {
  lang: Lang;
  replaceExisting: boolean;
  isSetSupported: IsSetSupported;
  onProgress?: (fraction: number, message: string) => void;
  requestBudgetBytes?: number;
  /** The spec of this consolidation, when the caller has built it already. */
  spec?: WorkbookSpec;
}

export interface WriteProvinceResult {
  syncs: number;
  sheetsCreated: string[];
  sheetsReplaced: string[];
  /** Charts drawn (0 where the host lacks ExcelApi 1.7: the tables carry the numbers). */
  charts: number;
}

export async function writeProvinceWorkbook(context: Excel.RequestContext, c: Consolidation, o: WriteProvinceOptions): Promise<WriteProvinceResult> {
  const spec = o.spec ?? buildProvinceWorkbookSpec(c, o.lang);
  const progress = o.onProgress ?? (() => undefined);
  const rendered = await renderWorkbookSpec(context, spec, {
    replaceExisting: o.replaceExisting,
    isSetSupported: o.isSetSupported,
    lang: o.lang,
    onProgress: (f, m) => progress(f * 0.95, m),
    requestBudgetBytes: o.requestBudgetBytes,
    activeSheetKey: 'report',
  });
  const included = c.sources.filter((s) => s.state === 'included').length;
  progress(1, MESSAGES[o.lang].done(included, c.sources.length));
  return { syncs: rendered.syncs, sheetsCreated: rendered.sheetsCreated, sheetsReplaced: rendered.sheetsReplaced, charts: rendered.charts };
}

/** The figures the task pane shows after a merge. */
export interface MergeSummary {
  year: number;
  reportDate: number;
  files: number;
  included: number;
  superseded: number;
  excluded: number;
  /** Units whose file was used. */
  agencies: number;
  mismatches: number;
  seal: string;
}

export function mergeSummary(c: Consolidation): MergeSummary {
  const count = (state: string) => c.sources.filter((s) => s.state === state).length;
  return {
    year: c.year,
    reportDate: c.reportDate,
    files: c.sources.length,
    included: count('included'),
    superseded: count('superseded'),
    excluded: count('excluded'),
    agencies: c.agencies.length,
    mismatches: c.mismatches.length,
    seal: c.seal,
  };
}
