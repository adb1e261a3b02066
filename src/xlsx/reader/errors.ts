/**
 * Why a file could not be read, in Vietnamese then English. The code lets callers react without
 * parsing text; the message is meant for the person who sent the file, so it names what to do
 * and never carries a stack trace or library jargon.
 */

/** What the reader may use of a file; counts of what costs memory or time. */
export interface XlsxLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Bytes inflated from all the parts read, together. */
  maxExpandedBytes: number;
  /** Entries in the zip's central directory. */
  maxParts: number;
  /** <row> elements in the sheets read, together. */
  maxRows: number;
  /** Cells kept: the table ranges and named cells read. */
  maxCells: number;
  /** <si> items in the shared-string table. */
  maxSharedStrings: number;
  /** Characters in the shared-string table, together. */
  maxSharedStringChars: number;
}

const MB = 1024 * 1024;

export const DEFAULT_XLSX_LIMITS: XlsxLimits = Object.freeze({
  maxFileBytes: 20 * MB,
  maxExpandedBytes: 200 * MB,
  maxParts: 10_000,
  // One full sheet's worth of rows: a PressDX workbook has a few hundred.
  maxRows: 1_048_576,
  maxCells: 2_000_000,
  maxSharedStrings: 1_000_000,
  maxSharedStringChars: 50_000_000,
});

export type XlsxReadErrorCode = 'NOT_ZIP' | 'DAMAGED_ZIP' | 'ENCRYPTED' | 'XLS' | 'STRICT_OOXML' | 'NOT_WORKBOOK' | 'TOO_LARGE';

const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
const count = (n: number) => n.toLocaleString('vi-VN');

type Limit = keyof XlsxLimits;

/** What each limit is called, and how its numbers read, in both languages. */
const LIMIT_TEXT: Record<Limit, { vi: string; en: string; format: (n: number) => string }> = {
  maxFileBytes: { vi: 'Tệp quá lớn', en: 'File too large', format: mb },
  maxExpandedBytes: { vi: 'Tệp khi giải nén quá lớn', en: 'File expands too large', format: mb },
  maxParts: { vi: 'Tệp có quá nhiều thành phần', en: 'Too many parts in the package', format: count },
  maxRows: { vi: 'Bảng tính có quá nhiều dòng', en: 'Too many rows', format: count },
  maxCells: { vi: 'Bảng có quá nhiều ô', en: 'Too many cells in the tables', format: count },
  maxSharedStrings: { vi: 'Tệp có quá nhiều chuỗi văn bản', en: 'Too many shared strings', format: count },
  maxSharedStringChars: { vi: 'Tệp có quá nhiều ký tự văn bản', en: 'Too much shared text', format: count },
};

export class XlsxReadError extends Error {
  readonly code: XlsxReadErrorCode;
  readonly vi: string;
  readonly en: string;
  /** For TOO_LARGE: which limit was passed. */
  readonly limit?: Limit;

  constructor(code: XlsxReadErrorCode, vi: string, en: string, limit?: Limit) {
    super(`${vi} / ${en}`);
    this.name = 'XlsxReadError';
    this.code = code;
    this.vi = vi;
    this.en = en;
    if (limit) this.limit = limit;
  }
}

export function tooLarge(limit: Limit, limits: XlsxLimits, actual?: number): XlsxReadError {
  const t = LIMIT_TEXT[limit];
  const max = t.format(limits[limit]);
  const seen = actual === undefined ? '' : `${t.format(actual)}; `;
  return new XlsxReadError('TOO_LARGE', `${t.vi} (${seen}tối đa ${max}).`, `${t.en} (${seen}at most ${max}).`, limit);
}

export const notZip = (): XlsxReadError =>
  new XlsxReadError('NOT_ZIP', 'Tệp không phải bảng tính Excel .xlsx (không phải tệp nén .xlsx).', 'The file is not an Excel .xlsx workbook (not an .xlsx package).');

/** `why` says what is broken, in both languages: [vi, en]. */
export const damaged = (why: readonly [string, string]): XlsxReadError =>
  new XlsxReadError(
    'DAMAGED_ZIP',
    `Tệp .xlsx bị hỏng (${why[0]}). Hãy xin lại tệp, hoặc mở bằng Excel và lưu lại.`,
    `The .xlsx file is damaged (${why[1]}). Ask for the file again, or open it in Excel and save it again.`,
  );

export const encrypted = (): XlsxReadError =>
  new XlsxReadError(
    'ENCRYPTED',
    'Sổ làm việc được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở trong Excel, vào Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu rồi lưu lại.',
    'The workbook is password-protected (encrypted) and cannot be read. Open it in Excel, go to File › Info › Protect Workbook › Encrypt with Password, clear the password and save.',
  );

export const oldXls = (): XlsxReadError =>
  new XlsxReadError(
    'XLS',
    'Tệp là bảng tính Excel cũ (.xls). Hãy mở trong Excel và lưu thành .xlsx (Tệp › Lưu thành › Sổ làm việc Excel).',
    'The file is an old Excel workbook (.xls). Open it in Excel and save it as .xlsx (File › Save As › Excel Workbook).',
  );

/** `what` names what the package holds instead, in both languages: [vi, en]. */
export const notWorkbook = (what: readonly [string, string]): XlsxReadError =>
  new XlsxReadError('NOT_WORKBOOK', `Tệp không phải bảng tính Excel .xlsx (${what[0]}).`, `The file is not an Excel .xlsx workbook (${what[1]}).`);
