import { dateSerial, type Scalar } from '../../../src/domain/values';
import { indexVersionForYear } from '../../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../../src/plans/quang-tri-2023';
import { parseSheetReference } from '../../../src/workbook/a1';
import { buildAgencyWorkbookSpec } from '../../../src/workbook/agency-template';
import type { CellSpec, WorkbookSpec } from '../../../src/workbook/spec';
import { writeAgencyTemplate } from '../../../src/xlsx';
import { readXlsx } from '../../../src/xlsx/reader';

/**
 * PressDX's own agency template, as `pressdx template` writes it (ExcelJS), read back: every
 * table where the workbook spec put it, with the spec's headers, constants, formulas and the
 * cached results the writer stored, and the named cells TongDiem and MucDo. The ExcelJS reader
 * this replaced was compared on the same files once (see the reader's commit message); the spec
 * is the lasting reference.
 */

const AGENCY_TABLES = ['tblThongTin', 'tblChiTieu', 'tblMucTieu', 'tblNhiemVu', 'tblChiSo', 'tblTruCot', 'tblMeta', 'tblCot', 'tblDonVi'];
const TODAY = dateSerial(2025, 11, 20);

const options = (lang: 'vi' | 'en') => ({
  plan: QUANG_TRI_2023,
  index: indexVersionForYear(2025),
  year: 2025,
  unitId: 'BQT',
  lang,
  generatedAt: '2025-11-01T00:00:00Z',
  generator: 'reader test',
});

/** What a cell of the spec reads back as: a formula's cached result (empty when it has none), or the constant. */
const expectedValue = (c: CellSpec): Scalar => (c.formula ? (c.result ?? '') : (c.value ?? null));

describe.each(['vi', 'en'] as const)('the agency template (%s) read back', (lang) => {
  let spec: WorkbookSpec;
  let bytes: Uint8Array;
  beforeAll(async () => {
    spec = buildAgencyWorkbookSpec(options(lang), TODAY);
    bytes = await writeAgencyTemplate({ ...options(lang), todaySerial: TODAY });
  });

  it('gives every table where the spec put it, with its headers, values, formulas and cached results', () => {
    const read = readXlsx(bytes, { namedCells: ['TongDiem', 'MucDo'] });
    const specTables = spec.sheets.flatMap((s) => s.tables.map((t) => ({ sheet: s, table: t })));
    expect(read.tables.map((t) => t.name).sort()).toEqual(specTables.map((t) => t.table.name).sort());
    for (const name of AGENCY_TABLES) expect(read.tables.map((t) => t.name)).toContain(name);
    for (const { sheet, table } of specTables) {
      const t = read.tables.find((x) => x.name === table.name)!;
      expect([t.name, t.sheetName, t.row, t.col, t.headerRowCount, t.totalsRowCount]).toEqual([table.name, sheet.name, table.row, table.col, 1, 0]);
      expect(t.headers).toEqual(table.columns.map((c) => c.header));
      expect(t.columnNames).toEqual(t.headers);
      expect({ table: t.name, formulas: t.formulas }).toEqual({ table: table.name, formulas: table.rows.map((r) => r.map((c) => c.formula ?? null)) });
      expect({ table: t.name, values: t.values }).toEqual({ table: table.name, values: table.rows.map((r) => r.map(expectedValue)) });
    }
    // The calculated columns are there: formulas to compare with what an agency typed over them.
    const formulaCount = (name: string) => read.tables.find((t) => t.name === name)!.formulas.flat().filter((f) => f !== null).length;
    expect(formulaCount('tblChiSo')).toBeGreaterThan(0);
    expect(formulaCount('tblChiTieu') + formulaCount('tblMucTieu') + formulaCount('tblNhiemVu')).toBeGreaterThan(10);
  });

  it('resolves the named cells TongDiem and MucDo to their cell, formula and cached result', () => {
    const read = readXlsx(bytes, { namedCells: ['TongDiem', 'MucDo'] });
    for (const name of ['TongDiem', 'MucDo']) {
      const ref = parseSheetReference(spec.names.find((n) => n.name === name)!.refersTo)!;
      const sheet = spec.sheets.find((s) => s.name === ref.sheet)!;
      const cell = sheet.cells.find((c) => c.row === ref.area.top && c.col === ref.area.left)!.cell;
      expect(read.namedCells[name]).toMatchObject({ sheet: sheet.name, formula: cell.formula, value: expectedValue(cell) });
      expect(read.namedCells[name].formula).toMatch(/^=/);
    }
  });
});
