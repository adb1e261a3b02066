import { chunkRowsBySize, jsonBytes, RequestBudget } from '../../src/office/chunk';
import { excelEntry, excelText, needsQuotePrefix } from '../../src/office/literal';
import { officeErrorMessage } from '../../src/office/messages';
import { addressOrigin, toFormula, toScalar } from '../../src/office/read';
import { blockAddress, groupBlocks, validationRule, widthPoints } from '../../src/office/render';
import { FakeOfficeError } from '../../src/fake-excel';

describe('chunking writes by size', () => {
  test('chunkRowsBySize keeps each chunk within the budget, an oversized row alone', () => {
    expect(chunkRowsBySize([3, 3, 3, 3], 6)).toEqual([
      [0, 2],
      [2, 4],
    ]);
    expect(chunkRowsBySize([3, 9, 3], 6)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(chunkRowsBySize([], 6)).toEqual([]);
  });

  test('RequestBudget syncs only when the next write would pass the budget', async () => {
    const syncs: number[] = [];
    const context = { sync: async () => void syncs.push(syncs.length) };
    const budget = new RequestBudget(context, 10_000);
    const rows = Array.from({ length: 100 }, (_, i) => [`hàng ${i}`, i]);
    const written: Array<[number, number]> = [];
    await budget.writeRows(rows, (a, b) => written.push([a, b]));
    expect(written).toEqual([[0, 100]]);
    expect(syncs).toHaveLength(0);
    const big = Array.from({ length: 1000 }, (_, i) => [`hàng ${i} ${'x'.repeat(50)}`]);
    await budget.writeRows(big, (a, b) => written.push([a, b]));
    const chunks = written.slice(1);
    expect(chunks[0][0]).toBe(0);
    expect(chunks[chunks.length - 1][1]).toBe(1000);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i][0]).toBe(chunks[i - 1][1]);
    for (const [a, b] of chunks) expect(jsonBytes(big.slice(a, b))).toBeLessThan(10_000);
    expect(syncs.length).toBeGreaterThanOrEqual(chunks.length - 1);
  });
});

describe('text Excel must not reinterpret', () => {
  test.each([
    ['=1+1', true],
    ['+84 912', true],
    ['-5', true],
    ['@x', true],
    ['#N/A', true],
    ["'a", true],
    ['25/11/2023', true],
    ['1,5', true],
    ['0123', true],
    ['75%', true],
    ['(5)', true],
    ['$5', true],
    ['TRUE', true],
    ['sai', true],
    ['Jan-23', true],
    ['tháng 11/2023', true],
    ['\tTab', true],
    [' 12', true],
    ['Báo Quảng Trị', false],
    ['Có', false],
    ['TC1', false],
    ['', false],
    ['Năm 2025', false],
  ])('%j needs a quote prefix: %s', (text, expected) => {
    expect(needsQuotePrefix(text)).toBe(expected);
    expect(excelText(text)).toBe(expected ? `'${text}` : text);
  });

  test('excelEntry: formulas stay formulas, null clears, errors become their literal', () => {
    expect(excelEntry('x', '=A1')).toBe('=A1');
    expect(excelEntry(null)).toBe('');
    expect(excelEntry(3.5)).toBe(3.5);
    expect(excelEntry(Number.NaN)).toBe('');
    expect(excelEntry(false)).toBe(false);
    expect(excelEntry({ error: '#N/A' })).toBe('#N/A');
    expect(excelEntry('=x')).toBe("'=x");
  });
});

describe('reading helpers', () => {
  test('addressOrigin parses quoted and plain sheet names', () => {
    expect(addressOrigin("'Thông tin'!A4:C13")).toEqual({ sheet: 'Thông tin', row: 4, col: 1 });
    expect(addressOrigin("'It''s'!$AA$10")).toEqual({ sheet: "It's", row: 10, col: 27 });
    expect(addressOrigin('_PressDX!D1:F3')).toEqual({ sheet: '_PressDX', row: 1, col: 4 });
  });

  test('toScalar and toFormula', () => {
    expect(toScalar('', 'Empty')).toBeNull();
    expect(toScalar('#N/A', 'Error')).toEqual({ error: '#N/A' });
    expect(toScalar(5, 'Double')).toBe(5);
    expect(toFormula('=A1', 3, 'Double')).toBe('=A1');
    expect(toFormula('=1+1', '=1+1', 'String')).toBeNull();
    expect(toFormula(5, 5, 'Double')).toBeNull();
  });
});

describe('render helpers', () => {
  test('groupBlocks joins runs into rectangles', () => {
    const cells = [
      { row: 1, col: 1, key: 'a' },
      { row: 2, col: 1, key: 'a' },
      { row: 1, col: 2, key: 'a' },
      { row: 2, col: 2, key: 'a' },
      { row: 3, col: 2, key: 'b' },
    ];
    expect(groupBlocks(cells, (k) => k)).toEqual([
      { row: 1, col: 1, rows: 2, cols: 2, key: 'a' },
      { row: 3, col: 2, rows: 1, cols: 1, key: 'b' },
    ]);
    expect(groupBlocks(cells, (k) => k, false)).toHaveLength(3);
  });

  test('addresses, widths and validation rules', () => {
    expect(blockAddress(4, 1)).toBe('A4');
    expect(blockAddress(4, 1, 10, 3)).toBe('A4:C13');
    expect(widthPoints(10)).toBe(56.25);
    const m = { promptTitle: 't', prompt: 'p', errorTitle: 'e', error: 'x' };
    expect(validationRule({ type: 'whole', min: 0, ...m })).toEqual({ wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect(validationRule({ type: 'decimal', min: 0, max: 100, ...m })).toEqual({ decimal: { formula1: 0, formula2: 100, operator: 'Between' } });
    expect(validationRule({ type: 'date', min: 45000, max: 45100, ...m })).toEqual({ date: { formula1: '=45000', formula2: '=45100', operator: 'Between' } });
    expect(validationRule({ type: 'textLength', max: 20, ...m })).toEqual({ textLength: { formula1: 20, operator: 'LessThanOrEqualTo' } });
    expect(validationRule({ type: 'list', source: '=lstDonVi', ...m })).toEqual({ list: { inCellDropDown: true, source: '=lstDonVi' } });
  });

  test('officeErrorMessage explains Office error codes in Vietnamese or English', () => {
    const e = new FakeOfficeError('RequestPayloadSizeLimitExceeded');
    expect(officeErrorMessage(e, 'vi')).toMatch(/^Dữ liệu gửi tới Excel trong một lần quá lớn/);
    expect(officeErrorMessage(e, 'en')).toMatch(/^Too much data sent to Excel/);
    expect(officeErrorMessage(new Error('khác'), 'vi')).toBe('khác');
  });
});
