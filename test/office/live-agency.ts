import { localDateSerial } from '../../src/domain/values';
import type { AgencyTableName } from '../../src/domain/agency-schema';
import type { Criterion, IndexVersion } from '../../src/domain/types';
import type { Scalar } from '../../src/domain/values';
import { createFakeExcel, parseAddress, type CellModel, type FakeExcel, type FakeExcelOptions, type WorkbookModel } from '../../src/fake-excel';
import { makeOperations, type Operations } from '../../src/office/operations';
import { PROTECTION_OPTIONS, renderWorkbookSpec } from '../../src/office/render';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../../src/workbook/agency-template';
import { HEADERS } from '../../src/workbook/labels';
import { cellAddress } from '../../src/workbook/spec';
import { goodTables } from '../helpers/agency-fixture';

/** A live agency workbook in the fake Excel, and the ways a user changes it, for the operation tests. */

export const NOW = new Date(2025, 10, 20, 9, 0, 0);
export const YEAR = 2025;

/** An index version whose catalogue has `n` criteria, so tblChiSo has n rows (scales the workbook). */
export function bigIndex(n: number): IndexVersion {
  const base = indexVersionById('3560-2025')!;
  const criteria: Criterion[] = Array.from({ length: n }, (_, i) => ({
    pillarNo: (i % 5) + 1,
    component: `Thành phần ${(i % 10) + 1}`,
    code: `TC${i + 1}`,
    name: `Tiêu chí số ${i + 1} về chuyển đổi số báo chí`,
    maxPoints: 2,
  }));
  return { ...base, id: `big-${n}`, criteria };
}

export interface Live {
  fake: FakeExcel;
  ops: Operations;
}

export function liveExcel(options: FakeExcelOptions = {}): Live {
  const fake = createFakeExcel(options);
  return { fake, ops: makeOperations(fake.run, fake.isSetSupported, { now: () => NOW }) };
}

/** A fresh agency template for BQT drawn into the fake (the real index, or a scaled one). */
export async function agencyWorkbook(options: FakeExcelOptions & { index?: IndexVersion } = {}): Promise<Live> {
  const { index, ...fakeOptions } = options;
  const live = liveExcel(fakeOptions);
  if (!index) {
    await live.ops.createTemplateInExcel({ unitId: 'BQT', year: YEAR, indexVersionId: '3560-2025', lang: 'vi', replaceExisting: false }, () => undefined);
  } else {
    const spec = buildAgencyWorkbookSpec({ plan: QUANG_TRI_2023, index, year: YEAR, unitId: 'BQT', lang: 'vi', generatedAt: NOW.toISOString(), generator: 'test' }, localDateSerial(NOW));
    await live.fake.run((context) => renderWorkbookSpec(context, spec, { replaceExisting: false, isSetSupported: live.fake.isSetSupported, lang: 'vi' }));
  }
  return live;
}

/** Where a table cell is: the sheet and A1 address of data row `rowIndex` (0-based) in the column `key`. */
export function cellOf(model: WorkbookModel, table: AgencyTableName, key: string, rowIndex: number): { sheet: string; address: string } {
  const t = model.table(table);
  if (!t) throw new Error(`no table ${table}`);
  const col = t.columnNames.indexOf(HEADERS.vi[table][key]);
  if (col < 0) throw new Error(`no column ${key} in ${table}`);
  return { sheet: t.sheet.name, address: cellAddress(t.rect.top + 2 + rowIndex, t.rect.left + 1 + col) };
}

/** The data row of tblThongTin or tblChiTieu whose first column (key or code) is `rowKey`. */
export function rowIndexOf(model: WorkbookModel, table: AgencyTableName, rowKey: string): number {
  const t = model.table(table)!;
  for (let r = 1; r < t.rect.rows; r++) if (t.sheet.cell(t.rect.top + r, t.rect.left).value === rowKey) return r - 1;
  throw new Error(`no row ${rowKey} in ${table}`);
}

export const cellAt = (model: WorkbookModel, at: { sheet: string; address: string }): Readonly<CellModel> => model.requireSheet(at.sheet).at(at.address);

/** What a user typing into the cell does (input cells are unlocked, so protection allows it). */
export function typeInto(model: WorkbookModel, at: { sheet: string; address: string }, entry: string | number | boolean): void {
  model.write(model.requireSheet(at.sheet), parseAddress(at.address).rect, [[entry]], 'test typing');
}

/** A user who lifts the protection (no password), types over a calculated cell and protects again. */
export function overwrite(model: WorkbookModel, at: { sheet: string; address: string }, entry: string | number): void {
  const sheet = model.requireSheet(at.sheet);
  model.unprotect(sheet, null);
  typeInto(model, at, entry);
  model.protect(sheet, { ...PROTECTION_OPTIONS }, null);
}

const entry = (v: Scalar): string | number | boolean => (v === null ? '' : typeof v === 'object' ? v.error : v);

/** Fills the input cells with a complete, correct report (the fixture's values), as a user would. */
export function fillInputs(model: WorkbookModel): void {
  const good = goodTables('BQT', YEAR);
  const inputs: Array<[AgencyTableName, string[]]> = [
    ['tblChiTieu', ['value', 'evidence']],
    ['tblNhiemVu', ['status', 'progress', 'result']],
    ['tblChiSo', ['selfPoints', 'evidence']],
  ];
  for (const key of ['periodFrom', 'periodTo', 'preparer', 'phone', 'email', 'submittedOn']) {
    const row = good.tblThongTin!.find((r) => r.key === key)!;
    typeInto(model, cellOf(model, 'tblThongTin', 'value', rowIndexOf(model, 'tblThongTin', key)), entry(row.value ?? null));
  }
  for (const [table, keys] of inputs) {
    const rows = good[table] ?? [];
    const count = model.table(table)!.rect.rows - 1;
    for (let i = 0; i < Math.min(rows.length, count); i++) for (const key of keys) typeInto(model, cellOf(model, table, key, i), entry(rows[i][key] ?? null));
  }
}

/** Every unlocked (input) cell of every sheet, as JSON, keyed by sheet!address. */
export function inputCells(model: WorkbookModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of model.sheets) {
    for (const [k, c] of s.cells) if (!c.locked) out.set(`${s.name}!${k}`, JSON.stringify(c));
  }
  return out;
}

/** Every cell of every sheet, as JSON (for "nothing else changed" assertions). */
export function allCells(model: WorkbookModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of model.sheets) for (const [k, c] of s.cells) out.set(`${s.name}!${k}`, JSON.stringify(c));
  return out;
}

/** Keys whose JSON differs (or exists on one side only). */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** Grid key (as SheetModel.cells uses) of an A1 address, for comparing with changedKeys. */
export function gridKey(sheet: string, address: string): string {
  const { rect } = parseAddress(address);
  return `${sheet}!${rect.top * 16_384 + rect.left}`;
}
