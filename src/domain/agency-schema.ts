/**
 * Identity of the agency workbook: table names and column keys. Display names (sheet names,
 * headers) are localised in the workbook layer; code never depends on them.
 */
export const AGENCY_SCHEMA = 'pressdx-agency';
/** The schema of the province workbook Tổng hợp writes (its tables live in src/workbook/province-labels.ts). */
export const PROVINCE_SCHEMA = 'pressdx-province';
export const AGENCY_FORMAT_VERSION = 1;

export const AGENCY_COLUMNS = {
  tblThongTin: ['key', 'label', 'value'],
  tblChiTieu: ['code', 'indicator', 'unit', 'value', 'evidence', 'note'],
  tblMucTieu: ['code', 'target', 'year', 'threshold', 'rule', 'unitResult', 'status'],
  tblNhiemVu: ['no', 'task', 'lead', 'partners', 'timeframe', 'role', 'status', 'progress', 'result', 'evidence', 'difficulties', 'proposals', 'due', 'timeliness'],
  tblChiSo: ['pillar', 'component', 'code', 'criterion', 'maxPoints', 'selfPoints', 'evidence', 'note', 'validPoints'],
  tblTruCot: ['pillar', 'maxPoints', 'points', 'percent'],
  tblDonVi: ['id', 'name', 'type', 'group'],
  tblMucDo: ['level', 'name', 'minScore', 'verified', 'note'],
  tblCoKhong: ['value'],
  tblTrangThai: ['value'],
  tblPhanCong: ['no', 'unitId', 'unitName', 'role'],
  tblMeta: ['key', 'value'],
  tblCot: ['table', 'key', 'header'],
  // Criterion-level workbooks only (see OPTIONAL_AGENCY_TABLES).
  tblThanhPhan: ['pillar', 'component', 'maxPoints', 'points', 'percent'],
  tblTieuChi: ['pillar', 'component', 'code', 'criterion', 'maxPoints', 'scoring', 'evidenceRequired'],
  tblKhongAnhXa: ['fromVersion', 'table', 'code', 'item', 'field', 'value'],
} as const;

/**
 * Tables a workbook has only when it needs them: component subtotals and the embedded criteria
 * catalogue of a criterion-level workbook, and the entries a migration could not place.
 */
export const OPTIONAL_AGENCY_TABLES: readonly AgencyTableName[] = ['tblThanhPhan', 'tblTieuChi', 'tblKhongAnhXa'];

export type AgencyTableName = keyof typeof AGENCY_COLUMNS;
export type ColumnKey<T extends AgencyTableName> = (typeof AGENCY_COLUMNS)[T][number];

/** Keys of the Thông tin rows, in order. */
export const INFO_KEYS = ['unit', 'unitType', 'year', 'periodFrom', 'periodTo', 'preparer', 'phone', 'email', 'submittedOn'] as const;
export type InfoKey = (typeof INFO_KEYS)[number];

/** Keys of the hidden meta table. */
export const META_KEYS = ['schema', 'formatVersion', 'planId', 'indexVersion', 'unit', 'year', 'revenueBaseYear', 'generator', 'generatedAt', 'catalogueId'] as const;

/** Columns whose cells are formulas the workbook owns (restored by Tính toán, never typed). */
export const CALCULATED_COLUMNS: Partial<Record<AgencyTableName, string[]>> = {
  tblMucTieu: ['unitResult', 'status'],
  tblNhiemVu: ['role', 'due', 'timeliness'],
  tblChiSo: ['validPoints'],
  tblTruCot: ['points', 'percent'],
  tblThanhPhan: ['points', 'percent'],
  tblPhanCong: ['unitName'],
};
