import { computeAgencyResults } from '../../src/domain/calculate';
import { entriesOf, migrateEntries } from '../../src/domain/migrate';
import { dateSerial } from '../../src/domain/values';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { templateTables } from '../../src/workbook/agency-template';
import { goodTables } from '../helpers/agency-fixture';
import { synthetic } from './helpers';

const plan = QUANG_TRI_2023;
const base = { plan, year: 2023, unitId: 'BQT', lang: 'vi' as const, generatedAt: '2024-11-01T00:00:00Z', generator: 'test' };
const pillarLevel951 = () => templateTables({ ...base, index: indexVersionById('951-2023')! });
const criterionLevel = (id: '951-2023' | '1827-2024') => templateTables({ ...base, index: indexVersionById(id)!, catalogue: synthetic(id) });

describe('migration', () => {
  it('pillar-level → criterion-level keeps every entry that has a place and lists the pillar scores, never dropping one', () => {
    const source = goodTables('BQT', 2023);
    const before = entriesOf(source);
    const { tables, unmapped, placed } = migrateEntries(source, criterionLevel('1827-2024'), { fromVersion: '951-2023' });
    // Pillar rows TC1..TC5 have no criterion: selfPoints and evidence of each go to tblKhongAnhXa.
    expect(unmapped.map((u) => [u.code, u.field])).toEqual(['TC1', 'TC2', 'TC3', 'TC4', 'TC5'].flatMap((c) => [[c, 'selfPoints'], [c, 'evidence']]));
    expect(unmapped[0]).toMatchObject({ fromVersion: '951-2023', table: 'tblChiSo', item: 'Chiến lược — Toàn bộ trụ cột (chưa nạp danh mục tiêu chí)', value: 12 });
    expect(tables.tblKhongAnhXa).toEqual(unmapped);
    expect(placed + unmapped.length).toBe(before.size);
    const after = entriesOf(tables);
    for (const [k, v] of before) if (!k.startsWith('tblChiSo|')) expect([k, after.get(k)]).toEqual([k, v]);
    // Criteria are unscored: the level waits.
    expect(computeAgencyResults(tables, plan, dateSerial(2024, 11, 1)).level).toBe('Chưa hoàn thành (0/43)');
  });

  it('and back: the pillar scores return to their rows; the criterion entries are listed; totals and levels recomputed', () => {
    const source = goodTables('BQT', 2023);
    const original = entriesOf(source);
    const up = migrateEntries(source, criterionLevel('1827-2024'), { fromVersion: '951-2023' }).tables;
    up.tblChiSo = (up.tblChiSo ?? []).map((r, i) => (i < 3 ? { ...r, selfPoints: 1, note: 'chấm ở mức tiêu chí' } : r));
    const down = migrateEntries(up, pillarLevel951(), { fromVersion: '1827-2024' });
    const back = entriesOf(down.tables);
    for (const [k, v] of original) expect([k, back.get(k)]).toEqual([k, v]);
    expect(down.unmapped.map((u) => [u.code, u.field, u.value])).toEqual([
      ['1.1', 'selfPoints', 1], ['1.1', 'note', 'chấm ở mức tiêu chí'], ['1.2', 'selfPoints', 1], ['1.2', 'note', 'chấm ở mức tiêu chí'], ['1.3', 'selfPoints', 1], ['1.3', 'note', 'chấm ở mức tiêu chí'],
    ]);
    const r = computeAgencyResults(down.tables, plan, dateSerial(2024, 11, 1));
    expect(r.total).toBe(computeAgencyResults(source, plan, dateSerial(2024, 11, 1)).total);
    expect(r.level).toBe(computeAgencyResults(source, plan, dateSerial(2024, 11, 1)).level);
  });

  it('951 → 1827 with the official’s mapping: mapped codes move, unmapped ones are listed, no entry overwrites another', () => {
    const source = criterionLevel('951-2023');
    source.tblChiSo = (source.tblChiSo ?? []).map((r) => ({ ...r, selfPoints: r.maxPoints, evidence: `MC ${String(r.code)}` }));
    const target = criterionLevel('1827-2024');
    // 1827's test catalogue adds 10.7; the mapping sends old 10.6 there and old 10.5 onto 10.6 —
    // and 9.5 onto 9.4, which old 9.4 already fills: that one must be listed, not overwrite.
    const mapping = [{ from: '10.6', to: '10.7' }, { from: '10.5', to: '10.6' }, { from: '9.5', to: '9.4' }, { from: '1.1', to: 'X.9' }];
    const { tables, unmapped } = migrateEntries(source, target, { fromVersion: '951-2023', mapping });
    const row = (code: string) => tables.tblChiSo!.find((r) => r.code === code)!;
    expect(row('10.7')).toMatchObject({ selfPoints: 3, evidence: 'MC 10.6' });
    expect(row('10.6')).toMatchObject({ evidence: 'MC 10.5' });
    expect(row('9.4')).toMatchObject({ evidence: 'MC 9.4' });
    expect(row('10.5').evidence).toBeNull();
    expect(unmapped.map((u) => `${String(u.code)}:${String(u.field)}`).sort()).toEqual(['1.1:evidence', '1.1:selfPoints', '9.5:evidence', '9.5:selfPoints']);
  });

  it('carries the official’s unit list and keeps the template’s fixed rows', () => {
    const source = goodTables('BQT', 2023);
    source.tblDonVi = [...(source.tblDonVi ?? []), { id: 'MOI', name: 'Báo và Phát thanh, Truyền hình Quảng Trị', type: 'Báo', group: 'Cơ quan báo chí' }];
    const { tables } = migrateEntries(source, criterionLevel('1827-2024'), { fromVersion: '951-2023' });
    expect(tables.tblDonVi?.at(-1)?.id).toBe('MOI');
    expect(tables.tblThongTin?.find((r) => r.key === 'year')?.value).toBe(2023);
  });
});
