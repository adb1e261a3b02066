import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeFiles } from '../../src/cli/commands/merge';
import { sampleWorkbook, SAMPLES } from '../../src/cli/commands/samples';
import { consolidate, type Consolidation } from '../../src/domain/consolidate';
import { dateSerial } from '../../src/domain/values';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { buildProvinceWorkbookSpec } from '../../src/workbook/province-spec';
import { renderToBuffer } from '../../src/xlsx';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import type { TableSnapshot } from '../../src/workbook/read';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { liveExcel, NOW } from '../office/live-agency';

/**
 * The CLI and the add-in merge through the same application layer: given the same files they
 * must produce the same province results, cell for cell, whichever writer draws them.
 */

const PROVINCE_TABLES = ['tblTHMucTieu', 'tblTHNhiemVu', 'tblTHNhiemVuDV', 'tblTHChiSo', 'tblNguon', 'tblSaiLech'];

/** What a consolidation decided, without who wrote it (the generator differs by front end). */
const decisions = (c: Consolidation) => ({
  year: c.year,
  reportDate: c.reportDate,
  sources: c.sources.map((s) => ({ file: s.fileName, sha: s.sha256, state: s.state, code: s.code, reason: s.reasonVi, unit: s.unitId, errors: s.errors, warnings: s.warnings })),
  targets: c.targets.map((t) => ({ code: t.target.code, value: t.value, status: t.status, numerator: t.numerator, denominator: t.denominator })),
  tasks: c.tasks.map((t) => ({ no: t.task.no, state: t.state, progress: t.progress })),
  index: c.indexRows.map((r) => ({ unit: r.unitId, total: r.total, level: r.level, rank: r.rank })),
  mismatches: c.mismatches.length,
});

/** Each cell as its formula where it has one (the in-memory Excel does not calculate), else its value. */
const tableCells = (tables: TableSnapshot[], name: string) => {
  const t = tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  // An empty text cell and an empty cell are the same blank to every formula and rule.
  return { headers: t.headers, cells: t.values.map((row, i) => row.map((v, j) => t.formulas[i][j] ?? (v === "" ? null : v))) };
};

describe('one merge for the CLI and the add-in', () => {
  let dir: string;
  let files: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pressdx-parity-'));
    files = [];
    for (const s of SAMPLES) {
      const file = join(dir, s.file(2025));
      writeFileSync(file, await sampleWorkbook(QUANG_TRI_2023, 2025, s, 'test'));
      files.push(file);
    }
    // A file that is not a workbook at all: both paths list it and merge the others.
    const broken = join(dir, 'hong.xlsx');
    writeFileSync(broken, 'not a zip');
    files.push(broken);
  });

  test('the same files give the same consolidation and the same province tables', async () => {
    const cli = await mergeFiles(files, { now: NOW, generator: 'cli', lang: 'vi' });
    const { ops, fake } = liveExcel();
    const inputs = files.map((f) => ({ name: f.slice(dir.length + 1), bytes: new Uint8Array(readFileSync(f)), lastModified: statSync(f).mtimeMs }));
    const pane = await ops.mergeFiles(inputs, {}, () => undefined);

    expect(decisions(pane.consolidation)).toEqual(decisions(cli.consolidation));
    expect(pane.consolidation.sources.find((s) => s.fileName === 'hong.xlsx')).toMatchObject({ state: 'excluded', code: 'unreadable' });
    expect(cli.consolidation.sources.filter((s) => s.state === 'included')).toHaveLength(4);

    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
    const fromFile = readWorkbookBytes(cli.bytes!).tables;
    const fromPane = await ops.readAgencyTablesFromExcel();
    for (const name of PROVINCE_TABLES) expect(tableCells(fromPane, name)).toEqual(tableCells(fromFile, name));
  });

  test('only agency files vote on the reporting year: province workbooks among the inputs do not', async () => {
    // Two province workbooks of 2024 (last year's output, copied twice) and one agency file of 2025.
    const empty2024 = consolidate([], { plan: QUANG_TRI_2023, indexVersions: INDEX_VERSIONS, year: 2024, reportDate: dateSerial(2024, 12, 1) });
    const province = await renderToBuffer(buildProvinceWorkbookSpec(empty2024, 'vi'));
    const inputs = [
      { name: 'tong-hop-2024.xlsx', bytes: province },
      { name: 'tong-hop-2024-ban-sao.xlsx', bytes: province },
      { name: 'bao-cao-BQT-2025.xlsx', bytes: new Uint8Array(readFileSync(files[0])) },
    ];
    const provinceFiles = inputs.map((x) => {
      const file = join(dir, x.name);
      writeFileSync(file, x.bytes);
      return file;
    });
    const cli = await mergeFiles(provinceFiles, { now: NOW, generator: 'cli', lang: 'vi' });
    const pane = await liveExcel().ops.mergeFiles(inputs, {}, () => undefined);
    for (const c of [cli.consolidation, pane.consolidation]) {
      expect(c.year).toBe(2025);
      expect(c.sources.map((s) => s.state)).toEqual(['excluded', 'excluded', 'included']);
    }
  });
});
