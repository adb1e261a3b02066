import { formatAddress, parseAddress } from '../address';
import { fakeError } from '../errors';
import { CHART_TYPES, type SheetModel } from '../model';
import type { ChartModel, ChartRefModel, ChartSeriesModel } from '../model-types';
import { FakeCollection, FakeObject, type Loadable } from './object';
import { FakeRange } from './range';

// Charts: ExcelApi 1.1; series editing 1.7; axis number format 1.8.

const SERIES_BY = ['Auto', 'Columns', 'Rows'];

export class FakeChartCollection extends FakeCollection<SheetModel, ChartModel, FakeChart> {
  protected readonly typeName = 'ChartCollection';

  protected list(s: SheetModel): ChartModel[] {
    return s.charts;
  }

  protected makeItem(c: ChartModel): FakeChart {
    return new FakeChart(this.context, () => c);
  }

  /** Adds a chart over a range (Office.js takes a Range, not an address, for sourceData). */
  add(type: string, sourceData: Excel.Range, seriesBy: string = 'Auto'): FakeChart {
    const slot: { chart?: ChartModel } = {};
    if (!(sourceData instanceof FakeRange)) throw fakeError('InvalidArgument', 'ChartCollection.add', 'sourceData must be a Range');
    if (!SERIES_BY.includes(seriesBy)) throw fakeError('InvalidArgument', 'ChartCollection.add', `seriesBy "${seriesBy}"`);
    this.queue('add', { type, sourceData, seriesBy }, (sheet) => {
      const source = sourceData._target();
      if (!source) throw fakeError('InvalidArgument', 'ChartCollection.add', 'sourceData is a null object');
      slot.chart = this.model.addChart(sheet, type, source, seriesBy);
    });
    return new FakeChart(this.context, () => slot.chart ?? null);
  }

  getItem(name: string): FakeChart {
    return new FakeChart(this.context, () => {
      const s = this._target();
      const c = s?.charts.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!c) throw fakeError('ItemNotFound', 'ChartCollection.getItem', `chart "${name}"`);
      return c;
    });
  }
}

interface ChartSnapshot {
  name: string;
  id: string;
  chartType: string;
}

export class FakeChart extends FakeObject<ChartModel, ChartSnapshot> {
  protected readonly typeName = 'Chart';
  protected readonly scalarKeys = ['name', 'id', 'chartType'] as const;
  private titleProxy?: FakeChartTitle;
  private legendProxy?: FakeChartLegend;
  private axesProxy?: FakeChartAxes;
  private seriesProxy?: FakeChartSeriesCollection;

  protected override isGone(c: ChartModel): boolean {
    return c.deleted;
  }

  protected snapshot<K extends keyof ChartSnapshot>(c: ChartModel, k: K): ChartSnapshot[K];
  protected snapshot(c: ChartModel, k: keyof ChartSnapshot): string {
    return k === 'chartType' ? c.type : k === 'id' ? c.id : c.name;
  }

  protected override navigation(name: string): Loadable | undefined {
    if (name === 'title') return this.title;
    if (name === 'legend') return this.legend;
    if (name === 'series') return this.series;
    return undefined;
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.assign('name', v, (c) =>
      this.model.editChart(c, 'Chart.name', (chart, sheet) => {
        if (v.trim() === '' || sheet.charts.some((o) => o !== chart && o.name.toLowerCase() === v.toLowerCase())) throw fakeError('InvalidArgument', 'Chart.name', `name "${v}"`);
        chart.name = v;
      }),
    );
  }
  get id(): string {
    return this.read('id');
  }
  get chartType(): string {
    return this.read('chartType');
  }

  get title(): FakeChartTitle {
    return (this.titleProxy ??= new FakeChartTitle(this.context, () => this._target()));
  }
  get legend(): FakeChartLegend {
    return (this.legendProxy ??= new FakeChartLegend(this.context, () => this._target()));
  }
  get axes(): FakeChartAxes {
    return (this.axesProxy ??= new FakeChartAxes(this.context, () => this._target()));
  }
  get series(): FakeChartSeriesCollection {
    return (this.seriesProxy ??= new FakeChartSeriesCollection(this.context, () => this._target()));
  }

