import type { Finding } from '../../src/domain/check';
import { dateSerial } from '../../src/domain/values';
import {
  abbreviate,
  addressOrder,
  cellRef,
  columnLabel,
  countOf,
  countSeverities,
  findingMessage,
  findingSuggestionText,
  findingValueText,
  fixLines,
  fixOf,
  fixesFor,
  formatValue,
  groupBySheet,
  isDateFinding,
  restoredByColumn,
} from '../../src/taskpane/views/check-model';

const finding = (over: Partial<Finding>): Finding => ({
  severity: 'error',
  code: 'required',
  table: 'tblChiTieu',
  key: 'value',
  row: 1,
  sheet: 'Chỉ tiêu',
  address: 'D5',
  messageVi: 'Thiếu giá trị.',
  messageEn: 'Missing value.',
  value: null,
  ...over,
});

describe('formatValue', () => {
  it('shows numbers with the language’s decimal mark and text in quotes', () => {
    expect(formatValue(1.5, 'vi')).toBe('1,5');
    expect(formatValue(1.5, 'en')).toBe('1.5');
    expect(formatValue(0.1 + 0.2, 'vi')).toBe('0,3');
    expect(formatValue(' 75% ', 'vi')).toBe('" 75% "');
    expect(formatValue(null, 'vi')).toBe('');
    expect(formatValue('', 'vi')).toBe('');
    expect(formatValue({ error: '#N/A' }, 'en')).toBe('#N/A');
    expect(formatValue(true, 'vi')).toBe('TRUE');
  });

  it('shows date serials as dd/mm/yyyy when asked', () => {
    expect(formatValue(dateSerial(2025, 11, 25), 'en', true)).toBe('25/11/2025');
    expect(formatValue(dateSerial(2025, 1, 5), 'vi', true)).toBe('05/01/2025');
  });
});

describe('finding wording', () => {
  it('picks the message of the UI language, falling back to the other', () => {
    const f = finding({});
    expect(findingMessage(f, 'vi')).toBe('Thiếu giá trị.');
    expect(findingMessage(f, 'en')).toBe('Missing value.');
    expect(findingMessage({ messageVi: 'Chỉ tiếng Việt', messageEn: '' }, 'en')).toBe('Chỉ tiếng Việt');
  });

  it('formats a date-as-text suggestion as a date, the typed text as typed', () => {
    const serial = dateSerial(2025, 11, 25);
    const f = finding({ code: 'dateAsText', table: 'tblThongTin', value: '25/11/2025', suggestion: serial });
    expect(isDateFinding(f)).toBe(true);
    expect(findingValueText(f, 'vi')).toBe('"25/11/2025"');
    expect(findingSuggestionText(f, 'vi')).toBe('25/11/2025');
  });

  it('formats date values of period findings and the due column as dates', () => {
    const serial = dateSerial(2024, 3, 1);
    expect(findingValueText(finding({ code: 'periodOutsideYear', table: 'tblThongTin', value: serial }), 'en')).toBe('01/03/2024');
    expect(isDateFinding({ code: 'wrongType', table: 'tblNhiemVu', key: 'due' })).toBe(true);
    expect(findingValueText(finding({ code: 'outOfRange', value: 45000 }), 'en')).toBe('45000');
  });

  it('names columns by their header in the UI language', () => {
    expect(columnLabel('tblNhiemVu', 'progress', 'vi')).toBe('Tiến độ');
    expect(columnLabel('tblNhiemVu', 'progress', 'en')).toBe('Progress');
    expect(columnLabel('tblUnknown', 'x', 'vi')).toBe('x');
  });

  it('quotes sheet names as Excel does', () => {
    expect(cellRef('Chỉ tiêu', 'D5')).toBe("'Chỉ tiêu'!D5");
    expect(cellRef('Meta', 'A1')).toBe('Meta!A1');
    expect(cellRef("O'Brien", 'A1')).toBe("'O''Brien'!A1");
    expect(cellRef('', 'A1')).toBe('A1');
  });
});

