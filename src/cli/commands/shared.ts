import { promises as fs } from 'fs';
import * as path from 'path';
import type { Scalar } from '../../domain/values';
import { formatSerial } from '../../domain/values';
import { AgencyFileError } from '../../xlsx/agency-file';
import { XLSX_LIMITS } from '../../xlsx/errors';
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
  if (stat.size > XLSX_LIMITS.maxFileBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const sizes = `${mb(stat.size)} > ${mb(XLSX_LIMITS.maxFileBytes)}`;
    throw new UnreadableFile(MSG.fileTooBig(file, { vi: sizes, en: sizes }));
  }
  return { bytes: await fs.readFile(file), stat };
}

/**
 * The reader's limit messages read "Vietnamese. / English. (detail)"; split so each language
 * shows only its own half, with the technical detail on both.
 */
export function splitLimitMessage(message: string): Bilingual {
  const at = message.indexOf(' / ');
  if (at < 0) return { vi: message, en: message };
  const vi = message.slice(0, at);
  const en = message.slice(at + 3);
  const detail = en.match(/ \([^()]*\)$/)?.[0] ?? '';
  return { vi: vi + detail, en };
}

/** The CLI's message for a file that is not an agency workbook. */
export function agencyFileMessage(file: string, e: AgencyFileError): Bilingual {
  switch (e.problem) {
    case 'tooBig':
      return MSG.fileTooBig(file, splitLimitMessage(e.detail));
    case 'notXlsx':
      return MSG.fileNotXlsx(file, splitLimitMessage(e.detail));
    case 'missingMeta':
      return MSG.fileMissingMeta(file);
    case 'notAgency':
      return MSG.fileNotAgency(file, e.detail);
  }
}

/**
 * Writes through a temporary file in the same folder and renames it, so an interrupted write
 * never leaves a half-written workbook where a good one was (fill --in-place relies on this).
 */
export async function writeFileAtomic(file: string, bytes: Buffer): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, file);
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
