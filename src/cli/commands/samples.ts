import { promises as fs } from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import type { Plan } from '../../domain/types';
import { dateSerial, type Scalar } from '../../domain/values';
import { indexVersionForYear } from '../../indexes/index-versions';
import { QUANG_TRI_2023 } from '../../plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../../workbook/agency-template';
import { readPackageExtras, renderToBuffer, workbookToBuffer } from '../../xlsx';
import { fillWorkbook } from '../../xlsx/fill';
import { setAgencyInputs, type AgencyInputs } from '../../xlsx/inputs';
import { loadWorkbook } from '../../xlsx/read';
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

type TaskEntry = [status: string, progress: number, result: string, difficulties?: string, proposals?: string];

const tasks = (entries: Record<number, TaskEntry>): Record<string, Record<string, Scalar>> =>
  Object.fromEntries(
    Object.entries(entries).map(([no, [status, progress, result, difficulties, proposals]]) => [
      no,
      { status, progress, result, evidence: `Báo cáo kết quả nhiệm vụ ${no}`, difficulties: difficulties ?? null, proposals: proposals ?? null },
    ]),
  );

/** Self-assessed points per pillar row (TC1…TC5), each with its evidence. */
const points = (values: number[], evidence: string): Record<string, Record<string, Scalar>> =>
  Object.fromEntries(values.map((v, i) => [`TC${i + 1}`, { selfPoints: v, evidence: `${evidence}, trụ cột ${i + 1}` }]));

const info = (year: number, submitted: [number, number], preparer: string, phone: string, email: string): Record<string, Record<string, Scalar>> => ({
  periodFrom: { value: dateSerial(year, 1, 1) },
  periodTo: { value: dateSerial(year, 10, 31) },
  preparer: { value: preparer },
  phone: { value: phone },
  email: { value: email },
  submittedOn: { value: dateSerial(year, submitted[0], submitted[1]) },
});

const indicators = (values: Record<string, Scalar>, evidence: Record<string, string> = {}): Record<string, Record<string, Scalar>> =>
  Object.fromEntries(Object.entries(values).map(([code, value]): [string, Record<string, Scalar>] => [code, evidence[code] ? { value, evidence: evidence[code] } : { value }]));

const TCCV_TASKS: Record<number, TaskEntry> = {
  1: ['Đang thực hiện', 40, 'Xuất bản Tạp chí Cửa Việt điện tử song song bản in; thử nghiệm bản tin video ngắn', 'Thiếu kinh phí đầu tư hạ tầng; nhân lực công nghệ mỏng', 'Đề nghị hỗ trợ dùng chung nền tảng quản trị nội dung của tỉnh'],
  2: ['Đang thực hiện', 50, 'Cử 6 biên tập viên dự lớp tập huấn do Sở tổ chức'],
  4: ['Chưa thực hiện', 0, 'Chờ hướng dẫn của Sở về nền tảng dùng chung'],
  5: ['Đang thực hiện', 30, 'Đã gửi số liệu rà soát quy hoạch'],
  6: ['Hoàn thành', 100, 'Rà soát xong giấy phép hoạt động và ấn phẩm'],
  8: ['Chưa thực hiện', 0, 'Chưa tổ chức tự đánh giá theo Bộ chỉ số'],
};
const TCCV_INDICATORS = { CT1: 'Có', CT1a: 3, CT1b: 1, CT2: 'Không', CT3: 'Không', CT4a: 1, CT4b: 0, CT5a: 1250, CT5b: 1380, CT6a: 18, CT6b: 12, CT7: 2 };
const TCCV_POINTS = [10, 11.5, 12, 13, 6];

