import { createHash } from 'node:crypto';
import { NOT_SUBMITTED, provinceStatus, sha256Bytes, sha256Hex, taskState, type Consolidation, type Submission } from '../../src/domain/consolidate';
import { dateSerial } from '../../src/domain/values';
import {
  agencyFile, agencyTables, completeProvince, fileOf, intactFormulas, PLAN, REPORT_DATE, run, setIndicators, setInfo, setMeta, withCachedResults,
} from './helpers';

const target = (c: Consolidation, code: string) => {
  const t = c.targets.find((x) => x.target.code === code);
  if (!t) throw new Error(`no target ${code}`);
  return t;
};
const source = (c: Consolidation, fileName: string) => {
  const s = c.sources.find((x) => x.fileName === fileName);
  if (!s) throw new Error(`no source ${fileName}`);
  return s;
};
const status = (c: Consolidation, code: string, unitId: string) => target(c, code).agencies.find((a) => a.unitId === unitId)?.status;

describe('a complete province (3 press agencies + the Sở TT&TT)', () => {
  const c = run(completeProvince());

  test('every file is used, in plan order, without mismatches', () => {
    expect(c.sources.map((s) => [s.unitId, s.state])).toEqual([['BQT', 'included'], ['PTTH', 'included'], ['TCCV', 'included'], ['STTTT', 'included']]);
    expect(c.agencies.map((a) => a.unit.id)).toEqual(['BQT', 'PTTH', 'TCCV', 'STTTT']);
    expect(c.mismatches).toEqual([]);
    expect(c.sources.every((s) => s.onTime === 'onTime')).toBe(true);
  });

  test('share targets count press agencies only: 2 of 3 put content on digital platforms', () => {
    const t = target(c, 'MT25-1');
    // The Sở TT&TT answered CT1 = Có in its own file; it is not a press agency and must not count.
    expect(t.expected).toBe(3);
    expect(t.meeting).toBe(2);
    expect(t.value).toBeCloseTo(2 / 3, 12);
    expect(t.status).toBe('Chưa đạt');
    expect(t.agencies.map((a) => a.unitId)).toEqual(['BQT', 'PTTH', 'TCCV']);
    expect(t.missing).toEqual([]);
  });

  test('ratio targets sum numerators and denominators across agencies, not the mean of ratios', () => {
    const t4 = target(c, 'MT25-4'); // CT4b/CT4a: 1/2, 2/3, 0/1
    expect([t4.numerator, t4.denominator]).toEqual([3, 6]);
    expect(t4.value).toBe(0.5);
    expect(t4.status).toBe('Đạt');
    const meanOfRatios = (1 / 2 + 2 / 3 + 0) / 3;
    expect(t4.value).not.toBeCloseTo(meanOfRatios, 3);
    const t6 = target(c, 'MT25-6'); // CT6b/CT6a: 60/80, 120/120, 5/20
    expect([t6.numerator, t6.denominator]).toEqual([185, 220]);
    expect(t6.value).toBeCloseTo(185 / 220, 12);
    expect(t6.status).toBe('Chưa đạt');
    expect(t6.agencies.map((a) => `${a.status} (${a.resultText})`)).toEqual(['Chưa đạt (60/80)', 'Đạt (120/120)', 'Chưa đạt (5/20)']);
  });

  test('growth and level rules: not applicable counts as not meeting, the denominator stays 3', () => {
    const g = target(c, 'MT25-5');
    expect(g.agencies.map((a) => a.status)).toEqual(['Đạt', 'Chưa đạt', 'Không áp dụng']);
    expect([g.meeting, g.denominator]).toEqual([1, 3]);
    const l = target(c, 'MT25-7');
    expect([l.meeting, l.expected, l.status]).toEqual([2, 3, 'Chưa đạt']);
    expect(l.attainment).toBeCloseTo(2 / 3, 12);
  });

  test('tasks: done only when every lead reports Hoàn thành; long-form rows per assigned unit', () => {
    const task = (no: number) => c.tasks.find((t) => t.task.no === no)!;
    expect(task(1).state).toBe('Hoàn thành');
    expect([task(1).leads, task(1).leadsDone]).toEqual([3, 3]);
    expect(task(6).state).toBe('Đang thực hiện'); // PTTH still at 40%
    expect(task(6).progress).toBeCloseTo(0.8, 12);
    expect(task(3).state).toBe('Chưa thực hiện');
    expect(task(3).due).toBeNull(); // "Sau khi có hướng dẫn…" has no year
    // Task 7's partners include departments that sent nothing: they are listed as not submitted.
    const stc = task(7).units.find((u) => u.unitId === 'STC')!;
    expect([stc.role, stc.reported, stc.status]).toEqual(['Phối hợp', false, NOT_SUBMITTED]);
    expect(task(1).units.map((u) => `${u.unitId}:${u.role}`)).toEqual(['BQT:Chủ trì', 'PTTH:Chủ trì', 'TCCV:Chủ trì', 'STTTT:Phối hợp']);
    expect(c.tasks.some((t) => t.overdue)).toBe(false);
  });

  test('overdue as of the report date: after 31/12/2025 every unfinished task with a due date is overdue', () => {
    const late = run(completeProvince(), { reportDate: dateSerial(2026, 1, 15) });
    expect(late.tasks.filter((t) => t.overdue).map((t) => t.task.no)).toEqual([4, 5, 6, 7]);
  });

  test('index: points per pillar, total, level, rank, completeness, change from the previous year', () => {
    const withPrev = run(completeProvince(), { previous: { year: 2024, agencies: [{ unitId: 'BQT', total: 60, level: 'Trung bình' }] } });
    const rows = withPrev.indexRows;
    expect(rows.map((r) => [r.unitId, r.total, r.level, r.rank])).toEqual([
      ['BQT', 68, 'Khá', 2],
      ['PTTH', 82, 'Tốt', 1],
      ['TCCV', 46, 'Chưa hoàn thành (4/5)', 3],
    ]);
    expect(rows[0].pillarPoints).toEqual([12, 16, 14, 16, 10]);
    expect(rows[2].completeness).toBe(0.8);
    expect(rows[0].change).toBe(8);
    expect(rows[1].change).toBeNull();
  });
});

