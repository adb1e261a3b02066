import fc from 'fast-check';
import { checkAgencyWorkbook } from '../../src/domain/check';
import type { Scalar } from '../../src/domain/values';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { checkInputFor, goodTables } from '../helpers/agency-fixture';

const ctx = { plan: QUANG_TRI_2023, indexVersions: INDEX_VERSIONS };

/** Anything a cell can hold: numbers of every kind, text (formulas, dates, huge), booleans, errors, blanks. */
const anyCell: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.string(),
  fc.string({ minLength: 5000, maxLength: 40000 }),
  fc.constantFrom('=SUM(A1:A9)', '=1/0', '+cmd|x', '@SUM(1)', '25/11/2025', '1,5', '1.234.567', '75%', 'có', 'x', 'Hoàn thành', 'Có', ' Có ', '\t', '\r\n'),
  fc.constantFrom<Scalar>({ error: '#N/A' }, { error: '#VALUE!' }, { error: '#REF!' }),
);

const inputKeys: Array<[table: 'tblChiTieu' | 'tblNhiemVu' | 'tblChiSo' | 'tblThongTin', key: string]> = [
  ['tblChiTieu', 'value'], ['tblNhiemVu', 'status'], ['tblNhiemVu', 'progress'], ['tblChiSo', 'selfPoints'], ['tblThongTin', 'value'],
];

/** Whether a value obeys the rule of its cell; null = the rule's verdict is not simple to state here. */
function obeys(table: string, key: string, code: string, v: Scalar, max: number): boolean | null {
  if (v === null || v === '') return null;
  const isNum = typeof v === 'number' && Number.isFinite(v);
  if (table === 'tblChiTieu') {
    const ind = QUANG_TRI_2023.indicators.find((i) => i.code === code)!;
    if (ind.kind === 'yesNo') return v === 'Có' || v === 'Không';
    if (!isNum) return false;
    if (v < (ind.min ?? 0) || (ind.max !== undefined && v > ind.max)) return false;
    return ind.kind === 'decimal' || Number.isInteger(v) ? null : false;
  }
  if (key === 'status') return typeof v === 'string' && ['Chưa thực hiện', 'Đang thực hiện', 'Hoàn thành', 'Tạm dừng'].includes(v) ? null : false;
  if (key === 'progress') return isNum && v >= 0 && v <= 100 ? null : false;
  if (key === 'selfPoints') return isNum && v >= 0 && v <= max ? null : false;
  return null;
}

describe('check engine, property-based', () => {
  test('never throws, never mutates its input, flags every value outside its rule', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: inputKeys.length - 1 }), fc.nat(), anyCell), { minLength: 1, maxLength: 12 }), (edits) => {
        const t = goodTables();
        const planted: Array<[(typeof inputKeys)[number][0], string, number, Scalar]> = [];
        for (const [k, rowSeed, v] of edits) {
          const [table, key] = inputKeys[k];
          const rows = t[table]!;
          const i = rowSeed % rows.length;
          rows[i] = { ...rows[i], [key]: v };
          planted.push([table, key, i, v]);
        }
        const input = checkInputFor(t);
        const before = JSON.stringify(input.tables);
        const findings = checkAgencyWorkbook(input, ctx);
        expect(JSON.stringify(input.tables)).toBe(before);
        for (const [table, key, i, v] of planted) {
          const row = t[table]![i];
          if (row[key] !== v) continue; // a later edit replaced it
          const verdict = obeys(table, key, String(row.code ?? ''), v, Number(row.maxPoints ?? 0));
          if (verdict === false) {
            const flagged = findings.some((f) => f.table === table && f.row === i + 1 && (f.key === key || f.code === 'crossField'));
            if (!flagged) throw new Error(`not flagged: ${table}.${key}[${i}] = ${JSON.stringify(v)?.slice(0, 80)}`);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
