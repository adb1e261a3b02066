/**
 * The bench's measurements that run PressDX's own TypeScript (compiled by bench/run.js with
 * bench/tsconfig.json): Office.js syncs per command against the strict in-memory Excel, check
 * throughput on a synthetic workbook, and merge against parse-only over generated agency files.
 */
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { promises as fs } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { prepareMerge } from '../../src/app/merge';
import type { OfficialData } from '../../src/app/types';
import { fileSource, nodeSha256 } from '../../src/cli/commands/merge';
import { SAMPLES, sampleWorkbook } from '../../src/cli/commands/samples';
import type { Criterion, IndexVersion, Plan, Unit } from '../../src/domain/types';
import { dateSerial, localDateSerial } from '../../src/domain/values';
import { createFakeExcel } from '../../src/fake-excel';
import { INDEX_VERSIONS, indexVersionById, indexVersionForYear } from '../../src/indexes/index-versions';
import { makeOperations } from '../../src/office/operations';
import { renderWorkbookSpec } from '../../src/office/render';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../../src/workbook/agency-template';
import { HEADERS } from '../../src/workbook/labels';
import { buildProvinceWorkbookSpec } from '../../src/workbook/province-spec';
import { renderToBuffer } from '../../src/xlsx';
import { fillFileContent, typeAgencyInputs } from '../../src/xlsx/fill';
import { readWorkbookBytes, readWorkbookFile } from '../../src/xlsx/read-file';
import { SAMPLE_AGENCIES, typeEntries } from '../../src/workbench/samples';

const YEAR = 2025;
const NOW = new Date(YEAR, 10, 25, 9, 0, 0);
const TODAY = localDateSerial(NOW);

export interface SyncCounts {
  create: number;
  check: number;
  fill: number;
  merge: number;
  /** Files the merge read (syncs do not grow with them). */
  mergeFiles: number;
  /** context.sync() over the whole session, as the fake counted them. */
  total: number;
}

/**
 * Syncs per command, counted by the fake (every context.sync, including the one that ends an
 * Excel.run with work queued): create the template, type an agency's entries, check, fill, then
 * merge the given files into the same workbook.
 */
export async function syncsPerCommand(mergeInputs: Array<{ name: string; bytes: Uint8Array }>): Promise<SyncCounts> {
  const fake = createFakeExcel({ locale: 'vi-VN' });
  const ops = makeOperations(fake.run, fake.isSetSupported, { now: () => NOW });
  const counted = async (f: () => Promise<unknown>) => {
    const before = fake.syncCount;
    await f();
    return fake.syncCount - before;
  };
  const create = await counted(() =>
    ops.createTemplateInExcel({ unitId: 'BQT', year: YEAR, indexVersionId: indexVersionForYear(YEAR).id, lang: 'vi', replaceExisting: false }, () => undefined),
  );
  typeEntries(fake.model, SAMPLE_AGENCIES[0].entries(YEAR));
  const check = await counted(() => ops.runCheck('vi'));
  const fill = await counted(() => ops.runFill());
  const merge = await counted(() => ops.mergeFiles(mergeInputs, { year: YEAR, lang: 'vi', replaceExisting: true }, () => undefined));
  return { create, check, fill, merge, mergeFiles: mergeInputs.length, total: fake.syncCount };
}

/** An index version with `n` criteria (the published catalogues have 42–43), so tblChiSo has n rows. */
function syntheticIndex(n: number): IndexVersion {
  const base = indexVersionById('3560-2025');
  if (!base) throw new Error('index 3560-2025 missing');
  const criteria: Criterion[] = Array.from({ length: n }, (_, i) => ({
    pillarNo: (i % 5) + 1,
    component: `Thành phần ${(i % 10) + 1}`,
    code: `TC${i + 1}`,
    name: `Tiêu chí tổng hợp số ${i + 1}`,
    maxPoints: 2,
  }));
  return { ...base, id: `bench-${n}`, criteria };
}

export interface CheckThroughput {
  rows: number;
  /** Table cells the check read and examined. */
  cells: number;
  ms: number;
  cellsPerSecond: number;
  syncs: number;
  findings: number;
  renderMs: number;
}

/**
 * Kiểm tra on a workbook whose self-assessment has `rows` criterion rows, every one typed in
 * (points, some over the maximum, evidence): wall time of the whole operation — Office.js reads
 * through the fake, the engine's rules, the findings.
 */
