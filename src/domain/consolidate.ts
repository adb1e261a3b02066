import { AGENCY_FORMAT_VERSION, AGENCY_SCHEMA, type AgencyTableName } from './agency-schema';
import { COMPARISON_DIGITS, computeAgencyResults, dueFromTimeframe, infoValue, type AgencyResults, type AgencyTables } from './calculate';
import { checkAgencyWorkbook, type Finding } from './check';
import { parseDateVn } from './parse-vn';
import { pressAgencies } from './plan';
import { buildReportSentences, type ReportSentence } from './report-text';
import type { IndexVersion, Plan, Target, Task, Unit } from './types';
import { dateSerial, excelRound, formatSerial, isBlank, isError, textEquals, type Row, type Scalar } from './values';
import { GROUP_LABEL, NO, ROLE, TARGET_STATUS, TASK_STATUS, YES } from './vocabulary';

/**
 * Consolidation (Tổng hợp): many agency workbooks → one province view. Pure: the CLI (files on
 * disk) and the task pane (files picked in the browser) read each file into a Submission and
 * call `consolidate` with the same options, so both produce the same numbers.
 *
 * Trust model: only the input cells of an agency file are used. Every calculated cell is
 * recomputed with the engine, over the plan's and the index version's own fixed data (units,
 * groups, thresholds, maxima, level thresholds, assignments), so an edited locked cell in an
 * agency file cannot change the province figures; each difference is listed instead.
 */

// ---------------------------------------------------------------------------------------------
// Input

/** What a reader got out of one agency workbook: rows by column key (ReadAgencyTables fits). */
export interface AgencyRead {
  tables: AgencyTables;
  /** Formulas aligned with `tables` ("=..." or null for a constant); absent when the reader cannot see formulas. */
  formulas?: Partial<Record<AgencyTableName, Array<Record<string, string | null>>>>;
  missingTables?: AgencyTableName[];
  missingColumns?: Array<{ table: AgencyTableName; key: string }>;
}

/** A named calculated cell (TongDiem, MucDo) as stored in the file. */
export interface StoredNamedCell {
  value: Scalar;
  formula: string | null;
}

export type SubmissionContent =
  | {
      ok: true;
      data: AgencyRead;
      /** Stored total and level, when the reader can resolve the names. */
      named?: Partial<Record<'TongDiem' | 'MucDo', StoredNamedCell>>;
      /** Findings of the check engine with cell locations, when the reader ran it; otherwise consolidate runs it without locations. */
      findings?: Finding[];
    }
  | { ok: false; error: string };

export interface Submission {
  fileName: string;
  /** Lower-case hex SHA-256 of the file's bytes, computed by the reader before parsing. */
  sha256: string;
  sizeBytes: number;
  /** File modification time (ISO 8601), a last tie-break between duplicates. */
  modifiedAt?: string;
  read: SubmissionContent;
}

/** What a previous year's province workbook says about each press agency. */
export interface PreviousProvince {
  year: number;
  fileName?: string;
  agencies: Array<{
    unitId: string;
    total: number | null;
    level?: string;
    /** What the agency was scored against last year; absent in older province workbooks. */
    indexVersion?: string;
    catalogueId?: string;
    /** Aligned with the pillar numbers 1..n. */
    pillarPoints?: Array<number | null>;
  }>;
}

export interface ConsolidateOptions {
  plan: Plan;
  year: number;
  /** Date of the report (serial); tasks are overdue as of this date. */
  reportDate: number;
  /** Report deadline of the year; defaults to plan.reportDeadline (25/11). On time means strictly before it. */
  deadline?: { day: number; month: number };
  previous?: PreviousProvince;
  /** The index versions a file may declare (data, passed in: the domain holds none). */
  indexVersions: readonly IndexVersion[];
  /** The index version whose pillars head the index table; defaults to the one in force for `year`. */
  index?: IndexVersion;
  /** Recorded in the output's meta; passed in to keep this function pure. */
  generatedAt?: string;
  generator?: string;
}

// ---------------------------------------------------------------------------------------------
// Output

export type SourceState = 'included' | 'superseded' | 'excluded';

export type ExclusionCode =
  | 'unreadable'
  | 'notAgencyWorkbook'
  | 'unsupportedFormat'
  | 'otherPlan'
  | 'otherYear'
  | 'missingStructure'
  | 'unknownUnit'
  | 'superseded';

export type Timeliness = 'onTime' | 'late' | 'unknown';

export interface SourceRecord {
  fileName: string;
  sha256: string;
  sizeBytes: number;
  modifiedAt?: string;
  unitId?: string;
  /** The plan's name of the unit when resolved, else the text the file holds. */
  unitName: string;
  year: Scalar;
  formatVersion: Scalar;
  indexVersion: string;
  generatedAt: string;
  submittedOn?: number;
  onTime: Timeliness;
  errors: number;
  warnings: number;
  mismatches: number;
  state: SourceState;
  code?: ExclusionCode;
  reasonVi: string;
  reasonEn: string;
  findings: Finding[];
}

export type MismatchKind = 'overwritten' | 'stale' | 'differs' | 'fixedData';

/** A cell whose stored value differs from what the province recomputes. */
export interface ValueMismatch {
  fileName: string;
  unitId: string;
  unitName: string;
  table: string;
  key: string;
  /** 1-based data row in the file's table; 0 for a named cell. */
  row: number;
  /** Row identity (target code, task no, criterion code, pillar, or the name). */
  rowKey: string;
  stored: Scalar;
  recomputed: Scalar;
  kind: MismatchKind;
}

