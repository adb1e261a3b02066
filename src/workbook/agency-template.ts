import { AGENCY_COLUMNS, AGENCY_FORMAT_VERSION, AGENCY_SCHEMA, INFO_KEYS, type AgencyTableName } from '../domain/agency-schema';
import { computeAgencyResults, type AgencyResults, type AgencyTables } from '../domain/calculate';
import { catalogueId, indexWithCatalogue, type Catalogue } from '../domain/catalogue';
import type { Criterion, IndexVersion, Plan, Target } from '../domain/types';
import { dateSerial, formatSerial, type Row, type Scalar } from '../domain/values';
import { GROUP_LABEL, NO, ROLE, TASK_STATUSES, YES, YES_NO } from '../domain/vocabulary';
import { buildCatalogueSheet, CATALOGUE_SHEET_NAMES } from './catalogue-sheet';
import { FormulaBuilder, NAMES } from './formulas';
import { HEADERS, INFO_LABELS, SHEET_NAMES, type Lang, type SheetKey } from './labels';
import {
  absoluteAddress,
  NUMBER_FORMATS,
  type CellSpec,
  type ColumnSpec,
  type LooseCell,
  type NameSpec,
  type SheetSpec,
  type TableSpec,
  type ValidationSpec,
  type WorkbookSpec,
} from './spec';

export interface AgencyTemplateOptions {
  plan: Plan;
  index: IndexVersion;
  year: number;
  unitId?: string;
  lang: Lang;
  /** ISO timestamp written to the meta table. */
  generatedAt: string;
  generator: string;
  /** Base year of revenue growth (CT5a); the plan does not state it, so it defaults to the year before. */
  revenueBaseYear?: number;
  /**
   * Last day of the data period (serial), set by the official: the report is due before 25/11, so
   * the period cannot run to 31/12. Defaults to DEFAULT_CUTOFF of the year.
   */
  dataCutoff?: number;
  /** A checked criteria catalogue of `index`: the workbook then scores each criterion and carries the catalogue. */
  catalogue?: Catalogue;
}

/** Default data cut-off (day, month): a month before the plan's 25/11 deadline, like the ministry's cycle ending 31/10. */
export const DEFAULT_CUTOFF = { day: 31, month: 10 } as const;

/** The data period a template starts with: 01/01 of the year to the official's cut-off. */
export function dataPeriod(o: Pick<AgencyTemplateOptions, 'year' | 'dataCutoff'>): { from: number; to: number } {
  return { from: dateSerial(o.year, 1, 1), to: o.dataCutoff ?? dateSerial(o.year, DEFAULT_CUTOFF.month, DEFAULT_CUTOFF.day) };
}

const TEXT_MAX = 2000;

/** Bilingual text, picked by the workbook's language. */
type T = { vi: string; en: string };
const tr = (lang: Lang, t: T) => t[lang];

/** Where each table sits: the layout is part of the template, not of the contract. */
type LayoutSheet = SheetKey | 'catalogue' | 'unmapped';
const LAYOUT: Record<AgencyTableName, { sheet: LayoutSheet; row: number; col: number }> = {
  tblThongTin: { sheet: 'info', row: 4, col: 1 },
  tblChiTieu: { sheet: 'indicators', row: 4, col: 1 },
  tblMucTieu: { sheet: 'targets', row: 4, col: 1 },
  tblNhiemVu: { sheet: 'tasks', row: 4, col: 1 },
  tblChiSo: { sheet: 'index', row: 4, col: 1 },
  tblTruCot: { sheet: 'index', row: 4, col: 11 },
  tblDonVi: { sheet: 'lists', row: 3, col: 1 },
  tblMucDo: { sheet: 'lists', row: 3, col: 6 },
  tblCoKhong: { sheet: 'lists', row: 3, col: 12 },
  tblTrangThai: { sheet: 'lists', row: 3, col: 14 },
  tblPhanCong: { sheet: 'lists', row: 3, col: 16 },
  tblMeta: { sheet: 'meta', row: 1, col: 1 },
  tblCot: { sheet: 'meta', row: 1, col: 4 },
  tblThanhPhan: { sheet: 'index', row: 15, col: 11 },
  tblTieuChi: { sheet: 'catalogue', row: 5, col: 1 },
  tblKhongAnhXa: { sheet: 'unmapped', row: 4, col: 1 },
};

export const tableSheet = (table: AgencyTableName): LayoutSheet => LAYOUT[table].sheet;

/** The index version the workbook scores on: with the catalogue's criteria and thresholds when one is given. */
export const effectiveIndex = (o: Pick<AgencyTemplateOptions, 'index' | 'catalogue'>): IndexVersion => (o.catalogue ? indexWithCatalogue(o.index, o.catalogue) : o.index);

/** Component subtotal rows (pillar, component, maximum) of a criterion-level assessment, in row order. */
export function componentRows(index: IndexVersion): Row[] {
  const out: Row[] = [];
  for (const c of index.criteria) {
    const pillar = pillarName(index, c.pillarNo);
    const hit = out.find((r) => r.pillar === pillar && String(r.component).toLocaleLowerCase('vi') === c.component.toLocaleLowerCase('vi'));
    if (hit) hit.maxPoints = Number(hit.maxPoints) + c.maxPoints;
    else out.push({ pillar, component: c.component, maxPoints: c.maxPoints, points: null, percent: null });
  }
  return out;
}

