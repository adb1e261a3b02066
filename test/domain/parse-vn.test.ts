import { parseDateVn, parseNumberVn, parseYesNo } from '../../src/domain/parse-vn';
import { dateSerial } from '../../src/domain/values';

describe('Vietnamese data habits', () => {
  test.each([
    ['1,5', 1.5], ['1.234.567', 1234567], ['1.234', 1234], ['1.5', 1.5], ['1.234,56', 1234.56], ['1,234.56', 1234.56],
    ['1,234,567', 1234567], [' 80 ', 80], ['-3', -3], ['12\u00a0000', 12000],
  ])('number %p → %p', (text, value) => expect(parseNumberVn(text)?.value).toBe(value));

  test('percent text keeps its number and says it was a percent', () => {
    expect(parseNumberVn('75%')).toEqual({ value: 75, percent: true });
    expect(parseNumberVn('12,5 %')).toEqual({ value: 12.5, percent: true });
  });

  test.each(['abc', '1,2,3', '1.23.4', '', '.', '1..2', '12a'])('not a number: %p', (text) => expect(parseNumberVn(text)).toBeUndefined());

  test('yes/no words', () => {
    expect(['có', 'Co', 'x', 'X', ' yes '].map(parseYesNo)).toEqual(['Có', 'Có', 'Có', 'Có', 'Có']);
    expect(['không', 'khong', 'ko', 'no'].map(parseYesNo)).toEqual(['Không', 'Không', 'Không', 'Không']);
    expect(parseYesNo('có lẽ')).toBeUndefined();
  });

  test('dates typed as text', () => {
    expect(parseDateVn('25/11/2025')).toBe(dateSerial(2025, 11, 25));
    expect(parseDateVn('5-1-2024')).toBe(dateSerial(2024, 1, 5));
    expect(parseDateVn('2025-11-25')).toBe(dateSerial(2025, 11, 25));
    expect(parseDateVn('31/02/2025')).toBeUndefined();
    expect(parseDateVn('11/25/2025')).toBeUndefined();
  });
});