describe('missing agency and missing inputs', () => {
  const subs = ['BQT', 'PTTH', 'STTTT'].map((u) => agencyFile(u));
  const c = run(subs);

  test('an agency that sent nothing stays in the denominator, counts as not meeting and is named', () => {
    const t = target(c, 'MT25-1');
    expect([t.meeting, t.expected]).toEqual([2, 3]);
    expect(t.value).toBeCloseTo(2 / 3, 12);
    expect(t.missing).toEqual([{ unitId: 'TCCV', unitName: 'Tạp chí Cửa Việt', why: 'notSubmitted' }]);
    expect(status(c, 'MT25-1', 'TCCV')).toBe(NOT_SUBMITTED);
    expect(c.indexRows.find((r) => r.unitId === 'TCCV')).toMatchObject({ reported: false, total: null, rank: null, level: NOT_SUBMITTED });
  });

  test('ratio targets sum the agencies that reported and name the missing one', () => {
    const t = target(c, 'MT25-4');
    expect([t.numerator, t.denominator, t.reported]).toEqual([3, 5, 2]);
    expect(t.missing.map((m) => m.unitId)).toEqual(['TCCV']);
  });

  test('a press agency that left the input blank counts as not meeting and is named as missing', () => {
    const t = withCachedResults(agencyTables('PTTH'));
    setIndicators(t, { CT2: null });
    const c2 = run([agencyFile('BQT'), fileOf(withCachedResults(t)), agencyFile('TCCV')]);
    const t2 = target(c2, 'MT25-2');
    expect([t2.meeting, t2.expected, t2.reported]).toEqual([0, 3, 2]);
    expect(t2.missing).toEqual([{ unitId: 'PTTH', unitName: 'Đài Phát thanh - Truyền hình tỉnh', why: 'noData' }]);
    expect(status(c2, 'MT25-2', 'PTTH')).toBe('Chưa có số liệu');
  });
});

