/**
 * The two things of Office the adapter needs, given to makeOperations so tests and the workbench
 * pass the in-memory fake: Excel.run and Office.context.requirements.isSetSupported. The real ones
 * below are for the add-in's entry points (the task pane, the ribbon commands); they touch the
 * globals only when called.
 */

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export type IsSetSupported = (name: string, version: string) => boolean;

export const officeExcelRun: ExcelRun = (batch) => Excel.run(batch);

export const officeIsSetSupported: IsSetSupported = (name, version) =>
  typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported(name, version) === true;

/** PressDX's floor: DataValidation arrived in ExcelApi 1.8 (Excel 2019 volume licence). */
export const MIN_EXCEL_API = '1.8';