/** Rows of the self-assessment: the catalogue's criteria, or one row per pillar without one. */
export function assessmentRows(index: IndexVersion): Criterion[] {
  if (index.criteria.length > 0) return index.criteria;
  return index.pillars.map((p) => ({ pillarNo: p.no, component: '', code: `TC${p.no}`, name: '', maxPoints: p.maxPoints }));
}

const pillarName = (index: IndexVersion, no: number) => index.pillars.find((p) => p.no === no)?.name ?? String(no);

/** The template's table contents as values by column key; calculated columns are left blank. */
export function templateTables(o: AgencyTemplateOptions): AgencyTables {
  const { plan, year, lang } = o;
  const index = effectiveIndex(o);
  const unit = plan.units.find((u) => u.id === o.unitId);
  const baseYear = o.revenueBaseYear ?? year - 1;
  const period = dataPeriod(o);
  const info: Record<string, Scalar> = { unit: unit?.name ?? '', unitType: '', year, periodFrom: period.from, periodTo: period.to, preparer: null, phone: null, email: null, submittedOn: null };
  const wholePillar = tr(lang, { vi: 'Toàn bộ trụ cột (chưa nạp danh mục tiêu chí)', en: 'Whole pillar (no criteria catalogue loaded)' });
  const criterionLevel = o.catalogue !== undefined && index.criteria.length > 0;
  const tables: AgencyTables = {
    tblThongTin: INFO_KEYS.map((key) => ({ key, label: INFO_LABELS[lang][key], value: info[key] })),
    tblChiTieu: plan.indicators.map((i) => ({
      code: i.code,
      indicator: (lang === 'vi' ? i.name : i.nameEn) + (i.code === 'CT5a' ? ` (${baseYear})` : i.code === 'CT5b' ? ` (${year})` : ''),
      unit: i.unit,
      value: null,
      evidence: null,
      note: null,
    })),
    tblMucTieu: plan.targets.map((t) => ({ code: t.code, target: t.text, year: t.year, threshold: t.threshold, rule: lang === 'vi' ? t.ruleText : t.ruleTextEn, unitResult: null, status: null })),
    tblNhiemVu: plan.tasks.map((t) => ({
      no: t.no, task: t.content, lead: t.leadText, partners: t.partnersText, timeframe: t.timeframe,
      role: null, status: null, progress: null, result: null, evidence: null, difficulties: null, proposals: null, due: null, timeliness: null,
    })),
    tblChiSo: assessmentRows(index).map((c) => ({
      pillar: pillarName(index, c.pillarNo), component: c.component, code: c.code, criterion: c.name || wholePillar,
      maxPoints: c.maxPoints, selfPoints: null, evidence: null, note: null, validPoints: null,
    })),
    tblTruCot: index.pillars.map((p) => ({ pillar: p.name, maxPoints: p.maxPoints, points: null, percent: null })),
    tblDonVi: plan.units.map((u) => ({ id: u.id, name: u.name, type: u.type, group: GROUP_LABEL[u.group] })),
    tblMucDo: index.levels.map((l) => ({ level: l.level, name: l.name, minScore: l.minScore, verified: l.provenance.verified ? YES : NO, note: l.provenance.note ?? '' })),
    tblCoKhong: YES_NO.map((value) => ({ value })),
    tblTrangThai: TASK_STATUSES.map((value) => ({ value })),
    tblPhanCong: plan.tasks.flatMap((t) => [
      ...t.leadUnits.map((unitId) => ({ no: t.no, unitId, unitName: null, role: ROLE.lead })),
      ...t.partnerUnits.filter((id) => !t.leadUnits.includes(id)).map((unitId) => ({ no: t.no, unitId, unitName: null, role: ROLE.partner })),
    ]),
    tblMeta: [
      ['schema', AGENCY_SCHEMA], ['formatVersion', AGENCY_FORMAT_VERSION], ['planId', plan.id], ['indexVersion', index.id],
      ['unit', unit?.id ?? ''], ['year', year], ['revenueBaseYear', baseYear], ['generator', o.generator], ['generatedAt', o.generatedAt],
    ].map(([key, value]) => ({ key, value } as Row)),
  };
  if (criterionLevel && o.catalogue) {
    tables.tblThanhPhan = componentRows(index);
    tables.tblTieuChi = index.criteria.map((c) => ({
      pillar: pillarName(index, c.pillarNo), component: c.component, code: c.code, criterion: c.name, maxPoints: c.maxPoints, scoring: c.scoring ?? '', evidenceRequired: c.evidenceRequired === false ? NO : YES,
    }));
    tables.tblMeta?.push({ key: 'catalogueId', value: catalogueId(o.catalogue) });
  }
  // The headers the workbook was made with, for the tables it holds.
  tables.tblCot = (Object.keys(AGENCY_COLUMNS) as AgencyTableName[])
    .filter((table) => table === 'tblCot' || tables[table] !== undefined)
    .flatMap((table) => AGENCY_COLUMNS[table].map((key) => ({ table, key, header: HEADERS[lang][table][key] })));
  return tables;
}

function validation(v: ValidationSpec): ValidationSpec {
  return v;
}

