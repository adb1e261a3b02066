import type { AgencyTableName } from '../domain/agency-schema';
import type { AgencyTables } from '../domain/calculate';
import type { Catalogue } from '../domain/catalogue';
import { migrateEntries, type CodeMapping, type FieldNames, type MigrationResult } from '../domain/migrate';
import type { IndexVersion, Plan } from '../domain/types';
import { isBlank, type Scalar } from '../domain/values';
import { buildAgencyWorkbookSpecFromTables, templateTables, type AgencyTemplateOptions } from './agency-template';
import { HEADERS, type Lang } from './labels';
import type { TableSnapshot } from './read';
import type { WorkbookSpec } from './spec';

/**
 * Migration as a workbook: the new template for the target version (and catalogue), the
 * source's entries carried over by the domain's rules, the unplaced ones on their own sheet.
 * The source file is only read; the result is a new workbook.
 */

export interface MigrateWorkbookOptions {
  plan: Plan;
  /** The version to migrate to. */
  index: IndexVersion;
  /** Criterion-level when given; pillar-level otherwise. */
  catalogue?: Catalogue;
  mapping?: CodeMapping[];
  lang: Lang;
  generatedAt: string;
  generator: string;
}

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim().toLocaleLowerCase('vi');
const meta = (t: AgencyTables, key: string): Scalar => t.tblMeta?.find((r) => r.key === key)?.value ?? null;

/** Headers of the workbook's language in the unmapped table; either language (or the key) read back. */
export const headerFieldNames = (lang: Lang): FieldNames => ({
  label: (table, key) => HEADERS[lang][table]?.[key] ?? key,
  key: (table: AgencyTableName, text: string) => {
    const t = norm(text);
    for (const l of ['vi', 'en'] as const) for (const [key, header] of Object.entries(HEADERS[l][table] ?? {})) if (norm(header) === t) return key;
    return Object.keys(HEADERS.vi[table] ?? {}).find((k) => norm(k) === t);
  },
});

/** What the source was built for, as the unmapped table records it. */
export function sourceVersionLabel(source: AgencyTables): string {
  const version = String(meta(source, 'indexVersion') ?? '');
  const catalogue = meta(source, 'catalogueId');
  return isBlank(catalogue) ? `${version} (trụ cột)` : String(catalogue);
}

export function migrateWorkbook(source: AgencyTables, o: MigrateWorkbookOptions, todaySerial: number): { spec: WorkbookSpec; result: MigrationResult; template: AgencyTemplateOptions } {
  const year = typeof meta(source, 'year') === 'number' ? (meta(source, 'year') as number) : Number(source.tblThongTin?.find((r) => r.key === 'year')?.value);
  const unitId = String(meta(source, 'unit') ?? '') || undefined;
  const base = meta(source, 'revenueBaseYear');
  const template: AgencyTemplateOptions = {
    plan: o.plan, index: o.index, year, unitId, lang: o.lang, generatedAt: o.generatedAt, generator: o.generator,
    ...(typeof base === 'number' ? { revenueBaseYear: base } : {}), ...(o.catalogue ? { catalogue: o.catalogue } : {}),
  };
  const result = migrateEntries(source, templateTables(template), { fromVersion: sourceVersionLabel(source), mapping: o.mapping, fieldNames: headerFieldNames(o.lang) });
  return { spec: buildAgencyWorkbookSpecFromTables(template, result.tables, todaySerial), result, template };
}

/**
 * The official's mapping table (old code → new code) from a workbook table or a CSV: the first
 * table with an old-code and a new-code column ("Mã cũ"/"Mã mới", "from"/"to", "old"/"new").
 */
export function mappingFromSnapshots(snapshots: TableSnapshot[]): CodeMapping[] | undefined {
  const FROM = ['mã cũ', 'ma cu', 'old', 'old code', 'from', 'mã 951', 'mã trước'];
  const TO = ['mã mới', 'ma moi', 'new', 'new code', 'to', 'mã 1827', 'mã sau'];
  for (const s of snapshots) {
    const headers = s.headers.map((h) => norm(String(h ?? '')));
    const from = headers.findIndex((h) => FROM.includes(h));
    const to = headers.findIndex((h) => TO.includes(h));
    if (from < 0 || to < 0) continue;
    return s.values
      .map((r) => ({ from: String(r[from] ?? '').trim(), to: String(r[to] ?? '').trim() }))
      .filter((m) => m.from !== '' && m.to !== '');
  }
  return undefined;
}
