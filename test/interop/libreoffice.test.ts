/**
 * The workbook's formulas against the TypeScript engine, with LibreOffice as the spreadsheet:
 * generate a template with the CLI, type entries into it, let LibreOffice recalculate, read the
 * results back and require every calculated cell to equal what computeAgencyResults computes
 * from the entries read back. Skipped (loudly) where LibreOffice is not installed; CI installs it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { main } from '../../src/cli/main';
import { computeAgencyResults, type AgencyResults } from '../../src/domain/calculate';
import { dateSerial, type Scalar } from '../../src/domain/values';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { toAgencyTables, type ReadAgencyTables } from '../../src/workbook/read';
import type { NamedCell } from '../../src/workbook/fill';
import { cellAddress } from '../../src/workbook/a1';
import { typeAgencyInputs } from '../../src/xlsx/fill';
import type { AgencyInputs } from '../../src/xlsx/inputs';
import { patchWorkbookCells } from '../../src/xlsx/patch';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { recordingIO } from '../cli/recording-io';
import { findSoffice, startLibreOffice, type LibreOffice } from '../helpers/libreoffice';
import { cellNumber, errorCells, worksheets, xmlParts } from '../helpers/xlsx-xml';
import { columnNumber } from '../../src/workbook/a1';

const soffice = findSoffice();
if (!soffice) {
  console.warn(
    '\n' + '!'.repeat(78) + '\n' +
      '!!  LibreOffice (soffice) NOT FOUND: test/interop/libreoffice.test.ts is SKIPPED.\n' +
      '!!  The workbook formulas are NOT being checked against the engine.\n' +
      '!!  Install LibreOffice (apt-get install libreoffice-calc) or set PRESSDX_SOFFICE.\n' +
      '!'.repeat(78) + '\n',
  );
}
const describeWithLibreOffice = soffice ? describe : describe.skip;

// CI sets PRESSDX_REQUIRE_LIBREOFFICE=1 so a missing LibreOffice fails the run instead of skipping it.
if (!soffice && process.env.PRESSDX_REQUIRE_LIBREOFFICE === '1') {
  it('LibreOffice is installed (PRESSDX_REQUIRE_LIBREOFFICE=1)', () => {
    expect(findSoffice()).toBeDefined();
  });
}

const plan = QUANG_TRI_2023;
const YEAR = 2025;

interface Scenario {
  name: string;
  /** Passed to `pressdx template --unit`; otherwise the unit is typed into the file. */
  templateUnit?: string;
  info: Record<string, Scalar>;
  indicators: Record<string, Scalar>;
  tasks: Record<number, { status?: Scalar; progress?: Scalar; result?: Scalar }>;
  /** Self-assessed points, one per tblChiSo row (one row per pillar without a catalogue). */
  points: Scalar[];
  expect: (r: AgencyResults) => void;
}

const statusByCode = (r: AgencyResults) => Object.fromEntries(r.targets.map((t) => [t.code, t.status]));

