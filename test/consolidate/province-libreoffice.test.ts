/**
 * The province workbook's formulas against the engine, with LibreOffice as the spreadsheet:
 * render the spec to .xlsx with cached results poisoned, let LibreOffice recalculate, and require
 * every formula cell to equal the engine's result. Also checks that injected text survives a real
 * spreadsheet round trip as text. Skipped where LibreOffice is not installed.
 */
import type { Submission } from '../../src/domain/consolidate';
import { dateSerial, type Scalar } from '../../src/domain/values';
import { buildProvinceWorkbookSpec } from '../../src/workbook/province-spec';
import type { WorkbookSpec } from '../../src/workbook/spec';
import { renderToBuffer } from '../../src/xlsx';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { findSoffice, startLibreOffice, type LibreOffice } from '../helpers/libreoffice';
import { agencyFile, agencyTables, completeProvince, fileOf, intactFormulas, run, setInfo, withCachedResults } from './helpers';

const soffice = findSoffice();
const describeWithLibreOffice = soffice ? describe : describe.skip;
const INJECTION = '=HYPERLINK("http://x.example","Bấm")';

function scenarios(): Array<{ name: string; spec: WorkbookSpec }> {
  const previous = { year: 2024, agencies: [{ unitId: 'BQT', total: 60, level: 'Trung bình' }, { unitId: 'PTTH', total: 85, level: 'Tốt' }] };
  const complete = run(completeProvince(), { reportDate: dateSerial(2026, 1, 15), previous });

  const injected = agencyTables('BQT');
  injected.tblNhiemVu = (injected.tblNhiemVu ?? []).map((r, i) => ({ ...r, result: INJECTION, progress: i === 0 ? '-1+1' : r.progress, status: i === 5 ? '@Hoàn thành' : r.status }));
  setInfo(injected, { preparer: INJECTION });
  const tampered = withCachedResults(agencyTables('PTTH'));
  const f = intactFormulas(tampered);
  tampered.tblTruCot![0] = { ...tampered.tblTruCot![0], points: INJECTION };
  f.tblTruCot![0].points = null;
  const corrupt: Submission = { fileName: '+hong.xlsx', sha256: '00', sizeBytes: 3, read: { ok: false, error: 'bad zip' } };
  const partial = run([fileOf(withCachedResults(injected), { fileName: `${INJECTION}.xlsx` }), fileOf(tampered, { formulas: f }), corrupt, agencyFile('STTTT')], { previous, reportDate: dateSerial(2025, 12, 31) }); // the due date itself: not yet overdue
  return [
    { name: 'complete', spec: buildProvinceWorkbookSpec(complete, 'vi') },
    { name: 'partial', spec: buildProvinceWorkbookSpec(partial, 'en') },
  ];
}

/** The spec with every cached result replaced, so only a recalculation can produce the right values. */
function poisoned(spec: WorkbookSpec): WorkbookSpec {
  const copy = JSON.parse(JSON.stringify(spec)) as WorkbookSpec;
  for (const s of copy.sheets) for (const t of s.tables) for (const r of t.rows) for (const c of r) if (c.formula) c.result = 'STALE';
  return copy;
}

const same = (a: Scalar, b: Scalar) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : (a ?? '') === (b ?? ''));

describeWithLibreOffice('LibreOffice recalculates the province workbook to the engine results', () => {
  let lo: LibreOffice | undefined;
  const cases = scenarios();
  let converted: Buffer[] = [];

  beforeAll(async () => {
    lo = startLibreOffice(soffice ?? '');
    const files = await Promise.all(cases.map(async (c) => ({ name: c.name, data: Buffer.from(await renderToBuffer(poisoned(c.spec))) })));
    converted = await lo.recalculate(files, 100_000);
  }, 150_000);

  afterAll(() => lo?.dispose());

  test.each([0, 1])('scenario %i: every formula cell equals the engine result; injected text stays text', (i) => {
    const { spec } = cases[i];
    const { tables } = readWorkbookBytes(converted[i]);
    let formulas = 0;
    const wrong: unknown[] = [];
    const injectedCells: Array<{ value: Scalar; formula: string | null }> = [];
    for (const sheet of spec.sheets) {
      for (const t of sheet.tables) {
        const read = tables.find((x) => x.name === t.name);
        expect([t.name, read?.sheetName, read?.row, read?.col]).toEqual([t.name, sheet.name, t.row, t.col]);
        t.rows.forEach((r, ri) =>
          r.forEach((cell, j) => {
            const got = { value: read?.values[ri]?.[j] ?? null, formula: read?.formulas[ri]?.[j] ?? null };
            if (typeof cell.value === 'string' && cell.value.includes(INJECTION)) injectedCells.push(got);
            if (cell.formula === undefined) return;
            formulas++;
            if (!same(got.value, cell.result ?? null)) wrong.push([t.name, t.columns[j].key, ri, cell.result, got.value]);
          }),
        );
      }
    }
    expect(wrong).toEqual([]);
    expect(formulas).toBeGreaterThan(50);
    if (i === 1) {
      expect(injectedCells.length).toBeGreaterThanOrEqual(3);
      for (const c of injectedCells) expect([c.formula, typeof c.value === 'string' && c.value.includes(INJECTION)]).toEqual([null, true]);
    }
  });
});
