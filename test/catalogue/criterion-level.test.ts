import { computeAgencyResults } from '../../src/domain/calculate';
import { catalogueId } from '../../src/domain/catalogue';
import { dateSerial } from '../../src/domain/values';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpec, templateTables } from '../../src/workbook/agency-template';
import { synthetic } from './helpers';

const plan = QUANG_TRI_2023;
const TODAY = dateSerial(2024, 11, 1);
const options = (catalogue = synthetic('1827-2024')) => ({ plan, index: indexVersionById('1827-2024')!, year: 2024, unitId: 'BQT', lang: 'vi' as const, generatedAt: '2024-11-01T00:00:00Z', generator: 'test', catalogue });

describe('criterion-level self-assessment', () => {
  it('one tblChiSo row per criterion, grouped by pillar and component, with component subtotal rows and the catalogue embedded', () => {
    const t = templateTables(options());
    expect(t.tblChiSo).toHaveLength(43);
    expect(t.tblThanhPhan).toHaveLength(10);
    expect(t.tblTieuChi).toHaveLength(43);
    const pillarsInOrder = (t.tblChiSo ?? []).map((r) => r.pillar);
    expect(pillarsInOrder).toEqual([...pillarsInOrder].sort((a, b) => (indexOf(a) - indexOf(b))));
    expect(t.tblThanhPhan?.map((r) => r.maxPoints).reduce((s, x) => Number(s) + Number(x), 0)).toBe(100);
    expect(t.tblMeta?.find((r) => r.key === 'catalogueId')?.value).toBe(catalogueId(synthetic('1827-2024')));
  });

  it('the engine subtotals each component and pillar and levels the total', () => {
    const t = templateTables(options());
    // Full marks except component 10 (pillar 5), where every criterion gets 1 point.
    t.tblChiSo = (t.tblChiSo ?? []).map((r) => ({ ...r, selfPoints: String(r.code).startsWith('10.') ? 1 : r.maxPoints }));
    const r = computeAgencyResults(t, plan, TODAY);
    const c10 = (t.tblThanhPhan ?? []).findIndex((x) => String(x.component).includes('thử nghiệm 10 '));
    expect(r.components[c10]).toEqual({ pillar: 'Mức độ ứng dụng công nghệ số', points: 7, percent: 7 / 15 });
    expect(r.components.filter((_, i) => i !== c10).every((c, i) => c.points === (t.tblThanhPhan ?? []).filter((_, k) => k !== c10)[i].maxPoints)).toBe(true);
    expect(r.pillars.map((p) => p.points)).toEqual([18, 24, 20, 23, 7]);
    expect(r.total).toBe(92);
    expect(r.level).toBe('Xuất sắc');
    // One unscored criterion: no level yet.
    t.tblChiSo[0] = { ...t.tblChiSo[0], selfPoints: null };
    expect(computeAgencyResults(t, plan, TODAY).level).toBe('Chưa hoàn thành (42/43)');
  });

  it('the catalogue’s thresholds drive the level (an edited, recorded threshold)', () => {
    const c = synthetic('1827-2024');
    const edited = { ...c, levels: c.levels.map((l) => (l.level === 5 ? { ...l, minScore: 95 } : l)) };
    const t = templateTables(options(edited));
    t.tblChiSo = (t.tblChiSo ?? []).map((r) => ({ ...r, selfPoints: String(r.code).startsWith('10.') ? 1 : r.maxPoints }));
    expect(computeAgencyResults(t, plan, TODAY).level).toBe('Tốt');
  });

  it('the spec puts tblThanhPhan on the index sheet and the catalogue on a hidden, protected sheet', () => {
    const spec = buildAgencyWorkbookSpec(options(), TODAY);
    const index = spec.sheets.find((s) => s.key === 'index')!;
    expect(index.tables.map((x) => x.name)).toEqual(['tblChiSo', 'tblTruCot', 'tblThanhPhan']);
    const tp = index.tables[2];
    expect(tp.rows[0][3].formula).toBe('=SUMIFS(tblChiSo[Điểm hợp lệ],tblChiSo[Trụ cột],tblThanhPhan[[#This Row],[Trụ cột]],tblChiSo[Chỉ số thành phần],tblThanhPhan[[#This Row],[Chỉ số thành phần]])');
    const cat = spec.sheets.find((s) => s.key === 'catalogue')!;
    expect(cat).toMatchObject({ name: 'Bộ tiêu chí', visible: false, protect: true });
    expect(cat.tables.map((x) => x.name)).toEqual(['tblTieuChi', 'tblBoTieuChi', 'tblTongTruCot', 'tblNguong', 'tblLichSu']);
    expect(cat.tables[0].rows).toHaveLength(43);
    // Pillar-level workbooks stay as they were.
    const pillarLevel = buildAgencyWorkbookSpec({ ...options(), catalogue: undefined }, TODAY);
    expect(pillarLevel.sheets.map((s) => s.key)).not.toContain('catalogue');
    expect(pillarLevel.sheets.find((s) => s.key === 'index')!.tables.map((x) => x.name)).toEqual(['tblChiSo', 'tblTruCot']);
  });
});

const order = indexVersionById('1827-2024')!.pillars.map((p) => p.name);
const indexOf = (v: unknown) => order.indexOf(String(v));