const msgs = (lang: Lang, title: T, prompt: T, error: T) => ({
  promptTitle: tr(lang, title).slice(0, 32),
  prompt: tr(lang, prompt).slice(0, 255),
  errorTitle: tr(lang, { vi: 'Giá trị không hợp lệ', en: 'Invalid value' }),
  error: tr(lang, error).slice(0, 255),
});

const textInput = (lang: Lang, title: T, max = TEXT_MAX): ValidationSpec =>
  validation({
    type: 'textLength',
    max,
    ...msgs(lang, title, { vi: `Nhập văn bản, tối đa ${max} ký tự.`, en: `Text, at most ${max} characters.` }, { vi: `Tối đa ${max} ký tự.`, en: `At most ${max} characters.` }),
  });

/** Everything a calculated cell needs: its formula, the engine's result, its format. */
interface CalcContext {
  f: FormulaBuilder;
  results: AgencyResults;
  plan: Plan;
}

function targetCell(ctx: CalcContext, key: 'unitResult' | 'status', row: Row, i: number): CellSpec {
  const target: Target | undefined = ctx.plan.targets.find((t) => t.code === row.code);
  const result = ctx.results.targets[i];
  if (!target) return { role: 'calc', style: 'calc', value: '' };
  if (key === 'status') return { role: 'calc', style: 'calc', formula: ctx.f.targetStatus(target.rule), result: result.status };
  const percent = target.rule.kind === 'shareGrowth' || target.rule.kind === 'ratioOfSums';
  return { role: 'calc', style: 'calc', formula: ctx.f.targetUnitResult(target.rule), result: result.unitResult, numberFormat: percent ? NUMBER_FORMATS.percent : undefined };
}

/** The cell of a calculated column at data row i: shared by template creation and Tính toán. */
export function calculatedCell(ctx: CalcContext, table: AgencyTableName, key: string, row: Row, i: number): CellSpec | undefined {
  const calc = (formula: string, result: Scalar, numberFormat?: string): CellSpec => ({ role: 'calc', style: 'calc', formula, result, numberFormat });
  const { f, results } = ctx;
  switch (`${table}.${key}`) {
    case 'tblThongTin.value':
      return row.key === 'unitType' ? calc(f.unitType(), results.unitType) : undefined;
    case 'tblMucTieu.unitResult':
    case 'tblMucTieu.status':
      return targetCell(ctx, key as 'unitResult' | 'status', row, i);
    case 'tblNhiemVu.role':
      return calc(f.taskRole(), results.tasks[i].role);
    case 'tblNhiemVu.due':
      return calc(f.taskDue(), results.tasks[i].due, NUMBER_FORMATS.date);
    case 'tblNhiemVu.timeliness':
      return calc(f.taskTimeliness(), results.tasks[i].timeliness);
    case 'tblChiSo.validPoints':
      return calc(f.validPoints(), results.validPoints[i], NUMBER_FORMATS.points);
    case 'tblTruCot.points':
      return calc(f.pillarPoints(), results.pillars[i].points, NUMBER_FORMATS.points);
    case 'tblTruCot.percent':
      return calc(f.pillarPercent(), results.pillars[i].percent, NUMBER_FORMATS.percent);
    case 'tblThanhPhan.points':
      return calc(f.componentPoints(), results.components[i]?.points ?? 0, NUMBER_FORMATS.points);
    case 'tblThanhPhan.percent':
      return calc(f.componentPercent(), results.components[i]?.percent ?? '', NUMBER_FORMATS.percent);
    case 'tblPhanCong.unitName':
      return calc(f.assignmentUnitName(), results.unitNames[i]);
    default:
      return undefined;
  }
}

interface ColumnDef {
  role: ColumnSpec['role'];
  width: number;
  numberFormat?: string;
  wrap?: boolean;
  validation?: ValidationSpec;
}

