import { createHash } from 'crypto';
import { createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { describeWorkbook } from '../../app/agency';
import { prepareMerge, readPreviousWorkbook, SourceUnavailable, type MergeSource } from '../../app/merge';
import { STATE_LABEL, type Consolidation, type PreviousProvince } from '../../domain/consolidate';
import { formatSerial } from '../../domain/values';
import { OFFICIAL_DATA } from '../../plans/official-data';
import type { Lang } from '../../workbook/labels';
import { buildProvinceWorkbookSpec } from '../../workbook/province-spec';
import { renderToBuffer } from '../../xlsx';
import { readWorkbookFile, readWorkbookBytes } from '../../xlsx/read-file';
import { parseYear, UsageError } from '../args';
import { error, type CliIO, type Command } from '../command';
import { MSG, say } from '../messages';
import { parseLang, percentText, readBoundedFile, showScalar, str, UnreadableFile, writeFileAtomic, type OutputLang } from './shared';
import { YEAR_RANGE } from './template';

/**
 * `pressdx merge FILES_OR_FOLDERS... --out TONG-HOP.xlsx`: the province workbook from the
 * agencies' files. Files are read one at a time and only their small table data is kept, so
 * memory stays bounded by one workbook however many files there are. Source files are only
 * read, never written; the output may not be one of them.
 */

/** Folder entries that are inputs: .xlsx files, without Excel's "~$" lock files. */
const isWorkbookName = (name: string) => /\.xlsx$/i.test(name) && !name.startsWith('~$');

/** Files named on the command line, with folders expanded (not recursively) in name order. */
export async function expandInputs(args: string[], cwd: string): Promise<Array<{ file: string; named: boolean }>> {
  const out: Array<{ file: string; named: boolean }> = [];
  for (const arg of args) {
    const p = path.resolve(cwd, arg);
    const stat = await fs.stat(p).catch(() => undefined);
    if (!stat) throw new UsageError(MSG.mergeInputMissing(arg));
    if (stat.isDirectory()) {
      const names = (await fs.readdir(p, { withFileTypes: true })).filter((d) => d.isFile() && isWorkbookName(d.name)).map((d) => d.name).sort();
      out.push(...names.map((n) => ({ file: path.join(p, n), named: false })));
    } else {
      out.push({ file: p, named: true });
    }
  }
  // The same file named twice (directly and through its folder) is one submission.
  const seen = new Set<string>();
  return out.filter((x) => !seen.has(x.file) && seen.add(x.file));
}

/** Whether a file is a province workbook (last run's output), judged by its own tblMeta. */
async function isProvinceWorkbook(file: string): Promise<boolean> {
  try {
    const { bytes } = await readBoundedFile(file);
    return describeWorkbook(readWorkbookBytes(bytes)).kind === 'province';
  } catch {
    return false;
  }
}

/** SHA-256 with Node's crypto: the application's pure one is for the browser, and slower. */
export const nodeSha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** SHA-256 of a file without holding it in memory; blank when it cannot be read at all. */
function streamSha256(file: string): Promise<string> {
  return new Promise((resolve) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', () => resolve(''));
  });
}

/** A file as a merge source: its bytes when its turn comes, or why they cannot be had (still fingerprinted, by streaming). */
export function fileSource(file: string): MergeSource {
  return {
    name: path.basename(file),
    async load() {
      try {
        const { bytes, stat } = await readBoundedFile(file);
        return { bytes, modifiedAt: stat.mtime.toISOString() };
      } catch (e) {
        if (!(e instanceof UnreadableFile)) throw e;
        const size = (await fs.stat(file).catch(() => undefined))?.size ?? 0;
        throw new SourceUnavailable(e.text.vi, await streamSha256(file), size);
      }
    },
  };
}

export interface MergeOptions {
  year?: number;
  previous?: PreviousProvince;
  now: Date;
  generator: string;
  lang: Lang;
}

export interface MergeOutcome {
  consolidation: Consolidation;
  /** Undefined when nothing could be merged. */
  bytes?: Uint8Array;
}

/** The application's merge over files, then the province workbook rendered by ExcelJS. */
export async function mergeFiles(files: string[], o: MergeOptions): Promise<MergeOutcome> {
  const { consolidation } = await prepareMerge(files.map(fileSource), { year: o.year, previous: o.previous, lang: o.lang }, { reader: readWorkbookFile, data: OFFICIAL_DATA, now: o.now, generator: o.generator, sha256: nodeSha256 });
  if (!consolidation.sources.some((s) => s.state === 'included')) return { consolidation };
  const bytes = await renderToBuffer(buildProvinceWorkbookSpec(consolidation, o.lang), { created: o.now });
  return { consolidation, bytes };
}

