import type { AgencyTableName } from './agency-schema';
import type { AgencyTables } from './calculate';
import { isBlank, isError, type Row, type Scalar } from './values';

/**
 * Migration of an agency workbook to another index version or granularity (pillar-level ↔
 * criterion-level; 951 → 1827): every entry the user typed is carried into the new workbook's
 * tables where its row still exists (same identity, or the official's mapping old code → new
 * code), and every other entry is listed in tblKhongAnhXa — never dropped, never overwriting
 * another. Entries listed there by an earlier migration are placed again when the new workbook
 * has their row, so pillar → criterion → pillar gives back what was typed.
 */

export interface CodeMapping {
  from: string;
  to: string;
}

/** How the unmapped table names a column: a readable header, and back. */
export interface FieldNames {
  label(table: AgencyTableName, key: string): string;
  key(table: AgencyTableName, text: string): string | undefined;
}

export interface MigrationOptions {
  /** What the source was built for, recorded beside each unmapped entry (e.g. "951-2023"). */
  fromVersion: string;
  mapping?: CodeMapping[];
  fieldNames?: FieldNames;
}

export interface MigrationResult {
  tables: AgencyTables;
  /** Entries placed in the new workbook. */
  placed: number;
  /** Entries listed in tblKhongAnhXa (including ones carried from an earlier migration). */
  unmapped: Row[];
}

/** The input cells of each table and the column that identifies a row. */
const ENTRIES: Partial<Record<AgencyTableName, { id: string; item: string; columns: string[] }>> = {
  tblThongTin: { id: 'key', item: 'label', columns: ['value'] },
  tblChiTieu: { id: 'code', item: 'indicator', columns: ['value', 'evidence', 'note'] },
  tblNhiemVu: { id: 'no', item: 'task', columns: ['status', 'progress', 'result', 'evidence', 'difficulties', 'proposals'] },
  tblChiSo: { id: 'code', item: 'criterion', columns: ['selfPoints', 'evidence', 'note'] },
};
/** Thông tin rows that are not typed: the unit type is a formula, the year is fixed by the template. */
const NOT_ENTRIES = new Set(['unitType', 'year']);

const identity = (v: Scalar): string => (v === null ? '' : isError(v) ? v.error : String(v)).replace(/[\s\u00a0]+/g, ' ').trim().toLocaleLowerCase('vi');
const plainNames: FieldNames = { label: (_t, key) => key, key: (_t, text) => text };

export function migrateEntries(source: AgencyTables, target: AgencyTables, o: MigrationOptions): MigrationResult {
  const names = o.fieldNames ?? plainNames;
  const tables: AgencyTables = {};
  for (const [name, rows] of Object.entries(target) as Array<[AgencyTableName, Row[]]>) tables[name] = rows.map((r) => ({ ...r }));
  const mapping = new Map((o.mapping ?? []).map((m) => [identity(m.from), m.to]));
  const unmapped: Row[] = [];
  let placed = 0;
  const filled = new Set<string>();

  /** Places one entry; false when its row is missing or the cell already holds another entry. */
  const place = (table: AgencyTableName, id: Scalar, key: string, value: Scalar, useMapping: boolean): boolean => {
    const spec = ENTRIES[table];
    const rows = tables[table];
    if (!spec || !rows || !spec.columns.includes(key)) return false;
    const mapped = useMapping ? mapping.get(identity(id)) : undefined;
    const wanted = identity(mapped ?? id);
    const at = rows.findIndex((r) => identity(r[spec.id] ?? null) === wanted);
    if (at < 0) return false;
    const row = rows[at];
    const present = row[key] ?? null;
    const cell = `${table}|${at}|${key}`;
    // The template may hold the same value already (the unit it was made for): nothing to move.
    // A cell another entry filled is taken, even by an equal value: that entry is listed instead.
    if (!isBlank(present)) return !filled.has(cell) && present === value ? (placed++, true) : false;
    filled.add(cell);
    row[key] = value;
    placed++;
    return true;
  };

  for (const [table, spec] of Object.entries(ENTRIES) as Array<[AgencyTableName, NonNullable<(typeof ENTRIES)[AgencyTableName]>]>) {
    for (const row of source[table] ?? []) {
      const id = row[spec.id] ?? null;
      if (table === 'tblThongTin' && NOT_ENTRIES.has(String(id))) continue;
      for (const key of spec.columns) {
        const value = row[key] ?? null;
        if (isBlank(value)) continue;
        if (place(table, id, key, value, table === 'tblChiSo')) continue;
        const item = table === 'tblChiSo' ? [row.pillar, row.criterion].filter((x) => !isBlank(x ?? null)).join(' — ') : row[spec.item] ?? null;
        unmapped.push({ fromVersion: o.fromVersion, table, code: id, item, field: names.label(table, key), value });
      }
    }
  }

  // Entries an earlier migration could not place: placed now if their row exists, else kept.
  for (const row of source.tblKhongAnhXa ?? []) {
    const table = String(row.table ?? '') as AgencyTableName;
    const key = ENTRIES[table] ? names.key(table, String(row.field ?? '')) : undefined;
    const value = row.value ?? null;
    if (isBlank(value)) continue;
    if (key !== undefined && place(table, row.code ?? null, key, value, table === 'tblChiSo')) continue;
    unmapped.push({ ...row });
  }

  // The unit list is the official's editable data (units merge and are renamed): it travels as is.
  if (source.tblDonVi && source.tblDonVi.length > 0) tables.tblDonVi = source.tblDonVi.map((r) => ({ ...r }));
  if (unmapped.length > 0) tables.tblKhongAnhXa = unmapped;
  else delete tables.tblKhongAnhXa;
  return { tables, placed, unmapped };
}

/** Every typed entry of a workbook as "table|row id|column" → value, to compare before and after. */
export function entriesOf(t: AgencyTables): Map<string, Scalar> {
  const out = new Map<string, Scalar>();
  for (const [table, spec] of Object.entries(ENTRIES) as Array<[AgencyTableName, NonNullable<(typeof ENTRIES)[AgencyTableName]>]>) {
    for (const row of t[table] ?? []) {
      const id = row[spec.id] ?? null;
      if (table === 'tblThongTin' && NOT_ENTRIES.has(String(id))) continue;
      for (const key of spec.columns) if (!isBlank(row[key] ?? null)) out.set(`${table}|${identity(id)}|${key}`, row[key] ?? null);
    }
  }
  return out;
}
