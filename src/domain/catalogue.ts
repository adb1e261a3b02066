import { AGENCY_COLUMNS } from './agency-schema';
import type { CellLocation, Finding, Severity } from './check';
import { parseNumberVn, parseYesNo } from './parse-vn';
import type { Criterion, IndexVersion, MaturityLevel, Pillar } from './types';
import { isBlank, isError, type Row, type Scalar } from './values';
import { NO, YES } from './vocabulary';

/**
 * The criteria catalogue (Bộ tiêu chí) of an index version: the decision's annex as data an
 * official types, pastes or imports, since PressDX ships none (none may be invented). Pure: the
 * workbook layer reads its tables (tblTieuChi, tblNguong, tblLichSu, tblBoTieuChi) into rows by
 * column key, from a live workbook, an .xlsx or a .csv alike, and this module checks them.
 */

export const CATALOGUE_COLUMNS = {
  tblTieuChi: AGENCY_COLUMNS.tblTieuChi,
  /** The version's level thresholds, editable, each with its verified flag. */
  tblNguong: ['level', 'name', 'minScore', 'verified', 'note'],
  /** Every threshold edit: who, when, old → new. */
  tblLichSu: ['at', 'who', 'level', 'field', 'oldValue', 'newValue'],
  /** Key/value settings: the index version the catalogue belongs to, and its source. */
  tblBoTieuChi: ['key', 'value'],
  /** Each pillar's maximum beside the sum of its criteria, live while the official types. */
  tblTongTruCot: ['pillar', 'maxPoints', 'criteriaPoints', 'criteriaCount'],
} as const;

export type CatalogueTableName = keyof typeof CATALOGUE_COLUMNS;
export const CATALOGUE_SETTING_KEYS = ['indexVersion', 'source'] as const;

export interface ThresholdEdit {
  /** dd/mm/yyyy hh:mm, local time of the editor. */
  at: string;
  who: string;
  level: number;
  field: 'minScore' | 'verified';
  oldValue: Scalar;
  newValue: Scalar;
}

export interface Catalogue {
  indexVersion: string;
  source: string;
  /** Grouped by pillar, then component, in the order the annex lists them. */
  criteria: Criterion[];
  levels: MaturityLevel[];
  history: ThresholdEdit[];
}

export interface CatalogueInput {
  tables: Partial<Record<CatalogueTableName, Row[]>>;
  missingTables: CatalogueTableName[];
  missingColumns: Array<{ table: CatalogueTableName; key: string }>;
  /** Where a table cell is; rowIndex is 0-based over data rows. */
  locate: (table: CatalogueTableName, key: string, rowIndex: number) => CellLocation | undefined;
  /** The version asked for (CLI option, task pane choice); otherwise tblBoTieuChi's. */
  indexVersion?: string;
  /** Every value arrives as text (CSV): numbers are read without a warning. */
  textSource?: boolean;
}

export interface CatalogueCheck {
  findings: Finding[];
  /** Present when no error was found: the catalogue is fit to score agencies on. */
  catalogue?: Catalogue;
  version?: IndexVersion;
}

type Msg = { vi: string; en: string };
const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim().toLocaleLowerCase('vi');
const show = (v: Scalar): string => (v === null ? '' : isError(v) ? v.error : String(v));
const fmt = (v: number) => String(Number(v.toFixed(6))).replace('.', ',');
/** Sums of decimal points (0,25 + 0,5 …) compared at 6 decimals, like the workbook's ROUND. */
const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;
/** Letters, digits and . - _ without spaces, e.g. "1.2", "TC2.3a". */
const CODE_PATTERN = /^[\p{L}\d][\p{L}\d._-]{0,19}$/u;

const TABLE_VI: Record<CatalogueTableName, string> = {
  tblTieuChi: 'Tiêu chí', tblNguong: 'Ngưỡng mức độ', tblLichSu: 'Lịch sử sửa', tblBoTieuChi: 'Thông tin bộ tiêu chí', tblTongTruCot: 'Tổng theo trụ cột',
};

