import { dateSerial, serialToDate } from './values';
import { NO, YES } from './vocabulary';

/**
 * Reading what Vietnamese users type: decimal comma ("1,5"), thousands dot ("1.234.567"),
 * "75%" as text, "có"/"x" for Có, dates dd/mm/yyyy as text, stray spaces. Each parser returns
 * the intended value or undefined; it never guesses between two plausible readings silently —
 * the caller reports what was interpreted.
 */

const SPACES = /[\s\u00a0\u202f]+/g;

export interface ParsedNumber {
  value: number;
  /** The text ended with "%": the number is a percentage of 100. */
  percent: boolean;
}

export function parseNumberVn(input: string): ParsedNumber | undefined {
  let s = input.replace(SPACES, '');
  if (s === '') return undefined;
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  const sign = s.startsWith('-') ? -1 : 1;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return undefined;
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let normalised: string;
  if (dots > 0 && commas > 0) {
    // Both present: the last one is the decimal separator ("1.234,5" or "1,234.5").
    const decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    const [intPart, frac, ...rest] = s.split(decimal);
    if (rest.length > 0 || !new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})*$`).test(intPart)) return undefined;
    normalised = `${intPart.split(thousands).join('')}.${frac}`;
  } else if (commas > 0) {
    if (commas === 1) normalised = s.replace(',', '.');
    else if (/^\d{1,3}(,\d{3})+$/.test(s)) normalised = s.replace(/,/g, '');
    else return undefined;
  } else if (dots > 1 || /^\d{1,3}\.\d{3}$/.test(s)) {
    // "1.234" and "1.234.567" are thousands in Vietnamese writing.
    if (!/^\d{1,3}(\.\d{3})+$/.test(s)) return undefined;
    normalised = s.replace(/\./g, '');
  } else {
    normalised = s;
  }
  if (/^\.|\.$/.test(normalised)) return undefined;
  const value = sign * Number(normalised);
  return Number.isFinite(value) ? { value, percent } : undefined;
}

const YES_WORDS = new Set(['có', 'co', 'x', 'yes', 'y', 'true', 'đã có', 'da co', '✓', '✔']);
const NO_WORDS = new Set(['không', 'khong', 'ko', 'k', 'no', 'n', 'false', 'chưa', 'chua', 'chưa có']);

export function parseYesNo(input: string): typeof YES | typeof NO | undefined {
  const s = input.replace(SPACES, ' ').trim().toLocaleLowerCase('vi');
  if (YES_WORDS.has(s)) return YES;
  if (NO_WORDS.has(s)) return NO;
  return undefined;
}

/** dd/mm/yyyy (also with "-" or "."), or ISO yyyy-mm-dd, to a serial; undefined if not a real date. */
export function parseDateVn(input: string): number | undefined {
  const s = input.trim();
  let d: number, m: number, y: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else return undefined;
  if (y < 1901 || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const serial = dateSerial(y, m, d);
  const back = serialToDate(serial);
  return back.day === d && back.month === m && back.year === y ? serial : undefined;
}
