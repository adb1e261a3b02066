import type { AgencyTableName } from '../domain/agency-schema';
import { dateSerial, type Scalar } from '../domain/values';
import { createFakeExcel, type WorkbookModel } from '../fake-excel';
import { indexVersionForYear } from '../indexes/index-versions';
import { makeOperations } from '../office/operations';
import { toAgencyTables } from '../workbook/read';
import { computeModelValues, modelSnapshots } from './computed';

/**
 * Sample agency reports made in the browser, the way an agency makes one: the add-in's own
 * create-template operation draws the template into a fresh in-memory workbook, the entries are
 * typed into its input cells, and the workbook is saved as .xlsx with the engine's values cached.
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

const info = (year: number, submitted: [number, number], preparer: string, phone: string, email: string): Record<string, Record<string, Scalar>> => ({
  periodFrom: { value: dateSerial(year, 1, 1) },
  periodTo: { value: dateSerial(year, 10, 31) },
  preparer: { value: preparer },
  phone: { value: phone },
  email: { value: email },
  submittedOn: { value: dateSerial(year, submitted[0], submitted[1]) },
});

const indicators = (values: Record<string, Scalar>) => Object.fromEntries(Object.entries(values).map(([code, value]) => [code, { value }]));

const tasks = (entries: Record<number, [string, number, string]>) =>
  Object.fromEntries(Object.entries(entries).map(([no, [status, progress, result]]) => [no, { status, progress, result, evidence: `Báo cáo nhiệm vụ ${no}` }]));

const points = (values: number[], evidence: string) => Object.fromEntries(values.map((v, i) => [`TC${i + 1}`, { selfPoints: v, evidence: `${evidence}, trụ cột ${i + 1}` }]));

export const SAMPLE_AGENCIES: SampleAgency[] = [
  {
    unitId: 'BQT',
    fileName: `mau-bao-cao-BQT-${SAMPLE_YEAR}.xlsx`,
    entries: (y) => ({
      tblThongTin: info(y, [11, 18], 'Lê Thị Minh Thu', '0233 3852 365', 'toasoan@bqt.example.vn'),
      tblChiTieu: indicators({ CT1: 'Có', CT1a: 6, CT1b: 2, CT2: 'Không', CT3: 'Có', CT4a: 1, CT4b: 1, CT5a: 9850, CT5b: 12150, CT6a: 78, CT6b: 64, CT7: 3 }),
      tblNhiemVu: tasks({
        1: ['Hoàn thành', 100, 'Ra mắt ứng dụng di động; podcast hằng tuần'],
        2: ['Đang thực hiện', 70, 'Cử 24 phóng viên dự tập huấn chuyển đổi số'],
        4: ['Đang thực hiện', 60, 'Dùng nền tảng quản trị nội dung dùng chung'],
        5: ['Hoàn thành', 100, 'Gửi báo cáo rà soát quy hoạch báo chí'],
        6: ['Đang thực hiện', 80, 'Rà soát giấy phép chuyên trang'],
        8: ['Đang thực hiện', 50, 'Đang tự đánh giá theo Bộ chỉ số'],
      }),
      tblChiSo: points([14.5, 17, 15, 16.5, 10], 'Hồ sơ tự đánh giá của Báo Quảng Trị'),
    }),
  },
  {
    unitId: 'PTTH',
    fileName: `mau-bao-cao-PTTH-${SAMPLE_YEAR}.xlsx`,
    entries: (y) => ({
      tblThongTin: info(y, [11, 20], 'Nguyễn Hữu Phước', '0233 3857 214', 'vanphong@qrtv.example.vn'),
      tblChiTieu: indicators({ CT1: 'Có', CT1a: 7, CT1b: 3, CT2: 'Có', CT3: 'Có', CT4a: 2, CT4b: 1, CT5a: 21400, CT5b: 23100, CT6a: 146, CT6b: 112, CT7: 3 }),
      tblNhiemVu: tasks({
        1: ['Đang thực hiện', 75, 'Phát sóng trực tuyến trên ứng dụng của Đài'],
        2: ['Đang thực hiện', 60, 'Cử 40 lượt cán bộ dự tập huấn'],
        4: ['Hoàn thành', 100, 'Đưa vào dùng hệ thống lưu trữ số dùng chung'],
        5: ['Đang thực hiện', 50, 'Cung cấp số liệu cho Sở theo định kỳ'],
        6: ['Hoàn thành', 100, 'Rà soát xong giấy phép các kênh'],
        8: ['Đang thực hiện', 60, 'Hoàn thiện hồ sơ tự đánh giá'],
      }),
      tblChiSo: points([16, 20.5, 17, 19, 12.5], 'Hồ sơ tự đánh giá của Đài'),
    }),
  },
];

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
