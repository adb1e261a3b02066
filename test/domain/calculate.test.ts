/** The calculation engine, rule by rule, at the boundaries where a wrong comparison would show. */
import { computeAgencyResults, dueFromTimeframe, type AgencyTables } from '../../src/domain/calculate';
import { dateSerial, excelRound, type Scalar } from '../../src/domain/values';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { templateTables } from '../../src/workbook/agency-template';
import { blankTables, setIndicators, setInfo } from '../helpers/agency-fixture';

const plan = QUANG_TRI_2023;
const TODAY = dateSerial(2025, 11, 1);
const run = (t: AgencyTables, today = TODAY) => computeAgencyResults(t, plan, today);
const target = (t: AgencyTables, code: string) => run(t).targets.find((x) => x.code === code)!;

function withIndicators(values: Record<string, Scalar>, unitId = 'BQT'): AgencyTables {
  const t = blankTables(unitId);
  setIndicators(t, values);
  return t;
}

function withPoints(points: Scalar[], unitId = 'BQT', indexId?: string): AgencyTables {
  const t = indexId
    ? templateTables({ plan, index: indexVersionById(indexId)!, year: 2025, unitId, lang: 'vi', generatedAt: '', generator: 'test' })
    : blankTables(unitId);
  t.tblChiSo = (t.tblChiSo ?? []).map((r, i) => ({ ...r, selfPoints: points[i] ?? null }));
  return t;
}

/** Points for the five pillars (maxima 18, 24, 20, 23, 15) adding up to `total`, filled in order. */
function pointsFor(total: number): number[] {
  let left = total;
  return [18, 24, 20, 23, 15].map((max) => {
    const p = Math.min(max, Math.max(0, Math.round(left * 100) / 100));
    left -= p;
    return p;
  });
}

describe('targets: share of agencies answering Có (MT25-1 ← CT1)', () => {
  it.each<[Scalar, string, Scalar]>([
    ['Có', 'Đạt', 'Có'],
    ['có', 'Đạt', 'có'],
    ['Không', 'Chưa đạt', 'Không'],
    ['x', 'Chưa đạt', 'x'],
    [null, 'Chưa có số liệu', ''],
    ['', 'Chưa có số liệu', ''],
  ])('CT1 = %p → %s', (value, status, unitResult) => {
    expect(target(withIndicators({ CT1: value }), 'MT25-1')).toEqual({ code: 'MT25-1', status, unitResult });
  });
});

describe('targets: revenue growth ≥ 20% (MT25-5 ← CT5a, CT5b)', () => {
  it.each<[Scalar, Scalar, string]>([
    [100, 120, 'Đạt'],
    [10000, 12000, 'Đạt'],
    // Exactly 20% although 130.2/108.5-1 = 0.19999999999999996 in binary: rounded as the formula rounds.
    [108.5, 130.2, 'Đạt'],
    [0.1, 0.12, 'Đạt'],
    [100, 119.99, 'Chưa đạt'],
    [100, 119.9999, 'Chưa đạt'],
    [100, 80, 'Chưa đạt'],
    [0, 50, 'Không áp dụng'],
    [-5, 50, 'Không áp dụng'],
    [null, 120, 'Chưa có số liệu'],
    [100, null, 'Chưa có số liệu'],
    ['100', 120, 'Chưa có số liệu'],
  ])('%p → %p: %s', (a, b, status) => {
    expect(target(withIndicators({ CT5a: a, CT5b: b }), 'MT25-5').status).toBe(status);
    expect(target(withIndicators({ CT5a: a, CT5b: b }), 'MT30-4').status).toBe(status);
  });

  it('reports the growth itself as the unit result, blank where it cannot be computed', () => {
    expect(target(withIndicators({ CT5a: 100, CT5b: 120 }), 'MT25-5').unitResult).toBeCloseTo(0.2, 15);
    expect(target(withIndicators({ CT5a: 0, CT5b: 120 }), 'MT25-5').unitResult).toBe('');
    expect(target(withIndicators({ CT5a: 100 }), 'MT25-5').unitResult).toBe('');
  });
});

describe('targets: security level ≥ 3 (MT25-7 ← CT7)', () => {
  it.each<[Scalar, string, Scalar]>([
    [3, 'Đạt', 3],
    [5, 'Đạt', 5],
    [2, 'Chưa đạt', 2],
    ['3', 'Chưa có số liệu', ''],
    [null, 'Chưa có số liệu', ''],
  ])('CT7 = %p → %s', (v, status, unitResult) => {
    expect(target(withIndicators({ CT7: v }), 'MT25-7')).toEqual({ code: 'MT25-7', status, unitResult });
  });
});

