import type { Lang } from './labels';
import { PROVINCE_SCHEMA } from '../domain/agency-schema';

/**
 * Identity of the province workbook (Tổng hợp): table names and column keys, and their localised
 * sheet names and headers. Code reads the workbook by table name and key, never by sheet name or
 * position. Besides these fixed columns, tblTHMucTieu has one column per press agency (key
 * `a_<unitId>`) and tblTHChiSo one per pillar (key `p<no>`); both are listed in tblCot.
 */
export { PROVINCE_SCHEMA };
export const PROVINCE_FORMAT_VERSION = 1;

export const PROVINCE_COLUMNS = {
  tblBaoCao: ['no', 'section', 'sentence', 'sourceTable', 'sourceKey'],
  tblTHMucTieu: ['code', 'target', 'year', 'threshold', 'rule', 'expected', 'reported', 'meeting', 'missing', 'numerator', 'denominator', 'value', 'attainment', 'status'],
  tblTHNhiemVu: ['no', 'task', 'lead', 'partners', 'timeframe', 'due', 'leads', 'leadsReported', 'leadsDone', 'progress', 'state', 'overdue'],
  tblTHNhiemVuDV: ['no', 'unitId', 'unit', 'role', 'reported', 'status', 'progress', 'result', 'evidence', 'difficulties', 'proposals', 'timeliness', 'file'],
  tblTHChiSo: ['unitId', 'unit', 'indexVersion', 'total', 'level', 'rank', 'scoredRows', 'rows', 'completeness', 'previousTotal', 'previousLevel', 'change', 'catalogueId', 'comparison'],
  tblNguon: ['file', 'sha256', 'sizeBytes', 'unitId', 'unit', 'year', 'formatVersion', 'indexVersion', 'generatedAt', 'submittedOn', 'onTime', 'errors', 'warnings', 'mismatches', 'state', 'reason'],
  tblSaiLech: ['file', 'unitId', 'unit', 'table', 'key', 'row', 'rowKey', 'stored', 'recomputed', 'kind'],
  tblMeta: ['key', 'value'],
  tblCot: ['table', 'key', 'header'],
} as const;

export type ProvinceTableName = keyof typeof PROVINCE_COLUMNS;

/** Prefixes of the columns that depend on the plan (press agencies) and the index (pillars). */
export const agencyColumnKey = (unitId: string) => `a_${unitId}`;
export const pillarColumnKey = (no: number) => `p${no}`;

/** Keys of tblMeta, in order. */
export const PROVINCE_META_KEYS = [
  'schema', 'formatVersion', 'planId', 'year', 'reportDate', 'deadline', 'indexVersion', 'previousYear',
  'sourcesUsed', 'sourcesTotal', 'seal', 'generator', 'generatedAt',
] as const;

export const PROVINCE_SHEET_KEYS = ['report', 'targets', 'tasks', 'taskUnits', 'index', 'sources', 'mismatches', 'meta'] as const;
export type ProvinceSheetKey = (typeof PROVINCE_SHEET_KEYS)[number];

export const PROVINCE_SHEET_NAMES: Record<Lang, Record<ProvinceSheetKey, string>> = {
  vi: {
    report: 'Báo cáo', targets: 'Tổng hợp mục tiêu', tasks: 'Tổng hợp nhiệm vụ', taskUnits: 'Nhiệm vụ theo đơn vị',
    index: 'Tổng hợp chỉ số', sources: 'Nguồn dữ liệu', mismatches: 'Sai lệch', meta: '_PressDX',
  },
  en: {
    report: 'Report', targets: 'Targets', tasks: 'Tasks', taskUnits: 'Tasks by unit',
    index: 'Maturity index', sources: 'Sources', mismatches: 'Mismatches', meta: '_PressDX',
  },
};

type Headers = { [T in ProvinceTableName]: Record<(typeof PROVINCE_COLUMNS)[T][number], string> };

/**
 * Column headers. Those that formulas reference avoid the characters structured references must
 * escape ([ ] # ' @) and are unique within their table.
 */
