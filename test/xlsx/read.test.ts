/**
 * The ExcelJS reader: identity by table name wherever a table sits, faithful values, and the
 * limits that keep a hostile file from exhausting memory.
 */
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AGENCY_COLUMNS } from '../../src/domain/agency-schema';
import { dateSerial } from '../../src/domain/values';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../../src/workbook/agency-template';
import { toAgencyTables } from '../../src/workbook/read';
import type { WorkbookSpec } from '../../src/workbook/spec';
import { extrasFromSpec, readWorkbookTables, renderToBuffer, translateFormula, XLSX_LIMITS, XlsxLimitError, type XlsxLimitCode } from '../../src/xlsx';
import { inspectXlsx } from '../../src/xlsx/zip-guard';

const plan = QUANG_TRI_2023;
const baseSpec = (): WorkbookSpec =>
  buildAgencyWorkbookSpec({ plan, index: indexVersionById('951-2023')!, year: 2023, unitId: 'PTTH', lang: 'vi', generatedAt: '2023-11-01T00:00:00Z', generator: 'test' }, dateSerial(2023, 11, 1));

let template: Buffer;
beforeAll(async () => {
  template = await renderToBuffer(baseSpec());
});

async function rejection(p: Promise<unknown>): Promise<XlsxLimitError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof XlsxLimitError) return e;
    throw e;
  }
  throw new Error('expected an XlsxLimitError');
}

function limitCode(f: () => unknown): XlsxLimitCode | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof XlsxLimitError) return e.code;
    throw e;
  }
  return undefined;
}

describe('identity by table name', () => {
  it('reads tables on renamed sheets, moved elsewhere, with inserted rows', async () => {
    const spec = structuredClone(baseSpec());
    spec.sheets.forEach((s, i) => (s.name = `Trang ${i + 1}`));
    const sheetOf = (table: string) => spec.sheets.find((s) => s.tables.some((t) => t.name === table))!;
    const chiTieu = sheetOf('tblChiTieu').tables.find((t) => t.name === 'tblChiTieu')!;
    chiTieu.row = 9;
    chiTieu.col = 3;
    const chiSo = sheetOf('tblChiSo').tables.find((t) => t.name === 'tblChiSo')!;
    chiSo.rows.splice(2, 0, structuredClone(chiSo.rows[2]));
    // The tables beside tblChiSo move down too, as after inserting whole rows above them.
    sheetOf('tblChiSo').tables.forEach((t) => (t.row += 3));
    // Names point at the old sheet names; the reader does not use them.
    spec.names = [];

    const read = toAgencyTables(await readWorkbookTables(await renderToBuffer(spec)));
    expect(read.missingTables).toEqual([]);
    expect(read.missingColumns).toEqual([]);
    expect(read.snapshots.tblChiTieu).toMatchObject({ sheetName: 'Trang 3', row: 9, col: 3 });
    expect(read.tables.tblChiTieu?.map((r) => r.code)).toEqual(plan.indicators.map((i) => i.code));
    expect(read.tables.tblChiSo).toHaveLength(6);
    expect(read.snapshots.tblChiSo).toMatchObject({ sheetName: 'Trang 6', row: 7, col: 1 });
    expect(read.formulas.tblTruCot?.[0]?.points).toBe('=SUMIFS(tblChiSo[Điểm hợp lệ],tblChiSo[Trụ cột],tblTruCot[[#This Row],[Trụ cột]])');
  });

  it('reads a header row that the table part declares only by default (no headerRowCount), as Excel and others write it', async () => {
    const zip = await JSZip.loadAsync(template);
    for (const p of Object.keys(zip.files).filter((f) => /^xl\/tables\/[^/]+\.xml$/.test(f))) {
      const xml = await zip.file(p)!.async('string');
      expect(xml).toContain(' headerRowCount="1"');
      zip.file(p, xml.replace(' headerRowCount="1"', ''));
    }
    const patched = await zip.generateAsync({ type: 'nodebuffer' });
    expect(await readWorkbookTables(patched)).toEqual(await readWorkbookTables(template));
  });

  it('reads tables whose columns carry calculatedColumnFormula, which ExcelJS alone cannot load', async () => {
    const zip = await JSZip.loadAsync(template);
    const names = Object.keys(zip.files).filter((f) => /^xl\/tables\/[^/]+\.xml$/.test(f));
    const withFormula = await Promise.all(names.map(async (p) => (await zip.file(p)!.async('string')).includes('<calculatedColumnFormula>')));
    expect(withFormula.some(Boolean)).toBe(true);
    // If this starts to pass, ExcelJS has fixed its table parser and the workaround can go.
    await expect(new ExcelJS.Workbook().xlsx.load(template as unknown as ExcelJS.Buffer)).rejects.toThrow();
    const read = toAgencyTables(await readWorkbookTables(template));
    expect(read.snapshots.tblNhiemVu?.headers).toHaveLength(AGENCY_COLUMNS.tblNhiemVu.length);
  });
});

