import type * as ExcelJS from 'exceljs';
import { serialFromUtcDate, type Scalar } from '../domain/values';

/** Conversions between ExcelJS cell values and the domain's Scalar. */

const ERROR_CODES = ['#N/A', '#REF!', '#NAME?', '#DIV/0!', '#NULL!', '#VALUE!', '#NUM!'] as const;
type ErrorCode = (typeof ERROR_CODES)[number];

const isErrorCode = (s: string): s is ErrorCode => (ERROR_CODES as readonly string[]).includes(s);

/** ExcelJS types only the seven classic codes; anything newer (#SPILL!, #CALC!) is written as #N/A. */
export function toCellError(code: string): ExcelJS.CellErrorValue {
  return { error: isErrorCode(code) ? code : '#N/A' };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !(v instanceof Date);

function richTextToString(v: unknown): string | undefined {
  if (!isRecord(v) || !Array.isArray(v.richText)) return undefined;
  return v.richText.map((run: unknown) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join('');
}

/** A plain value (never a formula) as a Scalar: dates as serials, rich text and hyperlinks as their text. */
export function plainToScalar(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { error: '#NUM!' };
  if (v instanceof Date) {
    // ExcelJS turns a text result in a date-formatted cell into an Invalid Date; nothing is left to read.
    return Number.isNaN(v.getTime()) ? '' : serialFromUtcDate(v);
  }
  if (isRecord(v)) {
    if (typeof v.error === 'string') return { error: v.error };
    const rich = richTextToString(v);
    if (rich !== undefined) return rich;
    if ('text' in v) {
      // Hyperlink: the text may itself be rich text.
      const t = v.text;
      return typeof t === 'string' ? t : richTextToString(t) ?? plainToScalar(t);
    }
  }
  return String(v);
}

/** The value and formula ("=..." or null) of an ExcelJS cell. */
export function readCell(cell: ExcelJS.Cell): { value: Scalar; formula: string | null } {
  const v: unknown = cell.value;
  if (isRecord(v) && (typeof v.formula === 'string' || typeof v.sharedFormula === 'string')) {
    // cell.formula translates shared formulas from their master cell. cell.result, not v.result:
    // ExcelJS's value getter drops falsy results (0, false, ""), which would read 0 as blank.
    const f = cell.formula;
    const result: unknown = cell.result;
    // A formula whose result is "" is saved with an empty <v>, which ExcelJS reads as no result.
    return { value: result === undefined ? '' : plainToScalar(result), formula: f ? `=${f}` : null };
  }
  return { value: plainToScalar(v), formula: null };
}
