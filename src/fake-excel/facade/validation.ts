import { formatAddress } from '../address';
import { fakeError } from '../errors';
import type { CellModel, ValidationKind, ValidationModel, ValidationRuleModel } from '../model-types';
import { FakeObject } from './object';
import { FakeRange, mapCells, uniform, type RangeTarget } from './range';

// Data validation: ExcelApi 1.8.

const OPERATORS = ['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqualTo', 'LessThanOrEqualTo'] as const;
type Operator = (typeof OPERATORS)[number];
const isOperator = (s: string | undefined): s is Operator => (OPERATORS as readonly string[]).includes(s ?? '');
const ALERT_STYLES = ['Stop', 'Warning', 'Information'] as const;
const isAlertStyle = (s: string | undefined): s is (typeof ALERT_STYLES)[number] => (ALERT_STYLES as readonly string[]).includes(s ?? '');
const RULE_KINDS = ['wholeNumber', 'decimal', 'date', 'time', 'textLength', 'list', 'custom'] as const;
const TYPE_NAMES: Record<ValidationKind, string> = {
  none: 'None',
  wholeNumber: 'WholeNumber',
  decimal: 'Decimal',
  date: 'Date',
  time: 'Time',
  textLength: 'TextLength',
  list: 'List',
  custom: 'Custom',
};

const EPOCH_UTC = Date.UTC(1899, 11, 30);

/** An operand as Excel stores it: a formula string ("=10", "=A1", "=45292"). */
function operand(v: unknown, dateLike: boolean, location: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return `=${v}`;
  if (v instanceof FakeRange) {
    const t = v._target();
    if (!t) throw fakeError('InvalidArgument', location);
    return `=${formatAddress(t.sheet.name, t.rect)}`;
  }
  if (v instanceof Date) return `=${(v.getTime() - EPOCH_UTC) / 86_400_000}`;
  if (typeof v === 'string' && v !== '') {
    if (v.startsWith('=')) return v;
    if (dateLike) {
      const t = Date.parse(v);
      if (Number.isNaN(t)) throw fakeError('InvalidArgument', location, `date operand "${v}"`);
      return `=${(t - EPOCH_UTC) / 86_400_000}`;
    }
    if (Number.isFinite(Number(v))) return `=${Number(v)}`;
  }
  throw fakeError('InvalidArgument', location, `operand ${JSON.stringify(v)}`);
}

function toRuleModel(rule: Excel.DataValidationRule, location: string): ValidationRuleModel {
  const kinds = RULE_KINDS.filter((k) => rule[k] !== undefined && rule[k] !== null);
  if (kinds.length !== 1) throw fakeError('InvalidArgument', location, 'a rule has exactly one type');
  const kind = kinds[0];
  if (kind === 'list') {
    const l = rule.list;
    if (!l) throw fakeError('InvalidArgument', location);
    const source = l.source instanceof FakeRange ? operand(l.source, false, location) : l.source;
    if (typeof source !== 'string') throw fakeError('InvalidArgument', location, 'list source');
    return { kind, source, inCellDropDown: l.inCellDropDown !== false };
  }
  if (kind === 'custom') {
    const c = rule.custom;
    if (!c || typeof c.formula !== 'string' || !c.formula.startsWith('=')) throw fakeError('InvalidArgument', location, 'custom formula');
    return { kind, formula1: c.formula };
  }
  const basic = rule[kind];
  if (!basic || !isOperator(basic.operator)) throw fakeError('InvalidArgument', location, `operator ${basic?.operator}`);
  const dateLike = kind === 'date' || kind === 'time';
  const two = basic.operator === 'Between' || basic.operator === 'NotBetween';
  if (two && (basic.formula2 === undefined || basic.formula2 === null)) throw fakeError('InvalidArgument', location, `${basic.operator} needs formula2`);
  return {
    kind,
    operator: basic.operator,
    formula1: operand(basic.formula1, dateLike, location),
    formula2: two ? operand(basic.formula2, dateLike, location) : undefined,
  };
}

function fromRuleModel(r: ValidationRuleModel): Excel.DataValidationRule {
  switch (r.kind) {
    case 'none':
      return {};
    case 'list':
      return { list: { source: r.source ?? '', inCellDropDown: r.inCellDropDown !== false } };
    case 'custom':
      return { custom: { formula: r.formula1 ?? '' } };
    default: {
      const basic = { formula1: r.formula1 ?? '', formula2: r.formula2, operator: isOperator(r.operator) ? r.operator : 'Between' };
      return { [r.kind]: basic };
    }
  }
}

