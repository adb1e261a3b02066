/**
 * The built-in data, validated with zod schemas that state what the plan and the index say. Each
 * rule is also run against a deliberately broken copy, so a rule that could never fail is caught.
 */
import { z } from 'zod';
import type { IndexVersion, Plan } from '../../src/domain/types';
import { targetInputs } from '../../src/domain/plan';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';

const provenance = z.object({ verified: z.boolean(), note: z.string().min(1).optional() });
const nonEmpty = z.string().trim().min(1);

function unique<T>(ctx: z.RefinementCtx, items: T[], key: (t: T) => string | number, path: string) {
  const seen = new Set<string | number>();
  items.forEach((it, i) => {
    const k = key(it);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `duplicate ${path} ${k}`, path: [path, i] });
    seen.add(k);
  });
}

export const IndexVersionSchema = z
  .object({
    id: nonEmpty,
    decision: z.string().regex(/^\d+\/QĐ-(BTTTT|BVHTTDL)$/),
    issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    reportingYears: z.object({ from: z.number().int().min(2023), to: z.number().int().optional() }),
    structureProvenance: provenance,
    pillars: z.array(z.object({ no: z.number().int().min(1), name: nonEmpty, nameEn: nonEmpty, maxPoints: z.number().positive(), provenance })).length(5),
    levels: z.array(z.object({ level: z.number().int().min(1), name: nonEmpty, nameEn: nonEmpty, minScore: z.number().min(0).max(100), provenance })).min(2),
    criteria: z.array(z.object({ pillarNo: z.number().int(), code: nonEmpty, maxPoints: z.number().positive() })),
  })
  .superRefine((v, ctx) => {
    const total = v.pillars.reduce((s, p) => s + p.maxPoints, 0);
    if (Math.abs(total - 100) > 1e-9) ctx.addIssue({ code: 'custom', message: `pillar maxima sum to ${total}, not 100`, path: ['pillars'] });
    unique(ctx, v.pillars, (p) => p.no, 'pillars');
    unique(ctx, v.levels, (l) => l.level, 'levels');
    unique(ctx, v.criteria, (c) => c.code, 'criteria');
    if (v.levels[0]?.minScore !== 0) ctx.addIssue({ code: 'custom', message: 'the lowest level must start at 0', path: ['levels', 0, 'minScore'] });
    v.levels.forEach((l, i) => {
      if (i > 0 && !(l.minScore > v.levels[i - 1].minScore)) ctx.addIssue({ code: 'custom', message: `level minScores not ascending at ${l.name}`, path: ['levels', i, 'minScore'] });
      if (l.level !== i + 1) ctx.addIssue({ code: 'custom', message: `levels not numbered 1..n at ${i}`, path: ['levels', i, 'level'] });
    });
    if (v.reportingYears.to !== undefined && v.reportingYears.to < v.reportingYears.from) ctx.addIssue({ code: 'custom', message: 'reporting years reversed', path: ['reportingYears'] });
  });

const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shareYes'), indicator: nonEmpty }),
  z.object({ kind: z.literal('shareGrowth'), base: nonEmpty, current: nonEmpty, minGrowthPercent: z.number().positive() }),
  z.object({ kind: z.literal('shareMinLevel'), indicator: nonEmpty, minLevel: z.number().int() }),
  z.object({ kind: z.literal('ratioOfSums'), numerator: nonEmpty, denominator: nonEmpty }),
]);

