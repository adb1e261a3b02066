import type { XlsxWorkbookRead } from '../reader';
import { DEFAULT_XLSX_LIMITS, ExpandedBytes, inflateEntry, readZipDirectory } from '../reader';
import { isDateFormatCode } from '../reader/styles';
import type { CalcWrite } from '../../workbook/fill';
import { patchSheetXml, type CellPatch } from './sheet-cells';
import { replaceZipEntries } from './zip-rewrite';

/**
 * Writes cells into an existing .xlsx without touching anything else: only the worksheet parts
 * that hold a patched cell change, and in them only the patched `<c>` elements; every other
 * part is copied byte for byte. Tính toán on files (calculated cells) and the test helpers that
 * type entries into a template both go through here.
 */

export interface SheetCellPatch extends CellPatch {
  /** Sheet name as the reader found it. */
  sheet: string;
}

export type { CellPatch };

/** The package with the patches applied; `workbook` is what the reader read of these same bytes. */
export function patchWorkbookCells(bytes: Uint8Array, workbook: Pick<XlsxWorkbookRead, 'sheets' | 'date1904'>, patches: readonly SheetCellPatch[]): Uint8Array {
  if (patches.length === 0) return bytes;
  const directory = readZipDirectory(bytes, DEFAULT_XLSX_LIMITS);
  const budget = new ExpandedBytes(DEFAULT_XLSX_LIMITS);
  const bySheet = new Map<string, SheetCellPatch[]>();
  for (const p of patches) {
    const sheet = workbook.sheets.find((s) => s.name === p.sheet) ?? workbook.sheets.find((s) => s.name.toLowerCase() === p.sheet.toLowerCase());
    if (!sheet) throw new Error(`no sheet named "${p.sheet}"`);
    const list = bySheet.get(sheet.part) ?? [];
    list.push(p);
    bySheet.set(sheet.part, list);
  }
  const replacements = new Map<string, Uint8Array>();
  for (const [part, list] of bySheet) {
    const entry = directory.find(part);
    if (!entry) throw new Error(`no part ${part}`);
    const xml = new TextDecoder().decode(inflateEntry(bytes, entry, budget));
    replacements.set(entry.name, new TextEncoder().encode(patchSheetXml(xml, list, workbook.date1904)));
  }
  return replaceZipEntries(bytes, replacements, directory);
}

/** A calculated cell of the fill plan as a patch: its formula kept as written when Excel only re-spelled it. */
export const calcPatch = (w: CalcWrite): SheetCellPatch => ({
  sheet: w.sheet,
  address: w.address,
  formula: w.formula,
  value: w.result,
  isDate: w.numberFormat !== undefined && isDateFormatCode(w.numberFormat),
  keepFormula: !w.changed,
});
