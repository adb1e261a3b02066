import { clip, MAX_SUMMARY_CHARS, readResultParams, resultPageUrl, storedCommandLang } from '../../src/commands/result';

describe('ribbon check result page', () => {
  it('puts the summary beside the function file and reads it back', () => {
    const summary = 'Kiểm tra xong: 3 lỗi, 2 cảnh báo. & ?#';
    const url = resultPageUrl('https://localhost:3000/commands.html?_host_Info=Excel#x', summary, 'vi');
    expect(url.startsWith('https://localhost:3000/commands-result.html?')).toBe(true);
    expect(url).not.toContain('_host_Info');
    expect(readResultParams(new URL(url).search)).toEqual({ lang: 'vi', summary });
  });

  it('defaults to Vietnamese and clips long text', () => {
    expect(readResultParams('?summary=x&lang=fr')).toEqual({ lang: 'vi', summary: 'x' });
    expect(readResultParams('')).toEqual({ lang: 'vi', summary: '' });
    const long = 'ạ'.repeat(MAX_SUMMARY_CHARS + 10);
    expect([...clip(long)].length).toBe(MAX_SUMMARY_CHARS);
    expect(clip('ngắn')).toBe('ngắn');
    expect(resultPageUrl('https://localhost:3000/commands.html', long, 'en').length).toBeLessThan(2048);
  });

  it('follows the task pane’s language choice, tolerating blocked storage', () => {
    expect(storedCommandLang({ getItem: () => 'en' })).toBe('en');
    expect(storedCommandLang({ getItem: () => null })).toBe('vi');
    expect(
      storedCommandLang({
        getItem: () => {
          throw new Error('blocked');
        },
      }),
    ).toBe('vi');
    expect(storedCommandLang(undefined)).toBe('vi');
  });
});
