/** Limits on files the reader accepts, so a hostile or mistaken file cannot exhaust memory. */
export const XLSX_LIMITS = {
  maxFileBytes: 20 * 1024 * 1024,
  maxExpandedBytes: 200 * 1024 * 1024,
  maxCells: 2_000_000,
} as const;

export type XlsxLimitCode = 'FILE_TOO_LARGE' | 'ZIP_TOO_LARGE' | 'TOO_MANY_CELLS' | 'NOT_XLSX';

const MB = 1024 * 1024;
const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;

/** Messages in Vietnamese, then English; the code lets callers react without parsing text. */
const MESSAGES: Record<XlsxLimitCode, (actual: number, limit: number) => string> = {
  FILE_TOO_LARGE: (a, l) => `Tệp quá lớn (${mb(a)}; tối đa ${mb(l)}). / File too large (${mb(a)}; at most ${mb(l)}).`,
  ZIP_TOO_LARGE: (a, l) =>
    `Tệp khi giải nén quá lớn (${a >= 0 ? mb(a) : 'không xác định'}; tối đa ${mb(l)}). / File expands too large (${a >= 0 ? mb(a) : 'unknown'}; at most ${mb(l)}).`,
  TOO_MANY_CELLS: (a, l) => `Tệp có quá nhiều ô (${a.toLocaleString('vi-VN')}; tối đa ${l.toLocaleString('vi-VN')}). / Too many cells (${a}; at most ${l}).`,
  NOT_XLSX: () => 'Tệp không phải bảng tính .xlsx hợp lệ. / The file is not a valid .xlsx workbook.',
};

export class XlsxLimitError extends Error {
  readonly code: XlsxLimitCode;
  constructor(code: XlsxLimitCode, actual = 0, limit = 0, detail?: string) {
    super(MESSAGES[code](actual, limit) + (detail ? ` (${detail})` : ''));
    this.name = 'XlsxLimitError';
    this.code = code;
  }
}
