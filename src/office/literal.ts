import type { Scalar } from '../domain/values';

/**
 * Writing text into a live workbook safely. Excel interprets a string written through
 * Range.values or Range.formulas exactly as if the user typed it: "=1+1" becomes a formula,
 * "-5" a number, "25/11/2023" a date (in a Vietnamese locale), "1,5" the number 1.5, "TRUE" a
 * boolean, "#N/A" an error.
 *
 * We prefix such text with an apostrophe (Excel's quote prefix) rather than formatting the cell
 * as text ("@"), because:
 * - the apostrophe affects only that entry: the cell keeps its number format, so when the user
 *   later types a number or date into it, Excel still parses it (an "@" cell would keep every
 *   later entry as text — numbers stored as text, the very habit the reader has to repair);
 * - Excel hides the apostrophe: Range.values returns the text without it, so reading back gives
 *   exactly what the spec held;
 * - it is what Excel itself does when a user types '=1+1.
 * Only text Excel might reinterpret gets the prefix; ordinary words are written as they are, so
 * cells carry no quote-prefix flag they do not need.
 */

const MONTH_FIRST = /^\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|tháng)[a-zà-ỹ]*[\s\-/.,]*\d/i;

/** True when Excel could read the text as something other than that text. */
export function needsQuotePrefix(text: string): boolean {
  if (text === '') return false;
  // Formula, sign, error literal, an existing apostrophe (which Excel would swallow); leading
  // tab or line break (Excel trims or reinterprets what follows).
  if (/^\s*[=+\-@#']/.test(text) || /^[\t\r\n]/.test(text)) return true;
  // Anything starting like a number: numbers, dates, times, fractions, percentages, currency.
  if (/^\s*[(]?\s*[$€£¥₫]?\s*[\d.,]/.test(text)) return true;
  if (/^\s*(true|false|đúng|sai)\s*$/i.test(text)) return true;
  // "Jan-23", "March 2023", "tháng 11/2023" read as dates.
  return MONTH_FIRST.test(text);
}

/** The text to write so that Excel stores exactly `text`. */
export const excelText = (text: string): string => (needsQuotePrefix(text) ? `'${text}` : text);

/**
 * One entry of a 2D write: a formula stays a formula; a constant is made literal. null becomes ""
 * because null in an Office.js array means "leave the cell as it is".
 */
export function excelEntry(value: Scalar | undefined, formula?: string): string | number | boolean {
  if (formula !== undefined) return formula;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return excelText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value;
  // An error value: Excel turns the literal (#N/A) into the error.
  return value.error;
}
