import { CALCULATED_COLUMNS, OPTIONAL_AGENCY_TABLES, type AgencyTableName } from '../../src/domain/agency-schema';
import { canonicalFormula } from '../../src/workbook/fill';
import { makeOperations } from '../../src/office/operations';
import { PROTECTION_OPTIONS } from '../../src/office/render';
import { cellAddress } from '../../src/workbook/a1';
import { agencyWorkbook, bigIndex, cellAt, cellOf, changedKeys, fillInputs, gridKey, inputCells, liveExcel, overwrite, rowIndexOf, type Live } from './live-agency';

/** Tính toán in the live workbook: restore formulas, never touch input cells, constant syncs, idempotent. */

/** Every calculated cell of the workbook (sheet!address → formula). */
function calculatedFormulas(live: Live): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const [table, keys] of Object.entries(CALCULATED_COLUMNS) as Array<[AgencyTableName, string[]]>) {
    // Component subtotals exist only in criterion-level workbooks.
    if (OPTIONAL_AGENCY_TABLES.includes(table) && !live.fake.model.table(table)) continue;
    const rows = live.fake.model.table(table)!.rect.rows - 1;
    for (const key of keys) {
      for (let i = 0; i < rows; i++) {
        const at = cellOf(live.fake.model, table, key, i);
        out.set(`${at.sheet}!${at.address}`, cellAt(live.fake.model, at).formula);
      }
    }
  }
  return out;
}

describe('runFill on an intact, filled workbook', () => {
  test('writes nothing, recalculates, and uses 2 syncs (the read, the recalculation)', async () => {
    const live = await agencyWorkbook();
    fillInputs(live.fake.model);
    const before = inputCells(live.fake.model);
    const syncs = live.fake.syncCount;
    const r = await live.ops.runFill();
    expect(r).toMatchObject({ syncs: 2, written: 0, restored: [], recognised: true });
    expect(r.planned).toBeGreaterThan(50);
    expect(live.fake.syncCount - syncs).toBe(2);
    expect(live.fake.model.calculations).toEqual([{ type: 'Full', suspended: false }]);
    expect(changedKeys(before, inputCells(live.fake.model))).toEqual([]);
    expect(live.fake.syncs.every((s) => s.error === undefined)).toBe(true);
  });
});

describe('runFill after a calculated cell was overwritten', () => {
  let live: Live;
  let role: { sheet: string; address: string };
  let formula: string | null;

  beforeAll(async () => {
    live = await agencyWorkbook();
    fillInputs(live.fake.model);
    role = cellOf(live.fake.model, 'tblNhiemVu', 'role', 4);
    formula = cellAt(live.fake.model, role).formula;
    overwrite(live.fake.model, role, 'Chủ trì');
  });

  test('the check finds it, the fill restores it and reports sheet!address and table.key', async () => {
    const check = await live.ops.runCheck();
    expect(check.findings).toContainEqual(expect.objectContaining({ code: 'formulaOverwritten', sheet: role.sheet, address: role.address }));

    const inputsBefore = inputCells(live.fake.model);
    const syncs = live.fake.syncCount;
    const suspendedBefore = live.fake.model.suspendedSyncs;
    const r = await live.ops.runFill();
    expect(r.written).toBe(1);
    expect(r.restored).toEqual([
      { ref: `${role.sheet}!${role.address}`, sheet: role.sheet, address: role.address, column: 'tblNhiemVu.role', table: 'tblNhiemVu', key: 'role', previousValue: 'Chủ trì' },
    ]);
    // The read, then the write and the full recalculation in one request, nothing suspended.
    expect(r.syncs).toBe(2);
    expect(live.fake.syncCount - syncs).toBe(2);
    expect(live.fake.model.suspendedSyncs - suspendedBefore).toBe(0);
    expect(live.fake.model.calculations.at(-1)).toEqual({ type: 'Full', suspended: false });
    expect(cellAt(live.fake.model, role)).toMatchObject({ formula, quotePrefix: false });
    // Invariant formulas only.
    expect(live.fake.calls).not.toContain('Range.formulasLocal');
    // Every input cell is exactly as before; the sheet is protected again with its options.
    expect(changedKeys(inputsBefore, inputCells(live.fake.model))).toEqual([]);
    expect(live.fake.model.requireSheet(role.sheet).protection).toMatchObject({ protected: true, options: PROTECTION_OPTIONS });

    const recheck = await live.ops.runCheck();
    expect(recheck.findings.filter((f) => f.code === 'formulaOverwritten')).toEqual([]);
  });

  test('a second run restores nothing and writes nothing', async () => {
    const calls = live.fake.calls.length;
    const r = await live.ops.runFill();
    expect(r).toMatchObject({ written: 0, restored: [], syncs: 2 });
    expect(live.fake.calls.slice(calls).filter((c) => c === 'Range.formulas' || c === 'Range.numberFormat' || c.startsWith('WorksheetProtection'))).toEqual([]);
  });
});

