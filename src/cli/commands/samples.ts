import { promises as fs } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { Plan } from '../../domain/types';
import { dateSerial } from '../../domain/values';
import { indexVersionForYear } from '../../indexes/index-versions';
import { QUANG_TRI_2023 } from '../../plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../../workbook/agency-template';
import {
  SAMPLE_BQT,
  SAMPLE_PTTH,
  SAMPLE_STTTT,
  SAMPLE_TCCV,
  sampleIndicators,
  sampleInfo,
  samplePoints,
  sampleTasks,
  TCCV_EVIDENCE,
  TCCV_INDICATORS,
  TCCV_POINTS,
  TCCV_PREPARER,
  TCCV_TASKS,
  type SampleAgencyEntries,
} from '../../workbook/sample-entries';
import { OFFICIAL_DATA } from '../../plans/official-data';
import { renderToBuffer } from '../../xlsx';
import { fillFileContent, typeAgencyInputs } from '../../xlsx/fill';
import type { AgencyInputs } from '../../xlsx/inputs';
import { readWorkbookBytes } from '../../xlsx/read-file';
import { UsageError } from '../args';
import { error, type CliIO, type Command } from '../command';
import { MSG, say, type Bilingual } from '../messages';
import { mergeFiles } from './merge';
import { str, writeFileAtomic } from './shared';
import { YEAR_RANGE } from './template';

/**
 * `pressdx samples --out DIR`: a realistic year of reporting to try the tool on — the three press
 * agencies' filled reports, the Sở Thông tin và Truyền thông's report on its tasks, an earlier
 * draft of one agency's report with typical mistakes, and the province workbook merged from them.
 * The agencies' entries come from src/workbook/sample-entries (shared with the workbench).
 * Figures are invented but plausible for the province; names and addresses are fictitious.
 */

interface Sample {
  file: (year: number) => string;
  unitId: string;
  what: Bilingual;
  /** Month and day of the submission date. */
  submitted: [number, number];
  inputs: (year: number) => AgencyInputs;
}

/** A sample file from one agency's shared entries. */
const fromEntries = (file: Sample['file'], what: Bilingual, agency: SampleAgencyEntries): Sample => ({
  file,
  unitId: agency.unitId,
  what,
  submitted: agency.submitted,
  inputs: (y) => agency.entries(y),
});

export const SAMPLES: Sample[] = [
  fromEntries((y) => `bao-cao-BQT-${y}.xlsx`, { vi: 'Báo Quảng Trị, đầy đủ', en: 'Báo Quảng Trị, complete' }, SAMPLE_BQT),
  fromEntries((y) => `bao-cao-PTTH-${y}.xlsx`, { vi: 'Đài Phát thanh - Truyền hình tỉnh, đầy đủ', en: 'Provincial radio and television, complete' }, SAMPLE_PTTH),
  fromEntries((y) => `bao-cao-TCCV-${y}.xlsx`, { vi: 'Tạp chí Cửa Việt, bản chính thức', en: 'Tạp chí Cửa Việt, final report' }, SAMPLE_TCCV),
  {
    file: (y) => `bao-cao-TCCV-${y}-ban-nhap-co-loi.xlsx`,
    unitId: 'TCCV',
    what: {
      vi: 'Tạp chí Cửa Việt, bản nháp gửi trước có lỗi (chữ trong ô số, điểm vượt tối đa, Hoàn thành mà tiến độ 60%); bị bản chính thức thay thế khi tổng hợp',
      en: 'Tạp chí Cửa Việt, earlier draft with mistakes (text in a number cell, points over the maximum, done at 60%); superseded by the final report when merged',
    },
    submitted: [11, 12],
    inputs: (y) => ({
      tblThongTin: sampleInfo(y, [11, 12], ...TCCV_PREPARER),
      tblChiTieu: sampleIndicators({ ...TCCV_INDICATORS, CT6a: 'mười tám' }),
      tblNhiemVu: sampleTasks({ ...TCCV_TASKS, 1: ['Hoàn thành', 60, TCCV_TASKS[1][2]] }),
      tblChiSo: samplePoints([...TCCV_POINTS.slice(0, 4), 20], TCCV_EVIDENCE),
    }),
  },
  fromEntries((y) => `bao-cao-STTTT-${y}.xlsx`, { vi: 'Sở Thông tin và Truyền thông, các nhiệm vụ chủ trì và phối hợp', en: 'Department of Information and Communications, its tasks' }, SAMPLE_STTTT),
];

