/** `pressdx fill`: where it writes, what it refuses, and that it writes calculated cells only. */
import * as fs from 'fs';
import * as path from 'path';
import { SAMPLES } from '../../src/cli/commands/samples';
import { CALCULATED_COLUMNS, type AgencyTableName } from '../../src/domain/agency-schema';
import { dateSerial } from '../../src/domain/values';
import { toAgencyTables } from '../../src/workbook/read';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { agencyWorkbook, cli, sha256File, tempDir, template } from '../e2e/helpers';
import { packageExtras, xmlParts } from '../helpers/xlsx-xml';
import { columnNumber } from '../../src/workbook/a1';

const YEAR = 2025;
let dir: string;

beforeAll(async () => {
  dir = tempDir('pressdx-fill-');
  const inputs = SAMPLES.find((s) => s.unitId === 'PTTH')!.inputs(YEAR);
  // Entered but not yet calculated: the template's cached results are those of a blank report.
  fs.writeFileSync(path.join(dir, 'entered.xlsx'), await agencyWorkbook({ unitId: 'PTTH', year: YEAR, inputs, overwrite: { tblNhiemVu: { 1: { role: 'Chủ trì (tự ghi)' } } } }));
  fs.writeFileSync(path.join(dir, 'notes.xlsx'), 'not a workbook');
  fs.writeFileSync(path.join(dir, 'template.xlsx'), await template('PTTH', YEAR));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every cell of every table, except the calculated ones, as [table, row, col, value, formula]. */
function nonCalculatedCells(file: string): unknown[] {
  const read = toAgencyTables(readWorkbookBytes(fs.readFileSync(file)).tables);
  const out: unknown[] = [];
  for (const [table, rows] of Object.entries(read.tables) as Array<[AgencyTableName, Array<Record<string, unknown>>]>) {
    rows.forEach((row, i) => {
      for (const key of Object.keys(row)) {
        const calculated = (CALCULATED_COLUMNS[table] ?? []).includes(key) || (table === 'tblThongTin' && row.key === 'unitType' && key === 'value');
        if (!calculated) out.push([table, i, key, row[key], read.formulas[table]?.[i]?.[key]]);
      }
    });
  }
  return out;
}

/** Per worksheet part: protected or not, and the cells each kind of validation covers. */
function protectionAndValidations(file: string): Record<string, { protected: boolean; validations: Record<string, string[]> }> {
  const zip = xmlParts(fs.readFileSync(file));
  const out: Record<string, { protected: boolean; validations: Record<string, string[]> }> = {};
  for (const name of Object.keys(zip).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).sort()) {
    const xml = zip[name];
    const validations: Record<string, Set<string>> = {};
    for (const m of xml.matchAll(/<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)) {
      const kind = `${m[1].match(/\stype="([^"]+)"/)?.[1]} ${m[1].match(/\sprompt="([^"]*)"/)?.[1]} ${m[2]?.match(/<formula1>([^<]*)/)?.[1] ?? ''}`;
      for (const ref of (m[1].match(/\ssqref="([^"]+)"/)?.[1] ?? '').split(/\s+/)) {
        const r = ref.match(/^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/)!;
        for (let c = columnNumber(r[1]); c <= columnNumber(r[3] ?? r[1]); c++) for (let i = Number(r[2]); i <= Number(r[4] ?? r[2]); i++) (validations[kind] ??= new Set()).add(`${c},${i}`);
      }
    }
    out[name] = { protected: xml.includes('<sheetProtection'), validations: Object.fromEntries(Object.entries(validations).map(([k, v]) => [k, [...v].sort()])) };
  }
  return out;
}

describe('pressdx fill', () => {
  it('writes --out, restores the formula typed over, updates stale results, changes nothing else', async () => {
    const r = await cli(dir, 'fill', 'entered.xlsx', '--out', 'filled.xlsx');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Khôi phục công thức bị ghi đè \(1\):\n {2}Nhiệm vụ!F5 {2}tblNhiemVu\.role\n/);
    const updated = Number(r.stdout.match(/cập nhật (\d+) trên (\d+) ô tự tính/)?.[1]);
    expect(updated).toBeGreaterThan(10);
    expect(nonCalculatedCells(path.join(dir, 'filled.xlsx'))).toEqual(nonCalculatedCells(path.join(dir, 'entered.xlsx')));
    expect(packageExtras(fs.readFileSync(path.join(dir, 'filled.xlsx')))).toEqual(packageExtras(fs.readFileSync(path.join(dir, 'entered.xlsx'))));
    const read = toAgencyTables(readWorkbookBytes(fs.readFileSync(path.join(dir, 'filled.xlsx'))).tables);
    expect(read.tables.tblNhiemVu?.[0]).toMatchObject({ role: 'Chủ trì', due: dateSerial(2025, 12, 31), timeliness: 'Trong hạn' });
    expect(read.formulas.tblNhiemVu?.[0]?.role).toMatch(/^=IFERROR/);
    expect(read.tables.tblTruCot?.map((p) => p.points)).toEqual([16, 20.5, 17, 19, 12.5]);
    // Sheet protection and every dropdown and input rule of the template survive the re-saves.
    const before = await protectionAndValidations(path.join(dir, 'template.xlsx'));
    expect(await protectionAndValidations(path.join(dir, 'filled.xlsx'))).toEqual(before);
    expect(Object.values(before).filter((s) => s.protected)).toHaveLength(7);
  });

  it('--in-place rewrites the input itself', async () => {
    fs.copyFileSync(path.join(dir, 'entered.xlsx'), path.join(dir, 'copy.xlsx'));
    const before = sha256File(path.join(dir, 'copy.xlsx'));
    const r = await cli(dir, 'fill', 'copy.xlsx', '--in-place', '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Restored overwritten formulas (1):');
    expect(sha256File(path.join(dir, 'copy.xlsx'))).not.toBe(before);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to overwrite the input or an existing file, and bad option combinations (exit 2)', async () => {
    const before = sha256File(path.join(dir, 'entered.xlsx'));
    const refusals = [
      ['fill', 'entered.xlsx'],
      ['fill', 'entered.xlsx', '--out', 'entered.xlsx'],
      ['fill', 'entered.xlsx', '--out', './entered.xlsx', '--force'],
      ['fill', 'entered.xlsx', '--out', 'x.xlsx', '--in-place'],
      ['fill', 'entered.xlsx', '--out', 'x.csv'],
      ['fill', 'entered.xlsx', '--out', 'filled.xlsx'],
      ['fill', 'entered.xlsx', '--out', 'khong-co/x.xlsx'],
      ['fill'],
    ];
    for (const args of refusals) expect([args.join(' '), (await cli(dir, ...args)).code]).toEqual([args.join(' '), 2]);
    expect(sha256File(path.join(dir, 'entered.xlsx'))).toBe(before);
    const r = await cli(dir, 'fill', 'entered.xlsx');
    expect(r.stderr).toContain('không ghi đè tệp gốc');
    expect(r.stderr).toContain('--in-place');
  });

  it('exit 2 on a file that is no agency workbook', async () => {
    const r = await cli(dir, 'fill', 'notes.xlsx', '--out', 'n.xlsx');
    expect(r.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'n.xlsx'))).toBe(false);
  });
});
