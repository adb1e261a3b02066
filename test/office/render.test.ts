import { AGENCY_COLUMNS, OPTIONAL_AGENCY_TABLES, CALCULATED_COLUMNS, type AgencyTableName } from '../../src/domain/agency-schema';
import type { Criterion, IndexVersion } from '../../src/domain/types';
import { dateSerial, localDateSerial } from '../../src/domain/values';
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from '../../src/fake-excel';
import { PressdxSheetsExistError, SheetNameConflictError } from '../../src/office/errors';
import { makeOperations, readAgencyTablesFromExcel, readWorkbookFromExcel, type CreateTemplateOptions } from '../../src/office/operations';
import { PROTECTION_OPTIONS, renderWorkbookSpec, TABLE_STYLE, widthPoints } from '../../src/office/render';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpec, templateTables } from '../../src/workbook/agency-template';
import { NAMES } from '../../src/workbook/formulas';
import { SHEET_NAMES } from '../../src/workbook/labels';
import { toAgencyTables } from '../../src/workbook/read';
import { cellAddress, STYLE_PALETTE, type WorkbookSpec } from '../../src/workbook/spec';

const NOW = new Date(2025, 10, 1, 9, 30, 0);
const OPTS: CreateTemplateOptions = { unitId: 'BQT', year: 2025, indexVersionId: '3560-2025', lang: 'vi', replaceExisting: false };
const PRESSDX_VI = Object.values(SHEET_NAMES.vi);

function setup(options: FakeExcelOptions = {}) {
  const fake = createFakeExcel(options);
  const ops = makeOperations(fake.run, fake.isSetSupported, { now: () => NOW });
  return { fake, ops };
}

/** The spec createTemplateInExcel builds for OPTS, for comparing cell by cell. */
function expectedSpec(o: CreateTemplateOptions = OPTS, index?: IndexVersion): WorkbookSpec {
  return buildAgencyWorkbookSpec(
    { plan: QUANG_TRI_2023, index: index ?? indexVersionById(o.indexVersionId)!, year: o.year, unitId: o.unitId, lang: o.lang, generatedAt: NOW.toISOString(), generator: 'PressDX add-in' },
    localDateSerial(NOW),
  );
}

/** An index version whose catalogue has `n` criteria, so tblChiSo has n rows. */
function bigIndex(n: number, nameLength = 0): IndexVersion {
  const base = indexVersionById('3560-2025')!;
  const criteria: Criterion[] = Array.from({ length: n }, (_, i) => ({
    pillarNo: (i % 5) + 1,
    component: `Thành phần ${(i % 10) + 1}`,
    code: `TC${i + 1}`,
    name: `Tiêu chí số ${i + 1} về chuyển đổi số báo chí`.padEnd(nameLength, ' …'),
    maxPoints: 2,
  }));
  return { ...base, id: `big-${n}`, criteria };
}

/** The formula of the loose cell at (row, col) of the Chỉ số sheet in the spec. */
function looseFormula(spec: WorkbookSpec, row: number, col: number): string | undefined {
  return spec.sheets.find((s) => s.key === 'index')?.cells.find((c) => c.row === row && c.col === col)?.cell.formula;
}

async function render(fake: FakeExcel, spec: WorkbookSpec, extra: Partial<Parameters<typeof renderWorkbookSpec>[2]> = {}) {
  return fake.run((context) => renderWorkbookSpec(context, spec, { replaceExisting: false, isSetSupported: fake.isSetSupported, lang: 'vi', ...extra }));
}