/** A pillar by its number (1, "1", "1. Chiến lược", "Trụ cột 1") or its Vietnamese or English name. */
export function resolvePillar(v: Scalar, pillars: Pillar[]): Pillar | undefined {
  if (typeof v === 'number') return pillars.find((p) => p.no === v);
  if (typeof v !== 'string') return undefined;
  const text = norm(v);
  const byName = pillars.find((p) => norm(p.name) === text || norm(p.nameEn) === text);
  if (byName) return byName;
  const numbered = /^(?:trụ cột|pillar)?\s*(\d+)\s*(?:[.:)-]\s*(.*))?$/.exec(text);
  if (!numbered) return undefined;
  const p = pillars.find((x) => x.no === Number(numbered[1]));
  // "2. Chiến lược" names two pillars: trust neither.
  if (p && numbered[2] && norm(p.name) !== norm(numbered[2]) && norm(p.nameEn) !== norm(numbered[2])) return undefined;
  return p;
}

/** Criteria grouped by pillar, then by component in first-appearance order; the annex order within. */
export function groupCriteria(criteria: Criterion[]): Criterion[] {
  const componentOrder = new Map<string, number>();
  criteria.forEach((c) => {
    const k = norm(c.component);
    if (!componentOrder.has(k)) componentOrder.set(k, componentOrder.size);
  });
  return criteria
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.pillarNo - b.c.pillarNo || componentOrder.get(norm(a.c.component))! - componentOrder.get(norm(b.c.component))! || a.i - b.i)
    .map((x) => x.c);
}

/** FNV-1a over the text, as 8 hex digits: a short fingerprint, not a security measure. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The catalogue's identity: version, count and a fingerprint of what scores depend on (pillar,
 * component, code, maximum of every criterion). Two workbooks with the same id were scored on
 * the same criteria; renaming a criterion's wording does not change it.
 */
export function catalogueId(c: Pick<Catalogue, 'indexVersion' | 'criteria'>): string {
  // Sorted, so the order rows were pasted in does not matter.
  const canonical = c.criteria.map((x) => [x.pillarNo, norm(x.component), norm(x.code), x.maxPoints].join('|')).sort().join('\n');
  return `${c.indexVersion}/${c.criteria.length}/${fnv1a(canonical)}`;
}

/** The version as the agency workbook uses it: the catalogue's criteria and thresholds. */
export function indexWithCatalogue(version: IndexVersion, catalogue: Catalogue): IndexVersion {
  return { ...version, criteria: groupCriteria(catalogue.criteria), levels: catalogue.levels };
}

/** A new, empty catalogue for a version: its thresholds, no criteria. */
export function emptyCatalogue(version: IndexVersion): Catalogue {
  return { indexVersion: version.id, source: version.decision, criteria: [], levels: version.levels.map((l) => ({ ...l, provenance: { ...l.provenance } })), history: [] };
}

/**
 * An edit of one level's threshold or verified flag, recorded in the history. Returns the new
 * levels and history; nothing changes (and nothing is recorded) when the value is the same.
 */
export function editThreshold(
  c: Pick<Catalogue, 'levels' | 'history'>,
  edit: { level: number; minScore?: number; verified?: boolean; who: string; at: string },
): Pick<Catalogue, 'levels' | 'history'> {
  const history = [...c.history];
  const levels = c.levels.map((l) => {
    if (l.level !== edit.level) return l;
    let next = l;
    if (edit.minScore !== undefined && edit.minScore !== l.minScore) {
      history.push({ at: edit.at, who: edit.who, level: l.level, field: 'minScore', oldValue: l.minScore, newValue: edit.minScore });
      next = { ...next, minScore: edit.minScore };
    }
    if (edit.verified !== undefined && edit.verified !== l.provenance.verified) {
      history.push({ at: edit.at, who: edit.who, level: l.level, field: 'verified', oldValue: l.provenance.verified ? YES : NO, newValue: edit.verified ? YES : NO });
      next = { ...next, provenance: { ...next.provenance, verified: edit.verified } };
    }
    return next;
  });
  return { levels, history };
}

