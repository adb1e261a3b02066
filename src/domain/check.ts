import { AGENCY_FORMAT_VERSION, AGENCY_SCHEMA, CALCULATED_COLUMNS, PROVINCE_SCHEMA, type AgencyTableName } from './agency-schema';
import type { AgencyTables } from './calculate';
import { parseDateVn, parseNumberVn, parseYesNo } from './parse-vn';
import type { IndexVersion, Indicator, Plan } from './types';
import { formatSerial, isBlank, isError, serialToDate, textEquals, type Row, type Scalar } from './values';
import { GROUP_LABEL, TASK_STATUS, YES, YES_NO } from './vocabulary';

/**
 * The check engine (Kiểm tra): every problem at once, each naming its table, column, row and
 * cell, in Vietnamese and English. It reads values as they are and never changes them; where a
 * typed habit ("1,5", "có", "25/11/2025" as text) has an obvious meaning, it offers that value as
 * a fix the user may apply. It judges what the workbook computes: text that looks like a number
 * or a date is not one to Excel's formulas, so it is an error until converted.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  code: string;
  table: string;
  key: string;
  /** 1-based data row within the table; 0 for a table- or column-level finding. */
  row: number;
  sheet: string;
  /** A1 address on `sheet`, blank when the cell does not exist. */
  address: string;
  messageVi: string;
  messageEn: string;
  value: Scalar;
  /** A value to write into the cell, offered only when the meaning is unambiguous. */
  suggestion?: Scalar;
  /** What the row is, for people: the indicator or criterion code, the task number, the info key. */
  rowKey?: string;
}

/** The column that says what a row is, per table. */
const ROW_IDENTITY: Partial<Record<AgencyTableName, string>> = {
  tblThongTin: 'key', tblChiTieu: 'code', tblMucTieu: 'code', tblNhiemVu: 'no', tblChiSo: 'code', tblTruCot: 'pillar', tblMucDo: 'name', tblDonVi: 'name',
};

export interface CellLocation {
  sheet: string;
  address: string;
}

/**
 * A column PressDX needs that no header names. Most often the user typed over the header (Excel
 * renames the table column with it): `renamedTo` is then the header found where the column sits,
 * so one finding says what happened instead of a "missing value" in every row.
 */
export interface MissingColumn {
  table: AgencyTableName;
  key: string;
  /** The header the workbook was generated with. */
  header?: string;
  sheet?: string;
  /** The renamed column's header cell, or the table's first header cell. */
  address?: string;
  renamedTo?: string;
}

export interface CheckInput {
  tables: AgencyTables;
  /** Formulas aligned with `tables`, by column key (null for a constant). */
  formulas: Partial<Record<AgencyTableName, Array<Record<string, string | null>>>>;
  missingTables: AgencyTableName[];
  missingColumns: MissingColumn[];
  /** Where a table cell is; rowIndex is 0-based over data rows. */
  locate: (table: AgencyTableName, key: string, rowIndex: number) => CellLocation | undefined;
  /** Names the workbook must hold formulas in (TongDiem, MucDo) and whether they still do. */
  namedFormulas?: Array<{ name: string; location?: CellLocation; formula: string | null }>;
  /** Tables found more than once (a user's draft copy): which sheets hold them. */
  duplicateTables?: Array<{ table: string; sheets: string[] }>;
}

/** Codes of findings that mean the workbook's structure is damaged: such a file is not merged. */
export const STRUCTURAL_CODES: readonly string[] = ['missingTable', 'missingColumn', 'duplicateTable', 'missingPlanRow'];

export interface CheckContext {
  plan: Plan;
  indexVersions: readonly IndexVersion[];
}

type Msg = { vi: string; en: string };
const show = (v: Scalar): string => (isError(v) ? v.error : v === null ? '' : String(v));
const fmt = (v: Scalar): string => (typeof v === 'number' ? String(v).replace('.', ',') : show(v));
/** A fraction as a percent cell shows it: 0.5 → "50%" (vi "12,5%", en "12.5%"). */
const percentEn = (x: number): string => `${Number((x * 100).toPrecision(12))}%`;
const percentVi = (x: number): string => percentEn(x).replace('.', ',');

interface Emit {
  (severity: Severity, code: string, table: AgencyTableName, key: string, rowIndex: number, msg: Msg, value: Scalar, suggestion?: Scalar): void;
}

/** The named result cells as their captions on the sheet read. */
const NAMED_CELL_LABEL: Record<string, Msg> = { TongDiem: { vi: 'Tổng điểm', en: 'Total score' }, MucDo: { vi: 'Mức độ', en: 'Level' } };

