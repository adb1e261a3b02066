import { COMPARISON_DIGITS } from '../domain/calculate';
import {
  MISMATCH_LABEL,
  NOT_SUBMITTED,
  ON_TIME_LABEL,
  OVERDUE,
  STATE_LABEL,
  TASK_NO_DATA,
  type Consolidation,
  type PreviousProvince,
  type Submission,
} from '../domain/consolidate';
import type { ReportSource } from '../domain/report-text';
import { formatSerial, type Row, type Scalar } from '../domain/values';
import { NO, ROLE, TARGET_STATUS, TASK_STATUS, YES } from '../domain/vocabulary';
import { HEADERS, SHEET_NAMES, type Lang } from './labels';
import { tableSheet } from './agency-template';
import { AGENCY_COLUMNS, type AgencyTableName } from '../domain/agency-schema';
import { buildCriteriaSheet } from './province-criteria';
import {
  agencyColumnKey,
  pillarColumnKey,
  PROVINCE_COLUMNS,
  PROVINCE_FORMAT_VERSION,
  PROVINCE_HEADERS,
  PROVINCE_META_KEYS,
  PROVINCE_SCHEMA,
  PROVINCE_SHEET_NAMES,
  REPORT_DATE_NAME,
  SECTION_LABELS,
  type ProvinceSheetKey,
  type ProvinceTableName,
} from './province-labels';
import type { TableSnapshot } from './read';
import {
  absoluteAddress,
  columnLetter,
  NUMBER_FORMATS,
  type CellSpec,
  type ChartSpec,
  type ColumnSpec,
  type LooseCell,
  type SheetSpec,
  type StyleKey,
  type TableSpec,
  type WorkbookSpec,
} from './spec';

/**
 * The province workbook (Tổng hợp) as a spec, drawn by the same renderers as the agency workbook.
 *
 * What is a formula and what is a constant: per-agency figures (each agency's status, points,
 * level, each unit's task status) are constants — they were recomputed from the agency's inputs
 * and their inputs are not in this workbook. Province-level figures that follow from other cells
 * of this workbook are live formulas with the engine's result cached: a target's value
 * (numerator ÷ denominator), attainment and status; a task's counts of lead units, mean progress,
 * overall state and overdue flag (over the long-form task table and the report date); an agency's
 * rank, share of rows scored and change from the previous year.
 */

// ---------------------------------------------------------------------------------------------
// Text from agency files

/** The first characters that make Excel, LibreOffice or a CSV importer read text as a formula or command. */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export const looksLikeFormula = (s: string): boolean => FORMULA_TRIGGER.test(s);

/**
 * The policy for text that comes from an agency file (unit names typed by users, evidence, notes,
 * results, statuses, file names, stored values): it is carried verbatim as a string `value` —
 * never as a `formula`, never coerced to a number — so "=HYPERLINK(…)" stays the characters the
 * official typed, readable and inert. Renderers store string values as text (see CellSpec.value).
 * The text is not altered (no apostrophe or space prefix): the province record must quote the
 * agency exactly.
 */
export function safeText(v: Scalar | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return v.error;
  return String(v);
}

/** A file-sourced text cell: a string value in text format ("@"), so even a live editor keeps it text. */
export const textCell = (v: Scalar | undefined, style: StyleKey = 'fixed'): CellSpec => ({ role: 'fixed', style, value: safeText(v), numberFormat: '@', wrap: true });

/** A file-sourced cell that may be a number: numbers stay numbers, anything else is text. */
const numberOrText = (v: Scalar | undefined, numberFormat?: string): CellSpec =>
  typeof v === 'number' && Number.isFinite(v) ? { role: 'fixed', style: 'fixed', value: v, numberFormat } : textCell(v);

// ---------------------------------------------------------------------------------------------
// Formulas over the province tables (invariant syntax, structured references)

