/** `pressdx check`: exit codes, the human report's form, languages, and files that are no agency workbook. */
import { randomBytes } from 'crypto';
import * as ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import type { CheckJson } from '../../src/cli/commands/check';
import { dateSerial } from '../../src/domain/values';
import { DEFAULT_XLSX_LIMITS } from '../../src/xlsx/reader';
import { SAMPLES } from '../../src/cli/commands/samples';
import { agencyWorkbook, cli, cliJson, tempDir } from '../e2e/helpers';

const YEAR = 2025;
let dir: string;

const sample = (unitId: string) => SAMPLES.find((s) => s.unitId === unitId && !s.file(YEAR).includes('nhap'))!.inputs(YEAR);

beforeAll(async () => {
  dir = tempDir('pressdx-check-');
  fs.writeFileSync(path.join(dir, 'good.xlsx'), await agencyWorkbook({ unitId: 'BQT', year: YEAR, inputs: sample('BQT'), fill: true, submittedToday: dateSerial(YEAR, 11, 20) }));
  const bad = sample('TCCV');
  bad.tblChiTieu = { ...bad.tblChiTieu, CT5b: { value: '1,5' }, CT6a: { value: 'mười tám' } };
  bad.tblThongTin = { ...bad.tblThongTin, submittedOn: { value: '21/11/2025' } };
  fs.writeFileSync(path.join(dir, 'bad.xlsx'), await agencyWorkbook({ unitId: 'TCCV', year: YEAR, inputs: bad }));
  fs.writeFileSync(path.join(dir, 'random.xlsx'), randomBytes(4000));
  // A real workbook that is no PressDX template.
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').getCell('A1').value = 'Báo cáo';
  fs.writeFileSync(path.join(dir, 'plain.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
  // Sparse: larger than the limit on disk without taking the space or being read.
  fs.closeSync(fs.openSync(path.join(dir, 'huge.xlsx'), 'w'));
  fs.truncateSync(path.join(dir, 'huge.xlsx'), DEFAULT_XLSX_LIMITS.maxFileBytes + 1);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('pressdx check', () => {
  it('exit 0 on a clean report; the human report counts by severity', async () => {
    const r = await cli(dir, 'check', 'good.xlsx');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Kết quả: 0 lỗi, 0 cảnh báo, 3 thông tin.');
    expect(r.stdout).toContain('Đơn vị: Báo Quảng Trị — năm báo cáo: 2025');
    expect(r.stdout).toContain('Tổng điểm tự đánh giá: 73 — mức độ: Tốt');
  });

  it('exit 1 with errors; one line per finding "Sheet!A1 [mức] message (gợi ý: value)", grouped by sheet', async () => {
    const r = await cli(dir, 'check', 'bad.xlsx');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('Chỉ tiêu');
    expect(lines).toContain('  Chỉ tiêu!D13 [cảnh báo] Chỉ tiêu CT5b: "1,5" là văn bản; được hiểu là số 1,5. Nên nhập lại dạng số. (gợi ý: 1,5)');
    expect(lines).toContain('  Chỉ tiêu!D14 [lỗi] Chỉ tiêu CT6a: "mười tám" không phải là số.');
    expect(lines.some((l) => /^ {2}Thông tin!C\d+ \[cảnh báo\] .*"21\/11\/2025".*\(gợi ý: 21\/11\/2025\)$/.test(l))).toBe(true);
    expect(r.stdout.indexOf('Kết quả: 1 lỗi, 2 cảnh báo')).toBeGreaterThan(0);
    expect(r.stdout.indexOf('Kết quả:')).toBeLessThan(r.stdout.indexOf('Chỉ tiêu!'));
  });

  it('--lang en prints English messages and severities', async () => {
    const r = await cli(dir, 'check', 'bad.xlsx', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Result: 1 error(s), 2 warning(s), 3 info.');
    expect(r.stdout).toContain('Chỉ tiêu!D14 [error] Indicator CT6a: "mười tám" is not a number.');
    expect(r.stdout).toContain('(suggestion: 1.5)');
  });

  it('--json carries every field, the message in --lang, and the results', async () => {
    const { code, json } = await cliJson<CheckJson>(dir, 'check', 'bad.xlsx', '--lang', 'en');
    expect(code).toBe(1);
    expect(json.counts).toEqual({ error: 1, warning: 2, info: 3 });
    const f = json.findings.find((x) => x.code === 'numberAsText')!;
    expect(f).toEqual({
      severity: 'warning', code: 'numberAsText', table: 'tblChiTieu', key: 'value', row: 9, sheet: 'Chỉ tiêu', address: 'D13',
      message: f.messageEn, messageVi: expect.stringContaining('là văn bản') as unknown as string, messageEn: expect.stringContaining('is text') as unknown as string, value: '1,5', suggestion: 1.5,
    });
    expect(json.results.total).toBe(52.5);
    expect(json.results.level).toBe('Trung bình');
    expect(json.results.tasks[0]).toEqual({ no: 1, role: 'Chủ trì', due: '31/12/2025', timeliness: expect.any(String) as unknown as string });
    expect(json.results.tasks[7].due).toBe('');
    expect(json.results.pillars).toHaveLength(5);
    expect(json.results.targets.map((t) => t.code)).toContain('MT25-1');
  });

  it.each([
    ['random.xlsx', /không đọc được.*không phải bảng tính Excel \.xlsx/],
    ['plain.xlsx', /không phải biểu mẫu báo cáo PressDX: thiếu 13 bảng \(.*tblMeta/],
    ['huge.xlsx', /quá lớn để đọc/],
    ['khong-co.xlsx', /không tìm thấy tệp/],
  ])('exit 2 when %s cannot be read as an agency workbook, with the reason', async (file, reason) => {
    const r = await cli(dir, 'check', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(r.stdout).toBe('');
    const j = await cliJson<{ error: { messageVi: string; messageEn: string } }>(dir, 'check', file);
    expect(j.code).toBe(2);
    expect(j.json.error.messageVi).toMatch(reason);
  });

  it('exit 2 on a province workbook, saying it is one', async () => {
    const out = path.join(dir, 'province');
    fs.mkdirSync(out, { recursive: true });
    expect((await cli(dir, 'merge', 'good.xlsx', '--out', 'province/tong-hop.xlsx')).code).toBe(0);
    const r = await cli(dir, 'check', 'province/tong-hop.xlsx', '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a province workbook (the output of pressdx merge), not an agency report');
  });

  it.each([
    ['check', ['--json', '--lang'], 'Mã thoát: 0 không có lỗi'],
    ['fill', ['--out', '--in-place', '--force'], 'Mã thoát: 0 đã ghi'],
    ['merge', ['--out', '--year', '--previous', '--json'], 'Mã thoát: 0 đã tổng hợp'],
    ['samples', ['--out', '--year'], 'pressdx samples --out'],
  ])('%s --help lists its options and exit codes', async (command, flags, text) => {
    const r = await cli(dir, command, '--help');
    expect(r.code).toBe(0);
    for (const f of flags) expect(r.stdout).toContain(f);
    expect(r.stdout).toContain(text);
  });

  it('usage errors exit 2', async () => {
    expect((await cli(dir, 'check')).code).toBe(2);
    expect((await cli(dir, 'check', 'a.xlsx', 'b.xlsx')).code).toBe(2);
    expect((await cli(dir, 'check', 'good.xlsx', '--lang', 'fr')).code).toBe(2);
  });
});