const SCENARIOS: Scenario[] = [
  {
    name: 'press-complete',
    templateUnit: 'BQT',
    info: { periodFrom: dateSerial(YEAR, 1, 1), periodTo: dateSerial(YEAR, 10, 31), preparer: 'Nguyễn Văn An', phone: '0233 3852 123', email: 'an@baoquangtri.vn', submittedOn: dateSerial(YEAR, 11, 20) },
    // CT3 typed in lower case: Excel compares text without case, and so must the engine.
    indicators: { CT1: 'Có', CT1a: 4, CT1b: 3, CT2: 'Không', CT3: 'có', CT4a: 0, CT4b: 0, CT5a: 100, CT5b: 120, CT6a: 80, CT6b: 60, CT7: 3 },
    tasks: { 1: { status: 'Hoàn thành', progress: 1, result: 'Đã ra mắt ứng dụng' }, 2: { status: 'Đang thực hiện', progress: 0.5 }, 3: { status: 'Đang thực hiện' }, 4: { status: 'Tạm dừng' }, 5: { status: 'Chưa thực hiện' }, 6: { status: 'Đang thực hiện', progress: 0.7 }, 8: { status: 'Đang thực hiện' } },
    // 17.5 + 20.25 + 12.25 + 20 + 0 = 70: exactly the lower bound of "Tốt".
    points: [17.5, 20.25, 12.25, 20, 0],
    expect: (r) => {
      expect(statusByCode(r)).toEqual({
        'MT25-1': 'Đạt', 'MT25-2': 'Chưa đạt', 'MT25-3': 'Đạt', 'MT25-4': 'Không áp dụng', 'MT25-5': 'Đạt', 'MT25-6': 'Chưa đạt', 'MT25-7': 'Đạt',
        'MT30-1': 'Đạt', 'MT30-2': 'Chưa đạt', 'MT30-3': 'Đạt', 'MT30-4': 'Đạt',
      });
      expect(r.targets.find((t) => t.code === 'MT25-5')?.unitResult).toBeCloseTo(0.2, 12);
      expect(r.targets.find((t) => t.code === 'MT25-4')?.unitResult).toBe('');
      expect(r.tasks.map((t) => t.role)).toEqual(['Chủ trì', 'Phối hợp', '', 'Phối hợp', 'Phối hợp', 'Chủ trì', '', 'Chủ trì']);
      expect(r.tasks.map((t) => t.timeliness)).toEqual(['Hoàn thành', 'Trong hạn', '', 'Trong hạn', 'Trong hạn', 'Trong hạn', '', 'Chưa có thời hạn']);
      expect(r.total).toBe(70);
      expect(r.level).toBe('Tốt');
      expect(r.unitType).toBe('Báo');
    },
  },
  {
    name: 'press-incomplete',
    info: { unit: 'Đài Phát thanh - Truyền hình tỉnh', submittedOn: dateSerial(YEAR, 11, 24) },
    // CT6b typed as text ("numbers stored as text"): not a number to Excel, nor to the engine.
    indicators: { CT1: null, CT2: 'Có', CT3: 'Không', CT4a: 3, CT4b: 2, CT5a: 0, CT5b: 50, CT6a: 40, CT6b: '40', CT7: 2 },
    tasks: { 6: { status: 'Hoàn thành' } },
    // "15" as text and 99 above the maximum of 15 do not count.
    points: [10, 24, '15', null, 99],
    expect: (r) => {
      expect(statusByCode(r)).toMatchObject({ 'MT25-1': 'Chưa có số liệu', 'MT25-2': 'Đạt', 'MT25-3': 'Chưa đạt', 'MT25-4': 'Đạt', 'MT25-5': 'Không áp dụng', 'MT25-6': 'Chưa có số liệu', 'MT25-7': 'Chưa đạt' });
      expect(r.level).toBe('Chưa hoàn thành (2/5)');
      expect(r.total).toBe(34);
      expect(r.unitType).toBe('Phát thanh - Truyền hình');
    },
  },
  {
    name: 'press-decimals',
    templateUnit: 'TCCV',
    info: { periodFrom: dateSerial(YEAR, 1, 1), periodTo: dateSerial(YEAR, 10, 31), submittedOn: dateSerial(YEAR, 11, 21) },
    // Decimals whose binary arithmetic misses the boundary: 130.2 × 100 = 13019.999999999998 < 108.5 × 120,
    // and 2.3 + 16.4 + 4.2 + 20.7 + 6.4 sums to 49.99999999999999 left to right. Spreadsheets call both exact.
    indicators: { CT1: 'Có', CT2: 'Có', CT3: 'Có', CT4a: 3, CT4b: 1.5, CT5a: 108.5, CT5b: 130.2, CT6a: 0.3, CT6b: 0.1, CT7: 4 },
    tasks: { 1: { status: 'Đang thực hiện', progress: 0.125 } },
    points: [2.3, 16.4, 4.2, 20.7, 6.4],
    expect: (r) => {
      expect(statusByCode(r)).toMatchObject({ 'MT25-4': 'Đạt', 'MT25-5': 'Đạt', 'MT25-6': 'Chưa đạt', 'MT30-4': 'Đạt' });
      expect(r.total).toBeCloseTo(50, 12);
      expect(r.level).toBe('Trung bình');
    },
  },
  {
    name: 'text-entries',
    templateUnit: 'BQT',
    info: { periodFrom: dateSerial(YEAR, 1, 1), periodTo: dateSerial(YEAR, 10, 31), submittedOn: dateSerial(YEAR, 11, 20) },
    indicators: { CT1: 'Có', CT1a: 4, CT1b: 3, CT2: 'Không', CT3: 'Có', CT4a: 0, CT4b: 0, CT5a: 100, CT5b: 120, CT6a: 80, CT6b: 60, CT7: 3 },
    tasks: { 1: { status: 'Hoàn thành', progress: '100%' }, 2: { status: 'Đang thực hiện', progress: '0,5' } },
    // "14,5" pasted as text: Excel's and LibreOffice's SUM skip it, so the total is 58.5, not 73,
    // and the level waits for the fifth row; the engine (and so Kiểm tra) must say the same.
    points: ['14,5', 17, 15, 16.5, 10],
    expect: (r) => {
      expect(r.validPoints[0]).toBe('');
      expect(r.total).toBe(58.5);
      expect(r.level).toBe('Chưa hoàn thành (4/5)');
    },
  },
  {
    name: 'management',
    templateUnit: 'Sở Thông tin và Truyền thông',
    // Submitted after the 2025 deadlines, so unfinished dated tasks are overdue.
    info: { periodFrom: dateSerial(YEAR, 1, 1), periodTo: dateSerial(YEAR, 12, 31), submittedOn: dateSerial(YEAR + 1, 1, 15) },
    indicators: { CT1: 'Có', CT4a: 2, CT4b: 2 },
    tasks: { 2: { status: 'Đang thực hiện', progress: 0.8 }, 3: { status: 'Chưa thực hiện' }, 4: { status: 'Hoàn thành', progress: 1 }, 7: { status: 'Đang thực hiện' }, 8: { status: 'Đang thực hiện' } },
    // 18 + 24 + 20 + 23 + 5 = 90: exactly the lower bound of "Xuất sắc" (1827/3560 thresholds).
    points: [18, 24, 20, 23, 5],
    expect: (r) => {
      expect(new Set(r.targets.map((t) => t.status))).toEqual(new Set(['Không áp dụng']));
      expect(r.tasks.map((t) => t.role)).toEqual(['Phối hợp', 'Chủ trì', 'Chủ trì', 'Chủ trì', 'Chủ trì', 'Phối hợp', 'Chủ trì', 'Phối hợp']);
      expect(r.tasks.map((t) => t.timeliness)).toEqual(['Quá hạn', 'Quá hạn', 'Chưa có thời hạn', 'Hoàn thành', 'Quá hạn', 'Quá hạn', 'Quá hạn', 'Chưa có thời hạn']);
      expect(r.level).toBe('Xuất sắc');
    },
  },
];

