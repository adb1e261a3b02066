import { dateSerial } from '../../src/domain/values';
import { FakeOfficeError } from '../../src/fake-excel';
import { fixFromFinding, type CellFix } from '../../src/office/fixes';
import { HiddenSheetError } from '../../src/office/navigate';
import { makeOperations } from '../../src/office/operations';
import { AGENCY_CONTENT, readWorkbook } from '../../src/office/read';
import { PROTECTION_OPTIONS } from '../../src/office/render';
import { NUMBER_FORMATS } from '../../src/workbook/spec';
import { agencyWorkbook, allCells, bigIndex, cellAt, cellOf, changedKeys, fillInputs, gridKey, liveExcel, overwrite, rowIndexOf, typeInto } from './live-agency';

/** Kiểm tra, going to a finding's cell, the ribbon summary and applying fixes, through the strict fake. */

describe('runCheck', () => {
  test('reads the whole workbook in 1 sync and reports findings, counts and results', async () => {
    const { fake, ops } = await agencyWorkbook();
    fillInputs(fake.model);
    const before = fake.syncCount;
    const run = await ops.runCheck();
    expect(run.syncs).toBe(1);
    expect(fake.syncCount - before).toBe(1);
    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
    expect(run.recognised).toBe(true);
    // A complete, correct report: only the unverified level thresholds remain, as information.
    expect(run.counts).toEqual({ error: 0, warning: 0, info: 3 });
    expect(run.findings.every((f) => f.code === 'unverifiedThreshold')).toBe(true);
    expect(run.results.total).toBeGreaterThan(0);
  });

  test('the same 1 sync with ten times the rows', async () => {
    const small = await agencyWorkbook({ index: bigIndex(40) });
    const large = await agencyWorkbook({ index: bigIndex(400) });
    expect(large.fake.model.table('tblChiSo')!.rect.rows - 1).toBe(400);
    const a = await small.ops.runCheck();
    const b = await large.ops.runCheck();
    expect(a.syncs).toBe(1);
    expect(b.syncs).toBe(a.syncs);
    expect(b.findings.length).toBeGreaterThan(a.findings.length);
  });

  test('finds a calculated cell overwritten with a value, at its cell', async () => {
    const { fake, ops } = await agencyWorkbook();
    fillInputs(fake.model);
    const at = cellOf(fake.model, 'tblNhiemVu', 'role', 2);
    overwrite(fake.model, at, 'Chủ trì');
    const run = await ops.runCheck();
    const hit = run.findings.filter((f) => f.code === 'formulaOverwritten');
    expect(hit).toEqual([expect.objectContaining({ severity: 'error', table: 'tblNhiemVu', key: 'role', row: 3, sheet: at.sheet, address: at.address, value: 'Chủ trì' })]);
    expect(run.counts.error).toBe(1);
  });

  test('finds a total typed over the TongDiem formula (named cell read with the tables)', async () => {
    const { fake, ops } = await agencyWorkbook();
    const name = fake.model.name('TongDiem')!;
    const target = fake.model.nameRange(name)!;
    const address = `${String.fromCharCode(65 + target.rect.left)}${target.rect.top + 1}`;
    overwrite(fake.model, { sheet: target.sheet.name, address }, 99);
    const run = await ops.runCheck();
    expect(run.findings).toContainEqual(expect.objectContaining({ code: 'formulaOverwritten', key: 'TongDiem', sheet: target.sheet.name, address }));
  });

  test('a workbook without PressDX tables is not recognised', async () => {
    const { ops } = liveExcel();
    const run = await ops.runCheck();
    expect(run.recognised).toBe(false);
    // The read by name is refused, then the general read: list, load.
    expect(run.syncs).toBe(3);
  });
});

