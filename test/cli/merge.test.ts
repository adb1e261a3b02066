/**
 * `pressdx merge` over files on disk: a complete province, a missing agency, a duplicate, a
 * corrupt file, a file of another year, formula-like text in every text field and calculated
 * cells typed over with false values. Each outcome is asserted in --json and in the workbook
 * written (read back by table name), LibreOffice recalculates the output to the same numbers,
 * and no source file changes.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SAMPLES } from '../../src/cli/commands/samples';
import type { mergeJson } from '../../src/cli/commands/merge';
import { NOT_SUBMITTED } from '../../src/domain/consolidate';
import type { Scalar } from '../../src/domain/values';
import { dateSerial } from '../../src/domain/values';
import type { AgencyInputs } from '../../src/xlsx/inputs';
import { startLibreOffice } from '../helpers/libreoffice';
import { agencyWorkbook, cli, cliJson, errorCells, libreOfficeFor, provinceTables, same, sha256File, tempDir } from '../e2e/helpers';

type MergeJson = ReturnType<typeof mergeJson>;

const YEAR = 2025;
const soffice = libreOfficeFor('test/cli/merge.test.ts (LibreOffice part)');
const withLibreOffice = soffice ? it : it.skip;

const sampleInputs = (unitId: string, year = YEAR): AgencyInputs => {
  const s = SAMPLES.find((x) => x.unitId === unitId && !x.file(year).includes('nhap'));
  if (!s) throw new Error(unitId);
  return s.inputs(year);
};

/** Text that a spreadsheet would run if it were written as a formula. */
const INJECTIONS = ['=HYPERLINK("http://x.example","Bấm")', '+SUM(1,2)', '-1+2', '@SUM(1,2)', '=1+1'];
const INJECTED_FILE = '=1+2 PTTH.xlsx';

/** Every text field of the PTTH report replaced by formula-like text (numbers and list choices kept). */
function injected(): AgencyInputs {
  const t = sampleInputs('PTTH');
  let n = 0;
  const next = () => INJECTIONS[n++ % INJECTIONS.length];
  const replace = (rows: Record<string, Record<string, Scalar>> | undefined, keys: string[]) =>
    Object.fromEntries(Object.entries(rows ?? {}).map(([id, values]) => [id, { ...values, ...Object.fromEntries(keys.map((k) => [k, next()])) }]));
  return {
    tblThongTin: { ...t.tblThongTin, preparer: { value: INJECTIONS[0] }, phone: { value: '+1+1' }, email: { value: '=1+2' } },
    tblChiTieu: replace(t.tblChiTieu, ['evidence', 'note']),
    tblNhiemVu: { ...replace(t.tblNhiemVu, ['result', 'evidence', 'difficulties', 'proposals']), 4: { ...replace(t.tblNhiemVu, ['result'])['4'], status: '@Hoàn thành' } },
    tblChiSo: replace(t.tblChiSo, ['evidence', 'note']),
  };
}

