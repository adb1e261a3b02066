/**
 * The workbench shows the province workbook's formula values from the spec Tổng hợp drew (the
 * merge operation tells the store), not by reading the picked files again: the store never sees
 * a file. The values stay while the workbook holds what was drawn.
 */
import { localDateSerial } from '../../src/domain/values';
import { createFakeExcel, parseAddress } from '../../src/fake-excel';
import { makeOperations } from '../../src/office/operations';
import { cellAddress, type WorkbookSpec } from '../../src/workbook/spec';
import { workbenchOperations } from '../../src/workbench/port';
import { makeSampleFiles } from '../../src/workbench/samples';
import { WorkbenchStore } from '../../src/workbench/store';

jest.setTimeout(120_000);

/** Every formula cell of the spec with the engine's result. */
function formulaCells(spec: WorkbookSpec): Array<{ sheet: string; address: string; result: unknown }> {
  const out: Array<{ sheet: string; address: string; result: unknown }> = [];
  for (const s of spec.sheets) {
    for (const lc of s.cells) if (lc.cell.formula !== undefined) out.push({ sheet: s.name, address: cellAddress(lc.row, lc.col), result: lc.cell.result ?? null });
    for (const t of s.tables) {
      for (const [i, row] of t.rows.entries()) {
        for (const [j, cell] of row.entries()) if (cell.formula !== undefined) out.push({ sheet: s.name, address: cellAddress(t.row + 1 + i, t.col + j), result: cell.result ?? null });
      }
    }
  }
  return out;
}

/** A constant cell the spec drew (a text, so editing it is unambiguous). */
function textConstant(spec: WorkbookSpec): { sheet: string; address: string; value: string } {
  for (const s of spec.sheets) {
    for (const t of s.tables) {
      for (const [i, row] of t.rows.entries()) {
        for (const [j, cell] of row.entries()) {
          if (cell.formula === undefined && typeof cell.value === 'string' && cell.value !== '') return { sheet: s.name, address: cellAddress(t.row + 1 + i, t.col + j), value: cell.value };
        }
      }
    }
  }
  throw new Error('the spec has no text constant');
}

describe('the province workbook in the workbench', () => {
  let store: WorkbenchStore;
  let spec: WorkbookSpec;
  let sheetsCreated: string[];

  beforeAll(async () => {
    const files = await makeSampleFiles(localDateSerial(new Date()));
    store = new WorkbenchStore(createFakeExcel({ locale: 'vi-VN' }));
    const result = await workbenchOperations(store).mergeFiles(
      files.map((f) => ({ name: f.name, bytes: f.bytes })),
      { lang: 'vi', replaceExisting: false },
      () => undefined,
    );
    expect(result.included).toBe(files.length);
    sheetsCreated = result.sheetsCreated;
    spec = store.provinceSpec!;
  });

  test('the store holds the spec the merge drew: its sheets are the ones created', () => {
    expect(spec).not.toBeNull();
    expect(spec.sheets.map((s) => s.name).sort()).toEqual([...sheetsCreated].sort());
  });

  test('every formula cell shows the spec’s result, though the model’s cell holds only the formula', () => {
    const cells = formulaCells(spec);
    expect(cells.filter((c) => c.result !== null && c.result !== '').length).toBeGreaterThan(0);
    const computed = store.computed();
    for (const c of cells) {
      expect(store.model.requireSheet(c.sheet).at(c.address).formula).not.toBeNull();
      expect({ at: `${c.sheet}!${c.address}`, result: computed.get(c.sheet)?.get(c.address)?.result }).toEqual({ at: `${c.sheet}!${c.address}`, result: c.result });
    }
  });

  test('a constant edited away hides the values (they described the drawn workbook); put back, they return', () => {
    const target = textConstant(spec);
    const sheet = store.model.requireSheet(target.sheet);
    const [first] = formulaCells(spec);
    const shown = () => store.computed().get(first.sheet)?.get(first.address)?.result;
    // As a user would: lift the sheet's protection (the province sheets have no password), type, protect again.
    const write = (value: string) => {
      const protection = sheet.protection;
      store.model.unprotect(sheet, null);
      store.model.write(sheet, parseAddress(target.address).rect, [[value]], 'test');
      if (protection.protected) store.model.protect(sheet, protection.options, protection.password);
      store.notify();
    };
    expect(shown()).toEqual(first.result);
    write(`${target.value} (sửa)`);
    expect(shown()).toBeUndefined();
    write(target.value);
    expect(shown()).toEqual(first.result);
  });

  test('Sổ tính mới forgets the drawn workbook', () => {
    store.newWorkbook();
    expect(store.provinceSpec).toBeNull();
    expect([...store.computed().keys()]).toEqual([]);
  });
});

test('makeOperations tells its observer the province spec it drew, once per merge', async () => {
  const files = await makeSampleFiles(localDateSerial(new Date()));
  const fake = createFakeExcel({ locale: 'vi-VN' });
  const drawn: WorkbookSpec[] = [];
  const ops = makeOperations(fake.run, fake.isSetSupported, { onProvinceDrawn: (s) => drawn.push(s) });
  const result = await ops.mergeFiles(files.map((f) => ({ name: f.name, bytes: f.bytes })), { lang: 'en', replaceExisting: false }, () => undefined);
  expect(drawn).toHaveLength(1);
  // The English workbook's sheets: the spec is drawn in the merge's language.
  expect(drawn[0].sheets.map((s) => s.name).sort()).toEqual([...result.sheetsCreated].sort());
});
