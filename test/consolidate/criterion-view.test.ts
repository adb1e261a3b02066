/** Consolidation of criterion-level workbooks: the criterion view, and comparing years across versions. */
import type { AgencyTables } from '../../src/domain/calculate';
import { checkCatalogue } from '../../src/domain/catalogue';
import { criterionView } from '../../src/domain/criterion-view';
import { INDEX_VERSIONS, indexVersionById } from '../../src/indexes/index-versions';
import { templateTables } from '../../src/workbook/agency-template';
import { catalogueInputFromSnapshots, csvToSnapshot } from '../../src/workbook/catalogue-sheet';
import { buildProvinceWorkbookSpec, comparisonText, readPreviousProvince } from '../../src/workbook/province-spec';
import { renderToBuffer } from '../../src/xlsx';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { fixtureText } from '../catalogue/helpers';
import { agencyFile, agencyTables, fileOf, PLAN, run, withCachedResults, YEAR } from './helpers';

// The made-up 43-criterion catalogue, used for 2025's version in these tests.
const catalogue = checkCatalogue(catalogueInputFromSnapshots([csvToSnapshot(fixtureText('synthetic-1827-43.csv'), 'f.csv')], { indexVersion: '3560-2025', textSource: true }), INDEX_VERSIONS).catalogue!;

/** A press agency's filled workbook scored per criterion: `score(code, max)` gives each criterion's points. */
function criterionAgency(unitId: string, score: (code: string, max: number) => number | null): AgencyTables {
  const filled = agencyTables(unitId);
  const t = templateTables({ plan: PLAN, index: indexVersionById('3560-2025')!, year: YEAR, unitId, lang: 'vi', generatedAt: '2025-11-01T00:00:00Z', generator: 'test', catalogue });
  t.tblThongTin = filled.tblThongTin;
  t.tblChiTieu = filled.tblChiTieu;
  t.tblNhiemVu = filled.tblNhiemVu;
  t.tblChiSo = (t.tblChiSo ?? []).map((r) => ({ ...r, selfPoints: score(String(r.code), Number(r.maxPoints)), evidence: 'Minh chứng' }));
  return withCachedResults(t);
}

