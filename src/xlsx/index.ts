import { localDateSerial } from '../domain/values';
import { buildAgencyWorkbookSpec, type AgencyTemplateOptions } from '../workbook/agency-template';
import { renderToBuffer } from './render';

/** The small API the CLI and other Node code use for .xlsx files. */

export { applyPackageExtras, extrasFromSpec, type CalculatedColumn, type PackageExtras } from './package';
export { renderToBuffer, renderWorkbook, workbookToBuffer } from './render';

export interface WriteTemplateOptions extends AgencyTemplateOptions {
  /** The date the cached results assume for TODAY(); defaults to today. */
  todaySerial?: number;
}

/** An agency's blank report workbook as .xlsx bytes. */
export async function writeAgencyTemplate(options: WriteTemplateOptions): Promise<Uint8Array> {
  const { todaySerial, ...o } = options;
  const spec = buildAgencyWorkbookSpec(o, todaySerial ?? localDateSerial(new Date()));
  const created = new Date(o.generatedAt);
  return renderToBuffer(spec, Number.isNaN(created.getTime()) ? {} : { created });
}
