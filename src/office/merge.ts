import { prepareMerge as prepareAppMerge, readPreviousWorkbook, type MergeSource, type PreparedMerge } from '../app/merge';
import type { OfficialData, WorkbookReader } from '../app/types';
import type { Consolidation, PreviousProvince } from '../domain/consolidate';
import type { Lang } from '../workbook/labels';
import { buildProvinceWorkbookSpec } from '../workbook/province-spec';
import { cellAddress, type ChartSpec, type WorkbookSpec } from '../workbook/spec';
import type { IsSetSupported } from './host';
import { PROTECTION_OPTIONS, renderWorkbookSpec } from './render';

/**
 * Tổng hợp in the add-in: the agency files the user picked go through the application's merge
 * (src/app/merge.ts, the same the CLI runs; the .xlsx reader is loaded only when a merge starts),
 * and the province workbook is drawn into the open workbook by the same renderer as the template,
 * in a constant number of syncs however many agencies: render's 2 (more only past the 5 MB
 * request limit) and 1 for the charts.
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
  vi: { previous: 'Đang đọc bảng tổng hợp năm trước…', charts: 'Đang vẽ biểu đồ…', done: (included: number, total: number) => `Đã tổng hợp ${included}/${total} tệp.` },
  en: { previous: "Reading last year's province workbook…", charts: 'Drawing charts…', done: (included: number, total: number) => `Merged ${included} of ${total} files.` },
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
    const p = await readPreviousWorkbook(o.previous, o.previousName ?? '', ctx.reader);
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
}

export interface WriteProvinceResult {
  syncs: number;
  sheetsCreated: string[];
  sheetsReplaced: string[];
  /** Charts drawn (0 where the host lacks ExcelApi 1.7: the tables carry the numbers). */
  charts: number;
}

/** A chart reference as a Range, and whether it runs along a row (a series of one row) rather than a column. */
export interface ResolvedReference {
  range: Excel.Range;
  alongRow: boolean;
}

/** "tblX[Header]" (with ' escapes) or "'Sheet'!$A$1:$A$9"; undefined for anything else. */
export function resolveReference(context: Excel.RequestContext, ref: string): ResolvedReference | undefined {
  const structured = /^([A-Za-z_\\][\w.\\]*)\[([^[\]]+|\[.+\])\]$/.exec(ref.trim());
  if (structured) {
    const inner = structured[2].replace(/^\[(.*)\]$/, '$1');
    if (inner.includes('],[') || inner.startsWith('#')) return undefined;
    const header = inner.replace(/'(.)/g, '$1');
    return { range: context.workbook.tables.getItem(structured[1]).columns.getItem(header).getDataBodyRange(), alongRow: false };
  }
  const a1 = /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!a1) return undefined;
  const [, quoted, bare, c1, r1, c2, r2] = a1;
  const local = c2 && r2 ? `${c1}${r1}:${c2}${r2}` : `${c1}${r1}`;
  const range = context.workbook.worksheets.getItem(quoted !== undefined ? quoted.replace(/''/g, "'") : bare).getRange(local);
  return { range, alongRow: r2 !== undefined && r1 === r2 && c1.toUpperCase() !== c2?.toUpperCase() };
}

/** A chart's series as [name, values]: the `series` form, else the single `valuesRef`. */
function chartSeries(c: ChartSpec): Array<{ name?: string; valuesRef: string }> {
  if (c.series) return c.series;
  return c.valuesRef !== undefined ? [{ name: c.valuesName, valuesRef: c.valuesRef }] : [];
}

/**
 * Charts after the render (its last request protects the sheets): one more request lifts the
 * protection of the chart sheets, adds the charts and protects again, however many series (no
 * loads: every series is queued). Requirement sets: charts.add, the Radar type, series names,
 * title, legend and setPosition are ExcelApi 1.1; series.add, setValues and setXAxisValues
 * (needed because a chart's columns are not adjacent in the tables) are 1.7, so below 1.7 no
 * chart is drawn; the value axis format needs 1.8 and is skipped below it.
 */
