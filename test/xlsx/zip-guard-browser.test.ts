// The task pane reads .xlsx files in the browser, where webpack maps Node's zlib to an empty
// module: the guard must then inflate with pako and still stop a lying zip.
import { indexVersionForYear } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../../src/workbook/agency-template';
import { renderToBuffer } from '../../src/xlsx/render';
import type * as ZipGuard from '../../src/xlsx/zip-guard';

/** The guard as the browser bundle sees it: zlib is an empty module there. */
function browserGuard(): typeof ZipGuard {
  let guard: typeof ZipGuard | undefined;
  jest.isolateModules(() => {
    jest.doMock('zlib', () => ({}));
    guard = jest.requireActual<typeof ZipGuard>('../../src/xlsx/zip-guard');
  });
  return guard!;
}

async function template(): Promise<Buffer> {
  const spec = buildAgencyWorkbookSpec({ plan: QUANG_TRI_2023, index: indexVersionForYear(2025), year: 2025, unitId: 'BQT', lang: 'vi', generatedAt: '2025-11-01T00:00:00Z', generator: 'test' }, 46000);
  return renderToBuffer(spec);
}

/** Offset of a part's central-directory entry (signature PK\x01\x02). */
function centralEntry(buf: Buffer, name: string): number {
  for (let p = buf.length - 22; p >= 0; p--) {
    if (buf.readUInt32LE(p) !== 0x02014b50) continue;
    const len = buf.readUInt16LE(p + 28);
    if (buf.toString('utf8', p + 46, p + 46 + len) === name) return p;
  }
  throw new Error(`no entry ${name}`);
}

describe('zip guard without zlib (browser)', () => {
  it('inflates every part with pako and counts the cells', async () => {
    const ok = browserGuard().inspectXlsx(await template());
    expect(ok.cells).toBeGreaterThan(300);
    expect(ok.tables.get('tblChiTieu')).toBeDefined();
  });

  it('stops a part that expands beyond the size it declares', async () => {
    const lying = await template();
    lying.writeUInt32LE(10, centralEntry(lying, 'xl/styles.xml') + 24);
    let caught: unknown;
    try {
      browserGuard().inspectXlsx(lying);
    } catch (e) {
      caught = e;
    }
    expect((caught as { code?: string }).code).toBe('ZIP_TOO_LARGE');
  });
});
