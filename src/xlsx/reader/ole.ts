import { encrypted, notWorkbook, oldXls, type XlsxReadError } from './errors';

/**
 * OLE compound files (the container of .xls, and of .xlsx files Excel saved with a password)
 * are told apart by the names of their streams: a password-protected .xlsx holds
 * "EncryptionInfo" and "EncryptedPackage", an old .xls a "Workbook" (or "Book") stream. Only
 * the directory is read, following the sector chains with every step bounded.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const HEADER_DIFAT = 109;

export const isCompoundFile = (bytes: Uint8Array): boolean => bytes.length >= 512 && SIGNATURE.every((b, i) => bytes[i] === b);

/** Names of the entries in a compound file's directory; empty when the directory cannot be followed. */
export function compoundFileNames(bytes: Uint8Array): string[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = dv.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift;
  const sectors = Math.floor((bytes.length - 512) / size);
  const offset = (sector: number) => 512 + sector * size;
  const valid = (sector: number) => sector < sectors;

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT; i++) fatSectors.push(dv.getUint32(0x4c + i * 4, true));
  let difat = dv.getUint32(0x44, true);
  const difatCount = dv.getUint32(0x48, true);
  for (let hops = 0; valid(difat) && hops < difatCount; hops++) {
    for (let i = 0; i < size / 4 - 1; i++) fatSectors.push(dv.getUint32(offset(difat) + i * 4, true));
    difat = dv.getUint32(offset(difat) + size - 4, true);
  }
  const fatCount = Math.min(dv.getUint32(0x2c, true), fatSectors.length);
  const next = (sector: number): number => {
    const perSector = size / 4;
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (Math.floor(sector / perSector) >= fatCount || !valid(fatSector)) return END_OF_CHAIN;
    return dv.getUint32(offset(fatSector) + (sector % perSector) * 4, true);
  };

  const names: string[] = [];
  const seen = new Set<number>();
  for (let sector = dv.getUint32(0x30, true); valid(sector) && !seen.has(sector); sector = next(sector)) {
    seen.add(sector);
    for (let at = offset(sector); at + 128 <= offset(sector) + size; at += 128) {
      const length = Math.min(dv.getUint16(at + 0x40, true), 64);
      if (bytes[at + 0x42] === 0 || length < 2) continue;
      let name = '';
      for (let i = 0; i + 2 < length; i += 2) name += String.fromCharCode(dv.getUint16(at + i, true));
      names.push(name);
    }
  }
  return names;
}

/** Why a compound file is not readable as .xlsx: encrypted .xlsx, old .xls, or something else. */
export function compoundFileError(bytes: Uint8Array): XlsxReadError {
  const names = new Set(compoundFileNames(bytes).map((n) => n.toLowerCase()));
  if (names.has('encryptioninfo') || names.has('encryptedpackage')) return encrypted();
  if (names.has('workbook') || names.has('book')) return oldXls();
  if (names.has('worddocument')) return notWorkbook(['đây là tài liệu Word cũ (.doc)', 'it is an old Word document (.doc)']);
  return notWorkbook(['tệp OLE không chứa bảng tính', 'an OLE compound file without a workbook']);
}