/** What each table holds, as people call it: messages never show a table's internal name. */
const TABLE_LABEL: Record<AgencyTableName, Msg> = {
  tblThongTin: { vi: 'Thông tin', en: 'Information' },
  tblChiTieu: { vi: 'Chỉ tiêu', en: 'Indicators' },
  tblMucTieu: { vi: 'Mục tiêu', en: 'Targets' },
  tblNhiemVu: { vi: 'Nhiệm vụ', en: 'Tasks' },
  tblChiSo: { vi: 'Chỉ số', en: 'Index' },
  tblTruCot: { vi: 'Trụ cột', en: 'Pillars' },
  tblDonVi: { vi: 'Đơn vị', en: 'Units' },
  tblMucDo: { vi: 'Mức độ', en: 'Levels' },
  tblCoKhong: { vi: 'Có/Không', en: 'Yes/No' },
  tblTrangThai: { vi: 'Tình trạng', en: 'Statuses' },
  tblPhanCong: { vi: 'Phân công', en: 'Assignments' },
  tblMeta: { vi: 'thông tin kỹ thuật của biểu mẫu', en: 'template metadata' },
  tblCot: { vi: 'danh sách cột của biểu mẫu', en: 'template column list' },
  tblThanhPhan: { vi: 'Chỉ số thành phần', en: 'Component indexes' },
  tblTieuChi: { vi: 'Bộ tiêu chí', en: 'Criteria' },
  tblKhongAnhXa: { vi: 'Số liệu chưa chuyển được', en: 'Entries not migrated' },
};
const tableLabel = (t: string): Msg => TABLE_LABEL[t as AgencyTableName] ?? { vi: t, en: t };

/**
 * Reads a cell that should hold a number. A number typed as text is an error, as Excel's formulas
 * do not count it (SUM skips it, comparisons treat it as text): the check must say what the
 * workbook computes, so the value counts as missing until converted, and the conversion is offered.
 * `asPercent` reads text the way Excel takes an entry into a percent cell ("50", "50%", "0,5" → 0.5).
 */
function readNumber(v: Scalar, emit: () => Emit, where: [AgencyTableName, string, number], what: Msg, asPercent = false): number | undefined {
  const [table, key, row] = where;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    emit()('error', 'wrongType', table, key, row, { vi: `${what.vi}: giá trị không phải là số hữu hạn.`, en: `${what.en}: not a finite number.` }, v);
    return undefined;
  }
  if (isBlank(v)) return undefined;
  if (typeof v === 'string') {
    const parsed = parseNumberVn(v);
    if (parsed) {
      const value = parsed.percent ? parsed.value / 100 : asPercent && parsed.value >= 1 ? parsed.value / 100 : parsed.value;
      const shown = asPercent ? percentVi(value) : fmt(value);
      emit()('error', 'numberAsText', table, key, row, {
        vi: `${what.vi}: "${v}" là văn bản, không phải số, nên công thức của Excel không tính ô này. Chuyển thành số ${shown}.`,
        en: `${what.en}: "${v}" is text, not a number, so Excel's formulas do not count it. Convert it to the number ${asPercent ? percentEn(value) : value}.`,
      }, v, value);
      return undefined;
    }
  }
  emit()('error', 'wrongType', table, key, row, { vi: `${what.vi}: "${fmt(v)}" không phải là số.`, en: `${what.en}: "${show(v)}" is not a number.` }, v);
  return undefined;
}

/** Reads a date cell; a date typed as text is an error (formulas do not read it), with the conversion offered. */
function readDate(v: Scalar, emit: Emit, where: [AgencyTableName, string, number], what: Msg, consequence: Msg): number | undefined {
  const [table, key, row] = where;
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  if (isBlank(v)) return undefined;
  if (typeof v === 'string') {
    const serial = parseDateVn(v);
    if (serial !== undefined) {
      emit('error', 'dateAsText', table, key, row, {
        vi: `${what.vi}: "${v}" là văn bản, không phải ngày${consequence.vi}. Chuyển thành ngày ${formatSerial(serial)}.`,
        en: `${what.en}: "${v}" is text, not a date${consequence.en}. Convert it to the date ${formatSerial(serial)}.`,
      }, v, serial);
      return undefined;
    }
  }
  emit('error', 'wrongType', table, key, row, { vi: `${what.vi}: "${fmt(v)}" không phải là ngày (dd/mm/yyyy).`, en: `${what.en}: "${show(v)}" is not a date (dd/mm/yyyy).` }, v);
  return undefined;
}

/** Text cells: warns about stray spaces and offers the trimmed text. */
function readText(v: Scalar, emit: Emit, where: [AgencyTableName, string, number], what: Msg): string | undefined {
  const [table, key, row] = where;
  if (isBlank(v)) return undefined;
  if (isError(v)) {
    emit('error', 'errorValue', table, key, row, { vi: `${what.vi}: ô chứa lỗi ${v.error}.`, en: `${what.en}: the cell holds the error ${v.error}.` }, v);
    return undefined;
  }
  const s = String(v);
  const trimmed = s.replace(/[\s\u00a0]+/g, ' ').trim();
  if (typeof v === 'string' && trimmed !== s) {
    emit('warning', 'straySpaces', table, key, row, { vi: `${what.vi}: có khoảng trắng thừa trong "${s}".`, en: `${what.en}: stray spaces in "${s}".` }, v, trimmed);
  }
  return trimmed;
}

function inList(v: string, list: string[]): string | undefined {
  return list.find((item) => textEquals(v, item) || item.toLocaleLowerCase('vi') === v.toLocaleLowerCase('vi'));
}

/** The rows the plan puts in each table, by the column that identifies them. */
function planRows(plan: Plan): Array<{ table: AgencyTableName; key: string; ids: string[] }> {
  return [
    { table: 'tblChiTieu', key: 'code', ids: plan.indicators.map((i) => i.code) },
    { table: 'tblMucTieu', key: 'code', ids: plan.targets.map((t) => t.code) },
    { table: 'tblNhiemVu', key: 'no', ids: plan.tasks.map((t) => String(t.no)) },
  ];
}

