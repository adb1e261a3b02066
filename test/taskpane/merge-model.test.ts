import type { SourceRecord, TargetSummary } from '../../src/domain/consolidate';
import { TARGET_STATUS } from '../../src/domain/vocabulary';
import { dateSerial } from '../../src/domain/values';
import {
  addPicked,
  countStates,
  formatBytes,
  formatPercent,
  matchSources,
  notXlsxNames,
  overallProgress,
  parseOptionalYear,
  READ_SHARE,
  removePicked,
  sourceView,
  stateLabel,
  statusText,
  targetView,
} from '../../src/taskpane/views/merge-model';

const source = (over: Partial<SourceRecord>): SourceRecord => ({
  fileName: 'a.xlsx',
  sha256: 'x',
  sizeBytes: 100,
  unitName: 'Báo Quảng Trị',
  year: 2025,
  formatVersion: 1,
  indexVersion: 'qd-2024',
  generatedAt: '',
  onTime: 'onTime',
  errors: 0,
  warnings: 0,
  mismatches: 0,
  state: 'included',
  reasonVi: '',
  reasonEn: '',
  findings: [],
  ...over,
});

describe('picked files', () => {
  it('appends new files, skips a file picked twice, and removes by id', () => {
    const a = { name: 'a.xlsx', size: 10, lastModified: 1 };
    const b = { name: 'b.xlsx', size: 20, lastModified: 2 };
    const first = addPicked([], [a], 1);
    expect(first.list.map((p) => p.id)).toEqual(['f1']);
    const second = addPicked(first.list, [a, b, { ...a, size: 11 }], first.nextId);
    expect(second.list.map((p) => [p.id, p.file.name, p.file.size])).toEqual([
      ['f1', 'a.xlsx', 10],
      ['f2', 'b.xlsx', 20],
      ['f3', 'a.xlsx', 11],
    ]);
    expect(second.duplicates).toEqual(['a.xlsx']);
    expect(removePicked(second.list, 'f2').map((p) => p.id)).toEqual(['f1', 'f3']);
  });

  it('names files that are not .xlsx', () => {
    expect(notXlsxNames([{ name: 'a.XLSX', size: 1 }, { name: 'b.xls', size: 1 }, { name: 'c.pdf', size: 1 }])).toEqual(['b.xls', 'c.pdf']);
  });

  it('formats sizes with the language’s decimal mark', () => {
    expect(formatBytes(820, 'vi')).toBe('820 B');
    expect(formatBytes(1024, 'vi')).toBe('1 KB');
    expect(formatBytes(12_800, 'vi')).toBe('12,5 KB');
    expect(formatBytes(3.25 * 1024 * 1024, 'en')).toBe('3.3 MB');
    expect(formatBytes(100 * 1024 * 1024, 'en')).toBe('100 MB');
  });
});

describe('progress and year', () => {
  it('runs one bar over reading and merging', () => {
    expect(overallProgress('read', 0)).toBe(0);
    expect(overallProgress('read', 1)).toBeCloseTo(READ_SHARE);
    expect(overallProgress('merge', 0)).toBeCloseTo(READ_SHARE);
    expect(overallProgress('merge', 1)).toBe(1);
    expect(overallProgress('merge', 2)).toBe(1);
    expect(overallProgress('merge', Number.NaN)).toBeCloseTo(READ_SHARE);
  });

  it('treats a blank year as "from the files" and rejects a bad one', () => {
    expect(parseOptionalYear('', 2000, 2100)).toBeUndefined();
    expect(parseOptionalYear(' 2025 ', 2000, 2100)).toBe(2025);
    expect(parseOptionalYear('25', 2000, 2100)).toBeNull();
    expect(parseOptionalYear('1999', 2000, 2100)).toBeNull();
  });
});

describe('merge result', () => {
  it('matches records to picked files by name and size, same-named files each to their own', () => {
    const picked = [
      { id: 'f1', file: { name: 'bao.xlsx', size: 200 } },
      { id: 'f2', file: { name: 'bao.xlsx', size: 100 } },
      { id: 'f3', file: { name: 'dai.xlsx', size: 5 } },
      { id: 'f4', file: { name: 'late.xlsx', size: 7 } },
    ];
    const sources = [source({ fileName: 'bao.xlsx', sizeBytes: 100, sha256: 'small' }), source({ fileName: 'bao.xlsx', sizeBytes: 200, sha256: 'big' }), source({ fileName: 'dai.xlsx', sizeBytes: 0, sha256: 'dai' })];
    const m = matchSources(picked, sources);
    expect(m.get('f1')?.sha256).toBe('big');
    expect(m.get('f2')?.sha256).toBe('small');
    expect(m.get('f3')?.sha256).toBe('dai'); // an unreadable file may report size 0
    expect(m.get('f4')).toBeUndefined();
  });

  it('shows a source in the UI language with the date as dd/mm/yyyy', () => {
    const s = source({
      submittedOn: dateSerial(2025, 11, 20),
      state: 'excluded',
      reasonVi: 'Năm báo cáo khác',
      reasonEn: 'Another year',
      warnings: 2,
      findings: [{ severity: 'info', code: 'x', table: '', key: '', row: 0, sheet: '', address: '', messageVi: '', messageEn: '', value: null }],
    });
    expect(sourceView(s, 'vi')).toMatchObject({ submittedOn: '20/11/2025', stateText: 'Loại', reason: 'Năm báo cáo khác', warnings: 2, infos: 1, year: '2025', template: '1' });
    expect(sourceView(s, 'en')).toMatchObject({ stateText: 'Excluded', reason: 'Another year', read: true });
    expect(sourceView(source({ state: 'excluded', code: 'unreadable', unitName: '' }), 'vi').read).toBe(false);
    expect(stateLabel('superseded', 'vi')).toBe('Bị thay thế');
    expect(countStates([s, source({}), source({ state: 'superseded' })])).toEqual({ included: 1, superseded: 1, excluded: 1 });
  });

  it('shows a target’s value, threshold and status', () => {
    const summary = {
      target: { code: 'MT1', year: 2025, text: '100% cơ quan báo chí…', threshold: 0.75, rule: { kind: 'shareYes', indicator: 'x' }, ruleText: '', ruleTextEn: '' },
      expected: 6,
      reported: 5,
      meeting: 4,
      missing: [],
      numerator: 4,
      denominator: 6,
      value: 4 / 6,
      attainment: 4 / 6 / 0.75,
      status: TARGET_STATUS.notMet,
      agencies: [],
    } as TargetSummary;
    expect(targetView(summary, 'vi')).toEqual({ code: 'MT1', text: '100% cơ quan báo chí…', value: '66,7% (4/6)', threshold: '75%', status: 'Chưa đạt', statusText: 'Chưa đạt', reported: '5/6' });
    expect(targetView({ ...summary, value: null, numerator: null, denominator: null, status: TARGET_STATUS.noData }, 'en')).toMatchObject({ value: '', statusText: 'No data' });
    expect(statusText(TARGET_STATUS.met, 'en')).toBe('Met');
    expect(formatPercent(1, 'vi')).toBe('100%');
    expect(formatPercent(null, 'vi')).toBe('');
  });
});
