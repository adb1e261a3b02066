import type { Lang } from '../workbook/labels';

/**
 * The workbench's own words (toolbar and grid), in the language the task pane beside it shows.
 * The workbook's contents keep their own language: the grid shows them as the sheets hold them.
 */
export interface WorkbenchText {
  title: string;
  subtitle: string;
  samples: string;
  newWorkbook: string;
  download: string;
  darkTheme: string;
  syncs: (n: number) => string;
  makingSamples: string;
  samplesOffered: (count: number, names: string) => string;
  samplesNotOffered: (count: number, names: string) => string;
  samplesFailed: (reason: string) => string;
  writingXlsx: string;
  downloaded: (name: string, size: string) => string;
  downloadFailed: (reason: string) => string;
  workbookRegion: string;
  computedTitle: string;
  notComputed: string;
  formula: string;
  locked: string;
  noVisibleSheet: string;
  lockedCell: (sheet: string) => string;
  refused: (reason: string) => string;
  protectionLifted: (sheet: string) => string;
  sheetTabs: string;
  nameBox: string;
  formulaBar: string;
  protect: string;
  unprotect: string;
  listOf: (address: string) => string;
  cellGrid: (sheet: string) => string;
  sheetGrid: (sheet: string) => string;
  rowNumbers: string;
  editCell: (address: string) => string;
  cell: (address: string, text: string) => string;
  validationFailed: string;
}

export const WORKBENCH_TEXT: Record<Lang, WorkbenchText> = {
  vi: {
    title: 'PressDX · Bàn thử',
    subtitle: 'Sổ tính trong bộ nhớ chạy đúng các thao tác Office.js của bổ trợ — không phải Excel.',
    samples: 'Tải mẫu thử',
    newWorkbook: 'Sổ tính mới',
    download: 'Tải xuống .xlsx',
    darkTheme: 'Giao diện tối',
    syncs: (n) => `Office.js: ${n} lần sync`,
    makingSamples: 'Đang tạo tệp mẫu…',
    samplesOffered: (count, names) => `Đã tạo ${count} tệp mẫu và đưa vào ô chọn tệp của ngăn tác vụ: ${names}.`,
    samplesNotOffered: (count, names) => `Đã tạo ${count} tệp mẫu: ${names}. Ngăn tác vụ không nhận tệp; tải từng tệp bên dưới.`,
    samplesFailed: (reason) => `Không tạo được tệp mẫu: ${reason}`,
    writingXlsx: 'Đang ghi tệp .xlsx…',
    downloaded: (name, size) => `Đã tải xuống ${name} (${size}). Mở bằng Excel: công thức được tính lại khi mở.`,
    downloadFailed: (reason) => `Không ghi được tệp: ${reason}`,
    workbookRegion: 'Sổ tính trong bộ nhớ',
    computedTitle: 'Giá trị do PressDX tính (TypeScript), không phải Excel',
    notComputed: 'PressDX không tính ô này; Excel sẽ tính khi mở tệp.',
    formula: 'công thức',
    locked: 'được bảo vệ',
    noVisibleSheet: 'Sổ tính không có trang tính nào hiển thị.',
    lockedCell: (sheet) => `Ô này nằm trên trang tính "${sheet}" đang được bảo vệ và đã khóa (ô tự tính hoặc dữ liệu kế hoạch). Chỉ các ô nhập liệu (nền vàng nhạt) nhận dữ liệu gõ vào.`,
    refused: (reason) => `Excel không nhận giá trị này: ${reason}`,
    protectionLifted: (sheet) => `Đã bỏ bảo vệ trang "${sheet}": ô tự tính có thể bị gõ đè (Kiểm tra sẽ báo, Tính toán sẽ khôi phục).`,
    sheetTabs: 'Trang tính',
    nameBox: 'Ô đang chọn',
    formulaBar: 'Nội dung ô',
    protect: 'Bảo vệ trang',
    unprotect: 'Bỏ bảo vệ trang',
    listOf: (address) => `Danh sách chọn của ô ${address}: `,
    cellGrid: (sheet) => `Lưới ô của trang tính ${sheet}`,
    sheetGrid: (sheet) => `Trang tính ${sheet}`,
    rowNumbers: 'Số hàng',
    editCell: (address) => `Sửa ô ${address}`,
    cell: (address, text) => `Ô ${address}${text ? `: ${text}` : ''}`,
    validationFailed: 'Giá trị này không khớp với các giới hạn xác thực dữ liệu của ô.',
  },
  en: {
    title: 'PressDX · Workbench',
    subtitle: 'An in-memory workbook that runs the add-in’s Office.js operations as they are — not Excel.',
    samples: 'Sample files',
    newWorkbook: 'New workbook',
    download: 'Download .xlsx',
    darkTheme: 'Dark theme',
    syncs: (n) => `Office.js: ${n} syncs`,
    makingSamples: 'Making sample files…',
    samplesOffered: (count, names) => `Made ${count} sample files and put them in the task pane’s file picker: ${names}.`,
    samplesNotOffered: (count, names) => `Made ${count} sample files: ${names}. The task pane took no files; download each one below.`,
    samplesFailed: (reason) => `Could not make the sample files: ${reason}`,
    writingXlsx: 'Writing the .xlsx file…',
    downloaded: (name, size) => `Downloaded ${name} (${size}). Open it in Excel: formulas are recalculated on opening.`,
    downloadFailed: (reason) => `Could not write the file: ${reason}`,
    workbookRegion: 'In-memory workbook',
    computedTitle: 'Value computed by PressDX (TypeScript), not by Excel',
    notComputed: 'PressDX does not compute this cell; Excel computes it when the file is opened.',
    formula: 'formula',
    locked: 'protected',
    noVisibleSheet: 'The workbook has no visible sheet.',
    lockedCell: (sheet) => `This cell is on the sheet "${sheet}", which is protected, and it is locked (a calculated cell or plan data). Only input cells (pale yellow) take typing.`,
    refused: (reason) => `Excel does not take this value: ${reason}`,
    protectionLifted: (sheet) => `Protection lifted from "${sheet}": calculated cells can now be typed over (Check reports it, Calculate restores them).`,
    sheetTabs: 'Sheets',
    nameBox: 'Selected cell',
    formulaBar: 'Cell contents',
    protect: 'Protect sheet',
    unprotect: 'Unprotect sheet',
    listOf: (address) => `List of cell ${address}: `,
    cellGrid: (sheet) => `Cells of the sheet ${sheet}`,
    sheetGrid: (sheet) => `Sheet ${sheet}`,
    rowNumbers: 'Row numbers',
    editCell: (address) => `Edit cell ${address}`,
    cell: (address, text) => `Cell ${address}${text ? `: ${text}` : ''}`,
    validationFailed: 'This value doesn’t match the data validation restrictions defined for this cell.',
  },
};