interface DataValidationSnapshot {
  rule: Excel.DataValidationRule | null;
  prompt: Excel.DataValidationPrompt | null;
  errorAlert: Excel.DataValidationErrorAlert | null;
  ignoreBlanks: boolean | null;
  type: string;
}

export class FakeDataValidation extends FakeObject<RangeTarget, DataValidationSnapshot> {
  protected readonly typeName = 'DataValidation';
  protected readonly scalarKeys = ['rule', 'prompt', 'errorAlert', 'ignoreBlanks', 'type'] as const;

  protected snapshot<K extends keyof DataValidationSnapshot>(t: RangeTarget, k: K): DataValidationSnapshot[K];
  protected snapshot(t: RangeTarget, k: keyof DataValidationSnapshot): DataValidationSnapshot[keyof DataValidationSnapshot] {
    const where = `DataValidation.${k}`;
    const v = (c: Readonly<CellModel>): ValidationModel => c.validation ?? { rule: { kind: 'none' }, prompt: null, errorAlert: null, ignoreBlanks: true };
    switch (k) {
      case 'rule': {
        const r = uniform(t, where, (c) => v(c).rule);
        return r && fromRuleModel(r);
      }
      case 'prompt': {
        const p = uniform(t, where, (c) => v(c).prompt);
        return p ?? { showPrompt: false, title: '', message: '' };
      }
      case 'errorAlert': {
        const e = uniform(t, where, (c) => v(c).errorAlert);
        return e ? { ...e, style: isAlertStyle(e.style) ? e.style : 'Stop' } : { showAlert: true, style: 'Stop', title: '', message: '' };
      }
      case 'ignoreBlanks':
        return uniform(t, where, (c) => v(c).ignoreBlanks);
      case 'type': {
        const kinds = new Set(mapCells(t, where, (c) => v(c).rule.kind).flat());
        if (kinds.size > 1) return 'Inconsistent';
        return TYPE_NAMES[[...kinds][0] ?? 'none'];
      }
    }
  }

  get rule(): Excel.DataValidationRule | null {
    return this.read('rule');
  }
  set rule(r: Excel.DataValidationRule | null) {
    this.queue(
      'rule',
      r,
      (t) => {
        if (!r) throw fakeError('InvalidArgument', 'DataValidation.rule');
        this.model.setValidationRule(t.sheet, t.rect, toRuleModel(r, 'DataValidation.rule'), 'DataValidation.rule');
      },
      '1.8',
    );
  }
  get prompt(): Excel.DataValidationPrompt | null {
    return this.read('prompt');
  }
  set prompt(p: Excel.DataValidationPrompt | null) {
    this.queue(
      'prompt',
      p,
      (t) => {
        // Excel's limits: title 32 characters, message 255.
        if (!p || (p.title ?? '').length > 32 || (p.message ?? '').length > 255) throw fakeError('InvalidArgument', 'DataValidation.prompt');
        const prompt = { showPrompt: p.showPrompt !== false, title: p.title ?? '', message: p.message ?? '' };
        this.model.mutateValidation(t.sheet, t.rect, 'DataValidation.prompt', (v) => ({ ...v, prompt }));
      },
      '1.8',
    );
  }
  get errorAlert(): Excel.DataValidationErrorAlert | null {
    return this.read('errorAlert');
  }
  set errorAlert(a: Excel.DataValidationErrorAlert | null) {
    this.queue(
      'errorAlert',
      a,
      (t) => {
        if (!a || (a.title ?? '').length > 32 || (a.message ?? '').length > 255 || (a.style !== undefined && !isAlertStyle(a.style))) {
          throw fakeError('InvalidArgument', 'DataValidation.errorAlert');
        }
        const errorAlert = { showAlert: a.showAlert !== false, style: a.style ?? 'Stop', title: a.title ?? '', message: a.message ?? '' };
        this.model.mutateValidation(t.sheet, t.rect, 'DataValidation.errorAlert', (v) => ({ ...v, errorAlert }));
      },
      '1.8',
    );
  }
  get ignoreBlanks(): boolean | null {
    return this.read('ignoreBlanks');
  }
  set ignoreBlanks(b: boolean | null) {
    this.queue('ignoreBlanks', b, (t) => this.model.mutateValidation(t.sheet, t.rect, 'DataValidation.ignoreBlanks', (v) => ({ ...v, ignoreBlanks: b !== false })), '1.8');
  }
  get type(): string {
    return this.read('type');
  }

  clear(): void {
    this.queue('clear', null, (t) => this.model.mutateValidation(t.sheet, t.rect, 'DataValidation.clear', () => null), '1.8');
  }
}
