import type { ModelValue } from './model-types';

/**
 * How Excel interprets a string written through Range.values or Range.formulas: the same way it
 * interprets what a user types. "=1+1" becomes a formula, "25/11/2023" a date, "1,5" a number in a
 * Vietnamese locale, "TRUE" a boolean — unless the cell is formatted as text ("@") or the string
 * starts with an apostrophe (the quote prefix, which Excel keeps out of the value).
 * The fake implements this so tests catch a renderer that writes text unguarded.
 */

export type EntryLocale = 'vi-VN' | 'en-US';

export type ParsedEntry =
  | { kind: 'value'; value: ModelValue; quotePrefix: boolean }
  | { kind: 'formula'; formula: string };

const ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!'];

const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

function serial(y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, m - 1, d);
  const check = new Date(t);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return Math.round((t - EPOCH) / MS_PER_DAY);
}

const fullYear = (y: string) => (y.length <= 2 ? (Number(y) < 30 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

/** A number in the locale's notation, with optional sign, parentheses, currency and percent. */
export function parseLocaleNumber(text: string, locale: EntryLocale): number | undefined {
  let s = text.trim();
  if (s === '') return undefined;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }
  if (/^[-+]/.test(s)) {
    negative = negative !== s.startsWith('-');
    s = s.slice(1).trim();
  }
  s = s.replace(/^[$€£¥₫]\s*/, '').replace(/\s*[₫đ]$/, '');
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  const [group, decimal] = locale === 'vi-VN' ? ['.', ','] : [',', '.'];
  const g = group === '.' ? '\\.' : ',';
  const d = decimal === '.' ? '\\.' : ',';
  const re = new RegExp(`^(\\d{1,3}(${g}\\d{3})+|\\d+)?(${d}\\d*)?([eE][-+]?\\d+)?$`);
  if (!re.test(s) || !/\d/.test(s)) return undefined;
  const normal = s.split(group).join('').replace(decimal, '.');
  const n = Number(normal);
  if (!Number.isFinite(n)) return undefined;
  const v = (negative ? -n : n) / (percent ? 100 : 1);
  return v;
}

/** A date in the locale's order (d/m/y for vi-VN, m/d/y for en-US) or ISO y-m-d; a serial number. */
export function parseLocaleDate(text: string, locale: EntryLocale): number | undefined {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return serial(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = /^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{2}|\d{4}))?$/.exec(s);
  if (!m) return undefined;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const [day, month] = locale === 'vi-VN' ? [a, b] : [b, a];
  // Without a year Excel assumes the current one; the fake pins 2000 so results are stable.
  return serial(m[3] ? fullYear(m[3]) : 2000, month, day);
}

/** Interprets one written entry the way Excel does (see the module comment). */
export function parseEntry(input: string, numberFormat: string, locale: EntryLocale): ParsedEntry {
  if (input === '') return { kind: 'value', value: null, quotePrefix: false };
  if (numberFormat === '@') return { kind: 'value', value: input, quotePrefix: false };
  if (input.startsWith("'")) return { kind: 'value', value: input.slice(1), quotePrefix: true };
  if (input.startsWith('=') && input.length > 1) return { kind: 'formula', formula: input };
  const n = parseLocaleNumber(input, locale);
  if (n !== undefined) return { kind: 'value', value: n, quotePrefix: false };
  // A leading sign or "@" starts a formula when what follows is not a number ("-abc" → =-abc).
  if (/^[-+@]/.test(input) && input.length > 1) return { kind: 'formula', formula: `=${input}` };
  const d = parseLocaleDate(input, locale);
  if (d !== undefined) return { kind: 'value', value: d, quotePrefix: false };
  const upper = input.trim().toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'value', value: upper === 'TRUE', quotePrefix: false };
  if (ERRORS.includes(upper)) return { kind: 'value', value: { error: upper }, quotePrefix: false };
  return { kind: 'value', value: input, quotePrefix: false };
}
