/** The command line: argument parsing, unit lookup, help and the command table. */
import { parseArgs, UsageError } from '../../src/cli/args';
import { COMMANDS, main } from '../../src/cli/main';
import { say } from '../../src/cli/messages';
import { findUnit, foldVietnamese } from '../../src/cli/units';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { recordingIO } from './recording-io';

const defs = { out: { value: true }, year: { value: true }, force: { value: false } };

function usage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e.text.vi;
    throw e;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('takes --name value, --name=value, flags and positionals', () => {
    expect(parseArgs(['--out', 'a.xlsx', '--year=2025', '--force', 'x'], defs)).toEqual({ options: { out: 'a.xlsx', year: '2025', force: true }, positionals: ['x'] });
    expect(parseArgs(['--', '--out'], defs)).toEqual({ options: {}, positionals: ['--out'] });
  });

  it('refuses unknown, repeated and valueless options, and values on flags', () => {
    expect(usage(() => parseArgs(['--outt', 'a'], defs))).toBe('không có tùy chọn --outt.');
    expect(usage(() => parseArgs(['--out', 'a', '--out=b'], defs))).toBe('tùy chọn --out được nhập hai lần.');
    expect(usage(() => parseArgs(['--out'], defs))).toBe('tùy chọn --out cần một giá trị.');
    expect(usage(() => parseArgs(['--out', '--force'], defs))).toBe('tùy chọn --out cần một giá trị.');
    expect(usage(() => parseArgs(['--out='], defs))).toBe('tùy chọn --out cần một giá trị.');
    expect(usage(() => parseArgs(['--force=yes'], defs))).toBe('tùy chọn --force không nhận giá trị.');
  });
});

describe('findUnit', () => {
  it('matches ids, names and aliases without case or diacritics', () => {
    expect(foldVietnamese('  Đài  PHÁT thanh ')).toBe('dai phat thanh');
    expect(findUnit(QUANG_TRI_2023, 'bqt')?.id).toBe('BQT');
    expect(findUnit(QUANG_TRI_2023, 'bao quang tri')?.id).toBe('BQT');
    expect(findUnit(QUANG_TRI_2023, 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG')?.id).toBe('STTTT');
    expect(findUnit(QUANG_TRI_2023, 'dai pt-th tinh')?.id).toBe('PTTH');
    expect(findUnit(QUANG_TRI_2023, 'Tạp chí Cửa Việt')?.id).toBe('TCCV');
  });

  it('does not guess: partial names and blanks find nothing', () => {
    expect(findUnit(QUANG_TRI_2023, 'Báo')).toBeUndefined();
    expect(findUnit(QUANG_TRI_2023, 'Sở')).toBeUndefined();
    expect(findUnit(QUANG_TRI_2023, '   ')).toBeUndefined();
  });
});

describe('main', () => {
  it('--help lists every command in Vietnamese and English, exit 0', async () => {
    const io = recordingIO('/');
    expect(await main(['--help'], io)).toBe(0);
    const text = io.stdoutText();
    for (const c of Object.values(COMMANDS)) {
      expect(text).toContain(c.help.name);
      expect(text).toContain(c.help.summary.vi);
      expect(text).toContain(c.help.summary.en);
    }
    expect(text).toContain('Mã thoát / Exit codes');
    expect(io.stderrText()).toBe('');
  });

  it('no command prints help and exits 2', async () => {
    const io = recordingIO('/');
    expect(await main([], io)).toBe(2);
    expect(io.stdoutText()).toContain('template');
    expect(io.stderrText()).toContain('chưa chọn lệnh');
  });

  it('an unknown command exits 2 naming it and the known ones', async () => {
    const io = recordingIO('/');
    expect(await main(['tempalte'], io)).toBe(2);
    expect(io.stderrText()).toContain('không có lệnh "tempalte". Các lệnh: template, check, fill, merge, samples, catalogue, migrate.');
    expect(io.stderrText()).toContain('(Error: no command "tempalte"');
  });

  it('template --help shows its options, exit 0, writes nothing', async () => {
    const io = recordingIO('/nonexistent');
    expect(await main(['template', '--help'], io)).toBe(0);
    for (const flag of ['--out', '--unit', '--year', '--index', '--lang', '--base-year', '--force']) expect(io.stdoutText()).toContain(flag);
  });

  it('--version prints the version', async () => {
    const io = recordingIO('/');
    expect(await main(['--version'], io)).toBe(0);
    expect(io.stdoutText()).toBe('test\n');
  });
});

describe('say', () => {
  it('shows Vietnamese first and English beside it, or one language', () => {
    const m = { vi: 'Xin chào', en: 'Hello' };
    expect(say(m)).toBe('Xin chào\n  (Hello)');
    expect(say(m, 'vi')).toBe('Xin chào');
    expect(say(m, 'en')).toBe('Hello');
  });
});
