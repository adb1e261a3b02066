import { strToU8, zipSync } from 'fflate';
import { DEFAULT_XLSX_LIMITS, XlsxReadError } from '../../../src/xlsx/reader/errors';
import { relationshipsPart, resolveTarget, XlsxPackage } from '../../../src/xlsx/reader/parts';
import { ExpandedBytes, inflateEntry, readZipDirectory, streamEntry } from '../../../src/xlsx/reader/zip';

const limits = DEFAULT_XLSX_LIMITS;

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof XlsxReadError) return e.code;
    throw e;
  }
  return undefined;
}

/** Overwrites the declared (uncompressed) size of every entry, in local headers and the directory. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const dv = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = dv.getUint32(i, true);
    if (sig === 0x04034b50) dv.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) dv.setUint32(i + 24, size, true);
  }
  return out;
}

describe('zip directory and capped inflate', () => {
  const zip = zipSync({ 'xl/Workbook.xml': strToU8('<workbook/>'), 'a/b.txt': strToU8('x'.repeat(10_000)) });

  it('lists entries with their sizes and finds names case-insensitively, with or without a leading slash', () => {
    const dir = readZipDirectory(zip, limits);
    expect(dir.entries.map((e) => [e.name, e.size, e.method])).toEqual([
      ['xl/Workbook.xml', 11, 8],
      ['a/b.txt', 10_000, 8],
    ]);
    expect(dir.find('/XL/workbook.xml')?.name).toBe('xl/Workbook.xml');
    expect(dir.find('xl\\workbook.xml')?.name).toBe('xl/Workbook.xml');
    expect(dir.find('xl/missing.xml')).toBeUndefined();
  });

  it('inflates an entry whole or in pieces, counting the bytes against the package budget', () => {
    const dir = readZipDirectory(zip, limits);
    const budget = new ExpandedBytes(limits);
    expect(new TextDecoder().decode(inflateEntry(zip, dir.entries[1], budget))).toBe('x'.repeat(10_000));
    expect(budget.used).toBe(10_000);
    const tight = new ExpandedBytes({ ...limits, maxExpandedBytes: 5_000 });
    expect(codeOf(() => streamEntry(zip, dir.entries[1], tight, () => undefined))).toBe('TOO_LARGE');
  });

  it('catches a part that inflates past its declared size, and stops there', () => {
    // 2 MB of zeros declared as 100 bytes: inflating stops at the first step past 100.
    const honest = zipSync({ 'bomb.xml': new Uint8Array(2 * 1024 * 1024) });
    const liar = declareSize(honest, 100);
    const dir = readZipDirectory(liar, limits);
    let seen = 0;
    const err = (() => {
      try {
        streamEntry(liar, dir.entries[0], new ExpandedBytes(limits), (c) => (seen += c.length));
      } catch (e) {
        return e as XlsxReadError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('DAMAGED_ZIP');
    expect(err?.en).toMatch(/larger than declared/);
    expect(seen).toBeLessThanOrEqual(100);
  });

  it('catches a part whose bytes fail their CRC', () => {
    const stored = zipSync({ 'a.txt': [strToU8('hello world'), { level: 0 }] });
    const at = stored.indexOf('h'.charCodeAt(0));
    const bad = stored.slice();
    bad[at] = 'j'.charCodeAt(0);
    const dir = readZipDirectory(bad, limits);
    expect(codeOf(() => inflateEntry(bad, dir.entries[0], new ExpandedBytes(limits)))).toBe('DAMAGED_ZIP');
  });

  it('refuses a truncated zip and too many parts', () => {
    expect(codeOf(() => readZipDirectory(zip.subarray(0, zip.length - 30), limits))).toBe('DAMAGED_ZIP');
    expect(codeOf(() => readZipDirectory(zip, { ...limits, maxParts: 1 }))).toBe('TOO_LARGE');
  });
});

describe('relationships', () => {
  it('resolves relative, parent and absolute targets', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/worksheets/sheet1.xml', '../tables/table1.xml')).toBe('xl/tables/table1.xml');
    expect(resolveTarget('xl/worksheets/sheet1.xml', '/xl/tables/table1.xml')).toBe('xl/tables/table1.xml');
    expect(resolveTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolveTarget('xl/workbook.xml', './worksheets/my%20sheet.xml')).toBe('xl/worksheets/my sheet.xml');
    expect(relationshipsPart('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relationshipsPart('')).toBe('_rels/.rels');
  });

  it('reads a part’s relationships whatever the prefix, and marks external targets', () => {
    const relsXml = `<?xml version="1.0"?><p:Relationships xmlns:p="http://schemas.openxmlformats.org/package/2006/relationships">
      <p:Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="/xl/tables/table1.xml"/>
      <p:Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org" TargetMode="External"/>
    </p:Relationships>`;
    const pkg = new XlsxPackage(zipSync({ 'xl/worksheets/_rels/sheet1.xml.rels': strToU8(relsXml) }));
    expect(pkg.relationships('xl/worksheets/sheet1.xml')).toEqual([
      { id: 'rId1', type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table', target: '/xl/tables/table1.xml', part: 'xl/tables/table1.xml' },
      { id: 'rId2', type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink', target: 'https://example.org' },
    ]);
    expect(pkg.relationships('xl/worksheets/sheet2.xml')).toEqual([]);
  });
});
