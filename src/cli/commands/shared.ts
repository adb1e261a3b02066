import { constants as fsConstants, promises as fs } from 'fs';
import * as path from 'path';
import type { Scalar } from '../../domain/values';
import { formatSerial } from '../../domain/values';
import { describeWorkbook, type WorkbookKind } from '../../app/agency';
import type { ReadAgencyTables } from '../../workbook/read';
import { readWorkbookBytes, type FileContent } from '../../xlsx/read-file';
import { DEFAULT_XLSX_LIMITS, XlsxReadError } from '../../xlsx/reader';
import { UsageError } from '../args';
import type { CliIO } from '../command';
import { MSG, say, type Bilingual } from '../messages';

/** Helpers shared by check, fill, merge and samples. */

export type OutputLang = 'vi' | 'en';

export function parseLang(value: string | true | undefined): OutputLang {
  if (value === undefined) return 'vi';
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (v !== 'vi' && v !== 'en') throw new UsageError(MSG.badLang(String(value)));
  return v;
}

export const str = (options: Record<string, string | true>, k: string): string | undefined => (typeof options[k] === 'string' ? (options[k] as string) : undefined);

/** A file that cannot be read as what the command needs: reported with exit code 2. */
export class UnreadableFile extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'UnreadableFile';
  }
}

/**
 * The file's bytes, refusing before reading when it is larger than the reader accepts, so a
 * mistaken multi-gigabyte file is never loaded into memory.
 */
export async function readBoundedFile(file: string): Promise<{ bytes: Buffer; stat: import('fs').Stats }> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new UnreadableFile(MSG.fileMissing(file));
  if (!stat.isFile()) throw new UnreadableFile(MSG.notAFile(file));
  if (stat.size > DEFAULT_XLSX_LIMITS.maxFileBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const sizes = `${mb(stat.size)} > ${mb(DEFAULT_XLSX_LIMITS.maxFileBytes)}`;
    throw new UnreadableFile(MSG.fileTooBig(file, { vi: sizes, en: sizes }));
  }
  return { bytes: await fs.readFile(file), stat };
}

/** The CLI's message for a file the reader refused: its own reason, in each language. */
export function readerMessage(file: string, e: XlsxReadError): Bilingual {
  const reason = { vi: e.vi, en: e.en };
  return e.code === 'TOO_LARGE' ? MSG.fileTooBig(file, reason) : MSG.fileNotXlsx(file, reason);
}

/** The CLI's message for a readable workbook that is not an agency report. */
export function notAgencyMessage(file: string, kind: Exclude<WorkbookKind, { kind: 'agency' }>): Bilingual {
  if (kind.kind === 'province') return MSG.fileIsProvince(file);
  return kind.schema === '' ? MSG.fileMissingMeta(file, kind.missingTables) : MSG.fileNotAgency(file, kind.schema);
}

export interface OpenedAgencyFile {
  bytes: Buffer;
  content: FileContent;
  read: ReadAgencyTables;
}

/** Reads an agency report workbook, or throws UnreadableFile saying why it is not one (exit code 2). */
export async function openAgencyFile(file: string): Promise<OpenedAgencyFile> {
  const { bytes } = await readBoundedFile(file);
  let content: FileContent;
  try {
    content = readWorkbookBytes(bytes);
  } catch (e) {
    if (e instanceof XlsxReadError) throw new UnreadableFile(readerMessage(file, e));
    throw e;
  }
  const kind = describeWorkbook(content);
  if (kind.kind !== 'agency') throw new UnreadableFile(notAgencyMessage(file, kind));
  return { bytes, content, read: kind.read };
}

/** A target the CLI will not replace, with the reason for the user. */
export class TargetRefused extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
    this.name = 'TargetRefused';
  }
}

/**
 * Writes through a temporary file in the target's folder, flushed, then renamed over it, so an
 * interrupted write never leaves a half-written workbook where a good one was (fill --in-place
 * relies on this). A symlink is followed (the file it points to is replaced, the link stays); a
 * read-only target is refused, and so is a file with other hard links, which a rename would
 * split from its twins; the new file keeps the old one's permissions.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const target = await fs.realpath(file).catch(() => file);
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing) {
    // The mode bits, not only access(): an administrator may write anything, yet a read-only mark is the user's wish.
    const writable = (existing.mode & 0o222) !== 0 && (await fs.access(target, fsConstants.W_OK).then(() => true, () => false));
    if (!writable) throw new TargetRefused(MSG.targetReadOnly(file));
    if (existing.nlink > 1) throw new TargetRefused(MSG.targetHardLinked(file, existing.nlink));
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await fs.open(tmp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (existing) await fs.chmod(tmp, existing.mode & 0o7777);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

export const sayLang = (m: Bilingual, lang: OutputLang | undefined, io: CliIO) => say(m, lang ?? io.lang);

/** A value as the user would read it: decimal comma in Vietnamese, dates dd/mm/yyyy when asked. */
export function showScalar(v: Scalar | undefined, lang: OutputLang, asDate = false): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'number') {
    if (asDate && Number.isInteger(v) && v > 0) return formatSerial(v);
    const s = String(Number(v.toPrecision(12)));
    return lang === 'vi' ? s.replace('.', ',') : s;
  }
  return String(v);
}

export const percentText = (x: number | null, lang: OutputLang) => (x === null ? '—' : `${(x * 100).toFixed(1).replace('.', lang === 'vi' ? ',' : '.')}%`);
