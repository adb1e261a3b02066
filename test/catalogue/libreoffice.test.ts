/**
 * Criterion-level workbooks through LibreOffice: every calculated cell (valid points, component
 * and pillar subtotals, TongDiem, MucDo, the catalogue's pillar sums) recalculated by LibreOffice
 * equals the engine; and a migration round trip (pillar-level → criterion-level → pillar-level)
 * through real files keeps every entry. Skipped loudly without LibreOffice; CI requires it.
 */
import { computeAgencyResults, type AgencyTables } from '../../src/domain/calculate';
import { consolidate } from '../../src/domain/consolidate';
import { entriesOf } from '../../src/domain/migrate';
import { dateSerial, type Scalar } from '../../src/domain/values';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpecFromTables, templateTables } from '../../src/workbook/agency-template';
import { checkWorkbook } from '../../src/app/agency';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { migrateWorkbook } from '../../src/workbook/migration';
import { toAgencyTables, type ReadAgencyTables, type TableSnapshot } from '../../src/workbook/read';
import { renderToBuffer } from '../../src/xlsx';
import { readWorkbookBytes, type FileContent } from '../../src/xlsx/read-file';
import { goodTables } from '../helpers/agency-fixture';
import { findSoffice, startLibreOffice, type LibreOffice } from '../helpers/libreoffice';
import { synthetic } from './helpers';

const soffice = findSoffice();
if (!soffice) {
  console.warn('\n' + '!'.repeat(78) + '\n!!  LibreOffice (soffice) NOT FOUND: test/catalogue/libreoffice.test.ts is SKIPPED.\n!!  Criterion-level formulas are NOT being checked against the engine.\n' + '!'.repeat(78) + '\n');
}
if (!soffice && process.env.PRESSDX_REQUIRE_LIBREOFFICE === '1') {
  it('LibreOffice is installed (PRESSDX_REQUIRE_LIBREOFFICE=1)', () => expect(findSoffice()).toBeDefined());
}
const describeWithLibreOffice = soffice ? describe : describe.skip;

const plan = QUANG_TRI_2023;
const TODAY = dateSerial(2024, 11, 1);
const base = { plan, year: 2024, unitId: 'BQT', lang: 'vi' as const, generatedAt: '2024-11-01T00:00:00Z', generator: 'test' };
const criterionOptions = { ...base, index: indexVersionById('1827-2024')!, catalogue: synthetic('1827-2024') };

/** Every criterion scored: ¾ of its maximum, except a few decimals that need exact sums. */
function scoredCriterionLevel(): AgencyTables {
  const t = templateTables(criterionOptions);
  t.tblChiSo = (t.tblChiSo ?? []).map((r, i) => ({ ...r, selfPoints: i % 7 === 0 ? 0.1 : Number(r.maxPoints) * 0.75, evidence: `Minh chứng ${String(r.code)}` }));
  return t;
}

/** One over its maximum (does not count), one as text (does not count), one blank: no level. */
function brokenCriterionLevel(): AgencyTables {
  const t = scoredCriterionLevel();
  t.tblChiSo = (t.tblChiSo ?? []).map((r, i) => (i === 2 ? { ...r, selfPoints: 9 } : i === 5 ? { ...r, selfPoints: '1,5' } : i === 40 ? { ...r, selfPoints: null } : r));
  return t;
}

interface Read {
  read: ReadAgencyTables;
  snapshots: TableSnapshot[];
  content: FileContent;
}

/** Through the reader every front end uses (readXlsx). */
function readBack(bytes: Uint8Array): Read {
  const content = readWorkbookBytes(bytes);
  return { read: toAgencyTables(content.tables), snapshots: content.tables, content };
}

function same(a: Scalar, b: Scalar): boolean {
  const blank = (v: Scalar) => v === null || v === '';
  if (blank(a) && blank(b)) return true;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9;
  return a === b;
}