describe('targets: ratio of sums (MT25-4 ← CT4b/CT4a ≥ 50%, MT25-6 ← CT6b/CT6a ≥ 100%)', () => {
  it.each<[string, Scalar, Scalar, string, Scalar]>([
    ['MT25-4', 1, 2, 'Đạt', 0.5],
    ['MT25-4', 1, 3, 'Chưa đạt', 1 / 3],
    ['MT25-4', 0, 0, 'Không áp dụng', ''],
    ['MT25-4', 2, 0, 'Không áp dụng', ''],
    ['MT25-4', null, 2, 'Chưa có số liệu', ''],
    ['MT25-6', 80, 80, 'Đạt', 1],
    ['MT25-6', 79, 80, 'Chưa đạt', 0.9875],
    ['MT25-6', 0.3, 0.3, 'Đạt', 1],
  ])('%s: %p / %p → %s', (code, n, d, status, unitResult) => {
    const [num, den] = code === 'MT25-4' ? ['CT4b', 'CT4a'] : ['CT6b', 'CT6a'];
    const r = target(withIndicators({ [num]: n, [den]: d }), code);
    expect(r.status).toBe(status);
    if (typeof unitResult === 'number') expect(r.unitResult).toBeCloseTo(unitResult, 12);
    else expect(r.unitResult).toBe(unitResult);
  });
});

describe('targets: who they apply to', () => {
  const full = { CT1: 'Có', CT2: 'Có', CT3: 'Có', CT4a: 1, CT4b: 1, CT5a: 1, CT5b: 2, CT6a: 1, CT6b: 1, CT7: 3 };

  it('a management department: every target Không áp dụng, yet its own figures are shown', () => {
    const r = run(withIndicators(full, 'STTTT'));
    expect(new Set(r.targets.map((t) => t.status))).toEqual(new Set(['Không áp dụng']));
    expect(r.targets.find((t) => t.code === 'MT25-1')?.unitResult).toBe('Có');
    expect(r.unitType).toBe('Sở, ngành');
  });

  it('no unit chosen: Chưa có số liệu everywhere, no role, no unit type', () => {
    const r = run(withIndicators(full, ''));
    expect(new Set(r.targets.map((t) => t.status))).toEqual(new Set(['Chưa có số liệu']));
    expect(new Set(r.tasks.map((t) => t.role))).toEqual(new Set(['']));
    expect(r.unitType).toBe('');
  });

  it('a unit typed that is not in the list: not a press agency', () => {
    const t = withIndicators(full);
    setInfo(t, { unit: 'Báo Nhân Dân' });
    const r = run(t);
    expect(new Set(r.targets.map((x) => x.status))).toEqual(new Set(['Không áp dụng']));
    expect(r.unitType).toBe('');
  });

  it('the unit name matches without case, as Excel matches it', () => {
    const t = withIndicators(full);
    setInfo(t, { unit: 'BÁO QUẢNG TRỊ' });
    expect(run(t).unitType).toBe('Báo');
    expect(new Set(run(t).targets.map((x) => x.status))).toEqual(new Set(['Đạt']));
  });

  it('an error value in an indicator falls back like IFERROR', () => {
    const r = target(withIndicators({ CT1: { error: '#N/A' } }), 'MT25-1');
    expect(r).toEqual({ code: 'MT25-1', status: 'Chưa có số liệu', unitResult: '' });
  });
});

describe('tasks: role, due date, timeliness', () => {
  it('roles come from the annex assignments', () => {
    expect(run(blankTables('BQT')).tasks.map((t) => t.role)).toEqual(['Chủ trì', 'Phối hợp', '', 'Phối hợp', 'Phối hợp', 'Chủ trì', '', 'Chủ trì']);
    expect(run(blankTables('STTTT')).tasks.map((t) => t.role)).toEqual(['Phối hợp', 'Chủ trì', 'Chủ trì', 'Chủ trì', 'Chủ trì', 'Phối hợp', 'Chủ trì', 'Phối hợp']);
    expect(run(blankTables('STC')).tasks.map((t) => t.role)).toEqual(['', '', '', '', '', '', 'Phối hợp', '']);
    expect(run(blankTables('BTGTU')).tasks.map((t) => t.role)).toEqual(['', '', '', '', '', '', '', '']);
  });

  it('the due date is 31/12 of the time frame’s last year; conditional and blank frames have none', () => {
    expect(dueFromTimeframe('2023-2025')).toBe(dateSerial(2025, 12, 31));
    expect(dueFromTimeframe(' 2024-2025 ')).toBe(dateSerial(2025, 12, 31));
    expect(dueFromTimeframe(2026)).toBe(dateSerial(2026, 12, 31));
    expect(dueFromTimeframe('Sau khi có hướng dẫn từ Bộ Thông tin và Truyền thông')).toBe('');
    expect(dueFromTimeframe('')).toBe('');
    expect(dueFromTimeframe('202')).toBe('');
    expect(dueFromTimeframe(null)).toBe('');
    expect(run(blankTables()).tasks.map((t) => t.due)).toEqual([...[1, 2].map(() => dateSerial(2025, 12, 31)), '', ...[4, 5, 6, 7].map(() => dateSerial(2025, 12, 31)), '']);
  });

  function timeliness(submittedOn: Scalar, statuses: Record<number, Scalar>, today = TODAY) {
    const t = blankTables('STTTT');
    setInfo(t, { submittedOn });
    t.tblNhiemVu = (t.tblNhiemVu ?? []).map((r) => ({ ...r, status: statuses[Number(r.no)] ?? null }));
    return run(t, today).tasks.map((x) => x.timeliness);
  }

  it('on the due date is in time; the day after is overdue', () => {
    expect(timeliness(dateSerial(2025, 12, 31), {})).toEqual(['Trong hạn', 'Trong hạn', 'Chưa có thời hạn', 'Trong hạn', 'Trong hạn', 'Trong hạn', 'Trong hạn', 'Chưa có thời hạn']);
    expect(timeliness(dateSerial(2026, 1, 1), {})).toEqual(['Quá hạn', 'Quá hạn', 'Chưa có thời hạn', 'Quá hạn', 'Quá hạn', 'Quá hạn', 'Quá hạn', 'Chưa có thời hạn']);
  });

  it('a finished task is Hoàn thành whatever the date, matched without case', () => {
    expect(timeliness(dateSerial(2026, 6, 1), { 2: 'Hoàn thành', 3: 'hoàn thành', 8: 'HOÀN THÀNH' })).toEqual(['Quá hạn', 'Hoàn thành', 'Hoàn thành', 'Quá hạn', 'Quá hạn', 'Quá hạn', 'Quá hạn', 'Hoàn thành']);
  });

  it('without a submission date, today counts; a task without a role has no timeliness', () => {
    expect(timeliness(null, {}, dateSerial(2026, 1, 1))[0]).toBe('Quá hạn');
    expect(timeliness('20/11/2025', {}, dateSerial(2025, 11, 20))[0]).toBe('Trong hạn');
    const t = blankTables('STC');
    expect(run(t).tasks.map((x) => x.timeliness)).toEqual(['', '', '', '', '', '', 'Trong hạn', '']);
  });
});