export interface AgencyOutcome {
  unit: Unit;
  fileName: string;
  sha256: string;
  index: IndexVersion;
  /** The agency's inputs over the plan's fixed data: what was recomputed. */
  tables: AgencyTables;
  results: AgencyResults;
  submittedOn?: number;
}

/** A press agency's standing on one target; status is a TARGET_STATUS value or NOT_SUBMITTED. */
export interface TargetAgencyCell {
  unitId: string;
  unitName: string;
  status: string;
  /** The agency's own figure, as text for the per-agency column ("Có", "3/6", "+20,0%"). */
  resultText: string;
  /** Not submitted, or the target's inputs are blank. */
  missing: boolean;
}

export interface TargetSummary {
  target: Target;
  /** Press agencies of the plan: every one counts. */
  expected: number;
  /** Press agencies whose included file has the target's inputs. */
  reported: number;
  meeting: number;
  missing: Array<{ unitId: string; unitName: string; why: 'notSubmitted' | 'noData' }>;
  /** Share rules: meeting; ratio rules: the sum of numerators. */
  numerator: number | null;
  /** Share rules: expected; ratio rules: the sum of denominators. */
  denominator: number | null;
  value: number | null;
  attainment: number | null;
  status: string;
  agencies: TargetAgencyCell[];
}

export interface TaskUnitRow {
  no: number;
  unitId: string;
  unitName: string;
  role: string;
  /** An included file of the unit exists. */
  reported: boolean;
  status: Scalar;
  progress: Scalar;
  result: Scalar;
  evidence: Scalar;
  difficulties: Scalar;
  proposals: Scalar;
  /** The unit's own timeliness (as of its submission date). */
  timeliness: Scalar;
  fileName: string;
}

export interface TaskSummary {
  task: Task;
  due: number | null;
  leads: number;
  leadsReported: number;
  leadsDone: number;
  /** Mean progress (a fraction, 0.5 = 50%) of the lead units that gave a number. */
  progress: number | null;
  state: string;
  overdue: boolean;
  units: TaskUnitRow[];
}

export interface IndexRow {
  unitId: string;
  unitName: string;
  reported: boolean;
  indexVersion: string;
  /** Aligned with Consolidation.index.pillars; null when not submitted. */
  pillarPoints: Array<number | null>;
  total: number | null;
  level: string;
  rank: number | null;
  scoredRows: number | null;
  rows: number | null;
  completeness: number | null;
  previousTotal: number | null;
  previousLevel: string;
  change: number | null;
  /** The criteria catalogue the agency was scored on ('' = pillar-level). */
  catalogueId: string;
  /**
   * What the change from last year compares: everything when both years used the same version
   * and catalogue; only pillar points and totals when they differ (criteria and levels are not
   * comparable across decisions); '' without a previous figure.
   */
  comparableOn: 'all' | 'pillarsAndTotal' | '';
  /** Change of each pillar's points (aligned with `pillarPoints`), when last year's pillar points are known. */
  pillarChange: Array<number | null>;
  /** Last year's version (or catalogue id) when it differs from this year's. */
  previousVersion: string;
}

export interface Consolidation {
  plan: Plan;
  year: number;
  reportDate: number;
  deadline: { day: number; month: number };
  deadlineSerial: number;
  index: IndexVersion;
  generatedAt: string;
  generator: string;
  previousYear?: number;
  sources: SourceRecord[];
  agencies: AgencyOutcome[];
  mismatches: ValueMismatch[];
  targets: TargetSummary[];
  tasks: TaskSummary[];
  indexRows: IndexRow[];
  sentences: ReportSentence[];
  /** SHA-256 over the sorted "sha256 fileName" lines of the included sources: the merge's seal. */
  seal: string;
}

/** Status of a unit that sent no usable file (a data word, Vietnamese in every UI language). */
export const NOT_SUBMITTED = 'Chưa gửi báo cáo';
/** Overall task state when no lead unit reported anything on it. */
export const TASK_NO_DATA = 'Chưa có số liệu';
export const OVERDUE = 'Quá hạn';
export const ON_TIME_LABEL: Record<Timeliness, string> = { onTime: 'Đúng hạn', late: 'Quá hạn', unknown: 'Chưa nhập ngày gửi' };
export const STATE_LABEL: Record<SourceState, string> = { included: 'Sử dụng', superseded: 'Bị thay thế', excluded: 'Loại' };
export const MISMATCH_LABEL: Record<MismatchKind, string> = {
  overwritten: 'Ô tự tính bị ghi đè bằng giá trị',
  stale: 'Kết quả lưu trong tệp khác kết quả tính lại',
  differs: 'Giá trị khác kết quả tính lại',
  fixedData: 'Dữ liệu cố định khác Kế hoạch',
};

// ---------------------------------------------------------------------------------------------
// Helpers

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim().toLocaleLowerCase('vi');
const show = (v: Scalar): string => (v === null ? '' : isError(v) ? v.error : String(v));
const num = (v: Scalar | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const metaOf = (t: AgencyTables, key: string): Scalar => t.tblMeta?.find((r) => r.key === key)?.value ?? null;
const percentVi = (x: number, digits = 1) => `${(x * 100).toFixed(digits).replace('.', ',')}%`;
const numberVi = (x: number) => (Number.isInteger(x) ? String(x) : String(Number(x.toFixed(2))).replace('.', ','));

/** A date cell as a serial: a number, or dd/mm/yyyy typed as text (the check engine reports the latter). */
function dateOf(v: Scalar): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  if (typeof v === 'string') return parseDateVn(v);
  return undefined;
}

/** Excel equality of a stored and a recomputed cell: blanks alike, numbers within rounding. */
export function sameCellValue(a: Scalar, b: Scalar): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (isError(a) || isError(b)) return isError(a) && isError(b) && a.error === b.error;
  return a === b;
}