const PROBES = [
  { formula: 'ROWS(lstDonVi)', expected: plan.units.length },
  { formula: 'ROWS(lstCoKhong)', expected: 2 },
  { formula: 'ROWS(lstTrangThai)', expected: 4 },
];
const PROBE_COL = 40;

/** Types the scenario's entries into the template's input cells, found by table name and row identity, as a user would. */
function fill(template: Uint8Array, s: Scenario): Uint8Array {
  const read = toAgencyTables(readWorkbookBytes(template).tables);
  const criteria = (read.tables.tblChiSo ?? []).map((r) => String(r.code));
  const inputs: AgencyInputs = {
    tblThongTin: Object.fromEntries(Object.entries(s.info).map(([key, v]) => [key, { value: v }])),
    tblChiTieu: Object.fromEntries(Object.entries(s.indicators).map(([code, v]) => [code, { value: v }])),
    tblNhiemVu: Object.fromEntries(Object.entries(s.tasks).map(([no, t]) => [no, Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v ?? null]))])),
    tblChiSo: Object.fromEntries(s.points.map((p, i) => [criteria[i], { selfPoints: p }])),
  };
  const typed = typeAgencyInputs(template, inputs);

  // Probes beside the lists: each dropdown's source must resolve to the whole list in LibreOffice.
  const lists = read.snapshots.tblDonVi?.sheetName;
  if (!lists) throw new Error('lists sheet not found');
  const probes = PROBES.map((p, i) => ({ sheet: lists, address: cellAddress(1 + i, PROBE_COL), formula: p.formula, value: 0 }));
  return patchWorkbookCells(typed, readWorkbookBytes(typed).file, probes);
}

