import type { AgencyTableName } from '../domain/agency-schema';
import type { Scalar } from '../domain/values';
import { createFakeExcel, type WorkbookModel } from '../fake-excel';
import { indexVersionForYear } from '../indexes/index-versions';
import { makeOperations } from '../office/operations';
import { toAgencyTables } from '../workbook/read';
import { SAMPLE_BQT, SAMPLE_PTTH, type SampleAgencyEntries } from '../workbook/sample-entries';
import { computeModelValues, modelSnapshots } from './computed';

/**
 * Sample agency reports made in the browser, the way an agency makes one: the add-in's own
 * create-template operation draws the template into a fresh in-memory workbook, the entries are
 * typed into its input cells, and the workbook is saved as .xlsx with the engine's values cached.
 * The entries are shared with `pressdx samples` (src/workbook/sample-entries).
 * The figures are invented but plausible; names and addresses are fictitious.
 */

export const SAMPLE_YEAR = 2025;

/** table → row identity → column key → typed value. */
type Entries = Partial<Record<AgencyTableName, Record<string, Record<string, Scalar>>>>;

/** The column that identifies a row of each table an agency fills in. */
const ROW_IDENTITY: Partial<Record<AgencyTableName, string>> = { tblThongTin: 'key', tblChiTieu: 'code', tblNhiemVu: 'no', tblChiSo: 'code' };

interface SampleAgency {
  unitId: string;
  fileName: string;
  entries: (year: number) => Entries;
}

/** A workbench sample file from one agency's shared entries. */
const fromEntries = (agency: SampleAgencyEntries): SampleAgency => ({
  unitId: agency.unitId,
  fileName: `mau-bao-cao-${agency.unitId}-${SAMPLE_YEAR}.xlsx`,
  entries: (y) => agency.entries(y),
});

export const SAMPLE_AGENCIES: SampleAgency[] = [fromEntries(SAMPLE_BQT), fromEntries(SAMPLE_PTTH)];

/** Types the entries into the workbook's input cells, found by table name, row identity and column key. */
export function typeEntries(model: WorkbookModel, entries: Entries): number {
  const read = toAgencyTables(modelSnapshots(model));
  let typed = 0;
  for (const [tableName, rows] of Object.entries(entries)) {
    const table = tableName as AgencyTableName;
    const identity = ROW_IDENTITY[table];
    const snap = read.snapshots[table];
    const data = read.tables[table];
    const sheet = snap ? model.sheet(snap.sheetName) : undefined;
    if (!identity || !snap || !data || !sheet) throw new Error(`Không có bảng nhập liệu ${table}`);
    for (const [id, values] of Object.entries(rows ?? {})) {
      const i = data.findIndex((r) => String(r[identity] ?? '') === id);
      if (i < 0) throw new Error(`Bảng ${table} không có dòng ${identity} = ${id}`);
      for (const [key, value] of Object.entries(values)) {
        const col = read.columns[table]?.[key];
        if (col === undefined) throw new Error(`Bảng ${table} không có cột ${key}`);
        model.write(sheet, { top: snap.row + i, left: snap.col - 1 + col, rows: 1, cols: 1 }, [[value]], 'Workbench.sample');
        typed++;
      }
    }
  }
  return typed;
}

export interface SampleFile {
  name: string;
  bytes: Uint8Array;
}

/** One filled agency report as .xlsx bytes. */
export async function makeSampleFile(sample: SampleAgency, today: number): Promise<SampleFile> {
  const fake = createFakeExcel({ locale: 'vi-VN' });
  const ops = makeOperations(fake.run, fake.isSetSupported, { now: () => new Date(Date.UTC(SAMPLE_YEAR, 10, 3, 8)) });
  await ops.createTemplateInExcel({ unitId: sample.unitId, year: SAMPLE_YEAR, indexVersionId: indexVersionForYear(SAMPLE_YEAR).id, lang: 'vi', replaceExisting: true }, () => undefined);
  typeEntries(fake.model, sample.entries(SAMPLE_YEAR));
  const { modelToXlsx } = await import('./export-xlsx');
  return { name: sample.fileName, bytes: await modelToXlsx(fake.model, computeModelValues(fake.model, today)) };
}

/** Every sample report. */
export async function makeSampleFiles(today: number): Promise<SampleFile[]> {
  const out: SampleFile[] = [];
  for (const s of SAMPLE_AGENCIES) out.push(await makeSampleFile(s, today));
  return out;
}