describe('criterion view of the province workbook', () => {
  // BQT full marks but criterion 4.2 at 0; PTTH half marks everywhere; TCCV stays pillar-level.
  const subs = [
    fileOf(criterionAgency('BQT', (code, max) => (code === '4.2' ? 0 : max))),
    fileOf(criterionAgency('PTTH', (_c, max) => max / 2)),
    agencyFile('TCCV'),
  ];
  const c = run(subs);

  it('lists each criterion with each criterion-level agency’s points and the province average, weakest first', () => {
    const view = criterionView(c);
    expect(view.agencies.map((a) => a.unitId)).toEqual(['BQT', 'PTTH']);
    expect(view.rows).toHaveLength(43);
    expect(view.rows[0]).toMatchObject({ code: '4.2', points: [0, 1], scored: 2, average: 0.5, averageShare: 0.25 });
    expect(view.rows[1].averageShare).toBe(0.75);
    expect(view.rows.map((r) => r.averageShare)).toEqual([...view.rows.map((r) => r.averageShare)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(view.rows.every((r) => r.catalogueId === c.indexRows.find((x) => x.unitId === 'BQT')!.catalogueId)).toBe(true);
  });

  it('draws a criteria sheet after the index sheet only when agencies were scored on a catalogue', () => {
    const spec = buildProvinceWorkbookSpec(c, 'vi');
    const keys = spec.sheets.map((s) => s.key);
    expect(keys.indexOf('criteria')).toBe(keys.indexOf('index') + 1);
    const t = spec.sheets.find((s) => s.key === 'criteria')!.tables[0];
    expect(t.name).toBe('tblTHTieuChi');
    const name = (id: string) => c.indexRows.find((r) => r.unitId === id)!.unitName;
    expect(t.columns.map((x) => x.header).slice(8, 10)).toEqual([name('BQT'), name('PTTH')]);
    expect(t.rows[0].map((x) => x.value)).toEqual([
      'Hạ tầng số, nền tảng số và an toàn thông tin', 'Chỉ số thành phần thử nghiệm 4 (giả lập)', '4.2', 'Tiêu chí thử nghiệm 4.2 (dữ liệu giả lập để kiểm thử)',
      2, 2, 0.5, 0.25, 0, 1, c.indexRows.find((r) => r.unitId === 'BQT')!.catalogueId,
    ]);
    expect(t.rows[0][7].style).toBe('warning');
    const pillarOnly = buildProvinceWorkbookSpec(run([agencyFile('BQT'), agencyFile('TCCV')]), 'vi');
    expect(pillarOnly.sheets.map((s) => s.key)).not.toContain('criteria');
  });
});

describe('comparing years across index versions', () => {
  const c2025 = (previousOn: { indexVersion?: string; catalogueId?: string }) =>
    run([fileOf(criterionAgency('BQT', (_c, max) => max)), agencyFile('PTTH')], {
      previous: { year: 2024, agencies: [
        { unitId: 'BQT', total: 80, level: 'Tốt', pillarPoints: [15, 20, 18, 17, 10], ...previousOn },
        { unitId: 'PTTH', total: 70, level: 'Tốt', indexVersion: '3560-2025' },
      ] },
    });

  it('another version last year: only pillar points and totals compare, and the workbook and report say so', () => {
    const c = c2025({ indexVersion: '1827-2024', catalogueId: '1827-2024/43/00000000' });
    const bqt = c.indexRows.find((r) => r.unitId === 'BQT')!;
    expect(bqt).toMatchObject({ comparableOn: 'pillarsAndTotal', change: 20, previousVersion: '1827-2024/43/00000000', pillarChange: [3, 4, 2, 6, 5] });
    expect(comparisonText(bqt, c, 'vi')).toBe(`Khác phiên bản (1827-2024/43/00000000 → ${bqt.catalogueId}): chỉ so sánh điểm trụ cột và tổng điểm, không so sánh tiêu chí, mức độ. TC1 +3; TC2 +4; TC3 +2; TC4 +6; TC5 +5`);
    expect(c.sentences.find((s) => s.section === 'index' && s.sourceKey === 'BQT')?.text).toContain('chỉ so sánh điểm trụ cột và tổng điểm');
    // PTTH: pillar-level on the same version both years — fully comparable.
    const ptth = c.indexRows.find((r) => r.unitId === 'PTTH')!;
    expect([ptth.comparableOn, comparisonText(ptth, c, 'en')]).toEqual(['all', 'Same version and catalogue: comparable.']);
  });

  it('the same catalogue last year is fully comparable', () => {
    const id = c2025({}).indexRows.find((r) => r.unitId === 'BQT')!.catalogueId;
    expect(c2025({ indexVersion: '3560-2025', catalogueId: id }).indexRows.find((r) => r.unitId === 'BQT')!.comparableOn).toBe('all');
  });

  it('a province workbook records version, catalogue and pillar points, and next year reads them back', async () => {
    const c = run([fileOf(criterionAgency('BQT', (_c, max) => max)), agencyFile('PTTH')]);
    const bytes = await renderToBuffer(buildProvinceWorkbookSpec(c, 'vi'));
    const previous = readPreviousProvince(readWorkbookBytes(bytes).tables, 'tong-hop-2025.xlsx');
    if ('error' in previous) throw new Error(previous.error);
    const bqt = previous.agencies.find((a) => a.unitId === 'BQT')!;
    expect(bqt).toMatchObject({ indexVersion: '3560-2025', catalogueId: c.indexRows.find((r) => r.unitId === 'BQT')!.catalogueId, pillarPoints: [18, 24, 20, 23, 15], total: 100 });
    expect(previous.agencies.find((a) => a.unitId === 'PTTH')).toMatchObject({ catalogueId: '', pillarPoints: [15, 20, 15, 20, 12] });
  });
});

describe('the catalogue inside the workbook is what counts', () => {
  it('a maximum raised on the Chỉ số sheet does not raise the points: the embedded catalogue’s maximum applies', () => {
    const t = criterionAgency('BQT', (_c, max) => max);
    // Someone lifted the protection and raised criterion 1.1's maximum to 10, then scored 10.
    t.tblChiSo = (t.tblChiSo ?? []).map((r) => (r.code === '1.1' ? { ...r, maxPoints: 10, selfPoints: 10 } : r));
    const c = run([fileOf(withCachedResults(t))]);
    const bqt = c.indexRows.find((r) => r.unitId === 'BQT')!;
    // 1.1 (max 2) scored 10 is not valid: 100 − 2.
    expect(bqt.total).toBe(98);
    expect(bqt.level).toBe('Chưa hoàn thành (42/43)');
  });
});
