/** An Excel error value such as #N/A, kept distinct from text that merely looks like one. */
export interface CellError {
  error: string;
}

/** A cell's value as read or written. Dates are Excel serial numbers (days since 1899-12-30). */
export type Scalar = string | number | boolean | null | CellError;

/** A table row read by column key. */
export type Row = Record<string, Scalar>;

export const isError = (v: Scalar): v is CellError => typeof v === 'object' && v !== null;

export const isBlank = (v: Scalar): boolean => v === null || v === '';

/** Excel's text equality: case-insensitive, no trimming; text never equals a number. */
export function textEquals(v: Scalar, text: string): boolean {
  if (text === '') return isBlank(v);
  // Plain toLowerCase: Vietnamese has no locale-specific case rules, and the locale-aware call costs ten times more on a merge's hot path.
  return typeof v === 'string' && (v === text || v.toLowerCase() === text.toLowerCase());
}

const MS_PER_DAY = 86_400_000;
const EPOCH_UTC = Date.UTC(1899, 11, 30);

/** Serial number of a calendar date (Excel's 1900 system, valid from 1 March 1900). */
export function dateSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH_UTC) / MS_PER_DAY);
}

/** Today in the user's calendar, as TODAY() shows it: the local date of `now`, not its UTC date. */
export const localDateSerial = (now: Date): number => dateSerial(now.getFullYear(), now.getMonth() + 1, now.getDate());

export function serialToDate(serial: number): { year: number; month: number; day: number } {
  const d = new Date(EPOCH_UTC + Math.floor(serial) * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** dd/mm/yyyy, the way the UI shows dates. */
export function formatSerial(serial: number): string {
  const { year, month, day } = serialToDate(serial);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** A calendar date from a JavaScript Date, reading its UTC fields (file libraries store dates as UTC). */
export const serialFromUtcDate = (d: Date): number => (d.getTime() - EPOCH_UTC) / MS_PER_DAY;

export const serialToUtcDate = (serial: number): Date => new Date(EPOCH_UTC + serial * MS_PER_DAY);

/**
 * Excel's ROUND: half away from zero, applied to the 15 significant digits Excel works with, so
 * 2.675 rounds to 2.68 as Excel shows it, not to 2.67 as its binary value would.
 */
export function excelRound(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / f;
}