/** Reads and checks a catalogue: every finding at once, each naming its sheet, cell and rule. */
export function checkCatalogue(input: CatalogueInput, versions: IndexVersion[]): CatalogueCheck {
  const findings: Finding[] = [];
  const emit = (severity: Severity, code: string, table: CatalogueTableName, key: string, rowIndex: number, msg: Msg, value: Scalar, suggestion?: Scalar) => {
    const loc = rowIndex >= 0 ? input.locate(table, key, rowIndex) : input.locate(table, key, -1);
    findings.push({
      severity, code, table, key, row: rowIndex + 1, sheet: loc?.sheet ?? '', address: rowIndex >= 0 ? (loc?.address ?? '') : '',
      messageVi: msg.vi, messageEn: msg.en, value, ...(suggestion !== undefined ? { suggestion } : {}),
    });
  };
  const where = (table: CatalogueTableName, key: string, rowIndex: number): Msg => {
    const loc = input.locate(table, key, rowIndex);
    return loc ? { vi: `${loc.sheet}!${loc.address}`, en: `${loc.sheet}!${loc.address}` } : { vi: `${TABLE_VI[table]}, dòng ${rowIndex + 1}`, en: `${table}, row ${rowIndex + 1}` };
  };

  for (const t of input.missingTables) {
    if (t !== 'tblTieuChi') continue;
    emit('error', 'missingTable', t, '', -1, { vi: `Không tìm thấy bảng tiêu chí ${t} (hoặc bảng có các cột Trụ cột, Mã, Tiêu chí, Điểm tối đa).`, en: `No criteria table ${t} (or a table with the columns pillar, code, criterion, maxPoints).` }, null);
  }
  for (const { table, key } of input.missingColumns) {
    if (table !== 'tblTieuChi' || key === 'scoring' || key === 'evidenceRequired') continue;
    emit('error', 'missingColumn', table, key, -1, { vi: `Bảng ${table} thiếu cột "${key}".`, en: `Table ${table} lacks the column "${key}".` }, null);
  }

  const settings = input.tables.tblBoTieuChi ?? [];
  const setting = (k: string) => show(settings.find((r) => r.key === k)?.value ?? null).trim();
  const versionId = input.indexVersion ?? setting('indexVersion');
  const version = versions.find((v) => v.id === versionId);
  if (!version) {
    const settingRow = settings.findIndex((r) => r.key === 'indexVersion');
    emit('error', 'unknownIndexVersion', 'tblBoTieuChi', 'value', settingRow, {
      vi: versionId ? `Phiên bản Bộ chỉ số "${versionId}" không xác định (có: ${versions.map((v) => v.id).join(', ')}).` : `Chưa chọn phiên bản Bộ chỉ số (có: ${versions.map((v) => v.id).join(', ')}).`,
      en: versionId ? `Unknown index version "${versionId}" (known: ${versions.map((v) => v.id).join(', ')}).` : `No index version chosen (known: ${versions.map((v) => v.id).join(', ')}).`,
    }, versionId || null);
    return { findings };
  }
  if (input.missingTables.includes('tblTieuChi')) return { findings, version };

  const readPoints = (v: Scalar, i: number, what: Msg): number | undefined => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string') {
      const parsed = parseNumberVn(v);
      if (parsed && !parsed.percent) {
        if (!input.textSource) {
          emit('warning', 'numberAsText', 'tblTieuChi', 'maxPoints', i, { vi: `${what.vi}: điểm tối đa "${v}" là văn bản; được hiểu là ${fmt(parsed.value)}. Nên nhập lại dạng số.`, en: `${what.en}: max points "${v}" is text; read as ${parsed.value}. Re-enter it as a number.` }, v, parsed.value);
        }
        return parsed.value;
      }
    }
    emit('error', 'wrongType', 'tblTieuChi', 'maxPoints', i, { vi: `${what.vi}: điểm tối đa "${show(v)}" không phải là số.`, en: `${what.en}: max points "${show(v)}" is not a number.` }, v);
    return undefined;
  };

  const criteria: Criterion[] = [];
  const rowOf: number[] = [];
  const codes = new Map<string, number>();
  const componentPillar = new Map<string, { pillar: Pillar; row: number; name: string }>();
  const errorsBefore = findings.filter((f) => f.severity === 'error').length;
  (input.tables.tblTieuChi ?? []).forEach((row, i) => {
    const cell = (k: string): Scalar => row[k] ?? null;
    // Rows without code, criterion, component and maximum are placeholders (the prefilled pillar rows).
    if (['code', 'criterion', 'component', 'maxPoints'].every((k) => isBlank(cell(k)))) return;
    const rawCode = show(cell('code'));
    const code = rawCode.trim();
    const what: Msg = { vi: `Tiêu chí ${code || `dòng ${i + 1}`} (${where('tblTieuChi', 'code', i).vi})`, en: `Criterion ${code || `row ${i + 1}`} (${where('tblTieuChi', 'code', i).en})` };
    let ok = true;
    if (!code) {
      emit('error', 'required', 'tblTieuChi', 'code', i, { vi: `${what.vi}: chưa có mã tiêu chí.`, en: `${what.en}: the code is missing.` }, cell('code'));
      ok = false;
    } else {
      if (rawCode !== code && !input.textSource) emit('warning', 'straySpaces', 'tblTieuChi', 'code', i, { vi: `${what.vi}: mã có khoảng trắng thừa "${rawCode}".`, en: `${what.en}: stray spaces in the code "${rawCode}".` }, cell('code'), code);
      if (!CODE_PATTERN.test(code)) {
        emit('error', 'badCode', 'tblTieuChi', 'code', i, { vi: `${what.vi}: mã "${code}" không đúng dạng (chữ, số, dấu . - _; không có khoảng trắng; tối đa 20 ký tự).`, en: `${what.en}: code "${code}" is malformed (letters, digits, . - _; no spaces; at most 20 characters).` }, cell('code'));
        ok = false;
      }
      const first = codes.get(norm(code));
      if (first !== undefined) {
        emit('error', 'duplicateCode', 'tblTieuChi', 'code', i, { vi: `${what.vi}: mã "${code}" trùng với dòng ${first + 1} (${where('tblTieuChi', 'code', first).vi}); mã tiêu chí phải duy nhất.`, en: `${what.en}: code "${code}" repeats row ${first + 1} (${where('tblTieuChi', 'code', first).en}); codes must be unique.` }, cell('code'));
        ok = false;
      } else codes.set(norm(code), i);
    }
    const pillar = resolvePillar(cell('pillar'), version.pillars);
    if (!pillar) {
      emit('error', 'unknownPillar', 'tblTieuChi', 'pillar', i, {
        vi: `${what.vi}: trụ cột "${show(cell('pillar'))}" không thuộc ${version.decision} (có: ${version.pillars.map((p) => `${p.no}. ${p.name}`).join('; ')}).`,
        en: `${what.en}: pillar "${show(cell('pillar'))}" is not one of ${version.decision}'s (${version.pillars.map((p) => `${p.no}. ${p.nameEn}`).join('; ')}).`,
      }, cell('pillar'));
      ok = false;
    }
    const component = show(cell('component')).replace(/[\s\u00a0]+/g, ' ').trim();
    if (!component) {
      emit('error', 'required', 'tblTieuChi', 'component', i, { vi: `${what.vi}: chưa có chỉ số thành phần.`, en: `${what.en}: the component index is missing.` }, cell('component'));
      ok = false;
    } else if (pillar) {
      const seen = componentPillar.get(norm(component));
      if (!seen) componentPillar.set(norm(component), { pillar, row: i, name: component });
      else if (seen.pillar.no !== pillar.no) {
        emit('error', 'inconsistentComponent', 'tblTieuChi', 'component', i, {
          vi: `${what.vi}: chỉ số thành phần "${component}" thuộc trụ cột ${seen.pillar.no} ở dòng ${seen.row + 1} (${where('tblTieuChi', 'component', seen.row).vi}) nhưng ở đây thuộc trụ cột ${pillar.no}; một chỉ số thành phần chỉ thuộc một trụ cột.`,
          en: `${what.en}: component "${component}" belongs to pillar ${seen.pillar.no} at row ${seen.row + 1} (${where('tblTieuChi', 'component', seen.row).en}) but to pillar ${pillar.no} here; a component belongs to one pillar.`,
        }, cell('component'));
        ok = false;
      }
    }
    const name = show(cell('criterion')).trim();
    if (!name) {
      emit('error', 'required', 'tblTieuChi', 'criterion', i, { vi: `${what.vi}: chưa có nội dung tiêu chí.`, en: `${what.en}: the criterion text is missing.` }, cell('criterion'));
      ok = false;
    }
    let maxPoints: number | undefined;
    if (isBlank(cell('maxPoints'))) {
      emit('error', 'required', 'tblTieuChi', 'maxPoints', i, { vi: `${what.vi}: chưa có điểm tối đa.`, en: `${what.en}: max points missing.` }, cell('maxPoints'));
    } else {
      maxPoints = readPoints(cell('maxPoints'), i, what);
      if (maxPoints !== undefined && maxPoints <= 0) {
        emit('error', 'outOfRange', 'tblTieuChi', 'maxPoints', i, { vi: `${what.vi}: điểm tối đa phải lớn hơn 0 (${fmt(maxPoints)}).`, en: `${what.en}: max points must be above 0 (${maxPoints}).` }, cell('maxPoints'));
        maxPoints = undefined;
      }
    }
    let evidenceRequired = true;
    const ev = cell('evidenceRequired');
    if (!isBlank(ev)) {
      const yn = typeof ev === 'boolean' ? (ev ? YES : NO) : typeof ev === 'string' ? parseYesNo(ev) : undefined;
      if (!yn) emit('error', 'notInList', 'tblTieuChi', 'evidenceRequired', i, { vi: `${what.vi}: "Yêu cầu minh chứng" phải là ${YES} hoặc ${NO} ("${show(ev)}").`, en: `${what.en}: "evidence required" must be ${YES} or ${NO} ("${show(ev)}").` }, ev);
      else evidenceRequired = yn === YES;
    }
    if (!ok || !pillar || maxPoints === undefined) return;
    const scoring = show(cell('scoring')).trim();
    criteria.push({ pillarNo: pillar.no, component: componentPillar.get(norm(component))?.name ?? component, code, name, maxPoints, ...(scoring ? { scoring } : {}), evidenceRequired });
    rowOf.push(i);
  });

  const rowsRead = (input.tables.tblTieuChi ?? []).length;
  const errorsInRows = findings.filter((f) => f.severity === 'error').length - errorsBefore;
  if (criteria.length === 0 && errorsInRows === 0 && !input.missingTables.includes('tblTieuChi')) {
    emit('error', 'emptyCatalogue', 'tblTieuChi', '', -1, { vi: `Bảng tiêu chí chưa có tiêu chí nào (${rowsRead} dòng trống).`, en: `The criteria table holds no criterion (${rowsRead} blank rows).` }, null);
  }

  // Sums: judged only when every row was read, so a broken row is reported once, not again as a sum.
  if (criteria.length > 0 && errorsInRows === 0) {
    for (const p of version.pillars) {
      const own = criteria.map((c, k) => ({ c, k })).filter((x) => x.c.pillarNo === p.no);
      const sum = own.reduce((s, x) => s + x.c.maxPoints, 0);
      if (same(sum, p.maxPoints)) continue;
      const last = own.length > 0 ? rowOf[own[own.length - 1].k] : -1;
      emit('error', 'pillarSum', 'tblTieuChi', 'maxPoints', last, {
        vi: `Trụ cột ${p.no} "${p.name}": các tiêu chí cộng lại ${fmt(sum)} điểm, phải đúng bằng ${fmt(p.maxPoints)} điểm tối đa của trụ cột (${own.length} tiêu chí).`,
        en: `Pillar ${p.no} "${p.nameEn}": its criteria add up to ${sum} points; they must equal the pillar's maximum ${p.maxPoints} (${own.length} criteria).`,
      }, sum);
    }
    const total = criteria.reduce((s, c) => s + c.maxPoints, 0);
    if (!same(total, 100)) {
      emit('error', 'totalSum', 'tblTieuChi', 'maxPoints', -1, { vi: `Tổng điểm tối đa của mọi tiêu chí là ${fmt(total)}, phải đúng bằng 100.`, en: `All criteria add up to ${total} points; they must total 100.` }, total);
    }
    const components = new Set(criteria.map((c) => norm(c.component))).size;
    if (version.criteriaCount !== undefined && criteria.length !== version.criteriaCount) {
      emit('warning', 'criteriaCount', 'tblTieuChi', 'code', -1, { vi: `Có ${criteria.length} tiêu chí; ${version.decision} công bố ${version.criteriaCount} tiêu chí. Kiểm tra lại với phụ lục của quyết định.`, en: `${criteria.length} criteria; ${version.decision} publishes ${version.criteriaCount}. Compare with the decision's annex.` }, criteria.length);
    }
    if (version.componentCount !== undefined && components !== version.componentCount) {
      emit('warning', 'componentCount', 'tblTieuChi', 'component', -1, { vi: `Có ${components} chỉ số thành phần; ${version.decision} công bố ${version.componentCount}. Kiểm tra lại với phụ lục của quyết định.`, en: `${components} component indices; ${version.decision} publishes ${version.componentCount}. Compare with the decision's annex.` }, components);
    }
  }

  const levels = readLevels(input, version, emit);
  const history = (input.tables.tblLichSu ?? []).filter((r) => !isBlank(r.at ?? null) || !isBlank(r.who ?? null)).map((r): ThresholdEdit => ({
    at: show(r.at ?? null), who: show(r.who ?? null), level: Number(r.level ?? 0), field: r.field === 'verified' ? 'verified' : 'minScore', oldValue: r.oldValue ?? null, newValue: r.newValue ?? null,
  }));
  const errors = findings.some((f) => f.severity === 'error');
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity] || a.row - b.row);
  if (errors || !levels) return { findings, version };
  return { findings, version, catalogue: { indexVersion: version.id, source: setting('source') || version.decision, criteria: groupCriteria(criteria), levels, history } };
}