export async function checkThroughput(rows: number): Promise<CheckThroughput> {
  const fake = createFakeExcel({ locale: 'vi-VN' });
  const spec = buildAgencyWorkbookSpec({ plan: QUANG_TRI_2023, index: syntheticIndex(rows), year: YEAR, unitId: 'BQT', lang: 'vi', generatedAt: NOW.toISOString(), generator: 'bench' }, TODAY);
  const t0 = performance.now();
  await fake.run((context) => renderWorkbookSpec(context, spec, { replaceExisting: false, isSetSupported: fake.isSetSupported, lang: 'vi' }));
  const renderMs = performance.now() - t0;
  // Type the self-assessment as a user would paste it: points (every 50th over the maximum) and evidence.
  const model = fake.model;
  const table = model.table('tblChiSo');
  if (!table) throw new Error('tblChiSo missing');
  const names = table.columnNames;
  const points = names.indexOf(HEADERS.vi.tblChiSo.selfPoints);
  const evidence = names.indexOf(HEADERS.vi.tblChiSo.evidence);
  if (points < 0 || evidence < 0) throw new Error(`tblChiSo columns not found: ${names.join(', ')}`);
  const data = table.dataRect;
  model.write(table.sheet, { top: data.top, left: data.left + points, rows: data.rows, cols: 1 }, Array.from({ length: data.rows }, (_, i) => [i % 50 === 7 ? 3 : (i % 3) * 0.5 + 0.5]), 'bench');
  model.write(table.sheet, { top: data.top, left: data.left + evidence, rows: data.rows, cols: 1 }, Array.from({ length: data.rows }, (_, i) => [`Hồ sơ ${i + 1}`]), 'bench');

  const ops = makeOperations(fake.run, fake.isSetSupported, { now: () => NOW });
  // One untimed run first: the timing is of a warm engine, as in a task pane that has checked before.
  await ops.runCheck('vi');
  const before = fake.syncCount;
  const t1 = performance.now();
  const report = await ops.runCheck('vi');
  const ms = performance.now() - t1;
  const cells = model.tables.reduce((n, t) => n + (t.rect.rows - 1) * t.rect.cols, 0);
  return { rows, cells, ms, cellsPerSecond: cells / (ms / 1000), syncs: fake.syncCount - before, findings: report.findings.length, renderMs };
}

export interface Generated {
  files: string[];
  ms: number;
  bytes: number;
}

/**
 * A plan like the province's with enough press agencies for `count` distinct reporters: the
 * national count (778 in 2025) is far more than one province has, so the extra agencies are
 * synthetic ("Cơ quan báo chí số 0004"), each a newspaper, and every file speaks for its own one.
 */
export function benchPlan(count: number): Plan {
  const extra: Unit[] = [];
  for (let i = QUANG_TRI_2023.units.filter((u) => u.group === 'press').length + 1; i <= count; i++) {
    const name = `Cơ quan báo chí số ${String(i).padStart(4, '0')}`;
    extra.push({ id: `CQBC${String(i).padStart(4, '0')}`, name, aliases: [name], type: 'Báo', group: 'press' });
  }
  return { ...QUANG_TRI_2023, units: [...QUANG_TRI_2023.units, ...extra] };
}

/**
 * `count` agency report files in `dir`, one per press agency of `plan`: the CLI's press-agency
 * sample reports (template rendered, entries typed, Tính toán) as bases, each re-saved for its
 * own agency with its own preparer and submission date, so every file is a distinct, complete
 * agency workbook that the merge includes.
 */
export async function generateAgencyFiles(dir: string, plan: Plan): Promise<Generated> {
  const t0 = performance.now();
  await fs.mkdir(dir, { recursive: true });
  const press = plan.units.filter((u) => u.group === 'press');
  const bases = await Promise.all(
    SAMPLES.filter((s) => !s.file(YEAR).includes('co-loi') && press.some((u) => u.id === s.unitId)).map((s) => sampleWorkbook(plan, YEAR, s, 'PressDX bench')),
  );
  const data: OfficialData = { plan, indexVersions: INDEX_VERSIONS };
  const files: string[] = [];
  let total = 0;
  for (let i = 0; i < press.length; i++) {
    const unit = press[i];
    const typed = typeAgencyInputs(bases[i % bases.length], {
      tblThongTin: {
        unit: { value: unit.name },
        preparer: { value: `Người lập biểu ${i + 1}` },
        submittedOn: { value: dateSerial(YEAR, 11, 1) + (i % 24) },
      },
    });
    const { bytes } = fillFileContent(typed, readWorkbookBytes(typed), data, TODAY);
    const file = path.join(dir, `bao-cao-${String(i + 1).padStart(4, '0')}-${unit.id}.xlsx`);
    await fs.writeFile(file, bytes);
    files.push(file);
    total += bytes.length;
  }
  return { files, ms: performance.now() - t0, bytes: total };
}

/**
 * A copy ExcelJS can load: its table parser rejects a <tableColumn> with children
 * (calculatedColumnFormula), which every file PressDX or Excel saves has, so the baseline
 * strips them. Only the bench does this; PressDX's own reader reads the files as they are.
 */
