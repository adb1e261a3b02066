import type { AgencyTableName } from './agency-schema';
import type { Plan, TargetRule } from './types';
import { dateSerial, excelRound, isBlank, isError, textEquals, type Row, type Scalar } from './values';
import { GROUP_LABEL, levelIncomplete, ROLE, TARGET_STATUS, TASK_STATUS, TIMELINESS, YES } from './vocabulary';

/**
 * The TypeScript twin of the workbook's formulas. It evaluates what Excel and LibreOffice
 * evaluate, with Excel's semantics (text compares case-insensitively, text is never a number,
 * errors fall back like IFERROR), so a consolidator can recompute every calculated cell and the
 * CLI can cache results. test/interop proves the two agree through LibreOffice.
 */
export type AgencyTables = Partial<Record<AgencyTableName, Row[]>>;

export interface TargetResult {
  code: string;
  unitResult: Scalar;
  status: string;
}

export interface TaskResult {
  no: Scalar;
  role: string;
  due: Scalar;
  timeliness: string;
}

export interface PillarResult {
  pillar: Scalar;
  points: number;
  percent: Scalar;
}

export interface AgencyResults {
  unitType: Scalar;
  targets: TargetResult[];
  tasks: TaskResult[];
  /** Aligned with the rows of tblChiSo. */
  validPoints: Scalar[];
  /** Aligned with the rows of tblTruCot. */
  unitNames: Scalar[];
  pillars: PillarResult[];
  /** Aligned with the rows of tblThanhPhan (component subtotals of a criterion-level workbook). */
  components: PillarResult[];
  total: number;
  level: string;
}

/**
 * Decimals to which a computed ratio or total is rounded before it is compared with a threshold,
 * in the formulas (ROUND(…, 6)) and here alike. Without it the comparison depends on each
 * spreadsheet's binary arithmetic and tolerance: 108.5 → 130.2 is exactly 20% growth, yet
 * 130.2/108.5-1 = 0.19999999999999996, and 2.3+16.4+4.2+20.7+6.4 sums to 49.99999999999999;
 * LibreOffice calls both exact (approximate comparison, compensated sums), plain IEEE does not.
 */
export const COMPARISON_DIGITS = 6;

/** Raised inside a formula twin where Excel would produce an error value. */
class FormulaError extends Error {}

const rows = (tables: AgencyTables, name: AgencyTableName): Row[] => tables[name] ?? [];
const num = (v: Scalar): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function guard(v: Scalar): Scalar {
  if (isError(v)) throw new FormulaError(v.error);
  return v;
}

/** INDEX(values, MATCH(key, keys, 0)): the first case-insensitive match, or an error. */
function lookup(table: Row[], keyColumn: string, key: Scalar, valueColumn: string): Scalar {
  if (isBlank(key) || isError(key)) throw new FormulaError('#N/A');
  const hit = table.find((r) => (typeof key === 'string' ? textEquals(r[keyColumn] ?? null, key) : r[keyColumn] === key));
  if (!hit) throw new FormulaError('#N/A');
  return guard(hit[valueColumn] ?? null);
}

function ifError<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FormulaError) return fallback;
    throw e;
  }
}

export function infoValue(tables: AgencyTables, key: string): Scalar {
  return rows(tables, 'tblThongTin').find((r) => r.key === key)?.value ?? null;
}

/** COUNTIFS over text criteria: equality, case-insensitive. */
const countWhere = (table: Row[], criteria: Array<[string, string]>) =>
  table.filter((r) => criteria.every(([col, text]) => textEquals(r[col] ?? null, text))).length;