  /** Places the chart over cells: an address or a Range for each corner (end optional). */
  setPosition(startCell: Excel.Range | string, endCell?: Excel.Range | string): void {
    const cellOf = (v: Excel.Range | string | undefined, c: ChartModel, sheet: SheetModel): string | undefined => {
      if (v === undefined) return undefined;
      const rect = typeof v === 'string' ? parseAddress(v).rect : v instanceof FakeRange ? v._target()?.rect : undefined;
      if (!rect) throw fakeError('InvalidArgument', 'Chart.setPosition', `cell ${String(v)} of ${c.name} on ${sheet.name}`);
      return formatAddress(sheet.name, { ...rect, rows: 1, cols: 1 }).split('!')[1];
    };
    this.queue('setPosition', { startCell, endCell: endCell ?? null }, (c) =>
      this.model.editChart(c, 'Chart.setPosition', (chart, sheet) => {
        const from = cellOf(startCell, chart, sheet) ?? 'A1';
        chart.position = { from, to: cellOf(endCell, chart, sheet) ?? from };
      }),
    );
  }

  delete(): void {
    this.queue('delete', null, (c) => this.model.deleteChart(c));
  }
}

export class FakeChartTitle extends FakeObject<ChartModel, { text: string; visible: boolean }> {
  protected readonly typeName = 'ChartTitle';
  protected readonly scalarKeys = ['text', 'visible'] as const;

  protected snapshot<K extends 'text' | 'visible'>(c: ChartModel, k: K): { text: string; visible: boolean }[K] {
    return c.title[k];
  }

  get text(): string {
    return this.read('text');
  }
  set text(v: string) {
    this.assign('text', v, (c) =>
      this.model.editChart(c, 'ChartTitle.text', (chart) => {
        // Setting a title shows it, as in Excel.
        chart.title = { text: v, visible: true };
      }),
    );
  }
  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.assign('visible', v, (c) => this.model.editChart(c, 'ChartTitle.visible', (chart) => (chart.title.visible = v)));
  }
}

const LEGEND_POSITIONS = ['Invalid', 'Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom'];

export class FakeChartLegend extends FakeObject<ChartModel, { visible: boolean; position: string }> {
  protected readonly typeName = 'ChartLegend';
  protected readonly scalarKeys = ['visible', 'position'] as const;

  protected snapshot<K extends 'visible' | 'position'>(c: ChartModel, k: K): { visible: boolean; position: string }[K] {
    return c.legend[k];
  }

  get visible(): boolean {
    return this.read('visible');
  }
  set visible(v: boolean) {
    this.assign('visible', v, (c) => this.model.editChart(c, 'ChartLegend.visible', (chart) => (chart.legend.visible = v)));
  }
  get position(): string {
    return this.read('position');
  }
  set position(v: string) {
    this.assign('position', v, (c) =>
      this.model.editChart(c, 'ChartLegend.position', (chart) => {
        if (!LEGEND_POSITIONS.includes(v)) throw fakeError('InvalidArgument', 'ChartLegend.position', v);
        chart.legend.position = v;
      }),
    );
  }
}

export class FakeChartAxes extends FakeObject<ChartModel, object> {
  protected readonly typeName = 'ChartAxes';
  protected readonly scalarKeys = [] as const;
  private value?: FakeChartAxis;

  protected snapshot(): never {
    throw fakeError('InvalidArgument', 'ChartAxes.load');
  }

  get valueAxis(): FakeChartAxis {
    return (this.value ??= new FakeChartAxis(this.context, () => this._target()));
  }
}

interface AxisSnapshot {
  numberFormat: string;
  minimum: number | null;
  maximum: number | null;
}

export class FakeChartAxis extends FakeObject<ChartModel, AxisSnapshot> {
  protected readonly typeName = 'ChartAxis';
  protected readonly scalarKeys = ['numberFormat', 'minimum', 'maximum'] as const;

  protected snapshot<K extends keyof AxisSnapshot>(c: ChartModel, k: K): AxisSnapshot[K];
  protected snapshot(c: ChartModel, k: keyof AxisSnapshot): AxisSnapshot[keyof AxisSnapshot] {
    return c.valueAxis[k];
  }

  get numberFormat(): string {
    return this.read('numberFormat');
  }
  set numberFormat(v: string) {
    this.assign('numberFormat', v, (c) => this.model.editChart(c, 'ChartAxis.numberFormat', (chart) => (chart.valueAxis.numberFormat = v)), '1.8');
  }
  get minimum(): number | null {
    return this.read('minimum');
  }
  set minimum(v: number | null) {
    this.assign('minimum', v, (c) => this.model.editChart(c, 'ChartAxis.minimum', (chart) => (chart.valueAxis.minimum = v)));
  }
  get maximum(): number | null {
    return this.read('maximum');
  }
  set maximum(v: number | null) {
    this.assign('maximum', v, (c) => this.model.editChart(c, 'ChartAxis.maximum', (chart) => (chart.valueAxis.maximum = v)));
  }
}

export class FakeChartSeriesCollection extends FakeCollection<ChartModel, ChartSeriesModel, FakeChartSeries> {
  protected readonly typeName = 'ChartSeriesCollection';

