import { strToU8, zipSync } from 'fflate';
import { readXlsx, XlsxReadError, type XlsxWorkbookRead } from '../../../src/xlsx/reader';
import { MAIN, REL, rels, table, workbook, workbookParts, xml, zipParts } from './build';

/** Reading rules, each on a workbook built from the XML a producer writes. */

function readError(bytes: Uint8Array, options?: Parameters<typeof readXlsx>[1]): XlsxReadError {
  try {
    readXlsx(bytes, options);
  } catch (e) {
    if (e instanceof XlsxReadError) return e;
    throw e;
  }
  throw new Error('read without error');
}

const only = (read: XlsxWorkbookRead) => {
  expect(read.tables).toHaveLength(1);
  return read.tables[0];
};

const T1 = 'xl/tables/table1.xml';
const T1_REL = '../tables/table1.xml';

describe('readXlsx: cells', () => {
  it('reads a table: headers, data rows, shared and inline strings, numbers, booleans, errors', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          {
            name: 'Dữ liệu',
            tables: [T1_REL],
            data:
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Đạt</t></is></c></row>' +
              '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>12.5</v></c><c r="C2" t="b"><v>1</v></c></row>' +
              '<row r="3"><c r="A3" t="str"><v>văn bản</v></c><c r="B3" t="e"><v>#N/A</v></c><c r="C3" t="b"><v>0</v></c></row>',
          },
        ],
        sharedStrings: ['Mã', 'Giá trị', 'CT1'],
        parts: { [T1]: table(1, 'tblA', 'A1:C3', ['Mã', 'Giá trị', 'Đạt']) },
      }),
    );
    const t = only(read);
    expect(t).toMatchObject({ name: 'tblA', displayName: 'tblA', sheetName: 'Dữ liệu', sheetPart: 'xl/worksheets/sheet1.xml', tablePart: T1, ref: 'A1:C3', row: 1, col: 1 });
    expect(t.headers).toEqual(['Mã', 'Giá trị', 'Đạt']);
    expect(t.values).toEqual([
      ['CT1', 12.5, true],
      ['văn bản', { error: '#N/A' }, false],
    ]);
    expect(t.formulas).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    expect(read.stats).toMatchObject({ sheetsParsed: 1, rows: 3, cells: 9 });
  });

  it('joins rich-text runs and leaves phonetic runs out, in shared and inline strings', () => {
    const sst = xml(
      `<sst xmlns="${MAIN}"><si><t>H</t></si><si><r><rPr><b/></rPr><t>Chuyển </t></r><r><t>đổi</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si></sst>`,
    );
    const read = readXlsx(
      workbook({
        sheets: [
          {
            name: 'S',
            tables: [T1_REL],
            data:
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c></row>' +
              '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="inlineStr"><is><r><t>số </t></r><r><rPr><i/></rPr><t>hóa</t></r><rPh><t>x</t></rPh></is></c></row>',
          },
        ],
        sharedStrings: sst,
        parts: { [T1]: table(1, 'tblA', 'A1:B2', ['H', 'H2']) },
      }),
    );
    expect(only(read).values).toEqual([['Chuyển đổi', 'số hóa']]);
  });

  it('decodes _xHHHH_ escapes and keeps every character, control characters included', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          {
            name: 'S',
            tables: [T1_REL],
            data: '<row r="1"><c r="A1" t="inlineStr"><is><t>Đơn_x000a_vị</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>a_x000B_b</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>_x005F_x0041_</t></is></c></row>',
          },
        ],
        sharedStrings: ['Sở_x001B_[31m TT'],
        parts: { [T1]: table(1, 'tblA', 'A1:A4', ['Đơn_x000a_vị']) },
      }),
    );
    const t = only(read);
    expect(t.headers).toEqual(['Đơn\nvị']);
    expect(t.columnNames).toEqual(['Đơn\nvị']);
    expect(t.values).toEqual([['Sở\u001b[31m TT'], ['a\u000bb'], ['_x0041_']]);
  });

  it('expands shared formulas to each cell, moving relative references only', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          {
            name: 'S',
            tables: [T1_REL],
            data:
              '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c></row>' +
              '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="str"><f t="shared" ref="B2:B4" si="0">IF(A2&gt;$A$2,"CT1",tblA[[#This Row],[a]]+A2)</f><v>x</v></c></row>' +
              '<row r="3"><c r="A3"><v>2</v></c><c r="B3" t="str"><f t="shared" si="0"/><v>y</v></c></row>' +
              '<row r="4"><c r="A4"><v>3</v></c><c r="B4"><f t="shared" si="0"/><v>4</v></c></row>',
          },
        ],
        parts: { [T1]: table(1, 'tblA', 'A1:B4', ['a', 'b']) },
      }),
    );
    const t = only(read);
    expect(t.formulas.map((r) => r[1])).toEqual([
      '=IF(A2>$A$2,"CT1",tblA[[#This Row],[a]]+A2)',
      '=IF(A3>$A$2,"CT1",tblA[[#This Row],[a]]+A3)',
      '=IF(A4>$A$2,"CT1",tblA[[#This Row],[a]]+A4)',
    ]);
    expect(t.values.map((r) => r[1])).toEqual(['x', 'y', 4]);
  });

  it('takes a shared formula from a master outside the table, and reads a formula without a cached value as empty', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          {
            name: 'S',
            tables: [T1_REL],
            data:
              '<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="7">C1*2</f><v>0</v></c></row>' +
              '<row r="2"><c r="A2" t="inlineStr"><is><t>h</t></is></c></row>' +
              '<row r="3"><c r="A3"><f t="shared" si="7"/></c></row>',
          },
        ],
        parts: { [T1]: table(1, 'tblA', 'A2:A3', ['h']) },
      }),
    );
    expect(only(read).formulas).toEqual([['=C3*2']]);
    expect(only(read).values).toEqual([['']]);
  });

  it('places cells without r after the previous cell and rows without r after the previous row', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          {
            name: 'S',
            tables: [T1_REL],
            data: '<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row><row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="B5"><v>9</v></c></row><row><c/><c><v>7</v></c></row>',
          },
        ],
        parts: { [T1]: table(1, 'tblA', 'A1:B6', ['a', 'b']) },
      }),
    );
    const t = only(read);
    expect(t.headers).toEqual(['a', 'b']);
    expect(t.values).toEqual([
      [1, 2],
      [null, null],
      [null, null],
      [null, 9],
      [null, 7],
    ]);
  });

  it('reads rows out of order and hidden rows as data', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          {
            name: 'S',
            tables: [T1_REL],
            data: '<row r="3" hidden="1"><c r="A3"><v>3</v></c></row><row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c></row><row r="2"><c r="A2"><v>2</v></c></row>',
          },
        ],
        parts: { [T1]: table(1, 'tblA', 'A1:A3', ['n']) },
      }),
    );
    expect(only(read).values).toEqual([[2], [3]]);
  });

  it('reads t="d" as a 1900 serial, and moves date-formatted numbers of a 1904 workbook to the 1900 system', () => {
    const styles = xml(
      `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
    );
    const sheet = (date1904: boolean) =>
      workbook({
        workbookPr: date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>',
        styles,
        sheets: [
          {
            name: 'S',
            tables: [T1_REL],
            data:
              '<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c></row>' +
              // 44560 in the 1904 system is 31/12/2025 (46022 in the 1900 system)
              '<row r="2"><c r="A2" s="1"><v>44560</v></c></row><row r="3"><c r="A3" s="2"><v>44560</v></c></row><row r="4"><c r="A4" s="3"><v>44560</v></c></row>' +
              '<row r="5"><c r="A5" t="d"><v>2025-12-31T00:00:00Z</v></c></row><row r="6"><c r="A6" t="d" s="1"><v>2025-12-31T12:00:00</v></c></row><row r="7"><c r="A7" t="d"><v>1900-01-01</v></c></row>',
          },
        ],
        parts: { [T1]: table(1, 'tblA', 'A1:A7', ['d']) },
      });
    const in1904 = readXlsx(sheet(true));
    expect(in1904.date1904).toBe(true);
    expect(only(in1904).values).toEqual([[46022], [46022], [44560], [46022], [46022.5], [1]]);
    const in1900 = readXlsx(sheet(false));
    expect(in1900.date1904).toBe(false);
    expect(only(in1900).values).toEqual([[44560], [44560], [44560], [46022], [46022.5], [1]]);
  });

  it('reads tables without a header row and with a totals row', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          {
            name: 'S',
            tables: [T1_REL, '../tables/table2.xml'],
            data: '<row r="3"><c r="A3"><v>1</v></c><c r="D3" t="inlineStr"><is><t>k</t></is></c></row><row r="4"><c r="A4"><v>2</v></c><c r="D4"><v>5</v></c></row><row r="5"><c r="D5"><f>SUBTOTAL(109,[k])</f><v>5</v></c></row>',
          },
        ],
        parts: {
          [T1]: table(1, 'tblNoHeader', 'A3:A4', ['Cột1'], ' headerRowCount="0"'),
          'xl/tables/table2.xml': table(2, 'tblTotals', 'D3:D5', ['k'], ' totalsRowCount="1"'),
        },
      }),
    );
    expect(read.tables.map((t) => [t.name, t.row, t.col, t.headers, t.values, t.headerRowCount, t.totalsRowCount])).toEqual([
      ['tblNoHeader', 2, 1, ['Cột1'], [[1], [2]], 0, 0],
      ['tblTotals', 3, 4, ['k'], [[5]], 1, 1],
    ]);
  });

  it('resolves named cells: quoted sheet names, ranges (first cell), global names before sheet-scoped ones', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          { name: 'Chỉ số', data: '<row r="12"><c r="L12"><f>SUM(A1:A3)</f><v>87.5</v></c><c r="M12" t="inlineStr"><is><t>Tốt</t></is></c></row>' },
          { name: 'Other', data: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        ],
        definedNames:
          `<definedName name="MucDo" localSheetId="1">Other!$A$1</definedName><definedName name="TongDiem">'Chỉ số'!$L$12</definedName>` +
          `<definedName name="MucDo">'Chỉ số'!$M$12:$M$14</definedName><definedName name="Local" localSheetId="1">Other!$A$1</definedName><definedName name="Broken">#REF!</definedName>`,
      }),
      { namedCells: ['TongDiem', 'MucDo', 'Local', 'Broken', 'Missing'] },
    );
    expect(read.namedCells).toEqual({
      TongDiem: { sheet: 'Chỉ số', address: 'L12', formula: '=SUM(A1:A3)', value: 87.5 },
      MucDo: { sheet: 'Chỉ số', address: 'M12', formula: null, value: 'Tốt' },
      Local: { sheet: 'Other', address: 'A1', formula: null, value: 1 },
    });
    expect(read.definedNames[0]).toEqual({ name: 'MucDo', refersTo: 'Other!$A$1', localSheetId: 1 });
    expect(read.stats.sheetsParsed).toBe(2);
  });

  it('parses no sheet that holds neither a table nor a requested named cell', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          { name: 'Has table', tables: [T1_REL], data: '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>' },
          // Not XML at all: reading it would fail.
          { name: 'Untouched', data: '<?xml version="1.0"?><worksheet><<<' },
        ],
        parts: { [T1]: table(1, 'tblA', 'A1:A1', ['a']) },
      }),
    );
    expect(read.sheets.map((s) => s.name)).toEqual(['Has table', 'Untouched']);
    expect(read.stats.sheetsParsed).toBe(1);
  });

  it('keeps two tables of the same name (case-insensitively) both, for the caller to report', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          { name: 'A', tables: [T1_REL], data: '' },
          { name: 'B', tables: ['../tables/table2.xml'], data: '' },
        ],
        parts: { [T1]: table(1, 'tblChiTieu', 'A1:A2', ['x']), 'xl/tables/table2.xml': table(2, 'TBLCHITIEU', 'C1:C2', ['x']) },
      }),
    );
    expect(read.tables.map((t) => [t.name, t.sheetName])).toEqual([
      ['tblChiTieu', 'A'],
      ['TBLCHITIEU', 'B'],
    ]);
  });

  it('reads sheet states, and the sheets in workbook order with their parts', () => {
    const read = readXlsx(
      workbook({
        sheets: [
          { name: 'One', data: '' },
          { name: 'Two', data: '', state: 'hidden' },
          { name: 'Three', data: '', state: 'veryHidden' },
        ],
      }),
    );
    expect(read.sheets).toEqual([
      { name: 'One', part: 'xl/worksheets/sheet1.xml', state: 'visible' },
      { name: 'Two', part: 'xl/worksheets/sheet2.xml', state: 'hidden' },
      { name: 'Three', part: 'xl/worksheets/sheet3.xml', state: 'veryHidden' },
    ]);
    expect(read.tables).toEqual([]);
  });
});