type Emit = (severity: Severity, code: string, table: CatalogueTableName, key: string, rowIndex: number, msg: Msg, value: Scalar, suggestion?: Scalar) => void;

/** The thresholds of tblNguong (the version's own when the table is absent), checked ascending. */
function readLevels(input: CatalogueInput, version: IndexVersion, emit: Emit): MaturityLevel[] | undefined {
  const rows = input.tables.tblNguong;
  if (!rows) return version.levels;
  const levels: MaturityLevel[] = [];
  let previous = -Infinity;
  let ok = true;
  rows.forEach((r, i) => {
    const name = show(r.name ?? null).trim();
    const builtIn = version.levels.find((l) => l.level === Number(r.level ?? NaN));
    let min: Scalar | undefined = r.minScore ?? null;
    if (typeof min === 'string') min = parseNumberVn(min)?.value;
    if (typeof min !== 'number' || !Number.isFinite(min) || min < 0 || min > 100) {
      emit('error', 'wrongType', 'tblNguong', 'minScore', i, { vi: `Mức "${name}": điểm tối thiểu "${show(r.minScore ?? null)}" phải là số từ 0 đến 100.`, en: `Level "${name}": min score "${show(r.minScore ?? null)}" must be a number from 0 to 100.` }, r.minScore ?? null);
      ok = false;
      return;
    }
    if (min <= previous) {
      emit('error', 'levelsNotAscending', 'tblNguong', 'minScore', i, { vi: `Ngưỡng các mức phải tăng dần: "${name}" = ${fmt(min)}.`, en: `Level thresholds must ascend: "${name}" = ${min}.` }, r.minScore ?? null);
      ok = false;
    }
    previous = min;
    const verifiedCell = r.verified ?? null;
    const verified = typeof verifiedCell === 'boolean' ? verifiedCell : typeof verifiedCell === 'string' && parseYesNo(verifiedCell) === YES;
    if (!verified) emit('info', 'unverifiedThreshold', 'tblNguong', 'minScore', i, { vi: `Ngưỡng mức "${name}" (${fmt(min)} điểm) chưa được xác minh từ văn bản gốc.`, en: `The threshold of level "${name}" (${min}) is unverified.` }, r.minScore ?? null);
    const note = show(r.note ?? null);
    levels.push({ level: Number(r.level ?? i + 1), name, nameEn: builtIn?.nameEn ?? name, minScore: min, provenance: { verified, ...(note ? { note } : {}) } });
  });
  return ok ? levels : undefined;
}
