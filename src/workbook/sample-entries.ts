import { dateSerial, type Scalar } from '../domain/values';

/**
 * The sample agencies' entries — what each would type into its report for a year: Thông tin
 * values, indicator values, task statuses and self-assessed index points. The one source for the
 * CLI's `pressdx samples` (filled with ExcelJS) and the in-browser workbench's sample files (typed
 * into the fake Excel). Pure data: no file system, no ExcelJS, no DOM.
 * Figures are invented but plausible for the province; names and addresses are fictitious.
 */

/** Rows of one input table: row identity (info key, indicator code, task no, criterion code) → column key → value. */
export type SampleRows = Record<string, Record<string, Scalar>>;

/** table → row identity → column key → typed value. */
export type SampleEntries = Partial<Record<'tblThongTin' | 'tblChiTieu' | 'tblNhiemVu' | 'tblChiSo', SampleRows>>;

export interface SampleAgencyEntries {
  unitId: string;
  /** Month and day of the submission date. */
  submitted: [number, number];
  entries: (year: number) => SampleEntries;
}

export type SampleTaskEntry = [status: string, progress: number, result: string, difficulties?: string, proposals?: string];

/** Task rows by task number, each with its evidence; progress is given in whole percent, the cell holds the fraction. */
export const sampleTasks = (entries: Record<number, SampleTaskEntry>): SampleRows =>
  Object.fromEntries(
    Object.entries(entries).map(([no, [status, progress, result, difficulties, proposals]]) => [
      no,
      { status, progress: progress / 100, result, evidence: `Báo cáo kết quả nhiệm vụ ${no}`, difficulties: difficulties ?? null, proposals: proposals ?? null },
    ]),
  );

/** Self-assessed points per pillar row (TC1…TC5), each with its evidence. */
export const samplePoints = (values: number[], evidence: string): SampleRows =>
  Object.fromEntries(values.map((v, i) => [`TC${i + 1}`, { selfPoints: v, evidence: `${evidence}, trụ cột ${i + 1}` }]));

/** The Thông tin rows: reporting period, preparer and submission date. */
export const sampleInfo = (year: number, submitted: [number, number], preparer: string, phone: string, email: string): SampleRows => ({
  periodFrom: { value: dateSerial(year, 1, 1) },
  periodTo: { value: dateSerial(year, 10, 31) },
  preparer: { value: preparer },
  phone: { value: phone },
  email: { value: email },
  submittedOn: { value: dateSerial(year, submitted[0], submitted[1]) },
});

/** Indicator values by code, with evidence where given. */
export const sampleIndicators = (values: Record<string, Scalar>, evidence: Record<string, string> = {}): SampleRows =>
  Object.fromEntries(Object.entries(values).map(([code, value]): [string, Record<string, Scalar>] => [code, evidence[code] ? { value, evidence: evidence[code] } : { value }]));

export const TCCV_TASKS: Record<number, SampleTaskEntry> = {
  1: ['Đang thực hiện', 40, 'Xuất bản Tạp chí Cửa Việt điện tử song song bản in; thử nghiệm bản tin video ngắn', 'Thiếu kinh phí đầu tư hạ tầng; nhân lực công nghệ mỏng', 'Đề nghị hỗ trợ dùng chung nền tảng quản trị nội dung của tỉnh'],
  2: ['Đang thực hiện', 50, 'Cử 6 biên tập viên dự lớp tập huấn do Sở tổ chức'],
  4: ['Chưa thực hiện', 0, 'Chờ hướng dẫn của Sở về nền tảng dùng chung'],
  5: ['Đang thực hiện', 30, 'Đã gửi số liệu rà soát quy hoạch'],
  6: ['Hoàn thành', 100, 'Rà soát xong giấy phép hoạt động và ấn phẩm'],
  8: ['Chưa thực hiện', 0, 'Chưa tổ chức tự đánh giá theo Bộ chỉ số'],
};
export const TCCV_INDICATORS: Record<string, Scalar> = { CT1: 'Có', CT1a: 3, CT1b: 1, CT2: 'Không', CT3: 'Không', CT4a: 1, CT4b: 0, CT5a: 1250, CT5b: 1380, CT6a: 18, CT6b: 12, CT7: 2 };
export const TCCV_POINTS = [10, 11.5, 12, 13, 6];
export const TCCV_PREPARER = ['Hoàng Thị Lan', '0233 3561 098', 'toasoan@cuaviet.example.vn'] as const;
export const TCCV_EVIDENCE = 'Hồ sơ tự đánh giá của Tạp chí';

