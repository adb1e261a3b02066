import type { Finding } from '../../src/domain/check';
import { ERROR_FILL, HIGHLIGHT_TABLE, NO_FILL, WARNING_FILL } from '../../src/office/highlight';
import { makeOperations } from '../../src/office/operations';
import { PROTECTION_OPTIONS } from '../../src/office/render';
import { STYLE_PALETTE } from '../../src/workbook/spec';
import { agencyWorkbook, cellAt, cellOf, fillInputs, liveExcel, rowIndexOf, typeInto, type Live } from './live-agency';

/** The highlight toggle: findings coloured, each cell's own fill recorded and given back exactly. */

const INPUT_FILL = `#${STYLE_PALETTE.input.fill}`;

const finding = (severity: Finding['severity'], sheet: string, address: string): Finding => ({
  severity, code: 'test', table: '', key: '', row: 0, sheet, address, messageVi: '', messageEn: '', value: null,
});

/** tblHighlight's rows as the model holds them. */
function record(live: Live): string[][] {
  const t = live.fake.model.table(HIGHLIGHT_TABLE);
  if (!t) return [];
  const rows: string[][] = [];
  for (let r = 1; r < t.rect.rows; r++) rows.push([0, 1, 2, 3].map((c) => String(t.sheet.cell(t.rect.top + r, t.rect.left + c).value)));
  return rows;
}

async function withFindings() {
  const live = await agencyWorkbook();
  const m = live.fake.model;
  fillInputs(m);
  const bad = cellOf(m, 'tblChiTieu', 'value', rowIndexOf(m, 'tblChiTieu', 'CT1a'));
  const text = cellOf(m, 'tblChiTieu', 'value', rowIndexOf(m, 'tblChiTieu', 'CT5a'));
  typeInto(m, bad, 'nhiều');
  typeInto(m, text, "'12,5");
  const check = await live.ops.runCheck();
  // A cell with no fill of its own (the user's sheet), and one on a sheet that no longer exists.
  const plain = finding('warning', 'Sheet1', 'C3');
  const findings = [...check.findings, plain, finding('error', 'Đã xóa', 'A1')];
  return { ...live, bad, text, findings };
}