interface Comparison {
  where: string;
  workbook: Scalar;
  engine: Scalar;
  formula: string | null;
}

function same(a: Scalar, b: Scalar): boolean {
  const blank = (v: Scalar) => v === null || v === '';
  if (blank(a) && blank(b)) return true;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9;
  return a === b;
}

/** Every calculated cell of the read workbook beside the engine's value for it. */
function comparisons(read: ReadAgencyTables, named: Partial<Record<string, NamedCell>>, engine: AgencyResults): Comparison[] {
  const out: Comparison[] = [];
  const col = (table: keyof ReadAgencyTables['tables'], key: string) => (read.tables[table] ?? []).map((r, i) => ({ value: r[key] ?? null, formula: read.formulas[table]?.[i]?.[key] ?? null }));
  const add = (where: string, cell: { value: Scalar; formula: string | null } | undefined, e: Scalar) => out.push({ where, workbook: cell?.value ?? null, formula: cell?.formula ?? null, engine: e });

  const infoRow = (read.tables.tblThongTin ?? []).findIndex((r) => r.key === 'unitType');
  add('tblThongTin.unitType', col('tblThongTin', 'value')[infoRow], engine.unitType);
  engine.targets.forEach((t, i) => {
    add(`tblMucTieu[${t.code}].unitResult`, col('tblMucTieu', 'unitResult')[i], t.unitResult);
    add(`tblMucTieu[${t.code}].status`, col('tblMucTieu', 'status')[i], t.status);
  });
  engine.tasks.forEach((t, i) => {
    add(`tblNhiemVu[${String(t.no)}].role`, col('tblNhiemVu', 'role')[i], t.role);
    add(`tblNhiemVu[${String(t.no)}].due`, col('tblNhiemVu', 'due')[i], t.due);
    add(`tblNhiemVu[${String(t.no)}].timeliness`, col('tblNhiemVu', 'timeliness')[i], t.timeliness);
  });
  engine.validPoints.forEach((v, i) => add(`tblChiSo[${i + 1}].validPoints`, col('tblChiSo', 'validPoints')[i], v));
  engine.unitNames.forEach((v, i) => add(`tblPhanCong[${i + 1}].unitName`, col('tblPhanCong', 'unitName')[i], v));
  engine.pillars.forEach((p, i) => {
    add(`tblTruCot[${i + 1}].points`, col('tblTruCot', 'points')[i], p.points);
    add(`tblTruCot[${i + 1}].percent`, col('tblTruCot', 'percent')[i], p.percent);
  });
  add('TongDiem', named.TongDiem, engine.total);
  add('MucDo', named.MucDo, engine.level);
  return out;
}

/** Sheet name → worksheet part, from workbook.xml and its relationships. */
function sheetParts(zip: Record<string, string>): Map<string, string> {
  const wb = (zip['xl/workbook.xml'] ?? '');
  const rels = (zip['xl/_rels/workbook.xml.rels'] ?? '');
  const targets = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [m[0].match(/Id="([^"]+)"/)?.[1] ?? '', m[0].match(/Target="([^"]+)"/)?.[1] ?? '']));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = m[0].match(/name="([^"]+)"/)?.[1] ?? '';
    const target = targets.get(m[0].match(/r:id="([^"]+)"/)?.[1] ?? '') ?? '';
    out.set(name, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return out;
}


/** Per sheet: "type formula1" → number of cells it covers. */
function validationCoverage(xlsx: Uint8Array): Record<string, Record<string, number>> {
  const zip = xmlParts(xlsx);
  const out: Record<string, Record<string, number>> = {};
  for (const [sheet, part] of sheetParts(zip)) {
    const xml = (zip[part] ?? '');
    const counts: Record<string, number> = {};
    for (const m of xml.matchAll(/<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)) {
      const type = m[1].match(/\stype="([^"]+)"/)?.[1] ?? 'any';
      const f1 = type === 'list' ? (m[2]?.match(/<formula1>([^<]*)<\/formula1>/)?.[1] ?? '') : '';
      const key = `${type} ${f1}`.trim();
      for (const ref of (m[1].match(/\ssqref="([^"]+)"/)?.[1] ?? '').split(/\s+/)) {
        const r = ref.match(/^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/);
        if (!r) continue;
        const n = (Math.abs(columnNumber(r[3] ?? r[1]) - columnNumber(r[1])) + 1) * (Math.abs(Number(r[4] ?? r[2]) - Number(r[2])) + 1);
        counts[key] = (counts[key] ?? 0) + n;
      }
    }
    out[sheet] = counts;
  }
  return out;
}

