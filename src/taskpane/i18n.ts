/** Task-pane strings. Vietnamese is the default; English is a toggle. Placeholders: {name}. */
export type Lang = 'vi' | 'en';

const vi = {
  appSubtitle: 'Kế hoạch chuyển đổi số báo chí',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  loading: 'Đang tải PressDX…',
  outsideExcelTitle: 'Đang chạy ngoài Excel',
  outsideExcelBody:
    'Trang này cần được mở trong Excel. Nạp tệp manifest.xml vào Excel (Chèn › Bổ trợ › Tải lên bổ trợ của tôi), rồi bấm “Mở PressDX” trên thẻ Trang đầu.',
  oldExcelTitle: 'Phiên bản Excel chưa được hỗ trợ',
  oldExcelBody: 'PressDX cần Excel 2019 trở lên, Microsoft 365 hoặc Excel cho web (bộ API ExcelApi 1.8).',
  viewsLabel: 'Chức năng',
  createTab: 'Tạo biểu mẫu',
  createIntro: 'Tạo các trang tính báo cáo cho một đơn vị và một năm báo cáo trong sổ tính đang mở.',
  unitLabel: 'Đơn vị',
  unitNone: 'Để trống (chọn sau trong biểu mẫu)',
  unitGroupPress: 'Cơ quan báo chí',
  unitGroupManagement: 'Cơ quan quản lý, phối hợp',
  yearLabel: 'Năm báo cáo',
  yearInvalid: 'Năm báo cáo phải là số nguyên từ {min} đến {max}.',
  indexLabel: 'Phiên bản Bộ chỉ số',
  indexDefaultHint: 'Mặc định cho năm {year}: {decision}.',
  indexOverriddenHint: 'Đã chọn khác mặc định của năm {year} ({decision}).',
  indexUseDefault: 'Dùng mặc định',
  createButton: 'Tạo biểu mẫu',
  creating: 'Đang tạo biểu mẫu…',
  checkingSheets: 'Đang kiểm tra các trang tính hiện có…',
  progressLabel: 'Tiến độ',
  created: 'Đã tạo {count} trang tính: {sheets}.',
  confirmTitle: 'Thay thế biểu mẫu hiện có?',
  confirmBody:
    'Sổ tính này đã có các trang tính của PressDX: {sheets}. Nếu thay thế, số liệu đã nhập trên các trang tính đó sẽ bị xóa.',
  confirmReplace: 'Thay thế',
  cancel: 'Hủy',
  errorTitle: 'Không thực hiện được',
  errorOffice: 'Excel báo lỗi ({code}): {message}',
  errorUnknown: 'Đã xảy ra lỗi không xác định.',
  dismiss: 'Đóng',
};

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  appSubtitle: 'Press digital-transformation plan',
  switchLanguage: 'Tiếng Việt',
  switchLanguageLabel: 'Chuyển sang tiếng Việt',
  loading: 'Loading PressDX…',
  outsideExcelTitle: 'Running outside Excel',
  outsideExcelBody:
    'This page must be opened inside Excel. Sideload manifest.xml into Excel (Insert › Add-ins › Upload My Add-in), then choose “Open PressDX” on the Home tab.',
  oldExcelTitle: 'This Excel version is not supported',
  oldExcelBody: 'PressDX needs Excel 2019 or later, Microsoft 365 or Excel on the web (ExcelApi 1.8).',
  viewsLabel: 'Functions',
  createTab: 'Create template',
  createIntro: 'Create the report sheets for one unit and one reporting year in the open workbook.',
  unitLabel: 'Unit',
  unitNone: 'Leave blank (choose later in the workbook)',
  unitGroupPress: 'Press agencies',
  unitGroupManagement: 'Managing and coordinating bodies',
  yearLabel: 'Reporting year',
  yearInvalid: 'The reporting year must be a whole number from {min} to {max}.',
  indexLabel: 'Index version',
  indexDefaultHint: 'Default for {year}: {decision}.',
  indexOverriddenHint: 'Differs from the default for {year} ({decision}).',
  indexUseDefault: 'Use default',
  createButton: 'Create template',
  creating: 'Creating the template…',
  checkingSheets: 'Checking the existing sheets…',
  progressLabel: 'Progress',
  created: 'Created {count} sheets: {sheets}.',
  confirmTitle: 'Replace the existing template?',
  confirmBody:
    'This workbook already has PressDX sheets: {sheets}. Replacing them deletes the figures entered on those sheets.',
  confirmReplace: 'Replace',
  cancel: 'Cancel',
  errorTitle: 'Could not complete the action',
  errorOffice: 'Excel reported an error ({code}): {message}',
  errorUnknown: 'An unknown error occurred.',
  dismiss: 'Dismiss',
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { vi, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = MESSAGES[lang];
  return (key, params) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

export function otherLang(lang: Lang): Lang {
  return lang === 'vi' ? 'en' : 'vi';
}