describe('cell values', () => {
  async function oneTable(rows: ExcelJS.CellValue[][], columns: string[], setup?: (ws: ExcelJS.Worksheet) => void) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addTable({ name: 'tblThu', ref: 'B2', columns: columns.map((name) => ({ name })), rows });
    setup?.(ws);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const [snap] = await readWorkbookTables(buf);
    return snap;
  }

  it('converts dates, rich text, hyperlinks, errors, booleans and formula results', async () => {
    const snap = await oneTable(
      [
        [
          new Date(Date.UTC(2025, 10, 20)),
          { richText: [{ text: 'Báo ' }, { text: 'Quảng Trị', font: { bold: true } }] },
          { text: 'trang tin', hyperlink: 'https://example.vn' },
          { error: '#N/A' },
          false,
          { formula: '1-1', result: 0 },
          { formula: '1>2', result: false },
          { formula: 'IF(TRUE,"","x")', result: '' },
          '=không phải công thức',
        ],
      ],
      ['Ngày', 'Chữ đậm', 'Liên kết', 'Lỗi', 'Cờ', 'Không', 'Sai', 'Rỗng', 'Văn bản'],
    );
    expect(snap.name).toBe('tblThu');
    expect(snap).toMatchObject({ sheetName: 'Dữ liệu', row: 2, col: 2 });
    expect(snap.headers).toEqual(['Ngày', 'Chữ đậm', 'Liên kết', 'Lỗi', 'Cờ', 'Không', 'Sai', 'Rỗng', 'Văn bản']);
    // 0 and false results survive (ExcelJS's value getter drops falsy results).
    expect(snap.values).toEqual([[dateSerial(2025, 11, 20), 'Báo Quảng Trị', 'trang tin', { error: '#N/A' }, false, 0, false, '', '=không phải công thức']]);
    expect(snap.formulas).toEqual([[null, null, null, null, null, '=1-1', '=1>2', '=IF(TRUE,"","x")', null]]);
  });

  it('resolves shared formulas without touching text literals or structured references', async () => {
    const snap = await oneTable(
      [
        ['CT1', null],
        ['CT2', null],
        ['CT1', null],
      ],
      ['Mã', 'Khớp'],
      (ws) => {
        // ExcelJS's typings omit shareType and ref, which its writer reads.
        ws.getCell('C3').value = Object.assign({ formula: 'IF(B3="CT1",1,0)', result: 1 }, { shareType: 'shared', ref: 'C3:C5' });
        ws.getCell('C4').value = { sharedFormula: 'C3', result: 0 };
        ws.getCell('C5').value = { sharedFormula: 'C3', result: 1 };
      },
    );
    expect(snap.formulas.map((r) => r[1])).toEqual(['=IF(B3="CT1",1,0)', '=IF(B4="CT1",1,0)', '=IF(B5="CT1",1,0)']);
    expect(snap.values.map((r) => r[1])).toEqual([1, 0, 1]);
  });

  it('translateFormula moves relative references only', () => {
    const f = 'SUM($A1:B$2)+tbl[[#This Row],[C1]]+\'Sheet 1\'!C3+LOG10(D4)&"E5"';
    expect(translateFormula(f, { row: 1, col: 1 }, { row: 3, col: 2 })).toBe('SUM($A3:C$2)+tbl[[#This Row],[C1]]+\'Sheet 1\'!D5+LOG10(E6)&"E5"');
  });
});