function forExcelJS(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  for (const name of Object.keys(parts).filter((n) => /^xl\/tables\/[^/]+\.xml$/i.test(n))) {
    parts[name] = strToU8(strFromU8(parts[name]).replace(/<tableColumn\b((?:[^>/]|\/(?!>))*)>[\s\S]*?<\/tableColumn>/g, '<tableColumn$1/>'));
  }
  return zipSync(parts, { level: 6 });
}

export interface MergeVsParse {
  files: number;
  mergeMs: number;
  /** ExcelJS loading each file (copies without calculated-column formulas): the baseline. */
  parseMs: number;
  /** PressDX's reader reading each file as it is (tables and the named cells). */
  readMs: number;
  ratio: number;
  /** Peak heap above the starting heap (bytes) while each runs; `quarter` for the merge of a quarter of the files. */
  peak: { parse: number; read: number; merge: number; quarter: number; quarterFiles: number; mergeRetained: number; quarterRetained: number };
  included: number;
  superseded: number;
  excluded: number;
}

/**
 * The highest heap seen while `run` works, above the heap before it: sampled every 10 ms (each
 * file is read after an await, so the timer gets its turn) and once at the end.
 */
async function peakHeap<T>(run: () => Promise<T>): Promise<{ result: T; peak: number; retained: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed - base));
  const timer = setInterval(sample, 10);
  try {
    const result = await run();
    sample();
    // What the phase still holds once garbage is gone (its result included): the part that grows with the files.
    gc?.();
    return { result, peak, retained: process.memoryUsage().heapUsed - base };
  } finally {
    clearInterval(timer);
  }
}

/** The CLI's merge (read, check, consolidate, render the province workbook) against `plan`. */
async function merge(files: string[], plan: Plan) {
  const { consolidation } = await prepareMerge(files.map(fileSource), { year: YEAR, lang: 'vi' }, { reader: readWorkbookFile, data: { plan, indexVersions: INDEX_VERSIONS }, now: NOW, generator: 'PressDX bench', sha256: nodeSha256 });
  await renderToBuffer(buildProvinceWorkbookSpec(consolidation, 'vi'), { created: NOW });
  return consolidation;
}

/**
 * The CLI's merge of the files against only parsing them with ExcelJS (the old reader, kept
 * here as the baseline), and against PressDX's reader alone. The ExcelJS copies are made
 * before the clock starts and written beside the originals, so both parse timings read files
 * from disk.
 */
export async function mergeVsParse(files: string[], plan: Plan): Promise<MergeVsParse> {
  const copies: string[] = [];
  for (const f of files) {
    const copy = f.replace(/\.xlsx$/i, '.exceljs-copy');
    await fs.writeFile(copy, forExcelJS(await fs.readFile(f)));
    copies.push(copy);
  }
  // ExcelJS's typings declare its own Buffer type; a Node Buffer is what it reads.
  const excelParse = async (f: string) => new ExcelJS.Workbook().xlsx.load((await fs.readFile(f)) as unknown as ExcelJS.Buffer);
  // Warm every path up (JIT, lazily loaded modules) so no timing pays for starting Node's engine.
  const warm = files.slice(0, Math.min(10, files.length));
  for (const f of copies.slice(0, warm.length)) await excelParse(f);
  for (const f of warm) readWorkbookBytes(await fs.readFile(f));
  await merge(warm, plan);
  const quarterFiles = files.slice(0, Math.max(1, Math.floor(files.length / 4)));
  const quarter = await peakHeap(() => merge(quarterFiles, plan));
  const t0 = performance.now();
  const parse = await peakHeap(async () => {
    for (const f of copies) await excelParse(f);
  });
  const parseMs = performance.now() - t0;
  const t1 = performance.now();
  const read = await peakHeap(async () => {
    for (const f of files) readWorkbookBytes(await fs.readFile(f));
  });
  const readMs = performance.now() - t1;
  const t2 = performance.now();
  const { result: consolidation, peak: mergePeak, retained: mergeRetained } = await peakHeap(() => merge(files, plan));
  const mergeMs = performance.now() - t2;
  await Promise.all(copies.map((c) => fs.rm(c, { force: true })));
  const count = (state: string) => consolidation.sources.filter((s) => s.state === state).length;
  return {
    files: files.length, mergeMs, parseMs, readMs, ratio: mergeMs / parseMs, included: count('included'), superseded: count('superseded'), excluded: count('excluded'),
    peak: { parse: parse.peak, read: read.peak, merge: mergePeak, quarter: quarter.peak, quarterFiles: quarterFiles.length, mergeRetained, quarterRetained: quarter.retained },
  };
}
