/** `pressdx catalogue check`, `template --catalogue` and `migrate` over real files. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { computeAgencyResults } from '../../src/domain/calculate';
import { entriesOf } from '../../src/domain/migrate';
import { dateSerial } from '../../src/domain/values';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpecFromTables } from '../../src/workbook/agency-template';
import { buildCatalogueWorkbookSpec } from '../../src/workbook/catalogue-sheet';
import { toAgencyTables } from '../../src/workbook/read';
import { renderToBuffer } from '../../src/xlsx';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { CATALOGUE_DIR, synthetic } from '../catalogue/helpers';
import { goodTables } from '../helpers/agency-fixture';
import { recordingIO } from './recording-io';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressdx-catalogue-'));
  for (const f of fs.readdirSync(CATALOGUE_DIR)) fs.copyFileSync(path.join(CATALOGUE_DIR, f), path.join(dir, f));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = async (...args: string[]) => {
  const io = recordingIO(dir, new Date('2024-11-05T08:00:00Z'));
  const code = await main(args, io);
  return { code, out: io.stdoutText(), err: io.stderrText() };
};
const read = async (file: string) => toAgencyTables(readWorkbookBytes(fs.readFileSync(path.join(dir, file))).tables);

describe('pressdx catalogue', () => {
  it('check FILE.csv: a usable made-up catalogue exits 0', async () => {
    const r = await run('catalogue', 'check', 'synthetic-951-42.csv', '--index', '951-2023', '--lang', 'vi');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Dùng được: 42 tiêu chí, 10 chỉ số thành phần, phiên bản 951-2023.');
  });

  it('check a broken one: exit 1 with the finding by cell', async () => {
    const r = await run('catalogue', 'check', 'broken-duplicate-code.csv', '--index', '951-2023', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.out).toContain('broken-duplicate-code.csv!C7 [error]');
    expect(r.out).toContain('codes must be unique');
    const json = await run('catalogue', 'check', 'broken-unknown-pillar.csv', '--index', '951-2023', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ usable: false, findings: [{ code: 'unknownPillar', address: 'A22' }] });
  });

  it('new writes the empty sheet for a version; checking it says no criterion yet; an .xlsx catalogue is read back', async () => {
    expect((await run('catalogue', 'new', '--index', '1827-2024', '--out', 'bo-tieu-chi.xlsx')).code).toBe(0);
    const empty = await run('catalogue', 'check', 'bo-tieu-chi.xlsx', '--lang', 'vi', '--json');
    const emptyJson = JSON.parse(empty.out);
    expect(emptyJson).toMatchObject({ usable: false, indexVersion: '1827-2024' });
    expect(emptyJson.findings.filter((f: { severity: string }) => f.severity === 'error')).toMatchObject([{ code: 'emptyCatalogue', sheet: 'Bộ tiêu chí' }]);
    // 1827's unverified thresholds are noted from the sheet's threshold table.
    expect(emptyJson.findings.filter((f: { code: string }) => f.code === 'unverifiedThreshold').map((f: { address: string }) => f.address)).toEqual(['K20', 'K21', 'K22']);
    // A filled catalogue workbook (as an official would save it) is usable; its version comes from the sheet.
    const v = indexVersionById('1827-2024')!;
    fs.writeFileSync(path.join(dir, 'filled.xlsx'), await renderToBuffer(buildCatalogueWorkbookSpec(synthetic('1827-2024'), v, 'vi')));
    const filled = await run('catalogue', 'check', 'filled.xlsx', '--json');
    expect(JSON.parse(filled.out)).toMatchObject({ usable: true, indexVersion: '1827-2024', criteria: 43 });
  });

  it('a CSV without --index cannot know its version', async () => {
    const r = await run('catalogue', 'check', 'synthetic-951-42.csv', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings[0].code).toBe('unknownIndexVersion');
  });
});

describe('pressdx template --catalogue', () => {
  it('writes a criterion-level workbook with the catalogue inside', async () => {
    const r = await run('template', '--out', 'bqt.xlsx', '--unit', 'BQT', '--year', '2024', '--catalogue', 'synthetic-1827-43.csv');
    expect([r.code, r.err]).toEqual([0, '']);
    const t = await read('bqt.xlsx');
    expect(t.tables.tblChiSo).toHaveLength(43);
    expect(t.tables.tblThanhPhan).toHaveLength(10);
    expect(t.tables.tblTieuChi).toHaveLength(43);
    expect(t.tables.tblMeta?.find((x) => x.key === 'catalogueId')?.value).toMatch(/^1827-2024\/43\//);
    // The check command reads it without structural findings.
    const check = await run('check', 'bqt.xlsx', '--json');
    expect(JSON.parse(check.out).findings.filter((f: { code: string }) => ['missingTable', 'missingColumn', 'formulaOverwritten'].includes(f.code))).toEqual([]);
  });

  it('refuses a broken catalogue with its findings and writes nothing', async () => {
    const r = await run('template', '--out', 'bqt.xlsx', '--year', '2023', '--catalogue', 'broken-sum.csv');
    expect(r.code).toBe(1);
    expect(r.err).toContain('các tiêu chí cộng lại 26 điểm, phải đúng bằng 24');
    expect(fs.existsSync(path.join(dir, 'bqt.xlsx'))).toBe(false);
  });
});

describe('pressdx migrate', () => {
  it('pillar-level 951 → criterion-level 1827 with a mapping file; the input file is untouched', async () => {
    const source = goodTables('BQT', 2023);
    const index = indexVersionById('951-2023')!;
    fs.writeFileSync(path.join(dir, 'in.xlsx'), await renderToBuffer(buildAgencyWorkbookSpecFromTables({ plan: QUANG_TRI_2023, index, year: 2023, unitId: 'BQT', lang: 'vi', generatedAt: '2023-11-01T00:00:00Z', generator: 'test' }, source, dateSerial(2023, 11, 1))));
    fs.writeFileSync(path.join(dir, 'map.csv'), 'Mã cũ;Mã mới\r\nTC1;1.1\r\n');
    const before = fs.readFileSync(path.join(dir, 'in.xlsx'));
    const r = await run('migrate', 'in.xlsx', '--to', '1827-2024', '--catalogue', 'synthetic-1827-43.csv', '--map', 'map.csv', '--out', 'out.xlsx');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('số liệu liệt kê ở trang "Không ánh xạ được"');
    expect(fs.readFileSync(path.join(dir, 'in.xlsx')).equals(before)).toBe(true);
    const out = await read('out.xlsx');
    // TC1's 12 points exceed criterion 1.1's maximum of 2 but are kept as typed; the check will flag them.
    expect(out.tables.tblChiSo?.find((x) => x.code === '1.1')).toMatchObject({ selfPoints: 12, evidence: 'Báo cáo kèm theo' });
    expect(out.tables.tblKhongAnhXa?.map((x) => x.code)).toEqual(['TC2', 'TC2', 'TC3', 'TC3', 'TC4', 'TC4', 'TC5', 'TC5']);
    const kept = entriesOf(out.tables);
    for (const [k, v] of entriesOf(source)) if (!k.startsWith('tblChiSo|')) expect([k, kept.get(k)]).toEqual([k, v]);
    expect(computeAgencyResults(out.tables, QUANG_TRI_2023, dateSerial(2024, 11, 1)).level).toBe('Chưa hoàn thành (0/43)');
  });

  it('refuses to write over its input', async () => {
    fs.writeFileSync(path.join(dir, 'in.xlsx'), 'x');
    const r = await run('migrate', 'in.xlsx', '--to', '951-2023', '--out', 'in.xlsx');
    expect(r.code).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'in.xlsx'), 'utf8')).toBe('x');
  });
});

describe('pressdx merge over criterion-level files', () => {
  it('reads them and adds the criterion sheet to the province workbook', async () => {
    expect((await run('template', '--out', 'bqt.xlsx', '--unit', 'BQT', '--year', '2024', '--catalogue', 'synthetic-1827-43.csv')).code).toBe(0);
    const r = await run('merge', 'bqt.xlsx', '--out', 'tong-hop.xlsx', '--year', '2024', '--json');
    expect(r.code).toBeLessThanOrEqual(1);
    const content = readWorkbookBytes(fs.readFileSync(path.join(dir, 'tong-hop.xlsx')));
    expect(content.file.sheets.map((x) => x.name)).toContain('Tổng hợp tiêu chí');
    const criteria = content.tables.find((t) => t.name === 'tblTHTieuChi')!;
    expect(criteria.values).toHaveLength(43);
    // Nothing scored yet: every criterion's average is blank, the catalogue id is recorded.
    expect(criteria.values.every((row) => row[6] === null)).toBe(true);
    expect(String(criteria.values[0].at(-1))).toMatch(/^1827-2024\/43\//);
  });
});
