import type { Plan, Target, Unit } from './types';

const normalisePhrase = (s: string) => s.trim().toLocaleLowerCase('vi').replace(/\s+/g, ' ');

/**
 * Resolves an annex cell such as "Sở Thông tin và Truyền thông; các đơn vị liên quan" to unit ids.
 * Segments are split on ";" first, because group phrases themselves contain commas
 * ("Các sở, ban ngành, địa phương"). A phrase that is neither a unit, a group nor a known
 * generic phrase throws, so the built-in data cannot silently lose an assignment.
 */
export function resolveTaskUnits(
  text: string,
  units: Unit[],
  groupPhrases: Record<string, (u: Unit) => boolean>,
  genericPhrases: string[],
): string[] {
  const ids = new Set<string>();
  const generic = new Set(genericPhrases.map(normalisePhrase));
  const byAlias = new Map<string, Unit>();
  for (const u of units) for (const a of [u.name, ...u.aliases]) byAlias.set(normalisePhrase(a), u);
  const groups = new Map(Object.entries(groupPhrases).map(([k, f]) => [normalisePhrase(k), f]));

  for (const segment of text.split(';').map(normalisePhrase).filter(Boolean)) {
    const group = groups.get(segment);
    if (group) {
      units.filter(group).forEach((u) => ids.add(u.id));
      continue;
    }
    if (generic.has(segment)) continue;
    for (const part of segment.split(',').map(normalisePhrase).filter(Boolean)) {
      const unit = byAlias.get(part);
      if (!unit) throw new Error(`Không xác định được đơn vị "${part}" trong "${text}"`);
      ids.add(unit.id);
    }
  }
  return [...ids];
}

export const pressAgencies = (plan: Plan): Unit[] => plan.units.filter((u) => u.group === 'press');

/** Indicator codes a target reads, in the order the rule names them. */
export function targetInputs(target: Target): string[] {
  const r = target.rule;
  switch (r.kind) {
    case 'shareYes':
    case 'shareMinLevel':
      return [r.indicator];
    case 'shareGrowth':
      return [r.base, r.current];
    case 'ratioOfSums':
      return [r.numerator, r.denominator];
  }
}
