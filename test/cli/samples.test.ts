/** `pressdx samples`: realistic files that check as intended, and the province workbook merged from them. */
import * as fs from 'fs';
import * as path from 'path';
import type { CheckJson } from '../../src/cli/commands/check';
import { cli, cliJson, provinceTables, tempDir } from '../e2e/helpers';

let dir: string;
let run: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  dir = tempDir('pressdx-samples-');
  run = await cli(dir, 'samples', '--out', 'mau');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('pressdx samples', () => {
  it('writes the agency reports and the province workbook', () => {
    expect(run.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'mau')).sort()).toEqual([
      'bao-cao-BQT-2025.xlsx', 'bao-cao-PTTH-2025.xlsx', 'bao-cao-STTTT-2025.xlsx', 'bao-cao-TCCV-2025-ban-nhap-co-loi.xlsx', 'bao-cao-TCCV-2025.xlsx', 'tong-hop-2025.xlsx',
    ]);
    expect(run.stdout).toContain('tong-hop-2025.xlsx');
  });

  it('check: the draft with planted mistakes exits 1 with exactly those errors; the others exit 0 without warnings', async () => {
    const files = fs.readdirSync(path.join(dir, 'mau')).filter((f) => f.startsWith('bao-cao-'));
    for (const f of files) {
      const { code, json } = await cliJson<CheckJson>(dir, 'check', `mau/${f}`);
      if (f.includes('co-loi')) {
        expect(code).toBe(1);
        expect(json.findings.filter((x) => x.severity !== 'info').map((x) => `${x.code} ${x.table} ${x.key}`).sort()).toEqual([
          'crossField tblNhiemVu progress', 'overMax tblChiSo selfPoints', 'wrongType tblChiTieu value',
        ]);
      } else {
        expect([f, code, json.counts.error, json.counts.warning]).toEqual([f, 0, 0, 0]);
      }
    }
  });

  it('merges the final reports; the draft is superseded by the corrected file', async () => {
    const t = provinceTables(fs.readFileSync(path.join(dir, 'mau', 'tong-hop-2025.xlsx')));
    expect(Object.fromEntries(t('tblNguon').map((r) => [r.file.value, r.state.value]))).toEqual({
      'bao-cao-BQT-2025.xlsx': 'Sử dụng', 'bao-cao-PTTH-2025.xlsx': 'Sử dụng', 'bao-cao-TCCV-2025.xlsx': 'Sử dụng', 'bao-cao-STTTT-2025.xlsx': 'Sử dụng',
      'bao-cao-TCCV-2025-ban-nhap-co-loi.xlsx': 'Bị thay thế',
    });
    expect(t('tblTHChiSo').map((r) => [r.unitId.value, r.total.value, r.level.value])).toEqual([['BQT', 73, 'Tốt'], ['PTTH', 85, 'Tốt'], ['TCCV', 52.5, 'Trung bình']]);
    // An empty table keeps one blank row (Excel needs a data row under the header).
    expect(t('tblSaiLech').filter((r) => r.file.value !== null)).toEqual([]);
  });
});