describe('reading the workbook by name, and the general way when that is refused', () => {
  test('the read by name gives what the general read gives, in 1 sync instead of 3', async () => {
    const { fake } = await agencyWorkbook();
    fillInputs(fake.model);
    const byName = await fake.run((context) => readWorkbook(context));
    // A table no workbook has makes Excel refuse the first request, as a missing table would.
    const general = await fake.run((context) => readWorkbook(context, { expected: { tables: ['tblKhongCo'], names: AGENCY_CONTENT.names } }));
    expect(byName.syncs).toBe(1);
    expect(general.syncs).toBe(3);
    expect(fake.syncs.filter((s) => s.error !== undefined).map((s) => s.error)).toEqual(['ItemNotFound']);
    expect(byName.snapshots).toEqual(general.snapshots);
    expect(byName.named).toEqual(general.named);
    expect(Object.keys(byName.named).sort()).toEqual(['MucDo', 'TongDiem']);
    expect(byName.snapshots.map((t) => t.name)).toEqual(fake.model.tables.map((t) => t.name));
  });

  test('a table the user added is read in a second request and changes no finding', async () => {
    const { fake, ops } = await agencyWorkbook();
    fillInputs(fake.model);
    const plain = await ops.runCheck();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.add('Ghi chú');
      ws.getRange('A1:B3').values = [['Việc', 'Ai'], ['Gửi báo cáo', 'Văn thư'], ['Ký', 'Giám đốc']];
      context.workbook.tables.add("'Ghi chú'!A1:B3", true).name = 'tblGhiChu';
      await context.sync();
    });
    const read = await fake.run((context) => readWorkbook(context));
    expect(read.syncs).toBe(2);
    expect(read.snapshots.find((t) => t.name === 'tblGhiChu')).toMatchObject({ sheetName: 'Ghi chú', headers: ['Việc', 'Ai'], values: [['Gửi báo cáo', 'Văn thư'], ['Ký', 'Giám đốc']] });
    const withNote = await ops.runCheck();
    expect(withNote.syncs).toBe(2);
    expect(withNote.findings).toEqual(plain.findings);
  });

  test('after a refused read the fill still lifts the protection it needs (the sheet states are loaded again)', async () => {
    const { fake, ops } = await agencyWorkbook();
    fillInputs(fake.model);
    const role = cellOf(fake.model, 'tblNhiemVu', 'role', 1);
    const formula = cellAt(fake.model, role).formula;
    overwrite(fake.model, role, 'Phối hợp');
    expect(fake.model.requireSheet(role.sheet).protection.protected).toBe(true);
    await fake.run(async (context) => {
      context.workbook.names.getItem('MucDo').delete();
      await context.sync();
    });
    const r = await ops.runFill();
    // Refused by name (MucDo is gone), the general read (2), then the write with the recalculation.
    expect(r.syncs).toBe(4);
    expect(r.restored.map((x) => x.column)).toEqual(['tblNhiemVu.role']);
    expect(cellAt(fake.model, role).formula).toBe(formula);
    expect(fake.model.requireSheet(role.sheet).protection.protected).toBe(true);
  });
});

