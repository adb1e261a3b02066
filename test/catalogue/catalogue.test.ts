import { catalogueId, checkCatalogue, editThreshold, emptyCatalogue, groupCriteria, resolvePillar } from '../../src/domain/catalogue';
import { parseCsv } from '../../src/domain/csv';
import { INDEX_VERSIONS, indexVersionById } from '../../src/indexes/index-versions';
import { catalogueInputFromSnapshots, csvToSnapshot } from '../../src/workbook/catalogue-sheet';
import type { TableSnapshot } from '../../src/workbook/read';
import { checkFixture, fixtureText, synthetic } from './helpers';

const v951 = indexVersionById('951-2023')!;

describe('CSV', () => {
  it('reads a BOM, semicolons, quoted separators, doubled quotes and CRLF', () => {
    const t = parseCsv('\ufeffa;b;c\r\n"x;y";"say ""hi""";3\r\n\r\n"multi\nline";;z\r\n');
    expect(t.separator).toBe(';');
    expect(t.records).toEqual([['a', 'b', 'c'], ['x;y', 'say "hi"', '3'], ['multi\nline', '', 'z']]);
  });
  it('takes the comma when the header has more commas than semicolons, and keeps a last line without newline', () => {
    expect(parseCsv('a,b;c,d\n1,2;3,4').records).toEqual([['a', 'b;c', 'd'], ['1', '2;3', '4']]);
  });
});

describe('catalogue check: synthetic (made-up) catalogues', () => {
  it('accepts the 42-criterion test catalogue for 951 with no finding above info', () => {
    const { findings, catalogue } = checkFixture('synthetic-951-42.csv', '951-2023');
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(catalogue?.criteria).toHaveLength(42);
    expect(new Set(catalogue?.criteria.map((c) => c.component)).size).toBe(10);
    // Fixture text labels every criterion as test data.
    expect(catalogue?.criteria.every((c) => c.name.includes('dữ liệu giả lập để kiểm thử'))).toBe(true);
    expect(catalogue?.criteria.reduce((s, c) => s + c.maxPoints, 0)).toBe(100);
  });

  it('accepts the 43-criterion one (semicolons, BOM) for 1827 and warns when checked against 951 (42 published)', () => {
    expect(synthetic('1827-2024').criteria).toHaveLength(43);
    const against951 = checkFixture('synthetic-1827-43.csv', '951-2023');
    const counts = against951.findings.filter((f) => f.code === 'criteriaCount');
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({ severity: 'warning', table: 'tblTieuChi' });
    expect(counts[0].messageVi).toContain('43 tiêu chí; 951/QĐ-BTTTT công bố 42');
    // A count difference is a warning: the catalogue is still usable.
    expect(against951.catalogue?.criteria).toHaveLength(43);
  });

  it('gives the same id to the same criteria and a different one when a maximum moves', () => {
    const a = synthetic('951-2023');
    const moved = { ...a, criteria: a.criteria.map((c, i) => (i === 0 ? { ...c, maxPoints: 3 } : i === 1 ? { ...c, maxPoints: 1 } : c)) };
    expect(catalogueId(a)).toBe(catalogueId({ ...a, criteria: [...a.criteria].reverse() }));
    expect(catalogueId(a)).not.toBe(catalogueId(moved));
    expect(catalogueId(a)).toMatch(/^951-2023\/42\/[0-9a-f]{8}$/);
  });
});

