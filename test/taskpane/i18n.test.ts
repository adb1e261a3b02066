import { MESSAGES, translator } from '../../src/taskpane/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('task pane strings', () => {
  it('has every key in both languages with the same placeholders', () => {
    const vi = MESSAGES.vi;
    const en = MESSAGES.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi) as Array<keyof typeof vi>) {
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(vi[key])]);
      expect(vi[key].trim()).not.toBe('');
      expect(en[key].trim()).not.toBe('');
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('vi');
    expect(t('checkSummary', { error: 1, warning: 2, info: 0 })).toBe('Tìm thấy 1 lỗi, 2 cảnh báo, 0 thông tin.');
    expect(t('fixesApplied')).toBe('Đã sửa {applied} ô.');
    expect(translator('en')('checkTab')).toBe('Check');
    expect(t('mergeTab')).toBe('Tổng hợp');
  });
});