function columnDefs(o: AgencyTemplateOptions): { [K in AgencyTableName]: Record<string, ColumnDef> } {
  const { lang } = o;
  const fixed = (width: number, wrap = false, numberFormat?: string): ColumnDef => ({ role: 'fixed', width, wrap, numberFormat });
  const input = (width: number, validation?: ValidationSpec, numberFormat?: string, wrap = true): ColumnDef => ({ role: 'input', width, validation, numberFormat, wrap });
  const calc = (width: number, numberFormat?: string): ColumnDef => ({ role: 'calc', width, numberFormat, wrap: true });
  const evidence = textInput(lang, { vi: 'Minh chứng', en: 'Evidence' });
  const note = textInput(lang, { vi: 'Ghi chú', en: 'Note' });
  return {
    tblThongTin: { key: fixed(12), label: fixed(28), value: input(42, undefined, undefined, false) },
    tblChiTieu: { code: fixed(8), indicator: fixed(50, true), unit: fixed(12), value: input(14), evidence: input(40, evidence), note: input(30, note) },
    tblMucTieu: {
      code: fixed(9), target: fixed(60, true), year: fixed(7), threshold: fixed(10, false, NUMBER_FORMATS.percent), rule: fixed(36, true),
      unitResult: calc(14), status: calc(16),
    },
    tblNhiemVu: {
      no: fixed(5), task: fixed(50, true), lead: fixed(28, true), partners: fixed(28, true), timeframe: fixed(16, true), role: calc(11),
      status: input(
        16,
        validation({
          type: 'list',
          source: `=${NAMES.taskStatusList}`,
          ...msgs(lang, { vi: 'Tình trạng', en: 'Status' }, { vi: 'Chọn tình trạng thực hiện nhiệm vụ từ danh sách.', en: 'Pick the task status from the list.' }, { vi: 'Chỉ chọn tình trạng có trong danh sách (trang Danh mục).', en: 'Pick a status from the list (Lists sheet).' }),
        }),
      ),
      progress: input(
        10,
        validation({
          type: 'decimal', min: 0, max: 1,
          ...msgs(lang, { vi: 'Tiến độ (%)', en: 'Progress (%)' }, { vi: 'Nhập tiến độ từ 0% đến 100%, ví dụ 50 hoặc 50%.', en: 'Enter progress from 0% to 100%, e.g. 50 or 50%.' }, { vi: 'Tiến độ phải từ 0% đến 100%.', en: 'Progress must be from 0% to 100%.' }),
        }),
        NUMBER_FORMATS.wholePercent,
        false,
      ),
      result: input(36, textInput(lang, { vi: 'Kết quả', en: 'Result' })), evidence: input(30, evidence),
      difficulties: input(30, textInput(lang, { vi: 'Khó khăn', en: 'Difficulties' })), proposals: input(30, textInput(lang, { vi: 'Đề xuất', en: 'Proposals' })),
      due: calc(12, NUMBER_FORMATS.date), timeliness: calc(16),
    },
    tblChiSo: {
      pillar: fixed(30, true), component: fixed(20, true), code: fixed(8), criterion: fixed(36, true), maxPoints: fixed(10, false, NUMBER_FORMATS.points),
      selfPoints: input(12, undefined, NUMBER_FORMATS.points, false), evidence: input(36, evidence), note: input(24, note), validPoints: calc(10, NUMBER_FORMATS.points),
    },
    tblTruCot: { pillar: fixed(34, true), maxPoints: fixed(10, false, NUMBER_FORMATS.points), points: calc(10, NUMBER_FORMATS.points), percent: calc(10, NUMBER_FORMATS.percent) },
    tblDonVi: { id: fixed(9), name: fixed(36, true), type: fixed(24), group: fixed(18) },
    tblMucDo: { level: fixed(6), name: fixed(14), minScore: fixed(12), verified: fixed(10), note: fixed(40, true) },
    tblCoKhong: { value: fixed(14) },
    tblTrangThai: { value: fixed(18) },
    tblPhanCong: { no: fixed(10), unitId: fixed(10), unitName: calc(34), role: fixed(10) },
    tblMeta: { key: fixed(16), value: fixed(30) },
    tblCot: { table: fixed(14), key: fixed(14), header: fixed(24) },
    tblThanhPhan: { pillar: fixed(34, true), component: fixed(30, true), maxPoints: fixed(10, false, NUMBER_FORMATS.points), points: calc(10, NUMBER_FORMATS.points), percent: calc(10, NUMBER_FORMATS.percent) },
    tblTieuChi: { pillar: fixed(30, true), component: fixed(28, true), code: fixed(9), criterion: fixed(48, true), maxPoints: fixed(10, false, NUMBER_FORMATS.points), scoring: fixed(36, true), evidenceRequired: fixed(11) },
    tblKhongAnhXa: { fromVersion: fixed(14), table: fixed(12), code: fixed(10), item: fixed(40, true), field: fixed(14), value: fixed(40, true) },
  };
}