describe('what runFill writes', () => {
  test('only the changed calculated cells: overwritten ones and one whose formula was edited', async () => {
    const live = await agencyWorkbook();
    const m = live.fake.model;
    fillInputs(m);
    const a = cellOf(m, 'tblChiSo', 'validPoints', 0);
    const b = cellOf(m, 'tblChiSo', 'validPoints', 1);
    const c = cellOf(m, 'tblTruCot', 'percent', 2);
    const type = cellOf(m, 'tblThongTin', 'value', rowIndexOf(m, 'tblThongTin', 'unitType'));
    const expected = new Map([a, b, c, type].map((x) => [x, cellAt(m, x).formula]));
    overwrite(m, a, 3);
    overwrite(m, b, 4);
    overwrite(m, c, '=1/2');
    overwrite(m, type, 'Báo');
    const before = new Map([...m.sheets].flatMap((s) => [...s.cells].map(([k, cell]) => [`${s.name}!${k}`, JSON.stringify(cell)] as const)));
    const r = await live.ops.runFill();
    expect(r.written).toBe(4);
    expect(r.restored.map((x) => x.column).sort()).toEqual(['tblChiSo.validPoints', 'tblChiSo.validPoints', 'tblThongTin.value']);
    for (const [at, f] of expected) expect(cellAt(m, at).formula).toBe(f);
    const after = new Map([...m.sheets].flatMap((s) => [...s.cells].map(([k, cell]) => [`${s.name}!${k}`, JSON.stringify(cell)] as const)));
    expect(changedKeys(before, after)).toEqual([a, b, c, type].map((x) => gridKey(x.sheet, x.address)).sort());
    // Two adjacent cells of one column go as one 2D write, in the request that recalculates.
    expect(live.fake.syncs.at(-1)?.operations).toBeLessThan(20);
  });

  test('the same syncs with ten times the rows, all overwritten', async () => {
    const counts: number[] = [];
    for (const n of [40, 400]) {
      const live = await agencyWorkbook({ index: bigIndex(n) });
      for (let i = 0; i < n; i++) overwrite(live.fake.model, cellOf(live.fake.model, 'tblChiSo', 'validPoints', i), 1);
      const r = await live.ops.runFill();
      expect(r.restored).toHaveLength(n);
      counts.push(r.syncs);
      const all = calculatedFormulas(live);
      expect([...all.values()].every((f) => f !== null && f.startsWith('='))).toBe(true);
    }
    expect(counts).toEqual([2, 2]);
  });

  test('past the request budget the write is chunked, each request with calculation suspended', async () => {
    const live = await agencyWorkbook({ index: bigIndex(400) });
    for (let i = 0; i < 400; i++) overwrite(live.fake.model, cellOf(live.fake.model, 'tblChiSo', 'validPoints', i), 1);
    // The same workbook, operated with a small request budget.
    const ops = makeOperations(live.fake.run, live.fake.isSetSupported, { requestBudgetBytes: 20_000 });
    const suspended = live.fake.model.suspendedSyncs;
    const first = live.fake.syncs.length;
    const r = await ops.runFill();
    expect(r.restored).toHaveLength(400);
    expect(r.syncs).toBeGreaterThan(3);
    // Every write request ran suspended; the read and the recalculation did not.
    expect(live.fake.model.suspendedSyncs - suspended).toBe(r.syncs - 2);
    expect(live.fake.model.calculations.at(-1)).toEqual({ type: 'Full', suspended: false });
    expect(live.fake.syncs.slice(first).every((s) => s.requestBytes <= 20_000)).toBe(true);
  });

  test('where ExcelApi 1.6 is missing, no suspension is requested (and nothing fails)', async () => {
    const live = await agencyWorkbook();
    const m = live.fake.model;
    overwrite(m, cellOf(m, 'tblChiSo', 'validPoints', 0), 1);
    const ops = makeOperations(live.fake.run, (name, version) => version !== '1.6' && live.fake.isSetSupported(name, version));
    const calls = live.fake.calls.length;
    const r = await ops.runFill();
    expect(r.written).toBe(1);
    expect(live.fake.calls.slice(calls)).not.toContain('Application.suspendApiCalculationUntilNextSync');
  });

  test('a workbook that is not an agency report is left alone', async () => {
    const { fake, ops } = liveExcel();
    const r = await ops.runFill();
    // The read by name is refused (no agency table), then the general read: list, load.
    expect(r).toMatchObject({ recognised: false, written: 0, planned: 0, syncs: 3 });
    expect(fake.model.calculations).toEqual([]);
  });

  test('formulas written are the planned ones (canonical form equal to the template)', async () => {
    const live = await agencyWorkbook();
    const template = calculatedFormulas(live);
    for (const at of [...template.keys()].slice(0, 30)) {
      const [sheet, address] = at.split('!');
      overwrite(live.fake.model, { sheet, address }, 0);
    }
    await live.ops.runFill();
    const restored = calculatedFormulas(live);
    for (const [k, f] of template) expect(canonicalFormula(restored.get(k) ?? '')).toBe(canonicalFormula(f ?? ''));
  });
});

describe('runFill after a column header was typed over', () => {
  test('nothing is written and the renamed column is named; Kiểm tra says it once', async () => {
    const live = await agencyWorkbook();
    fillInputs(live.fake.model);
    const t = live.fake.model.table('tblChiTieu')!;
    const col = t.columnNames.indexOf('Giá trị');
    const header = { sheet: t.sheet.name, address: cellAddress(t.rect.top + 1, t.rect.left + 1 + col) };
    overwrite(live.fake.model, header, 'Giá trị 2025');
    const before = calculatedFormulas(live);
    const inputsBefore = inputCells(live.fake.model);

    const r = await live.ops.runFill();
    expect(r).toMatchObject({ written: 0, recognised: true });
    expect(r.blockedBy).toEqual([expect.objectContaining({ table: 'tblChiTieu', key: 'value', renamedTo: 'Giá trị 2025', sheet: header.sheet, address: header.address })]);
    expect(calculatedFormulas(live)).toEqual(before);
    expect(changedKeys(inputsBefore, inputCells(live.fake.model))).toEqual([]);

    const check = await live.ops.runCheck();
    expect(check.findings.filter((f) => f.table === 'tblChiTieu')).toEqual([expect.objectContaining({ code: 'missingColumn', sheet: header.sheet, address: header.address })]);
  });
});
