import { cellAddress, type ChartSpec, type WorkbookSpec } from '../workbook/spec';
import type { IsSetSupported } from './host';

/** The charts of a workbook spec (the province workbook's), drawn with Office.js. */

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

/** Office.js operations the spec's charts take, roughly, to reserve room for them in a request. */
export const chartOperations = (spec: WorkbookSpec): number => (spec.charts ?? []).reduce((n, c) => n + 10 + 4 * (chartSeries(c).length + 1), 0);

/**
 * Queues the spec's charts, to go in the render's last request before it protects the sheets (no
 * loads: every series is queued), and returns how many. Requirement sets: charts.add, the Radar
 * type, series names, title, legend and setPosition are ExcelApi 1.1; series.add, setValues and
 * setXAxisValues (needed because a chart's columns are not adjacent in the tables) are 1.7, so
 * below 1.7 no chart is drawn; the value axis format needs 1.8 and is skipped below it.
 */
export function queueSpecCharts(context: Excel.RequestContext, spec: WorkbookSpec, isSetSupported: IsSetSupported): number {
  const charts = (spec.charts ?? []).filter((c) => spec.sheets.some((s) => s.key === c.sheetKey) && chartSeries(c).length > 0);
  if (charts.length === 0 || !isSetSupported('ExcelApi', '1.7')) return 0;
  const canFormatAxis = isSetSupported('ExcelApi', '1.8');
  const sheets = [...new Set(charts.map((c) => c.sheetKey))].flatMap((k) => spec.sheets.filter((s) => s.key === k));
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
  return added;
}

