import { CALCULATED_COLUMNS, type AgencyTableName } from '../../src/domain/agency-schema';
import type { AgencyTables } from '../../src/domain/calculate';
import type { CheckInput } from '../../src/domain/check';
import { dateSerial, type Row, type Scalar } from '../../src/domain/values';
import { indexVersionForYear } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { templateTables } from '../../src/workbook/agency-template';
import { cellAddress } from '../../src/workbook/spec';

/** A fresh template's tables for a unit, as the reader would return them. */
export function blankTables(unitId = 'BQT', year = 2025): AgencyTables {
  return templateTables({ plan: QUANG_TRI_2023, index: indexVersionForYear(year), year, unitId, lang: 'vi', generatedAt: '2025-11-01T00:00:00Z', generator: 'test' });
}

/** A complete, correct entry set for a press agency. */
export function goodTables(unitId = 'BQT', year = 2025): AgencyTables {
  const t = blankTables(unitId, year);
  setInfo(t, { periodFrom: dateSerial(year, 1, 1), periodTo: dateSerial(year, 10, 31), preparer: 'Nguyễn Văn An', phone: '0233 3852 123', email: 'an@baoquangtri.vn', submittedOn: dateSerial(year, 11, 20) });
  setIndicators(t, { CT1: 'Có', CT1a: 4, CT1b: 3, CT2: 'Không', CT3: 'Có', CT4a: 2, CT4b: 1, CT5a: 10000, CT5b: 12000, CT6a: 80, CT6b: 60, CT7: 3 });
  t.tblNhiemVu = (t.tblNhiemVu ?? []).map((r) => ({ ...r, status: 'Đang thực hiện', progress: 0.6, result: 'Đã triển khai' }));
  t.tblChiSo = (t.tblChiSo ?? []).map((r) => ({ ...r, selfPoints: Math.floor(Number(r.maxPoints) * 0.7), evidence: 'Báo cáo kèm theo' }));
  return t;
}

export function setInfo(t: AgencyTables, values: Record<string, Scalar>): void {
  t.tblThongTin = (t.tblThongTin ?? []).map((r) => (String(r.key) in values ? { ...r, value: values[String(r.key)] } : r));
}

export function setIndicators(t: AgencyTables, values: Record<string, Scalar>): void {
  t.tblChiTieu = (t.tblChiTieu ?? []).map((r) => (String(r.code) in values ? { ...r, value: values[String(r.code)] } : r));
}

export function setRow(t: AgencyTables, table: AgencyTableName, index: number, values: Row): void {
  const rows = [...(t[table] ?? [])];
  rows[index] = { ...rows[index], ...values };
  t[table] = rows;
}

/** Check input over tables laid out one table per sheet, header at row 1, keys in column order. */
export function checkInputFor(t: AgencyTables, overwritten: Array<[AgencyTableName, string, number]> = []): CheckInput {
  const formulas: CheckInput['formulas'] = {};
  for (const [table, rows] of Object.entries(t) as Array<[AgencyTableName, Row[]]>) {
    const calc = CALCULATED_COLUMNS[table] ?? [];
    formulas[table] = rows.map((r, i) => {
      const f: Record<string, string | null> = {};
      for (const key of Object.keys(r)) f[key] = calc.includes(key) || (table === 'tblThongTin' && r.key === 'unitType' && key === 'value') ? '=F()' : null;
      for (const [ot, ok, oi] of overwritten) if (ot === table && oi === i) f[ok] = null;
      return f;
    });
  }
  return {
    tables: t,
    formulas,
    missingTables: [],
    missingColumns: [],
    locate: (table, key, rowIndex) => {
      const rows = t[table] ?? [];
      const keys = Object.keys(rows[0] ?? {});
      const col = keys.indexOf(key);
      return col < 0 ? undefined : { sheet: table, address: cellAddress(rowIndex + 2, col + 1) };
    },
  };
}