const escapeColumn = (header: string) => header.replace(/(['#[\]@])/g, "'$1");
const q = (text: string) => `"${text.replace(/"/g, '""')}"`;

class ProvinceFormulas {
  constructor(private readonly lang: Lang) {}

  private header(table: ProvinceTableName, key: string): string {
    return (PROVINCE_HEADERS[this.lang][table] as Record<string, string>)[key];
  }

  col(table: ProvinceTableName, key: string): string {
    return `${table}[${escapeColumn(this.header(table, key))}]`;
  }

  me(table: ProvinceTableName, key: string): string {
    return `${table}[[#This Row],[${escapeColumn(this.header(table, key))}]]`;
  }

  /** Guarded a ÷ b: blank unless both are numbers and b > 0. */
  ratio(a: string, b: string): string {
    return `=IFERROR(IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),IF(${b}>0,${a}/${b},""),""),"")`;
  }

  targetValue(): string {
    return this.ratio(this.me('tblTHMucTieu', 'numerator'), this.me('tblTHMucTieu', 'denominator'));
  }

  targetAttainment(): string {
    return this.ratio(this.me('tblTHMucTieu', 'value'), this.me('tblTHMucTieu', 'threshold'));
  }

  targetStatus(): string {
    const v = this.me('tblTHMucTieu', 'value');
    return `=IF(ISNUMBER(${v}),IF(ROUND(${v},${COMPARISON_DIGITS})>=${this.me('tblTHMucTieu', 'threshold')},${q(TARGET_STATUS.met)},${q(TARGET_STATUS.notMet)}),${q(TARGET_STATUS.noData)})`;
  }

  /** COUNTIFS over the lead rows of this task in the long-form table, with extra criteria. */
  private leadCount(extra: Array<[string, string]>): string {
    const dv = (k: string) => this.col('tblTHNhiemVuDV', k);
    const criteria = [`${dv('no')},${this.me('tblTHNhiemVu', 'no')}`, `${dv('role')},${q(ROLE.lead)}`, ...extra.map(([k, v]) => `${dv(k)},${q(v)}`)];
    return `COUNTIFS(${criteria.join(',')})`;
  }

  leadsReported(): string {
    return `=${this.leadCount([['reported', YES]])}`;
  }

  leadsDone(): string {
    return `=${this.leadCount([['status', TASK_STATUS.done]])}`;
  }

  taskProgress(): string {
    const dv = (k: string) => this.col('tblTHNhiemVuDV', k);
    return `=IFERROR(AVERAGEIFS(${dv('progress')},${dv('no')},${this.me('tblTHNhiemVu', 'no')},${dv('role')},${q(ROLE.lead)}),"")`;
  }

  /** Twin of taskState in the domain: done only when every lead unit reports Hoàn thành. */
  taskState(): string {
    const me = (k: string) => this.me('tblTHNhiemVu', k);
    const c = (s: string) => this.leadCount([['status', s]]);
    return (
      `=IF(${me('leads')}=0,"",IF(${me('leadsDone')}=${me('leads')},${q(TASK_STATUS.done)},` +
      `IF(${c(TASK_STATUS.inProgress)}+${me('leadsDone')}>0,${q(TASK_STATUS.inProgress)},` +
      `IF(${c(TASK_STATUS.paused)}>0,${q(TASK_STATUS.paused)},IF(${c(TASK_STATUS.notStarted)}>0,${q(TASK_STATUS.notStarted)},${q(TASK_NO_DATA)})))))`
    );
  }

  taskOverdue(): string {
    const me = (k: string) => this.me('tblTHNhiemVu', k);
    return `=IF(AND(ISNUMBER(${me('due')}),${me('state')}<>${q(TASK_STATUS.done)}),IF(${REPORT_DATE_NAME}>${me('due')},${q(OVERDUE)},""),"")`;
  }

  rank(): string {
    const total = this.me('tblTHChiSo', 'total');
    return `=IF(ISNUMBER(${total}),RANK(${total},${this.col('tblTHChiSo', 'total')},0),"")`;
  }

  completeness(): string {
    return this.ratio(this.me('tblTHChiSo', 'scoredRows'), this.me('tblTHChiSo', 'rows'));
  }

  change(): string {
    const t = this.me('tblTHChiSo', 'total');
    const p = this.me('tblTHChiSo', 'previousTotal');
    return `=IF(AND(ISNUMBER(${t}),ISNUMBER(${p})),${t}-${p},"")`;
  }
}

// ---------------------------------------------------------------------------------------------
// Building blocks

interface Col {
  key: string;
  header: string;
  role: ColumnSpec['role'];
  width: number;
  numberFormat?: string;
  wrap?: boolean;
}

const fixed = (v: Scalar, numberFormat?: string, style: StyleKey = 'fixed'): CellSpec => ({ role: 'fixed', style, value: v, numberFormat });
const calc = (formula: string, result: Scalar, numberFormat?: string): CellSpec => ({ role: 'calc', style: 'calc', formula, result, numberFormat });
const orBlank = (v: number | null | undefined): Scalar => (v === null || v === undefined ? null : v);

/** Headers must be unique within a table (case-insensitive); a clash gets a numbered suffix. */
function uniqueHeaders(cols: Col[]): Col[] {
  const seen = new Set<string>();
  return cols.map((c) => {
    let h = c.header;
    for (let n = 2; seen.has(h.toLocaleLowerCase('vi')); n++) h = `${c.header} (${n})`;
    seen.add(h.toLocaleLowerCase('vi'));
    return { ...c, header: h };
  });
}

function table(name: ProvinceTableName, row: number, col: number, cols: Col[], rows: CellSpec[][]): TableSpec {
  const columns: ColumnSpec[] = uniqueHeaders(cols).map((c) => ({ key: c.key, header: c.header, role: c.role, width: c.width, numberFormat: c.numberFormat, wrap: c.wrap }));
  // Cells inherit their column's format and wrapping unless they set their own.
  const filled = rows.map((r) => r.map((cell, j) => ({ ...cell, numberFormat: cell.numberFormat ?? columns[j].numberFormat, wrap: cell.wrap ?? columns[j].wrap })));
  return { name, row, col, columns, rows: filled };
}

function widths(tables: TableSpec[], minimum: number[] = []): number[] {
  const w = [...minimum];
  for (const t of tables) t.columns.forEach((c, i) => (w[t.col - 1 + i] = Math.max(w[t.col - 1 + i] ?? 0, c.width)));
  for (let i = 0; i < w.length; i++) w[i] = w[i] ?? 3;
  return w;
}

const looseText = (row: number, col: number, value: string, style: StyleKey, mergeToCol?: number): LooseCell => ({ row, col, cell: { role: 'fixed', style, value }, mergeToCol });

// ---------------------------------------------------------------------------------------------

const isAgencyTable = (t: string): t is AgencyTableName => t in AGENCY_COLUMNS;
/** The named result cells (outside tables) by their captions on the Chỉ số sheet. */
const NAMED_CAPTION: Record<Lang, Record<string, string>> = { vi: { TongDiem: 'Tổng điểm', MucDo: 'Mức độ' }, en: { TongDiem: 'Total score', MucDo: 'Level' } };

/** The sheet each report section's figures come from: people read the sheet's name, not the table's. */
export const SOURCE_SHEET: Record<ReportSource, ProvinceSheetKey> = {
  sources: 'sources',
  targets: 'targets',
  tasks: 'tasks',
  index: 'index',
  mismatches: 'mismatches',
};

/** The province workbook: report sentences, targets, tasks, index, sources, mismatches, meta. */
export function buildProvinceWorkbookSpec(c: Consolidation, lang: Lang = 'vi'): WorkbookSpec {
  const H = PROVINCE_HEADERS[lang];
  const f = new ProvinceFormulas(lang);
  const names = PROVINCE_SHEET_NAMES[lang];
  const tr = (t: { vi: string; en: string }) => t[lang];
  const plan = c.plan;
  const TOP = 4;
  const cols = <T extends ProvinceTableName>(t: T, spec: Record<(typeof PROVINCE_COLUMNS)[T][number], Omit<Col, 'key' | 'header'>>): Col[] =>
    (PROVINCE_COLUMNS[t] as readonly string[]).map((key) => ({ key, header: (H[t] as Record<string, string>)[key], ...(spec as Record<string, Omit<Col, 'key' | 'header'>>)[key] }));
  const F = (width: number, numberFormat?: string, wrap = false): Omit<Col, 'key' | 'header'> => ({ role: 'fixed', width, numberFormat, wrap });
  const C = (width: number, numberFormat?: string): Omit<Col, 'key' | 'header'> => ({ role: 'calc', width, numberFormat });
  const press = c.indexRows.map((r) => ({ id: r.unitId, name: r.unitName }));

  // Tổng hợp mục tiêu.
  const targetCols = [
    ...cols('tblTHMucTieu', {
      code: F(9), target: F(50, undefined, true), year: F(7), threshold: F(9, NUMBER_FORMATS.percent), rule: F(30, undefined, true),
      expected: F(11, NUMBER_FORMATS.integer), reported: F(11, NUMBER_FORMATS.integer), meeting: F(10, NUMBER_FORMATS.integer),
      missing: F(28, undefined, true), numerator: F(10, NUMBER_FORMATS.decimal), denominator: F(10, NUMBER_FORMATS.decimal),
      value: C(12, NUMBER_FORMATS.percent), attainment: C(12, NUMBER_FORMATS.percent), status: C(14),
    }),
    ...press.map((p): Col => ({ key: agencyColumnKey(p.id), header: p.name, role: 'fixed', width: 20, wrap: true })),
  ];
  const missingText = (s: Consolidation['targets'][number]) =>
    s.missing.map((m) => `${m.unitName} (${m.why === 'notSubmitted' ? tr({ vi: 'chưa gửi báo cáo', en: 'no report' }) : tr({ vi: 'chưa nhập số liệu', en: 'input blank' })})`).join('; ');
  const targetsTable = table('tblTHMucTieu', TOP, 1, targetCols, c.targets.map((s) => [
    fixed(s.target.code), fixed(s.target.text), fixed(s.target.year), fixed(s.target.threshold), fixed(lang === 'vi' ? s.target.ruleText : s.target.ruleTextEn),
    fixed(s.expected), fixed(s.reported), fixed(s.meeting), fixed(missingText(s), undefined, s.missing.length > 0 ? 'warning' : 'fixed'),
    fixed(orBlank(s.numerator)), fixed(orBlank(s.denominator)),
    calc(f.targetValue(), s.value ?? ''), calc(f.targetAttainment(), s.attainment ?? ''), calc(f.targetStatus(), s.status),
    ...s.agencies.map((a) => fixed(a.resultText ? `${a.status} (${a.resultText})` : a.status, '@', a.status === NOT_SUBMITTED ? 'warning' : 'fixed')),
  ]));

  // Nhiệm vụ theo đơn vị (long form): one row per task and assigned unit.
  const unitRows = c.tasks.flatMap((t) => t.units);
  const taskUnitsTable = table('tblTHNhiemVuDV', TOP, 1, cols('tblTHNhiemVuDV', {
    no: F(8), unitId: F(9), unit: F(30, undefined, true), role: F(10), reported: F(9), status: F(16), progress: F(9, NUMBER_FORMATS.wholePercent),
    result: F(36, undefined, true), evidence: F(30, undefined, true), difficulties: F(30, undefined, true), proposals: F(30, undefined, true),
    timeliness: F(14), file: F(28, undefined, true),
  }), unitRows.map((u) => [
    fixed(u.no), fixed(u.unitId), fixed(u.unitName), fixed(u.role), fixed(u.reported ? YES : NO, undefined, u.reported ? 'fixed' : 'warning'),
    u.reported ? textCell(u.status) : fixed(NOT_SUBMITTED, undefined, 'warning'), numberOrText(u.progress, NUMBER_FORMATS.wholePercent),
    textCell(u.result), textCell(u.evidence), textCell(u.difficulties), textCell(u.proposals), fixed(u.timeliness), textCell(u.fileName),
  ]));

  // Tổng hợp nhiệm vụ: one row per task of the plan.
  const tasksTable = table('tblTHNhiemVu', TOP, 1, cols('tblTHNhiemVu', {
    no: F(5), task: F(50, undefined, true), lead: F(28, undefined, true), partners: F(28, undefined, true), timeframe: F(16, undefined, true),
    due: F(12, NUMBER_FORMATS.date), leads: F(10, NUMBER_FORMATS.integer), leadsReported: C(11, NUMBER_FORMATS.integer),
    leadsDone: C(11, NUMBER_FORMATS.integer), progress: C(11, NUMBER_FORMATS.percent), state: C(16), overdue: C(10),
  }), c.tasks.map((t) => [
    fixed(t.task.no), fixed(t.task.content), fixed(t.task.leadText), fixed(t.task.partnersText), fixed(t.task.timeframe),
    fixed(orBlank(t.due)), fixed(t.leads), calc(f.leadsReported(), t.leadsReported), calc(f.leadsDone(), t.leadsDone),
    calc(f.taskProgress(), t.progress ?? ''), calc(f.taskState(), t.state), calc(f.taskOverdue(), t.overdue ? OVERDUE : ''),
  ]));

  // Tổng hợp chỉ số: one row per press agency; pillar columns after the version.
  const indexFixed = cols('tblTHChiSo', {
    unitId: F(9), unit: F(30, undefined, true), indexVersion: F(12), total: F(10, NUMBER_FORMATS.points), level: F(18, undefined, true),
    rank: C(9, NUMBER_FORMATS.integer), scoredRows: F(9, NUMBER_FORMATS.integer), rows: F(8, NUMBER_FORMATS.integer),
    completeness: C(11, NUMBER_FORMATS.percent), previousTotal: F(11, NUMBER_FORMATS.points), previousLevel: F(14), change: C(12, '+0.00;-0.00;0.00'),
    catalogueId: F(20, undefined, true), comparison: F(44, undefined, true),
  });
  const pillarCols: Col[] = c.index.pillars.map((p) => ({ key: pillarColumnKey(p.no), header: `${p.name} (${p.maxPoints})`, role: 'fixed', width: 14, numberFormat: NUMBER_FORMATS.points, wrap: true }));
  const indexCols = [...indexFixed.slice(0, 3), ...pillarCols, ...indexFixed.slice(3)];
  const indexTable = table('tblTHChiSo', TOP, 1, indexCols, c.indexRows.map((r) => [
    fixed(r.unitId), fixed(r.unitName), fixed(r.indexVersion),
    ...r.pillarPoints.map((p) => fixed(orBlank(p))),
    fixed(orBlank(r.total)), fixed(r.level, undefined, r.reported ? 'fixed' : 'warning'), calc(f.rank(), orBlank(r.rank) ?? ''),
    fixed(orBlank(r.scoredRows)), fixed(orBlank(r.rows)), calc(f.completeness(), r.completeness ?? ''),
    fixed(orBlank(r.previousTotal)), textCell(r.previousLevel), calc(f.change(), r.change ?? ''),
    textCell(r.catalogueId), fixed(comparisonText(r, c, lang), undefined, r.comparableOn === 'pillarsAndTotal' ? 'warning' : 'fixed'),
  ]));

  // Nguồn dữ liệu.
  const sourcesTable = table('tblNguon', TOP, 1, cols('tblNguon', {
    file: F(30, undefined, true), sha256: F(20, undefined, true), sizeBytes: F(11, NUMBER_FORMATS.integer), unitId: F(9), unit: F(28, undefined, true),
    year: F(7), formatVersion: F(9), indexVersion: F(12), generatedAt: F(20), submittedOn: F(12, NUMBER_FORMATS.date), onTime: F(12),
    errors: F(8, NUMBER_FORMATS.integer), warnings: F(9, NUMBER_FORMATS.integer), mismatches: F(9, NUMBER_FORMATS.integer), state: F(12), reason: F(50, undefined, true),
  }), c.sources.map((s) => [
    textCell(s.fileName), fixed(s.sha256), fixed(s.sizeBytes), fixed(s.unitId ?? ''), textCell(s.unitName), numberOrText(s.year), numberOrText(s.formatVersion),
    textCell(s.indexVersion), textCell(s.generatedAt), fixed(orBlank(s.submittedOn)), fixed(ON_TIME_LABEL[s.onTime], undefined, s.onTime === 'late' ? 'warning' : 'fixed'),
    fixed(s.errors), fixed(s.warnings), fixed(s.mismatches), fixed(STATE_LABEL[s.state], undefined, s.state === 'included' ? 'fixed' : 'warning'),
    textCell(lang === 'vi' ? s.reasonVi : s.reasonEn),
  ]));

  // Sai lệch: stored values come from the files, so they are text unless numbers.
  const agencySheets = SHEET_NAMES[lang];
  const mismatchSheet = (t: string) => {
    const key = isAgencyTable(t) ? tableSheet(t) : 'index';
    // Every calculated table sits on a sheet of the template; the catalogue's own sheets hold none.
    return key in agencySheets ? agencySheets[key as keyof typeof agencySheets] : agencySheets.index;
  };
  const mismatchColumn = (t: string, key: string) => (isAgencyTable(t) ? (HEADERS[lang][t] as Record<string, string>)[key] ?? key : NAMED_CAPTION[lang][key] ?? key);
  const mismatchTable = table('tblSaiLech', TOP, 1, cols('tblSaiLech', {
    file: F(30, undefined, true), unitId: F(9), unit: F(28, undefined, true), table: F(13), key: F(12), row: F(6), rowKey: F(14, undefined, true),
    stored: F(18, undefined, true), recomputed: F(18, undefined, true), kind: F(34, undefined, true),
  }), c.mismatches.map((m) => [
    // Where the cell is in the agency's workbook, in its words: the sheet and the column header.
    textCell(m.fileName), fixed(m.unitId), fixed(m.unitName), fixed(mismatchSheet(m.table)), fixed(mismatchColumn(m.table, m.key)), fixed(m.row), textCell(m.rowKey),
    numberOrText(m.stored), numberOrText(m.recomputed), fixed(MISMATCH_LABEL[m.kind]),
  ]));

  // Báo cáo: the report date sits above the sentences, named for the overdue formulas.
  const reportTop = 5;
  const reportTable = table('tblBaoCao', reportTop, 1, cols('tblBaoCao', {
    no: F(5), section: F(18), sentence: F(100, undefined, true), sourceTable: F(14), sourceKey: F(14, undefined, true),
  }), c.sentences.map((s, i) => [
    fixed(i + 1), fixed(SECTION_LABELS[lang][s.section] ?? s.section), textCell(s.text), fixed(names[SOURCE_SHEET[s.section]]), textCell(s.sourceKey),
  ]));

  // Meta and column keys.
  const metaValues: Record<(typeof PROVINCE_META_KEYS)[number], Scalar> = {
    schema: PROVINCE_SCHEMA, formatVersion: PROVINCE_FORMAT_VERSION, planId: plan.id, year: c.year, reportDate: c.reportDate, deadline: c.deadlineSerial,
    indexVersion: c.index.id, previousYear: c.previousYear ?? '', sourcesUsed: c.sources.filter((s) => s.state === 'included').length,
    sourcesTotal: c.sources.length, seal: c.seal, generator: c.generator, generatedAt: c.generatedAt,
  };
  const metaTable = table('tblMeta', 1, 1, cols('tblMeta', { key: F(16), value: F(40) }), PROVINCE_META_KEYS.map((k) => [fixed(k), fixed(metaValues[k])]));
  const described = [targetsTable, tasksTable, taskUnitsTable, indexTable, sourcesTable, mismatchTable, reportTable, metaTable];
  const cotRows = described.flatMap((t) => t.columns.map((col) => [fixed(t.name), fixed(col.key), fixed(col.header)]));
  const cotTable = table('tblCot', 1, 4, cols('tblCot', { table: F(16), key: F(16), header: F(30) }), [
    ...cotRows,
    ...(PROVINCE_COLUMNS.tblCot as readonly string[]).map((k) => [fixed('tblCot'), fixed(k), fixed((H.tblCot as Record<string, string>)[k])]),
  ]);

  const header = `${plan.province} — ${tr({ vi: 'Tổng hợp chuyển đổi số báo chí năm', en: 'Press digital transformation, consolidated' })} ${c.year}`;
  const print = (row: number): SheetSpec['print'] => ({ landscape: true, fitToWidth: true, repeatRows: [row, row], header });
  const titles = (title: string, subtitle: string, mergeToCol = 8): LooseCell[] => [looseText(1, 1, title, 'title', mergeToCol), looseText(2, 1, subtitle, 'subtitle', mergeToCol)];
  const asOf = formatSerial(c.reportDate);
  const sheet = (key: ProvinceSheetKey, tables: TableSpec[], cells: LooseCell[], freezeRows: number, tabColor: string): SheetSpec => ({
    key, name: names[key], visible: true, tabColor, columnWidths: widths(tables), freezeRows, protect: true, print: print(freezeRows), cells, tables,
  });

  const sheets: SheetSpec[] = [
    sheet('report', [reportTable], [
      ...titles(tr({ vi: `Báo cáo kết quả chuyển đổi số báo chí năm ${c.year}`, en: `Press digital transformation report ${c.year}` }), plan.title, 5),
      looseText(3, 1, tr({ vi: 'Ngày báo cáo', en: 'Report date' }), 'label'),
      { row: 3, col: 2, cell: { role: 'fixed', style: 'fixed', value: c.reportDate, numberFormat: NUMBER_FORMATS.date } },
      looseText(3, 3, tr({ vi: 'Các câu dưới đây sinh từ số liệu các bảng tổng hợp; cột Bảng nguồn và Dòng nguồn chỉ nơi lấy số liệu.', en: 'Sentences generated from the tables; Source table and Source row show where each figure comes from.' }), 'note'),
    ], reportTop, '1F4E78'),
    sheet('targets', [targetsTable], titles(
      tr({ vi: 'Tổng hợp mục tiêu của Kế hoạch', en: 'Plan targets, consolidated' }),
      tr({ vi: `Tỷ lệ tính trên ${press.length} cơ quan báo chí của Kế hoạch; cơ quan chưa gửi báo cáo hoặc chưa nhập số liệu được tính là chưa đạt. Mục tiêu dạng tỷ số cộng tử số và mẫu số của các cơ quan.`, en: `Shares are over the plan's ${press.length} press agencies; one without a report or data counts as not meeting. Ratio targets sum numerators and denominators.` }),
    ), TOP, '5B9BD5'),
    sheet('tasks', [tasksTable], titles(
      tr({ vi: 'Tổng hợp thực hiện nhiệm vụ (Phụ lục của Kế hoạch)', en: 'Tasks of the plan, consolidated' }),
      tr({ vi: `Nhiệm vụ hoàn thành khi mọi đơn vị chủ trì báo cáo Hoàn thành; quá hạn tính đến ngày ${asOf}.`, en: `A task is done when every lead unit reports done; overdue as of ${asOf}.` }),
    ), TOP, '5B9BD5'),
    sheet('taskUnits', [taskUnitsTable], titles(
      tr({ vi: 'Tình hình thực hiện nhiệm vụ theo từng đơn vị', en: 'Task progress by unit' }),
      tr({ vi: 'Nội dung do đơn vị nhập được giữ nguyên văn.', en: 'Text entered by the units is kept verbatim.' }),
    ), TOP, '5B9BD5'),
    sheet('index', [indexTable], titles(
      tr({ vi: `Tổng hợp tự đánh giá mức độ trưởng thành chuyển đổi số báo chí — ${c.index.decision}`, en: `Maturity self-assessment, consolidated — ${c.index.decision}` }),
      tr({ vi: 'Điểm tính lại từ điểm tự đánh giá của đơn vị theo điểm tối đa của Bộ chỉ số.', en: "Points recomputed from the agencies' self-assessed points against the index maxima." }),
    ), TOP, '5B9BD5'),
    sheet('sources', [sourcesTable], titles(
      tr({ vi: 'Nguồn dữ liệu', en: 'Sources' }),
      tr({ vi: `Mỗi tệp đã nhận, mã SHA-256 và cách xử lý. Dấu niêm phong của lần tổng hợp: ${c.seal}`, en: `Every file received, its SHA-256 and how it was handled. Seal of this merge: ${c.seal}` }),
    ), TOP, 'A5A5A5'),
    sheet('mismatches', [mismatchTable], titles(
      tr({ vi: 'Ô trong tệp của đơn vị khác kết quả tính lại', en: 'Cells in agency files that differ from the recomputation' }),
      tr({ vi: 'Tổng hợp không dùng các giá trị này; số liệu được tính lại từ ô nhập liệu.', en: 'These values are not used; results are recomputed from the input cells.' }),
    ), TOP, 'A5A5A5'),
    { key: 'meta', name: names.meta, visible: false, columnWidths: widths([metaTable, cotTable]), freezeRows: 0, protect: true, cells: [], tables: [metaTable, cotTable] },
  ];
  const criteriaSheet = buildCriteriaSheet(c, lang, header);
  if (criteriaSheet) sheets.splice(sheets.findIndex((x) => x.key === 'index') + 1, 0, criteriaSheet);

  const chartBelow = (t: TableSpec) => ({ row: t.row + t.rows.length + 3, col: 2, widthCols: 8, heightRows: 18 });
  const charts: ChartSpec[] = [
    {
      type: 'bar', sheetKey: 'targets', title: tr({ vi: 'Giá trị toàn tỉnh so với mục tiêu', en: 'Province value against target' }), anchor: chartBelow(targetsTable),
      categoriesRef: f.col('tblTHMucTieu', 'code'), valuesRef: f.col('tblTHMucTieu', 'value'), valuesName: H.tblTHMucTieu.value,
      thresholdRef: f.col('tblTHMucTieu', 'threshold'), thresholdName: H.tblTHMucTieu.threshold, numberFormat: NUMBER_FORMATS.percent,
    },
    {
      type: 'bar', sheetKey: 'index', title: tr({ vi: 'Tổng điểm tự đánh giá', en: 'Total self-assessed points' }), anchor: chartBelow(indexTable),
      categoriesRef: f.col('tblTHChiSo', 'unit'), valuesRef: f.col('tblTHChiSo', 'total'), valuesName: H.tblTHChiSo.total, numberFormat: NUMBER_FORMATS.points,
    },
  ];
  // Pillar profile: one ring per press agency whose file was used, over the pillar columns of
  // tblTHChiSo (contiguous, after the version); categories are their header cells ("name (max)"),
  // values the agency's row of pillar points. Agencies without a file have no points to draw.
  const pillarIdx = indexTable.columns.map((x, j) => (pillarCols.some((p) => p.key === x.key) ? j : -1)).filter((j) => j >= 0);
  const profiled = c.indexRows.map((r, i) => ({ r, row: indexTable.row + 1 + i })).filter(({ r }) => r.reported);
  if (pillarIdx.length > 0 && profiled.length > 0) {
    const [first, last] = [indexTable.col + pillarIdx[0], indexTable.col + pillarIdx[pillarIdx.length - 1]];
    const rowRef = (row: number) => `${absoluteAddress(names.index, row, first)}:$${columnLetter(last)}$${row}`;
    const bar = chartBelow(indexTable);
    charts.push({
      type: 'radar', sheetKey: 'index', title: tr({ vi: 'Điểm theo trụ cột của từng cơ quan báo chí', en: 'Pillar points by press agency' }),
      anchor: { ...bar, col: bar.col + bar.widthCols + 1 },
      categoriesRef: rowRef(indexTable.row), series: profiled.map(({ r, row }) => ({ name: r.unitName, valuesRef: rowRef(row) })), numberFormat: NUMBER_FORMATS.points,
    });
  }

  return {
    sheets,
    names: [{ name: REPORT_DATE_NAME, refersTo: absoluteAddress(names.report, 3, 2), comment: 'Ngày báo cáo' }],
    charts,
  };
}

// ---------------------------------------------------------------------------------------------
// Readers' glue: the CLI and the task pane turn what they read into Submissions the same way.

export interface SourceFile {
  fileName: string;
  sha256: string;
  sizeBytes: number;
  modifiedAt?: string;
}

/** A file that could not be opened or parsed: it is listed and excluded, the others still merge. */
export function unreadableSubmission(file: SourceFile, message: string): Submission {
  return { ...file, read: { ok: false, error: message } };
}

const norm = (s: string) => s.trim().toLocaleLowerCase('vi');

/** Rows of a province table by column key: the file's own tblCot first, then the built-in headers. */
function provinceRows(snapshots: TableSnapshot[], table: ProvinceTableName): Row[] | undefined {
  const snap = snapshots.find((s) => s.name.toLowerCase() === table.toLowerCase());
  if (!snap) return undefined;
  const byHeader = new Map<string, string>();
  const cot = snapshots.find((s) => s.name.toLowerCase() === 'tblcot');
  if (cot) {
    const [ti, ki, hi] = ['table', 'key', 'header'].map((k) => cot.headers.findIndex((h) => norm(h) === k));
    if (ti >= 0 && ki >= 0 && hi >= 0) for (const r of cot.values) if (String(r[ti]) === table) byHeader.set(norm(String(r[hi] ?? '')), String(r[ki] ?? ''));
  }
  for (const lang of Object.values(PROVINCE_HEADERS)) {
    for (const [key, header] of Object.entries(lang[table] as Record<string, string>)) if (!byHeader.has(norm(header))) byHeader.set(norm(header), key);
  }
  return snap.values.map((values) => {
    const row: Row = {};
    snap.headers.forEach((h, i) => {
      const key = byHeader.get(norm(String(h)));
      if (key && !(key in row)) row[key] = values[i] ?? null;
    });
    return row;
  });
}

/** The previous year's figures from a province workbook, or a reason it is not one. */
export function readPreviousProvince(snapshots: TableSnapshot[], fileName?: string): PreviousProvince | { error: string } {
  const meta = provinceRows(snapshots, 'tblMeta');
  const metaValue = (k: string) => meta?.find((r) => r.key === k)?.value ?? null;
  if (!meta || metaValue('schema') !== PROVINCE_SCHEMA) return { error: `Không phải bảng tổng hợp của tỉnh (schema "${safeText(metaValue('schema'))}").` };
  const year = metaValue('year');
  if (typeof year !== 'number') return { error: 'Bảng tổng hợp không ghi năm báo cáo.' };
  const rows = provinceRows(snapshots, 'tblTHChiSo') ?? [];
  return {
    year,
    fileName,
    agencies: rows
      .filter((r) => typeof r.unitId === 'string' && r.unitId !== '')
      .map((r) => ({
        unitId: String(r.unitId), total: typeof r.total === 'number' ? r.total : null, level: safeText(r.level ?? null),
        indexVersion: safeText(r.indexVersion ?? null), catalogueId: safeText(r.catalogueId ?? null),
        pillarPoints: Object.keys(r).filter((k) => /^p\d+$/.test(k)).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))).map((k) => (typeof r[k] === 'number' ? (r[k] as number) : null)),
      })),
  };
}

/** How this year's figures compare with last year's, said in words (and which pillars moved). */
export function comparisonText(r: Consolidation['indexRows'][number], c: Consolidation, lang: Lang): string {
  if (r.comparableOn === '') return '';
  const num = (x: number) => (x > 0 ? '+' : '') + (lang === 'vi' ? String(x).replace('.', ',') : String(x));
  const pillars = r.pillarChange
    .map((d, i) => (d === null ? '' : `${lang === 'vi' ? 'TC' : 'P'}${c.index.pillars[i]?.no ?? i + 1} ${num(d)}`))
    .filter(Boolean)
    .join('; ');
  if (r.comparableOn === 'all') return lang === 'vi' ? 'Cùng phiên bản và bộ tiêu chí: so sánh được.' : 'Same version and catalogue: comparable.';
  const lead = lang === 'vi'
    ? `Khác phiên bản (${r.previousVersion} → ${r.catalogueId || r.indexVersion}): chỉ so sánh điểm trụ cột và tổng điểm, không so sánh tiêu chí, mức độ.`
    : `Different version (${r.previousVersion} → ${r.catalogueId || r.indexVersion}): only pillar points and totals compare, not criteria or levels.`;
  return pillars ? `${lead} ${pillars}` : lead;
}
