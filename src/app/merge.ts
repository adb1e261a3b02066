import { AGENCY_SCHEMA, type AgencyTableName } from '../domain/agency-schema';
import { infoValue, type AgencyTables } from '../domain/calculate';
import { checkAgencyWorkbook } from '../domain/check';
import { consolidate, sha256Bytes, type Consolidation, type PreviousProvince, type Submission } from '../domain/consolidate';
import { localDateSerial, textEquals } from '../domain/values';
import { checkInputFrom } from '../workbook/check-workbook';
import type { NamedCell } from '../workbook/fill';
import type { Lang } from '../workbook/labels';
import { readPreviousProvince, unreadableSubmission, type SourceFile } from '../workbook/province-spec';
import { toAgencyTables, type TableSnapshot } from '../workbook/read';
import type { OfficialData, WorkbookContent, WorkbookReader } from './types';

/**
 * Tổng hợp, up to the consolidation: read each agency file in turn (a bad file is reported and
 * the others still merge), pick the reporting year, consolidate. The CLI and the add-in both call
 * this and only differ in where the bytes come from and where the province workbook is drawn.
 */

/** One file to merge. Loaded only when its turn comes, so one workbook is in memory at a time. */
export interface MergeSource {
  name: string;
  /** The file's bytes and ISO 8601 modification time (the last tie-break between two files of one unit); throws SourceUnavailable when they cannot be had. */
  load: () => Promise<{ bytes: Uint8Array; modifiedAt?: string }>;
}

/** A source whose bytes could not be loaded: it is listed (with what is known of it) and excluded. */
export class SourceUnavailable extends Error {
  constructor(
    message: string,
    readonly sha256: string,
    readonly sizeBytes: number,
  ) {
    super(message);
    this.name = 'SourceUnavailable';
  }
}

export interface MergeRequest {
  /** Reporting year; undefined = the year most agency files declare. */
  year?: number;
  previous?: PreviousProvince;
  lang?: Lang;
}

export interface MergeDeps {
  reader: WorkbookReader;
  data: OfficialData;
  now: Date;
  generator: string;
  onProgress?: (fraction: number, message: string) => void;
  /** SHA-256 (hex) of a file's bytes; the pure one by default, the platform's where a front end has it. */
  sha256?: (bytes: Uint8Array) => string;
}

export interface PreparedMerge {
  consolidation: Consolidation;
  /** Files that could not be read: listed in the sources, the others still merged. */
  unreadable: Array<{ name: string; message: string }>;
}

const MESSAGES = {
  vi: {
    reading: (name: string, i: number, n: number) => `Đang đọc tệp ${i}/${n}: ${name}…`,
    consolidating: 'Đang tổng hợp số liệu…',
    unreadable: (message: string) => `Không đọc được tệp: ${message}`,
  },
  en: {
    reading: (name: string, i: number, n: number) => `Reading file ${i}/${n}: ${name}…`,
    consolidating: 'Consolidating…',
    unreadable: (message: string) => `The file cannot be read: ${message}`,
  },
} as const;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The lists behind the dropdowns: checked above, rebuilt from the plan by consolidation, never read again. */
const LIST_TABLES: readonly AgencyTableName[] = ['tblDonVi', 'tblCoKhong', 'tblTrangThai', 'tblCot'];
const withoutLists = (tables: AgencyTables): AgencyTables => Object.fromEntries(Object.entries(tables).filter(([name]) => !LIST_TABLES.includes(name as AgencyTableName)));

/** A Submission from a workbook's tables, with the check engine's findings located in cells. */
export function submissionFromContent(file: SourceFile, content: WorkbookContent, data: OfficialData): Submission {
  const read = toAgencyTables(content.tables);
  const findings = checkAgencyWorkbook(checkInputFrom(read, content.namedCells), data);
  const stored = (n: string) => {
    const cell: NamedCell | undefined = content.namedCells[n];
    return cell ? { value: cell.value, formula: cell.formula } : undefined;
  };
  const total = stored('TongDiem');
  const level = stored('MucDo');
  return {
    ...file,
    // Only what consolidation uses is kept: a merge holds every submission until the end, and the
    // raw table snapshots would make its memory grow with each file.
    read: { ok: true, data: { tables: withoutLists(read.tables), formulas: read.formulas, missingTables: read.missingTables, missingColumns: read.missingColumns }, findings, named: { ...(total ? { TongDiem: total } : {}), ...(level ? { MucDo: level } : {}) } },
  };
}

