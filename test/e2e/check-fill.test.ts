/**
 * check → fill → check on a realistic BAD agency entry set, end to end through the CLI: check
 * lists exactly the planted problems, fill restores the formulas typed over (and nothing else
 * changes on a second run), and LibreOffice, recalculating the filled file on its own, arrives at
 * the numbers `check --json` reports.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CheckJson } from '../../src/cli/commands/check';
import { dateSerial, formatSerial, type Scalar } from '../../src/domain/values';
import { toAgencyTables } from '../../src/workbook/read';
import { INPUT_COLUMNS, type AgencyInputs } from '../../src/xlsx/inputs';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { startLibreOffice, type LibreOffice } from '../helpers/libreoffice';
import { packageExtras } from '../helpers/xlsx-xml';
import { agencyWorkbook, cli, cliJson, errorCells, libreOfficeFor, same, sha256File, tempDir } from './helpers';

const YEAR = 2025;
const soffice = libreOfficeFor('test/e2e/check-fill.test.ts (LibreOffice part)');
const withLibreOffice = soffice ? it : it.skip;

const INJECT = '=HYPERLINK("http://x.example","Bấm")';

/** A Báo Quảng Trị report with the mistakes officials really make. */
const BAD: AgencyInputs = {
  tblThongTin: {
    periodFrom: { value: dateSerial(YEAR, 1, 1) },
    periodTo: { value: dateSerial(YEAR, 10, 31) },
    preparer: { value: 'Nguyễn Văn An' },
    phone: { value: '0233 3852 123' },
    email: { value: 'an@bqt.example.vn' },
    submittedOn: { value: '25/11/2025' }, // a date typed as text
  },
  tblChiTieu: {
    CT1: { value: 'Có' },
    CT1a: { value: 4 },
    CT1b: { value: 2 },
    CT2: { value: 'Không' },
    CT3: { value: 'có' }, // lower-case Có
    CT4a: { value: 2 },
    CT4b: { value: 3 }, // more upgraded sites than sites
    CT5a: { value: 9850 },
    CT5b: { value: '12.150,5' }, // decimal comma and thousands dot, as text
    CT6a: { value: 78 },
    CT6b: { value: -5 }, // negative
    CT7: { value: null }, // required, left blank
  },
  tblNhiemVu: {
    1: { status: 'Hoàn thành', progress: 80, result: 'Ra mắt ứng dụng di động', evidence: INJECT }, // done at 80%
    2: { status: 'Đang thực hiện', progress: 70, result: 'Cử 24 phóng viên dự tập huấn' },
    4: { status: 'Đang thực hiện', progress: 60 },
    5: { status: 'Hoàn thành', progress: 100 },
    6: { status: 'Đang thực hiện', progress: 50 },
    8: { status: 'Đang thực hiện', progress: 30 },
  },
  tblChiSo: {
    TC1: { selfPoints: 14.5, evidence: 'Kế hoạch chuyển đổi số' },
    TC2: { selfPoints: 30, evidence: 'Hồ sơ hạ tầng' }, // over the maximum of 24
    TC3: { selfPoints: 15, evidence: 'Quyết định tòa soạn hội tụ' },
    TC4: { selfPoints: 16.5, evidence: 'Số liệu độc giả' },
    TC5: { selfPoints: 10, evidence: 'Báo cáo ứng dụng công nghệ' },
  },
};

/** (code, table, key, row) of every planted problem; row is the 1-based data row. */
const PLANTED = [
  'dateAsText tblThongTin value 9',
  'listSpelling tblChiTieu value 5',
  'crossField tblChiTieu value 7',
  'numberAsText tblChiTieu value 9',
  'outOfRange tblChiTieu value 11',
  'required tblChiTieu value 12',
  'formulaOverwritten tblMucTieu status 2',
  'crossField tblNhiemVu progress 1',
  'overMax tblChiSo selfPoints 2',
  'formulaOverwritten  TongDiem 0',
];
const KNOWN_INFO = new Set(['unverifiedThreshold', 'periodStartsPreviousYear']);

const signature = (f: { code: string; table: string; key: string; row: number }) => `${f.code} ${f.table} ${f.key} ${f.row}`;
const problems = (j: CheckJson) => j.findings.filter((f) => f.severity !== 'info').map(signature).sort();

