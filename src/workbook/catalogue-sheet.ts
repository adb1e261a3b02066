import { CATALOGUE_COLUMNS, CATALOGUE_SETTING_KEYS, type Catalogue, type CatalogueInput, type CatalogueTableName } from '../domain/catalogue';
import { parseCsv } from '../domain/csv';
import type { IndexVersion } from '../domain/types';
import type { Row, Scalar } from '../domain/values';
import { NO, YES } from '../domain/vocabulary';
import { HEADERS, type Lang } from './labels';
import type { TableSnapshot } from './read';
import { cellAddress, NUMBER_FORMATS, type CellSpec, type ColumnSpec, type LooseCell, type NameSpec, type SheetSpec, type TableSpec, type ValidationSpec, type WorkbookSpec } from './spec';

/**
 * The "Bộ tiêu chí" sheet: the criteria catalogue as an official fills it (visible, input cells)
 * and as it travels inside an agency workbook (hidden, protected), so a consolidator knows what
 * each agency was scored against. Also reads such a sheet, a pasted table or a CSV back into
 * rows by column key for the domain check (src/domain/catalogue.ts).
 */

export const CATALOGUE_SHEET_NAMES: Record<Lang, { catalogue: string; unmapped: string }> = {
  vi: { catalogue: 'Bộ tiêu chí', unmapped: 'Không ánh xạ được' },
  en: { catalogue: 'Criteria catalogue', unmapped: 'Unmapped entries' },
};

/** Name of the pillar list the pillar column's dropdown draws on. */
export const PILLAR_LIST_NAME = 'lstTruCotTC';

export const CATALOGUE_HEADERS: Record<Lang, { [T in CatalogueTableName]: Record<string, string> }> = {
  vi: {
    tblTieuChi: HEADERS.vi.tblTieuChi,
    tblNguong: { level: 'Mức', name: 'Tên mức', minScore: 'Điểm tối thiểu', verified: 'Đã xác minh', note: 'Nguồn, ghi chú' },
    tblLichSu: { at: 'Thời điểm', who: 'Người sửa', level: 'Mức', field: 'Trường', oldValue: 'Giá trị cũ', newValue: 'Giá trị mới' },
    tblBoTieuChi: { key: 'Khóa', value: 'Giá trị' },
    tblTongTruCot: { pillar: 'Trụ cột', maxPoints: 'Điểm tối đa trụ cột', criteriaPoints: 'Tổng điểm các tiêu chí', criteriaCount: 'Số tiêu chí' },
  },
  en: {
    tblTieuChi: HEADERS.en.tblTieuChi,
    tblNguong: { level: 'Level', name: 'Level name', minScore: 'Min score', verified: 'Verified', note: 'Source, note' },
    tblLichSu: { at: 'When', who: 'Who', level: 'Level', field: 'Field', oldValue: 'Old value', newValue: 'New value' },
    tblBoTieuChi: { key: 'Key', value: 'Value' },
    tblTongTruCot: { pillar: 'Pillar', maxPoints: 'Pillar maximum', criteriaPoints: 'Criteria points', criteriaCount: 'Criteria' },
  },
};

/** Where each table sits on the sheet. */
export const CATALOGUE_LAYOUT: Record<CatalogueTableName, { row: number; col: number }> = {
  tblTieuChi: { row: 5, col: 1 },
  tblBoTieuChi: { row: 5, col: 9 },
  tblTongTruCot: { row: 10, col: 9 },
  tblNguong: { row: 18, col: 9 },
  tblLichSu: { row: 26, col: 9 },
};