describe('createTemplateInExcel through the fake', () => {
  let fake: FakeExcel;
  let result: { syncs: number; sheetsCreated: string[] };
  const progress: Array<[number, string]> = [];

  beforeAll(async () => {
    const s = setup();
    fake = s.fake;
    result = await s.ops.createTemplateInExcel(OPTS, (f, m) => progress.push([f, m]));
  });

  test('adds the sheets in order after the existing one, meta sheet hidden, Thông tin active', () => {
    const m = fake.model;
    expect(m.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Hướng dẫn', 'Thông tin', 'Chỉ tiêu', 'Mục tiêu', 'Nhiệm vụ', 'Chỉ số', 'Danh mục', '_PressDX']);
    expect(result.sheetsCreated).toEqual(PRESSDX_VI);
    expect(m.sheet('_PressDX')!.visibility).toBe('Hidden');
    expect(m.sheets.filter((s) => s.name !== '_PressDX').every((s) => s.visibility === 'Visible')).toBe(true);
    expect(m.activeSheet?.name).toBe('Thông tin');
  });

  test('uses a constant, small number of syncs', () => {
    expect(result.syncs).toBeLessThanOrEqual(3);
    expect(result.syncs).toBe(2);
    expect(fake.syncCount).toBe(result.syncs);
    expect(fake.syncs.every((s) => s.error === undefined)).toBe(true);
    // Calculation was suspended during the write request.
    expect(fake.model.suspendedSyncs).toBe(1);
  });

  test('reports progress up to 1 with Vietnamese messages', () => {
    const fractions = progress.map(([f]) => f);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toEqual([1, 'Đã tạo biểu mẫu (8 trang).']);
    expect(progress[0][1]).toBe('Đang kiểm tra bảng tính…');
  });

  test('every table reads back with its name, columns and rows (toAgencyTables over readAgencyTablesFromExcel)', async () => {
    const before = fake.syncCount;
    const snapshots = await readAgencyTablesFromExcel(fake.run);
    expect(fake.syncCount - before).toBeLessThanOrEqual(2);
    const read = toAgencyTables(snapshots);
    expect(read.missingTables).toEqual([]);
    expect(read.missingColumns).toEqual([]);
    const spec = expectedSpec();
    const expected = templateTables({ plan: QUANG_TRI_2023, index: indexVersionById('3560-2025')!, year: 2025, unitId: 'BQT', lang: 'vi', generatedAt: NOW.toISOString(), generator: 'PressDX add-in' });
    for (const table of (Object.keys(AGENCY_COLUMNS) as AgencyTableName[]).filter((t) => !OPTIONAL_AGENCY_TABLES.includes(t))) {
      const rows = read.tables[table]!;
      const exp = expected[table]!;
      expect([table, rows.length]).toEqual([table, exp.length]);
      const calc = CALCULATED_COLUMNS[table] ?? [];
      rows.forEach((row, i) => {
        for (const key of AGENCY_COLUMNS[table]) {
          if (calc.includes(key) || (table === 'tblThongTin' && exp[i].key === 'unitType')) continue;
          const want = exp[i][key] === '' ? null : exp[i][key];
          expect([table, i, key, row[key]]).toEqual([table, i, key, want ?? null]);
        }
      });
      const specTable = spec.sheets.flatMap((s) => s.tables.map((t) => ({ sheet: s.name, t }))).find((x) => x.t.name === table)!;
      const snap = read.snapshots[table]!;
      expect([snap.sheetName, snap.row, snap.col]).toEqual([specTable.sheet, specTable.t.row, specTable.t.col]);
      expect(snap.headers).toEqual(specTable.t.columns.map((c) => c.header));
    }
    expect(fake.model.tables.every((t) => t.style === TABLE_STYLE)).toBe(true);
  });

  test('every calculated cell holds the spec formula (invariant, starts with "="), locked; fixed cells locked', async () => {
    const read = toAgencyTables(await readAgencyTablesFromExcel(fake.run));
    const spec = expectedSpec();
    let formulas = 0;
    for (const sheet of spec.sheets) {
      const ws = fake.model.sheet(sheet.name)!;
      for (const t of sheet.tables) {
        const snap = read.snapshots[t.name as AgencyTableName]!;
        t.rows.forEach((r, i) =>
          r.forEach((cell, j) => {
            const model = ws.cell(t.row + i, t.col + j - 1);
            if (cell.formula !== undefined) {
              formulas++;
              expect(cell.formula.startsWith('=')).toBe(true);
              expect(snap.formulas[i][j]).toBe(cell.formula);
              expect(model.formula).toBe(cell.formula);
            } else {
              expect(snap.formulas[i][j]).toBeNull();
            }
            expect([t.name, i, j, model.locked]).toEqual([t.name, i, j, cell.role !== 'input']);
          }),
        );
      }
      for (const c of sheet.cells.filter((x) => x.cell.formula !== undefined)) {
        formulas++;
        expect(ws.cell(c.row - 1, c.col - 1).formula).toBe(c.cell.formula);
        expect(ws.cell(c.row - 1, c.col - 1).locked).toBe(true);
      }
    }
    expect(formulas).toBeGreaterThan(50);
  });

  test('input cells are unlocked and carry their validation, prompt and error alert', () => {
    const spec = expectedSpec();
    let validated = 0;
    for (const sheet of spec.sheets) {
      const ws = fake.model.sheet(sheet.name)!;
      for (const t of sheet.tables)
        t.rows.forEach((r, i) =>
          r.forEach((cell, j) => {
            const model = ws.cell(t.row + i, t.col + j - 1);
            if (cell.role !== 'input') {
              expect(model.validation).toBeNull();
              return;
            }
            expect(model.locked).toBe(false);
            if (!cell.validation) return;
            validated++;
            const v = cell.validation;
            const got = model.validation!;
            expect(got.prompt).toEqual({ showPrompt: true, title: v.promptTitle, message: v.prompt });
            expect(got.errorAlert).toEqual({ showAlert: true, style: 'Stop', title: v.errorTitle, message: v.error });
            switch (v.type) {
              case 'list':
                expect(got.rule).toEqual({ kind: 'list', source: v.source, inCellDropDown: true });
                break;
              case 'date':
                expect(got.rule).toEqual({ kind: 'date', operator: 'Between', formula1: `=${v.min}`, formula2: `=${v.max}` });
                break;
              case 'textLength':
                expect(got.rule).toEqual({ kind: 'textLength', operator: 'LessThanOrEqualTo', formula1: `=${v.max}`, formula2: undefined });
                break;
              default:
                expect(got.rule.kind).toBe(v.type === 'whole' ? 'wholeNumber' : 'decimal');
                expect(got.rule.formula1).toBe(`=${v.min ?? v.max}`);
            }
          }),
        );
    }
    expect(validated).toBeGreaterThan(30);
    // The unit picker draws on the name over the Danh mục table.
    const unitCell = fake.model.sheet('Thông tin')!.at('C5');
    expect(unitCell.value).toBe('Báo Quảng Trị');
    expect(unitCell.validation?.rule).toEqual({ kind: 'list', source: '=lstDonVi', inCellDropDown: true });
  });

  test('sheets are protected without a password, as specified; Danh mục stays editable', () => {
    for (const s of expectedSpec().sheets) {
      const p = fake.model.sheet(s.name)!.protection;
      expect([s.name, p.protected]).toEqual([s.name, s.protect]);
      if (s.protect) {
        expect(p.password).toBeNull();
        expect(p.options).toEqual(PROTECTION_OPTIONS);
      }
    }
  });

  test('workbook names refer to the spec targets', () => {
    const spec = expectedSpec();
    expect(fake.model.names.map((n) => n.name).sort()).toEqual(spec.names.map((n) => n.name).sort());
    for (const n of spec.names) expect(fake.model.name(n.name)!.formula).toBe(`=${n.refersTo}`);
    for (const n of [NAMES.total, NAMES.level, NAMES.unit, NAMES.unitList]) expect(fake.model.name(n)).toBeDefined();
    // TongDiem is a range name on the Chỉ số sheet holding the total formula.
    const total = fake.model.nameRange(fake.model.name('TongDiem')!)!;
    expect(total.sheet.name).toBe('Chỉ số');
    expect(total.sheet.cell(total.rect.top, total.rect.left).formula).toBe(looseFormula(spec, total.rect.top + 1, total.rect.left + 1));
    expect(total.sheet.cell(total.rect.top, total.rect.left).formula).toMatch(/SUM\(tblTruCot\[Điểm đạt\]\)/);
    const units = fake.model.nameRange(fake.model.name('lstDonVi')!)!;
    expect(units.rect.rows).toBe(QUANG_TRI_2023.units.length);
  });

  test('formats: styles, number formats, widths, freeze panes, tab colours, page layout', () => {
    const m = fake.model;
    const info = m.sheet('Thông tin')!;
    expect(info.at('A4').fill).toBe(`#${STYLE_PALETTE.header.fill}`);
    expect(info.at('A4').font.bold).toBe(true);
    expect(info.at('C5').fill).toBe(`#${STYLE_PALETTE.input.fill}`);
    expect(info.at('A1').font.size).toBe(14);
    expect(info.freeze).toEqual({ rows: 4, cols: 0 });
    expect(info.tabColor).toBe('#FFC000');
    expect(info.columnWidth(1)).toBe(widthPoints(28));
    expect(info.merges).toContainEqual({ top: 0, left: 0, rows: 1, cols: 3 });
    // The period dates are formatted as dates; the calculated level cell is not a number format.
    expect(info.at('C8').numberFormat).toBe('dd/mm/yyyy');
    // Progress is a real percent cell: Excel's percent entry takes "50" as 50%.
    expect(m.sheet('Nhiệm vụ')!.at('H5').numberFormat).toBe('0%');
    expect(info.pageLayout.orientation).toBe('Landscape');
    expect(info.pageLayout.paperSize).toBe('A4');
    expect(info.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    expect(info.pageLayout.printTitleRows).toBe('$4:$4');
    expect(info.pageLayout.headersFooters.leftHeader).toBe('Báo Quảng Trị — 2025');
  });

  test('findExistingPressdxSheets lists them, the guide recognised by its title (2 syncs; 1 without a guide)', async () => {
    const ops = makeOperations(fake.run, fake.isSetSupported, { now: () => NOW });
    let before = fake.syncCount;
    expect(await ops.findExistingPressdxSheets()).toEqual(PRESSDX_VI);
    expect(fake.syncCount - before).toBe(2);
    const empty = setup();
    before = empty.fake.syncCount;
    expect(await empty.ops.findExistingPressdxSheets()).toEqual([]);
    expect(empty.fake.syncCount - before).toBe(1);
  });

  test('the named result cells are read with the tables', async () => {
    const read = await readWorkbookFromExcel(fake.run);
    expect(read.syncs).toBe(1);
    expect(read.named.TongDiem?.sheet).toBe('Chỉ số');
    expect(read.named.TongDiem?.formula).toBe(looseFormula(expectedSpec(), Number(read.named.TongDiem?.address.slice(1)), 12));
    expect(read.named.MucDo?.formula).toMatch(/^=IF\(COUNT\(tblChiSo\[Điểm hợp lệ\]\)/);
  });
});

describe('sync count does not grow with the data', () => {
  test('a spec with 10× more rows renders in the same number of syncs', async () => {
    const small = setup();
    const r1 = await render(small.fake, expectedSpec());
    const spec = expectedSpec(OPTS, bigIndex(1600));
    const rows = (s: WorkbookSpec) => s.sheets.reduce((n, sh) => n + sh.tables.reduce((k, t) => k + t.rows.length, 0), 0);
    expect(rows(spec)).toBeGreaterThanOrEqual(10 * rows(expectedSpec()));
    const big = setup();
    const r2 = await render(big.fake, spec);
    expect(r2.syncs).toBe(r1.syncs);
    expect(r2.syncs).toBeLessThanOrEqual(3);
    expect(big.fake.model.table('tblChiSo')!.rect.rows).toBe(1601);
  });

  test('past the 5 MB request limit the writes are chunked by rows, and the read falls back to chunks', async () => {
    const spec = expectedSpec(OPTS, bigIndex(12000, 400));
    const { fake } = setup();
    const r = await render(fake, spec);
    expect(r.syncs).toBeGreaterThan(2);
    expect(fake.syncs.every((s) => s.error === undefined && s.requestBytes <= 5_000_000)).toBe(true);
    const t = fake.model.table('tblChiSo')!;
    expect(t.rect.rows).toBe(12001);
    expect(t.sheet.cell(t.rect.top + 12000, t.rect.left + 2).value).toBe('TC12000');
    // Reading it back passes the 5 MB response limit at once: the reader splits by rows.
    const read = await readWorkbookFromExcel(fake.run);
    expect(read.syncs).toBeGreaterThan(2);
    const snap = read.snapshots.find((s) => s.name === 'tblChiSo')!;
    expect(snap.values).toHaveLength(12000);
    expect(snap.values[11999][2]).toBe('TC12000');
    expect(snap.formulas[11999][8]).toBe(spec.sheets.find((s) => s.key === 'index')!.tables[0].rows[11999][8].formula);
  }, 120_000);

  test('a lowered request budget forces chunks and every chunk lands', async () => {
    const spec = expectedSpec(OPTS, bigIndex(300));
    const { fake } = setup({ requestLimitBytes: 60_000 });
    const r = await render(fake, spec, { requestBudgetBytes: 50_000 });
    expect(r.syncs).toBeGreaterThan(3);
    expect(fake.syncs.every((s) => s.error === undefined && s.requestBytes <= 60_000)).toBe(true);
    const read = toAgencyTables(await readAgencyTablesFromExcel(fake.run));
    expect(read.tables.tblChiSo).toHaveLength(300);
    expect(fake.model.suspendedSyncs).toBe(r.syncs - 1);
  });
});

describe('existing sheets', () => {
  test('existing PressDX sheets without replaceExisting give a typed error and change nothing', async () => {
    const { fake, ops } = setup();
    await ops.createTemplateInExcel(OPTS, () => undefined);
    const calls = fake.calls.length;
    const err = await ops.createTemplateInExcel(OPTS, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PressdxSheetsExistError);
    const e = err as PressdxSheetsExistError;
    expect(e.code).toBe('PressdxSheetsExist');
    expect(e.sheets).toEqual(PRESSDX_VI);
    expect(e.names).toEqual(expect.arrayContaining(['TongDiem', 'lstDonVi']));
    expect(e.message).toContain('Chọn "Thay thế"');
    // Only the inspection loads were queued.
    expect(fake.calls.slice(calls).every((c) => c.endsWith('.load'))).toBe(true);
  });

  test('replaceExisting recreates PressDX sheets and never touches a user sheet', async () => {
    const { fake, ops } = setup();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [
        ['Ghi chú của tôi', 42],
        ['=1+1', '=A1'],
      ];
      await context.sync();
    });
    await ops.createTemplateInExcel(OPTS, () => undefined);
    // The user edits an input cell, then asks for a new template.
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Chỉ tiêu').getRange('D5').values = [['Có']];
      await context.sync();
    });
    const user = fake.model.sheet('Sheet1')!;
    const userCells = new Map([...user.cells].map(([k, c]) => [k, JSON.stringify(c)]));
    const r = await ops.createTemplateInExcel({ ...OPTS, replaceExisting: true }, () => undefined);
    // One more read than a fresh template: A1 of the guide sheet, which holds no table.
    expect(r.syncs).toBe(3);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Sheet1', ...PRESSDX_VI]);
    expect(fake.model.sheet('Sheet1')).toBe(user);
    expect(new Map([...user.cells].map(([k, c]) => [k, JSON.stringify(c)]))).toEqual(userCells);
    expect(fake.model.valuesOf('Sheet1', 'A1:B2')).toEqual([
      ['Ghi chú của tôi', 42],
      ['=1+1', '=A1'],
    ]);
    // Fresh sheets: the input is blank again, names point at live ranges.
    expect(fake.model.sheet('Chỉ tiêu')!.at('D5').value).toBeNull();
    expect(fake.model.names.every((n) => !n.formula.includes('#REF!'))).toBe(true);
    expect(fake.model.tables).toHaveLength(Object.keys(AGENCY_COLUMNS).length - OPTIONAL_AGENCY_TABLES.length);
  });

  test('a user sheet with a PressDX sheet name is never touched: typed error before any write', async () => {
    const { fake, ops } = setup({ sheets: ['Thông tin', 'Data'] });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Thông tin').getRange('A1').values = [['của người dùng']];
      await context.sync();
    });
    for (const replaceExisting of [false, true]) {
      const before = fake.calls.length;
      const err = await ops.createTemplateInExcel({ ...OPTS, replaceExisting }, () => undefined).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SheetNameConflictError);
      expect((err as SheetNameConflictError).sheets).toEqual(['Thông tin']);
      expect(fake.calls.slice(before).every((c) => c.endsWith('.load'))).toBe(true);
    }
    expect(fake.model.sheets.map((s) => s.name)).toEqual(['Thông tin', 'Data']);
    expect(fake.model.sheet('Thông tin')!.at('A1').value).toBe('của người dùng');
  });

  test('a user sheet called "Hướng dẫn" is not mistaken for the PressDX guide (no PressDX title in A1)', async () => {
    const { fake, ops } = setup();
    await ops.createTemplateInExcel(OPTS, () => undefined);
    await fake.run(async (context) => {
      const guide = context.workbook.worksheets.getItem('Hướng dẫn');
      guide.protection.unprotect();
      guide.getRange('A1').values = [['Hướng dẫn nội bộ của phòng']];
      await context.sync();
    });
    const err = await ops.createTemplateInExcel({ ...OPTS, replaceExisting: true }, () => undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetNameConflictError);
    expect((err as SheetNameConflictError).sheets).toEqual(['Hướng dẫn']);
    expect(fake.model.sheet('Hướng dẫn')!.at('A1').value).toBe('Hướng dẫn nội bộ của phòng');
  });

  test('a workbook holding only PressDX sheets can be replaced (one visible sheet is always kept)', async () => {
    const { fake, ops } = setup();
    await ops.createTemplateInExcel(OPTS, () => undefined);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').delete();
      await context.sync();
    });
    await ops.createTemplateInExcel({ ...OPTS, replaceExisting: true, lang: 'en' }, () => undefined);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(Object.values(SHEET_NAMES.en));
  });
});