describe('duplicates: one file per unit and year', () => {
  const early = () => {
    const t = agencyTables('BQT');
    setInfo(t, { submittedOn: dateSerial(2025, 11, 18) });
    setIndicators(t, { CT1: 'Không' });
    return fileOf(withCachedResults(t), { fileName: 'BQT-ban-dau.xlsx' });
  };
  const late = () => {
    const t = agencyTables('BQT');
    setInfo(t, { submittedOn: dateSerial(2025, 11, 22) });
    return fileOf(withCachedResults(t), { fileName: 'BQT-bo-sung.xlsx' });
  };

  test.each([['early first', [early(), late()]], ['late first', [late(), early()]]])('the later submission date wins (%s)', (_name, subs: Submission[]) => {
    const c = run([...subs, agencyFile('PTTH'), agencyFile('TCCV')]);
    expect(source(c, 'BQT-bo-sung.xlsx').state).toBe('included');
    const superseded = source(c, 'BQT-ban-dau.xlsx');
    expect(superseded.state).toBe('superseded');
    expect(superseded.reasonVi).toBe('Bị thay thế bởi tệp "BQT-bo-sung.xlsx" của cùng đơn vị, năm 2025 (ngày gửi 22/11/2025 mới hơn 18/11/2025).');
    // Never both: BQT is counted once, with the later file's CT1 = Có.
    expect(c.agencies.filter((a) => a.unit.id === 'BQT')).toHaveLength(1);
    expect(status(c, 'MT25-1', 'BQT')).toBe('Đạt');
    expect(target(c, 'MT25-4').denominator).toBe(6);
  });

  test('same submission date: the later generatedAt wins, then the later modification time', () => {
    const a = agencyTables('BQT');
    const b = agencyTables('BQT');
    setMeta(a, 'generatedAt', '2025-11-01T00:00:00Z');
    setMeta(b, 'generatedAt', '2025-11-10T00:00:00Z');
    setIndicators(b, { CT2: 'Có' });
    const c = run([fileOf(withCachedResults(b), { fileName: 'b.xlsx' }), fileOf(withCachedResults(a), { fileName: 'a.xlsx' })]);
    expect([source(c, 'a.xlsx').state, source(c, 'b.xlsx').state]).toEqual(['superseded', 'included']);

    const x = agencyTables('BQT');
    const y = agencyTables('BQT');
    setIndicators(y, { CT2: 'Có' });
    const c2 = run([
      fileOf(withCachedResults(y), { fileName: 'y.xlsx', modifiedAt: '2025-11-21T09:00:00Z' }),
      fileOf(withCachedResults(x), { fileName: 'x.xlsx', modifiedAt: '2025-11-21T10:00:00Z' }),
    ]);
    expect([source(c2, 'x.xlsx').state, source(c2, 'y.xlsx').state]).toEqual(['included', 'superseded']);
  });

  test('an identical copy is superseded as a copy', () => {
    const f = agencyFile('BQT');
    const c = run([f, { ...f, fileName: 'copy.xlsx' }]);
    expect(c.sources.map((s) => s.state).sort()).toEqual(['included', 'superseded']);
    expect(c.sources.find((s) => s.state === 'superseded')?.reasonVi).toMatch(/^Bản sao trùng nội dung với tệp /);
  });
});

