import type { Plan, Unit } from '../domain/types';

/** Folds case and Vietnamese diacritics, so "bao quang tri" finds "Báo Quảng Trị". */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A unit by id, name or alias, compared without case or diacritics; undefined when none matches. */
export function findUnit(plan: Plan, query: string): Unit | undefined {
  const q = foldVietnamese(query);
  if (q === '') return undefined;
  return (
    plan.units.find((u) => foldVietnamese(u.id) === q) ??
    plan.units.find((u) => [u.name, ...u.aliases].some((n) => foldVietnamese(n) === q))
  );
}
