import type { Lang } from '../workbook/labels';

/** What the Office adapter tells the user, in Vietnamese first and English on request. */

const list = (items: string[]) => items.map((s) => `"${s}"`).join(', ');

export const OFFICE_MESSAGES = {
  vi: {
    inspecting: 'Đang kiểm tra bảng tính…',
    writing: 'Đang tạo các trang, bảng và công thức…',
    writingPart: (n: number) => `Đang ghi dữ liệu (lần gửi ${n})…`,
    finishing: 'Đang định dạng và bảo vệ các trang…',
    done: (n: number) => `Đã tạo biểu mẫu (${n} trang).`,
    reading: 'Đang đọc các bảng…',
    existing: (sheets: string[], names: string[]) =>
      `Bảng tính đã có ${sheets.length > 0 ? `các trang PressDX: ${list(sheets)}` : ''}${sheets.length > 0 && names.length > 0 ? '; ' : ''}${names.length > 0 ? `các tên PressDX: ${list(names)}` : ''}. ` +
      'Chọn "Thay thế" để xóa và tạo lại — dữ liệu đã nhập trên các trang này sẽ mất. Các trang khác không bị ảnh hưởng.',
    nameConflict: (sheets: string[]) =>
      `Bảng tính có trang không do PressDX tạo nhưng trùng tên với trang cần tạo: ${list(sheets)}. PressDX không sửa hay xóa trang của người dùng; hãy đổi tên các trang này rồi thử lại.`,
    unknownIndex: (id: string) => `Không tìm thấy bộ chỉ số "${id}".`,
    requirement: (version: string) =>
      `Phiên bản Excel này chưa hỗ trợ đủ chức năng cho PressDX (cần ExcelApi ${version}: Excel 2019 trở lên, Excel trên web hoặc Microsoft 365).`,
    officeError: {
      RequestPayloadSizeLimitExceeded: 'Dữ liệu gửi tới Excel trong một lần quá lớn (giới hạn 5 MB của Excel trên web).',
      ResponsePayloadSizeLimitExceeded: 'Dữ liệu đọc từ Excel trong một lần quá lớn (giới hạn 5 MB của Excel trên web).',
      ApiNotFound: 'Phiên bản Excel này chưa có chức năng cần dùng.',
      AccessDenied: 'Excel từ chối thao tác: trang tính hoặc sổ làm việc đang được bảo vệ.',
      ItemNotFound: 'Không tìm thấy trang, bảng hoặc tên cần dùng trong bảng tính.',
      ItemAlreadyExists: 'Trang, bảng hoặc tên này đã có trong bảng tính.',
      InvalidArgument: 'Excel không chấp nhận giá trị hoặc địa chỉ được gửi.',
      InvalidOperationInCellEditMode: 'Excel đang ở chế độ sửa ô: hãy nhấn Enter hoặc Esc rồi thử lại.',
      generic: 'Excel báo lỗi khi thực hiện thao tác.',
    } satisfies Record<string, string>,
  },
  en: {
    inspecting: 'Checking the workbook…',
    writing: 'Creating sheets, tables and formulas…',
    writingPart: (n: number) => `Writing data (request ${n})…`,
    finishing: 'Formatting and protecting the sheets…',
    done: (n: number) => `Template created (${n} sheets).`,
    reading: 'Reading the tables…',
    existing: (sheets: string[], names: string[]) =>
      `This workbook already has ${sheets.length > 0 ? `PressDX sheets: ${list(sheets)}` : ''}${sheets.length > 0 && names.length > 0 ? '; ' : ''}${names.length > 0 ? `PressDX names: ${list(names)}` : ''}. ` +
      'Choose "Replace" to delete and recreate them — data entered on those sheets will be lost. Other sheets are not touched.',
    nameConflict: (sheets: string[]) =>
      `The workbook has sheets PressDX did not create whose names it needs: ${list(sheets)}. PressDX never edits or deletes your sheets; rename them and try again.`,
    unknownIndex: (id: string) => `Unknown maturity index version "${id}".`,
    requirement: (version: string) => `This version of Excel lacks what PressDX needs (ExcelApi ${version}: Excel 2019 or later, Excel on the web or Microsoft 365).`,
    officeError: {
      RequestPayloadSizeLimitExceeded: 'Too much data sent to Excel at once (Excel on the web limits a request to 5 MB).',
      ResponsePayloadSizeLimitExceeded: 'Too much data read from Excel at once (Excel on the web limits a response to 5 MB).',
      ApiNotFound: 'This version of Excel lacks a feature PressDX uses.',
      AccessDenied: 'Excel refused: the sheet or workbook is protected.',
      ItemNotFound: 'A sheet, table or name PressDX needs was not found.',
      ItemAlreadyExists: 'That sheet, table or name already exists.',
      InvalidArgument: 'Excel rejected a value or address.',
      InvalidOperationInCellEditMode: 'Excel is in cell-edit mode: press Enter or Esc and try again.',
      generic: 'Excel reported an error.',
    } satisfies Record<string, string>,
  },
} as const;

export const officeMessages = (lang: Lang) => OFFICE_MESSAGES[lang];

/**
 * A message for the user from whatever an Excel.run threw: PressDX's own errors carry their
 * message; Office.js errors (OfficeExtension.Error, or the fake's) are explained by code, with
 * Excel's own text kept for support.
 */
export function officeErrorMessage(error: unknown, lang: Lang): string {
  const m = OFFICE_MESSAGES[lang].officeError;
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    const original = 'message' in error && typeof error.message === 'string' ? error.message : '';
    const code = error.code;
    const known = Object.entries(m).find(([k]) => k === code)?.[1];
    if (known) return original ? `${known} (${code}: ${original})` : known;
    if (error instanceof Error) return error.message;
    return `${m.generic} (${code}${original ? `: ${original}` : ''})`;
  }
  return error instanceof Error ? error.message : String(error);
}
