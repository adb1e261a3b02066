import type { SourceRecord, SourceState, TargetSummary } from '../../domain/consolidate';
import { TARGET_STATUS } from '../../domain/vocabulary';
import { formatSerial, isBlank, isError, type Scalar } from '../../domain/values';
import type { Lang } from '../i18n';

/**
 * Pure view model of the Tổng hợp (Merge) view: the picked-file list, sizes, progress and the
 * rows of the result tables. No React, no Office: test/taskpane tests these directly.
 */

/** What the view needs of a browser File (tests pass plain objects). */
export interface FileLike {
  name: string;
  size: number;
  lastModified?: number;
}

export interface PickedFile<F extends FileLike = FileLike> {
  /** Stable within the session, for React keys and removal. */
  id: string;
  file: F;
}

const sameFile = (a: FileLike, b: FileLike) => a.name === b.name && a.size === b.size && (a.lastModified ?? 0) === (b.lastModified ?? 0);

/**
 * The list after "Thêm tệp": new files are appended; a file already in the list (same name, size
 * and modification time, e.g. picked twice) is not added again. Ids continue from `nextId`.
 */
export function addPicked<F extends FileLike>(list: readonly PickedFile<F>[], incoming: readonly F[], nextId: number): { list: PickedFile<F>[]; nextId: number; duplicates: string[] } {
  const out = [...list];
  const duplicates: string[] = [];
  let id = nextId;
  for (const file of incoming) {
    if (out.some((p) => sameFile(p.file, file))) {
      duplicates.push(file.name);
      continue;
    }
    out.push({ id: `f${id++}`, file });
  }
  return { list: out, nextId: id, duplicates };
}

export const removePicked = <F extends FileLike>(list: readonly PickedFile<F>[], id: string): PickedFile<F>[] => list.filter((p) => p.id !== id);

/** Names that do not end in .xlsx (the picker's filter can be bypassed by "All files"). */
export const notXlsxNames = (files: readonly FileLike[]): string[] => files.filter((f) => !/\.xlsx$/i.test(f.name)).map((f) => f.name);