export const PlanSchema = z
  .object({
    id: nonEmpty,
    title: nonEmpty,
    reportDeadline: z.object({ day: z.number().int().min(1).max(31), month: z.number().int().min(1).max(12) }),
    units: z.array(z.object({ id: z.string().regex(/^[A-Z]+$/), name: nonEmpty, aliases: z.array(nonEmpty), type: nonEmpty, group: z.enum(['press', 'management']) })).min(1),
    indicators: z.array(z.object({ code: z.string().regex(/^CT\d+[a-z]?$/), name: nonEmpty, nameEn: nonEmpty, unit: nonEmpty, kind: z.enum(['yesNo', 'integer', 'decimal', 'level']) })),
    targets: z.array(z.object({ code: z.string().regex(/^MT(25|30)-\d+$/), year: z.union([z.literal(2025), z.literal(2030)]), text: nonEmpty, threshold: z.number().gt(0).max(1), rule, ruleText: nonEmpty, ruleTextEn: nonEmpty })),
    tasks: z.array(z.object({ no: z.number().int(), content: nonEmpty, leadText: nonEmpty, partnersText: z.string(), timeframe: z.string(), leadUnits: z.array(z.string()).min(1), partnerUnits: z.array(z.string()) })),
  })
  .superRefine((p, ctx) => {
    unique(ctx, p.units, (u) => u.id, 'units');
    unique(ctx, p.units, (u) => u.name.toLocaleLowerCase('vi'), 'units');
    unique(ctx, p.indicators, (i) => i.code, 'indicators');
    unique(ctx, p.targets, (t) => t.code, 'targets');
    unique(ctx, p.tasks, (t) => t.no, 'tasks');
    const codes = new Set(p.indicators.map((i) => i.code));
    const unitIds = new Set(p.units.map((u) => u.id));
    p.targets.forEach((t, i) => {
      for (const c of targetInputs(t as Plan['targets'][number])) if (!codes.has(c)) ctx.addIssue({ code: 'custom', message: `${t.code} reads unknown indicator ${c}`, path: ['targets', i, 'rule'] });
      if (!t.code.startsWith(`MT${String(t.year).slice(2)}-`)) ctx.addIssue({ code: 'custom', message: `${t.code} is not a ${t.year} target`, path: ['targets', i, 'year'] });
    });
    if (p.tasks.map((t) => t.no).join(',') !== '1,2,3,4,5,6,7,8') ctx.addIssue({ code: 'custom', message: 'tasks are not numbered 1..8', path: ['tasks'] });
    p.tasks.forEach((t, i) => {
      for (const id of [...t.leadUnits, ...t.partnerUnits]) if (!unitIds.has(id)) ctx.addIssue({ code: 'custom', message: `task ${t.no}: unknown unit ${id}`, path: ['tasks', i] });
    });
  });