export function mergeJson(c: Consolidation, out: string | null, lang: OutputLang) {
  const orNull = (v: number | null | undefined) => (v === undefined ? null : v);
  return {
    out,
    year: c.year,
    reportDate: formatSerial(c.reportDate),
    indexVersion: c.index.id,
    seal: c.seal,
    counts: {
      files: c.sources.length,
      included: c.sources.filter((s) => s.state === 'included').length,
      superseded: c.sources.filter((s) => s.state === 'superseded').length,
      excluded: c.sources.filter((s) => s.state === 'excluded').length,
    },
    targets: c.targets.map((t) => ({
      code: t.target.code, threshold: t.target.threshold, expected: t.expected, reported: t.reported, meeting: t.meeting,
      numerator: t.numerator, denominator: t.denominator, value: t.value, attainment: t.attainment, status: t.status,
      agencies: t.agencies.map((a) => ({ unitId: a.unitId, status: a.status, result: a.resultText })),
    })),
    tasks: c.tasks.map((t) => ({
      no: t.task.no, due: t.due === null ? '' : formatSerial(t.due), leads: t.leads, leadsReported: t.leadsReported, leadsDone: t.leadsDone,
      progress: t.progress, state: t.state, overdue: t.overdue,
    })),
    index: c.indexRows.map((r) => ({
      unitId: r.unitId, unit: r.unitName, reported: r.reported, total: r.total, level: r.level, rank: r.rank,
      completeness: r.completeness, previousTotal: r.previousTotal, change: r.change,
    })),
    sources: c.sources.map((s) => ({
      file: s.fileName, sha256: s.sha256, sizeBytes: s.sizeBytes, unitId: s.unitId ?? null, unit: s.unitName, year: s.year,
      state: s.state, included: s.state === 'included', code: s.code ?? null, reason: lang === 'vi' ? s.reasonVi : s.reasonEn,
      errors: s.errors, warnings: s.warnings, mismatches: s.mismatches, onTime: s.onTime, submittedOn: orNull(s.submittedOn),
    })),
    mismatches: c.mismatches.map((m) => ({
      file: m.fileName, unitId: m.unitId, table: m.table, key: m.key, row: m.row, rowKey: m.rowKey, stored: m.stored, recomputed: m.recomputed, kind: m.kind,
    })),
  };
}

export function mergeSummary(c: Consolidation, lang: OutputLang): string {
  const count = (s: string) => c.sources.filter((x) => x.state === s).length;
  const lines = [say(MSG.mergeHeader(c.year, c.sources.length, count('included'), count('superseded'), count('excluded')), lang)];
  const stateEn = { included: 'used', superseded: 'superseded', excluded: 'excluded' } as const;
  for (const s of c.sources) {
    const reason = lang === 'vi' ? s.reasonVi : s.reasonEn;
    lines.push(`  [${lang === 'vi' ? STATE_LABEL[s.state] : stateEn[s.state]}] ${s.fileName}${s.unitName ? ` — ${s.unitName}` : ''}${reason ? `: ${reason}` : ''}`);
  }
  lines.push(say(MSG.mergeTargetsHeader(), lang));
  for (const t of c.targets) lines.push(`  ${t.target.code.padEnd(7)} ${percentText(t.value, lang)} / ${percentText(t.target.threshold, lang)} — ${t.status}`);
  lines.push(say(MSG.mergeIndexHeader(), lang));
  for (const r of c.indexRows) lines.push(`  ${r.unitName}: ${r.total === null ? '—' : showScalar(r.total, lang)} — ${r.level}`);
  if (c.mismatches.length > 0) lines.push(say(MSG.mergeMismatches(c.mismatches.length), lang));
  return lines.join('\n') + '\n';
}

/** Last year's figures from a province workbook given with --previous. */
async function readPrevious(file: string): Promise<PreviousProvince> {
  let bytes: Buffer;
  try {
    ({ bytes } = await readBoundedFile(file));
  } catch (e) {
    if (e instanceof UnreadableFile) throw new UsageError(e.text);
    throw e;
  }
  const previous = await readPreviousWorkbook(bytes, path.basename(file), readWorkbookFile);
  if ('error' in previous) throw new UsageError(MSG.mergeBadPrevious(file, previous.error));
  return previous;
}