describe('check → fill → check on a bad agency file', () => {
  let dir: string;
  let bad: string;
  let first: { code: number; json: CheckJson };
  let fillRun: { code: number; stdout: string; stderr: string };
  let second: { code: number; json: CheckJson };
  const timings: Record<string, number> = {};

  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await f();
    timings[name] = Date.now() - t;
    return r;
  };

  beforeAll(async () => {
    dir = tempDir('pressdx-e2e-');
    // The template comes from the CLI, as an official would make it.
    const made = await cli(dir, 'template', '--out', 'bqt.xlsx', '--unit', 'BQT', '--year', String(YEAR));
    expect(made.code).toBe(0);
    const templateBytes = fs.readFileSync(path.join(dir, 'bqt.xlsx'));
    // MT25-2 is "Chưa đạt" (CT2 = Không); the user typed "Đạt" over the formula, and a total of 100.
    const bytes = await agencyWorkbook({ unitId: 'BQT', year: YEAR, inputs: BAD, overwrite: { tblMucTieu: { 'MT25-2': { status: 'Đạt' } } }, named: { TongDiem: 100 } }, templateBytes);
    bad = path.join(dir, 'bad.xlsx');
    fs.writeFileSync(bad, bytes);
    first = await timed('check', () => cliJson<CheckJson>(dir, 'check', 'bad.xlsx'));
    fillRun = await timed('fill', () => cli(dir, 'fill', 'bad.xlsx', '--out', 'filled.xlsx'));
    second = await cliJson<CheckJson>(dir, 'check', 'filled.xlsx');
  });

  afterAll(() => {
    console.info(`check ${timings.check} ms, fill ${timings.fill} ms (in-process, bad.xlsx)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('check --json lists exactly the planted problems, exit 1', () => {
    expect(first.code).toBe(1);
    expect(problems(first.json)).toEqual([...PLANTED].sort());
    for (const f of first.json.findings.filter((x) => x.severity === 'info')) expect(KNOWN_INFO.has(f.code)).toBe(true);
    expect(first.json.counts.error).toBe(PLANTED.filter((p) => !/^(dateAsText|listSpelling|numberAsText) /.test(p)).length);
  });

  it('each finding names its cell and says what it read, in both languages', () => {
    const byCode = (code: string, key?: string) => first.json.findings.find((f) => f.code === code && (key === undefined || f.key === key))!;
    expect(byCode('numberAsText')).toMatchObject({ sheet: 'Chỉ tiêu', value: '12.150,5', suggestion: 12150.5, severity: 'warning' });
    expect(byCode('listSpelling')).toMatchObject({ value: 'có', suggestion: 'Có' });
    expect(byCode('dateAsText')).toMatchObject({ sheet: 'Thông tin', value: '25/11/2025', suggestion: dateSerial(2025, 11, 25) });
    expect(byCode('formulaOverwritten', 'TongDiem')).toMatchObject({ sheet: 'Chỉ số', value: null });
    expect(byCode('formulaOverwritten', 'TongDiem').address).toMatch(/^[A-Z]+\d+$/);
    for (const f of first.json.findings) {
      expect(f.message).toBe(f.messageVi);
      expect(f.messageEn).not.toBe('');
      if (f.table !== '' && f.row > 0) expect(f.address).toMatch(/^[A-Z]+\d+$/);
    }
  });

  it('fill restores the two formulas typed over and leaves every input cell as typed', async () => {
    expect(fillRun.code).toBe(0);
    expect(fillRun.stdout).toContain('Khôi phục công thức bị ghi đè (2):');
    expect(fillRun.stdout).toMatch(/Mục tiêu!G\d+ {2}tblMucTieu\.status/);
    expect(fillRun.stdout).toMatch(/Chỉ số!\w+ {2}TongDiem/);
    const before = toAgencyTables(readWorkbookBytes(fs.readFileSync(bad)).tables);
    const after = toAgencyTables(readWorkbookBytes(fs.readFileSync(path.join(dir, 'filled.xlsx'))).tables);
    for (const [table, keys] of Object.entries(INPUT_COLUMNS) as Array<[keyof typeof INPUT_COLUMNS, readonly string[]]>) {
      const pick = (t: typeof before) => (t.tables[table] ?? []).map((r) => keys.map((k) => r[k] ?? null));
      expect([table, pick(after)]).toEqual([table, pick(before)]);
      expect(after.formulas[table]?.map((r) => keys.map((k) => r[k]))).toEqual(before.formulas[table]?.map((r) => keys.map((k) => r[k])));
    }
    // Names and table column formulas survive the re-save.
    const extrasBefore = packageExtras(fs.readFileSync(bad));
    const extrasAfter = packageExtras(fs.readFileSync(path.join(dir, 'filled.xlsx')));
    expect(extrasAfter).toEqual(extrasBefore);
    expect(extrasAfter.names.map((n) => n.name)).toEqual(expect.arrayContaining(['TongDiem', 'MucDo', 'lstDonVi']));
  });

  it('check after fill: no formula typed over any more, the other problems stay, the results are the same', () => {
    expect(second.code).toBe(1);
    expect(problems(second.json)).toEqual(PLANTED.filter((p) => !p.startsWith('formulaOverwritten')).sort());
    expect(second.json.results).toEqual(first.json.results);
  });

  it('fill is idempotent: run on its own output it restores nothing and changes no formula or value', async () => {
    const again = await cli(dir, 'fill', 'filled.xlsx', '--out', 'filled2.xlsx');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Không có công thức nào bị ghi đè.');
    expect(again.stdout).toMatch(/cập nhật 0 trên \d+ ô tự tính/);
    const a = fs.readFileSync(path.join(dir, 'filled.xlsx'));
    const b = fs.readFileSync(path.join(dir, 'filled2.xlsx'));
    expect(readWorkbookBytes(b).tables).toEqual(readWorkbookBytes(a).tables);
    const named = (x: Buffer) => {
      const { namedCells } = readWorkbookBytes(x);
      return ['TongDiem', 'MucDo'].map((n) => namedCells[n]);
    };
    expect(named(b)).toEqual(named(a));
  });

  it('fill refuses to overwrite its input without --in-place (exit 2) and leaves it untouched', async () => {
    const sha = sha256File(bad);
    const r = await cli(dir, 'fill', 'bad.xlsx');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--in-place');
    expect((await cli(dir, 'fill', 'bad.xlsx', '--out', 'bad.xlsx')).code).toBe(2);
    expect(sha256File(bad)).toBe(sha);
  });

  withLibreOffice('LibreOffice recalculates the filled file to the numbers check --json reports, with no error value', async () => {
    const lo: LibreOffice = startLibreOffice(soffice ?? '');
    try {
      const [recalculated] = await lo.recalculate([{ name: 'filled', data: fs.readFileSync(path.join(dir, 'filled.xlsx')) }], 100_000);
      expect(errorCells(recalculated)).toEqual([]);
      const content = readWorkbookBytes(recalculated);
      const read = toAgencyTables(content.tables);
      const r = second.json.results;
      const wrong: unknown[] = [];
      const cmp = (where: string, got: Scalar | undefined, want: Scalar | undefined) => {
        if (!same(got, want)) wrong.push({ where, libreOffice: got, json: want });
      };
      r.targets.forEach((t) => {
        const row = read.tables.tblMucTieu?.find((x) => x.code === t.code);
        cmp(`${t.code}.unitResult`, row?.unitResult, t.unitResult);
        cmp(`${t.code}.status`, row?.status, t.status);
      });
      r.pillars.forEach((p, i) => {
        cmp(`pillar ${i + 1}.points`, read.tables.tblTruCot?.[i]?.points, p.points);
        cmp(`pillar ${i + 1}.percent`, read.tables.tblTruCot?.[i]?.percent, p.percent);
      });
      r.tasks.forEach((t, i) => {
        const row = read.tables.tblNhiemVu?.[i];
        cmp(`task ${String(t.no)}.role`, row?.role, t.role);
        cmp(`task ${String(t.no)}.due`, typeof row?.due === 'number' ? formatSerial(row.due) : row?.due, t.due);
        cmp(`task ${String(t.no)}.timeliness`, row?.timeliness, t.timeliness);
      });
      cmp('TongDiem', content.namedCells.TongDiem?.value, r.total);
      cmp('MucDo', content.namedCells.MucDo?.value, r.level);
      expect(wrong).toEqual([]);
      // What the scenario means, so the comparison is not between two wrong answers.
      expect(r.level).toBe('Chưa hoàn thành (4/5)');
      expect(r.total).toBe(56);
      expect(r.targets.find((t) => t.code === 'MT25-2')?.status).toBe('Chưa đạt');
      expect(r.targets.find((t) => t.code === 'MT25-3')?.status).toBe('Đạt');
      expect(r.targets.find((t) => t.code === 'MT25-5')?.status).toBe('Chưa có số liệu');
      // The injected evidence is still text after a real spreadsheet saved the file.
      expect(read.tables.tblNhiemVu?.[0]?.evidence).toBe(INJECT);
      expect(read.formulas.tblNhiemVu?.[0]?.evidence).toBeNull();

      // A file LibreOffice saved (tables without a style, its own XML) goes through fill and check alike.
      fs.writeFileSync(path.join(dir, 'lo.xlsx'), recalculated);
      const loFill = await cli(dir, 'fill', 'lo.xlsx', '--out', 'lo-filled.xlsx');
      expect([loFill.code, loFill.stderr]).toEqual([0, '']);
      expect(loFill.stdout).toContain('Không có công thức nào bị ghi đè.');
      const loCheck = await cliJson<CheckJson>(dir, 'check', 'lo-filled.xlsx');
      expect(problems(loCheck.json)).toEqual(problems(second.json));
      expect(loCheck.json.results).toEqual(second.json.results);
    } finally {
      lo.dispose();
    }
  }, 150_000);
});