/**
 * Damage a reader cannot repair: a table twice (which one is the report?) and rows of the plan
 * deleted (a blank would read as "not reported"). Both are errors, named, never guessed around.
 */
function checkStructure(input: CheckInput, plan: Plan, emit: Emit): void {
  for (const d of input.duplicateTables ?? []) {
    emit('error', 'duplicateTable', d.table as AgencyTableName, '', -1, {
      vi: `Bảng ${tableLabel(d.table).vi} có ${d.sheets.length} bản (trang ${d.sheets.map((x) => `"${x}"`).join(', ')}); hãy xóa bản nháp để chỉ còn một bảng.`,
      en: `The ${tableLabel(d.table).en} table exists ${d.sheets.length} times (sheets ${d.sheets.map((x) => `"${x}"`).join(', ')}); delete the draft copy so only one remains.`,
    }, null);
  }
  for (const { table, key, ids } of planRows(plan)) {
    const rows = input.tables[table];
    if (!rows || input.missingColumns.some((m) => m.table === table && m.key === key)) continue;
    const present = new Set(rows.map((r) => String(r[key] ?? '').trim().toLocaleUpperCase('vi')));
    const missing = ids.filter((id) => !present.has(id.toLocaleUpperCase('vi')));
    if (missing.length === 0) continue;
    emit('error', 'missingPlanRow', table, key, -1, {
      vi: `Bảng ${TABLE_LABEL[table].vi} thiếu ${missing.length} dòng của Kế hoạch: ${missing.join(', ')}. Hãy dùng lại biểu mẫu gốc hoặc khôi phục các dòng đã xóa.`,
      en: `The ${TABLE_LABEL[table].en} table lacks ${missing.length} row(s) of the plan: ${missing.join(', ')}. Use the original template or restore the deleted rows.`,
    }, null);
  }
}

