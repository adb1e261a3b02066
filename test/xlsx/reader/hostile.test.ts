import * as fs from 'fs';
import * as path from 'path';
import { readXlsx, XlsxReadError } from '../../../src/xlsx/reader';
import { strToU8 } from 'fflate';
import { emptyRowsWorkbook, table, workbookParts, zipParts } from './build';
import { readIsolated } from './isolated';

/** Damaged and hostile files: each is refused with its reason, in bounded time and memory. */

function codeOf(bytes: Uint8Array): string {
  try {
    readXlsx(bytes);
  } catch (e) {
    if (e instanceof XlsxReadError) return e.code;
    throw e;
  }
  return 'read';
}

/**
 * A minimal OLE compound file (512-byte sectors): header, one FAT sector, one directory sector
 * holding the root and the named streams. Enough for the directory walk that tells an
 * encrypted .xlsx from an .xls.
 */
function compoundFile(streams: string[]): Uint8Array {
  const bytes = new Uint8Array(512 * 3);
  const dv = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  dv.setUint16(0x18, 0x3e, true);
  dv.setUint16(0x1a, 3, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); // one FAT sector
  dv.setUint32(0x30, 1, true); // directory in sector 1
  dv.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // FAT (sector 0): sector 0 is the FAT itself, sector 1 the directory's only sector.
  const fat = 512;
  for (let i = 0; i < 128; i++) dv.setUint32(fat + i * 4, 0xffffffff, true);
  dv.setUint32(fat, 0xfffffffd, true);
  dv.setUint32(fat + 4, 0xfffffffe, true);
  const dir = 1024;
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const at = dir + i * 128;
    for (let j = 0; j < name.length; j++) dv.setUint16(at + j * 2, name.charCodeAt(j), true);
    dv.setUint16(at + 0x40, (name.length + 1) * 2, true);
    bytes[at + 0x42] = i === 0 ? 5 : 2;
  });
  return bytes;
}

describe('hostile and damaged files', () => {
  it('refuses 30 million empty rows on a table’s sheet by its row count, streaming, never holding the part', async () => {
    const bytes = emptyRowsWorkbook(30_000_000);
    // 180 MB of XML in well under a megabyte of zip.
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const isolated = { timeoutMs: 60_000, maxHeapMb: 128 };
    const [byRows] = await readIsolated([{ name: 'default limits', bytes: () => bytes.slice() }], isolated);
    const [byBytes] = await readIsolated([{ name: 'rows unlimited', bytes: () => bytes.slice() }], {
      ...isolated,
      readOptions: { limits: { maxRows: 1e9, maxExpandedBytes: 20 * 1024 * 1024 } },
    });
    expect(byRows).toMatchObject({ outcome: 'rejected', code: 'TOO_LARGE' });
    expect(byRows.message).toMatch(/Too many rows/);
    // With rows unlimited, the expanded-bytes budget stops it: the heap limit of 128 MB would not hold 180 MB of text.
    expect(byBytes).toMatchObject({ outcome: 'rejected', code: 'TOO_LARGE' });
    expect(byBytes.message).toMatch(/expands too large/);
  });

  it('refuses a zip bomb part that lies about its size as damage, inflating no further than the lie', () => {
    const parts = workbookParts({ sheets: [{ name: 'S', tables: ['../tables/table1.xml'], data: `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>` }], parts: { 'xl/tables/table1.xml': table(1, 'tblA', 'A1:A1', ['a']) } });
    const padded = `${parts['xl/worksheets/sheet1.xml'] as string}${' '.repeat(5_000_000)}`;
    const bytes = zipParts({ ...parts, 'xl/worksheets/sheet1.xml': padded });
    // Declare the sheet 600 bytes long, in its local header and in the central directory.
    const dv = new DataView(bytes.buffer);
    const name = strToU8('xl/worksheets/sheet1.xml');
    for (let i = 0; i + 4 < bytes.length; i++) {
      const sig = dv.getUint32(i, true);
      const nameAt = sig === 0x04034b50 ? i + 30 : sig === 0x02014b50 ? i + 46 : -1;
      if (nameAt < 0 || !name.every((b, j) => bytes[nameAt + j] === b)) continue;
      dv.setUint32(sig === 0x04034b50 ? i + 22 : i + 24, 600, true);
    }
    let error: XlsxReadError | undefined;
    try {
      readXlsx(bytes);
    } catch (e) {
      if (e instanceof XlsxReadError) error = e;
    }
    expect(error?.code).toBe('DAMAGED_ZIP');
    expect(error?.en).toMatch(/sheet1\.xml is larger than declared/);
  });

  it('tells a password-protected workbook (OLE with EncryptionInfo) from an old .xls, and says what to do', () => {
    let encrypted: XlsxReadError | undefined;
    try {
      readXlsx(compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']));
    } catch (e) {
      if (e instanceof XlsxReadError) encrypted = e;
    }
    expect(encrypted?.code).toBe('ENCRYPTED');
    expect(encrypted?.vi).toMatch(/Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu/);
    expect(encrypted?.en).toMatch(/File › Info › Protect Workbook › Encrypt with Password/);
    expect(codeOf(compoundFile(['Workbook', '\u0005SummaryInformation']))).toBe('XLS');
    expect(codeOf(compoundFile(['WordDocument']))).toBe('NOT_WORKBOOK');
  });

  it('reads the encrypted workbooks of the corpus as ENCRYPTED', () => {
    const dir = path.join(__dirname, '../../fixtures/xlsx-corpus/poi');
    const protectedFiles = fs.readdirSync(dir).filter((f) => /protect|encrypt|password/i.test(f));
    const codes = protectedFiles.map((f) => [f, codeOf(new Uint8Array(fs.readFileSync(path.join(dir, f))))]);
    const ole = codes.filter(([f]) => {
      const head = fs.readFileSync(path.join(dir, f)).subarray(0, 4);
      return head[0] === 0xd0 && head[1] === 0xcf;
    });
    expect(ole.length).toBeGreaterThan(0);
    for (const [f, code] of ole) expect([f, code]).toEqual([f, 'ENCRYPTED']);
  });
});