export const SAMPLES: Sample[] = [
  {
    file: (y) => `bao-cao-BQT-${y}.xlsx`,
    unitId: 'BQT',
    what: { vi: 'Báo Quảng Trị, đầy đủ', en: 'Báo Quảng Trị, complete' },
    submitted: [11, 18],
    inputs: (y) => ({
      tblThongTin: info(y, [11, 18], 'Lê Thị Minh Thu', '0233 3852 365', 'toasoan@bqt.example.vn'),
      tblChiTieu: indicators(
        { CT1: 'Có', CT1a: 6, CT1b: 2, CT2: 'Không', CT3: 'Có', CT4a: 1, CT4b: 1, CT5a: 9850, CT5b: 12150, CT6a: 78, CT6b: 64, CT7: 3 },
        { CT1a: 'Website, ứng dụng di động, Facebook, YouTube, Zalo, TikTok', CT3: 'Quyết định số 45/QĐ-BQT về tòa soạn hội tụ', CT7: 'Quyết định phê duyệt hồ sơ cấp độ 3' },
      ),
      tblNhiemVu: tasks({
        1: ['Hoàn thành', 100, 'Ra mắt ứng dụng Báo Quảng Trị trên điện thoại; phát hành podcast hằng tuần'],
        2: ['Đang thực hiện', 70, 'Cử 24 phóng viên, biên tập viên dự tập huấn chuyển đổi số'],
        4: ['Đang thực hiện', 60, 'Dùng nền tảng quản trị nội dung dùng chung cho báo in và báo điện tử'],
        5: ['Hoàn thành', 100, 'Gửi báo cáo rà soát quy hoạch báo chí'],
        6: ['Đang thực hiện', 80, 'Rà soát giấy phép chuyên trang, ấn phẩm'],
        8: ['Đang thực hiện', 50, 'Đang tự đánh giá theo Bộ chỉ số năm báo cáo', 'Chưa có danh mục tiêu chí chi tiết', 'Đề nghị Sở hướng dẫn cách chấm từng tiêu chí'],
      }),
      tblChiSo: points([14.5, 17, 15, 16.5, 10], 'Hồ sơ tự đánh giá của Báo Quảng Trị'),
    }),
  },
  {
    file: (y) => `bao-cao-PTTH-${y}.xlsx`,
    unitId: 'PTTH',
    what: { vi: 'Đài Phát thanh - Truyền hình tỉnh, đầy đủ', en: 'Provincial radio and television, complete' },
    submitted: [11, 20],
    inputs: (y) => ({
      tblThongTin: info(y, [11, 20], 'Nguyễn Hữu Phước', '0233 3857 214', 'vanphong@qrtv.example.vn'),
      tblChiTieu: indicators(
        { CT1: 'Có', CT1a: 7, CT1b: 3, CT2: 'Có', CT3: 'Có', CT4a: 2, CT4b: 1, CT5a: 21400, CT5b: 23100, CT6a: 146, CT6b: 112, CT7: 3 },
        { CT2: 'Hệ thống phân tích dữ liệu khán giả, ứng dụng trí tuệ nhân tạo chuyển giọng nói thành văn bản' },
      ),
      tblNhiemVu: tasks({
        1: ['Đang thực hiện', 75, 'Phát sóng trực tuyến trên ứng dụng QRTV; sản xuất nội dung ngắn cho mạng xã hội'],
        2: ['Đang thực hiện', 60, 'Cử 40 lượt cán bộ dự tập huấn'],
        4: ['Hoàn thành', 100, 'Đưa vào sử dụng hệ thống lưu trữ số dùng chung'],
        5: ['Đang thực hiện', 50, 'Cung cấp số liệu cho Sở theo định kỳ'],
        6: ['Hoàn thành', 100, 'Rà soát xong giấy phép các kênh phát thanh, truyền hình'],
        8: ['Đang thực hiện', 60, 'Hoàn thiện hồ sơ tự đánh giá'],
      }),
      tblChiSo: points([16, 20.5, 17, 19, 12.5], 'Hồ sơ tự đánh giá của Đài'),
    }),
  },
  {
    file: (y) => `bao-cao-TCCV-${y}.xlsx`,
    unitId: 'TCCV',
    what: { vi: 'Tạp chí Cửa Việt, bản chính thức', en: 'Tạp chí Cửa Việt, final report' },
    submitted: [11, 21],
    inputs: (y) => ({
      tblThongTin: info(y, [11, 21], 'Hoàng Thị Lan', '0233 3561 098', 'toasoan@cuaviet.example.vn'),
      tblChiTieu: indicators(TCCV_INDICATORS),
      tblNhiemVu: tasks(TCCV_TASKS),
      tblChiSo: points(TCCV_POINTS, 'Hồ sơ tự đánh giá của Tạp chí'),
    }),
  },
  {
    file: (y) => `bao-cao-TCCV-${y}-ban-nhap-co-loi.xlsx`,
    unitId: 'TCCV',
    what: {
      vi: 'Tạp chí Cửa Việt, bản nháp gửi trước có lỗi (chữ trong ô số, điểm vượt tối đa, Hoàn thành mà tiến độ 60%); bị bản chính thức thay thế khi tổng hợp',
      en: 'Tạp chí Cửa Việt, earlier draft with mistakes (text in a number cell, points over the maximum, done at 60%); superseded by the final report when merged',
    },
    submitted: [11, 12],
    inputs: (y) => ({
      tblThongTin: info(y, [11, 12], 'Hoàng Thị Lan', '0233 3561 098', 'toasoan@cuaviet.example.vn'),
      tblChiTieu: indicators({ ...TCCV_INDICATORS, CT6a: 'mười tám' }),
      tblNhiemVu: tasks({ ...TCCV_TASKS, 1: ['Hoàn thành', 60, TCCV_TASKS[1][2]] }),
      tblChiSo: points([...TCCV_POINTS.slice(0, 4), 20], 'Hồ sơ tự đánh giá của Tạp chí'),
    }),
  },
  {
    file: (y) => `bao-cao-STTTT-${y}.xlsx`,
    unitId: 'STTTT',
    what: { vi: 'Sở Thông tin và Truyền thông, các nhiệm vụ chủ trì và phối hợp', en: 'Department of Information and Communications, its tasks' },
    submitted: [11, 24],
    inputs: (y) => ({
      tblThongTin: info(y, [11, 24], 'Trần Quốc Bảo', '0233 3856 789', 'baochi@stttt.example.vn'),
      tblNhiemVu: tasks({
        1: ['Đang thực hiện', 70, 'Hướng dẫn các cơ quan báo chí phát triển sản phẩm báo chí số'],
        2: ['Hoàn thành', 100, 'Tổ chức 2 lớp tập huấn chuyển đổi số cho 120 lượt người làm báo'],
        3: ['Đang thực hiện', 60, 'Ban hành hướng dẫn dùng nền tảng dùng chung', 'Kinh phí thuê nền tảng chưa được bố trí', 'Đề nghị Sở Tài chính bố trí kinh phí năm sau'],
        4: ['Đang thực hiện', 50, 'Khảo sát nhu cầu nền tảng số của các cơ quan báo chí'],
        5: ['Hoàn thành', 100, 'Báo cáo đánh giá thực hiện quy hoạch báo chí'],
        6: ['Đang thực hiện', 80, 'Phối hợp rà soát giấy phép hoạt động báo chí'],
        7: ['Đang thực hiện', 75, 'Kiểm tra, chấn chỉnh 3 trường hợp vi phạm trong hoạt động báo chí'],
        8: ['Đang thực hiện', 50, 'Hướng dẫn các cơ quan báo chí tự đánh giá theo Bộ chỉ số'],
      }),
    }),
  },
];