/** The year an agency file reports: its meta year, else the Thông tin year. Other workbooks (a province workbook in the folder) do not vote. */
function submissionYear(s: Submission): number | undefined {
  if (!s.read.ok) return undefined;
  const t = s.read.data.tables;
  if (!textEquals(t.tblMeta?.find((r) => r.key === 'schema')?.value ?? null, AGENCY_SCHEMA)) return undefined;
  const meta = t.tblMeta?.find((r) => r.key === 'year')?.value ?? null;
  const y = typeof meta === 'number' ? meta : infoValue(t, 'year');
  return typeof y === 'number' && Number.isInteger(y) ? y : undefined;
}

/** The year most agency files report; ties go to the later year. */
export function commonYear(subs: Submission[]): number | undefined {
  const votes = new Map<number, number>();
  for (const s of subs) {
    const y = submissionYear(s);
    if (y !== undefined) votes.set(y, (votes.get(y) ?? 0) + 1);
  }
  return [...votes].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
}

/** Reads one source into a Submission; never throws for a bad file. */
async function readSource(source: MergeSource, deps: MergeDeps, lang: Lang): Promise<{ submission: Submission; unreadable?: string }> {
  let loaded: Awaited<ReturnType<MergeSource['load']>>;
  try {
    loaded = await source.load();
  } catch (e) {
    const known = e instanceof SourceUnavailable ? e : new SourceUnavailable(errorText(e), '', 0);
    return { submission: unreadableSubmission({ fileName: source.name, sha256: known.sha256, sizeBytes: known.sizeBytes }, known.message), unreadable: known.message };
  }
  const { bytes, modifiedAt } = loaded;
  const file: SourceFile = { fileName: source.name, sha256: (deps.sha256 ?? sha256Bytes)(bytes), sizeBytes: bytes.byteLength, modifiedAt };
  try {
    return { submission: submissionFromContent(file, await deps.reader(bytes), deps.data) };
  } catch (e) {
    return { submission: unreadableSubmission(file, errorText(e)), unreadable: MESSAGES[lang].unreadable(errorText(e)) };
  }
}

export async function prepareMerge(sources: MergeSource[], request: MergeRequest, deps: MergeDeps): Promise<PreparedMerge> {
  const lang = request.lang ?? 'vi';
  const msg = MESSAGES[lang];
  const progress = deps.onProgress ?? (() => undefined);
  const unreadable: PreparedMerge['unreadable'] = [];
  const submissions: Submission[] = [];
  for (const [i, source] of sources.entries()) {
    progress(i / Math.max(1, sources.length), msg.reading(source.name, i + 1, sources.length));
    // Sequential on purpose: one workbook's bytes and parts in memory at a time.
    const { submission, unreadable: why } = await readSource(source, deps, lang);
    submissions.push(submission);
    if (why !== undefined) unreadable.push({ name: source.name, message: why });
  }
  progress(1, msg.consolidating);
  const reportDate = localDateSerial(deps.now);
  const year = request.year ?? commonYear(submissions) ?? deps.now.getFullYear();
  const consolidation = consolidate(submissions, {
    plan: deps.data.plan,
    indexVersions: deps.data.indexVersions,
    year,
    reportDate,
    previous: request.previous,
    generatedAt: deps.now.toISOString(),
    generator: deps.generator,
  });
  return { consolidation, unreadable };
}

/** Last year's figures from its province workbook, or why the file is not one (an unreadable file said like an unreadable source). */
export async function readPreviousWorkbook(bytes: Uint8Array, fileName: string, reader: WorkbookReader, lang: Lang = 'vi'): Promise<PreviousProvince | { error: string }> {
  let tables: TableSnapshot[];
  try {
    tables = (await reader(bytes)).tables;
  } catch (e) {
    return { error: MESSAGES[lang].unreadable(errorText(e)) };
  }
  return readPreviousProvince(tables, fileName);
}