describe('selectCell', () => {
  test('activates the sheet and selects the cell in one sync', async () => {
    const { fake, ops } = await agencyWorkbook();
    const at = cellOf(fake.model, 'tblChiSo', 'selfPoints', 3);
    const before = fake.syncCount;
    const r = await ops.selectCell(at.sheet, at.address);
    expect(r.syncs).toBe(1);
    expect(fake.syncCount - before).toBe(1);
    expect(fake.model.activeSheet?.name).toBe(at.sheet);
    expect(fake.model.selection?.sheet.name).toBe(at.sheet);
    expect(fake.model.selection?.rect).toMatchObject({ rows: 1, cols: 1 });
    expect(fake.calls.slice(-2)).toEqual(['Worksheet.activate', 'Range.select']);
  });

  test('a cell on the hidden meta sheet cannot be shown: a clear error, in Vietnamese', async () => {
    const { ops } = await agencyWorkbook();
    await expect(ops.selectCell('_PressDX', 'B2')).rejects.toBeInstanceOf(HiddenSheetError);
    await expect(ops.selectCell('_PressDX', 'B2')).rejects.toThrow(/trang ẩn "_PressDX"/);
    await expect(ops.selectCell('_PressDX', 'B2', 'en')).rejects.toThrow(/hidden sheet "_PressDX"/);
  });

  test('a sheet renamed since the check: Excel’s ItemNotFound, unchanged', async () => {
    const { ops } = await agencyWorkbook();
    await expect(ops.selectCell('Không có', 'A1')).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});

describe('runCheckCommand (ribbon)', () => {
  test('a short Vietnamese summary of the counts', async () => {
    const { fake, ops } = await agencyWorkbook();
    fillInputs(fake.model);
    expect(await ops.runCheckCommand()).toBe('Kiểm tra xong: không có lỗi hay cảnh báo.');
    overwrite(fake.model, cellOf(fake.model, 'tblNhiemVu', 'role', 0), 'x');
    typeInto(fake.model, cellOf(fake.model, 'tblChiTieu', 'value', rowIndexOf(fake.model, 'tblChiTieu', 'CT1a')), "'4");
    // "'4" is text: Excel's formulas do not count it, so it is an error like the overwritten formula.
    const run = await ops.runCheck();
    expect(run.counts).toMatchObject({ error: 2, warning: 0 });
    expect(await ops.runCheckCommand()).toBe('Kiểm tra xong: 2 lỗi, 0 cảnh báo.');
    expect(await ops.runCheckCommand('en')).toBe('Check finished: 2 errors, 0 warnings.');
  });

  test('says so when the workbook is not an agency report, and when Excel fails', async () => {
    const { ops } = liveExcel();
    expect(await ops.runCheckCommand()).toMatch(/không phải biểu mẫu báo cáo PressDX/);
    // What Excel throws while the user is typing in a cell.
    const failing = makeOperations(() => Promise.reject(Object.assign(new Error(''), { code: 'InvalidOperationInCellEditMode' })), () => true);
    expect(await failing.runCheckCommand()).toBe('Không kiểm tra được: Excel đang ở chế độ sửa ô: hãy nhấn Enter hoặc Esc rồi thử lại.');
  });
});

describe('applyFixes', () => {
  async function withTypingHabits() {
    const live = await agencyWorkbook();
    const m = live.fake.model;
    fillInputs(m);
    const cells = {
      // "12,5" typed into a text cell: numberAsText.
      revenue: cellOf(m, 'tblChiTieu', 'value', rowIndexOf(m, 'tblChiTieu', 'CT5a')),
      // "31/10/2025" as text: dateAsText.
      periodTo: cellOf(m, 'tblThongTin', 'value', rowIndexOf(m, 'tblThongTin', 'periodTo')),
      // Trailing spaces: straySpaces.
      result: cellOf(m, 'tblNhiemVu', 'result', 1),
      // "có" for Có: listSpelling.
      ct3: cellOf(m, 'tblChiTieu', 'value', rowIndexOf(m, 'tblChiTieu', 'CT3')),
    };
    typeInto(m, cells.revenue, "'12,5");
    typeInto(m, cells.periodTo, "'31/10/2025");
    typeInto(m, cells.result, 'Đã triển khai   ');
    typeInto(m, cells.ct3, 'có');
    const run = await live.ops.runCheck();
    return { ...live, cells, run };
  }

  test('writes only the listed cells, each as the right kind of value, in 3 syncs', async () => {
    const { fake, ops, cells, run } = await withTypingHabits();
    const fixes = run.findings.map(fixFromFinding).filter((f): f is CellFix => f !== undefined);
    expect(fixes.map((f) => `${f.sheet}!${f.address}`).sort()).toEqual(Object.values(cells).map((c) => `${c.sheet}!${c.address}`).sort());
    const before = allCells(fake.model);
    const syncs = fake.syncCount;
    const calls = fake.calls.length;
    const result = await ops.applyFixes(fixes);
    expect(result.syncs).toBe(3);
    expect(fake.syncCount - syncs).toBe(3);
    expect(result.skipped).toEqual([]);
    expect(result.applied).toHaveLength(4);
    const m = fake.model;
    expect(cellAt(m, cells.revenue)).toMatchObject({ value: 12.5, formula: null, quotePrefix: false });
    expect(cellAt(m, cells.periodTo)).toMatchObject({ value: dateSerial(2025, 10, 31), numberFormat: NUMBER_FORMATS.date });
    expect(cellAt(m, cells.result)).toMatchObject({ value: 'Đã triển khai' });
    expect(cellAt(m, cells.ct3)).toMatchObject({ value: 'Có' });
    // Nothing but those four cells changed.
    expect(changedKeys(before, allCells(m))).toEqual(Object.values(cells).map((c) => gridKey(c.sheet, c.address)).sort());
    // The sheets are protected as before (values of input cells need no unprotecting).
    expect(fake.calls.slice(calls).filter((c) => c.startsWith('WorksheetProtection.'))).toEqual([]);
    const recheck = await ops.runCheck();
    expect(recheck.counts).toMatchObject({ error: 0, warning: 0 });
  });

  test('skips a cell the user changed after the check, and one on a sheet that is gone', async () => {
    const { fake, ops, cells, run } = await withTypingHabits();
    const fixes = run.findings.map(fixFromFinding).filter((f): f is CellFix => f !== undefined);
    typeInto(fake.model, cells.revenue, 13);
    const ghost: CellFix = { sheet: 'Đã xóa', address: 'A1', expectedValue: 'x', newValue: 'y' };
    const result = await ops.applyFixes([...fixes, ghost, fixes[0]]);
    expect(result.applied).toHaveLength(3);
    expect(result.skipped.map((s) => [s.ref, s.reason])).toEqual([
      ['Đã xóa!A1', 'missingSheet'],
      [`${fixes[0].sheet}!${fixes[0].address}`, 'duplicate'],
      [`${cells.revenue.sheet}!${cells.revenue.address}`, 'changed'],
    ]);
    const changed = result.skipped.find((s) => s.reason === 'changed')!;
    expect(changed.current).toBe(13);
    expect(changed.message).toMatch(/đã được sửa sau lần kiểm tra \(hiện là "13"\)/);
    expect(cellAt(fake.model, cells.revenue).value).toBe(13);
  });

  test('never writes over a formula', async () => {
    const { fake, ops } = await agencyWorkbook();
    const at = cellOf(fake.model, 'tblNhiemVu', 'role', 0);
    const formula = cellAt(fake.model, at).formula;
    const result = await ops.applyFixes([{ ...at, expectedValue: null, newValue: 'Chủ trì' }]);
    expect(result.skipped).toEqual([expect.objectContaining({ reason: 'formula' })]);
    expect(cellAt(fake.model, at).formula).toBe(formula);
  });

  test('text is written literally; a date gets a date format, lifting and restoring protection', async () => {
    const { fake, ops } = liveExcel();
    const m = fake.model;
    const sheet = m.requireSheet('Sheet1');
    typeInto(m, { sheet: 'Sheet1', address: 'A1' }, "'2025-10-31");
    typeInto(m, { sheet: 'Sheet1', address: 'A2' }, 'x');
    m.protect(sheet, { ...PROTECTION_OPTIONS }, null);
    const result = await ops.applyFixes([
      { sheet: 'Sheet1', address: 'A1', expectedValue: '2025-10-31', newValue: dateSerial(2025, 10, 31), isDate: true },
      // Would become a number, a formula and a date if written raw.
      { sheet: 'Sheet1', address: 'A2', expectedValue: 'x', newValue: '=1+1' },
    ]);
    expect(result.applied).toHaveLength(2);
    expect(sheet.at('A1')).toMatchObject({ value: dateSerial(2025, 10, 31), numberFormat: NUMBER_FORMATS.date });
    expect(sheet.at('A2')).toMatchObject({ value: '=1+1', formula: null, quotePrefix: true });
    expect(sheet.protection).toMatchObject({ protected: true, options: PROTECTION_OPTIONS });
  });

  test('an Excel error (a password-protected sheet) reaches the caller', async () => {
    const { fake, ops } = liveExcel();
    typeInto(fake.model, { sheet: 'Sheet1', address: 'B1' }, 'a');
    fake.model.protect(fake.model.requireSheet('Sheet1'), {}, 'secret');
    const err = await ops.applyFixes([{ sheet: 'Sheet1', address: 'B1', expectedValue: 'a', newValue: 'b' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FakeOfficeError);
    expect(fake.model.requireSheet('Sheet1').at('B1').value).toBe('a');
  });
});
