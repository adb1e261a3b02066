/** Shared by the CLI and end-to-end tests: agency files built the way users make them, and the CLI run in-process. */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import type { Scalar } from '../../src/domain/values';
import { indexVersionForYear } from '../../src/indexes/index-versions';
import { OFFICIAL_DATA } from '../../src/plans/official-data';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import type { TableSnapshot } from '../../src/workbook/read';
import { writeAgencyTemplate } from '../../src/xlsx';
import { fillFileContent, typeAgencyInputs } from '../../src/xlsx/fill';
import type { AgencyInputs, AnyTableInputs } from '../../src/xlsx/inputs';
import { patchWorkbookCells } from '../../src/xlsx/patch';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { recordingIO } from '../cli/recording-io';
import { findSoffice } from '../helpers/libreoffice';
export { errorCells } from '../helpers/xlsx-xml';

export const PLAN = QUANG_TRI_2023;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI in-process (the same main() bin/pressdx.js calls), with the real clock. */
export async function cli(cwd: string, ...args: string[]): Promise<CliRun> {
  const io = recordingIO(cwd, new Date());
  const code = await main(args, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

export async function cliJson<T>(cwd: string, ...args: string[]): Promise<{ code: number; json: T; stderr: string }> {
  const r = await cli(cwd, ...args, '--json');
  try {
    return { code: r.code, json: JSON.parse(r.stdout) as T, stderr: r.stderr };
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`);
  }
}

export const sha256File = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export interface AgencyFileSpec {
  unitId: string;
  year: number;
  inputs: AgencyInputs;
  /** Cells typed over formulas or plan data, by row identity (after Tính toán, like a user editing a saved file). */
  overwrite?: AnyTableInputs;
  /** Named cells (TongDiem, MucDo) typed over. */
  named?: Record<string, Scalar>;
  /** Run Tính toán before the overwrites, as the add-in does on save; otherwise the template's cached results stay. */
  fill?: boolean;
  submittedToday?: number;
}

const templates = new Map<string, Uint8Array>();

/** A template from the ExcelJS writer, cached per unit and year. */
export async function template(unitId: string, year: number): Promise<Uint8Array> {
  const key = `${unitId}/${year}`;
  if (!templates.has(key)) {
    templates.set(key, await writeAgencyTemplate({ plan: PLAN, index: indexVersionForYear(year), year, unitId, lang: 'vi', generatedAt: `${year}-11-01T00:00:00Z`, generator: 'test' }));
  }
  return templates.get(key)!;
}

/** Types the entries into a template (and optionally over locked cells) and returns the saved bytes. */
export async function agencyWorkbook(spec: AgencyFileSpec, base?: Uint8Array): Promise<Uint8Array> {
  let bytes = typeAgencyInputs(base ?? (await template(spec.unitId, spec.year)), spec.inputs);
  if (spec.fill) bytes = fillFileContent(bytes, readWorkbookBytes(bytes), OFFICIAL_DATA, spec.submittedToday ?? 0).bytes;
  if (spec.overwrite) bytes = typeAgencyInputs(bytes, spec.overwrite, { overwriteLocked: true });
  const named = Object.entries(spec.named ?? {});
  if (named.length > 0) {
    // The reader reads the named cells the use cases look at (TongDiem, MucDo).
    const { file, namedCells: cells } = readWorkbookBytes(bytes);
    bytes = patchWorkbookCells(
      bytes,
      file,
      named.map(([name, value]) => {
        const cell = cells[name];
        if (!cell) throw new Error(`no name ${name}`);
        return { sheet: cell.sheet, address: cell.address, value: value !== null && typeof value === 'object' ? null : value };
      }),
    );
  }
  return bytes;
}

/** Rows by column key of a table in a workbook whose tblCot records the headers (province workbook). */
export function rowsByKey(snapshots: TableSnapshot[], table: string): Array<Record<string, { value: Scalar; formula: string | null }>> {
  const snap = snapshots.find((s) => s.name === table);
  const cot = snapshots.find((s) => s.name === 'tblCot');
  if (!snap || !cot) throw new Error(`no table ${table}`);
  const keyOf = new Map(cot.values.filter((r) => r[0] === table).map((r) => [String(r[2]), String(r[1])]));
  return snap.values.map((values, i) => {
    const row: Record<string, { value: Scalar; formula: string | null }> = {};
    snap.headers.forEach((h, j) => {
      const key = keyOf.get(h);
      if (key) row[key] = { value: values[j] ?? null, formula: snap.formulas[i][j] ?? null };
    });
    return row;
  });
}

export function provinceTables(bytes: Uint8Array): (table: string) => Array<Record<string, { value: Scalar; formula: string | null }>> {
  const { tables } = readWorkbookBytes(bytes);
  return (table) => rowsByKey(tables, table);
}

/** Excel's equality for the comparisons: blanks alike, numbers within rounding. */
export function same(a: Scalar | undefined, b: Scalar | undefined): boolean {
  const blank = (v: Scalar | undefined) => v === null || v === undefined || v === '';
  if (blank(a) && blank(b)) return true;
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  return a === b;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), prefix));
}

/**
 * LibreOffice for a test file, or undefined with a loud warning; with PRESSDX_REQUIRE_LIBREOFFICE=1
 * a missing LibreOffice fails the run instead (CI sets it).
 */
export function libreOfficeFor(what: string): string | undefined {
  const soffice = findSoffice();
  if (!soffice) {
    console.warn(`\n${'!'.repeat(78)}\n!!  LibreOffice (soffice) NOT FOUND: ${what} is NOT checked against a spreadsheet.\n!!  Install LibreOffice or set PRESSDX_SOFFICE.\n${'!'.repeat(78)}\n`);
    if (process.env.PRESSDX_REQUIRE_LIBREOFFICE === '1') {
      it('LibreOffice is installed (PRESSDX_REQUIRE_LIBREOFFICE=1)', () => expect(findSoffice()).toBeDefined());
    }
  }
  return soffice;
}
