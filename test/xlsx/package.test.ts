/** The package patches that make up for what ExcelJS cannot write. */
import { dateSerial } from '../../src/domain/values';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../../src/workbook/agency-template';
import { extrasFromSpec, renderWorkbook, workbookToBuffer } from '../../src/xlsx';
import { withCalculatedColumns, withDefinedNames, withoutOverlappingValidations } from '../../src/xlsx/package';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { packageExtras, xmlParts } from '../helpers/xlsx-xml';

const WORKBOOK = `<?xml version="1.0"?><workbook><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">A!$4:$4</definedName><definedName name="old">A!$A$1</definedName></definedNames><calcPr fullCalcOnLoad="1"/></workbook>`;

describe('withDefinedNames', () => {
  it('replaces the names, keeps print titles, escapes XML, and sits right after </sheets>', () => {
    const xml = withDefinedNames(WORKBOOK, [
      { name: 'lstDonVi', refersTo: 'tblDonVi[Tên đơn vị]', comment: 'Đơn vị <báo cáo> & "khác"' },
      { name: 'Ta', refersTo: "'Q&A'!$A$1" },
    ]);
    expect(xml).toContain(
      '</sheets><definedNames><definedName name="lstDonVi" comment="Đơn vị &lt;báo cáo&gt; &amp; &quot;khác&quot;">tblDonVi[Tên đơn vị]</definedName>' +
        `<definedName name="Ta">'Q&amp;A'!$A$1</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">A!$4:$4</definedName></definedNames><calcPr`,
    );
    expect(xml).not.toContain('name="old"');
    expect(xml.match(/<definedNames>/g)).toHaveLength(1);
  });

  it('adds a block where there was none and drops an empty one', () => {
    const bare = WORKBOOK.replace(/<definedNames>.*<\/definedNames>/, '');
    expect(withDefinedNames(bare, [{ name: 'x', refersTo: 'A!$A$1' }])).toContain('</sheets><definedNames><definedName name="x">A!$A$1</definedName></definedNames><calcPr');
    expect(withDefinedNames(bare, [])).toBe(bare);
  });
});

describe('withCalculatedColumns', () => {
  const table = `<table name="tblA" ref="A1:C3"><tableColumns count="3"><tableColumn id="1" name="Mã"/><tableColumn id="2" name="Vai trò" totalsRowFunction="none"/><tableColumn id="3" name="Cũ"><calculatedColumnFormula>1</calculatedColumnFormula></tableColumn></tableColumns></table>`;

  it('adds the formula to the named column of the named table only', () => {
    const out = withCalculatedColumns(table, [
      { table: 'tblA', column: 'Vai trò', formula: 'IF(tblA[[#This Row],[Mã]]="","",1)' },
      { table: 'tblA', column: 'Cũ', formula: '2' },
      { table: 'tblB', column: 'Mã', formula: '3' },
    ]);
    expect(out).toContain('<tableColumn id="1" name="Mã"/>');
    expect(out).toContain('<tableColumn id="2" name="Vai trò" totalsRowFunction="none"><calculatedColumnFormula>IF(tblA[[#This Row],[Mã]]=&quot;&quot;,&quot;&quot;,1)</calculatedColumnFormula></tableColumn>');
    expect(out).toContain('<tableColumn id="3" name="Cũ"><calculatedColumnFormula>2</calculatedColumnFormula></tableColumn>');
  });
});

describe('withoutOverlappingValidations', () => {
  const dv = (sqref: string, f = 'lstTrangThai') => `<dataValidation type="list" allowBlank="1" sqref="${sqref}"><formula1>${f}</formula1></dataValidation>`;
  const sheet = (items: string[]) => `<worksheet><sheetData/><dataValidations count="${items.length}">${items.join('')}</dataValidations><pageMargins/></worksheet>`;

  it("repairs ExcelJS's text-sorted merge (G10:G12 then G5:G12)", () => {
    expect(withoutOverlappingValidations(sheet([dv('G10:G12'), dv('G5:G12')]))).toBe(sheet([dv('G10:G12'), dv('G5:G9')]));
  });

  it('drops a validation wholly covered by earlier ones and leaves clean sheets untouched', () => {
    expect(withoutOverlappingValidations(sheet([dv('A1:B3'), dv('B2')]))).toBe(sheet([dv('A1:B3')]));
    const clean = sheet([dv('A1:A3'), dv('B1 C5:C6')]);
    expect(withoutOverlappingValidations(clean)).toBe(clean);
  });
});

describe('extrasFromSpec', () => {
  it('keeps the calculated columns the spec defines', () => {
    const spec = buildAgencyWorkbookSpec({ plan: QUANG_TRI_2023, index: indexVersionById('951-2023')!, year: 2023, unitId: 'PTTH', lang: 'vi', generatedAt: '2023-11-01T00:00:00Z', generator: 'test' }, dateSerial(2023, 11, 1));
    const columns = extrasFromSpec(spec).calculatedColumns.map((c) => `${c.table}.${c.column}`);
    expect(columns).toEqual(expect.arrayContaining(['tblNhiemVu.Vai trò', 'tblNhiemVu.Hạn', 'tblNhiemVu.Đúng hạn', 'tblChiSo.Điểm hợp lệ', 'tblTruCot.Điểm đạt', 'tblTruCot.Tỷ lệ', 'tblPhanCong.Đơn vị']));
    expect(columns.some((c) => c.startsWith('tblMucTieu.') || c.startsWith('tblThongTin.'))).toBe(false);
  });
});

describe('what ExcelJS writes, patched', () => {
  it('adds the names and calculated columns ExcelJS cannot write, and writes no overlapping validations', async () => {
    const spec = buildAgencyWorkbookSpec({ plan: QUANG_TRI_2023, index: indexVersionById('1827-2024')!, year: 2024, unitId: 'BQT', lang: 'vi', generatedAt: '', generator: 'test' }, dateSerial(2024, 11, 1));
    const workbook = await renderWorkbook(spec);
    const bare = new Uint8Array(await workbook.xlsx.writeBuffer());
    // What ExcelJS alone writes:
    expect(packageExtras(bare).names.map((n) => n.name)).not.toContain('lstDonVi');
    expect(packageExtras(bare).calculatedColumns).toEqual([]);

    const extras = extrasFromSpec(spec);
    const patched = await workbookToBuffer(workbook, extras);
    expect(packageExtras(patched)).toEqual({ names: extras.names, calculatedColumns: expect.arrayContaining(extras.calculatedColumns) as unknown });
    expect(packageExtras(patched).calculatedColumns).toHaveLength(extras.calculatedColumns.length);
    // The patches change no cell.
    expect(readWorkbookBytes(patched).tables).toEqual(readWorkbookBytes(bare).tables);

    const zip = xmlParts(patched);
    for (const p of Object.keys(zip).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))) {
      const xml = zip[p];
      expect(withoutOverlappingValidations(xml)).toBe(xml);
    }
  });
});
