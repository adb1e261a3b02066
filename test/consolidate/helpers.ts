import { createHash } from 'node:crypto';
import { CALCULATED_COLUMNS, type AgencyTableName } from '../../src/domain/agency-schema';
import { computeAgencyResults, type AgencyTables } from '../../src/domain/calculate';
import { consolidate, type ConsolidateOptions, type Consolidation, type Submission } from '../../src/domain/consolidate';
import { dateSerial, type Row, type Scalar } from '../../src/domain/values';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { goodTables, setIndicators, setInfo } from '../helpers/agency-fixture';

export const PLAN = QUANG_TRI_2023;
export const YEAR = 2025;
export const REPORT_DATE = dateSerial(2025, 12, 1);

/** Indicator sets chosen so every target has a known province figure (see province.test.ts). */
export const INDICATORS: Record<string, Record<string, Scalar>> = {
  BQT: { CT1: 'Có', CT1a: 4, CT1b: 3, CT2: 'Không', CT3: 'Có', CT4a: 2, CT4b: 1, CT5a: 10000, CT5b: 12000, CT6a: 80, CT6b: 60, CT7: 3 },
  PTTH: { CT1: 'Có', CT1a: 5, CT1b: 2, CT2: 'Có', CT3: 'Không', CT4a: 3, CT4b: 2, CT5a: 20000, CT5b: 21000, CT6a: 120, CT6b: 120, CT7: 2 },
  TCCV: { CT1: 'Không', CT1a: 0, CT1b: 0, CT2: 'Không', CT3: 'Không', CT4a: 1, CT4b: 0, CT5a: 0, CT5b: 500, CT6a: 20, CT6b: 5, CT7: 3 },
};

/** Task status per unit by task no; units not listed keep the fixture's "Đang thực hiện", 60%. */
export const TASKS: Record<string, Record<number, [string, number]>> = {
  BQT: { 1: ['Hoàn thành', 100], 6: ['Hoàn thành', 100] },
  PTTH: { 1: ['Hoàn thành', 100], 6: ['Đang thực hiện', 40] },
  TCCV: { 1: ['Hoàn thành', 100], 6: ['Hoàn thành', 100], 8: ['Tạm dừng', 10] },
  STTTT: { 2: ['Hoàn thành', 100], 3: ['Chưa thực hiện', 0] },
};

/** Self-assessed points per pillar (TC1..TC5); null leaves the row unscored. */
export const POINTS: Record<string, Array<number | null>> = {
  BQT: [12, 16, 14, 16, 10],
  PTTH: [15, 20, 15, 20, 12],
  TCCV: [10, 12, 10, 14, null],
};

/** A filled agency workbook's tables for a unit, before the workbook caches its formula results. */
export function agencyTables(unitId: string, year = YEAR): AgencyTables {
  const t = goodTables(unitId, year);
  if (INDICATORS[unitId]) setIndicators(t, INDICATORS[unitId]);
  const tasks = TASKS[unitId] ?? {};
  t.tblNhiemVu = (t.tblNhiemVu ?? []).map((r) => {
    const s = tasks[Number(r.no)];
    return s ? { ...r, status: s[0], progress: s[1] } : r;
  });
  const points = POINTS[unitId];
  if (points) t.tblChiSo = (t.tblChiSo ?? []).map((r, i) => ({ ...r, selfPoints: points[i] ?? null }));
  return t;
}

/** Writes the engine's results into the calculated cells, as Excel caches them when it saves. */
export function withCachedResults(t: AgencyTables, today = REPORT_DATE): AgencyTables {
  const out: AgencyTables = JSON.parse(JSON.stringify(t)) as AgencyTables;
  const r = computeAgencyResults(out, PLAN, today);
  out.tblThongTin = (out.tblThongTin ?? []).map((row) => (row.key === 'unitType' ? { ...row, value: r.unitType } : row));
  out.tblMucTieu = (out.tblMucTieu ?? []).map((row, i) => ({ ...row, unitResult: r.targets[i].unitResult, status: r.targets[i].status }));
  out.tblNhiemVu = (out.tblNhiemVu ?? []).map((row, i) => ({ ...row, role: r.tasks[i].role, due: r.tasks[i].due, timeliness: r.tasks[i].timeliness }));
  out.tblChiSo = (out.tblChiSo ?? []).map((row, i) => ({ ...row, validPoints: r.validPoints[i] }));
  out.tblTruCot = (out.tblTruCot ?? []).map((row, i) => ({ ...row, points: r.pillars[i].points, percent: r.pillars[i].percent }));
  out.tblPhanCong = (out.tblPhanCong ?? []).map((row, i) => ({ ...row, unitName: r.unitNames[i] }));
  return out;
}

export type Formulas = Partial<Record<AgencyTableName, Array<Record<string, string | null>>>>;

/** Formulas as a reader finds them in an intact workbook: calculated columns hold a formula, others constants. */
export function intactFormulas(t: AgencyTables): Formulas {
  const out: Formulas = {};
  for (const [table, rows] of Object.entries(t) as Array<[AgencyTableName, Row[]]>) {
    const calc = CALCULATED_COLUMNS[table] ?? [];
    out[table] = rows.map((r) => {
      const f: Record<string, string | null> = {};
      for (const key of Object.keys(r)) f[key] = calc.includes(key) || (table === 'tblThongTin' && r.key === 'unitType' && key === 'value') ? '=F()' : null;
      return f;
    });
  }
  return out;
}

export const sha256 = (bytes: string) => createHash('sha256').update(bytes, 'utf8').digest('hex');

export interface FileOptions {
  fileName?: string;
  modifiedAt?: string;
  formulas?: Formulas;
}

/** A Submission as a file reader produces it; the "bytes" are the tables' JSON, so equal content means equal hashes. */
export function fileOf(t: AgencyTables, o: FileOptions = {}): Submission {
  const bytes = JSON.stringify(t);
  const unit = String(t.tblMeta?.find((r) => r.key === 'unit')?.value ?? 'x');
  return {
    fileName: o.fileName ?? `bao-cao-${unit}-${YEAR}.xlsx`,
    sha256: sha256(bytes),
    sizeBytes: bytes.length,
    modifiedAt: o.modifiedAt,
    read: { ok: true, data: { tables: t, formulas: o.formulas ?? intactFormulas(t), missingTables: [], missingColumns: [] } },
  };
}

/** A clean, saved agency file of a unit. */
export const agencyFile = (unitId: string, o: FileOptions = {}, year = YEAR) => fileOf(withCachedResults(agencyTables(unitId, year)), o);

export function setMeta(t: AgencyTables, key: string, value: Scalar): void {
  t.tblMeta = (t.tblMeta ?? []).map((r) => (r.key === key ? { ...r, value } : r));
}

export { setIndicators, setInfo };

export const run = (subs: Submission[], o: Partial<ConsolidateOptions> = {}): Consolidation =>
  consolidate(subs, { plan: PLAN, year: YEAR, reportDate: REPORT_DATE, generatedAt: '2025-12-01T08:00:00Z', generator: 'test', ...o, indexVersions: o.indexVersions ?? INDEX_VERSIONS });

export const completeProvince = () => ['BQT', 'PTTH', 'TCCV', 'STTTT'].map((u) => agencyFile(u));
