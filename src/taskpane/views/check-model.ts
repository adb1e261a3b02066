import type { CellFix } from '../../office/fixes';
import type { Finding, Severity } from '../../domain/check';
import { formatSerial, isBlank, isError, type Scalar } from '../../domain/values';
import { columnNumber } from '../../workbook/a1';
import { HEADERS, INFO_LABELS } from '../../workbook/labels';
import { CATALOGUE_HEADERS } from '../../workbook/catalogue-sheet';
import type { Lang } from '../i18n';

/**
 * Pure view model of the Kiểm tra (Check) view: grouping, wording and the fixes a confirmation
 * lists. No React, no Office: test/taskpane tests these directly.
 */

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type SeverityCounts = Record<Severity, number>;

export type { CellFix } from '../../office/fixes';

/** Findings whose value is a date serial (the engine names these in dd/mm/yyyy). */
const DATE_CODES = new Set(['dateAsText', 'periodOutsideYear', 'periodStartsPreviousYear', 'periodReversed', 'submittedBeforePeriodEnd']);

export function isDateFinding(f: Pick<Finding, 'code' | 'table' | 'key'>): boolean {
  return DATE_CODES.has(f.code) || (f.table === 'tblNhiemVu' && f.key === 'due');
}

export function countSeverities(findings: readonly Pick<Finding, 'severity'>[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export const findingMessage = (f: Pick<Finding, 'messageVi' | 'messageEn'>, lang: Lang): string =>
  lang === 'en' ? f.messageEn || f.messageVi : f.messageVi || f.messageEn;

/** The column's header in the workbook's words, or its key when the table is unknown. */
export function columnLabel(table: string, key: string, lang: Lang): string {
  const headers = (HEADERS[lang] as Record<string, Record<string, string> | undefined>)[table] ?? (CATALOGUE_HEADERS[lang] as Record<string, Record<string, string> | undefined>)[table];
  return headers?.[key] ?? key;
}

function formatNumber(n: number, lang: Lang): string {
  if (!Number.isFinite(n)) return String(n);
  // Up to 10 decimals, no grouping: shows what is in the cell, with the language's decimal mark.
  const text = Number(n.toPrecision(15)).toString();
  if (/e/i.test(text)) return text;
  return lang === 'vi' ? text.replace('.', ',') : text;
}

/**
 * A cell value as the user reads it: text in quotes (so stray spaces show), numbers with the
 * language's decimal mark, dates dd/mm/yyyy, errors as Excel shows them, blank as ''.
 */
export function formatValue(v: Scalar | undefined, lang: Lang, asDate = false): string {
  if (v === undefined || isBlank(v)) return '';
  if (isError(v)) return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return asDate && v > 0 ? formatSerial(v) : formatNumber(v, lang);
  return `"${v}"`;
}

export const findingValueText = (f: Finding, lang: Lang): string => formatValue(f.value, lang, isDateFinding(f));

export const findingSuggestionText = (f: Finding, lang: Lang): string =>
  f.suggestion === undefined ? '' : formatValue(f.suggestion, lang, isDateFinding(f));

/** What the finding's row is: "CT6a", "Nhiệm vụ 3", "Số liệu đến ngày" (an info row's label). */
export function rowText(f: Pick<Finding, 'table' | 'rowKey'>, lang: Lang): string {
  if (!f.rowKey) return '';
  if (f.table === 'tblNhiemVu') return lang === 'en' ? `Task ${f.rowKey}` : `Nhiệm vụ ${f.rowKey}`;
  if (f.table === 'tblThongTin') return INFO_LABELS[lang][f.rowKey] ?? f.rowKey;
  return f.rowKey;
}

/** Where a finding is, once: the cell, what the row is, and the column ("C8 · CT6a · Giá trị"). */
export function findingWhere(f: Pick<Finding, 'address' | 'table' | 'key' | 'row' | 'rowKey'>, lang: Lang): string {
  const row = rowText(f, lang);
  const label = f.key && f.row > 0 && !(f.table === 'tblThongTin' && f.key === 'value') ? columnLabel(f.table, f.key, lang) : '';
  // A column without a header in the workbook's words (the hidden meta table) is not named: its key means nothing to people.
  const column = label === f.key ? '' : label;
  return [f.address, row, column].filter(Boolean).join(' · ');
}

/** "Sheet!A1", quoting sheet names as Excel does when they hold spaces or punctuation. */
export function cellRef(sheet: string, address: string): string {
  if (!sheet) return address;
  const quoted = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return address ? `${quoted}!${address}` : quoted;
}

/** Row and column of an A1 address for ordering; blank or odd addresses sort first. */
export function addressOrder(address: string): [number, number] {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return [0, 0];
  return [Number(m[2]), columnNumber(m[1])];
}

export interface FindingItem {
  /** Stable React key. */
  id: string;
  finding: Finding;
  /** The cell can be selected (the finding names one). */
  locatable: boolean;
  fix: CellFix | null;
}

export interface SheetGroup {
  /** '' for findings about the whole workbook (a missing table or column). */
  sheet: string;
  items: FindingItem[];
  counts: SeverityCounts;
}

/** The write a finding's suggestion stands for, or null when it offers none or names no cell. */
export function fixOf(f: Finding): CellFix | null {
  if (f.suggestion === undefined || !f.sheet || !f.address) return null;
  return { sheet: f.sheet, address: f.address, expectedValue: f.value, newValue: f.suggestion, ...(f.code === 'dateAsText' ? { isDate: true } : {}) };
}

const fixKey = (fix: Pick<CellFix, 'sheet' | 'address'>) => `${fix.sheet}\u0000${fix.address.toUpperCase()}`;

/** Every offered fix, one per cell (the first finding's suggestion wins), in the findings' order. */
export function fixesFor(findings: readonly Finding[]): CellFix[] {
  const seen = new Set<string>();
  const out: CellFix[] = [];
  for (const f of findings) {
    const fix = fixOf(f);
    if (!fix || seen.has(fixKey(fix))) continue;
    seen.add(fixKey(fix));
    out.push(fix);
  }
  return out;
}

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/**
 * Findings by sheet: workbook-level findings first, then sheets in the order the engine met them;
 * within a sheet by severity, then by row and column.
 */
export function groupBySheet(findings: readonly Finding[]): SheetGroup[] {
  const groups = new Map<string, FindingItem[]>();
  findings.forEach((finding, index) => {
    const sheet = finding.sheet ?? '';
    const items = groups.get(sheet) ?? [];
    if (!groups.has(sheet)) groups.set(sheet, items);
    items.push({
      id: `${index}|${sheet}|${finding.address}|${finding.code}|${finding.table}.${finding.key}#${finding.row}`,
      finding,
      locatable: Boolean(finding.sheet && finding.address),
      fix: fixOf(finding),
    });
  });
  const ordered = [...groups.entries()].sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : 0));
  return ordered.map(([sheet, items]) => {
    const sorted = [...items].sort((x, y) => {
      const bySeverity = severityRank(x.finding.severity) - severityRank(y.finding.severity);
      if (bySeverity !== 0) return bySeverity;
      const [rx, cx] = addressOrder(x.finding.address);
      const [ry, cy] = addressOrder(y.finding.address);
      return rx - ry || cx - cy;
    });
    return { sheet, items: sorted, counts: countSeverities(items.map((i) => i.finding)) };
  });
}

