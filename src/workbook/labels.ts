import type { AgencyTableName } from '../domain/agency-schema';

export type Lang = 'vi' | 'en';

export const SHEET_KEYS = ['guide', 'info', 'indicators', 'targets', 'tasks', 'index', 'lists', 'meta'] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

export const SHEET_NAMES: Record<Lang, Record<SheetKey, string>> = {
  vi: { guide: 'Hướng dẫn', info: 'Thông tin', indicators: 'Chỉ tiêu', targets: 'Mục tiêu', tasks: 'Nhiệm vụ', index: 'Chỉ số', lists: 'Danh mục', meta: '_PressDX' },
  en: { guide: 'Guide', info: 'Information', indicators: 'Indicators', targets: 'Targets', tasks: 'Tasks', index: 'Index', lists: 'Lists', meta: '_PressDX' },
};

type Headers = { [T in AgencyTableName]: Record<string, string> };

/**
 * Column headers. They appear in formulas as structured references, so they avoid the
 * characters that need escaping there ([ ] # ' @) and stay unique within a table.
 */
export const HEADERS: Record<Lang, Headers> = {
  vi: {
    tblThongTin: { key: 'Khóa', label: 'Nội dung', value: 'Giá trị' },
    tblChiTieu: { code: 'Mã', indicator: 'Chỉ tiêu', unit: 'Đơn vị tính', value: 'Giá trị', evidence: 'Minh chứng', note: 'Ghi chú' },
    tblMucTieu: { code: 'Mã', target: 'Mục tiêu', year: 'Năm', threshold: 'Ngưỡng', rule: 'Cách tính', unitResult: 'Kết quả đơn vị', status: 'Đánh giá' },
    tblNhiemVu: {
      no: 'TT', task: 'Nhiệm vụ', lead: 'Đơn vị chủ trì', partners: 'Đơn vị phối hợp', timeframe: 'Thời gian thực hiện', role: 'Vai trò',
      status: 'Tình trạng', progress: 'Tiến độ', result: 'Kết quả', evidence: 'Minh chứng', difficulties: 'Khó khăn', proposals: 'Đề xuất', due: 'Hạn', timeliness: 'Đúng hạn',
    },
    tblChiSo: {
      pillar: 'Trụ cột', component: 'Chỉ số thành phần', code: 'Mã', criterion: 'Tiêu chí', maxPoints: 'Điểm tối đa', selfPoints: 'Điểm tự đánh giá',
      evidence: 'Minh chứng', note: 'Ghi chú', validPoints: 'Điểm hợp lệ',
    },
    tblTruCot: { pillar: 'Trụ cột', maxPoints: 'Điểm tối đa', points: 'Điểm đạt', percent: 'Tỷ lệ' },
    tblDonVi: { id: 'Mã', name: 'Tên đơn vị', type: 'Loại hình', group: 'Khối' },
    tblMucDo: { level: 'Mức', name: 'Tên mức', minScore: 'Điểm tối thiểu', verified: 'Đã xác minh', note: 'Nguồn, ghi chú' },
    tblCoKhong: { value: 'Có hoặc Không' },
    tblTrangThai: { value: 'Tình trạng nhiệm vụ' },
    tblPhanCong: { no: 'TT nhiệm vụ', unitId: 'Mã đơn vị', unitName: 'Đơn vị', role: 'Vai trò' },
    tblMeta: { key: 'key', value: 'value' },
    tblCot: { table: 'table', key: 'key', header: 'header' },
    tblThanhPhan: { pillar: 'Trụ cột', component: 'Chỉ số thành phần', maxPoints: 'Điểm tối đa', points: 'Điểm đạt', percent: 'Tỷ lệ' },
    tblTieuChi: {
      pillar: 'Trụ cột', component: 'Chỉ số thành phần', code: 'Mã', criterion: 'Tiêu chí', maxPoints: 'Điểm tối đa', scoring: 'Cách chấm điểm', evidenceRequired: 'Yêu cầu minh chứng',
    },
    tblKhongAnhXa: { fromVersion: 'Phiên bản gốc', table: 'Bảng', code: 'Mã', item: 'Nội dung', field: 'Trường', value: 'Giá trị đã nhập' },
  },
  en: {
    tblThongTin: { key: 'Key', label: 'Item', value: 'Value' },
    tblChiTieu: { code: 'Code', indicator: 'Indicator', unit: 'Unit', value: 'Value', evidence: 'Evidence', note: 'Note' },
    tblMucTieu: { code: 'Code', target: 'Target', year: 'Year', threshold: 'Threshold', rule: 'Rule', unitResult: 'Unit result', status: 'Status' },
    tblNhiemVu: {
      no: 'No', task: 'Task', lead: 'Lead units', partners: 'Partner units', timeframe: 'Time frame', role: 'Role',
      status: 'Status', progress: 'Progress', result: 'Result', evidence: 'Evidence', difficulties: 'Difficulties', proposals: 'Proposals', due: 'Due', timeliness: 'Timeliness',
    },
    tblChiSo: {
      pillar: 'Pillar', component: 'Component index', code: 'Code', criterion: 'Criterion', maxPoints: 'Max points', selfPoints: 'Self-assessed points',
      evidence: 'Evidence', note: 'Note', validPoints: 'Valid points',
    },
    tblTruCot: { pillar: 'Pillar', maxPoints: 'Max points', points: 'Points', percent: 'Percent' },
    tblDonVi: { id: 'Code', name: 'Unit name', type: 'Type', group: 'Group' },
    tblMucDo: { level: 'Level', name: 'Level name', minScore: 'Min score', verified: 'Verified', note: 'Source, note' },
    tblCoKhong: { value: 'Yes or No' },
    tblTrangThai: { value: 'Task status' },
    tblPhanCong: { no: 'Task no', unitId: 'Unit code', unitName: 'Unit', role: 'Role' },
    tblMeta: { key: 'key', value: 'value' },
    tblCot: { table: 'table', key: 'key', header: 'header' },
    tblThanhPhan: { pillar: 'Pillar', component: 'Component index', maxPoints: 'Max points', points: 'Points', percent: 'Percent' },
    tblTieuChi: {
      pillar: 'Pillar', component: 'Component index', code: 'Code', criterion: 'Criterion', maxPoints: 'Max points', scoring: 'Scoring', evidenceRequired: 'Evidence required',
    },
    tblKhongAnhXa: { fromVersion: 'From version', table: 'Table', code: 'Code', item: 'Item', field: 'Field', value: 'Entered value' },
  },
};

/** Labels of the Thông tin rows. */
export const INFO_LABELS: Record<Lang, Record<string, string>> = {
  vi: {
    unit: 'Đơn vị báo cáo', unitType: 'Loại hình đơn vị', year: 'Năm báo cáo', periodFrom: 'Số liệu từ ngày', periodTo: 'Số liệu đến ngày',
    preparer: 'Người lập biểu', phone: 'Số điện thoại', email: 'Thư điện tử', submittedOn: 'Ngày gửi báo cáo',
  },
  en: {
    unit: 'Reporting unit', unitType: 'Unit type', year: 'Reporting year', periodFrom: 'Data from', periodTo: 'Data to',
    preparer: 'Prepared by', phone: 'Phone', email: 'Email', submittedOn: 'Submitted on',
  },
};