export const mergeCommand: Command = {
  help: {
    name: 'merge',
    summary: { vi: 'Tổng hợp báo cáo các đơn vị thành bảng tổng hợp của tỉnh', en: "Merge the agencies' reports into the province workbook" },
    usage: 'pressdx merge TỆP_HOẶC_THƯ_MỤC... --out TONG-HOP.xlsx [--year NĂM] [--previous NĂM_TRƯỚC.xlsx] [--json] [--lang vi|en] [--force]',
    options: [
      { flag: '--out FILE.xlsx', text: { vi: 'Bảng tổng hợp sẽ ghi (bắt buộc); không được là tệp nguồn.', en: 'Province workbook to write (required); never one of the inputs.' } },
      { flag: '--year YYYY', text: { vi: 'Năm báo cáo; mặc định năm có nhiều tệp nhất.', en: 'Reporting year; default the year most files report.' } },
      { flag: '--previous FILE.xlsx', text: { vi: 'Bảng tổng hợp năm trước, để so sánh điểm chỉ số.', en: "Last year's province workbook, to compare index scores." } },
      { flag: '--json', text: { vi: 'In tóm tắt tổng hợp dạng JSON.', en: 'Print the consolidation summary as JSON.' } },
      { flag: '--lang vi|en', text: { vi: 'Ngôn ngữ của thông báo và bảng tổng hợp; mặc định vi.', en: 'Language of the messages and the workbook; default vi.' } },
      { flag: '--force', text: { vi: 'Ghi đè tệp --out nếu đã có (không bao giờ ghi đè tệp nguồn).', en: 'Overwrite an existing --out (never an input).' } },
    ],
    notes: [{ vi: 'Mã thoát: 0 đã tổng hợp (tệp bị loại được liệt kê), 2 không tệp nào tổng hợp được hoặc sai đối số. Thư mục được đọc không đệ quy, bỏ qua tệp khóa ~$.', en: 'Exit codes: 0 merged (excluded files are listed), 2 nothing could be merged or bad arguments. Folders are read non-recursively, skipping ~$ lock files.' }],
  },
  options: { out: { value: true }, year: { value: true }, previous: { value: true }, json: { value: false }, lang: { value: true }, force: { value: false } },
  async run({ options, positionals }, io: CliIO) {
    const lang = parseLang(options.lang);
    const messageIO = { ...io, lang: options.lang === undefined ? io.lang : lang };
    if (positionals.length === 0) throw new UsageError(MSG.mergeNoInputs());
    const outArg = str(options, 'out');
    if (!outArg) throw new UsageError(MSG.required('--out'));
    if (!/\.xlsx$/i.test(outArg)) throw new UsageError(MSG.outNotXlsx(outArg));
    const out = path.resolve(io.cwd, outArg);
    const yearArg = str(options, 'year');
    const year = yearArg === undefined ? undefined : parseYear('--year', yearArg, YEAR_RANGE.min, YEAR_RANGE.max);

    const inputs = await expandInputs(positionals, io.cwd);
    const real = async (p: string) => fs.realpath(p).catch(() => p);
    const outReal = await real(out);
    const clash: Array<{ file: string; named: boolean }> = [];
    for (const x of inputs) if ((await real(x.file)) === outReal) clash.push(x);
    // Found in an input folder, last run's province workbook is an output, not a submission;
    // anything else there (or a file named outright) is a source and is never overwritten.
    for (const x of clash) if (x.named || !(await isProvinceWorkbook(x.file))) throw new UsageError(MSG.mergeOutIsInput(out));
    const files = inputs.filter((x) => !clash.includes(x)).map((x) => x.file);
    const dir = await fs.stat(path.dirname(out)).catch(() => undefined);
    if (!dir?.isDirectory()) throw new UsageError(MSG.outDirMissing(path.dirname(out)));
    if (options.force !== true && (await fs.stat(out).catch(() => undefined))) throw new UsageError(MSG.outExists(out));
    const previousArg = str(options, 'previous');
    // Last year's workbook is read like a source, so it is never the file written either.
    if (previousArg !== undefined && (await real(path.resolve(io.cwd, previousArg))) === outReal) throw new UsageError(MSG.mergeOutIsInput(out));
    const previous = previousArg === undefined ? undefined : await readPrevious(path.resolve(io.cwd, previousArg));

    const started = performance.now();
    const now = io.now();
    const { consolidation: c, bytes } = await mergeFiles(files, { year, previous, now, generator: `PressDX ${io.version}`, lang });
    if (!bytes) {
      if (options.json === true) io.stdout(JSON.stringify(mergeJson(c, null, lang), null, 2) + '\n');
      else io.stdout(mergeSummary(c, lang));
      error(messageIO, MSG.mergeNothing());
      return 2;
    }
    try {
      await writeFileAtomic(out, bytes);
    } catch (e) {
      error(messageIO, MSG.writeFailed(out, e instanceof Error ? e.message : String(e)));
      return 1;
    }
    const ms = Math.round(performance.now() - started);
    if (options.json === true) io.stdout(JSON.stringify(mergeJson(c, out, lang), null, 2) + '\n');
    else io.stdout(mergeSummary(c, lang) + say(MSG.mergeDone(out, (bytes.length / 1024).toFixed(1), files.length, ms), lang) + '\n');
    return 0;
  },
};
