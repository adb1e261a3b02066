import { planAgencyFill, type FillPlan } from '../app/agency';
import type { OfficialData } from '../app/types';
import { toAgencyTables } from '../workbook/read';
import { agencyInputPatches, type AgencyInputs, type AnyTableInputs, type SetInputsOptions } from './inputs';
import { calcPatch, patchWorkbookCells } from './patch';
import { readWorkbookBytes, type FileContent } from './read-file';

/**
 * Tính toán on a file: the application's fill plan, carried out by patching only the calculated
 * cells whose formula or cached result is wrong. `content` is what the reader read of `bytes`.
 */
export function fillFileContent(bytes: Uint8Array, content: FileContent, data: OfficialData, todaySerial: number): { bytes: Uint8Array; plan: FillPlan } {
  const plan = planAgencyFill(content, data, todaySerial);
  return { bytes: patchWorkbookCells(bytes, content.file, plan.rewritten.map(calcPatch)), plan };
}

/** Entries typed into a workbook's input cells, as a user would type them (samples and tests). */
export function typeAgencyInputs(bytes: Uint8Array, inputs: AgencyInputs | AnyTableInputs, options?: SetInputsOptions): Uint8Array {
  const content = readWorkbookBytes(bytes);
  return patchWorkbookCells(bytes, content.file, agencyInputPatches(toAgencyTables(content.tables), inputs, options));
}
