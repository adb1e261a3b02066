import { Inflate, inflateSync, strFromU8 } from 'fflate';
import { damaged, tooLarge, type XlsxLimits } from './errors';

/**
 * The zip container of an .xlsx: its central directory, and a streaming, capped inflate of one
 * entry. fflate does the inflating; this module only reads the directory (which fflate does not
 * expose) and keeps every byte count honest: a part is inflated in small steps, stops at the
 * size its directory entry declares or at the package's expanded-bytes budget, whichever comes
 * first, so a part that lies about its size or was cut short is caught. CRCs are not checked:
 * LibreOffice opens parts whose CRC is wrong, and damage that matters shows as bad deflate data,
 * a wrong size or malformed XML.
 */

export interface ZipEntry {
  /** Name as stored (forward slashes). */
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  /** General-purpose flags (bit 0: encrypted, bit 3: sizes in a data descriptor, bit 11: UTF-8 name). */
  flags: number;
  crc32: number;
  compressedSize: number;
  /** Declared size once inflated. */
  size: number;
  /** Offset of the entry's local header. */
  localOffset: number;
  /** Offset and length of the entry's central directory record (the patcher copies it). */
  centralOffset: number;
  centralLength: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** An entry by part name, compared case-insensitively as Excel does ("/xl/Workbook.xml" finds "xl/workbook.xml"). */
  find(name: string): ZipEntry | undefined;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** The key a part name is looked up by: no leading slash, forward slashes, lower case. */
export const partKey = (name: string): string => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();

/** True when the bytes start like a zip (a local file header). */
export const looksLikeZip = (bytes: Uint8Array): boolean => bytes.length >= 4 && view(bytes).getUint32(0, true) === SIG_LOCAL;

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const brokenDirectory = (vi: string, en = vi) => damaged([`mục lục tệp nén hỏng: ${vi}`, `broken zip directory: ${en}`]);

function u64(dv: DataView, at: number): number {
  const v = dv.getBigUint64(at, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

function findEndOfDirectory(dv: DataView): number {
  const last = dv.byteLength - 22;
  for (let i = last; i >= Math.max(0, last - U16_MAX); i--) if (dv.getUint32(i, true) === SIG_EOCD) return i;
  return -1;
}

/** The central directory of a zip; throws DAMAGED_ZIP when it cannot be read, TOO_LARGE past maxParts. */
export function readZipDirectory(bytes: Uint8Array, limits: XlsxLimits): ZipDirectory {
  const dv = view(bytes);
  const eocd = bytes.length >= 22 ? findEndOfDirectory(dv) : -1;
  if (eocd < 0) throw brokenDirectory('không tìm thấy, tệp có thể bị cắt cụt', 'not found, the file may be truncated');
  let count = dv.getUint16(eocd + 10, true);
  let offset = dv.getUint32(eocd + 16, true);
  if ((count === U16_MAX || offset === U32_MAX) && eocd >= 20 && dv.getUint32(eocd - 20, true) === SIG_EOCD64_LOCATOR) {
    const at = u64(dv, eocd - 20 + 8);
    if (at + 56 > bytes.length || dv.getUint32(at, true) !== SIG_EOCD64) throw brokenDirectory('zip64');
    count = u64(dv, at + 32);
    offset = u64(dv, at + 48);
  }
  if (count > limits.maxParts) throw tooLarge('maxParts', limits, count);
  const entries: ZipEntry[] = [];
  const byKey = new Map<string, ZipEntry>();
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || dv.getUint32(p, true) !== SIG_CENTRAL) throw brokenDirectory(`mục ${i + 1}`, `entry ${i + 1}`);
    const flags = dv.getUint16(p + 8, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extraLength = dv.getUint16(p + 30, true);
    const commentLength = dv.getUint16(p + 32, true);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) throw brokenDirectory(`mục ${i + 1}`, `entry ${i + 1}`);
    const entry: ZipEntry = {
      name: strFromU8(bytes.subarray(p + 46, nameEnd), (flags & 0x800) === 0).replace(/\\/g, '/'),
      method: dv.getUint16(p + 10, true),
      flags,
      crc32: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
      centralOffset: p,
      centralLength: 46 + nameLength + extraLength + commentLength,
    };
    readZip64Extra(dv, nameEnd, nameEnd + extraLength, entry);
    entries.push(entry);
    const key = partKey(entry.name);
    if (!byKey.has(key)) byKey.set(key, entry);
    p = nameEnd + extraLength + commentLength;
  }
  return { entries, find: (name) => byKey.get(partKey(name)) };
}

/** Zip64 extra field: 8-byte values, in this order, for exactly the fields saturated in the entry. */
function readZip64Extra(dv: DataView, from: number, to: number, entry: ZipEntry): void {
  for (let x = from; x + 4 <= to; ) {
    const id = dv.getUint16(x, true);
    const length = dv.getUint16(x + 2, true);
    if (id === 0x0001) {
      let y = x + 4;
      const end = Math.min(to, y + length);
      const next = () => {
        const v = y + 8 <= end ? u64(dv, y) : U32_MAX;
        y += 8;
        return v;
      };
      if (entry.size === U32_MAX) entry.size = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localOffset === U32_MAX) entry.localOffset = next();
    }
    x += 4 + length;
  }
}