/** The plan unit a file speaks for: the Thông tin unit (what its formulas use), else the meta unit id. */
function resolveUnit(plan: Plan, name: Scalar, metaId: Scalar): Unit | undefined {
  if (typeof name === 'string' && name.trim() !== '') {
    const n = norm(name);
    return plan.units.find((u) => [u.name, ...u.aliases].some((a) => norm(a) === n));
  }
  if (typeof metaId === 'string' && metaId !== '') return plan.units.find((u) => u.id === metaId);
  return undefined;
}

interface AssessmentRow {
  pillar: string;
  component: string;
  code: string;
  name: string;
  maxPoints: number;
}

/** Rows of the self-assessment for an index version (same rule as the agency template). */
function assessmentRows(index: IndexVersion): AssessmentRow[] {
  const pillarName = (no: number) => index.pillars.find((p) => p.no === no)?.name ?? String(no);
  if (index.criteria.length > 0) return index.criteria.map((c) => ({ pillar: pillarName(c.pillarNo), component: c.component, code: c.code, name: c.name, maxPoints: c.maxPoints }));
  return index.pillars.map((p) => ({ pillar: p.name, component: '', code: `TC${p.no}`, name: '', maxPoints: p.maxPoints }));
}

export type CatalogueSource = 'index' | 'pillars' | 'file' | 'rejected';

/**
 * The criteria the agency is scored on. The index version's catalogue when it has one; otherwise
 * pillar rows — unless the file carries a criteria catalogue an official loaded from the decision's
 * annex. Such a catalogue is accepted only when it cannot inflate a score: every row belongs to a
 * pillar of the index, codes are unique, maxima are positive and each pillar's maxima sum exactly
 * to the pillar's maximum. A rejected catalogue falls back to pillar rows (scores then count as
 * missing), and the file's source record says why.
 */
export function assessmentCatalogue(index: IndexVersion, file: AgencyTables): { rows: AssessmentRow[]; source: CatalogueSource } {
  const pillarRows = assessmentRows(index);
  if (index.criteria.length > 0) return { rows: pillarRows, source: 'index' };
  // The catalogue the workbook carries (hidden, protected) is what the agency was scored against;
  // the criterion rows of its Chỉ số sheet only stand in for it in files without one.
  const fileRows = file.tblTieuChi && file.tblTieuChi.length > 0 ? file.tblTieuChi : (file.tblChiSo ?? []);
  if (fileRows.every((r) => pillarRows.some((p) => norm(show(r.code ?? null)) === norm(p.code)))) return { rows: pillarRows, source: 'pillars' };
  const rows: AssessmentRow[] = fileRows.map((r) => ({
    pillar: index.pillars.find((p) => norm(p.name) === norm(show(r.pillar ?? null)))?.name ?? '',
    component: show(r.component ?? null), code: show(r.code ?? null), name: show(r.criterion ?? null), maxPoints: num(r.maxPoints ?? null) ?? NaN,
  }));
  const codes = new Set(rows.map((r) => norm(r.code)));
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.pillar, (sums.get(r.pillar) ?? 0) + r.maxPoints);
  const consistent =
    codes.size === rows.length &&
    rows.every((r) => r.pillar !== '' && r.code !== '' && r.maxPoints > 0) &&
    index.pillars.every((p) => Math.abs((sums.get(p.name) ?? 0) - p.maxPoints) < 1e-9);
  return consistent ? { rows, source: 'file' } : { rows: pillarRows, source: 'rejected' };
}

/** First row whose column matches, case-insensitively for text. */
function findBy(rows: Row[] | undefined, key: string, value: Scalar): { row: Row; i: number } | undefined {
  if (!rows) return undefined;
  const i = rows.findIndex((r) => {
    const v = r[key] ?? null;
    if (typeof value === 'string' && typeof v === 'string') return norm(v) === norm(value);
    return v === value;
  });
  return i >= 0 ? { row: rows[i], i } : undefined;
}

/**
 * The agency's input cells over the plan's and index version's fixed data. Inputs are taken by row
 * identity (indicator code, task no, criterion code), so reordered or extra rows do not shift them.
 */
export function trustedTables(file: AgencyTables, plan: Plan, index: IndexVersion, unit: Unit): AgencyTables {
  const pick = (rows: Row[] | undefined, key: string, id: Scalar, cols: string[]): Row => {
    const hit = findBy(rows, key, id)?.row;
    const out: Row = {};
    for (const c of cols) out[c] = hit?.[c] ?? null;
    return out;
  };
  const info = (file.tblThongTin ?? []).map((r) => (r.key === 'unit' ? { ...r, value: unit.name } : { ...r }));
  return {
    tblThongTin: info,
    tblChiTieu: plan.indicators.map((i) => ({ code: i.code, indicator: i.name, unit: i.unit, ...pick(file.tblChiTieu, 'code', i.code, ['value', 'evidence', 'note']) })),
    tblMucTieu: plan.targets.map((t) => ({ code: t.code, target: t.text, year: t.year, threshold: t.threshold, rule: t.ruleText, unitResult: null, status: null })),
    tblNhiemVu: plan.tasks.map((t) => ({
      no: t.no, task: t.content, lead: t.leadText, partners: t.partnersText, timeframe: t.timeframe, role: null,
      ...pick(file.tblNhiemVu, 'no', t.no, ['status', 'progress', 'result', 'evidence', 'difficulties', 'proposals']),
      due: null, timeliness: null,
    })),
    tblChiSo: assessmentCatalogue(index, file).rows.map((c) => ({
      pillar: c.pillar, component: c.component, code: c.code, criterion: c.name, maxPoints: c.maxPoints,
      ...pick(file.tblChiSo, 'code', c.code, ['selfPoints', 'evidence', 'note']), validPoints: null,
    })),
    tblTruCot: index.pillars.map((p) => ({ pillar: p.name, maxPoints: p.maxPoints, points: null, percent: null })),
    tblDonVi: plan.units.map((u) => ({ id: u.id, name: u.name, type: u.type, group: GROUP_LABEL[u.group] })),
    tblMucDo: index.levels.map((l) => ({ level: l.level, name: l.name, minScore: l.minScore, verified: l.provenance.verified ? YES : NO, note: l.provenance.note ?? '' })),
    tblPhanCong: plan.tasks.flatMap((t) => [
      ...t.leadUnits.map((unitId) => ({ no: t.no, unitId, unitName: null, role: ROLE.lead })),
      ...t.partnerUnits.filter((id) => !t.leadUnits.includes(id)).map((unitId) => ({ no: t.no, unitId, unitName: null, role: ROLE.partner })),
    ]),
    tblMeta: file.tblMeta ?? [],
  };
}