const escapeColumn = (header: string) => header.replace(/(['#[\]@])/g, "'$1");
type T = { vi: string; en: string };

export interface CatalogueSheetOptions {
  lang: Lang;
  /** An agency workbook carries it hidden and protected; an official edits it visible. */
  embedded: boolean;
}

/** The catalogue sheet and the workbook name its dropdown uses. A catalogue without criteria gets one placeholder row per pillar. */
export function buildCatalogueSheet(catalogue: Catalogue, version: IndexVersion, o: CatalogueSheetOptions): { sheet: SheetSpec; names: NameSpec[] } {
  const { lang, embedded } = o;
  const h = CATALOGUE_HEADERS[lang];
  const tr = (t: T) => t[lang];
  const input = (validation?: ValidationSpec, numberFormat?: string, wrap = false) => ({ role: 'input' as const, validation, numberFormat, wrap });
  const fixed = { role: 'fixed' as const };
  const msg = (title: T, prompt: T, error: T) => ({
    promptTitle: tr(title).slice(0, 32), prompt: tr(prompt).slice(0, 255), errorTitle: tr({ vi: 'Giá trị không hợp lệ', en: 'Invalid value' }), error: tr(error).slice(0, 255),
  });
  const text = (title: T, max: number): ValidationSpec => ({ type: 'textLength', max, ...msg(title, { vi: `Tối đa ${max} ký tự.`, en: `At most ${max} characters.` }, { vi: `Tối đa ${max} ký tự.`, en: `At most ${max} characters.` }) });
  const defs: Record<CatalogueTableName, Record<string, { role: CellSpec['role']; width: number; validation?: ValidationSpec; numberFormat?: string; wrap?: boolean }>> = {
    tblTieuChi: {
      pillar: { ...input({ type: 'list', source: `=${PILLAR_LIST_NAME}`, ...msg({ vi: 'Trụ cột', en: 'Pillar' }, { vi: 'Chọn trụ cột của tiêu chí.', en: 'Pick the pillar of the criterion.' }, { vi: 'Chỉ chọn trụ cột có trong danh sách.', en: 'Pick a pillar from the list.' }) }, undefined, true), width: 30 },
      component: { ...input(text({ vi: 'Chỉ số thành phần', en: 'Component index' }, 255), undefined, true), width: 28 },
      code: { ...input(text({ vi: 'Mã tiêu chí', en: 'Criterion code' }, 20)), width: 9 },
      criterion: { ...input(text({ vi: 'Tiêu chí', en: 'Criterion' }, 2000), undefined, true), width: 48 },
      maxPoints: { ...input({ type: 'decimal', min: 0, max: 100, ...msg({ vi: 'Điểm tối đa', en: 'Max points' }, { vi: 'Điểm tối đa của tiêu chí (lớn hơn 0).', en: "The criterion's maximum (above 0)." }, { vi: 'Điểm tối đa phải là số từ 0 đến 100.', en: 'Max points must be a number from 0 to 100.' }) }, NUMBER_FORMATS.points), width: 10 },
      scoring: { ...input(text({ vi: 'Cách chấm điểm', en: 'Scoring' }, 2000), undefined, true), width: 36 },
      evidenceRequired: { ...input(text({ vi: 'Yêu cầu minh chứng', en: 'Evidence required' }, 10)), width: 11 },
    },
    tblBoTieuChi: { key: { ...fixed, width: 14 }, value: { ...input(text({ vi: 'Giá trị', en: 'Value' }, 255)), width: 24 } },
    tblTongTruCot: { pillar: { ...fixed, width: 30, wrap: true }, maxPoints: { ...fixed, width: 11, numberFormat: NUMBER_FORMATS.points }, criteriaPoints: { role: 'calc', width: 11, numberFormat: NUMBER_FORMATS.points }, criteriaCount: { role: 'calc', width: 9 } },
    tblNguong: {
      level: { ...fixed, width: 6 }, name: { ...fixed, width: 12 },
      minScore: { ...input({ type: 'decimal', min: 0, max: 100, ...msg({ vi: 'Ngưỡng', en: 'Threshold' }, { vi: 'Điểm tối thiểu của mức (0–100); sửa qua ngăn PressDX để được ghi lịch sử.', en: "The level's minimum (0–100); edit it from the PressDX pane to record the change." }, { vi: 'Ngưỡng phải là số từ 0 đến 100.', en: 'A threshold is a number from 0 to 100.' }) }, NUMBER_FORMATS.points), width: 11 },
      verified: { ...input(text({ vi: 'Đã xác minh', en: 'Verified' }, 10)), width: 10 }, note: { ...input(text({ vi: 'Nguồn', en: 'Source' }, 255), undefined, true), width: 30 },
    },
    tblLichSu: { at: { ...fixed, width: 16 }, who: { ...fixed, width: 18 }, level: { ...fixed, width: 6 }, field: { ...fixed, width: 10 }, oldValue: { ...fixed, width: 10 }, newValue: { ...fixed, width: 10 } },
  };
  const pillarName = (no: number) => version.pillars.find((p) => p.no === no)?.name ?? String(no);
  const criteria: Row[] = catalogue.criteria.length > 0
    ? catalogue.criteria.map((c) => ({ pillar: pillarName(c.pillarNo), component: c.component, code: c.code, criterion: c.name, maxPoints: c.maxPoints, scoring: c.scoring ?? '', evidenceRequired: c.evidenceRequired === false ? NO : YES }))
    : version.pillars.map((p) => ({ pillar: p.name, component: null, code: null, criterion: null, maxPoints: null, scoring: null, evidenceRequired: null }));
  const colRef = (table: CatalogueTableName, key: string) => `${table}[${escapeColumn(h[table][key])}]`;
  const me = (table: CatalogueTableName, key: string) => `${table}[[#This Row],[${escapeColumn(h[table][key])}]]`;
  const sums = new Map<number, { points: number; count: number }>();
  for (const c of catalogue.criteria) {
    const s = sums.get(c.pillarNo) ?? { points: 0, count: 0 };
    sums.set(c.pillarNo, { points: s.points + c.maxPoints, count: s.count + 1 });
  }
  const data: Record<CatalogueTableName, Row[]> = {
    tblTieuChi: criteria,
    tblBoTieuChi: [{ key: 'indexVersion', value: catalogue.indexVersion }, { key: 'source', value: catalogue.source }].filter((r) => (CATALOGUE_SETTING_KEYS as readonly string[]).includes(String(r.key))),
    tblTongTruCot: version.pillars.map((p) => ({ pillar: p.name, maxPoints: p.maxPoints, criteriaPoints: sums.get(p.no)?.points ?? 0, criteriaCount: sums.get(p.no)?.count ?? 0 })),
    tblNguong: catalogue.levels.map((l) => ({ level: l.level, name: l.name, minScore: l.minScore, verified: l.provenance.verified ? YES : NO, note: l.provenance.note ?? '' })),
    tblLichSu: catalogue.history.length > 0
      ? catalogue.history.map((e) => ({ at: e.at, who: e.who, level: e.level, field: e.field, oldValue: e.oldValue, newValue: e.newValue }))
      : [{ at: null, who: null, level: null, field: null, oldValue: null, newValue: null }],
  };
  const formulas: Partial<Record<string, string>> = {
    'tblTongTruCot.criteriaPoints': `=SUMIFS(${colRef('tblTieuChi', 'maxPoints')},${colRef('tblTieuChi', 'pillar')},${me('tblTongTruCot', 'pillar')})`,
    'tblTongTruCot.criteriaCount': `=COUNTIFS(${colRef('tblTieuChi', 'pillar')},${me('tblTongTruCot', 'pillar')},${colRef('tblTieuChi', 'code')},"<>")`,
  };
  const table = (name: CatalogueTableName): TableSpec => {
    const columns: ColumnSpec[] = CATALOGUE_COLUMNS[name].map((key) => ({ key, header: h[name][key], ...defs[name][key] }));
    const rows = data[name].map((row) =>
      columns.map((c): CellSpec => {
        const formula = formulas[`${name}.${c.key}`];
        if (formula) return { role: 'calc', style: 'calc', formula, result: row[c.key] ?? null, numberFormat: c.numberFormat };
        const role = name === 'tblBoTieuChi' && c.key === 'value' && embedded ? 'fixed' : c.role;
        return { role, style: role, value: row[c.key] ?? null, numberFormat: c.numberFormat, validation: role === 'input' ? c.validation : undefined, wrap: c.wrap };
      }),
    );
    return { name, ...CATALOGUE_LAYOUT[name], columns, rows };
  };
  const tables = (['tblTieuChi', 'tblBoTieuChi', 'tblTongTruCot', 'tblNguong', 'tblLichSu'] as const).map(table);
  const widths: number[] = [];
  for (const t of tables) t.columns.forEach((c, i) => (widths[t.col - 1 + i] = Math.max(widths[t.col - 1 + i] ?? 0, c.width)));
  for (let i = 0; i < widths.length; i++) widths[i] = widths[i] ?? 3;
  const cell = (row: number, col: number, value: string, style: CellSpec['style'], mergeToCol?: number): LooseCell => ({ row, col, cell: { role: 'fixed', style, value, wrap: mergeToCol !== undefined }, mergeToCol });
  const cells: LooseCell[] = [
    cell(1, 1, tr({ vi: `Bộ tiêu chí — ${version.decision} (${version.id})`, en: `Criteria catalogue — ${version.decision} (${version.id})` }), 'title', 4),
    cell(2, 1, tr(embedded
      ? { vi: 'Bộ tiêu chí mà đơn vị đã tự chấm điểm theo; do PressDX ghi, không sửa.', en: 'The criteria this agency was scored against; written by PressDX, do not edit.' }
      : { vi: 'Dán các dòng của phụ lục quyết định vào bảng Tiêu chí (mỗi dòng một tiêu chí), rồi bấm Kiểm tra bộ tiêu chí. PressDX không có sẵn tiêu chí nào.', en: "Paste the decision annex's rows into the criteria table (one criterion a row), then check the catalogue. PressDX ships no criteria." }), 'subtitle', 7),
    cell(3, 1, tr({ vi: 'Mỗi trụ cột phải có tổng điểm các tiêu chí đúng bằng điểm tối đa của trụ cột; tổng là 100.', en: "Each pillar's criteria must add up to the pillar's maximum; all to 100." }), 'note', 7),
    cell(CATALOGUE_LAYOUT.tblNguong.row - 1, CATALOGUE_LAYOUT.tblNguong.col, tr({ vi: 'Ngưỡng mức độ (sửa qua ngăn PressDX để ghi lịch sử)', en: 'Level thresholds (edit from the PressDX pane to record history)' }), 'label'),
    cell(CATALOGUE_LAYOUT.tblLichSu.row - 1, CATALOGUE_LAYOUT.tblLichSu.col, tr({ vi: 'Lịch sử sửa ngưỡng', en: 'Threshold edit history' }), 'label'),
  ];
  const names = CATALOGUE_SHEET_NAMES[lang];
  const sheet: SheetSpec = {
    key: 'catalogue', name: names.catalogue, visible: !embedded, tabColor: '70AD47', columnWidths: widths, freezeRows: CATALOGUE_LAYOUT.tblTieuChi.row,
    protect: embedded, print: { landscape: true, fitToWidth: true, repeatRows: [CATALOGUE_LAYOUT.tblTieuChi.row, CATALOGUE_LAYOUT.tblTieuChi.row], header: `${version.decision}` },
    cells, tables,
  };
  return { sheet, names: [{ name: PILLAR_LIST_NAME, refersTo: colRef('tblTongTruCot', 'pillar') }] };
}

/** A workbook holding only the catalogue sheet (the CLI's template for officials, and tests). */
export function buildCatalogueWorkbookSpec(catalogue: Catalogue, version: IndexVersion, lang: Lang): WorkbookSpec {
  const { sheet, names } = buildCatalogueSheet(catalogue, version, { lang, embedded: false });
  return { sheets: [sheet], names };
}

// ---- reading ------------------------------------------------------------------------------

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim().toLocaleLowerCase('vi');

/** Header → key for a catalogue table: both languages' headers, the keys, and a few annex wordings. */
function headerKey(table: CatalogueTableName, header: string): string | undefined {
  const h = norm(header);
  for (const lang of ['vi', 'en'] as const) for (const [key, text] of Object.entries(CATALOGUE_HEADERS[lang][table])) if (norm(text) === h) return key;
  for (const key of CATALOGUE_COLUMNS[table]) if (norm(key) === h) return key;
  if (table !== 'tblTieuChi') return undefined;
  const aliases: Record<string, string[]> = {
    pillar: ['trụ cột chính', 'pillar no'], component: ['chỉ số thành phần', 'thành phần', 'component'], code: ['mã tiêu chí', 'mã số', 'code'],
    criterion: ['tên tiêu chí', 'nội dung tiêu chí', 'nội dung', 'criterion name'], maxPoints: ['điểm', 'điểm tối đa', 'thang điểm', 'max'],
    scoring: ['cách tính điểm', 'phương pháp chấm', 'hướng dẫn chấm điểm'], evidenceRequired: ['minh chứng', 'yêu cầu tài liệu kiểm chứng'],
  };
  return Object.entries(aliases).find(([, list]) => list.includes(h))?.[0];
}

/**
 * The catalogue tables among a workbook's tables: by name, or (for an annex pasted as a table
 * of another name) the first table whose headers name the criteria columns.
 */
export function catalogueInputFromSnapshots(snapshots: TableSnapshot[], o: { indexVersion?: string; textSource?: boolean } = {}): CatalogueInput {
  const found = new Map<CatalogueTableName, TableSnapshot>();
  for (const name of Object.keys(CATALOGUE_COLUMNS) as CatalogueTableName[]) {
    const snap = snapshots.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (snap) found.set(name, snap);
  }
  if (!found.has('tblTieuChi')) {
    const guess = snapshots.find((s) => {
      const keys = new Set(s.headers.map((x) => headerKey('tblTieuChi', String(x))));
      return ['pillar', 'code', 'criterion', 'maxPoints'].every((k) => keys.has(k));
    });
    if (guess) found.set('tblTieuChi', guess);
  }
  const input: CatalogueInput = { tables: {}, missingTables: [], missingColumns: [], locate: () => undefined, indexVersion: o.indexVersion, textSource: o.textSource };
  const columns = new Map<CatalogueTableName, Record<string, number>>();
  for (const name of Object.keys(CATALOGUE_COLUMNS) as CatalogueTableName[]) {
    const snap = found.get(name);
    if (!snap) {
      input.missingTables.push(name);
      continue;
    }
    const cols: Record<string, number> = {};
    snap.headers.forEach((header, i) => {
      const key = headerKey(name, String(header ?? ''));
      if (key && cols[key] === undefined) cols[key] = i;
    });
    for (const key of CATALOGUE_COLUMNS[name]) if (cols[key] === undefined) input.missingColumns.push({ table: name, key });
    columns.set(name, cols);
    input.tables[name] = snap.values.map((r) => {
      const row: Row = {};
      for (const [key, i] of Object.entries(cols)) row[key] = r[i] ?? null;
      return row;
    });
  }
  input.locate = (table, key, rowIndex) => {
    const snap = found.get(table);
    if (!snap) return undefined;
    const col = columns.get(table)?.[key];
    if (rowIndex < 0) return { sheet: snap.sheetName, address: '' };
    return { sheet: snap.sheetName, address: cellAddress(snap.row + 1 + rowIndex, snap.col + (col ?? 0)) };
  };
  return input;
}

/** A CSV file as one table snapshot at A1 of a sheet named after the file; every value text. */
export function csvToSnapshot(text: string, sheetName: string): TableSnapshot {
  const { records } = parseCsv(text);
  const [headers = [], ...rows] = records;
  const width = headers.length;
  const values: Scalar[][] = rows.map((r) => Array.from({ length: width }, (_, i) => (r[i] ?? '') === '' ? null : r[i]));
  return { name: 'tblTieuChi', sheetName, row: 1, col: 1, headers, values, formulas: values.map((r) => r.map(() => null)) };
}