/** The unit's own figure for a target, as the unitResult formula computes it. */
function ruleUnitResult(rule: TargetRule, value: (code: string) => Scalar): Scalar {
  switch (rule.kind) {
    case 'shareYes': {
      const v = guard(value(rule.indicator));
      return isBlank(v) ? '' : v;
    }
    case 'shareMinLevel':
      return num(guard(value(rule.indicator))) ?? '';
    case 'shareGrowth': {
      const a = num(guard(value(rule.base)));
      const b = num(guard(value(rule.current)));
      return a !== undefined && b !== undefined && a > 0 ? b / a - 1 : '';
    }
    case 'ratioOfSums': {
      const n = num(guard(value(rule.numerator)));
      const d = num(guard(value(rule.denominator)));
      return n !== undefined && d !== undefined && d > 0 ? n / d : '';
    }
  }
}

/** Whether the unit meets the target's condition, for a press agency. */
function ruleStatus(rule: TargetRule, value: (code: string) => Scalar, threshold: Scalar): string {
  switch (rule.kind) {
    case 'shareYes': {
      const v = guard(value(rule.indicator));
      if (isBlank(v)) return TARGET_STATUS.noData;
      return textEquals(v, YES) ? TARGET_STATUS.met : TARGET_STATUS.notMet;
    }
    case 'shareMinLevel': {
      const v = num(guard(value(rule.indicator)));
      if (v === undefined) return TARGET_STATUS.noData;
      return v >= rule.minLevel ? TARGET_STATUS.met : TARGET_STATUS.notMet;
    }
    case 'shareGrowth': {
      const a = num(guard(value(rule.base)));
      const b = num(guard(value(rule.current)));
      if (a === undefined || b === undefined) return TARGET_STATUS.noData;
      if (a <= 0) return TARGET_STATUS.notApplicable;
      // ROUND(b/a-1, 6) >= g/100, as the formula does, so 108.5 → 130.2 is exactly 20%.
      return excelRound(b / a - 1, COMPARISON_DIGITS) >= rule.minGrowthPercent / 100 ? TARGET_STATUS.met : TARGET_STATUS.notMet;
    }
    case 'ratioOfSums': {
      const n = num(guard(value(rule.numerator)));
      const d = num(guard(value(rule.denominator)));
      if (n === undefined || d === undefined) return TARGET_STATUS.noData;
      if (d <= 0) return TARGET_STATUS.notApplicable;
      const t = num(guard(threshold));
      if (t === undefined) throw new FormulaError('#VALUE!');
      return excelRound(n / d, COMPARISON_DIGITS) >= t ? TARGET_STATUS.met : TARGET_STATUS.notMet;
    }
  }
}

/** Result of the task's due formula: 31/12 of the last year of the time frame, or blank. */
export function dueFromTimeframe(timeframe: Scalar): Scalar {
  if (typeof timeframe !== 'string' && typeof timeframe !== 'number') return '';
  const text = String(timeframe).trim();
  if (text.length < 4) return '';
  const last4 = text.slice(-4);
  return /^\d{4}$/.test(last4) ? dateSerial(Number(last4), 12, 31) : '';
}