/** Stored calculated (and fixed) cells of a file compared with the recomputation. */
function findMismatches(sub: Submission, content: SubmissionContent & { ok: true }, outcome: AgencyOutcome, plan: Plan): ValueMismatch[] {
  const read = content.data;
  const out: ValueMismatch[] = [];
  const file = read.tables;
  const r = outcome.results;
  const trusted = outcome.tables;
  const kindOf = (table: AgencyTableName, key: string, i: number): MismatchKind => {
    const f = read.formulas?.[table];
    if (!f || !f[i] || !(key in f[i])) return 'differs';
    return f[i][key] ? 'stale' : 'overwritten';
  };
  const add = (table: string, key: string, row: number, rowKey: string, stored: Scalar, recomputed: Scalar, kind: MismatchKind) => {
    if (!sameCellValue(stored, recomputed))
      out.push({ fileName: sub.fileName, unitId: outcome.unit.id, unitName: outcome.unit.name, table, key, row, rowKey, stored, recomputed, kind });
  };
  const calc = (table: AgencyTableName, key: string, i: number, rowKey: string, recomputed: Scalar) => {
    const stored = file[table]?.[i]?.[key] ?? null;
    // A formula saved without any result (openpyxl, scripts) was never calculated: there is nothing to compare.
    if (stored === null && read.formulas?.[table]?.[i]?.[key]) return;
    add(table, key, i + 1, rowKey, stored, recomputed, kindOf(table, key, i));
  };

  (file.tblThongTin ?? []).forEach((row, i) => {
    if (row.key === 'unitType') calc('tblThongTin', 'value', i, 'unitType', r.unitType);
  });
  (file.tblMucTieu ?? []).forEach((row, i) => {
    const t = r.targets.find((x) => x.code === row.code);
    const planTarget = plan.targets.find((x) => x.code === row.code);
    if (!t || !planTarget) return;
    calc('tblMucTieu', 'unitResult', i, t.code, t.unitResult);
    calc('tblMucTieu', 'status', i, t.code, t.status);
    add('tblMucTieu', 'threshold', i + 1, t.code, row.threshold ?? null, planTarget.threshold, 'fixedData');
  });
  // Without a submission date the file's timeliness depends on the day it was last opened: not comparable.
  const comparableTimeliness = typeof infoValue(file, 'submittedOn') === 'number';
  (file.tblNhiemVu ?? []).forEach((row, i) => {
    const k = trusted.tblNhiemVu?.findIndex((x) => x.no === row.no) ?? -1;
    if (k < 0) return;
    const t = r.tasks[k];
    calc('tblNhiemVu', 'role', i, show(row.no ?? null), t.role);
    calc('tblNhiemVu', 'due', i, show(row.no ?? null), t.due);
    if (comparableTimeliness) calc('tblNhiemVu', 'timeliness', i, show(row.no ?? null), t.timeliness);
  });
  (file.tblChiSo ?? []).forEach((row, i) => {
    const hit = findBy(trusted.tblChiSo, 'code', row.code ?? null);
    if (!hit) return;
    calc('tblChiSo', 'validPoints', i, show(row.code ?? null), r.validPoints[hit.i]);
    add('tblChiSo', 'maxPoints', i + 1, show(row.code ?? null), row.maxPoints ?? null, hit.row.maxPoints ?? null, 'fixedData');
  });
  (file.tblTruCot ?? []).forEach((row, i) => {
    const hit = findBy(trusted.tblTruCot, 'pillar', row.pillar ?? null);
    if (!hit) return;
    calc('tblTruCot', 'points', i, show(row.pillar ?? null), r.pillars[hit.i].points);
    calc('tblTruCot', 'percent', i, show(row.pillar ?? null), r.pillars[hit.i].percent);
  });
  (file.tblMucDo ?? []).forEach((row, i) => {
    const hit = findBy(trusted.tblMucDo, 'name', row.name ?? null);
    if (hit) add('tblMucDo', 'minScore', i + 1, show(row.name ?? null), row.minScore ?? null, hit.row.minScore ?? null, 'fixedData');
  });
  (file.tblPhanCong ?? []).forEach((row, i) => {
    const u = plan.units.find((x) => x.id === row.unitId);
    if (u) calc('tblPhanCong', 'unitName', i, `${show(row.no ?? null)}/${u.id}`, u.name);
  });
  const storedNamed = content.named ?? {};
  // The row label is read by people: the cell's caption, not the workbook name behind it.
  const named = (name: 'TongDiem' | 'MucDo', caption: string, recomputed: Scalar) => {
    const cell = storedNamed[name];
    if (cell && !(cell.formula && cell.value === null)) add('', name, 0, caption, cell.value, recomputed, cell.formula ? 'stale' : 'overwritten');
  };
  named('TongDiem', 'Tổng điểm', r.total);
  named('MucDo', 'Mức độ', r.level);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Screening: which files are merged

interface Candidate {
  sub: Submission;
  content: SubmissionContent & { ok: true };
  record: SourceRecord;
  unit: Unit;
  index: IndexVersion;
  generatedAtMs: number;
}

const INPUT_TABLES: AgencyTableName[] = ['tblMeta', 'tblThongTin', 'tblChiTieu', 'tblNhiemVu', 'tblChiSo'];
const INPUT_COLUMNS: Partial<Record<AgencyTableName, string[]>> = {
  tblMeta: ['key', 'value'],
  tblThongTin: ['key', 'value'],
  tblChiTieu: ['code', 'value'],
  tblNhiemVu: ['no', 'status', 'progress'],
  tblChiSo: ['code', 'selfPoints'],
};

function screen(sub: Submission, o: ConsolidateOptions, versions: readonly IndexVersion[], fallbackIndex: IndexVersion, deadlineSerial: number): { record: SourceRecord; candidate?: Candidate } {
  const record: SourceRecord = {
    fileName: sub.fileName, sha256: sub.sha256, sizeBytes: sub.sizeBytes, modifiedAt: sub.modifiedAt,
    unitName: '', year: null, formatVersion: null, indexVersion: '', generatedAt: '', onTime: 'unknown',
    errors: 0, warnings: 0, mismatches: 0, state: 'excluded', reasonVi: '', reasonEn: '', findings: [],
  };
  const exclude = (code: ExclusionCode, vi: string, en: string) => ({ record: { ...record, state: 'excluded' as const, code, reasonVi: vi, reasonEn: en } });
  if (!sub.read.ok) return exclude('unreadable', `Không đọc được tệp: ${sub.read.error}`, `The file cannot be read: ${sub.read.error}`);

  const content = sub.read;
  const data = content.data;
  const t = data.tables;
  record.findings =
    content.findings ??
    checkAgencyWorkbook(
      { tables: t, formulas: data.formulas ?? {}, missingTables: data.missingTables ?? [], missingColumns: data.missingColumns ?? [], locate: () => undefined },
      { plan: o.plan, indexVersions: versions },
    );
  record.errors = record.findings.filter((f) => f.severity === 'error').length;
  record.warnings = record.findings.filter((f) => f.severity === 'warning').length;

  const schema = metaOf(t, 'schema');
  record.formatVersion = metaOf(t, 'formatVersion');
  record.indexVersion = show(metaOf(t, 'indexVersion'));
  record.generatedAt = show(metaOf(t, 'generatedAt'));
  const unitCell = infoValue(t, 'unit');
  record.unitName = show(unitCell);
  const metaYear = metaOf(t, 'year');
  const infoYear = infoValue(t, 'year');
  record.year = metaYear ?? infoYear;
  record.submittedOn = dateOf(infoValue(t, 'submittedOn'));
  if (record.submittedOn !== undefined) record.onTime = record.submittedOn < deadlineSerial ? 'onTime' : 'late';

  if (!t.tblMeta || !textEquals(schema, AGENCY_SCHEMA)) {
    return exclude('notAgencyWorkbook', `Không phải biểu mẫu báo cáo của đơn vị (schema "${show(schema)}").`, `Not an agency report workbook (schema "${show(schema)}").`);
  }
  if (Number(record.formatVersion) !== AGENCY_FORMAT_VERSION) {
    return exclude('unsupportedFormat', `Phiên bản định dạng biểu mẫu "${show(record.formatVersion)}" không được hỗ trợ (hỗ trợ: ${AGENCY_FORMAT_VERSION}).`, `Template format version "${show(record.formatVersion)}" is not supported (supported: ${AGENCY_FORMAT_VERSION}).`);
  }
  const planId = metaOf(t, 'planId');
  if (!textEquals(planId, o.plan.id)) {
    return exclude('otherPlan', `Biểu mẫu thuộc kế hoạch "${show(planId)}", không phải "${o.plan.id}".`, `The workbook belongs to plan "${show(planId)}", not "${o.plan.id}".`);
  }
  const years = [metaYear, infoYear].filter((y) => !isBlank(y));
  const wrongYear = years.find((y) => Number(y) !== o.year);
  if (years.length === 0 || wrongYear !== undefined) {
    const found = years.length === 0 ? '(trống)' : show(wrongYear ?? null);
    return exclude('otherYear', `Báo cáo năm ${found}, không phải năm ${o.year}.`, `A report for ${found === '(trống)' ? '(blank)' : found}, not ${o.year}.`);
  }
  const missing = [
    ...INPUT_TABLES.filter((name) => !t[name]).map((name) => name),
    ...Object.entries(INPUT_COLUMNS).flatMap(([table, keys]) =>
      (data.missingColumns ?? []).filter((m) => m.table === table && keys.includes(m.key)).map((m) => `${m.table}[${m.key}]`),
    ),
  ];
  if (missing.length > 0) {
    return exclude('missingStructure', `Biểu mẫu thiếu bảng hoặc cột: ${missing.join(', ')}.`, `The workbook lacks tables or columns: ${missing.join(', ')}.`);
  }
  const damage = record.findings.filter((f) => f.code === 'duplicateTable' || f.code === 'missingPlanRow');
  if (damage.length > 0) {
    return exclude('missingStructure', damage.map((f) => f.messageVi).join(' '), damage.map((f) => f.messageEn).join(' '));
  }
  const unit = resolveUnit(o.plan, unitCell, metaOf(t, 'unit'));
  if (!unit) {
    return exclude('unknownUnit', `Đơn vị "${record.unitName}" không có trong danh mục đơn vị của Kế hoạch.`, `Unit "${record.unitName}" is not a unit of the plan.`);
  }
  record.unitId = unit.id;
  record.unitName = unit.name;
  const index = versions.find((v) => v.id === record.indexVersion) ?? fallbackIndex;
  const generatedAtMs = Date.parse(record.generatedAt);
  return { record, candidate: { sub, content, record, unit, index, generatedAtMs: Number.isNaN(generatedAtMs) ? -Infinity : generatedAtMs } };
}

function catalogueRejected(index: IndexVersion): Finding {
  const maxima = index.pillars.map((p) => `${p.name} ${p.maxPoints}`).join('; ');
  return {
    severity: 'error', code: 'catalogueRejected', table: 'tblChiSo', key: 'maxPoints', row: 0, sheet: '', address: '', value: null,
    messageVi: `Danh mục tiêu chí trong tệp không khớp Bộ chỉ số ${index.decision} (mã trùng, thiếu trụ cột hoặc tổng điểm tối đa từng trụ cột khác ${maxima}); điểm tự đánh giá không được tính.`,
    messageEn: `The criteria catalogue in the file does not match index ${index.decision} (duplicate codes, unknown pillars or pillar maxima other than ${maxima}); self-assessed points are not counted.`,
  };
}

/** Later wins: submission date, then generatedAt, then file modification time, then file name. */
function newer(a: Candidate, b: Candidate): number {
  const key = (c: Candidate): number[] => [c.record.submittedOn ?? -Infinity, c.generatedAtMs, c.sub.modifiedAt ? Date.parse(c.sub.modifiedAt) || -Infinity : -Infinity];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] > kb[i] ? 1 : -1;
  return a.sub.fileName === b.sub.fileName ? a.sub.sha256.localeCompare(b.sub.sha256) : a.sub.fileName.localeCompare(b.sub.fileName);
}