describe('text is written so Excel keeps it as text', () => {
  const tricky = ['=1+1', '-5', '+84 912 345 678', '25/11/2023', '1,5', '1.234', '75%', 'TRUE', "'trích dẫn", '0123', '@x', '#N/A', 'Jan-23', ' 12 ', 'Không'];

  test('tricky strings read back unchanged, as text, not formulas', async () => {
    const spec: WorkbookSpec = {
      sheets: [
        {
          key: 'info',
          name: 'Thử',
          visible: true,
          columnWidths: [20],
          freezeRows: 0,
          protect: false,
          cells: tricky.map((value, i) => ({ row: i + 1, col: 5, cell: { role: 'fixed', value } })),
          tables: [{ name: 'tblThu', row: 1, col: 1, columns: [{ key: 'v', header: 'Giá trị', role: 'input', width: 20 }], rows: tricky.map((value) => [{ role: 'input', value }]) }],
        },
      ],
      names: [],
    };
    const { fake } = setup();
    await render(fake, spec);
    const snap = (await readAgencyTablesFromExcel(fake.run)).find((s) => s.name === 'tblThu')!;
    expect(snap.values.map((r) => r[0])).toEqual(tricky);
    expect(snap.formulas.every((r) => r[0] === null)).toBe(true);
    const ws = fake.model.sheet('Thử')!;
    tricky.forEach((value, i) => {
      const cell = ws.cell(i, 4);
      expect([value, cell.value, cell.formula]).toEqual([value, value, null]);
      // Only text Excel would reinterpret carries the quote prefix; formats stay untouched.
      expect(cell.numberFormat).toBe('General');
    });
    expect(ws.cell(tricky.indexOf('Không'), 4).quotePrefix).toBe(false);
    expect(ws.cell(0, 4).quotePrefix).toBe(true);
  });

  test('without the guard the fake parses text the way Excel does (the hazard is real)', async () => {
    const { fake } = setup();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A4').values = [['=1+1'], ['25/11/2023'], ['1,5'], ['TRUE']];
      await context.sync();
    });
    const ws = fake.model.sheet('Sheet1')!;
    expect(ws.at('A1').formula).toBe('=1+1');
    expect(ws.at('A2').value).toBe(dateSerial(2023, 11, 25));
    expect(ws.at('A3').value).toBe(1.5);
    expect(ws.at('A4').value).toBe(true);
  });
});