describe('limits', () => {
  it('rejects a file over 20 MB with a bilingual message', async () => {
    const e = await rejection(readWorkbookTables(Buffer.alloc(XLSX_LIMITS.maxFileBytes + 1)));
    expect(e.code).toBe('FILE_TOO_LARGE');
    expect(e.message).toContain('Tệp quá lớn');
    expect(e.message).toContain('File too large');
  });

  it('rejects what is not a zip', async () => {
    const e = await rejection(readWorkbookTables(Buffer.from('Mã,Giá trị\nCT1,Có\n')));
    expect(e.code).toBe('NOT_XLSX');
    expect(e.message).toContain('không phải bảng tính');
  });

  it('rejects a zip that declares more than 200 MB', () => {
    const huge = Buffer.from(template);
    const at = centralEntry(huge, 'xl/workbook.xml');
    huge.writeUInt32LE(XLSX_LIMITS.maxExpandedBytes + 1, at + 24);
    expect(limitCode(() => inspectXlsx(huge))).toBe('ZIP_TOO_LARGE');
  });

  it('rejects a part that expands beyond the size it declares (a lying zip bomb)', () => {
    const lying = Buffer.from(template);
    lying.writeUInt32LE(10, centralEntry(lying, 'xl/styles.xml') + 24);
    expect(limitCode(() => inspectXlsx(lying))).toBe('ZIP_TOO_LARGE');
  });

  it('counts cells and expanded bytes against the limits', () => {
    const ok = inspectXlsx(template);
    expect(ok.cells).toBeGreaterThan(300);
    expect(ok.tables.get('tblNhiemVu')).toMatchObject({ headerRowCount: 1, totalsRowCount: 0, columnChildren: true });
    expect(limitCode(() => inspectXlsx(template, { ...XLSX_LIMITS, maxCells: ok.cells - 1 }))).toBe('TOO_MANY_CELLS');
    expect(limitCode(() => inspectXlsx(template, { ...XLSX_LIMITS, maxCells: ok.cells }))).toBeUndefined();
    expect(limitCode(() => inspectXlsx(template, { ...XLSX_LIMITS, maxExpandedBytes: ok.expandedBytes - 1 }))).toBe('ZIP_TOO_LARGE');
  });

  it('rejects a table that claims more cells than the limit, however small the file', async () => {
    const zip = await JSZip.loadAsync(template);
    for (const p of Object.keys(zip.files).filter((f) => /^xl\/tables\/[^/]+\.xml$/.test(f))) {
      const xml = await zip.file(p)!.async('string');
      if (xml.includes('name="tblChiTieu"')) zip.file(p, xml.replace(/ ref="A4:F16"/g, ' ref="A4:F400000"'));
    }
    const e = await rejection(readWorkbookTables(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })));
    expect(e.code).toBe('TOO_MANY_CELLS');
    expect(e.message).toContain('tblChiTieu');
  });

  it('keeps the calculated columns the spec defines', () => {
    const columns = extrasFromSpec(baseSpec()).calculatedColumns.map((c) => `${c.table}.${c.column}`);
    expect(columns).toEqual(expect.arrayContaining(['tblNhiemVu.Vai trò', 'tblNhiemVu.Hạn', 'tblNhiemVu.Đúng hạn', 'tblChiSo.Điểm hợp lệ', 'tblTruCot.Điểm đạt', 'tblTruCot.Tỷ lệ', 'tblPhanCong.Đơn vị']));
    expect(columns.some((c) => c.startsWith('tblMucTieu.') || c.startsWith('tblThongTin.'))).toBe(false);
  });
});

/** Offset of the central-directory header of a part. */
function centralEntry(zip: Buffer, name: string): number {
  for (let at = zip.indexOf(name); at >= 0; at = zip.indexOf(name, at + 1)) {
    if (at >= 46 && zip.readUInt32LE(at - 46) === 0x02014b50) return at - 46;
  }
  throw new Error(`${name} not in the central directory`);
}