export function checkAgencyWorkbook(input: CheckInput, ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const emit: Emit = (severity, code, table, key, rowIndex, msg, value, suggestion) => {
    const loc = rowIndex >= 0 ? input.locate(table, key, rowIndex) : undefined;
    const identity = ROW_IDENTITY[table];
    const rowKey = identity && rowIndex >= 0 ? show(input.tables[table]?.[rowIndex]?.[identity] ?? null) : '';
    findings.push({
      severity, code, table, key, row: rowIndex + 1, sheet: loc?.sheet ?? '', address: loc?.address ?? '',
      messageVi: msg.vi, messageEn: msg.en, value, ...(suggestion !== undefined ? { suggestion } : {}), ...(rowKey ? { rowKey } : {}),
    });
  };
  // A table missing a column is named once (below) and its row rules wait: read without the
  // column, every row would report the column's value as missing.
  const damaged = new Set(input.missingColumns.map((m) => m.table));
  const rows = (t: AgencyTableName): Row[] => (damaged.has(t) ? [] : (input.tables[t] ?? []));

  // A province workbook lacks every agency table by design: one finding that says what it is.
  const schema = rows('tblMeta').find((r) => r.key === 'schema')?.value ?? null;
  if (textEquals(schema, PROVINCE_SCHEMA)) {
    emit('error', 'provinceWorkbook', 'tblMeta', 'value', rows('tblMeta').findIndex((r) => r.key === 'schema'), {
      vi: 'Đây là sổ tổng hợp của tỉnh (do Tổng hợp tạo), không phải báo cáo của một đơn vị, nên không có gì để kiểm tra ở đây. Hãy mở tệp báo cáo của đơn vị để kiểm tra; muốn cập nhật sổ tổng hợp thì chạy Tổng hợp lại.',
      en: 'This is the province workbook (written by Merge), not an agency report, so there is nothing to check here. Open an agency report to check it; to update this workbook, run Merge again.',
    }, schema);
    return findings;
  }

  // Structure first: a missing table or column is named, and the rules that need it are skipped.
  for (const t of input.missingTables) {
    if (t === 'tblCot') continue;
    emit('error', 'missingTable', t, '', -1, {
      vi: `Thiếu bảng ${TABLE_LABEL[t].vi} của biểu mẫu (đã bị xóa hoặc đổi tên). Hãy dùng lại biểu mẫu gốc.`,
      en: `The template's ${TABLE_LABEL[t].en} table is missing (deleted or renamed). Use the original template.`,
    }, null);
  }
  for (const m of input.missingColumns) findings.push(missingColumnFinding(m));

  checkStructure(input, ctx.plan, emit);

  const meta = (k: string): Scalar => rows('tblMeta').find((r) => r.key === k)?.value ?? null;
  const metaRow = (k: string) => rows('tblMeta').findIndex((r) => r.key === k);
  if (input.tables.tblMeta && !damaged.has('tblMeta')) {
    if (!textEquals(meta('schema'), AGENCY_SCHEMA)) {
      emit('error', 'unknownSchema', 'tblMeta', 'value', metaRow('schema'), { vi: `Không phải biểu mẫu báo cáo của đơn vị (schema "${show(meta('schema'))}").`, en: `Not an agency report workbook (schema "${show(meta('schema'))}").` }, meta('schema'));
    }
    const version = Number(meta('formatVersion'));
    if (version !== AGENCY_FORMAT_VERSION) {
      emit('error', 'unknownFormatVersion', 'tblMeta', 'value', metaRow('formatVersion'), { vi: `Phiên bản định dạng biểu mẫu "${show(meta('formatVersion'))}" không được hỗ trợ (hỗ trợ: ${AGENCY_FORMAT_VERSION}).`, en: `Template format version "${show(meta('formatVersion'))}" is not supported (supported: ${AGENCY_FORMAT_VERSION}).` }, meta('formatVersion'));
    }
    const indexId = show(meta('indexVersion'));
    if (!ctx.indexVersions.some((v) => v.id === indexId)) {
      emit('error', 'unknownIndexVersion', 'tblMeta', 'value', metaRow('indexVersion'), { vi: `Phiên bản Bộ chỉ số "${indexId}" không xác định (có: ${ctx.indexVersions.map((v) => v.id).join(', ')}).`, en: `Unknown index version "${indexId}" (known: ${ctx.indexVersions.map((v) => v.id).join(', ')}).` }, meta('indexVersion'));
    }
    if (!textEquals(meta('planId'), ctx.plan.id)) {
      emit('error', 'unknownPlan', 'tblMeta', 'value', metaRow('planId'), { vi: `Biểu mẫu thuộc kế hoạch "${show(meta('planId'))}", không phải "${ctx.plan.id}".`, en: `The workbook belongs to plan "${show(meta('planId'))}", not "${ctx.plan.id}".` }, meta('planId'));
    }
  }
  const year = typeof meta('year') === 'number' ? (meta('year') as number) : undefined;

  // Calculated cells that lost their formula.
  for (const [table, keys] of Object.entries(CALCULATED_COLUMNS) as Array<[AgencyTableName, string[]]>) {
    const formulas = damaged.has(table) ? [] : (input.formulas[table] ?? []);
    formulas.forEach((f, i) => {
      for (const key of keys) {
        if (!(key in f) || f[key]) continue;
        const value = rows(table)[i]?.[key] ?? null;
        emit('error', 'formulaOverwritten', table, key, i, { vi: `Ô tự tính đã bị ghi đè bằng giá trị "${fmt(value)}"; chạy Tính toán để khôi phục công thức.`, en: `A calculated cell was overwritten with "${show(value)}"; run Fill to restore its formula.` }, value);
      }
    });
  }
  const infoRows = rows('tblThongTin');
  const unitTypeRow = infoRows.findIndex((r) => r.key === 'unitType');
  if (unitTypeRow >= 0 && input.formulas.tblThongTin?.[unitTypeRow] && !input.formulas.tblThongTin[unitTypeRow].value) {
    const value = infoRows[unitTypeRow].value ?? null;
    emit('error', 'formulaOverwritten', 'tblThongTin', 'value', unitTypeRow, { vi: `Ô "Loại hình đơn vị" là ô tự tính nhưng đã bị ghi đè bằng "${fmt(value)}".`, en: `"Unit type" is calculated but was overwritten with "${show(value)}".` }, value);
  }
  for (const n of input.namedFormulas ?? []) {
    if (n.formula) continue;
    findings.push({ severity: 'error', code: 'formulaOverwritten', table: '', key: n.name, row: 0, sheet: n.location?.sheet ?? '', address: n.location?.address ?? '', messageVi: `Ô ${NAMED_CELL_LABEL[n.name]?.vi ?? n.name} đã mất công thức; chạy Tính toán để khôi phục.`, messageEn: `The ${NAMED_CELL_LABEL[n.name]?.en ?? n.name} cell lost its formula; run Fill to restore it.`, value: null });
  }

  // Thông tin.
  const info = (key: string) => {
    const i = infoRows.findIndex((r) => r.key === key);
    return { i, v: i >= 0 ? (infoRows[i].value ?? null) : null };
  };
  const units = rows('tblDonVi');
  const unitNames = units.map((u) => show(u.name ?? null)).filter(Boolean);
  const unitCell = info('unit');
  let isPress: boolean | undefined;
  if (unitCell.i >= 0 && !damaged.has('tblDonVi')) {
    const unit = readText(unitCell.v, emit, ['tblThongTin', 'value', unitCell.i], { vi: 'Đơn vị báo cáo', en: 'Reporting unit' });
    if (unit === undefined) {
      if (!isError(unitCell.v)) emit('error', 'required', 'tblThongTin', 'value', unitCell.i, { vi: 'Chưa chọn đơn vị báo cáo.', en: 'The reporting unit is not chosen.' }, unitCell.v);
    } else {
      const match = inList(unit, unitNames);
      if (!match) {
        emit('error', 'notInList', 'tblThongTin', 'value', unitCell.i, { vi: `Đơn vị "${unit}" không có trong danh mục đơn vị (trang Danh mục).`, en: `Unit "${unit}" is not in the unit list.` }, unitCell.v);
      } else {
        if (match !== unitCell.v) emit('warning', 'listSpelling', 'tblThongTin', 'value', unitCell.i, { vi: `Đơn vị "${show(unitCell.v)}" được hiểu là "${match}".`, en: `Unit "${show(unitCell.v)}" read as "${match}".` }, unitCell.v, match);
        isPress = units.some((u) => u.name === match && textEquals(u.group ?? null, GROUP_LABEL.press));
      }
    }
  }
  const fromCell = info('periodFrom');
  const toCell = info('periodTo');
  const submittedCell = info('submittedOn');
  const dateOf = (c: { i: number; v: Scalar }, what: Msg, required: boolean, consequence: Msg = { vi: '', en: '' }) => {
    if (c.i < 0) return undefined;
    if (isBlank(c.v) && required) {
      emit('error', 'required', 'tblThongTin', 'value', c.i, { vi: `${what.vi}: chưa nhập.`, en: `${what.en}: missing.` }, c.v);
      return undefined;
    }
    return readDate(c.v, emit, ['tblThongTin', 'value', c.i], what, consequence);
  };
  const from = dateOf(fromCell, { vi: 'Số liệu từ ngày', en: 'Data from' }, true);
  const to = dateOf(toCell, { vi: 'Số liệu đến ngày', en: 'Data to' }, true);
  // The timeliness formulas fall back to today when the submission date is not a date.
  const submitted = dateOf(submittedCell, { vi: 'Ngày gửi báo cáo', en: 'Submitted on' }, false, { vi: '; cột Đúng hạn đang tính theo ngày hôm nay', en: '; the Timeliness column is computed as of today' });
  if (submittedCell.i >= 0 && isBlank(submittedCell.v)) {
    emit('warning', 'required', 'tblThongTin', 'value', submittedCell.i, { vi: 'Chưa nhập ngày gửi báo cáo; cột Đúng hạn tính theo ngày hôm nay.', en: 'No submission date; timeliness is computed as of today.' }, submittedCell.v);
  }
  if (year !== undefined) {
    if (to !== undefined && serialToDate(to).year !== year) {
      emit('error', 'periodOutsideYear', 'tblThongTin', 'value', toCell.i, { vi: `Ngày kết thúc kỳ số liệu ${formatSerial(to)} không thuộc năm báo cáo ${year}.`, en: `The period end ${formatSerial(to)} is outside the reporting year ${year}.` }, toCell.v);
    }
    if (from !== undefined) {
      const y = serialToDate(from).year;
      if (y !== year && y !== year - 1) {
        emit('error', 'periodOutsideYear', 'tblThongTin', 'value', fromCell.i, { vi: `Ngày bắt đầu kỳ số liệu ${formatSerial(from)} nằm ngoài năm báo cáo ${year}.`, en: `The period start ${formatSerial(from)} is outside the reporting year ${year}.` }, fromCell.v);
      } else if (y === year - 1) {
        emit('info', 'periodStartsPreviousYear', 'tblThongTin', 'value', fromCell.i, { vi: `Kỳ số liệu bắt đầu từ năm ${y} (như kỳ đánh giá của Bộ, ví dụ 01/10/2023–31/10/2024).`, en: `The data period starts in ${y} (like the ministry's cycle).` }, fromCell.v);
      }
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    emit('error', 'periodReversed', 'tblThongTin', 'value', toCell.i, { vi: `Ngày kết thúc ${formatSerial(to)} trước ngày bắt đầu ${formatSerial(from)}.`, en: `The period ends (${formatSerial(to)}) before it starts (${formatSerial(from)}).` }, toCell.v);
  }
  // Sending before the period's end is allowed (the cut-off is the official's setting); a note only.
  if (submitted !== undefined && to !== undefined && submitted < to) {
    emit('info', 'submittedBeforePeriodEnd', 'tblThongTin', 'value', submittedCell.i, { vi: `Ngày gửi ${formatSerial(submitted)} trước ngày kết thúc kỳ số liệu ${formatSerial(to)}: số liệu chỉ tính đến ngày gửi.`, en: `Submitted on ${formatSerial(submitted)}, before the period ends (${formatSerial(to)}): the figures only run to the submission date.` }, submittedCell.v);
  }
  for (const key of ['preparer', 'phone', 'email']) {
    const c = info(key);
    if (c.i < 0) continue;
    const label = { preparer: { vi: 'Người lập biểu', en: 'Prepared by' }, phone: { vi: 'Số điện thoại', en: 'Phone' }, email: { vi: 'Thư điện tử', en: 'Email' } }[key]!;
    const v = readText(c.v, emit, ['tblThongTin', 'value', c.i], label);
    if (v === undefined) {
      if (key === 'preparer') emit('warning', 'required', 'tblThongTin', 'value', c.i, { vi: 'Chưa nhập người lập biểu.', en: 'Preparer missing.' }, c.v);
      continue;
    }
    if (key === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) emit('error', 'badEmail', 'tblThongTin', 'value', c.i, { vi: `Thư điện tử "${v}" không đúng dạng.`, en: `Email "${v}" is malformed.` }, c.v);
    if (key === 'phone' && !/^\+?[\d .()-]{8,20}$/.test(v)) emit('warning', 'badPhone', 'tblThongTin', 'value', c.i, { vi: `Số điện thoại "${v}" không đúng dạng.`, en: `Phone "${v}" looks malformed.` }, c.v);
  }

  checkIndicators(rows('tblChiTieu'), ctx.plan.indicators, isPress, emit);
  checkTasks(rows('tblNhiemVu'), emit);
  checkAssessment(rows('tblChiSo'), rows('tblTruCot'), isPress, emit);
  checkLevels(rows('tblMucDo'), emit);

  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  const tableOrder = ['tblMeta', 'tblThongTin', 'tblChiTieu', 'tblMucTieu', 'tblNhiemVu', 'tblChiSo', 'tblTruCot', 'tblMucDo', 'tblDonVi', 'tblPhanCong'];
  return findings.sort((a, b) => tableOrder.indexOf(a.table) - tableOrder.indexOf(b.table) || a.row - b.row || order[a.severity] - order[b.severity]);
}

/** What happened to a column PressDX cannot find, in both languages (check and Tính toán say the same). */
export function missingColumnMessage(m: MissingColumn): Msg {
  const header = m.header ?? m.key;
  const table = tableLabel(m.table);
  return m.renamedTo !== undefined
    ? {
        vi: `Tiêu đề cột "${header}" của bảng ${table.vi} đã bị đổi thành "${m.renamedTo}", nên PressDX không đọc được cột này; các kiểm tra khác của bảng tạm dừng. Hãy đổi tiêu đề lại thành "${header}".`,
        en: `The header of column "${header}" in the ${table.en} table was changed to "${m.renamedTo}", so PressDX cannot read the column; the table's other checks wait. Change the header back to "${header}".`,
      }
    : {
        vi: `Bảng ${table.vi} không còn cột "${header}" (cột đã bị xóa hoặc đổi tiêu đề); các kiểm tra khác của bảng tạm dừng. Hãy thêm lại cột hoặc dùng lại biểu mẫu gốc.`,
        en: `The ${table.en} table no longer has the column "${header}" (deleted or its header changed); the table's other checks wait. Add the column back or use the original template.`,
      };
}

function missingColumnFinding(m: MissingColumn): Finding {
  const msg = missingColumnMessage(m);
  return { severity: 'error', code: 'missingColumn', table: m.table, key: m.key, row: 0, sheet: m.sheet ?? '', address: m.address ?? '', messageVi: msg.vi, messageEn: msg.en, value: m.renamedTo ?? null };
}

/**
 * A row a user inserted and left empty (its calculated cells aside, which Excel fills in by
 * itself): nothing was reported in it, so nothing is said about it.
 */
function insertedBlankRow(table: AgencyTableName, row: Row): boolean {
  const calculated = CALCULATED_COLUMNS[table] ?? [];
  return Object.entries(row).every(([key, v]) => calculated.includes(key) || isBlank(v));
}

function checkIndicators(list: Row[], indicators: Indicator[], isPress: boolean | undefined, emit: Emit): void {
  const byCode = new Map<string, { value: Scalar; parsed: Scalar | undefined; i: number }>();
  list.forEach((row, i) => {
    if (insertedBlankRow('tblChiTieu', row)) return;
    const code = show(row.code ?? null);
    const ind = indicators.find((x) => x.code === code);
    if (byCode.has(code)) {
      emit('error', 'duplicateRow', 'tblChiTieu', 'code', i, { vi: `Chỉ tiêu ${code} xuất hiện hai lần.`, en: `Indicator ${code} appears twice.` }, row.code ?? null);
      return;
    }
    const v = row.value ?? null;
    const what = { vi: `Chỉ tiêu ${code}`, en: `Indicator ${code}` };
    let parsed: Scalar | undefined;
    if (!ind) {
      emit('warning', 'unknownIndicator', 'tblChiTieu', 'code', i, { vi: `Mã chỉ tiêu "${code}" không có trong Kế hoạch.`, en: `Indicator code "${code}" is not in the plan.` }, row.code ?? null);
    } else if (isBlank(v)) {
      if (isPress) emit('error', 'required', 'tblChiTieu', 'value', i, { vi: `${what.vi} (${ind.name}): chưa nhập.`, en: `${what.en} (${ind.nameEn}): missing.` }, v);
    } else if (ind.kind === 'yesNo') {
      if (typeof v === 'string' && YES_NO.includes(v as (typeof YES_NO)[number])) parsed = v;
      else {
        const yn = typeof v === 'string' ? parseYesNo(v) : undefined;
        if (yn) {
          parsed = yn;
          emit('warning', 'listSpelling', 'tblChiTieu', 'value', i, { vi: `${what.vi}: "${v}" được hiểu là "${yn}".`, en: `${what.en}: "${show(v)}" read as "${yn}".` }, v, yn);
        } else emit('error', 'notInList', 'tblChiTieu', 'value', i, { vi: `${what.vi}: "${fmt(v)}" không phải Có hoặc Không.`, en: `${what.en}: "${show(v)}" is not Có (yes) or Không (no).` }, v);
      }
    } else {
      const n = readNumber(v, () => emit, ['tblChiTieu', 'value', i], what);
      if (n !== undefined) {
        parsed = n;
        if (n < (ind.min ?? 0)) emit('error', 'outOfRange', 'tblChiTieu', 'value', i, ind.kind === 'level'
          ? { vi: `${what.vi}: cấp độ ${fmt(n)} ngoài khoảng ${ind.min}–${ind.max}.`, en: `${what.en}: level ${n} outside ${ind.min}–${ind.max}.` }
          : { vi: `${what.vi}: không được âm (${fmt(n)}).`, en: `${what.en}: must not be negative (${n}).` }, v);
        else if (ind.max !== undefined && n > ind.max) emit('error', 'outOfRange', 'tblChiTieu', 'value', i, { vi: `${what.vi}: cấp độ ${fmt(n)} ngoài khoảng ${ind.min}–${ind.max}.`, en: `${what.en}: level ${n} outside ${ind.min}–${ind.max}.` }, v);
        else if ((ind.kind === 'integer' || ind.kind === 'level') && !Number.isInteger(n)) emit('error', 'notWhole', 'tblChiTieu', 'value', i, { vi: `${what.vi}: phải là số nguyên (${fmt(n)}).`, en: `${what.en}: must be a whole number (${n}).` }, v);
      }
    }
    byCode.set(code, { value: v, parsed, i });
  });
  const num = (c: string) => {
    const p = byCode.get(c)?.parsed;
    return typeof p === 'number' ? p : undefined;
  };
  const ct1 = byCode.get('CT1');
  if (ct1 && textEquals(ct1.parsed ?? null, YES)) {
    const a = num('CT1a');
    const ia = byCode.get('CT1a');
    if (ia && a !== undefined && a < 1) emit('error', 'crossField', 'tblChiTieu', 'value', ia.i, { vi: `CT1 = Có nhưng CT1a (số nền tảng số) = ${fmt(a)}; cần ít nhất 1.`, en: `CT1 = Yes but CT1a (platforms) = ${a}; at least 1 expected.` }, ia.value);
  }
  const notAbove = (partCode: string, wholeCode: string, what: Msg) => {
    const p = num(partCode);
    const w = num(wholeCode);
    const ip = byCode.get(partCode);
    if (ip && p !== undefined && w !== undefined && p > w) {
      emit('error', 'crossField', 'tblChiTieu', 'value', ip.i, { vi: `${partCode} (${fmt(p)}) lớn hơn ${wholeCode} (${fmt(w)}): ${what.vi}.`, en: `${partCode} (${p}) exceeds ${wholeCode} (${w}): ${what.en}.` }, ip.value);
    }
  };
  notAbove('CT1b', 'CT1a', { vi: 'số nền tảng trong nước không thể vượt tổng số nền tảng', en: 'domestic platforms cannot exceed all platforms' });
  notAbove('CT4b', 'CT4a', { vi: 'số trang đã nâng cấp không thể vượt tổng số trang', en: 'upgraded sites cannot exceed all sites' });
  notAbove('CT6b', 'CT6a', { vi: 'số người được đào tạo không thể vượt tổng số người', en: 'trained staff cannot exceed all staff' });
}

function checkTasks(list: Row[], emit: Emit): void {
  const seen = new Set<string>();
  const statuses = Object.values(TASK_STATUS);
  list.forEach((row, i) => {
    if (insertedBlankRow('tblNhiemVu', row)) return;
    const no = show(row.no ?? null);
    if (seen.has(no)) emit('error', 'duplicateRow', 'tblNhiemVu', 'no', i, { vi: `Nhiệm vụ số ${no} xuất hiện hai lần.`, en: `Task ${no} appears twice.` }, row.no ?? null);
    seen.add(no);
    const what = { vi: `Nhiệm vụ ${no}`, en: `Task ${no}` };
    const assigned = typeof row.role === 'string' && row.role !== '';
    let status: string | undefined;
    const sv = row.status ?? null;
    const st = readText(sv, emit, ['tblNhiemVu', 'status', i], { vi: `${what.vi}, tình trạng`, en: `${what.en}, status` });
    if (st !== undefined) {
      status = inList(st, statuses);
      if (!status) emit('error', 'notInList', 'tblNhiemVu', 'status', i, { vi: `${what.vi}: tình trạng "${st}" không có trong danh sách (${statuses.join(', ')}).`, en: `${what.en}: status "${st}" is not in the list.` }, sv);
      else if (status !== sv && st === sv) emit('warning', 'listSpelling', 'tblNhiemVu', 'status', i, { vi: `${what.vi}: "${st}" được hiểu là "${status}".`, en: `${what.en}: "${st}" read as "${status}".` }, sv, status);
    } else if (assigned && !isError(sv)) {
      emit('error', 'required', 'tblNhiemVu', 'status', i, { vi: `${what.vi}: đơn vị có vai trò ${show(row.role ?? null)} nhưng chưa nhập tình trạng.`, en: `${what.en}: the unit is ${show(row.role ?? null)} but no status is given.` }, sv);
    }
    // Progress is a fraction in a percent cell (0.5 shows as 50%), as Excel stores a percent entry.
    const progress = readNumber(row.progress ?? null, () => emit, ['tblNhiemVu', 'progress', i], { vi: `${what.vi}, tiến độ`, en: `${what.en}, progress` }, true);
    if (progress !== undefined && Number.isInteger(progress) && progress > 1 && progress <= 100) {
      // A whole percentage typed where the cell is not a percent cell (or kept from an older template).
      emit('error', 'outOfRange', 'tblNhiemVu', 'progress', i, { vi: `${what.vi}: tiến độ ${percentVi(progress)} vượt 100%; có lẽ ý là ${percentVi(progress / 100)}.`, en: `${what.en}: progress ${percentEn(progress)} exceeds 100%; probably ${percentEn(progress / 100)} was meant.` }, row.progress ?? null, progress / 100);
    } else if (progress !== undefined && (progress < 0 || progress > 1)) {
      emit('error', 'outOfRange', 'tblNhiemVu', 'progress', i, { vi: `${what.vi}: tiến độ ${percentVi(progress)} ngoài khoảng 0–100%.`, en: `${what.en}: progress ${percentEn(progress)} outside 0–100%.` }, row.progress ?? null);
    } else if (progress !== undefined && status) {
      if (status === TASK_STATUS.done && progress < 1) emit('error', 'crossField', 'tblNhiemVu', 'progress', i, { vi: `${what.vi}: tình trạng Hoàn thành nhưng tiến độ ${percentVi(progress)} < 100%.`, en: `${what.en}: status Done but progress ${percentEn(progress)} < 100%.` }, row.progress ?? null);
      if (status !== TASK_STATUS.done && progress === 1) emit('warning', 'crossField', 'tblNhiemVu', 'status', i, { vi: `${what.vi}: tiến độ 100% nhưng tình trạng là "${status}".`, en: `${what.en}: progress 100% but status "${status}".` }, sv, TASK_STATUS.done);
    }
    for (const key of ['result', 'evidence', 'difficulties', 'proposals']) readText(row[key] ?? null, emit, ['tblNhiemVu', key, i], { vi: `${what.vi}, ${key}`, en: `${what.en}, ${key}` });
  });
}

function checkAssessment(list: Row[], pillars: Row[], isPress: boolean | undefined, emit: Emit): void {
  const seen = new Set<string>();
  const sums = new Map<string, number>();
  list.forEach((row, i) => {
    if (insertedBlankRow('tblChiSo', row)) return;
    const code = show(row.code ?? null);
    if (code && seen.has(code.toLowerCase())) emit('error', 'duplicateRow', 'tblChiSo', 'code', i, { vi: `Tiêu chí ${code} xuất hiện hai lần.`, en: `Criterion ${code} appears twice.` }, row.code ?? null);
    seen.add(code.toLowerCase());
    const what = { vi: `Tiêu chí ${code}`, en: `Criterion ${code}` };
    const max = typeof row.maxPoints === 'number' ? row.maxPoints : undefined;
    const v = row.selfPoints ?? null;
    const evidence = readText(row.evidence ?? null, emit, ['tblChiSo', 'evidence', i], { vi: `${what.vi}, minh chứng`, en: `${what.en}, evidence` });
    if (isBlank(v)) {
      if (isPress) emit('error', 'required', 'tblChiSo', 'selfPoints', i, { vi: `${what.vi}: chưa tự chấm điểm.`, en: `${what.en}: not scored.` }, v);
      if (evidence) emit('warning', 'evidenceWithoutPoints', 'tblChiSo', 'selfPoints', i, { vi: `${what.vi}: có minh chứng nhưng chưa chấm điểm.`, en: `${what.en}: evidence given but no points.` }, v);
      return;
    }
    const points = readNumber(v, () => emit, ['tblChiSo', 'selfPoints', i], what);
    if (points === undefined) return;
    if (points < 0) emit('error', 'outOfRange', 'tblChiSo', 'selfPoints', i, { vi: `${what.vi}: điểm không được âm (${fmt(points)}).`, en: `${what.en}: points must not be negative (${points}).` }, v);
    else if (max !== undefined && points > max) emit('error', 'overMax', 'tblChiSo', 'selfPoints', i, { vi: `${what.vi}: ${fmt(points)} điểm vượt điểm tối đa ${fmt(max)}.`, en: `${what.en}: ${points} points exceed the maximum ${max}.` }, v);
    else {
      const p = show(row.pillar ?? null).toLocaleLowerCase('vi');
      sums.set(p, (sums.get(p) ?? 0) + points);
    }
    if (points > 0 && !evidence) emit('warning', 'pointsWithoutEvidence', 'tblChiSo', 'evidence', i, { vi: `${what.vi}: có ${fmt(points)} điểm nhưng chưa có minh chứng (Hội đồng có thể chấm 0 điểm).`, en: `${what.en}: ${points} points without evidence (may be scored 0).` }, row.evidence ?? null);
  });
  pillars.forEach((p, i) => {
    const max = typeof p.maxPoints === 'number' ? p.maxPoints : undefined;
    const sum = sums.get(show(p.pillar ?? null).toLocaleLowerCase('vi'));
    if (max !== undefined && sum !== undefined && sum > max + 1e-9) {
      emit('error', 'pillarOverMax', 'tblTruCot', 'points', i, { vi: `Trụ cột "${show(p.pillar ?? null)}": tổng ${fmt(sum)} điểm vượt tối đa ${fmt(max)}.`, en: `Pillar "${show(p.pillar ?? null)}": ${sum} points exceed the maximum ${max}.` }, sum);
    }
  });
}

function checkLevels(levels: Row[], emit: Emit): void {
  let previous = -Infinity;
  levels.forEach((l, i) => {
    const min = l.minScore ?? null;
    if (typeof min !== 'number') {
      emit('error', 'wrongType', 'tblMucDo', 'minScore', i, { vi: `Mức "${show(l.name ?? null)}": điểm tối thiểu "${fmt(min)}" không phải là số.`, en: `Level "${show(l.name ?? null)}": min score is not a number.` }, min);
      return;
    }
    if (min <= previous) emit('error', 'levelsNotAscending', 'tblMucDo', 'minScore', i, { vi: `Ngưỡng các mức phải tăng dần: "${show(l.name ?? null)}" = ${fmt(min)}.`, en: `Level thresholds must ascend: "${show(l.name ?? null)}" = ${min}.` }, min);
    previous = min;
    if (!textEquals(l.verified ?? null, YES)) emit('info', 'unverifiedThreshold', 'tblMucDo', 'minScore', i, { vi: `Ngưỡng mức "${show(l.name ?? null)}" (${fmt(min)} điểm) chưa được xác minh từ văn bản gốc.`, en: `The threshold of level "${show(l.name ?? null)}" (${min}) is unverified.` }, min);
  });
}
