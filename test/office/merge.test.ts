import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolidate, sha256Hex, type Consolidation, type Submission } from '../../src/domain/consolidate';
import type { Plan } from '../../src/domain/types';
import { dateSerial } from '../../src/domain/values';
import { PressdxSheetsExistError, RequirementSetError } from '../../src/office/errors';
import { commonYear } from '../../src/app/merge';
import type { MergeInputFile } from '../../src/office/merge';
import { renderWorkbookSpec } from '../../src/office/render';
import { makeOperations } from '../../src/office/operations';
import { indexVersionById, INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { templateTables } from '../../src/workbook/agency-template';
import { PROVINCE_SHEET_NAMES } from '../../src/workbook/province-labels';
import type { ChartSpec } from '../../src/workbook/spec';
import { buildProvinceWorkbookSpec } from '../../src/workbook/province-spec';
import { renderToBuffer, writeAgencyTemplate } from '../../src/xlsx';
import { setIndicators } from '../helpers/agency-fixture';
import { liveExcel, NOW } from './live-agency';

/** Tổng hợp in the add-in: picked files → consolidation → province workbook with charts, constant syncs. */

const INDEX = indexVersionById('3560-2025')!;
const SHEETS = Object.values(PROVINCE_SHEET_NAMES.vi);

async function agencyFile(unitId: string, name = `bao-cao-${unitId}.xlsx`): Promise<MergeInputFile> {
  const bytes = await writeAgencyTemplate({ plan: QUANG_TRI_2023, index: INDEX, year: 2025, unitId, lang: 'vi', generatedAt: '2025-11-01T00:00:00Z', generator: 'test', todaySerial: dateSerial(2025, 11, 1) });
  return { name, bytes: new Uint8Array(bytes), lastModified: Date.UTC(2025, 10, 15) };
}

describe('mergeFiles', () => {
  let files: MergeInputFile[];
  beforeAll(async () => {
    files = [await agencyFile('BQT'), await agencyFile('PTTH'), { name: 'hong.xlsx', bytes: new Uint8Array([80, 75, 3, 4, 0, 0]) }];
  });

  test('reads each file (a bad one is reported, the others merge) and draws the province workbook, charts included, in 2 syncs', async () => {
    const { fake, ops } = liveExcel();
    const progress: Array<[number, string]> = [];
    const r = await ops.mergeFiles(files, {}, (f, m) => progress.push([f, m]));

    expect(r).toMatchObject({ year: 2025, files: 3, included: 2, excluded: 1, superseded: 0, agencies: 2, charts: 3 });
    expect(r.unreadable).toEqual([{ name: 'hong.xlsx', message: expect.stringMatching(/^Không đọc được tệp: /) }]);
    const bad = r.consolidation.sources.find((s) => s.fileName === 'hong.xlsx')!;
    expect(bad).toMatchObject({ state: 'excluded', code: 'unreadable' });
    // The existing SHA-256 helper, byte for byte what sha256sum prints.
    const bqt = r.consolidation.sources.find((s) => s.fileName === 'bao-cao-BQT.xlsx')!;
    expect(bqt.sha256).toBe(createHash('sha256').update(files[0].bytes).digest('hex'));
    expect(bqt.modifiedAt).toBe('2025-11-15T00:00:00.000Z');

    // Render: inspect, then one request that writes and draws the charts, all the Excel work of the merge.
    expect(r.syncs).toBe(2);
    expect(fake.syncCount).toBe(2);
    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
    expect(r.sheetsCreated).toEqual(SHEETS);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', ...SHEETS]);
    expect(fake.model.sheet('_PressDX')!.visibility).toBe('Hidden');
    expect(fake.model.activeSheet?.name).toBe('Báo cáo');

    expect(progress.at(-1)?.[0]).toBe(1);
    expect(progress.map(([f]) => f)).toEqual([...progress.map(([f]) => f)].sort((a, b) => a - b));
    expect(progress.map(([, m]) => m)).toEqual(expect.arrayContaining(['Đang đọc tệp 1/3: bao-cao-BQT.xlsx…', 'Đang tổng hợp số liệu…']));
  });

  test('charts: target values as columns with the threshold as a line, over the target codes; sheets protected again', async () => {
    const { fake, ops } = liveExcel();
    await ops.mergeFiles(files, {}, () => undefined);
    const targets = fake.model.requireSheet('Tổng hợp mục tiêu');
    const t = fake.model.table('tblTHMucTieu')!;
    const col = (header: string) => t.rect.left + t.columnNames.indexOf(header);
    expect(targets.charts).toHaveLength(1);
    const chart = targets.charts[0];
    expect(chart).toMatchObject({ type: 'ColumnClustered', title: { text: 'Giá trị toàn tỉnh so với mục tiêu', visible: true }, legend: { position: 'Bottom' }, valueAxis: { numberFormat: '0.0%' } });
    const body = { top: t.rect.top + 1, rows: t.rect.rows - 1, cols: 1 };
    expect(chart.series).toEqual([
      { name: 'Giá trị toàn tỉnh', values: { sheet: targets.name, rect: { ...body, left: col('Giá trị toàn tỉnh') } }, xValues: { sheet: targets.name, rect: { ...body, left: col('Mã') } }, chartType: null },
      { name: 'Ngưỡng', values: { sheet: targets.name, rect: { ...body, left: col('Ngưỡng') } }, xValues: { sheet: targets.name, rect: { ...body, left: col('Mã') } }, chartType: 'LineMarkers' },
    ]);
    // Below the table, as the spec anchors it.
    expect(chart.position?.from).toMatch(/^B\d+$/);
    expect(Number(chart.position?.from.slice(1))).toBeGreaterThan(t.rect.top + t.rect.rows);
    const index = fake.model.requireSheet('Tổng hợp chỉ số');
    expect(index.charts.map((c) => [c.type, c.title.text, c.series.length])).toEqual([
      ['ColumnClustered', 'Tổng điểm tự đánh giá', 1],
      ['Radar', 'Điểm theo trụ cột của từng cơ quan báo chí', 2],
    ]);
    for (const s of [targets, index]) expect(s.protection.protected).toBe(true);
  });

  test('radar: the 5 pillars as categories, one series per included press agency over its row of tblTHChiSo', async () => {
    const { fake, ops } = liveExcel();
    const r = await ops.mergeFiles(files, {}, () => undefined);
    const index = fake.model.requireSheet('Tổng hợp chỉ số');
    const t = fake.model.table('tblTHChiSo')!;
    const radar = index.charts.find((c) => c.type === 'Radar')!;
    expect(radar).toMatchObject({ title: { text: 'Điểm theo trụ cột của từng cơ quan báo chí', visible: true }, legend: { position: 'Bottom' }, valueAxis: { numberFormat: '0.00' } });
    const pillars = r.consolidation.index.pillars.map((p) => `${p.name} (${p.maxPoints})`);
    expect(pillars).toHaveLength(5);
    const first = t.rect.left + t.columnNames.indexOf(pillars[0]);
    expect(t.columnNames.slice(first - t.rect.left, first - t.rect.left + 5)).toEqual(pillars);
    const included = r.consolidation.indexRows.map((x, i) => ({ ...x, top: t.rect.top + 1 + i })).filter((x) => x.reported);
    expect(included.map((x) => x.unitId)).toEqual(['BQT', 'PTTH']);
    expect(radar.series).toEqual(
      included.map((x) => ({
        name: x.unitName,
        values: { sheet: index.name, rect: { top: x.top, left: first, rows: 1, cols: 5 } },
        xValues: { sheet: index.name, rect: { top: t.rect.top, left: first, rows: 1, cols: 5 } },
        chartType: null,
      })),
    );
    // The series read the agency's pillar points as the table holds them.
    for (const x of included) {
      const values = Array.from({ length: 5 }, (_v, j) => index.cell(x.top, first + j).value);
      expect(values).toEqual(x.pillarPoints);
    }
  });

  test('below ExcelApi 1.8 the radar is still drawn, without the axis number format', async () => {
    const { fake, ops } = liveExcel();
    const r = await ops.mergeFiles(files, {}, () => undefined);
    const spec = buildProvinceWorkbookSpec(r.consolidation);
    const radar = spec.charts!.filter((c) => c.type === 'radar');
    const only17 = (set: string, version: string) => set === 'ExcelApi' && Number(version) <= 1.7;
    const redraw = (charts: ChartSpec[], isSetSupported: typeof only17) => fake.run((context) => renderWorkbookSpec(context, { ...spec, charts }, { replaceExisting: true, isSetSupported, lang: 'vi' }));
    expect(await redraw(radar, only17)).toMatchObject({ syncs: 2, charts: 1 });
    const drawn = fake.model.requireSheet('Tổng hợp chỉ số').charts.at(-1)!;
    expect(drawn).toMatchObject({ type: 'Radar', valueAxis: { numberFormat: 'General' } });
    expect(drawn.series).toHaveLength(2);
    const none = (set: string, version: string) => set === 'ExcelApi' && Number(version) <= 1.6;
    expect(await redraw(radar, none)).toMatchObject({ syncs: 2, charts: 0 });
    expect(fake.model.requireSheet('Tổng hợp chỉ số').charts).toHaveLength(0);
  });

  test('a radar chart of one agency’s pillar profile (a table row) draws as one series over the pillar headers', async () => {
    const { fake, ops } = liveExcel();
    const r = await ops.mergeFiles(files, {}, () => undefined);
    const spec = buildProvinceWorkbookSpec(r.consolidation);
    const t = fake.model.table('tblTHChiSo')!;
    const header = t.rect.top + 1;
    const radar: ChartSpec = {
      type: 'radar', sheetKey: 'index', title: 'Hồ sơ trụ cột', anchor: { row: 30, col: 2, widthCols: 6, heightRows: 15 },
      categoriesRef: `'Tổng hợp chỉ số'!$D$${header}:$H$${header}`, valuesRef: `'Tổng hợp chỉ số'!$D$${header + 1}:$H$${header + 1}`, valuesName: 'Báo Quảng Trị',
    };
    const drawn = await fake.run((context) => renderWorkbookSpec(context, { ...spec, charts: [radar] }, { replaceExisting: true, isSetSupported: fake.isSetSupported, lang: 'vi' }));
    expect(drawn).toMatchObject({ syncs: 2, charts: 1 });
    const chart = fake.model.requireSheet('Tổng hợp chỉ số').charts.at(-1)!;
    expect(chart).toMatchObject({ type: 'Radar', title: { text: 'Hồ sơ trụ cột' }, position: { from: 'B30', to: 'G44' } });
    expect(chart.series).toEqual([
      { name: 'Báo Quảng Trị', values: { sheet: 'Tổng hợp chỉ số', rect: { top: header, left: 3, rows: 1, cols: 5 } }, xValues: { sheet: 'Tổng hợp chỉ số', rect: { top: header - 1, left: 3, rows: 1, cols: 5 } }, chartType: null },
    ]);
  });

  test('the same replace rules as the template: asks first, replaces on request', async () => {
    const { fake, ops } = liveExcel();
    await ops.mergeFiles(files, {}, () => undefined);
    await expect(ops.mergeFiles(files, {}, () => undefined)).rejects.toBeInstanceOf(PressdxSheetsExistError);
    const again = await ops.mergeFiles(files, { replaceExisting: true }, () => undefined);
    expect(again.sheetsReplaced).toEqual(SHEETS);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', ...SHEETS]);
    expect(fake.model.sheets.flatMap((s) => s.charts)).toHaveLength(3);
  });

  test("last year's province workbook feeds the change column; an unreadable one is reported, not fatal", async () => {
    const c2024 = consolidate([], { plan: QUANG_TRI_2023, indexVersions: INDEX_VERSIONS, year: 2024, reportDate: dateSerial(2024, 12, 1) });
    const previous = new Uint8Array(await renderToBuffer(buildProvinceWorkbookSpec(c2024)));
    const ok = await liveExcel().ops.mergeFiles(files, { previous, previousName: 'tong-hop-2024.xlsx' }, () => undefined);
    expect(ok.previous).toEqual({ year: 2024 });
    expect(ok.consolidation.previousYear).toBe(2024);
    const broken = await liveExcel().ops.mergeFiles(files, { previous: new Uint8Array([1, 2, 3]) }, () => undefined);
    expect(broken.previous).toEqual({ error: expect.stringMatching(/^Không đọc được tệp/) });
    const agency = await liveExcel().ops.mergeFiles(files, { previous: files[0].bytes }, () => undefined);
    expect(agency.previous).toEqual({ error: expect.stringMatching(/Không phải bảng tổng hợp của tỉnh/) });
    expect(agency.included).toBe(2);
  });

  test('the year: as given, else what most files declare', async () => {
    const r = await liveExcel().ops.mergeFiles(files, { year: 2026 }, () => undefined);
    expect(r.year).toBe(2026);
    // The 2025 files are then of another year.
    expect(r.included).toBe(0);
    expect(commonYear([])).toBeUndefined();
  });

  test('needs ExcelApi 1.8, like the template', async () => {
    const { fake, ops } = liveExcel({ maxExcelApi: '1.7' });
    await expect(ops.mergeFiles(files, {}, () => undefined)).rejects.toBeInstanceOf(RequirementSetError);
    expect(fake.syncCount).toBe(0);
  });
});

describe('writeProvinceWorkbook', () => {
  /** The plan with `n` press agencies (the real three and invented ones), each with a submitted file. */
  function consolidationOf(n: number): Consolidation {
    const extra = Array.from({ length: Math.max(0, n - 3) }, (_, i) => ({ id: `CQ${i + 4}`, name: `Cơ quan báo chí số ${i + 4}`, aliases: [], type: 'Báo', group: 'press' as const }));
    const plan: Plan = { ...QUANG_TRI_2023, units: [...QUANG_TRI_2023.units, ...extra] };
    const press = plan.units.filter((u) => u.group === 'press');
    expect(press).toHaveLength(n);
    const subs: Submission[] = press.map((u) => {
      const tables = templateTables({ plan, index: INDEX, year: 2025, unitId: u.id, lang: 'vi', generatedAt: NOW.toISOString(), generator: 'test' });
      // Reported indicators (blank ones would list all 30 agencies in one cell; see the note on row heights).
      setIndicators(tables, { CT1: 'Có', CT1a: 4, CT1b: 3, CT2: 'Không', CT3: 'Có', CT4a: 2, CT4b: 1, CT5a: 10000, CT5b: 12000, CT6a: 80, CT6b: 60, CT7: 3 });
      return { fileName: `${u.id}.xlsx`, sha256: sha256Hex(u.id), sizeBytes: 1000, read: { ok: true, data: { tables } } };
    });
    const c = consolidate(subs, { plan, indexVersions: INDEX_VERSIONS, year: 2025, reportDate: dateSerial(2025, 12, 1) });
    expect(c.agencies).toHaveLength(n);
    return c;
  }

  test('a constant number of syncs for 3 or 30 agencies', async () => {
    const results = [];
    for (const n of [3, 30]) {
      const { fake, ops } = liveExcel();
      const r = await ops.writeProvinceWorkbook(consolidationOf(n), {});
      expect(fake.model.table('tblTHChiSo')!.rect.rows - 1).toBe(n);
      expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
      const radar = fake.model.requireSheet('Tổng hợp chỉ số').charts.find((c) => c.type === 'Radar')!;
      results.push({ syncs: r.syncs, counted: fake.syncCount, charts: r.charts, radarSeries: radar.series.length, categories: new Set(radar.series.map((x) => x.xValues?.rect.cols)) });
    }
    // One radar series per agency (all submitted), over the 5 pillars, in the same 2 syncs.
    expect(results).toEqual([
      { syncs: 2, counted: 2, charts: 3, radarSeries: 3, categories: new Set([5]) },
      { syncs: 2, counted: 2, charts: 3, radarSeries: 30, categories: new Set([5]) },
    ]);
  });

  test('past the 5 MB budget the render chunks, and the charts still come', async () => {
    const { fake } = liveExcel();
    const small = makeOperations(fake.run, fake.isSetSupported, { requestBudgetBytes: 50_000 });
    const r = await small.writeProvinceWorkbook(consolidationOf(30), {});
    expect(r.syncs).toBeGreaterThan(3);
    expect(r.charts).toBe(3);
    expect(fake.syncs.every((s) => s.requestBytes <= 50_000)).toBe(true);
  });
});

describe('loading ExcelJS lazily', () => {
  test('the Office adapter never imports ExcelJS or the xlsx reader statically', () => {
    for (const file of ['merge.ts', 'operations.ts', 'check.ts', 'fill.ts', 'fixes.ts', 'highlight.ts', 'navigate.ts', 'protection.ts']) {
      const text = readFileSync(join(__dirname, '../../src/office', file), 'utf8');
      expect(text).not.toMatch(/^import[^;]*from '(exceljs|\.\.\/xlsx[^']*)'/m);
    }
    expect(readFileSync(join(__dirname, '../../src/office/merge.ts'), 'utf8')).toMatch(/await import\('\.\.\/xlsx\/read-file'\)/);
  });
});

