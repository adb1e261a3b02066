import { zipSync } from 'fflate';
import { DEFAULT_XLSX_LIMITS } from '../reader';
import { readZipDirectory, type ZipDirectory, type ZipEntry } from '../reader/zip';

/**
 * A new zip with some entries' contents replaced and every other entry copied byte for byte
 * (local header, compressed data, data descriptor and directory record as the producer wrote
 * them), so a patch never re-encodes a part it does not own. Replaced entries are deflated by
 * fflate: it zips each into a one-entry archive whose header, data and record are spliced in.
 */

const SIG_DESCRIPTOR = 0x08074b50;
const U32_MAX = 0xffffffff;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Bytes from an entry's local header to the end of its data (and data descriptor, when it has one). */
function localRecordLength(bytes: Uint8Array, e: ZipEntry): number {
  const dv = view(bytes);
  const header = 30 + dv.getUint16(e.localOffset + 26, true) + dv.getUint16(e.localOffset + 28, true);
  let end = e.localOffset + header + e.compressedSize;
  if ((e.flags & 0x8) !== 0) {
    // The descriptor's signature is optional; crc and sizes follow, 4 bytes each (8 for zip64 sizes).
    const signed = end + 4 <= bytes.length && dv.getUint32(end, true) === SIG_DESCRIPTOR;
    const zip64 = e.size >= U32_MAX || e.compressedSize >= U32_MAX;
    end += (signed ? 4 : 0) + (zip64 ? 20 : 12);
  }
  return end - e.localOffset;
}

interface Piece {
  local: Uint8Array;
  central: Uint8Array;
}

/** One entry as fflate writes it alone: its local record and its directory record. */
function encodedEntry(name: string, content: Uint8Array): Piece {
  const single = zipSync({ [name]: [content, { level: 6 }] });
  const [entry] = readZipDirectory(single, DEFAULT_XLSX_LIMITS).entries;
  return {
    local: single.subarray(0, entry.centralOffset),
    central: single.subarray(entry.centralOffset, entry.centralOffset + entry.centralLength),
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * `bytes` with the named entries' contents replaced (names as in the directory). Offsets are
 * 32-bit: a package big enough to need zip64 offsets is far past the reader's size limits.
 */
export function replaceZipEntries(bytes: Uint8Array, replacements: ReadonlyMap<string, Uint8Array>, directory: ZipDirectory = readZipDirectory(bytes, DEFAULT_XLSX_LIMITS)): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of directory.entries) {
    const replacement = replacements.get(e.name);
    const piece: Piece = replacement
      ? encodedEntry(e.name, replacement)
      : {
          local: bytes.subarray(e.localOffset, e.localOffset + localRecordLength(bytes, e)),
          // A copy: its local-header offset changes below.
          central: bytes.slice(e.centralOffset, e.centralOffset + e.centralLength),
        };
    const central = replacement ? piece.central.slice() : piece.central;
    view(central).setUint32(42, offset, true);
    locals.push(piece.local);
    centrals.push(central);
    offset += piece.local.length;
  }
  const directoryBytes = concat(centrals);
  const end = new Uint8Array(22);
  const dv = view(end);
  dv.setUint32(0, 0x06054b50, true);
  dv.setUint16(8, centrals.length, true);
  dv.setUint16(10, centrals.length, true);
  dv.setUint32(12, directoryBytes.length, true);
  dv.setUint32(16, offset, true);
  return concat([...locals, directoryBytes, end]);
}
