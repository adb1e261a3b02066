import { parseEntry, parseLocaleNumber } from '../fake-excel/entry';
import type { CellModel, ModelValue, SheetModel, ValidationModel, WorkbookModel } from '../fake-excel';

/**
 * What Excel does with text typed into a cell, beyond what Range.values does with the same string:
 * automatic percent entry (a percent cell takes "50", "50%" and "0,5" alike as 50%) and data
 * validation (a value breaking a Stop rule is refused with the rule's own message). Range.values
 * bypasses both, so they live here, in the workbench's keyboard path, not in the fake's write.
 */

export type TypedEntry =
  | { ok: true; input: string | number }
  /** message is undefined where the rule gives none: Excel then shows its own, in its own language. */
  | { ok: false; title: string; message?: string };

/** The number format shows a percent: a "%" outside quoted text. */
const isPercentFormat = (format: string) => /%/.test(format.replace(/"[^"]*"/g, '').replace(/\\./g, ''));

/** Excel's automatic percent entry: numbers ≥ 1 are percentages, smaller ones are fractions already. */
function percentEntry(text: string, model: WorkbookModel): number | undefined {
  if (text.trim().endsWith('%')) return undefined; // the entry parser divides by 100 itself
  const n = parseLocaleNumber(text, model.locale);
  if (n === undefined) return undefined;
  return Math.abs(n) >= 1 ? n / 100 : n;
}

/** A validation operand: a constant, "=10", "=45657", or a one-cell name or reference. */
function operand(model: WorkbookModel, text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const body = text.startsWith('=') ? text.slice(1) : text;
  const n = Number(body);
  if (Number.isFinite(n)) return n;
  const name = model.name(body);
  const target = name ? model.nameRange(name) : undefined;
  const v = target?.sheet.cell(target.rect.top, target.rect.left).value;
  return typeof v === 'number' ? v : undefined;
}

/** The items a list rule offers: a named range, a reference, or "a,b,c". */
export function listItems(model: WorkbookModel, source: string | undefined): string[] {
  if (!source) return [];
  if (!source.startsWith('=')) return source.split(',').map((s) => s.trim());
  // A reference resolves like a name whose formula it is.
  const target = model.nameRange(model.name(source.slice(1)) ?? { name: '', formula: source, comment: '', visible: false });
  if (!target) return [];
  const items: string[] = [];
  for (let r = target.rect.top; r < target.rect.top + target.rect.rows; r++) {
    const v = target.sheet.cell(r, target.rect.left).value;
    if (v !== null && typeof v !== 'object' && v !== '') items.push(String(v));
  }
  return items;
}

function compare(operator: string | undefined, x: number, a: number | undefined, b: number | undefined): boolean {
  if (a === undefined) return true;
  switch (operator ?? 'Between') {
    case 'Between': return x >= a && (b === undefined || x <= b);
    case 'NotBetween': return x < a || (b !== undefined && x > b);
    case 'EqualTo': return x === a;
    case 'NotEqualTo': return x !== a;
    case 'GreaterThan': return x > a;
    case 'LessThan': return x < a;
    case 'GreaterThanOrEqualTo': return x >= a;
    case 'LessThanOrEqualTo': return x <= a;
    default: return true;
  }
}

/** Whether a value passes the cell's rule (blank passes when blanks are ignored, as the template sets). */
export function passes(model: WorkbookModel, v: ValidationModel, value: ModelValue): boolean {
  const rule = v.rule;
  if (value === null || value === '') return v.ignoreBlanks;
  const a = operand(model, rule.formula1);
  const b = operand(model, rule.formula2);
  switch (rule.kind) {
    case 'decimal':
    case 'date':
    case 'time':
      return typeof value === 'number' && compare(rule.operator, value, a, b);
    case 'wholeNumber':
      return typeof value === 'number' && Number.isInteger(value) && compare(rule.operator, value, a, b);
    case 'textLength':
      return compare(rule.operator, String(typeof value === 'object' ? value.error : value).length, a, b);
    case 'list': {
      const text = typeof value === 'object' ? value.error : String(value);
      return listItems(model, rule.source ?? rule.formula1).some((item) => item.toLocaleLowerCase('vi') === text.toLocaleLowerCase('vi'));
    }
    default:
      return true;
  }
}

/** Interprets text typed into a cell as Excel would; a Stop-style validation refuses a bad value. */
export function typedEntry(model: WorkbookModel, sheet: SheetModel, row: number, col: number, text: string): TypedEntry {
  const cell: Readonly<CellModel> = sheet.cell(row, col);
  const percent = isPercentFormat(cell.numberFormat) ? percentEntry(text, model) : undefined;
  const input: string | number = percent ?? text;
  const v = cell.validation;
  if (!v || v.rule.kind === 'none' || v.rule.kind === 'custom') return { ok: true, input };
  let value: ModelValue;
  if (typeof input === 'number') value = input;
  else {
    const parsed = parseEntry(input, cell.numberFormat, model.locale);
    // Excel validates a formula's result, which the workbench does not compute: let it through.
    if (parsed.kind === 'formula') return { ok: true, input };
    value = parsed.value;
  }
  const alert = v.errorAlert;
  if (passes(model, v, value) || (alert && (!alert.showAlert || alert.style !== 'Stop'))) return { ok: true, input };
  return { ok: false, title: alert?.title || 'Microsoft Excel', message: alert?.message || undefined };
}