function decimal(n: number, digits: number, lang: Lang): string {
  let text = n.toFixed(digits);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/** "820 B", "12,5 KB", "3,1 MB" (decimal comma in Vietnamese). */
export function formatBytes(bytes: number, lang: Lang): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${decimal(bytes / 1024, 1, lang)} KB`;
  return `${decimal(bytes / (1024 * 1024), 1, lang)} MB`;
}

/** "66,7%" from 0.6667; '' for null. */
export function formatPercent(fraction: number | null | undefined, lang: Lang, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '';
  return `${decimal(fraction * 100, digits, lang)}%`;
}

/** Share of the bar given to reading the picked files' bytes; the merge operation gets the rest. */
export const READ_SHARE = 0.1;

/** One progress bar over two phases: reading bytes (0 … READ_SHARE), then the merge. */
export function overallProgress(phase: 'read' | 'merge', fraction: number): number {
  const f = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  return phase === 'read' ? f * READ_SHARE : READ_SHARE + f * (1 - READ_SHARE);
}

/** Optional year: blank means "from the files"; otherwise a four-digit year in range, or null when invalid. */
export function parseOptionalYear(text: string, min: number, max: number): number | undefined | null {
  const s = text.trim();
  if (s === '') return undefined;
  if (!/^\d{4}$/.test(s)) return null;
  const year = Number(s);
  return year >= min && year <= max ? year : null;
}

/**
 * Which source record describes which picked file: by name and size, in order, so two files with
 * the same name (from different folders) each find their own record. A picked file the merge did
 * not report gets undefined.
 */
export function matchSources<F extends FileLike>(picked: readonly PickedFile<F>[], sources: readonly SourceRecord[]): Map<string, SourceRecord | undefined> {
  const used = new Set<number>();
  const take = (pred: (s: SourceRecord) => boolean): SourceRecord | undefined => {
    const i = sources.findIndex((s, index) => !used.has(index) && pred(s));
    if (i < 0) return undefined;
    used.add(i);
    return sources[i];
  };
  const out = new Map<string, SourceRecord | undefined>();
  // Exact matches first, so a same-named file of another size cannot take another's record.
  for (const p of picked) out.set(p.id, take((s) => s.fileName === p.file.name && s.sizeBytes === p.file.size));
  for (const p of picked) if (!out.get(p.id)) out.set(p.id, take((s) => s.fileName === p.file.name));
  return out;
}

const STATE_WORDS: Record<Lang, Record<SourceState, string>> = {
  vi: { included: 'Sử dụng', superseded: 'Bị thay thế', excluded: 'Loại' },
  en: { included: 'Included', superseded: 'Superseded', excluded: 'Excluded' },
};

export const stateLabel = (state: SourceState, lang: Lang): string => STATE_WORDS[lang][state];

export const stateIntent = (state: SourceState): 'success' | 'warning' | 'danger' =>
  state === 'included' ? 'success' : state === 'superseded' ? 'warning' : 'danger';

const show = (v: Scalar | undefined): string => (v === undefined || isBlank(v) ? '' : isError(v) ? v.error : String(v));

export interface SourceView {
  fileName: string;
  unit: string;
  year: string;
  /** Agency template format version. */
  template: string;
  indexVersion: string;
  /** dd/mm/yyyy or ''. */
  submittedOn: string;
  errors: number;
  warnings: number;
  infos: number;
  state: SourceState;
  stateText: string;
  /** Why it was superseded or excluded (blank when included without remark). */
  reason: string;
  /** The file was opened as an agency workbook, so its details and check counts mean something. */
  read: boolean;
}

export function sourceView(s: SourceRecord, lang: Lang): SourceView {
  return {
    fileName: s.fileName,
    unit: s.unitName,
    year: show(s.year),
    template: show(s.formatVersion),
    indexVersion: s.indexVersion,
    submittedOn: s.submittedOn !== undefined ? formatSerial(s.submittedOn) : '',
    errors: s.errors,
    warnings: s.warnings,
    infos: s.findings.filter((f) => f.severity === 'info').length,
    state: s.state,
    stateText: stateLabel(s.state, lang),
    reason: (lang === 'en' ? s.reasonEn || s.reasonVi : s.reasonVi || s.reasonEn) ?? '',
    read: s.code !== 'unreadable' && s.code !== 'notAgencyWorkbook',
  };
}

export function countStates(sources: readonly Pick<SourceRecord, 'state'>[]): Record<SourceState, number> {
  const counts: Record<SourceState, number> = { included: 0, superseded: 0, excluded: 0 };
  for (const s of sources) counts[s.state]++;
  return counts;
}

const STATUS_EN: Record<string, string> = {
  [TARGET_STATUS.met]: 'Met',
  [TARGET_STATUS.notMet]: 'Not met',
  [TARGET_STATUS.noData]: 'No data',
  [TARGET_STATUS.notApplicable]: 'Not applicable',
};

/** Target statuses are Vietnamese data words (they are written into the workbook); English shows a translation. */
export const statusText = (status: string, lang: Lang): string => (lang === 'en' ? (STATUS_EN[status] ?? status) : status);

export const statusIntent = (status: string): 'success' | 'danger' | 'informative' =>
  status === TARGET_STATUS.met ? 'success' : status === TARGET_STATUS.notMet ? 'danger' : 'informative';

export interface TargetView {
  code: string;
  text: string;
  value: string;
  threshold: string;
  status: string;
  statusText: string;
  /** "3/5" reported of expected press agencies. */
  reported: string;
}

export function targetView(t: TargetSummary, lang: Lang): TargetView {
  const ratio = t.numerator !== null && t.denominator !== null ? ` (${decimal(t.numerator, 2, lang)}/${decimal(t.denominator, 2, lang)})` : '';
  return {
    code: t.target.code,
    text: t.target.text,
    value: t.value === null ? '' : `${formatPercent(t.value, lang)}${ratio}`,
    threshold: formatPercent(t.target.threshold, lang),
    status: t.status,
    statusText: statusText(t.status, lang),
    reported: `${t.reported}/${t.expected}`,
  };
}