  protected list(c: ChartModel): ChartSeriesModel[] {
    return c.series;
  }

  protected makeItem(s: ChartSeriesModel): FakeChartSeries {
    return new FakeChartSeries(this.context, () => ({ chart: this._target(), series: s }));
  }

  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this.context, () => {
      const chart = this._target();
      const series = chart?.series[index];
      if (!chart || !series) throw fakeError('ItemNotFound', 'ChartSeriesCollection.getItemAt', `series ${index}`);
      return { chart, series };
    });
  }

  add(name?: string, index?: number): FakeChartSeries {
    const slot: { ref?: SeriesRef } = {};
    this.queue(
      'add',
      { name: name ?? null, index: index ?? null },
      (c) =>
        this.model.editChart(c, 'ChartSeriesCollection.add', (chart) => {
          const at = index ?? chart.series.length;
          if (!Number.isInteger(at) || at < 0 || at > chart.series.length) throw fakeError('InvalidArgument', 'ChartSeriesCollection.add', `index ${at}`);
          const series: ChartSeriesModel = { name: name ?? `Series${chart.series.length + 1}`, values: null, xValues: null, chartType: null };
          chart.series.splice(at, 0, series);
          slot.ref = { chart, series };
        }),
      '1.7',
    );
    return new FakeChartSeries(this.context, () => slot.ref ?? null);
  }
}

interface SeriesRef {
  chart: ChartModel | null;
  series: ChartSeriesModel;
}

export class FakeChartSeries extends FakeObject<SeriesRef, { name: string; chartType: string }> {
  protected readonly typeName = 'ChartSeries';
  protected readonly scalarKeys = ['name', 'chartType'] as const;

  protected override isGone(r: SeriesRef): boolean {
    return r.chart === null || r.chart.deleted || !r.chart.series.includes(r.series);
  }

  protected snapshot(r: SeriesRef, k: 'name' | 'chartType'): string {
    return k === 'name' ? r.series.name : (r.series.chartType ?? r.chart?.type ?? '');
  }

  private edit(member: string, args: unknown, apply: (s: ChartSeriesModel, chart: ChartModel) => void, apiSet?: string): void {
    this.queue(
      member,
      args,
      (r) => {
        if (!r.chart) throw fakeError('ItemNotFound', `ChartSeries.${member}`);
        this.model.editChart(r.chart, `ChartSeries.${member}`, (chart) => apply(r.series, chart));
      },
      apiSet,
    );
  }

  get name(): string {
    return this.read('name');
  }
  set name(v: string) {
    this.edit('name', v, (s) => (s.name = v));
  }
  get chartType(): string {
    return this.read('chartType');
  }
  set chartType(v: string) {
    this.edit(
      'chartType',
      v,
      (s, chart) => {
        if (!CHART_TYPE_LIST.includes(v)) throw fakeError('InvalidArgument', 'ChartSeries.chartType', v);
        // Excel cannot combine radar or pie series with other types.
        const family = (t: string) => (t.startsWith('Radar') ? 'radar' : t === 'Pie' || t === 'Doughnut' ? 'pie' : 'other');
        if (family(v) !== family(chart.type)) throw fakeError('InvalidOperation', 'ChartSeries.chartType', `${v} in a ${chart.type} chart`);
        s.chartType = v;
      },
      '1.7',
    );
  }

  private rangeRef(range: Excel.Range, member: string): () => ChartRefModel {
    if (!(range instanceof FakeRange)) throw fakeError('InvalidArgument', `ChartSeries.${member}`, 'a Range is required');
    return () => {
      const t = range._target();
      if (!t) throw fakeError('InvalidArgument', `ChartSeries.${member}`, 'null range');
      if (t.rect.rows > 1 && t.rect.cols > 1) throw fakeError('InvalidArgument', `ChartSeries.${member}`, 'a series takes one row or one column');
      return this.model.chartRef(t);
    };
  }

  setValues(sourceData: Excel.Range): void {
    const ref = this.rangeRef(sourceData, 'setValues');
    this.edit('setValues', { sourceData }, (s) => (s.values = ref()), '1.7');
  }

  setXAxisValues(sourceData: Excel.Range): void {
    const ref = this.rangeRef(sourceData, 'setXAxisValues');
    this.edit('setXAxisValues', { sourceData }, (s) => (s.xValues = ref()), '1.7');
  }

  delete(): void {
    this.edit('delete', null, (s, chart) => chart.series.splice(chart.series.indexOf(s), 1), '1.7');
  }
}

const CHART_TYPE_LIST: readonly string[] = [...CHART_TYPES];
