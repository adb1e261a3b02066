import { AGENCY_COLUMNS, OPTIONAL_AGENCY_TABLES, type AgencyTableName } from '../domain/agency-schema';
import type { AgencyTables } from '../domain/calculate';
import type { MissingColumn } from '../domain/check';
import type { Row, Scalar } from '../domain/values';
import { cellAddress } from './a1';
import { HEADERS } from './labels';

/**
 * What an adapter reads of one table, wherever it sits: both the Office.js and the ExcelJS
 * readers produce this, and everything above them works on it.
 */
export interface TableSnapshot {
  name: string;
  sheetName: string;
  /** 1-based position of the header row's first cell. */
  row: number;
  col: number;
  headers: string[];
  /** Data rows (no header), values as Excel holds them; dates as serial numbers. */
  values: Scalar[][];
  /** Formulas of the same cells ("=..."), null where the cell holds a constant. */
  formulas: (string | null)[][];
}

export interface ReadAgencyTables {
  tables: AgencyTables;
  /** Column index (0-based, within the table) of each key found. */
  columns: Partial<Record<AgencyTableName, Record<string, number>>>;
  /** Formulas by table and row, aligned with `tables`, keyed by column key. */
  formulas: Partial<Record<AgencyTableName, Array<Record<string, string | null>>>>;
  snapshots: Partial<Record<AgencyTableName, TableSnapshot>>;
  missingTables: AgencyTableName[];
  missingColumns: MissingColumn[];
  /** Agency tables found more than once (names compare case-insensitively, as Excel's do). */
  duplicateTables: Array<{ table: AgencyTableName; sheets: string[] }>;
}

const norm = (s: string) => s.trim().toLocaleLowerCase('vi');

/**
 * Maps header → key for every table: first from the workbook's own tblCot (which records the
 * headers it was generated with), then the built-in headers in every language, then the key itself.
 */
function headerKeys(snapshots: Map<string, TableSnapshot>): Map<string, Map<string, string>> {
  const map = new Map<string, Map<string, string>>();
  const add = (table: string, header: string, key: string) => {
    if (!map.has(table)) map.set(table, new Map());
    const m = map.get(table)!;
    if (!m.has(norm(header))) m.set(norm(header), key);
  };
  const cot = snapshots.get('tblCot');
  if (cot) {
    const [ti, ki, hi] = ['table', 'key', 'header'].map((k) => cot.headers.findIndex((h) => norm(h) === k));
    if (ti >= 0 && ki >= 0 && hi >= 0) for (const r of cot.values) add(String(r[ti] ?? ''), String(r[hi] ?? ''), String(r[ki] ?? ''));
  }
  for (const lang of Object.values(HEADERS)) for (const [table, cols] of Object.entries(lang)) for (const [key, header] of Object.entries(cols)) add(table, header, key);
  for (const [table, keys] of Object.entries(AGENCY_COLUMNS)) for (const key of keys) add(table, key, key);
  return map;
}

/** The header each key was generated with: the workbook's tblCot first, then the built-in Vietnamese header. */
function generatedHeader(cot: TableSnapshot | undefined, table: AgencyTableName, key: string): string {
  if (cot) {
    const [ti, ki, hi] = ['table', 'key', 'header'].map((k) => cot.headers.findIndex((h) => norm(h) === k));
    const row = ti >= 0 && ki >= 0 && hi >= 0 ? cot.values.find((r) => r[ti] === table && r[ki] === key) : undefined;
    if (row && typeof row[hi] === 'string' && row[hi] !== '') return row[hi];
  }
  return HEADERS.vi[table][key] ?? key;
}

/**
 * Where a missing key's column would sit: right after the found column of the key before it, or
 * right before the one after it, in the template's order; when neither tells, the only header no
 * key claims. Returns that header's index if no key claims it.
 */
function renamedIndex(keys: readonly string[], key: string, columns: Record<string, number>, unclaimed: Set<number>): number | undefined {
  const at = keys.indexOf(key);
  const before = keys.slice(0, at).reverse().find((k) => columns[k] !== undefined);
  const after = keys.slice(at + 1).find((k) => columns[k] !== undefined);
  const candidates = [before !== undefined ? columns[before] + 1 : undefined, after !== undefined ? columns[after] - 1 : undefined];
  const placed = candidates.find((i) => i !== undefined && unclaimed.has(i));
  if (placed !== undefined) return placed;
  return unclaimed.size === 1 ? [...unclaimed][0] : undefined;
}

/** Reads table snapshots into rows by column key; tables and columns not found are listed, not guessed. */
export function toAgencyTables(list: TableSnapshot[]): ReadAgencyTables {
  const snapshots = new Map(list.map((s) => [s.name, s]));
  const keysByHeader = headerKeys(snapshots);
  const out: ReadAgencyTables = { tables: {}, columns: {}, formulas: {}, snapshots: {}, missingTables: [], missingColumns: [], duplicateTables: [] };
  for (const table of Object.keys(AGENCY_COLUMNS) as AgencyTableName[]) {
    const found = list.filter((s) => s.name.toLowerCase() === table.toLowerCase());
    if (found.length > 1) out.duplicateTables.push({ table, sheets: found.map((s) => s.sheetName) });
    const snap = found[0];
    if (!snap) {
      if (!OPTIONAL_AGENCY_TABLES.includes(table)) out.missingTables.push(table);
      continue;
    }
    out.snapshots[table] = snap;
    const columns: Record<string, number> = {};
    snap.headers.forEach((h, i) => {
      const key = keysByHeader.get(table)?.get(norm(String(h)));
      if (key && columns[key] === undefined) columns[key] = i;
    });
    const unclaimed = new Set(snap.headers.map((_, i) => i).filter((i) => !Object.values(columns).includes(i)));
    for (const key of AGENCY_COLUMNS[table]) {
      if (columns[key] !== undefined) continue;
      const renamed = renamedIndex(AGENCY_COLUMNS[table], key, columns, unclaimed);
      if (renamed !== undefined) unclaimed.delete(renamed);
      out.missingColumns.push({
        table,
        key,
        header: generatedHeader(snapshots.get('tblCot'), table, key),
        sheet: snap.sheetName,
        address: cellAddress(snap.row, snap.col + (renamed ?? 0)),
        ...(renamed !== undefined ? { renamedTo: String(snap.headers[renamed]) } : {}),
      });
    }
    out.columns[table] = columns;
    out.tables[table] = snap.values.map((r) => {
      const row: Row = {};
      for (const [key, i] of Object.entries(columns)) row[key] = r[i] ?? null;
      return row;
    });
    out.formulas[table] = snap.formulas.map((r) => {
      const row: Record<string, string | null> = {};
      for (const [key, i] of Object.entries(columns)) row[key] = r[i] ?? null;
      return row;
    });
  }
  return out;
}

/** The value of a key in tblMeta, or undefined. */
export function metaValue(read: ReadAgencyTables, key: string): Scalar | undefined {
  return read.tables.tblMeta?.find((r) => r.key === key)?.value;
}