function supersededReason(loser: Candidate, winner: Candidate): { vi: string; en: string } {
  const fmt = (s?: number) => (s === undefined ? '(trống)' : formatSerial(s));
  if (loser.sub.sha256 === winner.sub.sha256) return { vi: `Bản sao trùng nội dung với tệp "${winner.sub.fileName}".`, en: `An identical copy of "${winner.sub.fileName}".` };
  const detail =
    (winner.record.submittedOn ?? -Infinity) !== (loser.record.submittedOn ?? -Infinity)
      ? { vi: `ngày gửi ${fmt(winner.record.submittedOn)} mới hơn ${fmt(loser.record.submittedOn)}`, en: `submitted ${fmt(winner.record.submittedOn)}, later than ${fmt(loser.record.submittedOn)}` }
      : winner.generatedAtMs !== loser.generatedAtMs
        ? { vi: 'cùng ngày gửi, biểu mẫu tạo sau', en: 'same submission date, generated later' }
        : { vi: 'cùng ngày gửi, tệp sửa sau hoặc xếp sau theo tên', en: 'same submission date, modified later or later by name' };
  return {
    vi: `Bị thay thế bởi tệp "${winner.sub.fileName}" của cùng đơn vị, năm ${winner.record.year} (${detail.vi}).`,
    en: `Superseded by "${winner.sub.fileName}" of the same unit and year (${detail.en}).`,
  };
}