describe('pressdx merge', () => {
  let dir: string;
  let inDir: string;
  let outDir: string;
  let hashes: Map<string, string>;
  const runs: Record<string, { code: number; json: MergeJson; stderr: string; ms: number }> = {};
  let injectedTexts: string[] = [];

  beforeAll(async () => {
    dir = tempDir('pressdx-merge-');
    inDir = path.join(dir, 'in');
    outDir = path.join(dir, 'out');
    fs.mkdirSync(inDir);
    fs.mkdirSync(outDir);
    const write = async (name: string, bytes: Uint8Array | Promise<Uint8Array>) => fs.writeFileSync(path.join(inDir, name), await bytes);
    const today = dateSerial(YEAR, 11, 25);

    await write('BQT.xlsx', agencyWorkbook({ unitId: 'BQT', year: YEAR, inputs: sampleInputs('BQT'), fill: true, submittedToday: today }));
    // An earlier BQT report with lower revenue: superseded by the later submission.
    const old = sampleInputs('BQT');
    old.tblThongTin = { ...old.tblThongTin, submittedOn: { value: dateSerial(YEAR, 11, 10) } };
    old.tblChiTieu = { ...old.tblChiTieu, CT5b: { value: 9000 } };
    await write('BQT-old.xlsx', agencyWorkbook({ unitId: 'BQT', year: YEAR, inputs: old, fill: true, submittedToday: today }));
    const inj = injected();
    injectedTexts = [...new Set([...Object.values(inj.tblNhiemVu ?? {}).flatMap((r) => [r.result, r.evidence, r.difficulties, r.proposals, r.status])].filter((v): v is string => typeof v === 'string' && /^[=+\-@]/.test(v)))];
    await write(INJECTED_FILE, agencyWorkbook({ unitId: 'PTTH', year: YEAR, inputs: inj, fill: true, submittedToday: today }));
    // Tạp chí Cửa Việt typed flattering values over four calculated cells after saving.
    await write('TCCV.xlsx', agencyWorkbook({
      unitId: 'TCCV', year: YEAR, inputs: sampleInputs('TCCV'), fill: true, submittedToday: today,
      overwrite: { tblMucTieu: { 'MT25-3': { status: 'Đạt' } }, tblTruCot: { 'Chiến lược': { points: 18 } } },
      named: { TongDiem: 90, MucDo: 'Xuất sắc' },
    }));
    await write('STTTT.xlsx', agencyWorkbook({ unitId: 'STTTT', year: YEAR, inputs: sampleInputs('STTTT'), fill: true, submittedToday: today }));
    const y2024 = sampleInputs('BQT', 2024);
    y2024.tblChiSo = Object.fromEntries([12, 15, 13, 14, 8].map((p, i) => [`TC${i + 1}`, { selfPoints: p, evidence: 'Hồ sơ 2024' }]));
    await write('BQT-2024.xlsx', agencyWorkbook({ unitId: 'BQT', year: 2024, inputs: y2024, fill: true, submittedToday: dateSerial(2024, 11, 20) }));
    await write('corrupt.xlsx', randomBytes(5000));
    await write('~$BQT.xlsx', randomBytes(165)); // Excel's lock file: not a submission
    fs.writeFileSync(path.join(inDir, 'ghi-chu.txt'), 'không phải bảng tính');
    hashes = new Map(fs.readdirSync(inDir).map((f) => [f, sha256File(path.join(inDir, f))]));

    const run = async (name: string, ...args: string[]) => {
      const t = Date.now();
      const r = await cliJson<MergeJson>(dir, 'merge', ...args);
      runs[name] = { ...r, ms: Date.now() - t };
    };
    await run('previous', 'in/BQT-2024.xlsx', '--year', '2024', '--out', 'out/tong-hop-2024.xlsx');
    await run('full', 'in', '--out', 'out/tong-hop.xlsx');
    await run('partial', 'in/BQT.xlsx', 'in/STTTT.xlsx', '--out', 'out/partial.xlsx', '--previous', 'out/tong-hop-2024.xlsx');
    await run('nothing', 'in/corrupt.xlsx', 'in/BQT-2024.xlsx', '--year', '2025', '--out', 'out/none.xlsx');
  }, 120_000);

  afterAll(() => {
    console.info(`merge of ${runs.full?.json.counts.files} files: ${runs.full?.ms} ms; of 2 files: ${runs.partial?.ms} ms (in-process)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('merges the folder: lock files and non-.xlsx files skipped, every other file listed with its fate (exit 0)', () => {
    const { code, json } = runs.full;
    expect(code).toBe(0);
    expect(json.year).toBe(YEAR);
    const fate = Object.fromEntries(json.sources.map((s) => [s.file, [s.state, s.code, s.included]]));
    expect(fate).toEqual({
      'BQT-2024.xlsx': ['excluded', 'otherYear', false],
      'BQT-old.xlsx': ['superseded', 'superseded', false],
      'BQT.xlsx': ['included', null, true],
      [INJECTED_FILE]: ['included', null, true],
      'STTTT.xlsx': ['included', null, true],
      'TCCV.xlsx': ['included', null, true],
      'corrupt.xlsx': ['excluded', 'unreadable', false],
    });
    expect(json.sources.find((s) => s.file === 'corrupt.xlsx')?.reason).toMatch(/Không đọc được tệp/);
    expect(json.sources.find((s) => s.file === 'BQT-old.xlsx')?.reason).toContain('BQT.xlsx');
    for (const s of json.sources) expect(s.sha256).toBe(hashes.get(s.file));
  });

  it('computes the complete province from the newest files (--json)', () => {
    const v = Object.fromEntries(runs.full.json.targets.map((t) => [t.code, [t.value, t.status]]));
    expect(v['MT25-1']).toEqual([1, 'Đạt']);
    expect(v['MT25-2']).toEqual([1 / 3, 'Chưa đạt']);
    expect(v['MT25-4']).toEqual([0.5, 'Đạt']); // (1 + 1 + 0) / (1 + 2 + 1)
    expect(v['MT25-5']).toEqual([1 / 3, 'Chưa đạt']); // only BQT grew ≥ 20% (the superseded file did not)
    expect(v['MT25-6'][0]).toBeCloseTo(188 / 242, 12);
    const index = Object.fromEntries(runs.full.json.index.map((r) => [r.unitId, [r.total, r.level, r.rank]]));
    expect(index).toEqual({ BQT: [73, 'Tốt', 2], PTTH: [85, 'Tốt', 1], TCCV: [52.5, 'Trung bình', 3] });
  });

  it('lists the calculated cells typed over with false values as mismatches and does not use them', () => {
    const m = runs.full.json.mismatches.map((x) => [x.file, x.table, x.key, x.rowKey, x.stored, x.recomputed, x.kind]);
    expect(m).toEqual(expect.arrayContaining([
      ['TCCV.xlsx', 'tblMucTieu', 'status', 'MT25-3', 'Đạt', 'Chưa đạt', 'overwritten'],
      ['TCCV.xlsx', 'tblTruCot', 'points', 'Chiến lược', 18, 10, 'overwritten'],
      ['TCCV.xlsx', '', 'TongDiem', 'TongDiem', 90, 52.5, 'overwritten'],
      ['TCCV.xlsx', '', 'MucDo', 'MucDo', 'Xuất sắc', 'Trung bình', 'overwritten'],
    ]));
    expect(m).toHaveLength(4);
    expect(runs.full.json.targets.find((t) => t.code === 'MT25-3')?.value).toBeCloseTo(2 / 3, 12);
  });

  it('writes the same outcome into the workbook, read back by table name', async () => {
    const t = provinceTables(fs.readFileSync(path.join(outDir, 'tong-hop.xlsx')));
    const sources = Object.fromEntries(t('tblNguon').map((r) => [r.file.value, r.state.value]));
    expect(sources).toEqual({
      'BQT-2024.xlsx': 'Loại', 'BQT-old.xlsx': 'Bị thay thế', 'BQT.xlsx': 'Sử dụng', [INJECTED_FILE]: 'Sử dụng', 'STTTT.xlsx': 'Sử dụng', 'TCCV.xlsx': 'Sử dụng', 'corrupt.xlsx': 'Loại',
    });
    const targets = t('tblTHMucTieu');
    for (const j of runs.full.json.targets) {
      const row = targets.find((r) => r.code.value === j.code)!;
      expect([j.code, same(row.value.value, j.value), row.status.value]).toEqual([j.code, true, j.status]);
      expect(row.value.formula).not.toBeNull();
    }
    expect(t('tblSaiLech').map((r) => [r.file.value, r.key.value, r.stored.value, r.recomputed.value])).toEqual(
      runs.full.json.mismatches.map((m) => [m.file, m.key, m.stored, m.recomputed]),
    );
    expect(Object.fromEntries(t('tblTHChiSo').map((r) => [r.unitId.value, r.total.value]))).toEqual({ BQT: 73, PTTH: 85, TCCV: 52.5 });
  });

  it('keeps formula-like agency text as text: no formula anywhere but in the calculated columns', async () => {
    const t = provinceTables(fs.readFileSync(path.join(outDir, 'tong-hop.xlsx')));
    const ptth = t('tblTHNhiemVuDV').filter((r) => r.unitId.value === 'PTTH');
    const texts = ptth.flatMap((r) => ['result', 'evidence', 'difficulties', 'proposals', 'status'].map((k) => r[k]));
    expect(injectedTexts).toEqual(expect.arrayContaining([...INJECTIONS, '@Hoàn thành']));
    for (const s of injectedTexts) expect(texts.filter((c) => c.value === s).length).toBeGreaterThan(0);
    for (const c of texts) if (typeof c.value === 'string' && /^[=+\-@]/.test(c.value)) expect(c.formula).toBeNull();
    expect(ptth.map((r) => r.file.value)).toEqual(ptth.map(() => INJECTED_FILE));
    const calculated: Record<string, string[]> = {
      tblTHMucTieu: ['value', 'attainment', 'status'], tblTHNhiemVu: ['leadsReported', 'leadsDone', 'progress', 'state', 'overdue'], tblTHChiSo: ['rank', 'completeness', 'change'],
    };
    for (const table of ['tblTHMucTieu', 'tblTHNhiemVu', 'tblTHNhiemVuDV', 'tblTHChiSo', 'tblNguon', 'tblSaiLech', 'tblBaoCao']) {
      for (const row of t(table)) for (const [key, cell] of Object.entries(row)) if (cell.formula !== null) expect(`${table}.${key}`).toBe(calculated[table]?.includes(key) ? `${table}.${key}` : 'no formula');
    }
  });

  it('shows a missing agency as not submitted, and compares with last year (--previous)', async () => {
    const { code, json } = runs.partial;
    expect(runs.previous.code).toBe(0);
    expect(code).toBe(0);
    expect(json.targets.find((x) => x.code === 'MT25-1')).toMatchObject({ value: 1 / 3, status: 'Chưa đạt', reported: 1 });
    expect(json.targets.find((x) => x.code === 'MT25-1')?.agencies.map((a) => [a.unitId, a.status])).toEqual([['BQT', 'Đạt'], ['PTTH', NOT_SUBMITTED], ['TCCV', NOT_SUBMITTED]]);
    expect(json.index.map((r) => [r.unitId, r.reported, r.level, r.previousTotal, r.change])).toEqual([
      ['BQT', true, 'Tốt', 62, 11], ['PTTH', false, NOT_SUBMITTED, null, null], ['TCCV', false, NOT_SUBMITTED, null, null],
    ]);
    const t = provinceTables(fs.readFileSync(path.join(outDir, 'partial.xlsx')));
    const mt1 = t('tblTHMucTieu').find((r) => r.code.value === 'MT25-1')!;
    expect([mt1.a_PTTH.value, mt1.a_TCCV.value]).toEqual([NOT_SUBMITTED, NOT_SUBMITTED]);
    expect(t('tblTHChiSo').map((r) => r.level.value)).toEqual(['Tốt', NOT_SUBMITTED, NOT_SUBMITTED]);
  });

  it('exits 2 and writes nothing when nothing can be merged', () => {
    const { code, json, stderr } = runs.nothing;
    expect(code).toBe(2);
    expect(stderr).toContain('không có tệp nào tổng hợp được');
    expect(json.out).toBeNull();
    expect(json.sources.map((s) => [s.file, s.code])).toEqual([['corrupt.xlsx', 'unreadable'], ['BQT-2024.xlsx', 'otherYear']]);
    expect(fs.existsSync(path.join(outDir, 'none.xlsx'))).toBe(false);
  });

  it('refuses an --out that is one of the inputs, or an existing file without --force (exit 2)', async () => {
    const r = await cli(dir, 'merge', 'in', '--out', 'in/BQT.xlsx', '--force');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('tệp nguồn');
    expect((await cli(dir, 'merge', 'in/BQT.xlsx', '--out', 'out/tong-hop.xlsx')).code).toBe(2);
    expect((await cli(dir, 'merge', 'in/khong-co.xlsx', '--out', 'out/x.xlsx')).code).toBe(2);
    expect((await cli(dir, 'merge', 'in/BQT.xlsx', '--previous', 'out/tong-hop-2024.xlsx', '--out', 'out/tong-hop-2024.xlsx', '--force')).code).toBe(2);
  });

  it('may write into its input folder: a re-run skips its own earlier output there', async () => {
    const small = path.join(dir, 'small');
    fs.mkdirSync(small);
    fs.copyFileSync(path.join(inDir, 'BQT.xlsx'), path.join(small, 'BQT.xlsx'));
    expect((await cliJson<MergeJson>(dir, 'merge', 'small', '--out', 'small/tong-hop.xlsx')).code).toBe(0);
    const again = await cliJson<MergeJson>(dir, 'merge', 'small', '--out', 'small/tong-hop.xlsx', '--force');
    expect(again.code).toBe(0);
    expect(again.json.sources.map((s) => s.file)).toEqual(['BQT.xlsx']);
    // Named outright, even a province workbook is an input and is not overwritten.
    expect((await cli(dir, 'merge', 'small/BQT.xlsx', 'small/tong-hop.xlsx', '--out', 'small/tong-hop.xlsx', '--force')).code).toBe(2);
  });

  it('never modifies a source file', () => {
    for (const [f, h] of hashes) expect([f, sha256File(path.join(inDir, f))]).toEqual([f, h]);
  });

  withLibreOffice('LibreOffice recalculates the merged workbooks to the --json numbers, with no error value and text kept text', async () => {
    const lo = startLibreOffice(soffice ?? '');
    try {
      const names = ['tong-hop', 'partial'] as const;
      const converted = await lo.recalculate(names.map((n) => ({ name: n, data: fs.readFileSync(path.join(outDir, `${n}.xlsx`)) })), 100_000);
      for (const [i, name] of names.entries()) {
        const json = runs[name === 'tong-hop' ? 'full' : 'partial'].json;
        expect(errorCells(converted[i])).toEqual([]);
        const t = provinceTables(converted[i]);
        const wrong: unknown[] = [];
        const cmp = (where: string, got: Scalar | undefined, want: Scalar | boolean | undefined) => {
          const w = typeof want === 'boolean' ? (want ? 'Quá hạn' : '') : want;
          if (!same(got, w)) wrong.push({ where, libreOffice: got, json: w });
        };
        for (const j of json.targets) {
          const row = t('tblTHMucTieu').find((r) => r.code.value === j.code)!;
          cmp(`${j.code}.value`, row.value.value, j.value);
          cmp(`${j.code}.attainment`, row.attainment.value, j.attainment);
          cmp(`${j.code}.status`, row.status.value, j.status);
        }
        for (const j of json.tasks) {
          const row = t('tblTHNhiemVu').find((r) => r.no.value === j.no)!;
          cmp(`task ${j.no}.leadsReported`, row.leadsReported.value, j.leadsReported);
          cmp(`task ${j.no}.leadsDone`, row.leadsDone.value, j.leadsDone);
          cmp(`task ${j.no}.progress`, row.progress.value, j.progress);
          cmp(`task ${j.no}.state`, row.state.value, j.state);
          cmp(`task ${j.no}.overdue`, row.overdue.value, j.overdue);
        }
        for (const j of json.index) {
          const row = t('tblTHChiSo').find((r) => r.unitId.value === j.unitId)!;
          cmp(`${j.unitId}.rank`, row.rank.value, j.rank);
          cmp(`${j.unitId}.completeness`, row.completeness.value, j.completeness);
          cmp(`${j.unitId}.change`, row.change.value, j.change);
        }
        expect([name, wrong]).toEqual([name, []]);
        if (name === 'tong-hop') {
          const texts = t('tblTHNhiemVuDV').filter((r) => r.unitId.value === 'PTTH').flatMap((r) => [r.result, r.evidence, r.difficulties, r.proposals]);
          for (const s of injectedTexts.filter((x) => x !== '@Hoàn thành')) expect(texts.some((c) => c.value === s && c.formula === null)).toBe(true);
        }
      }
    } finally {
      lo.dispose();
    }
  }, 150_000);
});