/** Validation of a Thông tin value or an indicator value, which differs from row to row. */
function rowValidation(o: AgencyTemplateOptions, table: AgencyTableName, row: Row): { validation?: ValidationSpec; numberFormat?: string; role?: 'fixed' | 'calc' } {
  const { lang, year } = o;
  if (table === 'tblThongTin') {
    const date = (min: number, max: number, what: T): ValidationSpec => ({
      type: 'date', min, max,
      ...msgs(lang, what, { vi: `Nhập ngày dạng dd/mm/yyyy, từ ${formatSerial(min)} đến ${formatSerial(max)}.`, en: `A date dd/mm/yyyy from ${formatSerial(min)} to ${formatSerial(max)}.` },
        { vi: `Ngày phải từ ${formatSerial(min)} đến ${formatSerial(max)}.`, en: `The date must be from ${formatSerial(min)} to ${formatSerial(max)}.` }),
    });
    switch (row.key) {
      case 'unit':
        return { validation: { type: 'list', source: `=${NAMES.unitList}`, ...msgs(lang, { vi: 'Đơn vị báo cáo', en: 'Reporting unit' }, { vi: 'Chọn đơn vị từ danh sách (trang Danh mục).', en: 'Pick the unit from the list (Lists sheet).' }, { vi: 'Chỉ chọn đơn vị có trong danh sách.', en: 'Pick a unit from the list.' }) } };
      case 'unitType':
        return { role: 'calc' };
      case 'year':
        return { role: 'fixed' };
      case 'periodFrom':
        return { validation: date(dateSerial(year - 1, 1, 1), dateSerial(year, 12, 31), { vi: 'Số liệu từ ngày', en: 'Data from' }), numberFormat: NUMBER_FORMATS.date };
      case 'periodTo':
        return { validation: date(dateSerial(year, 1, 1), dateSerial(year, 12, 31), { vi: 'Số liệu đến ngày', en: 'Data to' }), numberFormat: NUMBER_FORMATS.date };
      case 'submittedOn':
        return { validation: date(dateSerial(year, 1, 1), dateSerial(year + 1, 12, 31), { vi: 'Ngày gửi báo cáo', en: 'Submitted on' }), numberFormat: NUMBER_FORMATS.date };
      case 'phone':
        return { validation: textInput(lang, { vi: 'Số điện thoại', en: 'Phone' }, 20) };
      default:
        return { validation: textInput(lang, { vi: String(INFO_LABELS.vi[String(row.key)] ?? ''), en: String(INFO_LABELS.en[String(row.key)] ?? '') }, 100) };
    }
  }
  if (table === 'tblChiTieu') {
    const indicator = o.plan.indicators.find((i) => i.code === row.code);
    if (!indicator) return {};
    const title = { vi: indicator.code, en: indicator.code };
    switch (indicator.kind) {
      case 'yesNo':
        return { validation: { type: 'list', source: `=${NAMES.yesNoList}`, ...msgs(lang, title, { vi: `Chọn ${YES} hoặc ${NO}.`, en: `Pick ${YES} (yes) or ${NO} (no).` }, { vi: `Chỉ chọn ${YES} hoặc ${NO}.`, en: `Pick ${YES} or ${NO}.` }) } };
      case 'integer':
        return { validation: { type: 'whole', min: indicator.min ?? 0, ...msgs(lang, title, { vi: `Nhập số nguyên không âm (${indicator.unit}).`, en: `A whole number ≥ 0 (${indicator.unit}).` }, { vi: 'Phải là số nguyên không âm.', en: 'Must be a whole number ≥ 0.' }) }, numberFormat: NUMBER_FORMATS.integer };
      case 'decimal':
        return { validation: { type: 'decimal', min: indicator.min ?? 0, ...msgs(lang, title, { vi: `Nhập số không âm (${indicator.unit}).`, en: `A number ≥ 0 (${indicator.unit}).` }, { vi: 'Phải là số không âm.', en: 'Must be a number ≥ 0.' }) }, numberFormat: NUMBER_FORMATS.decimal };
      case 'level':
        return { validation: { type: 'whole', min: indicator.min ?? 1, max: indicator.max ?? 5, ...msgs(lang, title, { vi: `Nhập cấp độ từ ${indicator.min} đến ${indicator.max}.`, en: `A level from ${indicator.min} to ${indicator.max}.` }, { vi: `Cấp độ phải là số nguyên từ ${indicator.min} đến ${indicator.max}.`, en: `The level must be a whole number from ${indicator.min} to ${indicator.max}.` }) } };
    }
  }
  if (table === 'tblChiSo') {
    const max = typeof row.maxPoints === 'number' ? row.maxPoints : 0;
    return {
      validation: {
        type: 'decimal', min: 0, max,
        ...msgs(lang, { vi: 'Điểm tự đánh giá', en: 'Self-assessed points' }, { vi: `Nhập điểm từ 0 đến ${max}; kèm minh chứng.`, en: `Points from 0 to ${max}, with evidence.` }, { vi: `Điểm phải từ 0 đến ${max}.`, en: `Points must be from 0 to ${max}.` }),
      },
    };
  }
  return {};
}

function buildTable(o: AgencyTemplateOptions, ctx: CalcContext, table: AgencyTableName, data: Row[]): TableSpec {
  const defs = columnDefs(o)[table];
  const keys = AGENCY_COLUMNS[table];
  const columns: ColumnSpec[] = keys.map((key) => ({ key, header: HEADERS[o.lang][table][key], ...defs[key] }));
  const rows = data.map((row, i) =>
    columns.map((c): CellSpec => {
      const calc = calculatedCell(ctx, table, c.key, row, i);
      if (calc) return calc;
      const special = c.key === 'value' || c.key === 'selfPoints' ? rowValidation(o, table, row) : {};
      const role = special.role ?? c.role;
      const value = row[c.key] ?? null;
      return {
        role,
        style: role,
        value,
        numberFormat: special.numberFormat ?? c.numberFormat,
        validation: role === 'input' ? special.validation ?? c.validation : undefined,
        wrap: c.wrap,
      };
    }),
  );
  return { name: table, row: LAYOUT[table].row, col: LAYOUT[table].col, columns, rows };
}

const text = (row: number, col: number, value: string, style: CellSpec['style'], mergeToCol?: number): LooseCell => ({
  row,
  col,
  // Merged text wraps so long notes stay inside the merged width.
  cell: { role: 'fixed', style, value, wrap: mergeToCol !== undefined && mergeToCol > col },
  mergeToCol,
});

