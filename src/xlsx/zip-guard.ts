import { Inflate } from 'pako';
import * as zlib from 'zlib';
import { XLSX_LIMITS, XlsxLimitError } from './errors';

/**
 * Checks an .xlsx package before any library unpacks it: file size, the size it expands to and
 * the number of cells. It reads the zip's central directory itself and inflates each part with
 * a cap equal to its declared size, so a part that lies about its size is caught too.
 */

export interface TablePartInfo {
  name: string;
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  /** A tableColumn has child elements (calculatedColumnFormula, …), which ExcelJS cannot parse. */
  columnChildren: boolean;
}

export interface XlsxInspection {
  expandedBytes: number;
  cells: number;
  /** Table parts by table name (case as written), read from xl/tables/*.xml. */
  tables: Map<string, TablePartInfo>;
}

interface Limits {
  maxFileBytes: number;
  maxExpandedBytes: number;
  maxCells: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U32 = 0xffffffff;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const notXlsx = (detail: string) => new XlsxLimitError('NOT_XLSX', 0, 0, detail);

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

function centralDirectory(buf: Buffer): Entry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx('no zip directory');
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || cdOffset === U32) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === SIG_EOCD64_LOCATOR) {
    const at = u64(buf, eocd - 20 + 8);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== SIG_EOCD64) throw notXlsx('bad zip64 directory');
    count = u64(buf, at + 32);
    cdOffset = u64(buf, at + 48);
  }
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw notXlsx('bad zip entry');
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const e: Entry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    // Zip64 extra field: the 8-byte values appear in this order, only for fields saturated above.
    const extraEnd = p + 46 + nameLen + extraLen;
    for (let x = p + 46 + nameLen; x + 4 <= extraEnd; ) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let y = x + 4;
        if (e.size === U32) {
          e.size = u64(buf, y);
          y += 8;
        }
        if (e.compressedSize === U32) {
          e.compressedSize = u64(buf, y);
          y += 8;
        }
        if (e.localOffset === U32) e.localOffset = u64(buf, y);
      }
      x += 4 + len;
    }
    entries.push(e);
    p = extraEnd + commentLen;
  }
  return entries;
}

function inflate(buf: Buffer, e: Entry, budget: number): Buffer {
  const p = e.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== SIG_LOCAL) throw notXlsx(`bad local header of ${e.name}`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data;
  if (e.method !== 8) throw notXlsx(`unsupported compression in ${e.name}`);
  // One byte over the declared size is enough to prove the declaration false.
  const limit = Math.max(1, Math.min(e.size, budget) + 1);
  // In the browser (the task pane's merge) there is no zlib: webpack maps it to an empty module.
  if (typeof zlib.inflateRawSync !== 'function') return inflateInBrowser(data, limit, e.name);
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: limit });
  } catch (err) {
    // By code, not instanceof: errors from Node's internals may come from another realm (jest, vm).
    const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new XlsxLimitError('ZIP_TOO_LARGE', -1, XLSX_LIMITS.maxExpandedBytes, e.name);
    throw notXlsx(`corrupt part ${e.name}`);
  }
}

/** pako, streamed so a zip bomb is stopped at the limit instead of filling memory. */
function inflateInBrowser(data: Buffer, limit: number, name: string): Buffer {
  const inflater = new Inflate({ raw: true, chunkSize: 64 * 1024 });
  const chunks: Uint8Array[] = [];
  let total = 0;
  const tooLarge = new XlsxLimitError('ZIP_TOO_LARGE', -1, XLSX_LIMITS.maxExpandedBytes, name);
  inflater.onData = (chunk) => {
    total += chunk.length;
    if (total > limit) throw tooLarge;
    chunks.push(chunk);
  };
  try {
    inflater.push(data, true);
  } catch (err) {
    if (err === tooLarge) throw err;
    throw notXlsx(`corrupt part ${name}`);
  }
  if (inflater.err) throw notXlsx(`corrupt part ${name}`);
  return Buffer.concat(chunks);
}

const CELL_TAG = /<(?:[\w.-]+:)?c[\s>/]/g;

function tableInfo(xml: string): TablePartInfo | undefined {
  const tag = xml.match(/<(?:[\w.-]+:)?table\b[^>]*>/)?.[0];
  if (!tag) return undefined;
  const attr = (n: string) => tag.match(new RegExp(`\\s${n}\\s*=\\s*"([^"]*)"`))?.[1];
  const name = attr('name') ?? attr('displayName');
  const ref = attr('ref');
  if (!name || !ref) return undefined;
  return {
    name,
    ref,
    headerRowCount: Number(attr('headerRowCount') ?? '1'),
    totalsRowCount: Number(attr('totalsRowCount') ?? '0'),
    columnChildren: /<(?:[\w.-]+:)?tableColumn\b[^>]*[^/]>/.test(xml),
  };
}

/** Throws XlsxLimitError when the package breaks a limit or is no zip at all. */
export function inspectXlsx(buf: Buffer, limits: Limits = XLSX_LIMITS): XlsxInspection {
  if (buf.length > limits.maxFileBytes) throw new XlsxLimitError('FILE_TOO_LARGE', buf.length, limits.maxFileBytes);
  if (buf.length < 22) throw notXlsx('too short');
  const entries = centralDirectory(buf);
  const declared = entries.reduce((s, e) => s + e.size, 0);
  if (declared > limits.maxExpandedBytes) throw new XlsxLimitError('ZIP_TOO_LARGE', declared, limits.maxExpandedBytes);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw notXlsx('xl/workbook.xml missing');

  let expandedBytes = 0;
  let cells = 0;
  const tables = new Map<string, TablePartInfo>();
  for (const e of entries) {
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    const isTable = /^xl\/tables\/[^/]+\.xml$/i.test(e.name);
    // Every part is inflated, if only to prove its declared size honest.
    const data = inflate(buf, e, limits.maxExpandedBytes - expandedBytes);
    expandedBytes += data.length;
    if (isSheet) {
      cells += data.toString('latin1').match(CELL_TAG)?.length ?? 0;
      if (cells > limits.maxCells) throw new XlsxLimitError('TOO_MANY_CELLS', cells, limits.maxCells);
    } else if (isTable) {
      const info = tableInfo(data.toString('utf8'));
      if (info) tables.set(info.name, info);
    }
    if (expandedBytes > limits.maxExpandedBytes) throw new XlsxLimitError('ZIP_TOO_LARGE', expandedBytes, limits.maxExpandedBytes);
  }
  return { expandedBytes, cells, tables };
}
