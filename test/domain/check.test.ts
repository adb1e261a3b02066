import { checkAgencyWorkbook, type Finding } from '../../src/domain/check';
import { dateSerial } from '../../src/domain/values';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import type { AgencyTables } from '../../src/domain/calculate';
import type { AgencyTableName } from '../../src/domain/agency-schema';
import { blankTables, checkInputFor, goodTables, setIndicators, setInfo, setRow } from '../helpers/agency-fixture';

const ctx = { plan: QUANG_TRI_2023, indexVersions: INDEX_VERSIONS };
const check = (t: AgencyTables, overwritten: Array<[AgencyTableName, string, number]> = []) => checkAgencyWorkbook(checkInputFor(t, overwritten), ctx);
const only = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

describe('check engine', () => {
  test('a complete, correct press agency has no errors or warnings', () => {
    const fs = check(goodTables());
    expect(fs.filter((f) => f.severity !== 'info')).toEqual([]);
    // The unverified level thresholds of the 2025 index are reported as information.
    expect(only(fs, 'unverifiedThreshold').map((f) => f.value)).toEqual([50, 60, 70]);
  });

  test('required inputs missing: unit, period, indicators, task status, scores', () => {
    const t = blankTables('');
    const fs = check(t);
    expect(only(fs, 'required').find((f) => f.table === 'tblThongTin' && f.row === 1)?.messageVi).toBe('Chưa chọn đơn vị báo cáo.');
    const press = blankTables('BQT');
    setInfo(press, { periodFrom: null });
    const pfs = check(press);
    const missing = only(pfs, 'required');
    expect(missing.filter((f) => f.table === 'tblChiTieu')).toHaveLength(12);
    expect(missing.find((f) => f.table === 'tblChiTieu')?.messageVi).toBe('Chỉ tiêu CT1 (Đưa nội dung lên các nền tảng số): chưa nhập.');
    expect(missing.filter((f) => f.table === 'tblChiSo')).toHaveLength(5);
    expect(missing.find((f) => f.table === 'tblThongTin' && f.key === 'value' && f.messageVi.startsWith('Số liệu từ ngày'))?.messageVi).toBe('Số liệu từ ngày: chưa nhập.');
  });

  test('a management department is not asked for press indicators or scores', () => {
    const fs = check(blankTables('STTTT'));
    expect(only(fs, 'required').filter((f) => f.table === 'tblChiTieu' || f.table === 'tblChiSo')).toEqual([]);
  });

  test('task status is required where the unit has a role', () => {
    const t = goodTables();
    setRow(t, 'tblNhiemVu', 0, { role: 'Chủ trì', status: null });
    const f = only(check(t), 'required').find((x) => x.table === 'tblNhiemVu');
    expect(f?.messageVi).toBe('Nhiệm vụ 1: đơn vị có vai trò Chủ trì nhưng chưa nhập tình trạng.');
    expect(f?.address).toBe('G2');
  });

  test('wrong type: text in a number cell, a date that is not a date', () => {
    const t = goodTables();
    setIndicators(t, { CT6a: 'tám mươi' });
    setInfo(t, { periodTo: '31/13/2025' });
    const fs = only(check(t), 'wrongType');
    expect(fs.map((f) => f.messageVi)).toEqual([
      'Số liệu đến ngày: "31/13/2025" không phải là ngày (dd/mm/yyyy).',
      'Chỉ tiêu CT6a: "tám mươi" không phải là số.',
    ]);
  });

  test('out of range: negative, security level, progress, points over the maximum', () => {
    const t = goodTables();
    setIndicators(t, { CT4a: -1, CT7: 6 });
    setRow(t, 'tblNhiemVu', 2, { progress: 1.2 });
    setRow(t, 'tblNhiemVu', 3, { progress: 50 });
    setRow(t, 'tblChiSo', 0, { selfPoints: 19 });
    setRow(t, 'tblChiSo', 1, { selfPoints: -2 });
    const fs = check(t);
    expect(only(fs, 'outOfRange').map((f) => f.messageVi)).toEqual([
      'Chỉ tiêu CT4a: không được âm (-1).',
      'Chỉ tiêu CT7: cấp độ 6 ngoài khoảng 1–5.',
      'Nhiệm vụ 3: tiến độ 120% ngoài khoảng 0–100%.',
      // A whole percentage where the cell holds fractions: the fraction meant is offered.
      'Nhiệm vụ 4: tiến độ 5000% vượt 100%; có lẽ ý là 50%.',
      'Tiêu chí TC2: điểm không được âm (-2).',
    ]);
    expect(only(fs, 'overMax')[0].messageVi).toBe('Tiêu chí TC1: 19 điểm vượt điểm tối đa 18.');
    expect(only(fs, 'outOfRange').find((f) => f.row === 4)?.suggestion).toBe(0.5);
  });

  test('a pillar whose criteria sum past its maximum', () => {
    const t = goodTables();
    const first = t.tblChiSo![0];
    t.tblChiSo = [{ ...first, code: 'A1', maxPoints: 10, selfPoints: 10 }, { ...first, code: 'A2', maxPoints: 10, selfPoints: 9 }, ...t.tblChiSo!.slice(1)];
    const f = only(check(t), 'pillarOverMax')[0];
    expect(f.messageVi).toBe('Trụ cột "Chiến lược": tổng 19 điểm vượt tối đa 18.');
  });

  test('values outside the lists: units, statuses, Có/Không', () => {
    const t = goodTables();
    setInfo(t, { unit: 'Báo Nhân Dân' });
    setIndicators(t, { CT2: 'Chắc có' });
    setRow(t, 'tblNhiemVu', 1, { status: 'Xong rồi' });
    const fs = only(check(t), 'notInList');
    expect(fs.map((f) => f.messageVi)).toEqual([
      'Đơn vị "Báo Nhân Dân" không có trong danh mục đơn vị (trang Danh mục).',
      'Chỉ tiêu CT2: "Chắc có" không phải Có hoặc Không.',
      'Nhiệm vụ 2: tình trạng "Xong rồi" không có trong danh sách (Chưa thực hiện, Đang thực hiện, Hoàn thành, Tạm dừng).',
    ]);
  });

  test('cross-field rules on indicators', () => {
    const t = goodTables();
    setIndicators(t, { CT1: 'Có', CT1a: 0, CT1b: 2, CT4a: 1, CT4b: 2, CT6a: 10, CT6b: 11 });
    const fs = only(check(t), 'crossField');
    expect(fs.map((f) => f.messageVi)).toEqual([
      'CT1 = Có nhưng CT1a (số nền tảng số) = 0; cần ít nhất 1.',
      'CT1b (2) lớn hơn CT1a (0): số nền tảng trong nước không thể vượt tổng số nền tảng.',
      'CT4b (2) lớn hơn CT4a (1): số trang đã nâng cấp không thể vượt tổng số trang.',
      'CT6b (11) lớn hơn CT6a (10): số người được đào tạo không thể vượt tổng số người.',
    ]);
  });

  test('cross-field rules on tasks: done below 100%, 100% not done', () => {
    const t = goodTables();
    // Progress is a fraction shown as a percent, as Excel stores an entry into a percent cell.
    setRow(t, 'tblNhiemVu', 0, { status: 'Hoàn thành', progress: 0.8 });
    setRow(t, 'tblNhiemVu', 1, { status: 'Đang thực hiện', progress: 1 });
    setRow(t, 'tblNhiemVu', 2, { status: 'Hoàn thành', progress: 1 });
    setRow(t, 'tblNhiemVu', 3, { status: 'Đang thực hiện', progress: 0.5 });
    const fs = only(check(t), 'crossField');
    expect(fs).toHaveLength(2);
    expect(fs[0]).toMatchObject({ severity: 'error', messageVi: 'Nhiệm vụ 1: tình trạng Hoàn thành nhưng tiến độ 80% < 100%.' });
    expect(fs[1]).toMatchObject({ severity: 'warning', messageVi: 'Nhiệm vụ 2: tiến độ 100% nhưng tình trạng là "Đang thực hiện".', suggestion: 'Hoàn thành' });
  });

  test('points without evidence, evidence without points', () => {
    const t = goodTables();
    setRow(t, 'tblChiSo', 0, { evidence: null });
    setRow(t, 'tblChiSo', 1, { selfPoints: null });
    const fs = check(t);
    expect(only(fs, 'pointsWithoutEvidence')[0].messageVi).toBe('Tiêu chí TC1: có 12 điểm nhưng chưa có minh chứng (Hội đồng có thể chấm 0 điểm).');
    expect(only(fs, 'evidenceWithoutPoints')[0].messageVi).toBe('Tiêu chí TC2: có minh chứng nhưng chưa chấm điểm.');
  });

  test('period dates outside the reporting year, reversed; sending before the period ends is a note', () => {
    const t = goodTables();
    setInfo(t, { periodFrom: dateSerial(2022, 5, 1), periodTo: dateSerial(2026, 1, 31), submittedOn: dateSerial(2025, 11, 1) });
    const fs = check(t);
    expect(only(fs, 'periodOutsideYear').map((f) => f.messageVi)).toEqual([
      'Ngày bắt đầu kỳ số liệu 01/05/2022 nằm ngoài năm báo cáo 2025.',
      'Ngày kết thúc kỳ số liệu 31/01/2026 không thuộc năm báo cáo 2025.',
    ]);
    expect(only(fs, 'submittedBeforePeriodEnd')[0]).toMatchObject({ severity: 'info', messageVi: 'Ngày gửi 01/11/2025 trước ngày kết thúc kỳ số liệu 31/01/2026: số liệu chỉ tính đến ngày gửi.' });
    const r = goodTables();
    setInfo(r, { periodFrom: dateSerial(2025, 10, 1), periodTo: dateSerial(2025, 3, 1) });
    expect(only(check(r), 'periodReversed')[0].messageVi).toBe('Ngày kết thúc 01/03/2025 trước ngày bắt đầu 01/10/2025.');
    const prev = goodTables();
    setInfo(prev, { periodFrom: dateSerial(2024, 10, 1) });
    expect(only(check(prev), 'periodStartsPreviousYear')[0].severity).toBe('info');
  });

  test('structure: missing table and column, duplicate rows, overwritten formulas, unknown versions', () => {
    const t = goodTables();
    t.tblNhiemVu = [...t.tblNhiemVu!, { ...t.tblNhiemVu![7] }];
    t.tblChiSo = [...t.tblChiSo!, { ...t.tblChiSo![0] }];
    setRow(t, 'tblMeta', 1, { value: 7 });
    setRow(t, 'tblMeta', 3, { value: '9999-2040' });
    const input = checkInputFor(t, [['tblMucTieu', 'status', 0]]);
    input.missingTables = ['tblTruCot'];
    input.missingColumns = [{ table: 'tblChiTieu', key: 'evidence' }];
    const fs = checkAgencyWorkbook(input, ctx);
    expect(only(fs, 'missingTable')[0].messageVi).toBe('Thiếu bảng Trụ cột của biểu mẫu (đã bị xóa hoặc đổi tên). Hãy dùng lại biểu mẫu gốc.');
    expect(only(fs, 'missingTable')[0].messageEn).toBe("The template's Pillars table is missing (deleted or renamed). Use the original template.");
    // Messages are for people: no internal table name in either language.
    for (const f of fs) expect(`${f.messageVi} ${f.messageEn}`).not.toMatch(/\btbl[A-Z]/);
    expect(only(fs, 'missingColumn')[0].messageVi).toBe('Bảng Chỉ tiêu không còn cột "evidence" (cột đã bị xóa hoặc đổi tiêu đề); các kiểm tra khác của bảng tạm dừng. Hãy thêm lại cột hoặc dùng lại biểu mẫu gốc.');
    // The damaged table's row rules wait for the column: nothing else is said of tblChiTieu.
    expect(fs.filter((f) => f.table === 'tblChiTieu').map((f) => f.code)).toEqual(['missingColumn']);
    expect(only(fs, 'duplicateRow').map((f) => f.messageVi)).toEqual(['Nhiệm vụ số 8 xuất hiện hai lần.', 'Tiêu chí TC1 xuất hiện hai lần.']);
    expect(only(fs, 'formulaOverwritten')[0]).toMatchObject({ table: 'tblMucTieu', key: 'status', row: 1 });
    expect(only(fs, 'formulaOverwritten')[0].messageVi).toMatch(/^Ô tự tính đã bị ghi đè bằng giá trị/);
    expect(only(fs, 'unknownFormatVersion')[0].messageVi).toBe('Phiên bản định dạng biểu mẫu "7" không được hỗ trợ (hỗ trợ: 1).');
    expect(only(fs, 'unknownIndexVersion')[0].messageVi).toBe('Phiên bản Bộ chỉ số "9999-2040" không xác định (có: 951-2023, 1827-2024, 3560-2025).');
  });

  test('Vietnamese habits are offered as fixes; text numbers and dates are errors, as Excel does not count them', () => {
    const t = goodTables();
    setIndicators(t, { CT1: 'có', CT2: 'x', CT5a: '1.234.567', CT5b: '1.500.000,5', CT6a: ' 80 ' });
    setInfo(t, { periodTo: '31/10/2025', preparer: 'Nguyễn Văn An  ' });
    setRow(t, 'tblNhiemVu', 0, { progress: '75%' });
    setRow(t, 'tblNhiemVu', 1, { progress: '50' });
    setRow(t, 'tblChiSo', 0, { selfPoints: '12,5' });
    const fs = check(t);
    const by = (code: string) => only(fs, code).map((f) => [f.messageVi, f.suggestion]);
    expect(by('listSpelling')).toEqual([
      ['Chỉ tiêu CT1: "có" được hiểu là "Có".', 'Có'],
      ['Chỉ tiêu CT2: "x" được hiểu là "Có".', 'Có'],
    ]);
    const notCounted = 'là văn bản, không phải số, nên công thức của Excel không tính ô này.';
    expect(by('numberAsText')).toEqual([
      [`Chỉ tiêu CT5a: "1.234.567" ${notCounted} Chuyển thành số 1234567.`, 1234567],
      [`Chỉ tiêu CT5b: "1.500.000,5" ${notCounted} Chuyển thành số 1500000,5.`, 1500000.5],
      [`Chỉ tiêu CT6a: " 80 " ${notCounted} Chuyển thành số 80.`, 80],
      // Into the percent cell, "75%" and "50" mean what Excel's percent entry makes of them.
      [`Nhiệm vụ 1, tiến độ: "75%" ${notCounted} Chuyển thành số 75%.`, 0.75],
      [`Nhiệm vụ 2, tiến độ: "50" ${notCounted} Chuyển thành số 50%.`, 0.5],
      [`Tiêu chí TC1: "12,5" ${notCounted} Chuyển thành số 12,5.`, 12.5],
    ]);
    expect(only(fs, 'numberAsText').every((f) => f.severity === 'error')).toBe(true);
    expect(by('dateAsText')).toEqual([['Số liệu đến ngày: "31/10/2025" là văn bản, không phải ngày. Chuyển thành ngày 31/10/2025.', dateSerial(2025, 10, 31)]]);
    expect(by('straySpaces')).toEqual([['Người lập biểu: có khoảng trắng thừa trong "Nguyễn Văn An  ".', 'Nguyễn Văn An']]);
    expect(errors(fs).map((f) => f.code).sort()).toEqual(['dateAsText', ...Array(6).fill('numberAsText')]);
  });

  test('a submission date typed as text: the timeliness formulas use today, and the check says so', () => {
    const t = goodTables();
    setInfo(t, { submittedOn: '18/11/2025' });
    const f = only(check(t), 'dateAsText')[0];
    expect(f).toMatchObject({ severity: 'error', suggestion: dateSerial(2025, 11, 18) });
    expect(f.messageVi).toBe('Ngày gửi báo cáo: "18/11/2025" là văn bản, không phải ngày; cột Đúng hạn đang tính theo ngày hôm nay. Chuyển thành ngày 18/11/2025.');
    expect(f.messageEn).toBe('Submitted on: "18/11/2025" is text, not a date; the Timeliness column is computed as of today. Convert it to the date 18/11/2025.');
  });

  test('a province workbook gets one finding that says what it is, not a list of missing tables', () => {
    const input = checkInputFor({ tblMeta: [{ key: 'schema', value: 'pressdx-province' }] });
    input.missingTables = ['tblThongTin', 'tblChiTieu', 'tblMucTieu', 'tblNhiemVu', 'tblChiSo', 'tblTruCot', 'tblDonVi', 'tblMucDo', 'tblCoKhong', 'tblTrangThai', 'tblPhanCong'];
    const fs = checkAgencyWorkbook(input, ctx);
    expect(fs.map((f) => f.code)).toEqual(['provinceWorkbook']);
    expect(fs[0].messageVi).toContain('sổ tổng hợp của tỉnh');
    expect(fs[0].messageEn).toContain('province workbook');
  });

  test('findings say what their row is: the indicator code, the task number, the criterion', () => {
    const t = goodTables();
    setIndicators(t, { CT6a: 'abc' });
    setRow(t, 'tblNhiemVu', 2, { progress: 1.2 });
    setRow(t, 'tblChiSo', 1, { selfPoints: -2 });
    const fs = check(t);
    expect(fs.find((f) => f.table === 'tblChiTieu')?.rowKey).toBe('CT6a');
    expect(fs.find((f) => f.table === 'tblNhiemVu')?.rowKey).toBe('3');
    expect(fs.find((f) => f.table === 'tblChiSo' && f.code === 'outOfRange')?.rowKey).toBe('TC2');
  });

  test('every finding has an English message and a located cell when the cell exists', () => {
    const t = blankTables('BQT');
    setIndicators(t, { CT7: 9 });
    for (const f of check(t)) {
      expect(f.messageEn.length).toBeGreaterThan(5);
      if (f.row > 0) expect(f.address).toMatch(/^[A-Z]+\d+$/);
    }
  });
});
