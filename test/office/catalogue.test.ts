/** The "Bộ tiêu chí" step through the strict in-memory Excel, which counts context.sync(). */
import { createFakeExcel } from '../../src/fake-excel';
import { renderWorkbookSpec } from '../../src/office/render';
import { makeOperations, readAgencyTablesFromExcel } from '../../src/office/operations';
import { indexVersionById } from '../../src/indexes/index-versions';
import { buildCatalogueWorkbookSpec } from '../../src/workbook/catalogue-sheet';
import { toAgencyTables } from '../../src/workbook/read';
import { synthetic } from '../catalogue/helpers';
import { cellOf, overwrite } from './live-agency';

const NOW = new Date('2024-11-05T08:00:00Z');
const setup = () => {
  const fake = createFakeExcel();
  return { fake, ops: makeOperations(fake.run, fake.isSetSupported, { now: () => NOW }) };
};
const v1827 = indexVersionById('1827-2024')!;

/** The official's catalogue sheet with the (made-up) annex rows pasted in. */
async function pasted() {
  const s = setup();
  await s.fake.run((context) => renderWorkbookSpec(context, buildCatalogueWorkbookSpec(synthetic('1827-2024'), v1827, 'vi'), { replaceExisting: false, isSetSupported: s.fake.isSetSupported, lang: 'vi', activeSheetKey: 'catalogue' }));
  return s;
}

describe('Bộ tiêu chí in the add-in', () => {
  it('creates the empty, validated sheet for a version with the pillars prefilled, and checking it says it has no criterion yet', async () => {
    const { fake, ops } = setup();
    const created = await ops.createCatalogueSheetInExcel({ indexVersionId: '1827-2024', lang: 'vi', replaceExisting: false });
    expect(created.sheetsCreated).toEqual(['Bộ tiêu chí']);
    expect(created.syncs).toBeLessThanOrEqual(2);
    const sheet = fake.model.sheet('Bộ tiêu chí')!;
    expect(sheet.visibility).toBe('Visible');
    expect(fake.model.activeSheet?.name).toBe('Bộ tiêu chí');
    expect(fake.model.valuesOf('Bộ tiêu chí', 'A6:A10').map((r) => r[0])).toEqual(v1827.pillars.map((p) => p.name));
    const before = fake.syncCount;
    const check = await ops.checkCatalogueInExcel('1827-2024');
    expect(fake.syncCount - before).toBe(2);
    expect(check.catalogue).toBeUndefined();
    expect(check.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.sheet])).toEqual([['emptyCatalogue', 'Bộ tiêu chí']]);
  });

  it('checks a pasted catalogue: usable, 43 criteria, unverified thresholds noted by cell', async () => {
    const { ops } = await pasted();
    const check = await ops.checkCatalogueInExcel('1827-2024');
    expect(check.catalogue?.criteria).toHaveLength(43);
    expect(check.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(check.findings.map((f) => `${f.sheet}!${f.address}`)).toEqual(['Bộ tiêu chí!K20', 'Bộ tiêu chí!K21', 'Bộ tiêu chí!K22']);
  });

  it('edits a threshold and records who, when, old → new in 2 syncs; an unchanged edit writes nothing', async () => {
    const { fake, ops } = await pasted();
    const before = fake.syncCount;
    const r = await ops.editThresholdInExcel({ level: 4, minScore: 75, verified: true, who: 'Trần Thị B', at: '05/11/2024 15:00' });
    expect(r.syncs).toBe(2);
    expect(fake.syncCount - before).toBe(2);
    expect(fake.model.valuesOf('Bộ tiêu chí', 'I22:L22')).toEqual([[4, 'Tốt', 75, 'Có']]);
    expect(fake.model.valuesOf('Bộ tiêu chí', 'I27:N28')).toEqual([
      ['05/11/2024 15:00', 'Trần Thị B', 4, 'minScore', 70, 75],
      ['05/11/2024 15:00', 'Trần Thị B', 4, 'verified', 'Không', 'Có'],
    ]);
    const again = await ops.editThresholdInExcel({ level: 4, minScore: 75, who: 'X', at: 'y' });
    expect(again).toEqual({ syncs: 1, recorded: [] });
    const check = await ops.checkCatalogueInExcel('1827-2024');
    expect(check.catalogue?.levels.find((l) => l.level === 4)).toMatchObject({ minScore: 75, provenance: { verified: true } });
    expect(check.catalogue?.history).toHaveLength(2);
  });

  it('editing a threshold without the catalogue sheet says so, in words a user knows', async () => {
    const { ops } = setup();
    for (const lang of ['vi', 'en'] as const) {
      const edit = ops.editThresholdInExcel({ level: 4, minScore: 75, who: 'X', at: 'y' }, lang);
      await expect(edit).rejects.toThrow(lang === 'vi' ? /^Sổ tính chưa có trang Bộ tiêu chí/ : /^The workbook has no criteria catalogue sheet/);
      await expect(edit).rejects.not.toThrow(/\btbl[A-Z]/);
    }
  });

  it('creates the 43-criterion template from the checked catalogue within 3 syncs, the catalogue hidden inside', async () => {
    const { fake, ops } = await pasted();
    const check = await ops.checkCatalogueInExcel('1827-2024');
    const before = fake.syncCount;
    const result = await ops.createTemplateInExcel({ unitId: 'BQT', year: 2024, indexVersionId: '1827-2024', lang: 'vi', replaceExisting: true, catalogue: check.catalogue }, () => undefined);
    expect(fake.syncCount - before).toBe(result.syncs);
    expect(result.syncs).toBeLessThanOrEqual(3);
    expect(fake.model.sheet('Bộ tiêu chí')).toMatchObject({ visibility: 'Hidden' });
    const read = toAgencyTables(await readAgencyTablesFromExcel(fake.run));
    expect(read.missingTables).toEqual([]);
    expect(read.tables.tblChiSo).toHaveLength(43);
    expect(read.tables.tblThanhPhan).toHaveLength(10);
    expect(read.tables.tblTieuChi).toHaveLength(43);
    expect(read.tables.tblMeta?.find((r) => r.key === 'catalogueId')?.value).toMatch(/^1827-2024\/43\//);
  });

  it('Tính toán restores a component subtotal typed over', async () => {
    const { fake, ops } = await pasted();
    const check = await ops.checkCatalogueInExcel('1827-2024');
    await ops.createTemplateInExcel({ unitId: 'BQT', year: 2024, indexVersionId: '1827-2024', lang: 'vi', replaceExisting: true, catalogue: check.catalogue }, () => undefined);
    const at = cellOf(fake.model, 'tblThanhPhan', 'points', 2);
    const formula = fake.model.requireSheet(at.sheet).at(at.address).formula;
    expect(formula).toContain('SUMIFS(tblChiSo[Điểm hợp lệ]');
    overwrite(fake.model, at, 99);
    const found = await ops.runCheck();
    expect(found.findings).toContainEqual(expect.objectContaining({ code: 'formulaOverwritten', table: 'tblThanhPhan', address: at.address }));
    const r = await ops.runFill();
    expect(r.restored.map((x) => x.column)).toEqual(['tblThanhPhan.points']);
    expect(fake.model.requireSheet(at.sheet).at(at.address).formula).toBe(formula);
  });
});