export function computeAgencyResults(tables: AgencyTables, plan: Plan, todaySerial: number): AgencyResults {
  const units = rows(tables, 'tblDonVi');
  const indicators = rows(tables, 'tblChiTieu');
  const unit = infoValue(tables, 'unit');
  const submittedOn = infoValue(tables, 'submittedOn');

  const unitType = ifError(() => lookup(units, 'name', unit, 'type') ?? '', '');
  const unitKnown = !isBlank(unit) && !isError(unit);
  const isPress = () =>
    typeof unit === 'string' && countWhere(units, [['name', unit], ['group', GROUP_LABEL.press]]) > 0;

  const rulesByCode = new Map(plan.targets.map((t) => [t.code, t.rule]));
  const targets = rows(tables, 'tblMucTieu').map((row): TargetResult => {
    const code = String(row.code ?? '');
    const rule = rulesByCode.get(code);
    const value = (c: string) => lookup(indicators, 'code', c, 'value');
    if (!rule) return { code, unitResult: '', status: TARGET_STATUS.noData };
    const unitResult = ifError(() => ruleUnitResult(rule, value), '');
    let status: string;
    if (!unitKnown) status = TARGET_STATUS.noData;
    else if (!isPress()) status = TARGET_STATUS.notApplicable;
    else status = ifError(() => ruleStatus(rule, value, row.threshold ?? null), TARGET_STATUS.noData);
    return { code, unitResult, status };
  });

  const assignments = rows(tables, 'tblPhanCong');
  const unitNames = assignments.map((a) => ifError(() => lookup(units, 'id', a.unitId ?? null, 'name'), ''));
  const assigned = (no: Scalar, role: string) =>
    typeof unit === 'string' &&
    assignments.some((a, i) => a.no === no && textEquals(unitNames[i], unit) && textEquals(a.role ?? null, role));
  const asOf = num(submittedOn) ?? todaySerial;

  const tasks = rows(tables, 'tblNhiemVu').map((row): TaskResult => {
    const no = row.no ?? null;
    const role = isBlank(unit) ? '' : assigned(no, ROLE.lead) ? ROLE.lead : assigned(no, ROLE.partner) ? ROLE.partner : '';
    const due = ifError(() => dueFromTimeframe(guard(row.timeframe ?? null)), '');
    let timeliness: string;
    if (role === '') timeliness = '';
    else if (textEquals(row.status ?? null, TASK_STATUS.done)) timeliness = TIMELINESS.done;
    else if (typeof due !== 'number') timeliness = TIMELINESS.noDeadline;
    else timeliness = asOf <= due ? TIMELINESS.onTime : TIMELINESS.overdue;
    return { no, role, due, timeliness };
  });

  const criteria = rows(tables, 'tblChiSo');
  const validPoints = criteria.map((r): Scalar => {
    const self = num(r.selfPoints ?? null);
    const max = num(r.maxPoints ?? null);
    return self !== undefined && max !== undefined && self >= 0 && self <= max ? self : '';
  });

  const pillars = rows(tables, 'tblTruCot').map((p): PillarResult => {
    const pillar = p.pillar ?? null;
    let points = 0;
    criteria.forEach((c, i) => {
      const v = validPoints[i];
      if (typeof v === 'number' && typeof pillar === 'string' && textEquals(c.pillar ?? null, pillar)) points += v;
    });
    const max = num(p.maxPoints ?? null);
    return { pillar, points, percent: max !== undefined && max > 0 ? points / max : '' };
  });

  const components = rows(tables, 'tblThanhPhan').map((c): PillarResult => {
    const pillar = c.pillar ?? null;
    const component = c.component ?? null;
    let points = 0;
    criteria.forEach((r, i) => {
      const v = validPoints[i];
      if (typeof v === 'number' && typeof pillar === 'string' && typeof component === 'string' && textEquals(r.pillar ?? null, pillar) && textEquals(r.component ?? null, component)) points += v;
    });
    const max = num(c.maxPoints ?? null);
    return { pillar, points, percent: max !== undefined && max > 0 ? points / max : '' };
  });

  // ROUND(SUM(points), 6): the level compares this total with integer minimums.
  let sum = 0;
  for (const p of pillars) sum += p.points;
  const total = excelRound(sum, COMPARISON_DIGITS);

  const scored = validPoints.filter((v) => typeof v === 'number').length;
  const levels = rows(tables, 'tblMucDo');
  let level: string;
  if (scored < criteria.length) level = levelIncomplete(scored, criteria.length);
  else {
    // LOOKUP(total, minScores, names): the last level whose minimum is ≤ total (minimums ascending).
    let name: Scalar = '';
    for (const l of levels) {
      const min = num(l.minScore ?? null);
      if (min !== undefined && min <= total) name = l.name ?? '';
    }
    level = typeof name === 'string' ? name : String(name);
  }

  return { unitType, targets, tasks, validPoints, unitNames, pillars, components, total, level };
}
