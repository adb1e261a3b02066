import { formatSerial, type Scalar } from '../domain/values';

/**
 * A cell's value as Excel in a Vietnamese locale shows it, for the number formats PressDX uses:
 * dates dd/mm/yyyy, percentages, fixed decimals and thousands with "." and ",".
 */

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A number with `decimals` places, Vietnamese separators; `grouped` adds thousands dots. */
export function viNumber(n: number, decimals: number, grouped: boolean): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [i, d] = fixed.split('.');
  const sign = n < 0 && Number(fixed) !== 0 ? '-' : '';
  return sign + (grouped ? groupThousands(i) : i) + (d ? `,${d}` : '');
}

/** Decimal places of a format such as 0.00, #,##0.0 or 0.0%. */
const decimalsOf = (format: string) => /\.(0+)/.exec(format)?.[1].length ?? 0;

/** General format: up to 10 significant digits, trailing zeros dropped. */
function general(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const s = String(Number(n.toPrecision(10)));
  return s.includes('e') ? s : s.replace('.', ',');
}

export function formatValue(value: Scalar, numberFormat: string): string {
  if (value === null) return '';
  if (typeof value === 'object') return value.error;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const f = numberFormat.trim();
  if (f === '' || f === 'General' || f === '@') return general(value);
  if (/[dy]/i.test(f) && /m/i.test(f)) return Number.isFinite(value) && value > 0 ? formatSerial(value) : general(value);
  if (f.endsWith('%')) return `${viNumber(value * 100, decimalsOf(f), f.includes(','))}%`;
  if (/^[#0,.]+$/.test(f)) return viNumber(value, decimalsOf(f), f.includes(','));
  return general(value);
}

/** Numbers and dates align right, as in Excel's General alignment. */
export const alignsRight = (value: Scalar): boolean => typeof value === 'number';