describe('readXlsx: producers', () => {
  it('reads a workbook whose main namespace is bound to a prefix (Open XML SDK style)', () => {
    const x = `xmlns:x="${MAIN}" xmlns:r="${REL}"`;
    const bytes = workbook({
      sheets: [{ name: 'S', tables: [T1_REL], data: `<?xml version="1.0"?><x:worksheet ${x}><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Mã</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData><x:tableParts count="1"><x:tablePart r:id="rT1"/></x:tableParts></x:worksheet>` }],
      parts: {
        'xl/workbook.xml': xml(`<x:workbook ${x}><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/></x:sheets><x:definedNames><x:definedName name="N">S!$A$2</x:definedName></x:definedNames></x:workbook>`),
        [T1]: xml(`<x:table ${x} id="1" name="tblA" displayName="tblA" ref="A1:A2"><x:tableColumns count="1"><x:tableColumn id="1" name="Mã"/></x:tableColumns></x:table>`),
      },
    });
    const read = readXlsx(bytes, { namedCells: ['N'] });
    expect(only(read)).toMatchObject({ headers: ['Mã'], values: [[2]], formulas: [['=1+1']] });
    expect(read.namedCells.N.value).toBe(2);
  });

  it('resolves absolute relationship targets, as openpyxl writes them, and part names in another case', () => {
    const parts = workbookParts({ sheets: [{ name: 'S', tables: ['/xl/tables/table1.xml'], data: '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>' }], parts: { [T1]: table(1, 'tblA', 'A1:A1', ['a']) } });
    parts['_rels/.rels'] = rels([{ id: 'rId1', type: 'officeDocument', target: '/xl/workbook.xml' }]);
    parts['xl/_rels/workbook.xml.rels'] = rels([{ id: 'rId1', type: 'worksheet', target: '/XL/Worksheets/Sheet1.xml' }]);
    const read = readXlsx(zipParts(parts));
    expect(read.sheets[0].part).toBe('xl/worksheets/sheet1.xml');
    expect(only(read).headers).toEqual(['a']);
  });

  it('reads a tableColumn with children (calculatedColumnFormula, totalsRowFormula)', () => {
    const part = xml(
      `<table xmlns="${MAIN}" id="1" name="tblA" displayName="tblA" ref="A1:B2"><autoFilter ref="A1:B2"><filterColumn colId="0"><filters><filter val="1"/></filters></filterColumn></autoFilter><tableColumns count="2"><tableColumn id="1" name="a"/><tableColumn id="2" name="b"><calculatedColumnFormula>tblA[[#This Row],[a]]*2</calculatedColumnFormula></tableColumn></tableColumns><tableStyleInfo name="TableStyleMedium2"/></table>`,
    );
    const read = readXlsx(
      workbook({
        sheets: [{ name: 'S', tables: [T1_REL], data: '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f>tblA[[#This Row],[a]]*2</f><v>2</v></c></row>' }],
        parts: { [T1]: part },
      }),
    );
    expect(only(read)).toMatchObject({ headers: ['a', 'b'], columnNames: ['a', 'b'], values: [[1, 2]], formulas: [[null, '=tblA[[#This Row],[a]]*2']] });
  });

  it('reads Strict OOXML (purl.oclc.org namespaces) as the same workbook', () => {
    const S_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
    const S_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
    const sRels = (list: Array<[string, string, string]>) =>
      xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list.map(([id, type, target]) => `<Relationship Id="${id}" Type="${S_REL}/${type}" Target="${target}"/>`).join('')}</Relationships>`);
    const bytes = zipParts({
      '_rels/.rels': sRels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
      'xl/_rels/workbook.xml.rels': sRels([['rId1', 'worksheet', 'worksheets/sheet1.xml']]),
      'xl/workbook.xml': xml(`<workbook xmlns="${S_MAIN}" xmlns:r="${S_REL}" conformance="strict"><workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/worksheets/_rels/sheet1.xml.rels': sRels([['rT1', 'table', '../tables/table1.xml']]),
      'xl/worksheets/sheet1.xml': xml(`<worksheet xmlns="${S_MAIN}" xmlns:r="${S_REL}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2" t="d"><v>2025-12-31</v></c></row></sheetData><tableParts count="1"><tablePart r:id="rT1"/></tableParts></worksheet>`),
      [T1]: xml(`<table xmlns="${S_MAIN}" id="1" name="tblA" displayName="tblA" ref="A1:A2"><tableColumns count="1"><tableColumn id="1" name="a"/></tableColumns></table>`),
    });
    const read = readXlsx(bytes);
    expect(read.date1904).toBe(true);
    expect(only(read)).toMatchObject({ headers: ['a'], values: [[46022]] });
  });

  it('passes over a whole-sheet validation (A1:XFD1048576) and conditional formats without expanding them', () => {
    const ws = xml(
      `<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData>` +
        `<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>` +
        `<dataValidations count="2"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation><dataValidation type="whole" sqref="A:A B:XFD"><formula1>0</formula1></dataValidation></dataValidations>` +
        `<tableParts count="1"><tablePart r:id="rT1"/></tableParts></worksheet>`,
    );
    const started = process.hrtime.bigint();
    const read = readXlsx(workbook({ sheets: [{ name: 'S', tables: [T1_REL], data: ws }], parts: { [T1]: table(1, 'tblA', 'A1:A2', ['a']) } }));
    expect(only(read).values).toEqual([[1]]);
    // The work done is the file's own size: two rows, two cells kept.
    expect(read.stats).toMatchObject({ rows: 2, cells: 2 });
    expect(Number(process.hrtime.bigint() - started)).toBeGreaterThan(0);
  });

  it('never parses charts, drawings or comments, even when they are broken', () => {
    const read = readXlsx(
      workbook({
        sheets: [{ name: 'S', tables: [T1_REL], data: '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>' }],
        parts: { [T1]: table(1, 'tblA', 'A1:A1', ['a']), 'xl/charts/chart1.xml': '<not xml', 'xl/drawings/drawing1.xml': '<<', 'xl/comments1.xml': '&bad;' },
      }),
    );
    expect(only(read).headers).toEqual(['a']);
  });
});