describe('self-assessment: valid points, pillars, total, level', () => {
  it('counts points from 0 to the row maximum, inclusive; others are blank', () => {
    const r = run(withPoints([0, 24, 20.5, -1, '7']));
    expect(r.validPoints).toEqual([0, 24, '', '', '']);
    const r2 = run(withPoints([18, 24.01, null, 23, 15]));
    expect(r2.validPoints).toEqual([18, '', '', 23, 15]);
  });

  it('sums pillars and their percentage of the maximum', () => {
    const r = run(withPoints([9, 12, 20, 0, 7.5]));
    expect(r.pillars.map((p) => p.points)).toEqual([9, 12, 20, 0, 7.5]);
    expect(r.pillars.map((p) => p.percent)).toEqual([0.5, 0.5, 1, 0, 0.5]);
    expect(r.total).toBe(48.5);
  });

  it('rounds the total as the formula does, so binary sums land on the boundary', () => {
    const r = run(withPoints([2.3, 16.4, 4.2, 20.7, 6.4]));
    expect(2.3 + 16.4 + 4.2 + 20.7 + 6.4).not.toBe(50);
    expect(r.total).toBe(50);
    expect(r.level).toBe('Trung bình');
  });

  it('reports an incomplete assessment as Chưa hoàn thành (k/n)', () => {
    expect(run(withPoints([])).level).toBe('Chưa hoàn thành (0/5)');
    expect(run(withPoints([18, 24, 20, 23])).level).toBe('Chưa hoàn thành (4/5)');
    expect(run(withPoints([18, 24, 20, 23, 16])).level).toBe('Chưa hoàn thành (4/5)');
  });

  it.each<[number, string]>([
    [0, 'Yếu'],
    [49.99, 'Yếu'],
    [50, 'Trung bình'],
    [59.99, 'Trung bình'],
    [60, 'Khá'],
    [69.99, 'Khá'],
    [70, 'Tốt'],
    [89.99, 'Tốt'],
    [90, 'Xuất sắc'],
    [100, 'Xuất sắc'],
  ])('3560-2025 (1827 thresholds): %p points → %s', (total, level) => {
    const r = run(withPoints(pointsFor(total)));
    expect(r.total).toBeCloseTo(total, 9);
    expect(r.level).toBe(level);
  });

  it.each<[number, string]>([
    [79.99, 'Tốt'],
    [80, 'Xuất sắc'],
  ])('951-2023: %p points → %s', (total, level) => {
    expect(run(withPoints(pointsFor(total), 'BQT', '951-2023')).level).toBe(level);
  });
});

describe('excelRound', () => {
  it('rounds half away from zero on the decimal Excel shows', () => {
    expect(excelRound(2.675, 2)).toBe(2.68);
    expect(excelRound(-2.5, 0)).toBe(-3);
    expect(excelRound(0.19999999999999996, 6)).toBe(0.2);
    expect(excelRound(49.99999999999999, 6)).toBe(50);
    expect(excelRound(0.4999994, 6)).toBe(0.499999);
    expect(excelRound(1 / 3, 6)).toBe(0.333333);
  });
});