describe('degraded requirement sets', () => {
  test('ExcelApi 1.8: no page layout call, no crash, everything else in place', async () => {
    const { fake, ops } = setup({ maxExcelApi: '1.8' });
    const r = await ops.createTemplateInExcel(OPTS, () => undefined);
    expect(r.syncs).toBe(2);
    expect(fake.calls.filter((c) => /^(PageLayout|HeaderFooter)/.test(c))).toEqual([]);
    const info = fake.model.sheet('Thông tin')!;
    expect(info.pageLayout.orientation).toBe('Portrait');
    expect(info.protection.protected).toBe(true);
    expect(info.at('C5').validation?.rule.kind).toBe('list');
  });

  test('ExcelApi 1.9 adds the page layout', async () => {
    const { fake, ops } = setup({ maxExcelApi: '1.9' });
    await ops.createTemplateInExcel(OPTS, () => undefined);
    expect(fake.calls).toContain('PageLayout.orientation');
  });

  test('below ExcelApi 1.8 the operation refuses with a clear message before touching Excel', async () => {
    const { fake, ops } = setup({ maxExcelApi: '1.7' });
    await expect(ops.createTemplateInExcel(OPTS, () => undefined)).rejects.toMatchObject({ code: 'RequirementSetMissing', message: expect.stringContaining('ExcelApi 1.8') });
    expect(fake.syncCount).toBe(0);
  });

  test('an unknown index version is reported in the UI language', async () => {
    const { ops } = setup();
    await expect(ops.createTemplateInExcel({ ...OPTS, indexVersionId: 'x' }, () => undefined)).rejects.toThrow('Không tìm thấy bộ chỉ số "x".');
    await expect(ops.createTemplateInExcel({ ...OPTS, lang: 'en', indexVersionId: 'x' }, () => undefined)).rejects.toThrow('Unknown maturity index version "x".');
  });
});

describe('English template', () => {
  test('English sheet names and headers, same tables', async () => {
    const { fake, ops } = setup();
    await ops.createTemplateInExcel({ ...OPTS, lang: 'en' }, () => undefined);
    expect(fake.model.sheets.slice(1).map((s) => s.name)).toEqual(Object.values(SHEET_NAMES.en));
    const read = toAgencyTables(await readAgencyTablesFromExcel(fake.run));
    expect(read.missingColumns).toEqual([]);
    expect(read.snapshots.tblChiSo?.headers).toContain('Valid points');
    expect(fake.model.sheet('Information')!.at(cellAddress(5, 3)).value).toBe('Báo Quảng Trị');
  });
});
