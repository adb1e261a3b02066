import type { Consolidation } from './consolidate';
import { isError, type Scalar } from './values';

/**
 * The province's view per criterion, for agencies scored on a criteria catalogue: each agency's
 * valid points and the province average, weakest criteria first, so the council sees where the
 * province stands lowest. Agencies scored per pillar have no criteria and are not in it.
 */

export interface CriterionViewRow {
  /** The catalogue the criterion belongs to (criteria of different catalogues are never merged). */
  catalogueId: string;
  pillar: string;
  component: string;
  code: string;
  criterion: string;
  maxPoints: number;
  /** Aligned with CriterionView.agencies; null when the agency did not score it validly. */
  points: Array<number | null>;
  scored: number;
  average: number | null;
  /** Average as a share of the maximum: what orders the view. */
  averageShare: number | null;
}

export interface CriterionView {
  agencies: Array<{ unitId: string; unitName: string }>;
  rows: CriterionViewRow[];
}

const text = (v: Scalar | undefined): string => (v === null || v === undefined ? '' : isError(v) ? v.error : String(v));
const norm = (s: string) => s.trim().toLocaleLowerCase('vi');

export function criterionView(c: Consolidation): CriterionView {
  const scoredOnCriteria = c.agencies.filter((a) => (a.tables.tblChiSo ?? []).some((r) => text(r.component) !== ''));
  const agencies = scoredOnCriteria.map((a) => ({ unitId: a.unit.id, unitName: a.unit.name }));
  const rows = new Map<string, CriterionViewRow>();
  scoredOnCriteria.forEach((a, k) => {
    const catalogueId = text(a.tables.tblMeta?.find((r) => r.key === 'catalogueId')?.value);
    (a.tables.tblChiSo ?? []).forEach((r, i) => {
      const key = `${catalogueId}|${norm(text(r.code))}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          catalogueId, pillar: text(r.pillar), component: text(r.component), code: text(r.code), criterion: text(r.criterion),
          maxPoints: typeof r.maxPoints === 'number' ? r.maxPoints : 0, points: agencies.map(() => null), scored: 0, average: null, averageShare: null,
        };
        rows.set(key, row);
      }
      const v = a.results.validPoints[i];
      if (typeof v === 'number') row.points[k] = v;
    });
  });
  for (const row of rows.values()) {
    const values = row.points.filter((p): p is number => p !== null);
    row.scored = values.length;
    row.average = values.length > 0 ? values.reduce((s, x) => s + x, 0) / values.length : null;
    row.averageShare = row.average !== null && row.maxPoints > 0 ? row.average / row.maxPoints : null;
  }
  const ordered = [...rows.values()].sort((a, b) => (a.averageShare ?? Infinity) - (b.averageShare ?? Infinity) || a.code.localeCompare(b.code, 'vi', { numeric: true }));
  return { agencies, rows: ordered };
}