// ---------------------------------------------------------------------------------------------
// Aggregation

const indicatorNumber = (o: AgencyOutcome, code: string): number | undefined => num(findBy(o.tables.tblChiTieu, 'code', code)?.row.value ?? null);

/** The per-agency column text: status, with the agency's own figure where it says more than the status. */
function agencyResultText(target: Target, o: AgencyOutcome): string {
  const r = o.results.targets.find((x) => x.code === target.code);
  const rule = target.rule;
  if (!r) return '';
  switch (rule.kind) {
    case 'shareYes':
      return show(r.unitResult);
    case 'shareMinLevel':
      return typeof r.unitResult === 'number' ? `cấp độ ${r.unitResult}` : '';
    case 'shareGrowth':
      return typeof r.unitResult === 'number' ? `${r.unitResult >= 0 ? '+' : ''}${percentVi(r.unitResult)}` : '';
    case 'ratioOfSums': {
      const n = indicatorNumber(o, rule.numerator);
      const d = indicatorNumber(o, rule.denominator);
      return n !== undefined && d !== undefined ? `${numberVi(n)}/${numberVi(d)}` : '';
    }
  }
}

/**
 * The province status of a value against a threshold, as the output's status formula computes it:
 * ROUND(value, 6) ≥ threshold, the agency workbook's convention, so no spreadsheet's binary
 * arithmetic decides a boundary case (3/4 meets 75%, 0.1+0.2 of 0.3 meets 100%).
 */
export const provinceStatus = (value: number | null, threshold: number): string =>
  value === null ? TARGET_STATUS.noData : excelRound(value, COMPARISON_DIGITS) >= threshold ? TARGET_STATUS.met : TARGET_STATUS.notMet;