describe('groupBySheet', () => {
  it('puts workbook-level findings first, keeps sheet order, sorts by severity then position', () => {
    const findings = [
      finding({ sheet: 'Nhiệm vụ', address: 'H10', severity: 'warning' }),
      finding({ sheet: 'Chỉ tiêu', address: 'D12', severity: 'error' }),
      finding({ sheet: 'Nhiệm vụ', address: 'H2', severity: 'error' }),
      finding({ sheet: 'Nhiệm vụ', address: 'AA3', severity: 'warning' }),
      finding({ sheet: 'Nhiệm vụ', address: 'B3', severity: 'warning' }),
      finding({ sheet: '', address: '', code: 'missingTable', row: 0 }),
    ];
    const groups = groupBySheet(findings);
    expect(groups.map((g) => g.sheet)).toEqual(['', 'Nhiệm vụ', 'Chỉ tiêu']);
    expect(groups[1].items.map((i) => i.finding.address)).toEqual(['H2', 'B3', 'AA3', 'H10']);
    expect(groups[1].counts).toEqual({ error: 1, warning: 3, info: 0 });
    expect(groups[0].items[0].locatable).toBe(false);
    expect(groups[1].items[0].locatable).toBe(true);
    const ids = groups.flatMap((g) => g.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('orders addresses by row, then column', () => {
    expect(addressOrder('B3')).toEqual([3, 2]);
    expect(addressOrder('$AA$10')).toEqual([10, 27]);
    expect(addressOrder('')).toEqual([0, 0]);
  });
});

describe('fixes', () => {
  it('offers a fix only for a finding with a suggestion and a cell', () => {
    expect(fixOf(finding({ value: '1,5', suggestion: 1.5 }))).toEqual({ sheet: 'Chỉ tiêu', address: 'D5', expectedValue: '1,5', newValue: 1.5 });
    expect(fixOf(finding({ value: 'x' }))).toBeNull();
    expect(fixOf(finding({ address: '', suggestion: 1 }))).toBeNull();
    expect(fixOf(finding({ code: 'dateAsText', value: '1/2/2025', suggestion: 45689 }))?.isDate).toBe(true);
  });

  it('lists every offered fix once per cell, in the findings’ order', () => {
    const findings = [
      finding({ address: 'D5', value: '1,5', suggestion: 1.5 }),
      finding({ address: 'D6', value: 'x' }),
      finding({ address: 'd5', value: '1,5', suggestion: 15 }),
      finding({ address: 'D7', value: 'có ', suggestion: 'Có' }),
    ];
    const fixes = fixesFor(findings);
    expect(fixes.map((f) => [f.address, f.newValue])).toEqual([
      ['D5', 1.5],
      ['D7', 'Có'],
    ]);
  });

  it('describes exactly the confirmed cells, old → new', () => {
    const findings = [finding({ address: 'D5', value: '1,5', suggestion: 1.5 }), finding({ sheet: 'Thông tin', table: 'tblThongTin', address: 'C9', code: 'dateAsText', value: '25/11/2025', suggestion: dateSerial(2025, 11, 25) })];
    const lines = fixLines(fixesFor(findings), findings, 'vi');
    expect(lines).toEqual([
      { ref: "'Chỉ tiêu'!D5", oldText: '"1,5"', newText: '1,5' },
      { ref: "'Thông tin'!C9", oldText: '"25/11/2025"', newText: '25/11/2025' },
    ]);
  });

  it('counts results given as numbers or lists', () => {
    expect(countOf(3)).toBe(3);
    expect(countOf([{}, {}])).toBe(2);
    expect(countOf(undefined)).toBe(0);
  });
});

describe('fill summary', () => {
  it('groups restored formulas by column header, naming named cells by name', () => {
    const cols = restoredByColumn(
      [
        { sheet: 'Nhiệm vụ', address: 'F3', table: 'tblNhiemVu', key: 'role' },
        { sheet: 'Nhiệm vụ', address: 'F4', table: 'tblNhiemVu', key: 'role' },
        { sheet: 'Chỉ số', address: 'C40', table: '', key: '', column: 'TongDiem' },
      ],
      'vi',
    );
    expect(cols.map((c) => [c.column, c.refs])).toEqual([
      ['Vai trò', ["'Nhiệm vụ'!F3", "'Nhiệm vụ'!F4"]],
      ['TongDiem', ["'Chỉ số'!C40"]],
    ]);
  });

  it('abbreviates long lists', () => {
    expect(abbreviate(['a', 'b', 'c'], 2)).toEqual({ shown: 'a, b', more: 1 });
    expect(abbreviate(['a'], 2)).toEqual({ shown: 'a', more: 0 });
  });

  it('counts severities', () => {
    expect(countSeverities([{ severity: 'error' }, { severity: 'info' }, { severity: 'error' }])).toEqual({ error: 2, warning: 0, info: 1 });
  });
});