describe('files that are not merged', () => {
  test('another year, another plan, another schema, another format version are excluded with the reason', () => {
    const other = (edit: (t: ReturnType<typeof agencyTables>) => void, fileName: string) => {
      const t = agencyTables('PTTH');
      edit(t);
      return fileOf(withCachedResults(t), { fileName });
    };
    const c = run([
      agencyFile('BQT'),
      fileOf(withCachedResults(agencyTables('TCCV', 2024)), { fileName: 'TCCV-2024.xlsx' }),
      other((t) => setMeta(t, 'planId', 'ha-tinh-2024'), 'plan.xlsx'),
      other((t) => setMeta(t, 'schema', 'something-else'), 'schema.xlsx'),
      other((t) => setMeta(t, 'formatVersion', 2), 'v2.xlsx'),
      other((t) => setInfo(t, { unit: 'Báo Hà Tĩnh' }), 'unit.xlsx'),
    ]);
    const reasons = Object.fromEntries(c.sources.map((s) => [s.fileName, [s.state, s.code, s.reasonVi]]));
    expect(reasons['TCCV-2024.xlsx']).toEqual(['excluded', 'otherYear', 'Báo cáo năm 2024, không phải năm 2025.']);
    expect(reasons['plan.xlsx']).toEqual(['excluded', 'otherPlan', 'Biểu mẫu thuộc kế hoạch "ha-tinh-2024", không phải "quang-tri-2023".']);
    expect(reasons['schema.xlsx']).toEqual(['excluded', 'notAgencyWorkbook', 'Không phải biểu mẫu báo cáo của đơn vị (schema "something-else").']);
    expect(reasons['v2.xlsx']).toEqual(['excluded', 'unsupportedFormat', 'Phiên bản định dạng biểu mẫu "2" không được hỗ trợ (hỗ trợ: 1).']);
    expect(reasons['unit.xlsx']).toEqual(['excluded', 'unknownUnit', 'Đơn vị "Báo Hà Tĩnh" không có trong danh mục đơn vị của Kế hoạch.']);
    expect(c.agencies.map((a) => a.unit.id)).toEqual(['BQT']);
    // The excluded 2024 file of TCCV does not count: TCCV is missing.
    expect(target(c, 'MT25-1').missing.map((m) => m.unitId)).toEqual(['PTTH', 'TCCV']);
  });

  test('an unreadable file is excluded and the others still merge', () => {
    const corrupt: Submission = { fileName: 'hong.xlsx', sha256: sha256Hex('garbage'), sizeBytes: 7, read: { ok: false, error: 'End of central directory not found' } };
    const c = run([agencyFile('BQT'), corrupt, agencyFile('PTTH'), agencyFile('TCCV')]);
    expect(source(c, 'hong.xlsx')).toMatchObject({ state: 'excluded', code: 'unreadable', reasonVi: 'Không đọc được tệp: End of central directory not found' });
    expect(c.agencies.map((a) => a.unit.id)).toEqual(['BQT', 'PTTH', 'TCCV']);
    expect(target(c, 'MT25-1').meeting).toBe(2);
  });

  test('a workbook missing an input table is excluded as an unknown format', () => {
    const t = withCachedResults(agencyTables('BQT'));
    delete t.tblChiTieu;
    const c = run([fileOf(t, { fileName: 'thieu.xlsx' })]);
    expect(source(c, 'thieu.xlsx')).toMatchObject({ state: 'excluded', code: 'missingStructure', reasonVi: 'Biểu mẫu thiếu bảng hoặc cột: tblChiTieu.' });
  });
});

describe('never trust a calculated cell', () => {
  // PTTH: CT1 = Có, CT4b/CT4a = 2/3, points 15+20+15+20+12 = 82.
  const tampered = () => {
    const t = withCachedResults(agencyTables('PTTH'));
    setIndicators(t, { CT3: 'Không' });
    const f = intactFormulas(t);
    const i = (t.tblMucTieu ?? []).findIndex((r) => r.code === 'MT25-3');
    t.tblMucTieu![i] = { ...t.tblMucTieu![i], status: 'Đạt' }; // overwritten: CT3 = Không does not meet
    f.tblMucTieu![i].status = null;
    t.tblTruCot![0] = { ...t.tblTruCot![0], points: 18 }; // stale: formula kept, cached value false
    const j = (t.tblMucTieu ?? []).findIndex((r) => r.code === 'MT25-4');
    t.tblMucTieu![j] = { ...t.tblMucTieu![j], threshold: 0.1 }; // a locked plan figure edited
    t.tblChiSo![1] = { ...t.tblChiSo![1], maxPoints: 50, selfPoints: 40 }; // raised maximum to pass 40 points
    return { file: fileOf(t, { fileName: 'PTTH-sua.xlsx', formulas: f }), storedPoints0: 18 };
  };

  test('overwritten, stale and edited fixed cells are listed with stored and recomputed values', () => {
    const { file } = tampered();
    const c = run([agencyFile('BQT'), file, agencyFile('TCCV')]);
    const list = c.mismatches.map((m) => [m.fileName, m.table, m.key, m.row, m.rowKey, m.stored, m.recomputed, m.kind]);
    expect(list).toEqual(
      expect.arrayContaining([
        ['PTTH-sua.xlsx', 'tblMucTieu', 'status', 3, 'MT25-3', 'Đạt', 'Chưa đạt', 'overwritten'],
        ['PTTH-sua.xlsx', 'tblMucTieu', 'threshold', 4, 'MT25-4', 0.1, 0.5, 'fixedData'],
        ['PTTH-sua.xlsx', 'tblTruCot', 'points', 1, 'Chiến lược', 18, 15, 'stale'],
        ['PTTH-sua.xlsx', 'tblChiSo', 'maxPoints', 2, 'TC2', 50, 24, 'fixedData'],
      ]),
    );
    expect(source(c, 'PTTH-sua.xlsx').mismatches).toBe(c.mismatches.length);
    expect(source(c, 'bao-cao-BQT-2025.xlsx').mismatches).toBe(0);
  });

  test('results are recomputed from the inputs over the plan data', () => {
    const { file } = tampered();
    const c = run([agencyFile('BQT'), file, agencyFile('TCCV')]);
    expect(status(c, 'MT25-3', 'PTTH')).toBe('Chưa đạt');
    expect(target(c, 'MT25-3').meeting).toBe(1); // BQT only
    // 40 points over the index maximum of 24 are not valid: the pillar is unscored, the level incomplete.
    const row = c.indexRows.find((r) => r.unitId === 'PTTH')!;
    expect(row.pillarPoints).toEqual([15, 0, 15, 20, 12]);
    expect(row.level).toBe('Chưa hoàn thành (4/5)');
  });

  test('stored total and level (named cells) are compared too', () => {
    const f = agencyFile('BQT');
    const sub: Submission = f.read.ok ? { ...f, read: { ...f.read, named: { TongDiem: { value: 99, formula: null }, MucDo: { value: 'Khá', formula: '=F()' } } } } : f;
    const c = run([sub]);
    expect(c.mismatches.map((m) => [m.key, m.stored, m.recomputed, m.kind])).toEqual([['TongDiem', 99, 68, 'overwritten']]);
  });
});