function summariseTarget(target: Target, press: Unit[], byUnit: Map<string, AgencyOutcome>): TargetSummary {
  const agencies: TargetAgencyCell[] = [];
  const missing: TargetSummary['missing'] = [];
  let meeting = 0;
  let sumN = 0;
  let sumD = 0;
  let ratioReported = 0;
  for (const u of press) {
    const o = byUnit.get(u.id);
    if (!o) {
      agencies.push({ unitId: u.id, unitName: u.name, status: NOT_SUBMITTED, resultText: '', missing: true });
      missing.push({ unitId: u.id, unitName: u.name, why: 'notSubmitted' });
      continue;
    }
    const status = o.results.targets.find((x) => x.code === target.code)?.status ?? TARGET_STATUS.noData;
    const text = agencyResultText(target, o);
    const lacks = status === TARGET_STATUS.noData;
    agencies.push({ unitId: u.id, unitName: u.name, status, resultText: text, missing: lacks });
    if (lacks) missing.push({ unitId: u.id, unitName: u.name, why: 'noData' });
    if (status === TARGET_STATUS.met) meeting++;
    if (target.rule.kind === 'ratioOfSums') {
      const n = indicatorNumber(o, target.rule.numerator);
      const d = indicatorNumber(o, target.rule.denominator);
      if (n !== undefined && d !== undefined) {
        sumN += n;
        sumD += d;
        ratioReported++;
      }
    }
  }
  const expected = press.length;
  let numerator: number | null;
  let denominator: number | null;
  let reported: number;
  if (target.rule.kind === 'ratioOfSums') {
    numerator = ratioReported > 0 ? sumN : null;
    denominator = ratioReported > 0 ? sumD : null;
    reported = ratioReported;
  } else {
    // Every expected press agency is in the denominator: one that sent nothing or left the input blank does not meet.
    numerator = meeting;
    denominator = expected;
    reported = expected - missing.length;
  }
  const value = numerator !== null && denominator !== null && denominator > 0 ? numerator / denominator : null;
  const attainment = value !== null && target.threshold > 0 ? value / target.threshold : null;
  return { target, expected, reported, meeting, missing, numerator, denominator, value, attainment, status: provinceStatus(value, target.threshold), agencies };
}

/** Overall task state from the lead units' statuses, as the output's state formula computes it. */
export function taskState(leadStatuses: Scalar[]): string {
  const count = (s: string) => leadStatuses.filter((v) => textEquals(v, s)).length;
  const leads = leadStatuses.length;
  if (leads === 0) return '';
  const done = count(TASK_STATUS.done);
  if (done === leads) return TASK_STATUS.done;
  if (count(TASK_STATUS.inProgress) + done > 0) return TASK_STATUS.inProgress;
  if (count(TASK_STATUS.paused) > 0) return TASK_STATUS.paused;
  if (count(TASK_STATUS.notStarted) > 0) return TASK_STATUS.notStarted;
  return TASK_NO_DATA;
}

function summariseTask(task: Task, plan: Plan, byUnit: Map<string, AgencyOutcome>, reportDate: number): TaskSummary {
  const assigned: Array<[string, string]> = [
    ...task.leadUnits.map((id): [string, string] => [id, ROLE.lead]),
    ...task.partnerUnits.filter((id) => !task.leadUnits.includes(id)).map((id): [string, string] => [id, ROLE.partner]),
  ];
  const units: TaskUnitRow[] = assigned.map(([unitId, role]) => {
    const unit = plan.units.find((u) => u.id === unitId);
    const o = byUnit.get(unitId);
    const k = o?.tables.tblNhiemVu?.findIndex((r) => r.no === task.no) ?? -1;
    const row = o && k >= 0 ? o.tables.tblNhiemVu?.[k] : undefined;
    const v = (key: string): Scalar => row?.[key] ?? null;
    return {
      no: task.no, unitId, unitName: unit?.name ?? unitId, role, reported: o !== undefined,
      status: o ? v('status') : NOT_SUBMITTED, progress: v('progress'), result: v('result'), evidence: v('evidence'),
      difficulties: v('difficulties'), proposals: v('proposals'), timeliness: o && k >= 0 ? o.results.tasks[k].timeliness : '', fileName: o?.fileName ?? '',
    };
  });
  const leadRows = units.filter((u) => u.role === ROLE.lead);
  const progressValues = leadRows.map((u) => num(u.progress)).filter((p): p is number => p !== undefined);
  const dueScalar = dueFromTimeframe(task.timeframe);
  const due = typeof dueScalar === 'number' ? dueScalar : null;
  // A lead unit that sent nothing carries NOT_SUBMITTED, which matches no task status.
  const state = taskState(leadRows.map((u) => u.status));
  return {
    task, due, units,
    leads: leadRows.length,
    leadsReported: leadRows.filter((u) => u.reported).length,
    leadsDone: leadRows.filter((u) => textEquals(u.status, TASK_STATUS.done)).length,
    progress: progressValues.length > 0 ? progressValues.reduce((a, b) => a + b, 0) / progressValues.length : null,
    state,
    overdue: due !== null && state !== TASK_STATUS.done && reportDate > due,
  };
}

