import { columnLetter, columnNumber, formatArea, parseArea, parseCell, parseSheetReference } from '../../../src/workbook/a1';

describe('A1 addresses', () => {
  it('converts column letters and numbers both ways across the grid', () => {
    for (const [letters, n] of [['A', 1], ['Z', 26], ['AA', 27], ['AZ', 52], ['ZZ', 702], ['AAA', 703], ['XFD', 16384]] as const) {
      expect(columnNumber(letters)).toBe(n);
      expect(columnNumber(letters.toLowerCase())).toBe(n);
      expect(columnLetter(n)).toBe(letters);
    }
    for (let n = 1; n <= 16384; n += 37) expect(columnNumber(columnLetter(n))).toBe(n);
    expect(columnNumber('A1')).toBeNaN();
    expect(columnNumber('ABCD')).toBeNaN();
  });

  it('parses cells with and without $, and refuses cells off the grid', () => {
    expect(parseCell('$B$3')).toEqual({ row: 3, col: 2, rowAbsolute: true, colAbsolute: true });
    expect(parseCell('c10')).toEqual({ row: 10, col: 3, rowAbsolute: false, colAbsolute: false });
    expect(parseCell('XFD1048576')).toMatchObject({ row: 1048576, col: 16384 });
    expect(parseCell('XFE1')).toBeUndefined();
    expect(parseCell('A1048577')).toBeUndefined();
    expect(parseCell('A0')).toBeUndefined();
  });

  it('parses areas in any corner order, and not whole columns', () => {
    expect(parseArea('C10:A1')).toEqual({ top: 1, left: 1, bottom: 10, right: 3 });
    expect(parseArea('$A$1')).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    expect(parseArea('A:A')).toBeUndefined();
    expect(formatArea({ top: 1, left: 1, bottom: 10, right: 3 })).toBe('A1:C10');
    expect(formatArea({ top: 4, left: 2, bottom: 4, right: 2 })).toBe('B4');
  });

  it('parses sheet references, quoted names with doubled quotes included', () => {
    expect(parseSheetReference("'Chỉ số'!$L$12")).toEqual({ sheet: 'Chỉ số', area: { top: 12, left: 12, bottom: 12, right: 12 } });
    expect(parseSheetReference("='It''s'!A1:B2")).toEqual({ sheet: "It's", area: { top: 1, left: 1, bottom: 2, right: 2 } });
    expect(parseSheetReference('Data!C3')).toMatchObject({ sheet: 'Data' });
    expect(parseSheetReference('Data!#REF!')).toBeUndefined();
    expect(parseSheetReference('SUM(A1)')).toBeUndefined();
  });
});