describe('a criteria catalogue loaded into the agency workbook', () => {
  const PILLARS = ['Chiến lược', 'Hạ tầng số, nền tảng số và an toàn thông tin', 'Sự đồng nhất về tổ chức và chuyên môn', 'Độc giả, khán giả, thính giả', 'Mức độ ứng dụng công nghệ số'];
  /** Two criteria per pillar with the given maxima, each scored at `points`. */
  const withCatalogue = (maxima: Array<[number, number]>, points: number) => {
    const t = agencyTables('BQT');
    t.tblChiSo = maxima.flatMap(([a, b], p) => [
      { pillar: PILLARS[p], component: `CS${p + 1}`, code: `${p + 1}.1`, criterion: 'Tiêu chí a', maxPoints: a, selfPoints: Math.min(points, a), evidence: 'x', note: null, validPoints: null },
      { pillar: PILLARS[p], component: `CS${p + 1}`, code: `${p + 1}.2`, criterion: 'Tiêu chí b', maxPoints: b, selfPoints: Math.min(points, b), evidence: 'x', note: null, validPoints: null },
    ]);
    return fileOf(withCachedResults(t));
  };

  test('a catalogue whose maxima add up to each pillar maximum is scored criterion by criterion', () => {
    const c = run([withCatalogue([[10, 8], [12, 12], [10, 10], [13, 10], [8, 7]], 5)]);
    const row = c.indexRows.find((r) => r.unitId === 'BQT')!;
    expect([row.total, row.rows, row.scoredRows, row.level]).toEqual([50, 10, 10, 'Trung bình']);
    expect(c.sources[0].findings.map((f) => f.code)).not.toContain('catalogueRejected');
  });

  test('a catalogue that inflates a pillar is rejected: its points do not count and the source says why', () => {
    const c = run([withCatalogue([[30, 8], [12, 12], [10, 10], [13, 10], [8, 7]], 25)]);
    const row = c.indexRows.find((r) => r.unitId === 'BQT')!;
    expect([row.total, row.rows, row.scoredRows]).toEqual([0, 5, 0]);
    const finding = c.sources[0].findings.find((f) => f.code === 'catalogueRejected');
    expect(finding?.messageVi).toMatch(/^Danh mục tiêu chí trong tệp không khớp Bộ chỉ số 3560\/QĐ-BVHTTDL/);
    expect(c.sources[0].errors).toBe(c.sources[0].findings.filter((f) => f.severity === 'error').length);
  });
});