export async function addSpecCharts(context: Excel.RequestContext, spec: WorkbookSpec, isSetSupported: IsSetSupported): Promise<{ syncs: number; added: number }> {
  const charts = (spec.charts ?? []).filter((c) => spec.sheets.some((s) => s.key === c.sheetKey) && chartSeries(c).length > 0);
  if (charts.length === 0 || !isSetSupported('ExcelApi', '1.7')) return { syncs: 0, added: 0 };
  const canFormatAxis = isSetSupported('ExcelApi', '1.8');
  const sheets = [...new Set(charts.map((c) => c.sheetKey))].flatMap((k) => spec.sheets.filter((s) => s.key === k));
  for (const s of sheets) if (s.protect) context.workbook.worksheets.getItem(s.name).protection.unprotect();
  let added = 0;
  charts.forEach((c: ChartSpec, i) => {
    const sheet = sheets.find((s) => s.key === c.sheetKey);
    const series = chartSeries(c).flatMap((x) => {
      const values = resolveReference(context, x.valuesRef);
      return values ? [{ name: x.name, values }] : [];
    });
    const categories = resolveReference(context, c.categoriesRef)?.range;
    if (!sheet || series.length === 0 || !categories) return;
    const radar = c.type === 'radar';
    // The first series from its values, whichever way they run (a pillar profile is a row of a table).
    const [first, ...rest] = series;
    const chart = context.workbook.worksheets.getItem(sheet.name).charts.add(radar ? 'Radar' : 'ColumnClustered', first.values.range, first.values.alongRow ? 'Rows' : 'Columns');
    chart.name = `PressDX ${c.sheetKey} ${i + 1}`;
    chart.title.text = c.title;
    chart.legend.position = 'Bottom';
    const main = chart.series.getItemAt(0);
    if (first.name) main.name = first.name;
    main.setXAxisValues(categories);
    for (const x of rest) {
      const more = chart.series.add(x.name ?? '');
      more.setValues(x.values.range);
      more.setXAxisValues(categories);
    }
    const threshold = c.thresholdRef ? resolveReference(context, c.thresholdRef)?.range : undefined;
    if (threshold) {
      const goal = chart.series.add(c.thresholdName ?? '');
      goal.setValues(threshold);
      goal.setXAxisValues(categories);
      // The threshold reads as a line across the bars; a radar chart cannot mix types, so it stays a ring.
      if (!radar) goal.chartType = 'LineMarkers';
    }
    if (c.numberFormat && canFormatAxis) chart.axes.valueAxis.numberFormat = c.numberFormat;
    const a = c.anchor;
    chart.setPosition(cellAddress(a.row, a.col), cellAddress(a.row + a.heightRows - 1, a.col + a.widthCols - 1));
    added++;
  });
  for (const s of sheets) if (s.protect) context.workbook.worksheets.getItem(s.name).protection.protect(PROTECTION_OPTIONS);
  await context.sync();
  return { syncs: 1, added };
}

export async function writeProvinceWorkbook(context: Excel.RequestContext, c: Consolidation, o: WriteProvinceOptions): Promise<WriteProvinceResult> {
  const spec = buildProvinceWorkbookSpec(c, o.lang);
  const progress = o.onProgress ?? (() => undefined);
  const rendered = await renderWorkbookSpec(context, spec, {
    replaceExisting: o.replaceExisting,
    isSetSupported: o.isSetSupported,
    lang: o.lang,
    // The render reports up to 1; the charts take the last step.
    onProgress: (f, m) => progress(f * 0.95, m),
    requestBudgetBytes: o.requestBudgetBytes,
    activeSheetKey: 'report',
  });
  progress(0.95, MESSAGES[o.lang].charts);
  const charts = await addSpecCharts(context, spec, o.isSetSupported);
  const included = c.sources.filter((s) => s.state === 'included').length;
  progress(1, MESSAGES[o.lang].done(included, c.sources.length));
  return { syncs: rendered.syncs + charts.syncs, sheetsCreated: rendered.sheetsCreated, sheetsReplaced: rendered.sheetsReplaced, charts: charts.added };
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