/** Every calculated cell LibreOffice wrote, beside the engine's value from the entries read back; returns the differences. */
function differences(r: Read): string[] {
  const engine = computeAgencyResults(r.read.tables, plan, TODAY);
  const out: string[] = [];
  const check = (where: string, got: Scalar | undefined, want: Scalar, formula: string | null | undefined) => {
    if (!formula) out.push(`${where}: no formula`);
    else if (!same(got ?? null, want)) out.push(`${where}: LibreOffice ${JSON.stringify(got)} ≠ engine ${JSON.stringify(want)}`);
  };
  const t = r.read.tables;
  const f = r.read.formulas;
  engine.validPoints.forEach((v, i) => check(`tblChiSo[${i + 1}].validPoints`, t.tblChiSo?.[i]?.validPoints, v, f.tblChiSo?.[i]?.validPoints));
  engine.components.forEach((c, i) => {
    check(`tblThanhPhan[${i + 1}].points`, t.tblThanhPhan?.[i]?.points, c.points, f.tblThanhPhan?.[i]?.points);
    check(`tblThanhPhan[${i + 1}].percent`, t.tblThanhPhan?.[i]?.percent, c.percent, f.tblThanhPhan?.[i]?.percent);
  });
  engine.pillars.forEach((p, i) => {
    check(`tblTruCot[${i + 1}].points`, t.tblTruCot?.[i]?.points, p.points, f.tblTruCot?.[i]?.points);
    check(`tblTruCot[${i + 1}].percent`, t.tblTruCot?.[i]?.percent, p.percent, f.tblTruCot?.[i]?.percent);
  });
  const total = r.content.namedCells.TongDiem;
  const level = r.content.namedCells.MucDo;
  check('TongDiem', total?.value, engine.total, total?.formula);
  check('MucDo', level?.value, engine.level, level?.formula);
  // The catalogue sheet's own sums: each pillar's criteria against its maximum.
  const sums = r.snapshots.find((s) => s.name === 'tblTongTruCot');
  if (sums && t.tblTieuChi) {
    sums.values.forEach((row, i) => {
      const want = t.tblTieuChi!.filter((c) => c.pillar === row[0]).reduce((s, c) => s + Number(c.maxPoints), 0);
      check(`tblTongTruCot[${i + 1}].criteriaPoints`, row[2], want, sums.formulas[i]?.[2]);
    });
  }
  return out;
}