/** One filled agency workbook: the template spec rendered, entries typed, then Tính toán. */
export async function sampleWorkbook(plan: Plan, year: number, sample: Sample, generator: string): Promise<Uint8Array> {
  const submitted = dateSerial(year, sample.submitted[0], sample.submitted[1]);
  const generatedAt = `${year}-11-03T08:00:00.000Z`;
  const spec = buildAgencyWorkbookSpec({ plan, index: indexVersionForYear(year), year, unitId: sample.unitId, lang: 'vi', generatedAt, generator }, submitted);
  const template = await renderToBuffer(spec, { created: new Date(generatedAt) });
  const typed = typeAgencyInputs(template, sample.inputs(year));
  // Every sample carries its submission date, so "today" only matters for the cached results' form.
  return fillFileContent(typed, readWorkbookBytes(typed), { ...OFFICIAL_DATA, plan }, submitted).bytes;
}

export const samplesCommand: Command = {
  help: {
    name: 'samples',
    summary: { vi: 'Tạo bộ tệp mẫu: báo cáo các đơn vị và bảng tổng hợp', en: 'Write sample agency reports and the province workbook' },
    usage: 'pressdx samples --out THƯ_MỤC [--year NĂM]',
    options: [
      { flag: '--out DIR', text: { vi: 'Thư mục sẽ ghi (tạo nếu chưa có); tệp mẫu cùng tên được ghi đè.', en: 'Folder to write (created if missing); sample files of the same name are replaced.' } },
      { flag: '--year YYYY', text: { vi: 'Năm báo cáo của bộ mẫu; mặc định 2025.', en: 'Reporting year of the samples; default 2025.' } },
    ],
  },
  options: { out: { value: true }, year: { value: true } },
  async run({ options, positionals }, io: CliIO) {
    if (positionals.length > 0) throw new UsageError(MSG.unexpectedArgument(positionals[0]));
    const outArg = str(options, 'out');
    if (!outArg) throw new UsageError(MSG.required('--out'));
    const yearArg = str(options, 'year');
    const year = yearArg === undefined ? 2025 : /^\d{4}$/.test(yearArg.trim()) ? Number(yearArg.trim()) : NaN;
    if (!Number.isInteger(year) || year < YEAR_RANGE.min || year > YEAR_RANGE.max) throw new UsageError(MSG.badYear('--year', yearArg ?? '', YEAR_RANGE.min, YEAR_RANGE.max));
    const dir = path.resolve(io.cwd, outArg);
    const started = performance.now();
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (e) {
      error(io, MSG.writeFailed(dir, e instanceof Error ? e.message : String(e)));
      return 1;
    }
    const plan = QUANG_TRI_2023;
    const generator = `PressDX ${io.version} (tệp mẫu)`;
    const lines = [say(MSG.samplesHeader(dir, year), io.lang)];
    const written: string[] = [];
    for (const s of SAMPLES) {
      const file = path.join(dir, s.file(year));
      await writeFileAtomic(file, await sampleWorkbook(plan, year, s, generator));
      written.push(file);
      lines.push('  ' + say(MSG.samplesWrote(path.basename(file), s.what), io.lang));
    }
    const outFile = path.join(dir, `tong-hop-${year}.xlsx`);
    const { bytes } = await mergeFiles(written, { year, now: new Date(year, 11, 1, 15), generator, lang: 'vi' });
    if (!bytes) throw new Error('the sample files did not merge');
    await writeFileAtomic(outFile, bytes);
    lines.push('  ' + say(MSG.samplesWrote(path.basename(outFile), { vi: 'bảng tổng hợp của tỉnh, từ các tệp trên', en: 'the province workbook, merged from the files above' }), io.lang));
    lines.push(say(MSG.samplesDone(written.length + 1, Math.round(performance.now() - started)), io.lang));
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