describe('highlightFindings and clearHighlights', () => {
  test('an input cell gets the highlight and its yellow back; a cell without fill gets no fill back', async () => {
    const live = await withFindings();
    const { fake, ops, bad, text, findings } = live;
    const m = fake.model;
    expect(cellAt(m, bad).fill).toBe(INPUT_FILL);
    expect(m.requireSheet('Sheet1').at('C3').fill).toBeNull();

    const syncs = fake.syncCount;
    const h = await ops.highlightFindings(findings);
    // The text number is an error now (formulas do not count it), so two error cells and one warning.
    expect(h).toMatchObject({ errorCells: 2, warningCells: 1, restored: 0, skipped: [{ sheet: 'Đã xóa', address: 'A1', reason: 'missingSheet' }] });
    expect(h.syncs).toBe(3);
    expect(fake.syncCount - syncs).toBe(3);
    expect(cellAt(m, bad).fill).toBe(ERROR_FILL);
    expect(cellAt(m, text).fill).toBe(ERROR_FILL);
    expect(m.requireSheet('Sheet1').at('C3').fill).toBe(WARNING_FILL);
    // The record lives in the hidden meta sheet, and the sheets are protected as before.
    const t = m.table(HIGHLIGHT_TABLE)!;
    expect(t.sheet.name).toBe('_PressDX');
    expect(t.sheet.visibility).toBe('Hidden');
    expect(record(live)).toEqual(
      expect.arrayContaining([
        [bad.sheet, bad.address, INPUT_FILL, ERROR_FILL],
        [text.sheet, text.address, INPUT_FILL, ERROR_FILL],
        ['Sheet1', 'C3', NO_FILL, WARNING_FILL],
      ]),
    );
    for (const name of [bad.sheet, '_PressDX']) expect(m.requireSheet(name).protection).toMatchObject({ protected: true, options: PROTECTION_OPTIONS });

    const c = await ops.clearHighlights();
    expect(c).toEqual({ syncs: 4, restored: 3, recoloured: 0 });
    expect(cellAt(m, bad).fill).toBe(INPUT_FILL);
    expect(cellAt(m, text).fill).toBe(INPUT_FILL);
    expect(m.requireSheet('Sheet1').at('C3').fill).toBeNull();
    expect(m.table(HIGHLIGHT_TABLE)).toBeUndefined();
    for (const name of [bad.sheet, '_PressDX']) expect(m.requireSheet(name).protection).toMatchObject({ protected: true, options: PROTECTION_OPTIONS });
    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
  });

  test('highlighting twice never records the highlight colour as the original', async () => {
    const live = await withFindings();
    const { fake, ops, bad, findings } = live;
    await ops.highlightFindings(findings);
    const first = record(live);
    const again = await ops.highlightFindings(findings);
    expect(again.syncs).toBe(3);
    expect(record(live)).toEqual(first);
    expect(record(live).every(([, , original]) => original !== ERROR_FILL && original !== WARNING_FILL)).toBe(true);
    await ops.clearHighlights();
    expect(cellAt(fake.model, bad).fill).toBe(INPUT_FILL);
    expect(fake.model.requireSheet('Sheet1').at('C3').fill).toBeNull();
  });

  test('the record survives the session: a new add-in instance clears what an earlier one highlighted', async () => {
    const live = await withFindings();
    await live.ops.highlightFindings(live.findings);
    const later = makeOperations(live.fake.run, live.fake.isSetSupported);
    const c = await later.clearHighlights();
    expect(c.restored).toBe(3);
    expect(cellAt(live.fake.model, live.bad).fill).toBe(INPUT_FILL);
  });

  test('re-highlighting after a fix gives the fixed cell its own fill back (4 syncs)', async () => {
    const live = await withFindings();
    const { fake, ops, bad, text, findings } = live;
    await ops.highlightFindings(findings);
    const fewer = findings.filter((f) => f.address !== text.address || f.sheet !== text.sheet);
    const h = await ops.highlightFindings(fewer);
    expect(h).toMatchObject({ syncs: 4, restored: 1, errorCells: 1, warningCells: 1 });
    expect(cellAt(fake.model, text).fill).toBe(INPUT_FILL);
    expect(cellAt(fake.model, bad).fill).toBe(ERROR_FILL);
    expect(record(live).map((r) => r[1])).not.toContain(text.address);
  });

  test('a cell the user recoloured after the highlight keeps the user’s colour', async () => {
    const live = await withFindings();
    const { fake, ops } = live;
    await ops.highlightFindings(live.findings);
    const sheet1 = fake.model.requireSheet('Sheet1');
    fake.model.format(sheet1, { top: 2, left: 2, rows: 1, cols: 1 }, 'test', (c) => (c.fill = '#00B050'));
    const c = await ops.clearHighlights();
    expect(c).toMatchObject({ restored: 2, recoloured: 1 });
    expect(sheet1.at('C3').fill).toBe('#00B050');
  });

  test('an error outranks a warning on the same cell; info findings are not coloured', async () => {
    const { fake, ops } = liveExcel();
    const h = await ops.highlightFindings([finding('warning', 'Sheet1', 'A1'), finding('error', 'Sheet1', 'A1'), finding('info', 'Sheet1', 'B1'), finding('error', '', '')]);
    expect(h).toMatchObject({ errorCells: 1, warningCells: 0 });
    const s = fake.model.requireSheet('Sheet1');
    expect(s.at('A1').fill).toBe(ERROR_FILL);
    expect(s.at('B1').fill).toBeNull();
  });

  test('constant syncs: 10 or 1,000 cells', async () => {
    const syncs: number[] = [];
    for (const n of [10, 1000]) {
      const { ops } = liveExcel();
      const many = Array.from({ length: n }, (_, i) => finding(i % 2 ? 'error' : 'warning', 'Sheet1', `B${i + 1}`));
      const h = await ops.highlightFindings(many);
      expect(h.errorCells + h.warningCells).toBe(n);
      syncs.push(h.syncs);
      const c = await ops.clearHighlights();
      expect(c.restored).toBe(n);
      syncs.push(c.syncs);
    }
    expect(syncs).toEqual([3, 4, 3, 4]);
  });

  test('a workbook PressDX did not make gets a hidden _PressDX sheet for the record', async () => {
    const { fake, ops } = liveExcel();
    await ops.highlightFindings([finding('error', 'Sheet1', 'D4')]);
    const meta = fake.model.sheet('_PressDX')!;
    expect(meta.visibility).toBe('Hidden');
    expect(fake.model.table(HIGHLIGHT_TABLE)?.sheet).toBe(meta);
    await ops.clearHighlights();
    expect(fake.model.requireSheet('Sheet1').at('D4').fill).toBeNull();
    // Clearing with nothing highlighted: one sync, nothing written.
    expect(await ops.clearHighlights()).toEqual({ syncs: 1, restored: 0, recoloured: 0 });
  });

  test('on Excel 2019 (ExcelApi 1.8, no fill pattern) a white cell counts as no fill, and nothing fails', async () => {
    const live = await agencyWorkbook({ maxExcelApi: '1.8' });
    const { fake, ops } = live;
    const at = cellOf(fake.model, 'tblChiSo', 'selfPoints', 0);
    await ops.highlightFindings([finding('error', at.sheet, at.address), finding('warning', 'Sheet1', 'A1')]);
    expect(record(live)).toEqual(expect.arrayContaining([[at.sheet, at.address, INPUT_FILL, ERROR_FILL], ['Sheet1', 'A1', NO_FILL, WARNING_FILL]]));
    await ops.clearHighlights();
    expect(cellAt(fake.model, at).fill).toBe(INPUT_FILL);
    expect(fake.model.requireSheet('Sheet1').at('A1').fill).toBeNull();
    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
    // The fake refuses the 1.9 property on this host, so the pass above proves it was not asked for.
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').load('format/fill/pattern');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('the check reads past tblHighlight: same findings with the highlight on', async () => {
    const live = await withFindings();
    const before = await live.ops.runCheck();
    await live.ops.highlightFindings(live.findings);
    const after = await live.ops.runCheck();
    expect(after.findings).toEqual(before.findings);
    expect(after.syncs).toBe(2);
  });
});