describeWithLibreOffice('LibreOffice recalculation agrees with the engine', () => {
  let lo: LibreOffice;
  let dir: string;
  const filled: Uint8Array[] = [];
  let converted: Buffer[] = [];
  let conversionMs = 0;

  beforeAll(async () => {
    lo = startLibreOffice(soffice ?? '');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressdx-interop-'));
    for (const s of SCENARIOS) {
      const io = recordingIO(dir);
      const args = ['template', '--out', `${s.name}.xlsx`, '--year', String(YEAR), ...(s.templateUnit ? ['--unit', s.templateUnit] : [])];
      const code = await main(args, io);
      if (code !== 0) throw new Error(`pressdx ${args.join(' ')} → ${code}: ${io.err.join('')}`);
      filled.push(fill(fs.readFileSync(path.join(dir, `${s.name}.xlsx`)), s));
    }
    const started = performance.now();
    // One LibreOffice process converts all files, one after another.
    converted = await lo.recalculate(SCENARIOS.map((s, i) => ({ name: s.name, data: Buffer.from(filled[i]) })), 100_000);
    conversionMs = performance.now() - started;
    console.info(`LibreOffice recalculated ${SCENARIOS.length} workbooks in ${Math.round(conversionMs)} ms`);
  }, 150_000);

  afterAll(() => {
    lo?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe.each(SCENARIOS.map((s, i) => [s.name, i] as const))('%s', (_name, i) => {
    const s = SCENARIOS[i];
    let named: Partial<Record<string, NamedCell>>;
    let read: ReadAgencyTables;
    let engine: AgencyResults;

    beforeAll(() => {
      const content = readWorkbookBytes(converted[i]);
      named = content.namedCells;
      read = toAgencyTables(content.tables);
      engine = computeAgencyResults(read.tables, plan, dateSerial(YEAR, 11, 1));
    });

    it('keeps every table and column', () => {
      expect(read.missingTables).toEqual([]);
      expect(read.missingColumns).toEqual([]);
    });

    it('reads back the entries that were typed', () => {
      for (const [code, v] of Object.entries(s.indicators)) expect([code, read.tables.tblChiTieu?.find((r) => r.code === code)?.value ?? null]).toEqual([code, v]);
      expect(read.tables.tblChiSo?.map((r) => r.selfPoints ?? null)).toEqual(s.points);
    });

    it('means what the scenario intends (engine on the entries read back)', () => {
      s.expect(engine);
    });

    it('every calculated cell equals the engine, and still holds its formula', () => {
      const all = comparisons(read, named, engine);
      expect(all.length).toBe(1 + 2 * 11 + 3 * 8 + 5 + (read.tables.tblPhanCong?.length ?? 0) + 2 * 5 + 2);
      const mismatches = all.filter((c) => !same(c.workbook, c.engine));
      expect(mismatches).toEqual([]);
      expect(all.filter((c) => c.formula === null).map((c) => c.where)).toEqual([]);
    });

    it('holds no error value in any cell', () => {
      expect(errorCells(converted[i])).toEqual([]);
    });

    it('resolves every dropdown source (workbook names over table columns)', () => {
      const lists = worksheets(converted[i]).find((w) => w.name === read.snapshots.tblDonVi?.sheetName);
      expect(lists).toBeDefined();
      expect(PROBES.map((p, j) => cellNumber(lists!, cellAddress(1 + j, PROBE_COL)))).toEqual(PROBES.map((p) => p.expected));
    });

    it('keeps the data validations', async () => {
      const before = await validationCoverage(filled[i]);
      const after = await validationCoverage(converted[i]);
      expect(Object.values(before).reduce((n, c) => n + Object.keys(c).length, 0)).toBeGreaterThan(0);
      expect(after).toEqual(before);
    });
  });

  it('converts within the time budget', () => {
    expect(conversionMs).toBeLessThan(90_000);
  });
});