function guideCells(o: AgencyTemplateOptions, unitName: string): LooseCell[] {
  const { lang, plan, year } = o;
  const index = effectiveIndex(o);
  const cells: LooseCell[] = [];
  let r = 1;
  const line = (value: string, style: CellSpec['style'] = undefined) => cells.push(text(r++, 1, value, style, 4));
  line(tr(lang, { vi: 'PressDX — Biểu mẫu báo cáo chuyển đổi số báo chí', en: 'PressDX — press digital-transformation report template' }), 'title');
  line(plan.title, 'subtitle');
  line(`${tr(lang, { vi: 'Đơn vị', en: 'Unit' })}: ${unitName || tr(lang, { vi: '(chọn ở trang Thông tin)', en: '(pick on the Information sheet)' })} — ${tr(lang, { vi: 'Năm báo cáo', en: 'Reporting year' })}: ${year}`);
  line(`${tr(lang, { vi: 'Bộ chỉ số', en: 'Maturity index' })}: ${index.id} (${index.decision}, ${index.issuedOn.split('-').reverse().join('/')})`);
  line(tr(lang, { vi: `Hạn gửi báo cáo: trước ngày ${plan.reportDeadline.day}/${plan.reportDeadline.month} hằng năm.`, en: `Report due before ${plan.reportDeadline.day}/${plan.reportDeadline.month} each year.` }));
  const period = dataPeriod(o);
  line(tr(lang, {
    vi: `Kỳ số liệu: từ ${formatSerial(period.from)} đến ${formatSerial(period.to)} (ngày chốt số liệu, để kịp gửi trước hạn). Đây là thiết lập khi tạo biểu mẫu (mặc định ${DEFAULT_CUTOFF.day}/${DEFAULT_CUTOFF.month}); đơn vị có thể sửa ở trang Thông tin.`,
    en: `Data period: ${formatSerial(period.from)} to ${formatSerial(period.to)} (the data cut-off, so the report can be sent before the deadline). It is a setting chosen when the template is created (default ${DEFAULT_CUTOFF.day}/${DEFAULT_CUTOFF.month}); the unit may change it on the Information sheet.`,
  }));
  r++;
  line(tr(lang, { vi: 'Cách điền', en: 'How to fill' }), 'label');
  const steps: T[] = [
    { vi: '1. Trang Thông tin: chọn đơn vị, nhập thời gian số liệu, người lập, ngày gửi.', en: '1. Information: pick the unit, the data period, the preparer and the submission date.' },
    { vi: '2. Trang Chỉ tiêu: nhập giá trị từng chỉ tiêu và minh chứng.', en: '2. Indicators: enter each value and its evidence.' },
    { vi: '3. Trang Nhiệm vụ: cập nhật tình trạng, tiến độ, kết quả các nhiệm vụ được giao.', en: '3. Tasks: update status, progress and results of the assigned tasks.' },
    { vi: '4. Trang Chỉ số: tự chấm điểm từng dòng, kèm minh chứng.', en: '4. Index: score each row, with evidence.' },
    { vi: '5. Các cột kết quả, đánh giá, mức độ tự tính; không cần nhập.', en: '5. Result, status and level columns compute themselves.' },
  ];
  steps.forEach((s) => line(tr(lang, s)));
  r++;
  line(tr(lang, { vi: 'Chú thích màu', en: 'Colour legend' }), 'label');
  cells.push(text(r++, 1, tr(lang, { vi: 'Ô nhập liệu', en: 'Input cell' }), 'input'));
  cells.push(text(r++, 1, tr(lang, { vi: 'Ô tự tính (công thức, đã khóa)', en: 'Calculated cell (formula, locked)' }), 'calc'));
  cells.push(text(r++, 1, tr(lang, { vi: 'Dữ liệu của Kế hoạch (đã khóa)', en: 'Plan data (locked)' }), 'fixed'));
  r++;
  const unverified = [
    ...(index.structureProvenance.verified ? [] : [`${index.id}: ${index.structureProvenance.note ?? ''}`]),
    ...index.pillars.filter((p) => !p.provenance.verified).map((p) => `${tr(lang, { vi: 'Điểm tối đa trụ cột', en: 'Pillar maximum' })} "${p.name}" = ${p.maxPoints}: ${p.provenance.note ?? ''}`),
    ...index.levels.filter((l) => !l.provenance.verified).map((l) => `${tr(lang, { vi: 'Ngưỡng mức', en: 'Threshold of level' })} "${l.name}" = ${l.minScore}: ${l.provenance.note ?? ''}`),
  ];
  line(tr(lang, { vi: 'Số liệu chưa xác minh', en: 'Unverified figures' }), 'label');
  if (unverified.length === 0) line(tr(lang, { vi: 'Không có.', en: 'None.' }));
  for (const u of unverified) cells.push(text(r++, 1, u, 'warning', 4));
  if (index.criteria.length === 0) {
    cells.push(text(r++, 1, tr(lang, {
      vi: `Chưa có danh mục ${index.criteriaCount ?? ''} tiêu chí của ${index.decision}: trang Chỉ số chấm điểm theo từng trụ cột.`.replace('  ', ' '),
      en: `No criteria catalogue of ${index.decision} is loaded: the Index sheet scores each pillar as a whole.`,
    }), 'warning', 4));
  } else if (o.catalogue) {
    cells.push(text(r++, 1, tr(lang, {
      vi: `Bộ tiêu chí: ${index.criteria.length} tiêu chí (${o.catalogue.source}; mã ${catalogueId(o.catalogue)}), lưu ở trang ẩn "${CATALOGUE_SHEET_NAMES.vi.catalogue}". Trang Chỉ số chấm điểm từng tiêu chí.`,
      en: `Criteria catalogue: ${index.criteria.length} criteria (${o.catalogue.source}; id ${catalogueId(o.catalogue)}), kept on the hidden sheet "${CATALOGUE_SHEET_NAMES.en.catalogue}". The Index sheet scores each criterion.`,
    }), 'note', 4));
  }
  cells.push(text(r++, 1, tr(lang, { vi: `Doanh thu năm gốc (CT5a): năm ${o.revenueBaseYear ?? year - 1} — Kế hoạch không nêu năm gốc; đây là thiết lập, có thể đổi khi tạo biểu mẫu.`, en: `Base-year revenue (CT5a): ${o.revenueBaseYear ?? year - 1} — the plan states no base year; this is a setting.` }), 'warning', 4));
  return cells;
}

