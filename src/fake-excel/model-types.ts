/**
 * Plain data of the in-memory workbook. No Office.js types here: the model is shared with the
 * browser workbench (and a future formula evaluator), which may not load Office.js at all.
 */

/** A cell's value: a constant, or the cached result of its formula. Dates are serial numbers. */
export type ModelValue = string | number | boolean | { error: string } | null;

export interface FontModel {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  /** "#RRGGBB" */
  color: string;
  size: number;
  name: string;
}

export type ValidationKind = 'none' | 'wholeNumber' | 'decimal' | 'date' | 'time' | 'textLength' | 'list' | 'custom';

export interface ValidationRuleModel {
  kind: ValidationKind;
  operator?: string;
  /** Operands as Excel returns them: formulas ("=10", "=lstDonVi") or constants. */
  formula1?: string;
  formula2?: string;
  /** List source: "=name", "=$A$1:$A$5" or "a,b,c". */
  source?: string;
  inCellDropDown?: boolean;
}

export interface ValidationModel {
  rule: ValidationRuleModel;
  prompt: { showPrompt: boolean; title: string; message: string } | null;
  errorAlert: { showAlert: boolean; style: string; title: string; message: string } | null;
  ignoreBlanks: boolean;
}

export interface CellModel {
  value: ModelValue;
  /** Invariant formula text ("=..."), or null for a constant. */
  formula: string | null;
  /** Entered with a leading apostrophe: Excel keeps the text as text and hides the apostrophe. */
  quotePrefix: boolean;
  numberFormat: string;
  /** "#RRGGBB", or null for no fill. */
  fill: string | null;
  font: FontModel;
  wrap: boolean;
  locked: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  validation: ValidationModel | null;
}

export type SheetVisibility = 'Visible' | 'Hidden' | 'VeryHidden';

/** Excel.WorksheetProtectionOptions, as plain booleans. */
export type ProtectionOptions = Partial<
  Record<
    | 'allowAutoFilter'
    | 'allowDeleteColumns'
    | 'allowDeleteRows'
    | 'allowEditObjects'
    | 'allowEditScenarios'
    | 'allowFormatCells'
    | 'allowFormatColumns'
    | 'allowFormatRows'
    | 'allowInsertColumns'
    | 'allowInsertHyperlinks'
    | 'allowInsertRows'
    | 'allowPivotTables'
    | 'allowSort',
    boolean
  >
> & { selectionMode?: string };

export interface HeaderFooterModel {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  centerFooter: string;
  rightFooter: string;
}

export interface PageLayoutModel {
  orientation: 'Portrait' | 'Landscape';
  paperSize: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  /** e.g. "$4:$4", or null. */
  printTitleRows: string | null;
  printTitleColumns: string | null;
  printArea: string | null;
  centerHorizontally: boolean;
  headersFooters: HeaderFooterModel;
}

/** A cell block a chart series draws on, by sheet name (charts keep references, not copies). */
export interface ChartRefModel {
  sheet: string;
  /** 0-based, as Rect in address.ts. */
  rect: { top: number; left: number; rows: number; cols: number };
}

export interface ChartSeriesModel {
  name: string;
  values: ChartRefModel | null;
  xValues: ChartRefModel | null;
  /** The series' own type in a combination chart; null = the chart's type. */
  chartType: string | null;
}

export interface ChartModel {
  id: string;
  name: string;
  type: string;
  title: { text: string; visible: boolean };
  legend: { visible: boolean; position: string };
  valueAxis: { numberFormat: string; minimum: number | null; maximum: number | null };
  /** Top-left and bottom-right cells ("B20", "I37"), or null until setPosition. */
  position: { from: string; to: string } | null;
  series: ChartSeriesModel[];
  deleted: boolean;
}