export const PROVINCE_HEADERS: Record<Lang, Headers> = {
  vi: {
    tblBaoCao: { no: 'TT', section: 'Phần', sentence: 'Nội dung', sourceTable: 'Trang nguồn', sourceKey: 'Dòng nguồn' },
    tblTHMucTieu: {
      code: 'Mã', target: 'Mục tiêu', year: 'Năm', threshold: 'Ngưỡng', rule: 'Cách tính', expected: 'Số CQBC phải báo cáo',
      reported: 'Số CQBC có số liệu', meeting: 'Số CQBC đạt', missing: 'Chưa có số liệu', numerator: 'Tử số', denominator: 'Mẫu số',
      value: 'Giá trị toàn tỉnh', attainment: 'Mức đạt so với mục tiêu', status: 'Đánh giá',
    },
    tblTHNhiemVu: {
      no: 'TT', task: 'Nhiệm vụ', lead: 'Đơn vị chủ trì', partners: 'Đơn vị phối hợp', timeframe: 'Thời gian thực hiện', due: 'Hạn',
      leads: 'Số đơn vị chủ trì', leadsReported: 'Chủ trì đã báo cáo', leadsDone: 'Chủ trì đã hoàn thành', progress: 'Tiến độ bình quân',
      state: 'Tình trạng chung', overdue: 'Quá hạn',
    },
    tblTHNhiemVuDV: {
      no: 'TT nhiệm vụ', unitId: 'Mã đơn vị', unit: 'Đơn vị', role: 'Vai trò', reported: 'Đã báo cáo', status: 'Tình trạng', progress: 'Tiến độ',
      result: 'Kết quả', evidence: 'Minh chứng', difficulties: 'Khó khăn', proposals: 'Đề xuất', timeliness: 'Đúng hạn', file: 'Tệp nguồn',
    },
    tblTHChiSo: {
      unitId: 'Mã đơn vị', unit: 'Cơ quan báo chí', indexVersion: 'Phiên bản Bộ chỉ số', total: 'Tổng điểm', level: 'Mức độ', rank: 'Xếp hạng',
      scoredRows: 'Số dòng đã chấm', rows: 'Số dòng', completeness: 'Tỷ lệ dòng đã chấm', previousTotal: 'Tổng điểm năm trước',
      previousLevel: 'Mức độ năm trước', change: 'Thay đổi so với năm trước', catalogueId: 'Bộ tiêu chí', comparison: 'So sánh với năm trước',
    },
    tblNguon: {
      file: 'Tệp', sha256: 'SHA-256', sizeBytes: 'Dung lượng (byte)', unitId: 'Mã đơn vị', unit: 'Đơn vị', year: 'Năm', formatVersion: 'Phiên bản biểu mẫu',
      indexVersion: 'Phiên bản Bộ chỉ số', generatedAt: 'Biểu mẫu tạo lúc', submittedOn: 'Ngày gửi', onTime: 'Đúng hạn', errors: 'Số lỗi',
      warnings: 'Số cảnh báo', mismatches: 'Số ô sai lệch', state: 'Xử lý', reason: 'Lý do',
    },
    tblSaiLech: {
      file: 'Tệp', unitId: 'Mã đơn vị', unit: 'Đơn vị', table: 'Bảng', key: 'Cột', row: 'Dòng', rowKey: 'Mã dòng', stored: 'Giá trị trong tệp',
      recomputed: 'Giá trị tính lại', kind: 'Loại sai lệch',
    },
    tblMeta: { key: 'key', value: 'value' },
    tblCot: { table: 'table', key: 'key', header: 'header' },
  },
  en: {
    tblBaoCao: { no: 'No', section: 'Section', sentence: 'Text', sourceTable: 'Source sheet', sourceKey: 'Source row' },
    tblTHMucTieu: {
      code: 'Code', target: 'Target', year: 'Year', threshold: 'Threshold', rule: 'Rule', expected: 'Press agencies expected',
      reported: 'Press agencies with data', meeting: 'Press agencies meeting', missing: 'No data from', numerator: 'Numerator', denominator: 'Denominator',
      value: 'Province value', attainment: 'Attainment', status: 'Status',
    },
    tblTHNhiemVu: {
      no: 'No', task: 'Task', lead: 'Lead units', partners: 'Partner units', timeframe: 'Time frame', due: 'Due',
      leads: 'Lead units count', leadsReported: 'Leads reported', leadsDone: 'Leads done', progress: 'Mean progress',
      state: 'Overall state', overdue: 'Overdue',
    },
    tblTHNhiemVuDV: {
      no: 'Task no', unitId: 'Unit code', unit: 'Unit', role: 'Role', reported: 'Reported', status: 'Status', progress: 'Progress',
      result: 'Result', evidence: 'Evidence', difficulties: 'Difficulties', proposals: 'Proposals', timeliness: 'Timeliness', file: 'Source file',
    },
    tblTHChiSo: {
      unitId: 'Unit code', unit: 'Press agency', indexVersion: 'Index version', total: 'Total', level: 'Level', rank: 'Rank',
      scoredRows: 'Rows scored', rows: 'Rows', completeness: 'Share of rows scored', previousTotal: 'Previous total',
      previousLevel: 'Previous level', change: 'Change from previous year', catalogueId: 'Criteria catalogue', comparison: 'Comparison with last year',
    },
    tblNguon: {
      file: 'File', sha256: 'SHA-256', sizeBytes: 'Size (bytes)', unitId: 'Unit code', unit: 'Unit', year: 'Year', formatVersion: 'Template format',
      indexVersion: 'Index version', generatedAt: 'Template generated at', submittedOn: 'Submitted on', onTime: 'On time', errors: 'Errors',
      warnings: 'Warnings', mismatches: 'Mismatched cells', state: 'Handling', reason: 'Reason',
    },
    tblSaiLech: {
      file: 'File', unitId: 'Unit code', unit: 'Unit', table: 'Table', key: 'Column', row: 'Row', rowKey: 'Row key', stored: 'Value in file',
      recomputed: 'Recomputed value', kind: 'Kind',
    },
    tblMeta: { key: 'key', value: 'value' },
    tblCot: { table: 'table', key: 'key', header: 'header' },
  },
};

/** Section names of the report sentences. */
export const SECTION_LABELS: Record<Lang, Record<string, string>> = {
  vi: { sources: 'Tiếp nhận báo cáo', targets: 'Mục tiêu', tasks: 'Nhiệm vụ', index: 'Chỉ số trưởng thành', mismatches: 'Chất lượng số liệu' },
  en: { sources: 'Reports received', targets: 'Targets', tasks: 'Tasks', index: 'Maturity index', mismatches: 'Data quality' },
};

/** The workbook name of the report date cell, which the overdue formulas compare against. */
export const REPORT_DATE_NAME = 'pdxNgayBaoCao';