/** Column widths of a sheet from the tables placed on it; gaps stay narrow. */
function widths(tables: TableSpec[], minimum: number[] = []): number[] {
  const w = [...minimum];
  for (const t of tables) t.columns.forEach((c, i) => (w[t.col - 1 + i] = Math.max(w[t.col - 1 + i] ?? 0, c.width)));
  for (let i = 0; i < w.length; i++) w[i] = w[i] ?? 3;
  return w;
}

/** The whole agency workbook as a spec, with every calculated cell's result from the engine. */
export function buildAgencyWorkbookSpec(o: AgencyTemplateOptions, todaySerial: number): WorkbookSpec {
  return buildAgencyWorkbookSpecFromTables(o, templateTables(o), todaySerial);
}

/**
 * The agency workbook over given table contents (a template's, or a migration's with the entries
 * carried over); tblThanhPhan and tblTieuChi make it criterion-level, tblKhongAnhXa adds the
 * sheet of entries a migration could not place.
 */
export function buildAgencyWorkbookSpecFromTables(o: AgencyTemplateOptions, tables: AgencyTables, todaySerial: number): WorkbookSpec {
  const results = computeAgencyResults(tables, o.plan, todaySerial);
  const headers = HEADERS[o.lang];
  const ctx: CalcContext = { f: new FormulaBuilder((t, k) => headers[t][k]), results, plan: o.plan };
  const names = SHEET_NAMES[o.lang];
  const unitName = String(tables.tblThongTin?.find((r) => r.key === 'unit')?.value ?? '');
  const t = (name: AgencyTableName) => buildTable(o, ctx, name, tables[name] ?? []);
  const header = `${unitName} — ${o.year}`;
  const print = (repeatRow: number): SheetSpec['print'] => ({ landscape: true, fitToWidth: true, repeatRows: [repeatRow, repeatRow], header });
  const title = (value: string, mergeToCol = 6): LooseCell => text(1, 1, value, 'title', mergeToCol);
  const subtitle = (value: string, mergeToCol = 6): LooseCell => text(2, 1, value, 'subtitle', mergeToCol);
  const L = o.lang;

  const info = t('tblThongTin');
  const chiTieu = t('tblChiTieu');
  const mucTieu = t('tblMucTieu');
  const nhiemVu = t('tblNhiemVu');
  const chiSo = t('tblChiSo');
  const truCot = t('tblTruCot');
  const thanhPhan = tables.tblThanhPhan && tables.tblThanhPhan.length > 0 ? t('tblThanhPhan') : undefined;
  const unmapped = tables.tblKhongAnhXa && tables.tblKhongAnhXa.length > 0 ? t('tblKhongAnhXa') : undefined;
  const listTables = (['tblDonVi', 'tblMucDo', 'tblCoKhong', 'tblTrangThai', 'tblPhanCong'] as const).map(t);
  const metaTables = [t('tblMeta'), t('tblCot')];

  const totalRow = truCot.row + truCot.rows.length + 2;
  const f = ctx.f;
  const sheets: SheetSpec[] = [
    {
      key: 'guide', name: names.guide, visible: true, tabColor: '1F4E78', columnWidths: [60, 20, 20, 20], freezeRows: 0, protect: true,
      print: { landscape: false, fitToWidth: true, header }, cells: guideCells(o, unitName), tables: [],
    },
    {
      key: 'info', name: names.info, visible: true, tabColor: 'FFC000', columnWidths: widths([info]), freezeRows: 4, protect: true, print: print(4),
      cells: [title(tr(L, { vi: 'Thông tin chung', en: 'General information' }), 3), subtitle(tr(L, { vi: 'Ô màu vàng là ô nhập liệu.', en: 'Yellow cells are input cells.' }), 3)],
      tables: [info],
    },
    {
      key: 'indicators', name: names.indicators, visible: true, tabColor: 'FFC000', columnWidths: widths([chiTieu]), freezeRows: 4, protect: true, print: print(4),
      cells: [title(tr(L, { vi: 'Chỉ tiêu của đơn vị', en: 'Unit indicators' })), subtitle(tr(L, { vi: `Số liệu năm ${o.year}; doanh thu tính bằng triệu đồng.`, en: `Figures for ${o.year}; revenue in million VND.` }))],
      tables: [chiTieu],
    },
    {
      key: 'targets', name: names.targets, visible: true, tabColor: '5B9BD5', columnWidths: widths([mucTieu]), freezeRows: 4, protect: true, print: print(4),
      cells: [title(tr(L, { vi: 'Mục tiêu của Kế hoạch', en: 'Plan targets' })), subtitle(tr(L, { vi: 'Ngưỡng là mục tiêu của tỉnh; cột Đánh giá cho biết đơn vị đã đáp ứng điều kiện hay chưa.', en: "Thresholds are the province's; Status tells whether this unit meets the condition." }))],
      tables: [mucTieu],
    },
    {
      key: 'tasks', name: names.tasks, visible: true, tabColor: 'FFC000', columnWidths: widths([nhiemVu]), freezeRows: 4, protect: true, print: print(4),
      cells: [title(tr(L, { vi: 'Nhiệm vụ được phân công (Phụ lục của Kế hoạch)', en: 'Assigned tasks (annex of the plan)' })), subtitle(tr(L, { vi: 'Cập nhật tình trạng, tiến độ, kết quả các nhiệm vụ đơn vị chủ trì hoặc phối hợp.', en: 'Update the tasks the unit leads or partners in.' }))],
      tables: [nhiemVu],
    },
    {
      key: 'index', name: names.index, visible: true, tabColor: 'FFC000', columnWidths: widths([chiSo, truCot]), freezeRows: 4, protect: true, print: print(4),
      cells: [
        title(tr(L, { vi: `Tự đánh giá mức độ trưởng thành chuyển đổi số báo chí — ${o.index.decision}`, en: `Maturity self-assessment — ${o.index.decision}` }), 9),
        subtitle(tr(L, { vi: 'Điểm ngoài khoảng 0 đến điểm tối đa không được tính; mức độ chỉ xếp khi mọi dòng đã chấm.', en: 'Points outside 0..max do not count; the level is set once every row is scored.' }), 9),
        text(totalRow, truCot.col, tr(L, { vi: 'Tổng điểm', en: 'Total score' }), 'label'),
        { row: totalRow, col: truCot.col + 1, cell: { role: 'calc', style: 'total', formula: f.total(), result: results.total, numberFormat: NUMBER_FORMATS.points } },
        text(totalRow + 1, truCot.col, tr(L, { vi: 'Mức độ', en: 'Level' }), 'label'),
        { row: totalRow + 1, col: truCot.col + 1, cell: { role: 'calc', style: 'total', formula: f.level(), result: results.level } },
        ...(thanhPhan ? [text(thanhPhan.row - 1, thanhPhan.col, tr(L, { vi: 'Điểm theo chỉ số thành phần', en: 'Points by component index' }), 'label')] : []),
      ],
      tables: thanhPhan ? [chiSo, truCot, thanhPhan] : [chiSo, truCot],
    },
    {
      key: 'lists', name: names.lists, visible: true, tabColor: 'A5A5A5', columnWidths: widths(listTables), freezeRows: 3, protect: false,
      cells: [title(tr(L, { vi: 'Danh mục dùng cho các danh sách chọn (có thể sửa khi đơn vị sáp nhập, đổi tên)', en: 'Lists behind every dropdown (editable when units merge or are renamed)' }), 12)],
      tables: listTables,
    },
    { key: 'meta', name: names.meta, visible: false, columnWidths: widths(metaTables), freezeRows: 0, protect: true, cells: [], tables: metaTables },
  ];
  if (unmapped) {
    sheets.splice(sheets.length - 2, 0, {
      key: 'unmapped', name: CATALOGUE_SHEET_NAMES[L].unmapped, visible: true, tabColor: 'C00000', columnWidths: widths([unmapped]), freezeRows: unmapped.row, protect: true, print: print(unmapped.row),
      cells: [
        title(tr(L, { vi: 'Số liệu đã nhập chưa có chỗ trong biểu mẫu mới (không bị xóa)', en: 'Entries with no place in the new workbook (kept, not deleted)' })),
        subtitle(tr(L, { vi: 'Khi chuyển đổi phiên bản hoặc cách chấm, các giá trị này không khớp mã nào; hãy nhập lại vào đúng dòng nếu cần.', en: 'After migration these values matched no row; re-enter them where they belong if needed.' })),
      ],
      tables: [unmapped],
    });
  }
  const criteriaRows: AgencyTables['tblTieuChi'] = tables.tblTieuChi;
  const catalogueSheet = o.catalogue && criteriaRows && criteriaRows.length > 0 ? buildCatalogueSheet(o.catalogue, o.index, { lang: L, embedded: true }) : undefined;
  if (catalogueSheet) sheets.splice(sheets.length - 1, 0, catalogueSheet.sheet);

  const sheetName = (key: SheetKey) => names[key];
  const infoCell = (key: string) => {
    const i = (tables.tblThongTin ?? []).findIndex((r) => r.key === key);
    return absoluteAddress(sheetName('info'), info.row + 1 + i, info.col + 2);
  };
  const nameSpecs: NameSpec[] = [
    { name: NAMES.unit, refersTo: infoCell('unit') },
    { name: NAMES.unitType, refersTo: infoCell('unitType') },
    { name: NAMES.year, refersTo: infoCell('year') },
    { name: NAMES.periodFrom, refersTo: infoCell('periodFrom') },
    { name: NAMES.periodTo, refersTo: infoCell('periodTo') },
    { name: NAMES.submittedOn, refersTo: infoCell('submittedOn') },
    { name: NAMES.total, refersTo: absoluteAddress(sheetName('index'), totalRow, truCot.col + 1), comment: 'Tổng điểm tự đánh giá' },
    { name: NAMES.level, refersTo: absoluteAddress(sheetName('index'), totalRow + 1, truCot.col + 1), comment: 'Mức độ trưởng thành' },
    { name: NAMES.unitList, refersTo: f.col('tblDonVi', 'name') },
    { name: NAMES.yesNoList, refersTo: f.col('tblCoKhong', 'value') },
    { name: NAMES.taskStatusList, refersTo: f.col('tblTrangThai', 'value') },
    ...(catalogueSheet?.names ?? []),
  ];
  return { sheets, names: nameSpecs };
}