/** One filled agency workbook: the template spec rendered, entries typed, then Tính toán. */
export async function sampleWorkbook(plan: Plan, year: number, sample: Sample, generator: string): Promise<Buffer> {
  const submitted = dateSerial(year, sample.submitted[0], sample.submitted[1]);
  const generatedAt = `${year}-11-03T08:00:00.000Z`;
  const spec = buildAgencyWorkbookSpec({ plan, index: indexVersionForYear(year), year, unitId: sample.unitId, lang: 'vi', generatedAt, generator }, submitted);
  const template = await renderToBuffer(spec, { created: new Date(generatedAt) });
  const { workbook, tableParts } = await loadWorkbook(template);
  setAgencyInputs(workbook, tableParts, sample.inputs(year));
  // Every sample carries its submission date, so "today" only matters for the cached results' form.
  fillWorkbook(workbook, tableParts, plan, submitted);
  return workbookToBuffer(workbook, await readPackageExtras(template));
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
    const { bytes } = await mergeFiles(written, { plan, year, reportDate: dateSerial(year, 12, 1), generatedAt: `${year}-12-01T08:00:00.000Z`, generator, lang: 'vi' });
    if (!bytes) throw new Error('the sample files did not merge');
    await writeFileAtomic(outFile, bytes);
    lines.push('  ' + say(MSG.samplesWrote(path.basename(outFile), { vi: 'bảng tổng hợp của tỉnh, từ các tệp trên', en: 'the province workbook, merged from the files above' }), io.lang));
    lines.push(say(MSG.samplesDone(written.length + 1, Math.round(performance.now() - started)), io.lang));
    io.stdout(lines.join('\n') + '\n');
    return 0;
  },
};