export const SAMPLE_BQT: SampleAgencyEntries = {
  unitId: 'BQT',
  submitted: [11, 18],
  entries: (y) => ({
    tblThongTin: sampleInfo(y, [11, 18], 'Lê Thị Minh Thu', '0233 3852 365', 'toasoan@bqt.example.vn'),
    tblChiTieu: sampleIndicators(
      { CT1: 'Có', CT1a: 6, CT1b: 2, CT2: 'Không', CT3: 'Có', CT4a: 1, CT4b: 1, CT5a: 9850, CT5b: 12150, CT6a: 78, CT6b: 64, CT7: 3 },
      { CT1a: 'Website, ứng dụng di động, Facebook, YouTube, Zalo, TikTok', CT3: 'Quyết định số 45/QĐ-BQT về tòa soạn hội tụ', CT7: 'Quyết định phê duyệt hồ sơ cấp độ 3' },
    ),
    tblNhiemVu: sampleTasks({
      1: ['Hoàn thành', 100, 'Ra mắt ứng dụng Báo Quảng Trị trên điện thoại; phát hành podcast hằng tuần'],
      2: ['Đang thực hiện', 70, 'Cử 24 phóng viên, biên tập viên dự tập huấn chuyển đổi số'],
      4: ['Đang thực hiện', 60, 'Dùng nền tảng quản trị nội dung dùng chung cho báo in và báo điện tử'],
      5: ['Hoàn thành', 100, 'Gửi báo cáo rà soát quy hoạch báo chí'],
      6: ['Đang thực hiện', 80, 'Rà soát giấy phép chuyên trang, ấn phẩm'],
      8: ['Đang thực hiện', 50, 'Đang tự đánh giá theo Bộ chỉ số năm báo cáo', 'Chưa có danh mục tiêu chí chi tiết', 'Đề nghị Sở hướng dẫn cách chấm từng tiêu chí'],
    }),
    tblChiSo: samplePoints([14.5, 17, 15, 16.5, 10], 'Hồ sơ tự đánh giá của Báo Quảng Trị'),
  }),
};

export const SAMPLE_PTTH: SampleAgencyEntries = {
  unitId: 'PTTH',
  submitted: [11, 20],
  entries: (y) => ({
    tblThongTin: sampleInfo(y, [11, 20], 'Nguyễn Hữu Phước', '0233 3857 214', 'vanphong@qrtv.example.vn'),
    tblChiTieu: sampleIndicators(
      { CT1: 'Có', CT1a: 7, CT1b: 3, CT2: 'Có', CT3: 'Có', CT4a: 2, CT4b: 1, CT5a: 21400, CT5b: 23100, CT6a: 146, CT6b: 112, CT7: 3 },
      { CT2: 'Hệ thống phân tích dữ liệu khán giả, ứng dụng trí tuệ nhân tạo chuyển giọng nói thành văn bản' },
    ),
    tblNhiemVu: sampleTasks({
      1: ['Đang thực hiện', 75, 'Phát sóng trực tuyến trên ứng dụng QRTV; sản xuất nội dung ngắn cho mạng xã hội'],
      2: ['Đang thực hiện', 60, 'Cử 40 lượt cán bộ dự tập huấn'],
      4: ['Hoàn thành', 100, 'Đưa vào sử dụng hệ thống lưu trữ số dùng chung'],
      5: ['Đang thực hiện', 50, 'Cung cấp số liệu cho Sở theo định kỳ'],
      6: ['Hoàn thành', 100, 'Rà soát xong giấy phép các kênh phát thanh, truyền hình'],
      8: ['Đang thực hiện', 60, 'Hoàn thiện hồ sơ tự đánh giá'],
    }),
    tblChiSo: samplePoints([16, 20.5, 17, 19, 12.5], 'Hồ sơ tự đánh giá của Đài'),
  }),
};

/** Tạp chí Cửa Việt's final report. */
export const SAMPLE_TCCV: SampleAgencyEntries = {
  unitId: 'TCCV',
  submitted: [11, 21],
  entries: (y) => ({
    tblThongTin: sampleInfo(y, [11, 21], ...TCCV_PREPARER),
    tblChiTieu: sampleIndicators(TCCV_INDICATORS),
    tblNhiemVu: sampleTasks(TCCV_TASKS),
    tblChiSo: samplePoints(TCCV_POINTS, TCCV_EVIDENCE),
  }),
};

export const SAMPLE_STTTT: SampleAgencyEntries = {
  unitId: 'STTTT',
  submitted: [11, 24],
  entries: (y) => ({
    tblThongTin: sampleInfo(y, [11, 24], 'Trần Quốc Bảo', '0233 3856 789', 'baochi@stttt.example.vn'),
    tblNhiemVu: sampleTasks({
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
};