describe('timeliness and seal', () => {
  test('on time means strictly before 25/11 of the report year; the deadline is a setting', () => {
    const t = agencyTables('BQT');
    setInfo(t, { submittedOn: dateSerial(2025, 11, 25) });
    const u = agencyTables('PTTH');
    setInfo(u, { submittedOn: null });
    const subs = [fileOf(withCachedResults(t), { fileName: 'bqt.xlsx' }), fileOf(withCachedResults(u), { fileName: 'ptth.xlsx' }), agencyFile('TCCV')];
    const c = run(subs);
    expect(c.sources.map((s) => s.onTime)).toEqual(['late', 'unknown', 'onTime']);
    expect(run(subs, { deadline: { day: 30, month: 11 } }).sources.map((s) => s.onTime)).toEqual(['onTime', 'unknown', 'onTime']);
  });

  test('sha256Hex matches node:crypto, Vietnamese text included', () => {
    for (const s of ['', 'abc', 'Báo Quảng Trị — Tổng hợp', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'ệ'.repeat(1000)]) {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }
    for (const n of [0, 1, 63, 64, 65, 1000, 100_003]) {
      const bytes = Uint8Array.from({ length: n }, (_v, i) => (i * 7919 + n) % 256);
      expect(sha256Bytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  test('the seal covers exactly the included sources', () => {
    const subs = completeProvince();
    const c = run(subs);
    const expected = sha256Hex(subs.map((s) => `${s.sha256}  ${s.fileName}`).sort().join('\n'));
    expect(c.seal).toBe(expected);
    const corrupt: Submission = { fileName: 'x.xlsx', sha256: '00', sizeBytes: 1, read: { ok: false, error: 'bad' } };
    expect(run([...subs, corrupt]).seal).toBe(expected);
    expect(run(subs.slice(1)).seal).not.toBe(expected);
  });

  test('without a submission date, timeliness is recomputed as of the report date and not compared with the file', () => {
    const t = agencyTables('PTTH');
    setInfo(t, { submittedOn: null });
    // The file was saved on 20/11/2025: its cached timeliness says "Trong hạn".
    const file = fileOf(withCachedResults(t, dateSerial(2025, 11, 20)), { fileName: 'ptth.xlsx' });
    const timeliness = (c: Consolidation) => c.tasks.find((x) => x.task.no === 4)!.units.find((u) => u.unitId === 'PTTH')!.timeliness;
    expect(timeliness(run([file], { reportDate: dateSerial(2025, 12, 1) }))).toBe('Trong hạn');
    const later = run([file], { reportDate: dateSerial(2026, 1, 15) });
    expect(timeliness(later)).toBe('Quá hạn');
    expect(later.mismatches.filter((m) => m.key === 'timeliness')).toEqual([]);
    expect(REPORT_DATE).toBe(dateSerial(2025, 12, 1));
  });
});

test('province status rounds the value to 6 decimals before comparing, as the status formula does', () => {
  expect(1 - 0.9).toBeLessThan(0.1);
  expect(provinceStatus(1 - 0.9, 0.1)).toBe('Đạt');
  expect(provinceStatus(0.0999989, 0.1)).toBe('Chưa đạt');
  expect(provinceStatus(3 / 4, 0.75)).toBe('Đạt');
  expect(provinceStatus(null, 0.75)).toBe('Chưa có số liệu');
});

describe('taskState twin', () => {
  test.each([
    [['Hoàn thành', 'hoàn thành'], 'Hoàn thành'],
    [['Hoàn thành', 'Chưa thực hiện'], 'Đang thực hiện'],
    [['Tạm dừng', 'Chưa thực hiện'], 'Tạm dừng'],
    [['Chưa thực hiện', null], 'Chưa thực hiện'],
    [[NOT_SUBMITTED, null], 'Chưa có số liệu'],
    [[], ''],
  ])('%j → %s', (statuses, expected) => {
    expect(taskState(statuses)).toBe(expected);
  });
});

test('the plan has press agencies to count', () => {
  expect(PLAN.units.filter((u) => u.group === 'press').map((u) => u.id)).toEqual(['BQT', 'PTTH', 'TCCV']);
});