describe('catalogue check: broken catalogues, each finding named with sheet, cell and rule', () => {
  it('sum not 100: the pillar sum and the total, pointing at the pillar’s last row', () => {
    const { findings, catalogue } = checkFixture('broken-sum.csv', '951-2023');
    expect(catalogue).toBeUndefined();
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.code).sort()).toEqual(['pillarSum', 'totalSum']);
    const pillar = errors.find((f) => f.code === 'pillarSum')!;
    // Pillar 2's last criterion (5.3) is data row 18 → sheet row 19, column E (Điểm tối đa).
    expect(pillar).toMatchObject({ sheet: 'broken-sum.csv', address: 'E19', key: 'maxPoints', value: 26 });
    expect(pillar.messageVi).toContain('Trụ cột 2 "Hạ tầng số, nền tảng số và an toàn thông tin": các tiêu chí cộng lại 26 điểm, phải đúng bằng 24');
    expect(errors.find((f) => f.code === 'totalSum')!.messageVi).toBe('Tổng điểm tối đa của mọi tiêu chí là 102, phải đúng bằng 100.');
  });

  it('duplicate code: names both rows', () => {
    const { findings, catalogue } = checkFixture('broken-duplicate-code.csv', '951-2023');
    expect(catalogue).toBeUndefined();
    const dup = findings.filter((f) => f.severity === 'error');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ code: 'duplicateCode', address: 'C7', row: 6, value: '1.2' });
    expect(dup[0].messageVi).toContain('mã "1.2" trùng với dòng 2 (broken-duplicate-code.csv!C3)');
    expect(dup[0].messageEn).toContain('codes must be unique');
  });

  it('unknown pillar: lists the version’s pillars', () => {
    const { findings } = checkFixture('broken-unknown-pillar.csv', '951-2023');
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'unknownPillar', address: 'A22', key: 'pillar', value: 'Trụ cột thử nghiệm không tồn tại' });
    expect(errors[0].messageVi).toContain('không thuộc 951/QĐ-BTTTT (có: 1. Chiến lược; 2. Hạ tầng số');
  });

  it('inconsistent component: a component under two pillars', () => {
    const { findings } = checkFixture('broken-inconsistent-component.csv', '951-2023');
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'inconsistentComponent', address: 'B11', row: 10 });
    expect(errors[0].messageVi).toContain('thuộc trụ cột 1 ở dòng 1 (broken-inconsistent-component.csv!B2) nhưng ở đây thuộc trụ cột 2');
  });

  it('malformed code, text points from a workbook, missing values, unknown version', () => {
    const snap: TableSnapshot = {
      name: 'tblTieuChi', sheetName: 'Bộ tiêu chí', row: 5, col: 1,
      headers: ['Trụ cột', 'Chỉ số thành phần', 'Mã', 'Tiêu chí', 'Điểm tối đa', 'Cách chấm điểm', 'Yêu cầu minh chứng'],
      values: [
        [1, 'TP A', '1 .1', 'x', 18, null, 'Có'],
        ['Chiến lược', 'TP A', '1.2', 'y', '1,5', null, 'có lẽ'],
        ['Chiến lược', null, null, null, null, null, null],
        [2, 'TP B', '2.1', null, 24, null, null],
      ],
      formulas: [],
    };
    const { findings } = checkCatalogue(catalogueInputFromSnapshots([snap], { indexVersion: '951-2023' }), INDEX_VERSIONS);
    const got = findings.map((f) => [f.severity, f.code, f.address]);
    expect(got).toEqual(expect.arrayContaining([
      ['error', 'badCode', 'C6'],
      ['warning', 'numberAsText', 'E7'],
      ['error', 'notInList', 'G7'],
      ['error', 'required', 'D9'],
    ]));
    expect(findings.find((f) => f.code === 'numberAsText')?.suggestion).toBe(1.5);
    // The blank placeholder row (prefilled pillar only) is not a finding; the sums wait for clean rows.
    expect(findings.some((f) => f.row === 3)).toBe(false);
    expect(findings.some((f) => f.code === 'pillarSum')).toBe(false);
    const unknown = checkCatalogue(catalogueInputFromSnapshots([snap], { indexVersion: '999-2030' }), INDEX_VERSIONS);
    expect(unknown.findings.map((f) => f.code)).toEqual(['unknownIndexVersion']);
  });

  it('a workbook without a criteria table says so', () => {
    const { findings } = checkCatalogue(catalogueInputFromSnapshots([], { indexVersion: '951-2023' }), INDEX_VERSIONS);
    expect(findings.map((f) => f.code)).toEqual(['missingTable']);
  });
});

describe('catalogue model', () => {
  it('reads pillars by number, name, English name or "n. name", and refuses a contradiction', () => {
    expect(resolvePillar(2, v951.pillars)?.no).toBe(2);
    expect(resolvePillar(' chiến LƯỢC ', v951.pillars)?.no).toBe(1);
    expect(resolvePillar('Strategy', v951.pillars)?.no).toBe(1);
    expect(resolvePillar('Trụ cột 4', v951.pillars)?.no).toBe(4);
    expect(resolvePillar('3. Sự đồng nhất về tổ chức và chuyên môn', v951.pillars)?.no).toBe(3);
    expect(resolvePillar('2. Chiến lược', v951.pillars)).toBeUndefined();
    expect(resolvePillar('6', v951.pillars)).toBeUndefined();
  });

  it('groups criteria by pillar, then component, keeping the annex order within', () => {
    const c = (pillarNo: number, component: string, code: string) => ({ pillarNo, component, code, name: code, maxPoints: 1 });
    expect(groupCriteria([c(2, 'B', 'b1'), c(1, 'A', 'a1'), c(2, 'C', 'c1'), c(2, 'B', 'b2'), c(1, 'A', 'a2')]).map((x) => x.code)).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
  });

  it('records a threshold edit (who, when, old → new) and nothing when the value is unchanged', () => {
    const start = emptyCatalogue(indexVersionById('1827-2024')!);
    const edited = editThreshold(start, { level: 2, minScore: 55, verified: true, who: 'Nguyễn Văn A', at: '01/12/2026 08:00' });
    expect(edited.levels.find((l) => l.level === 2)).toMatchObject({ minScore: 55, provenance: { verified: true } });
    expect(edited.history).toEqual([
      { at: '01/12/2026 08:00', who: 'Nguyễn Văn A', level: 2, field: 'minScore', oldValue: 50, newValue: 55 },
      { at: '01/12/2026 08:00', who: 'Nguyễn Văn A', level: 2, field: 'verified', oldValue: 'Không', newValue: 'Có' },
    ]);
    expect(editThreshold(edited, { level: 2, minScore: 55, who: 'B', at: 'x' }).history).toHaveLength(2);
    // The built-in version is untouched.
    expect(indexVersionById('1827-2024')!.levels[1].minScore).toBe(50);
  });

  it('a CSV fixture parses to one table with the header row', () => {
    const snap = csvToSnapshot(fixtureText('synthetic-1827-43.csv'), 'f.csv');
    expect(snap.headers[0]).toBe('Trụ cột');
    expect(snap.values).toHaveLength(43);
  });
});