const issues = (schema: z.ZodType, data: unknown) => {
  const r = schema.safeParse(data);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('index versions', () => {
  it.each(INDEX_VERSIONS.map((v) => [v.id, v] as const))('%s is valid: pillars sum to 100, levels ascend from 0', (_id, v) => {
    expect(issues(IndexVersionSchema, v)).toEqual([]);
  });

  it('ids are unique and reporting years do not overlap', () => {
    expect(new Set(INDEX_VERSIONS.map((v) => v.id)).size).toBe(INDEX_VERSIONS.length);
    const sorted = [...INDEX_VERSIONS].sort((a, b) => a.reportingYears.from - b.reportingYears.from);
    sorted.slice(1).forEach((v, i) => expect(v.reportingYears.from).toBeGreaterThan(sorted[i].reportingYears.to ?? Infinity));
  });

  it('the validator rejects broken copies', () => {
    const v: IndexVersion = structuredClone(INDEX_VERSIONS[1]);
    const broken = (f: (c: IndexVersion) => void) => {
      const c = structuredClone(v);
      f(c);
      return issues(IndexVersionSchema, c);
    };
    expect(broken((c) => (c.pillars[0].maxPoints = 19))).toEqual(['pillar maxima sum to 101, not 100']);
    expect(broken((c) => ([c.levels[2].minScore, c.levels[3].minScore] = [70, 60]))).toEqual(['level minScores not ascending at Tốt']);
    expect(broken((c) => (c.levels[0].minScore = 10))).toEqual(['the lowest level must start at 0']);
    expect(broken((c) => (c.pillars[1].no = 1))).toEqual(['duplicate pillars 1']);
    expect(broken((c) => (c.levels[1].level = 1))).toEqual(['duplicate levels 1', 'levels not numbered 1..n at 1']);
    expect(broken((c) => c.criteria.push({ pillarNo: 1, component: '', code: 'X', name: '', maxPoints: 1 }, { pillarNo: 1, component: '', code: 'X', name: '', maxPoints: 1 }))).toEqual(['duplicate criteria X']);
  });
});

describe('the 2023 plan', () => {
  const plan = QUANG_TRI_2023;

  it('is valid: unique codes, rules on existing indicators, tasks 1..8 with known units', () => {
    expect(issues(PlanSchema, plan)).toEqual([]);
  });

  it('has the targets of the plan: MT25-1..7 and MT30-1..4 with their thresholds', () => {
    expect(plan.targets.map((t) => t.code)).toEqual(['MT25-1', 'MT25-2', 'MT25-3', 'MT25-4', 'MT25-5', 'MT25-6', 'MT25-7', 'MT30-1', 'MT30-2', 'MT30-3', 'MT30-4']);
    expect(plan.targets.filter((t) => t.year === 2025).map((t) => Math.round(t.threshold * 100))).toEqual([75, 50, 80, 50, 50, 100, 100]);
    expect(plan.targets.filter((t) => t.year === 2030).map((t) => Math.round(t.threshold * 100))).toEqual([100, 100, 100, 100]);
    // Each threshold is the percentage its sentence states.
    for (const t of plan.targets) expect([t.code, t.text.includes(`${Math.round(t.threshold * 100)}%`)]).toEqual([t.code, true]);
  });

  it('has 8 tasks numbered 1..8, each with a lead; task 8 has no time frame and task 3 a conditional one', () => {
    expect(plan.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const t of plan.tasks) expect([t.no, t.leadUnits.length > 0]).toEqual([t.no, true]);
    expect(plan.tasks[7].timeframe).toBe('');
    expect(plan.tasks[2].timeframe).toMatch(/^Sau khi có hướng dẫn/);
    expect(plan.tasks.filter((t) => /^\d{4}-\d{4}$/.test(t.timeframe)).map((t) => t.no)).toEqual([1, 2, 4, 5, 6, 7]);
  });

  it('resolves the annex phrases to the right units', () => {
    const press = ['BQT', 'PTTH', 'TCCV'];
    expect(plan.tasks[0].leadUnits).toEqual(press);
    expect(plan.tasks[0].partnerUnits).toEqual(['STTTT']);
    expect(plan.tasks[1].partnerUnits).toEqual(press);
    expect(plan.tasks[2].partnerUnits).toEqual([]);
    expect(plan.tasks[6].partnerUnits.sort()).toEqual(['SKHCN', 'SKHDT', 'STC', 'STTTT'].sort());
    expect(plan.units.filter((u) => u.group === 'press').map((u) => u.id)).toEqual(press);
  });

  it('the validator rejects broken copies', () => {
    const broken = (f: (c: Plan) => void) => {
      const c = structuredClone(plan);
      f(c);
      return issues(PlanSchema, c);
    };
    expect(broken((c) => (c.indicators[1].code = 'CT1'))).toEqual(['duplicate indicators CT1']);
    expect(broken((c) => (c.targets[3].rule = { kind: 'ratioOfSums', numerator: 'CT4b', denominator: 'CT9' }))).toEqual(['MT25-4 reads unknown indicator CT9']);
    expect(broken((c) => (c.targets[8].code = 'MT25-2'))).toEqual(['duplicate targets MT25-2', 'MT25-2 is not a 2030 target']);
    expect(broken((c) => c.tasks.pop())).toEqual(['tasks are not numbered 1..8']);
    expect(broken((c) => (c.tasks[4].partnerUnits = ['BQT', 'XYZ']))).toEqual(['task 5: unknown unit XYZ']);
    expect(broken((c) => (c.tasks[0].leadUnits = []))).toHaveLength(1);
    expect(broken((c) => (c.units[1].id = 'BQT'))).toContain('duplicate units BQT');
    expect(broken((c) => (c.targets[0].threshold = 0))).toHaveLength(1);
  });
});