describe('the fake’s charts fail where Excel fails', () => {
  const codeOf = (p: Promise<unknown>) => p.then(() => undefined, (e: { code?: string }) => e.code);

  test('no chart on a protected sheet without allowEditObjects; series editing needs ExcelApi 1.7; radar cannot mix types', async () => {
    const { fake } = liveExcel();
    fake.model.write(fake.model.requireSheet('Sheet1'), { top: 0, left: 0, rows: 3, cols: 2 }, [['a', 1], ['b', 2], ['c', 3]], 'test');
    fake.model.protect(fake.model.requireSheet('Sheet1'), {}, null);
    const add = (type: string) =>
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Sheet1');
        ws.charts.add(type as Excel.ChartType, ws.getRange('B1:B3'), 'Columns');
        await context.sync();
      });
    expect(await codeOf(add('ColumnClustered'))).toBe('AccessDenied');
    fake.model.unprotect(fake.model.requireSheet('Sheet1'), null);
    expect(await codeOf(add('Bubble3D'))).toBe('InvalidArgument');
    await add('Radar');
    expect(
      await codeOf(
        fake.run(async (context) => {
          const chart = context.workbook.worksheets.getItem('Sheet1').charts.getItem('Chart 1');
          chart.series.getItemAt(0).chartType = 'LineMarkers';
          await context.sync();
        }),
      ),
    ).toBe('InvalidOperation');
    const old = liveExcel({ maxExcelApi: '1.6' });
    old.fake.model.write(old.fake.model.requireSheet('Sheet1'), { top: 0, left: 0, rows: 2, cols: 1 }, [[1], [2]], 'test');
    expect(
      await codeOf(
        old.fake.run(async (context) => {
          const ws = context.workbook.worksheets.getItem('Sheet1');
          const chart = ws.charts.add('ColumnClustered', ws.getRange('A1:A2'), 'Columns');
          chart.series.getItemAt(0).setXAxisValues(ws.getRange('A1:A2'));
          await context.sync();
        }),
      ),
    ).toBe('ApiNotFound');
  });
});