/** Bytes inflated so far from one package, against its limit; shared by every part read. */
export class ExpandedBytes {
  used = 0;
  constructor(readonly limits: XlsxLimits) {}

  get remaining(): number {
    return this.limits.maxExpandedBytes - this.used;
  }

  take(n: number): void {
    this.used += n;
    if (this.used > this.limits.maxExpandedBytes) throw tooLarge('maxExpandedBytes', this.limits);
  }
}

/** Compressed bytes fed to the inflater at once: at most ~1,000 times this comes out per step. */
const STEP = 16 * 1024;

/** Parts with at most this much compressed data inflate in one call (at most ~64 MB of work even when they lie). */
const WHOLE_INFLATE_MAX = 64 * 1024;

/** Where an entry's data starts, from its local header. */
function dataOffset(bytes: Uint8Array, entry: ZipEntry): number {
  const dv = view(bytes);
  const p = entry.localOffset;
  if (p + 30 > bytes.length || dv.getUint32(p, true) !== SIG_LOCAL) throw damaged([`phần ${entry.name} không tìm thấy`, `part ${entry.name} not found`]);
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  if (start + entry.compressedSize > bytes.length) throw damaged([`phần ${entry.name} bị cắt cụt`, `part ${entry.name} is truncated`]);
  return start;
}

/**
 * Inflates one entry step by step, handing each piece of output to `onChunk` as it comes, so a
 * caller that parses as it goes never holds the whole part. Stops with DAMAGED_ZIP when the
 * part grows past its declared size or ends short of it, and with TOO_LARGE when
 * the package's expanded-bytes budget runs out.
 */
export function streamEntry(bytes: Uint8Array, entry: ZipEntry, budget: ExpandedBytes, onChunk: (chunk: Uint8Array) => void): void {
  const lied = () => damaged([`phần ${entry.name} lớn hơn kích thước khai báo`, `part ${entry.name} is larger than declared`]);
  if ((entry.flags & 1) !== 0) throw damaged([`phần ${entry.name} bị mã hóa kiểu zip`, `part ${entry.name} is zip-encrypted`]);
  if (entry.size > budget.remaining) throw tooLarge('maxExpandedBytes', budget.limits, budget.used + entry.size);
  const start = dataOffset(bytes, entry);
  const data = bytes.subarray(start, start + entry.compressedSize);
  let total = 0;
  const take = (chunk: Uint8Array) => {
    if (chunk.length === 0) return;
    total += chunk.length;
    if (total > entry.size) throw lied();
    budget.take(chunk.length);
    onChunk(chunk);
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += STEP * 4) take(data.subarray(at, at + STEP * 4));
  } else if (entry.method === 8 && data.length <= WHOLE_INFLATE_MAX) {
    // A small part inflates in one call into a buffer of its declared size plus one byte: fflate's
    // stream would grow and copy its buffers step by step. A part that lies about its size comes
    // out one byte too long (or overflows a stored block), and its small input bounds the work.
    let out: Uint8Array;
    try {
      out = inflateSync(data, { out: new Uint8Array(entry.size + 1) });
    } catch (e) {
      if (e instanceof RangeError) throw lied();
      if (e instanceof Error && 'code' in e && typeof e.code === 'number') throw damaged([`phần ${entry.name} giải nén lỗi`, `part ${entry.name} does not inflate`]);
      throw e;
    }
    take(out);
  } else if (entry.method === 8) {
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      for (let at = 0; at < data.length; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length);
      if (data.length === 0) inflater.push(data, true);
    } catch (e) {
      // fflate's own errors mean corrupt deflate data; ours (limits, callers' parse errors) pass through.
      if (e instanceof Error && 'code' in e && typeof e.code === 'number') throw damaged([`phần ${entry.name} giải nén lỗi`, `part ${entry.name} does not inflate`]);
      throw e;
    }
  } else {
    throw damaged([`phần ${entry.name} dùng kiểu nén ${entry.method} không hỗ trợ`, `part ${entry.name} uses unsupported compression ${entry.method}`]);
  }
  if (total !== entry.size) throw damaged([`phần ${entry.name} ngắn hơn kích thước khai báo`, `part ${entry.name} is shorter than declared`]);
}

/** One entry inflated whole (for small parts: relationships, the patcher's sheet parts). */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: ExpandedBytes): Uint8Array {
  const out = new Uint8Array(entry.size);
  let at = 0;
  streamEntry(bytes, entry, budget, (chunk) => {
    out.set(chunk, at);
    at += chunk.length;
  });
  return out;
}
