import type { Finding } from '../domain/check';
import { sameCellValue } from '../domain/consolidate';
import { formatSerial, isError, type Scalar } from '../domain/values';
import type { Lang } from '../workbook/labels';
import { NUMBER_FORMATS } from '../workbook/spec';
import { excelEntry } from './literal';
import { queueSheetStates, unprotectWhile } from './protection';
import { toFormula, toScalar } from './read';

/**
 * Applying the check's suggested fixes ("1,5" typed as text → 1.5, "có" → "Có", trailing spaces,
 * 25/11/2025 typed as text → the date). The user confirms first (the task pane asks); this writes
 * only the listed cells, and only where the cell still holds what the check saw, so a fix never
 * overwrites something the user typed since.
 *
 * Syncs: 1 lists the sheets (a fix for a sheet renamed since the check is skipped, not an error
 * that stops the others), 1 reads the cells, 1 writes.
 */

export interface CellFix {
  sheet: string;
  address: string;
  /** What the cell held when the check ran; the fix applies only if it still does. */
  expectedValue: Scalar;
  newValue: Scalar;
  /** newValue is a date serial: the cell gets a date format unless it has one. */
  isDate?: boolean;
}

export type SkipReason = 'changed' | 'formula' | 'missingSheet' | 'duplicate' | 'invalid';

export interface FixOutcome {
  fix: CellFix;
  /** "Sheet!A1" for the report. */
  ref: string;
}

export interface SkippedFix extends FixOutcome {
  reason: SkipReason;
  /** What the cell holds now (null when it could not be read). */
  current: Scalar;
  message: string;
}

export interface ApplyFixesResult {
  applied: FixOutcome[];
  skipped: SkippedFix[];
  syncs: number;
}

/** The fix a finding offers, or undefined when it offers none (or has no cell). */
export function fixFromFinding(f: Finding): CellFix | undefined {
  if (f.suggestion === undefined || !f.sheet || !f.address) return undefined;
  return { sheet: f.sheet, address: f.address, expectedValue: f.value, newValue: f.suggestion, isDate: f.code === 'dateAsText' };
}

const show = (v: Scalar): string => (v === null ? '' : isError(v) ? v.error : String(v));

const MESSAGES = {
  vi: {
    changed: (ref: string, now: Scalar) => `${ref}: ô đã được sửa sau lần kiểm tra (hiện là "${show(now)}"); không ghi đè.`,
    formula: (ref: string) => `${ref}: ô hiện chứa công thức; không ghi đè.`,
    missingSheet: (ref: string) => `${ref}: không còn trang này (trang đã bị đổi tên hoặc xóa); hãy kiểm tra lại.`,
    duplicate: (ref: string) => `${ref}: ô đã có một sửa khác trong cùng lần này.`,
    invalid: (ref: string) => `${ref}: giá trị sửa không hợp lệ.`,
  },
  en: {
    changed: (ref: string, now: Scalar) => `${ref}: the cell changed after the check (now "${show(now)}"); not overwritten.`,
    formula: (ref: string) => `${ref}: the cell now holds a formula; not overwritten.`,
    missingSheet: (ref: string) => `${ref}: the sheet is gone (renamed or deleted); run the check again.`,
    duplicate: (ref: string) => `${ref}: another fix for this cell is in the same batch.`,
    invalid: (ref: string) => `${ref}: the new value is not valid.`,
  },
} as const;

/** A number format that shows dates (d, m with d/y, or y outside quoted text and [codes]). */
export function isDateFormat(format: string): boolean {
  const code = format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dy]/i.test(code);
}

const localAddress = (a: string) => a.replace(/\$/g, '').toUpperCase();

export async function applyFixesInWorkbook(context: Excel.RequestContext, fixes: CellFix[], lang: Lang = 'vi'): Promise<ApplyFixesResult> {
  const msg = MESSAGES[lang];
  const applied: FixOutcome[] = [];
  const skipped: SkippedFix[] = [];
  const skip = (fix: CellFix, ref: string, reason: SkipReason, current: Scalar) => {
    const message = reason === 'changed' ? msg.changed(ref, current) : msg[reason](ref);
    skipped.push({ fix, ref, reason, current, message });
  };

  const statesOf = queueSheetStates(context);
  await context.sync();
  const states = statesOf();

  const seen = new Set<string>();
  const reads: Array<{ fix: CellFix; ref: string; range: Excel.Range }> = [];
  for (const fix of fixes) {
    const ref = `${fix.sheet}!${localAddress(fix.address)}`;
    const state = states.get(fix.sheet.toLowerCase());
    if (!state) skip(fix, ref, 'missingSheet', null);
    else if (seen.has(ref.toLowerCase())) skip(fix, ref, 'duplicate', null);
    else if (typeof fix.newValue === 'number' && !Number.isFinite(fix.newValue)) skip(fix, ref, 'invalid', null);
    else {
      seen.add(ref.toLowerCase());
      const range = context.workbook.worksheets.getItem(state.name).getRange(fix.address).load('values,valueTypes,formulas,numberFormat,format/protection/locked');
      reads.push({ fix, ref, range });
    }
  }
  if (reads.length === 0) return { applied, skipped, syncs: 1 };
  await context.sync();

  const writes: Array<{ fix: CellFix; ref: string; format?: string; locked: boolean }> = [];
  for (const { fix, ref, range } of reads) {
    const value = range.values[0]?.[0];
    const type = range.valueTypes[0]?.[0];
    const current = toScalar(value, type);
    if (toFormula(range.formulas[0]?.[0], value, type) !== null) skip(fix, ref, 'formula', current);
    else if (!sameCellValue(current, fix.expectedValue)) skip(fix, ref, 'changed', current);
    else {
      const format = String(range.numberFormat[0]?.[0] ?? 'General');
      // A date needs a date format to show as one; a number in a text ("@") cell would stay text.
      const newFormat = fix.isDate && !isDateFormat(format) ? NUMBER_FORMATS.date : typeof fix.newValue === 'number' && format === '@' ? 'General' : undefined;
      writes.push({ fix, ref, format: newFormat, locked: range.format.protection.locked !== false });
    }
  }
  if (writes.length === 0) return { applied, skipped, syncs: 2 };

  // Values of unlocked cells can be written on a protected sheet; formats and locked cells cannot.
  const protectAgain = unprotectWhile(
    context,
    states,
    writes.filter((w) => w.format !== undefined || w.locked).map((w) => w.fix.sheet),
  );
  for (const w of writes) {
    const range = context.workbook.worksheets.getItem(w.fix.sheet).getRange(w.fix.address);
    // The format first, so the value is taken under it.
    if (w.format !== undefined) range.numberFormat = [[w.format]];
    // Text through the literal helper: "01", "=x", "1/2" stay the text the user chose.
    range.values = [[excelEntry(w.fix.newValue)]];
    applied.push({ fix: w.fix, ref: w.ref });
  }
  protectAgain();
  await context.sync();
  return { applied, skipped, syncs: 3 };
}

/** For the UI: a fix's new value as the user reads it (dates as dd/mm/yyyy). */
export const showFixValue = (fix: CellFix): string => (fix.isDate && typeof fix.newValue === 'number' ? formatSerial(fix.newValue) : show(fix.newValue));