function indexRows(press: Unit[], byUnit: Map<string, AgencyOutcome>, index: IndexVersion, previous?: PreviousProvince): IndexRow[] {
  const rows = press.map((u): IndexRow => {
    const o = byUnit.get(u.id);
    const prev = previous?.agencies.find((a) => a.unitId === u.id);
    const previousTotal = prev?.total ?? null;
    const base = { unitId: u.id, unitName: u.name, previousTotal, previousLevel: prev?.level ?? '', rank: null };
    if (!o) {
      return {
        ...base, reported: false, indexVersion: '', pillarPoints: index.pillars.map(() => null), total: null, level: NOT_SUBMITTED, scoredRows: null, rows: null, completeness: null, change: null,
        catalogueId: '', comparableOn: '', pillarChange: index.pillars.map(() => null), previousVersion: '',
      };
    }
    // Pillars are matched by number, so an agency on another index version still lines up.
    const pillarPoints = index.pillars.map((p) => {
      const name = o.index.pillars.find((x) => x.no === p.no)?.name;
      const hit = o.results.pillars.find((x) => typeof x.pillar === 'string' && name !== undefined && textEquals(x.pillar, name));
      return hit ? hit.points : null;
    });
    const scoredRows = o.results.validPoints.filter((v) => typeof v === 'number').length;
    const total = o.results.total;
    const rowsCount = o.results.validPoints.length;
    const catalogueId = show(metaOf(o.tables, 'catalogueId'));
    const scoredOn = catalogueId || o.index.id;
    const previousOn = prev?.catalogueId || prev?.indexVersion || '';
    const differs = previousOn !== '' && norm(previousOn) !== norm(scoredOn);
    return {
      ...base, reported: true, indexVersion: o.index.id, pillarPoints, total, level: o.results.level, scoredRows, rows: rowsCount,
      completeness: rowsCount > 0 ? scoredRows / rowsCount : null,
      change: previousTotal !== null ? total - previousTotal : null,
      catalogueId,
      comparableOn: previousTotal === null ? '' : differs ? 'pillarsAndTotal' : 'all',
      pillarChange: pillarPoints.map((p, i) => {
        const before = prev?.pillarPoints?.[i];
        return p !== null && typeof before === 'number' ? excelRound(p - before, COMPARISON_DIGITS) : null;
      }),
      previousVersion: differs ? previousOn : '',
    };
  });
  // RANK(total, all totals, descending): ties share a rank, blanks are not ranked.
  for (const r of rows) if (r.total !== null) r.rank = 1 + rows.filter((x) => x.total !== null && x.total > (r.total as number)).length;
  return rows;
}

// ---------------------------------------------------------------------------------------------

export function consolidate(submissions: Submission[], o: ConsolidateOptions): Consolidation {
  const versions = o.indexVersions;
  const index = o.index ?? versionForYear(versions, o.year);
  const deadline = o.deadline ?? o.plan.reportDeadline;
  const deadlineSerial = dateSerial(o.year, deadline.month, deadline.day);

  const screened = submissions.map((s) => screen(s, o, versions, index, deadlineSerial));
  const candidates = screened.flatMap((s) => (s.candidate ? [s.candidate] : []));

  // Duplicates: one file per unit (the year is already fixed); the newest wins, the others are listed.
  const winners = new Map<string, Candidate>();
  for (const c of candidates) {
    const w = winners.get(c.unit.id);
    if (!w || newer(c, w) > 0) winners.set(c.unit.id, c);
  }
  for (const c of candidates) {
    const w = winners.get(c.unit.id);
    if (w && w !== c) {
      const why = supersededReason(c, w);
      Object.assign(c.record, { state: 'superseded', code: 'superseded', reasonVi: why.vi, reasonEn: why.en });
    } else {
      Object.assign(c.record, { state: 'included', reasonVi: '', reasonEn: '' });
    }
  }

  const agencies: AgencyOutcome[] = [];
  const mismatches: ValueMismatch[] = [];
  // Plan order, so every table lists units the same way whatever order the files came in.
  for (const unit of o.plan.units) {
    const c = winners.get(unit.id);
    if (!c) continue;
    const tables = trustedTables(c.content.data.tables, o.plan, c.index, unit);
    if (assessmentCatalogue(c.index, c.content.data.tables).source === 'rejected') {
      c.record.findings = [...c.record.findings, catalogueRejected(c.index)];
      c.record.errors++;
    }
    const results = computeAgencyResults(tables, o.plan, o.reportDate);
    const outcome: AgencyOutcome = { unit, fileName: c.sub.fileName, sha256: c.sub.sha256, index: c.index, tables, results, submittedOn: c.record.submittedOn };
    agencies.push(outcome);
    const found = findMismatches(c.sub, c.content, outcome, o.plan);
    c.record.mismatches = found.length;
    mismatches.push(...found);
  }

  const byUnit = new Map(agencies.map((a) => [a.unit.id, a]));
  const press = pressAgencies(o.plan);
  const targets = o.plan.targets.map((t) => summariseTarget(t, press, byUnit));
  const tasks = o.plan.tasks.map((t) => summariseTask(t, o.plan, byUnit, o.reportDate));
  const idx = indexRows(press, byUnit, index, o.previous);
  const sources = screened.map((s) => s.record);
  const seal = sha256Hex(
    sources
      .filter((s) => s.state === 'included')
      .map((s) => `${s.sha256}  ${s.fileName}`)
      .sort()
      .join('\n'),
  );
  const base: Omit<Consolidation, 'sentences'> = {
    plan: o.plan, year: o.year, reportDate: o.reportDate, deadline, deadlineSerial, index,
    generatedAt: o.generatedAt ?? '', generator: o.generator ?? '', previousYear: o.previous?.year,
    sources, agencies, mismatches, targets, tasks, indexRows: idx, seal,
  };
  return { ...base, sentences: buildReportSentences(base) };
}

function versionForYear(versions: readonly IndexVersion[], year: number): IndexVersion {
  const covering = versions.filter((v) => year >= v.reportingYears.from && (v.reportingYears.to === undefined || year <= v.reportingYears.to));
  return covering[covering.length - 1] ?? versions[0];
}

// ---------------------------------------------------------------------------------------------
// SHA-256: pure, so the seal is computed the same way in Node and in the browser (WebCrypto is async only).

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export const sha256Hex = (text: string): string => sha256Bytes(new TextEncoder().encode(text));

/** SHA-256 of a file's bytes, for readers without node:crypto or synchronous WebCrypto. */
export function sha256Bytes(bytes: Uint8Array): string {
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x1_0000_0000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  return [...h].map((x) => x.toString(16).padStart(8, '0')).join('');
}
