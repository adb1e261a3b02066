import { CALCULATED_COLUMNS, type AgencyTableName } from '../domain/agency-schema';
import type { Scalar } from '../domain/values';
import { cellAddress } from '../workbook/a1';
import type { ReadAgencyTables } from '../workbook/read';
import type { SheetCellPatch } from './patch';

/**
 * Types entries into an agency workbook's input cells, found by table name, row identity and
 * column key — never by sheet or address — as a user would type them (as cell patches). Samples and tests share
 * it. Strings are stored as text whatever they look like ("=…", "1,5", "25/11/2025"): that is
 * what a user's typing leaves in a cell when Excel does not convert it, and what the check engine
 * must then cope with.
 */

/** The column that identifies a row of each table an agency fills in. */
export const ROW_IDENTITY = { tblThongTin: 'key', tblChiTieu: 'code', tblNhiemVu: 'no', tblChiSo: 'code' } as const;
export type InputTable = keyof typeof ROW_IDENTITY;

/** The columns a user types into, per table (everything else is plan data or a formula). */
export const INPUT_COLUMNS: Record<InputTable, readonly string[]> = {
  tblThongTin: ['value'],
  tblChiTieu: ['value', 'evidence', 'note'],
  tblNhiemVu: ['status', 'progress', 'result', 'evidence', 'difficulties', 'proposals'],
  tblChiSo: ['selfPoints', 'evidence', 'note'],
};

/** Thông tin rows whose value is not typed: the unit type is a formula, the year comes with the template. */
const NOT_TYPED_INFO_ROWS = ['unitType', 'year'];

/** table → row identity (info key, indicator code, task no, criterion code) → column key → value. */
export type AgencyInputs = Partial<Record<InputTable, Record<string, Record<string, Scalar>>>>;

export interface SetInputsOptions {
  /**
   * Also write calculated and plan-data cells (any table, any column). Only for simulating a user
   * who typed over a formula or a locked figure; never used by the tool itself.
   */
  overwriteLocked?: boolean;
}

/** Any table's cells by row identity, for overwriteLocked (e.g. tblMucTieu by code, tblTruCot by pillar). */
export type AnyTableInputs = Partial<Record<AgencyTableName, Record<string, Record<string, Scalar>>>>;

const LOCKED_IDENTITY: Partial<Record<AgencyTableName, string>> = { ...ROW_IDENTITY, tblMucTieu: 'code', tblTruCot: 'pillar', tblPhanCong: 'no', tblMeta: 'key', tblMucDo: 'name', tblDonVi: 'id' };

export class InputCellError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputCellError';
  }
}

function isInputCell(table: AgencyTableName, key: string, row: Record<string, Scalar>): boolean {
  if (!(table in INPUT_COLUMNS)) return false;
  if (!INPUT_COLUMNS[table as InputTable].includes(key)) return false;
  if (table === 'tblThongTin' && NOT_TYPED_INFO_ROWS.includes(String(row.key))) return false;
  return !(CALCULATED_COLUMNS[table] ?? []).includes(key);
}

/** The cells to write for the entries; throws InputCellError naming the first table, row or column that does not exist or is not an input. */
export function agencyInputPatches(read: ReadAgencyTables, inputs: AgencyInputs | AnyTableInputs, options: SetInputsOptions = {}): SheetCellPatch[] {
  const patches: SheetCellPatch[] = [];
  for (const [tableName, rows] of Object.entries(inputs)) {
    const table = tableName as AgencyTableName;
    const identity = options.overwriteLocked ? LOCKED_IDENTITY[table] : ROW_IDENTITY[table as InputTable];
    const snap = read.snapshots[table];
    const data = read.tables[table];
    if (!identity || !snap || !data) throw new InputCellError(`Bảng ${table} không có hoặc không phải bảng nhập liệu.`);
    for (const [id, values] of Object.entries(rows ?? {})) {
      const i = data.findIndex((r) => String(r[identity] ?? '') === id);
      if (i < 0) throw new InputCellError(`Bảng ${table} không có dòng ${identity} = ${id}.`);
      for (const [key, value] of Object.entries(values)) {
        const col = read.columns[table]?.[key];
        if (col === undefined) throw new InputCellError(`Bảng ${table} không có cột ${key}.`);
        if (!options.overwriteLocked && !isInputCell(table, key, data[i])) throw new InputCellError(`${table}[${id}].${key} không phải ô nhập liệu.`);
        patches.push({ sheet: snap.sheetName, address: cellAddress(snap.row + 1 + i, snap.col + col), value });
      }
    }
  }
  return patches;
}