describeWithLibreOffice('criterion-level workbooks in LibreOffice', () => {
  let lo: LibreOffice;
  const results: Read[] = [];
  let original: AgencyTables;
  let up: Read;
  let down: Read;

  beforeAll(async () => {
    lo = startLibreOffice(soffice ?? '');
    original = goodTables('BQT', 2023);
    const criterionFiles = [scoredCriterionLevel(), brokenCriterionLevel()].map((t) => renderToBuffer(buildAgencyWorkbookSpecFromTables(criterionOptions, t, TODAY)));
    const migratedUp = renderToBuffer(migrateWorkbook(original, { plan, index: indexVersionById('1827-2024')!, catalogue: synthetic('1827-2024'), lang: 'vi', generatedAt: base.generatedAt, generator: 'test' }, TODAY).spec);
    const first = await lo.recalculate([
      { name: 'scored', data: Buffer.from(await criterionFiles[0]) },
      { name: 'broken', data: Buffer.from(await criterionFiles[1]) },
      { name: 'up', data: Buffer.from(await migratedUp) },
    ]);
    for (const b of first.slice(0, 2)) results.push(readBack(b));
    up = readBack(first[2]);
    // Back to pillar-level, from the file LibreOffice saved: only what a reader sees travels.
    const migratedDown = await renderToBuffer(migrateWorkbook(up.read.tables, { plan, index: indexVersionById('951-2023')!, lang: 'vi', generatedAt: base.generatedAt, generator: 'test' }, TODAY).spec);
    down = readBack((await lo.recalculate([{ name: 'down', data: Buffer.from(migratedDown) }]))[0]);
  }, 300_000);

  afterAll(() => lo?.dispose());

  it('recalculates every calculated cell of a fully scored 43-criterion workbook as the engine does', () => {
    expect(results[0].read.tables.tblChiSo).toHaveLength(43);
    expect(results[0].read.tables.tblThanhPhan).toHaveLength(10);
    expect(differences(results[0])).toEqual([]);
    const engine = computeAgencyResults(results[0].read.tables, plan, TODAY);
    expect(engine.level).toBe('Khá');
    expect(engine.total).toBeGreaterThan(60);
  });

  it('agrees on invalid and missing points too (over the maximum, text, blank)', () => {
    expect(differences(results[1])).toEqual([]);
    expect(computeAgencyResults(results[1].read.tables, plan, TODAY).level).toBe('Chưa hoàn thành (40/43)');
  });

  it('carries the catalogue hidden in the workbook and its id in tblMeta', () => {
    const t = results[0].read.tables;
    expect(t.tblTieuChi).toHaveLength(43);
    expect(t.tblMeta?.find((r) => r.key === 'catalogueId')?.value).toMatch(/^1827-2024\/43\//);
    const sheet = results[0].content.file.sheets.find((w) => w.name === 'Bộ tiêu chí');
    expect(sheet?.state).toBe('hidden');
  });

  it('check and merge read the criterion-level workbook', () => {
    const report = checkWorkbook(results[1].content, { plan, indexVersions: INDEX_VERSIONS }, TODAY);
    const structural = report.findings.filter((f) => ['missingTable', 'missingColumn', 'formulaOverwritten', 'duplicateRow', 'unknownIndexVersion'].includes(f.code));
    expect(structural).toEqual([]);
    // The broken workbook's points are named by criterion and cell.
    const over = report.findings.find((f) => f.code === 'overMax');
    expect(over).toMatchObject({ table: 'tblChiSo', sheet: 'Chỉ số', address: 'F7' });
    const merged = consolidate(
      results.map((r, i) => ({ fileName: `bqt-${i}.xlsx`, sha256: String(i).repeat(64), sizeBytes: 1, read: { ok: true as const, data: r.read } })),
      { plan, year: 2024, reportDate: TODAY, indexVersions: INDEX_VERSIONS },
    );
    const row = merged.indexRows.find((x) => x.unitId === 'BQT')!;
    expect(row.rows).toBe(43);
    const engine = computeAgencyResults(results[merged.sources.findIndex((s) => s.state === 'included')].read.tables, plan, TODAY);
    expect(row.total).toBe(engine.total);
    expect(row.pillarPoints).toEqual(engine.pillars.map((p) => p.points));
  });

  it('migration round trip: pillar-level → criterion-level → pillar-level loses nothing and LibreOffice agrees', () => {
    // Up: the pillar scores have no criterion; they are listed, and the criteria wait for scores.
    const listed = up.read.tables.tblKhongAnhXa ?? [];
    expect(listed.filter((r) => r.field === 'Điểm tự đánh giá').map((r) => r.code)).toEqual(['TC1', 'TC2', 'TC3', 'TC4', 'TC5']);
    expect(differences(up)).toEqual([]);
    expect(computeAgencyResults(up.read.tables, plan, TODAY).level).toBe('Chưa hoàn thành (0/43)');
    // Down: every entry typed in the original is back in its place.
    const back = entriesOf(down.read.tables);
    const lost = [...entriesOf(original)].filter(([k, v]) => !same(back.get(k) ?? null, v));
    expect(lost).toEqual([]);
    expect(down.read.tables.tblKhongAnhXa ?? []).toEqual([]);
    expect(differences(down)).toEqual([]);
    const before = computeAgencyResults(original, plan, TODAY);
    const after = computeAgencyResults(down.read.tables, plan, TODAY);
    expect([after.total, after.level]).toEqual([before.total, before.level]);
  });
});
