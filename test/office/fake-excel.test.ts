import { createFakeExcel, FakeOfficeError, type FakeExcelOptions } from '../../src/fake-excel';

/** The fake must fail where Excel fails, or tests of the adapter prove nothing. */

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof FakeOfficeError ? e.code : `not an Office error: ${String(e)}`;
  }
};

const fresh = (o: FakeExcelOptions = {}) => createFakeExcel(o);

describe('loading', () => {
  test('reading a property before load() and sync() throws PropertyNotLoaded, with Office.js wording', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      expect(() => range.values).toThrow(FakeOfficeError);
      try {
        void range.values;
      } catch (e) {
        expect((e as FakeOfficeError).code).toBe('PropertyNotLoaded');
        expect((e as FakeOfficeError).message).toBe(
          `The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        );
      }
      range.load('values');
      // Loaded but not yet synced: still not available.
      expect(() => range.values).toThrow(/'values' is not available/);
      await context.sync();
      expect(range.values).toEqual([
        ['', ''],
        ['', ''],
      ]);
      // Only what was loaded.
      expect(() => range.formulas).toThrow(/'formulas' is not available/);
    });
  });

  test('worksheet.name, collection items and isNullObject need load (or, for *OrNullObject, a sync)', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      const sheets = context.workbook.worksheets;
      const maybe = context.workbook.worksheets.getItemOrNullObject('Không có');
      expect(() => ws.name).toThrow(/'name' is not available/);
      expect(() => sheets.items).toThrow(/'items' is not available/);
      expect(() => ws.isNullObject).toThrow(/'isNullObject' is not available/);
      expect(() => maybe.isNullObject).toThrow(/'isNullObject' is not available/);
      ws.load('name');
      sheets.load('items/name');
      await context.sync();
      expect(ws.name).toBe('Sheet1');
      expect(ws.isNullObject).toBe(false);
      expect(sheets.items.map((s) => s.name)).toEqual(['Sheet1']);
      expect(maybe.isNullObject).toBe(true);
    });
  });

  test('nested paths load through navigation properties', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B1').values = [['Mã', 'Tên']];
      ws.tables.add('A1:B3', true).name = 'tblA';
      await context.sync();
      const tables = context.workbook.tables.load('items/name,items/worksheet/name');
      await context.sync();
      expect(tables.items.map((t) => [t.name, t.worksheet.name])).toEqual([['tblA', 'Sheet1']]);
    });
  });
});

describe('queued writes', () => {
  test('take effect at sync, not before', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['xin chào']];
      context.workbook.worksheets.add('Mới');
      expect(fake.model.sheet('Sheet1')!.at('A1').value).toBeNull();
      expect(fake.model.sheet('Mới')).toBeUndefined();
      await context.sync();
      expect(fake.model.sheet('Sheet1')!.at('A1').value).toBe('xin chào');
      expect(fake.model.sheet('Mới')).toBeDefined();
    });
  });

  test('every sync is counted, including the one Excel.run makes for pending work', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      await context.sync();
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
    });
    expect(fake.syncCount).toBe(2);
    expect(fake.model.sheet('Sheet1')!.at('A1').value).toBe(1);
    await fake.run(async () => undefined);
    expect(fake.syncCount).toBe(2);
  });

  test('a 2D array must match the range; one value fills every cell', async () => {
    const fake = fresh();
    expect(
      await codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2]];
          await context.sync();
        }),
      ),
    ).toBe('InvalidArgument');
    await fake.run(async (context) => {
      // Office.js accepts one value for every cell, though its typings say any[][].
      (context.workbook.worksheets.getItem('Sheet1').getRange('A1:B2') as unknown as { values: unknown }).values = 7;
      await context.sync();
    });
    expect(fake.model.valuesOf('Sheet1', 'A1:B2')).toEqual([
      [7, 7],
      [7, 7],
    ]);
  });

  test('a request above 5 MB fails at sync with RequestPayloadSizeLimitExceeded and changes nothing', async () => {
    const fake = fresh();
    const big = Array.from({ length: 6000 }, (_, i) => [`${i} ${'x'.repeat(1000)}`]);
    expect(
      await codeOf(
        fake.run(async (context) => {
          const ws = context.workbook.worksheets.getItem('Sheet1');
          ws.getRange('B1').values = [['trước']];
          ws.getRange('A1:A6000').values = big;
          await context.sync();
        }),
      ),
    ).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.model.sheet('Sheet1')!.at('B1').value).toBeNull();
    expect(fake.syncs[fake.syncs.length - 1]).toMatchObject({ error: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.syncs[fake.syncs.length - 1].requestBytes).toBeGreaterThan(5_000_000);
    // Half of it passes.
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A3000').values = big.slice(0, 3000);
      await context.sync();
    });
    expect(fake.model.sheet('Sheet1')!.at('A3000').value).toBe(big[2999][0]);
  });

  test('a response above the limit fails with ResponsePayloadSizeLimitExceeded and delivers nothing', async () => {
    const fake = fresh({ responseLimitBytes: 10_000 });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1:A100').values = Array.from({ length: 100 }, () => ['y'.repeat(200)]);
      await context.sync();
    });
    await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Sheet1').getRange('A1:A100').load('values');
      expect(await codeOf(context.sync())).toBe('ResponsePayloadSizeLimitExceeded');
      expect(() => r.values).toThrow(/not available/);
    });
  });

  test('Excel.run refuses a batch that returns no promise, and a context used after its run', async () => {
    const fake = fresh();
    const runAny = fake.run as unknown as (b: (c: Excel.RequestContext) => unknown) => Promise<unknown>;
    expect(await codeOf(runAny(() => 1))).toBe('RunMustReturnPromise');
    let kept: Excel.RequestContext | undefined;
    await fake.run(async (context) => {
      kept = context;
    });
    expect(() => (kept!.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]])).toThrow(/request contexts|ended/);
  });
});

describe('items', () => {
  test('getItem of a missing sheet fails at sync with ItemNotFound; earlier operations stay applied', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['đã ghi']];
      const missing = context.workbook.worksheets.getItem('Không có');
      missing.getRange('A1').values = [['x']];
      expect(await codeOf(context.sync())).toBe('ItemNotFound');
    });
    expect(fake.model.sheet('Sheet1')!.at('A1').value).toBe('đã ghi');
    const loadMissingTable = fake.run(async (context) => {
      context.workbook.tables.getItem('tblX').load('name');
      await context.sync();
    });
    expect(await codeOf(loadMissingTable)).toBe('ItemNotFound');
  });

  test('getItemOrNullObject gives a null object whose operations do nothing', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject('Không có');
      ws.delete();
      const t = context.workbook.tables.getItemOrNullObject('tblX');
      const n = context.workbook.names.getItemOrNullObject('pdxNone');
      n.delete();
      await context.sync();
      expect([ws.isNullObject, t.isNullObject, n.isNullObject]).toEqual([true, true, true]);
      const real = context.workbook.worksheets.getItemOrNullObject('sheet1');
      await context.sync();
      expect(real.isNullObject).toBe(false);
    });
  });

  test('sheet names are unique (case-insensitive) and valid', async () => {
    const fake = fresh();
    const add = (name: string) =>
      codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.add(name);
          await context.sync();
        }),
      );
    expect(await add('SHEET1')).toBe('ItemAlreadyExists');
    expect(await add('a/b')).toBe('InvalidArgument');
    expect(await add('x'.repeat(32))).toBe('InvalidArgument');
    expect(await add('Chỉ số')).toBeUndefined();
  });

  test('a workbook keeps one visible sheet', async () => {
    const fake = fresh();
    expect(await codeOf(fake.run(async (context) => void (context.workbook.worksheets.getItem('Sheet1').delete(), await context.sync())))).toBe('InvalidOperation');
    expect(await codeOf(fake.run(async (context) => void ((context.workbook.worksheets.getItem('Sheet1').visibility = 'Hidden'), await context.sync())))).toBe('InvalidOperation');
  });
});

describe('tables', () => {
  const withTable = async (fake = fresh()) => {
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A3:B3').values = [['Mã', 'Giá trị']];
      const t = ws.tables.add('A3:B5', true);
      t.name = 'tblA';
      ws.getRange('A4:B5').values = [
        ['a', 1],
        ['b', 2],
      ];
      context.workbook.names.add('pdxB', "='Sheet1'!$B$5");
      await context.sync();
    });
    return fake;
  };

  test('tables.add on a range overlapping another table fails with InvalidArgument', async () => {
    const fake = await withTable();
    expect(await codeOf(fake.run(async (context) => void (context.workbook.worksheets.getItem('Sheet1').tables.add('B5:C8', true), await context.sync())))).toBe('InvalidArgument');
  });

  test('table names are unique across the workbook, and shared with workbook names', async () => {
    const fake = await withTable();
    const name = (n: string) =>
      codeOf(
        fake.run(async (context) => {
          const ws = context.workbook.worksheets.add(`S${n}`);
          ws.tables.add('A1:B2', true).name = n;
          await context.sync();
        }),
      );
    expect(await name('TBLA')).toBe('ItemAlreadyExists');
    expect(await name('pdxB')).toBe('ItemAlreadyExists');
    expect(await name('A1')).toBe('InvalidArgument');
    expect(await name('tblB')).toBeUndefined();
  });

  test('headers are made unique and non-blank, as Excel does', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:C1').values = [['Tên', 'tên', '']];
      ws.tables.add('A1:C2', true);
      await context.sync();
    });
    expect(fake.model.valuesOf('Sheet1', 'A1:C1')).toEqual([['Tên', 'tên2', 'Column3']]);
  });

  test('inserted rows move the tables below, grow the table they fall in, and shift names', async () => {
    const fake = await withTable();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('1:2').insert('Down');
      await context.sync();
    });
    const t = fake.model.table('tblA')!;
    expect(fake.model.tableAddress(t)).toBe('A5:B7');
    expect(fake.model.name('pdxB')!.formula).toBe("='Sheet1'!$B$7");
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Sheet1').getRange('6:6').insert('Down');
      context.workbook.tables.getItem('tblA').rows.add(undefined, [['c', 3]]);
      await context.sync();
    });
    expect(fake.model.tableAddress(t)).toBe('A5:B9');
    expect(fake.model.valuesOf('Sheet1', 'A6:B9')).toEqual([
      [null, null],
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const read = await fake.run(async (context) => {
      const body = context.workbook.tables.getItem('tblA').getDataBodyRange().load('address');
      await context.sync();
      return body.address;
    });
    expect(read).toBe('Sheet1!A6:B9');
  });

  test('formulas naming a missing table or column are rejected like Excel rejects them', async () => {
    const fake = await withTable();
    const write = (f: string) =>
      codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem('Sheet1').getRange('D1').formulas = [[f]];
          await context.sync();
        }),
      );
    expect(await write('=SUM(tblA[Giá trị])')).toBeUndefined();
    expect(await write('=SUM(tblNo[Giá trị])')).toBe('InvalidArgument');
    expect(await write('=SUM(tblA[Không có])')).toBe('InvalidArgument');
    expect(await write('=IF(tblA[[#This Row],[Mã]]="x",1,0')).toBe('InvalidArgument');
    expect(await write('=COUNTIF(A:A,"tblNo[x]")')).toBeUndefined();
  });
});

describe('protection, validation, requirement sets', () => {
  test('a protected sheet refuses writes to locked cells and format changes; unlocked cells take input', async () => {
    const fake = fresh();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('B2').format.protection.locked = false;
      ws.protection.protect({ allowFormatColumns: true });
      await context.sync();
    });
    const act = (f: (ws: Excel.Worksheet) => void) =>
      codeOf(
        fake.run(async (context) => {
          f(context.workbook.worksheets.getItem('Sheet1'));
          await context.sync();
        }),
      );
    expect(await act((ws) => (ws.getRange('A1').values = [['x']]))).toBe('AccessDenied');
    expect(await act((ws) => (ws.getRange('B2').values = [['nhập']]))).toBeUndefined();
    expect(await act((ws) => (ws.getRange('B2').format.fill.color = '#FFFF00'))).toBe('AccessDenied');
    expect(await act((ws) => (ws.getRange('A:A').format.columnWidth = 80))).toBeUndefined();
    expect(await act((ws) => ws.protection.protect())).toBe('InvalidOperation');
    expect(await act((ws) => ws.protection.unprotect())).toBeUndefined();
    expect(await act((ws) => (ws.getRange('A1').values = [['x']]))).toBeUndefined();
  });

  test('a list validation must name an existing name, never a structured reference', async () => {
    const fake = fresh();
    const rule = (source: string) =>
      codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem('Sheet1').getRange('C1').dataValidation.rule = { list: { inCellDropDown: true, source } };
          await context.sync();
        }),
      );
    expect(await rule('=lstKhong')).toBe('InvalidArgument');
    expect(await rule('=tblA[Mã]')).toBe('InvalidArgument');
    expect(await rule('Có,Không')).toBeUndefined();
    expect(await rule('=$A$1:$A$3')).toBeUndefined();
  });

  test('members above the host requirement set fail with ApiNotFound; isSetSupported follows maxExcelApi', async () => {
    const fake = fresh({ maxExcelApi: '1.8' });
    expect(fake.isSetSupported('ExcelApi', '1.8')).toBe(true);
    expect(fake.isSetSupported('ExcelApi', '1.9')).toBe(false);
    expect(fake.isSetSupported('ExcelApi', '1.10')).toBe(false);
    expect(fake.isSetSupported('WordApi', '1.1')).toBe(false);
    expect(await codeOf(fake.run(async (context) => void ((context.workbook.worksheets.getItem('Sheet1').pageLayout.orientation = 'Landscape'), await context.sync())))).toBe('ApiNotFound');
    expect(await codeOf(fresh({ maxExcelApi: '1.7' }).run(async (context) => void ((context.workbook.worksheets.getItem('Sheet1').getRange('A1').dataValidation.ignoreBlanks = true), await context.sync())))).toBe(
      'ApiNotFound',
    );
  });
});