/** A count the operations may give as a number or as the list of cells. */
export const countOf = (x: number | readonly unknown[] | undefined): number => (Array.isArray(x) ? x.length : typeof x === 'number' ? x : 0);

export interface FixLine {
  ref: string;
  oldText: string;
  newText: string;
}

/** What the confirmation dialog lists, one line per cell: exactly the cells applyFixes gets. */
export function fixLines(fixes: readonly CellFix[], findings: readonly Finding[], lang: Lang): FixLine[] {
  return fixes.map((fix) => {
    const f = findings.find((x) => x.sheet === fix.sheet && x.address === fix.address && x.suggestion !== undefined);
    const asDate = Boolean(fix.isDate) || (f ? isDateFinding(f) : false);
    return {
      ref: cellRef(fix.sheet, fix.address),
      // The old value is what the user typed: a serial there is a number, not a date, unless the finding says so.
      oldText: formatValue(fix.expectedValue, lang, f ? isDateFinding(f) : false),
      newText: formatValue(fix.newValue, lang, asDate),
    };
  });
}

export interface RestoredCell {
  sheet: string;
  address: string;
  table: string;
  key: string;
  /** "tblNhiemVu.role", or a name (TongDiem) for a named cell outside the tables. */
  column?: string;
}

export interface RestoredColumn {
  /** Column header in the UI language. */
  column: string;
  table: string;
  key: string;
  refs: string[];
}

/** Restored formulas by column, in the order they were reported. */
export function restoredByColumn(restored: readonly RestoredCell[], lang: Lang): RestoredColumn[] {
  const byColumn = new Map<string, RestoredColumn>();
  for (const r of restored) {
    const id = r.table ? `${r.table}.${r.key}` : (r.column ?? r.key);
    let col = byColumn.get(id);
    if (!col) {
      const label = r.table && r.key ? columnLabel(r.table, r.key, lang) : r.column || r.key || r.table;
      col = { column: label, table: r.table, key: r.key, refs: [] };
      byColumn.set(id, col);
    }
    col.refs.push(cellRef(r.sheet, r.address));
  }
  return [...byColumn.values()];
}

/** Up to `max` items joined, with how many were left out. */
export function abbreviate(items: readonly string[], max: number): { shown: string; more: number } {
  return { shown: items.slice(0, max).join(', '), more: Math.max(0, items.length - max) };
}