describe('readXlsx: files it refuses, and why', () => {
  it('refuses what is not a zip', () => {
    expect(readError(strToU8('Mã,Tên\n1,2\n')).code).toBe('NOT_ZIP');
    expect(readError(new Uint8Array(0)).code).toBe('NOT_ZIP');
  });

  it('refuses a truncated zip as damaged, in Vietnamese then English', () => {
    const whole = workbook({ sheets: [{ name: 'S', data: '' }] });
    const e = readError(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(e.code).toBe('DAMAGED_ZIP');
    expect(e.message).toBe(`${e.vi} / ${e.en}`);
    expect(e.vi).toMatch(/bị hỏng/);
    expect(e.message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a zip that holds no workbook (a .docx)', () => {
    const docx = zipSync({
      '_rels/.rels': strToU8(rels([{ id: 'rId1', type: 'officeDocument', target: 'word/document.xml' }])),
      'word/document.xml': strToU8(xml('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')),
    });
    const e = readError(docx);
    expect(e.code).toBe('NOT_WORKBOOK');
    expect(e.en).toMatch(/Word document/);
    expect(readError(zipSync({ 'a.txt': strToU8('hi') })).code).toBe('NOT_WORKBOOK');
  });

  it('refuses a workbook part that is not a workbook', () => {
    const e = readError(workbook({ sheets: [], parts: { 'xl/workbook.xml': xml('<document xmlns="urn:other"/>') } }));
    expect(e.code).toBe('NOT_WORKBOOK');
  });

  it('refuses a part that is not well-formed XML, and an XML entity bomb, as damage', () => {
    const bomb = xml(
      `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>` +
        `<sst xmlns="${MAIN}"><si><t>&lol3;</t></si></sst>`,
    );
    const bytes = workbook({ sheets: [{ name: 'S', tables: [T1_REL], data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }], sharedStrings: bomb, parts: { [T1]: table(1, 'tblA', 'A1:A1', ['a']) } });
    expect(readError(bytes).code).toBe('DAMAGED_ZIP');
    const broken = workbook({ sheets: [{ name: 'S', tables: [T1_REL], data: '<row r="1"><c r="A1"><v>1</c></row>' }], parts: { [T1]: table(1, 'tblA', 'A1:A1', ['a']) } });
    expect(readError(broken).en).toMatch(/xl\/worksheets\/sheet1\.xml is not well-formed XML/);
  });

  it('refuses a table claiming more cells than the limit before parsing any sheet', () => {
    const bytes = workbook({ sheets: [{ name: 'S', tables: [T1_REL], data: '' }], parts: { [T1]: table(1, 'tblA', 'A1:XFD1048576', ['a']) } });
    const e = readError(bytes);
    expect(e.code).toBe('TOO_LARGE');
    expect(e.limit).toBe('maxCells');
  });

  it('names the limit it enforces: file bytes, parts, rows, shared strings', () => {
    const bytes = workbook({
      sheets: [{ name: 'S', tables: [T1_REL], data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"/><row r="3"/>' }],
      sharedStrings: ['a', 'b', 'c'],
      parts: { [T1]: table(1, 'tblA', 'A1:A1', ['a']) },
    });
    expect(readXlsx(bytes).tables[0].headers).toEqual(['a']);
    const limitOf = (limits: Parameters<typeof readXlsx>[1]) => readError(bytes, limits).limit;
    expect(limitOf({ limits: { maxFileBytes: 100 } })).toBe('maxFileBytes');
    expect(limitOf({ limits: { maxParts: 3 } })).toBe('maxParts');
    expect(limitOf({ limits: { maxRows: 2 } })).toBe('maxRows');
    expect(limitOf({ limits: { maxSharedStrings: 2 } })).toBe('maxSharedStrings');
    expect(limitOf({ limits: { maxSharedStringChars: 2 } })).toBe('maxSharedStringChars');
    expect(limitOf({ limits: { maxExpandedBytes: 1000 } })).toBe('maxExpandedBytes');
    expect(readError(bytes, { limits: { maxRows: 2 } }).message).toMatch(/^Bảng tính có quá nhiều dòng .* \/ Too many rows/);
  });
});
