import { FakeOfficeError, type FakeExcel } from '../fake-excel';

/**
 * The workbench's stand-in for office.js: installs global `Excel`, `Office` and `OfficeExtension`
 * objects before the task pane boots, so the task pane and the Office.js adapter run unchanged —
 * `Excel.run` is the in-memory fake's run (the same strict model the unit tests use), and
 * `Office.onReady` resolves with host Excel. office.js itself is never loaded on the workbench
 * page: outside Office it would leave `Excel` undefined.
 *
 * The task pane reaches Office only through these globals (src/taskpane/host.ts for the host,
 * src/office/host.ts for Excel.run and isSetSupported), so installing them is the whole hook.
 */

/** Office theme colours as Excel reports them (Office.context.officeTheme). */
export interface ShimTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
  isDarkTheme: boolean;
}

/** Excel's "Colorful" (light) theme. */
export const LIGHT_THEME: ShimTheme = {
  bodyBackgroundColor: '#FFFFFF',
  bodyForegroundColor: '#000000',
  controlBackgroundColor: '#FFFFFF',
  controlForegroundColor: '#000000',
  isDarkTheme: false,
};

/** Excel's "Black" theme, the dark one. */
export const DARK_THEME: ShimTheme = {
  bodyBackgroundColor: '#262626',
  bodyForegroundColor: '#FFFFFF',
  controlBackgroundColor: '#363636',
  controlForegroundColor: '#FFFFFF',
  isDarkTheme: true,
};

export interface ShimOptions {
  theme: ShimTheme;
  /** Called after every Excel.run, whether it succeeded or failed (the grid re-renders). */
  afterRun?: () => void;
}

/** Office's own enums keep the value as the key: Office.HostType.Excel === 'Excel'. */
const sameKeys = (values: readonly string[]): Record<string, string> => Object.fromEntries(values.map((v) => [v, v]));

/** An Excel enum object from its values: Excel.CalculationType.full === 'Full'. */
function officeEnum(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((v) => [v.charAt(0).toLowerCase() + v.slice(1), v]));
}

/** The Excel enums PressDX code may reference at run time (Office.js defines them as string maps). */
export const EXCEL_ENUMS: Record<string, Record<string, string>> = {
  CalculationType: officeEnum(['Recalculate', 'Full', 'FullRebuild']),
  CalculationMode: officeEnum(['Automatic', 'AutomaticExceptTables', 'Manual']),
  SheetVisibility: officeEnum(['Visible', 'Hidden', 'VeryHidden']),
  ClearApplyTo: officeEnum(['All', 'Formats', 'Contents', 'Hyperlinks', 'RemoveHyperlinks']),
  InsertShiftDirection: officeEnum(['Down', 'Right']),
  DeleteShiftDirection: officeEnum(['Up', 'Left']),
  HorizontalAlignment: officeEnum(['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed']),
  VerticalAlignment: officeEnum(['Top', 'Center', 'Bottom', 'Justify', 'Distributed']),
  RangeValueType: officeEnum(['Unknown', 'Empty', 'String', 'Integer', 'Double', 'Boolean', 'Error', 'RichValue']),
  DataValidationType: officeEnum(['None', 'WholeNumber', 'Decimal', 'List', 'Date', 'Time', 'TextLength', 'Custom', 'Inconsistent', 'MixedCriteria']),
  DataValidationOperator: officeEnum(['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqualTo', 'LessThanOrEqualTo']),
  DataValidationAlertStyle: officeEnum(['Stop', 'Warning', 'Information']),
  NamedItemType: officeEnum(['String', 'Integer', 'Double', 'Boolean', 'Range', 'Error', 'Array']),
  PageOrientation: officeEnum(['Portrait', 'Landscape']),
  ChartSeriesBy: officeEnum(['Auto', 'Columns', 'Rows']),
  ChartLegendPosition: officeEnum(['Invalid', 'Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom']),
  ChartType: officeEnum([
    'ColumnClustered', 'ColumnStacked', 'ColumnStacked100', 'BarClustered', 'BarStacked', 'BarStacked100', 'Line', 'LineMarkers',
    'LineStacked', 'Pie', 'Doughnut', 'Area', 'XYScatter', 'XYScatterLines', 'Radar', 'RadarMarkers', 'RadarFilled',
  ]),
  ErrorCodes: officeEnum([
    'AccessDenied', 'ApiNotFound', 'GeneralException', 'InvalidArgument', 'InvalidOperation', 'InvalidReference', 'InvalidRequestContext',
    'ItemAlreadyExists', 'ItemNotFound', 'NotImplemented', 'RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded',
  ]),
};

export interface InstalledShim {
  /** The run the global Excel.run calls (the fake's, with the afterRun notification). */
  run: FakeExcel['run'];
  isSetSupported(name: string, version?: string): boolean;
}

/** Installs the globals. Call once, before anything reads Office or Excel. */
export function installOfficeShim(fake: FakeExcel, options: ShimOptions): InstalledShim {
  const run: FakeExcel['run'] = async (batch) => {
    try {
      return await fake.run(batch);
    } finally {
      options.afterRun?.();
    }
  };
  // Excel 2024 LTSC / Microsoft 365 level: ExcelApi up to 1.17, nothing else.
  const isSetSupported = (name: string, version?: string) => name.toLowerCase() === 'excelapi' && fake.isSetSupported(name, version ?? '1.1');

  const hostInfo = { host: 'Excel', platform: 'OfficeOnline' };
  const office = {
    HostType: sameKeys(['Word', 'Excel', 'PowerPoint', 'Outlook', 'OneNote', 'Project', 'Access']),
    PlatformType: sameKeys(['PC', 'OfficeOnline', 'Mac', 'iOS', 'Android', 'Universal']),
    onReady: (callback?: (info: typeof hostInfo) => void) => {
      callback?.(hostInfo);
      return Promise.resolve(hostInfo);
    },
    context: {
      host: 'Excel',
      platform: 'OfficeOnline',
      displayLanguage: 'vi-VN',
      contentLanguage: 'vi-VN',
      officeTheme: { ...options.theme, themeId: options.theme.isDarkTheme ? 4 : 1 },
      requirements: { isSetSupported },
      diagnostics: { host: 'Excel', platform: 'OfficeOnline', version: 'PressDX workbench' },
    },
    actions: { associate: (): void => undefined },
  };
  const excel = { ...EXCEL_ENUMS, run };
  const officeExtension = { Error: FakeOfficeError, ErrorCodes: EXCEL_ENUMS.ErrorCodes };

  const g = globalThis as unknown as Record<string, unknown>;
  g.Office = office;
  g.Excel = excel;
  g.OfficeExtension = officeExtension;
  return { run, isSetSupported };
}
