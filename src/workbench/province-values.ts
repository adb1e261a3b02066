import { sha256Bytes } from '../domain/consolidate';
import type { Scalar } from '../domain/values';
import type { WorkbookModel } from '../fake-excel';
import { lazyXlsxReader, prepareMerge, type MergeInputFile } from '../office/merge';
import { OFFICIAL_DATA } from '../plans/official-data';
import type { Lang } from '../workbook/labels';
import { buildProvinceWorkbookSpec } from '../workbook/province-spec';
import { cellAddress, type CellSpec, type WorkbookSpec } from '../workbook/spec';
import type { ComputedValues } from './computed';

/**
 * The engine's values for the province workbook's formula cells. Tổng hợp in the task pane
 * consolidates the picked files and writes formulas into the workbook; the workbook keeps no
 * values (nothing computes formulas here). The workbench sees which files the user picked (the
 * pane's file inputs), and once a province workbook is in the model it consolidates the same
 * files again with the same pure code and takes each formula cell's result from the spec. It
 * shows them only when that spec is the workbook's: the files' SHA-256 fingerprints are those of
 * the workbook's sources table, and every constant the spec writes equals the model's cell.
 */

export class PickedFiles {
  /** Every agency file picked in this session, by fingerprint-free identity (name, size, date). */
  private readonly files = new Map<string, File>();
  previous: File | null = null;

  /** Listens (capture phase) to the task pane's file inputs under `root`. */
  attach(root: Document | HTMLElement, onPick: () => void): () => void {
    const listener = (e: Event) => {
      const input = e.target;
      if (!(input instanceof HTMLInputElement) || input.type !== 'file' || !input.files) return;
      const list = Array.from(input.files);
      if (input.multiple) for (const f of list) this.files.set(`${f.name}|${f.size}|${f.lastModified}`, f);
      else if (list[0]) this.previous = list[0];
      onPick();
    };
    root.addEventListener('change', listener, true);
    return () => root.removeEventListener('change', listener, true);
  }

  all(): File[] {
    return [...this.files.values()];
  }
}

/** The SHA-256 fingerprints the workbook's sources table (tblNguon) lists, in its row order; null without one. */
export function sourceFingerprints(model: WorkbookModel): string[] | null {
  const t = model.table('tblNguon');
  if (!t) return null;
  const out: string[] = [];
  for (let r = 1; r < t.rect.rows; r++) {
    for (let c = 0; c < t.rect.cols; c++) {
      const v = t.sheet.cell(t.rect.top + r, t.rect.left + c).value;
      if (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) {
        out.push(v);
        break;
      }
    }
  }
  return out;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function sameScalar(a: Scalar | undefined, b: unknown): boolean {
  const x = a === undefined || a === '' ? null : a;
  const y = b === undefined || b === '' ? null : b;
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) < 1e-9;
  if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) return (x as { error: string }).error === (y as { error: string }).error;
  return x === y;
}

/** Every cell the spec draws, by sheet name and A1 address. */
function* specCells(spec: WorkbookSpec): Generator<{ sheet: string; address: string; cell: CellSpec }> {
  for (const s of spec.sheets) {
    for (const lc of s.cells) yield { sheet: s.name, address: cellAddress(lc.row, lc.col), cell: lc.cell };
    for (const t of s.tables) {
      for (const [i, row] of t.rows.entries()) for (const [j, cell] of row.entries()) yield { sheet: s.name, address: cellAddress(t.row + 1 + i, t.col + j), cell };
    }
  }
}

/** Constant cells where the spec and the model disagree (timestamps of generation aside). */
function mismatches(spec: WorkbookSpec, model: WorkbookModel): number {
  let n = 0;
  for (const { sheet, address, cell } of specCells(spec)) {
    if (cell.formula !== undefined) continue;
    const s = model.sheet(sheet);
    if (!s) return Infinity;
    const v = cell.value;
    if (typeof v === 'string' && ISO_TIME.test(v)) continue;
    if (!sameScalar(v, s.at(address).value)) n++;
  }
  return n;
}

const readBytes = async (f: File): Promise<Uint8Array> => new Uint8Array(await f.arrayBuffer());

/**
 * The province workbook's formula values, or null when the model holds no province workbook or
 * the picked files do not reproduce it exactly.
 */
export async function computeProvinceValues(model: WorkbookModel, picked: PickedFiles, langs: Lang[]): Promise<ComputedValues | null> {
  const shas = sourceFingerprints(model);
  if (!shas || shas.length === 0) return null;
  const bySha = new Map<string, MergeInputFile>();
  for (const f of picked.all()) {
    const bytes = await readBytes(f);
    bySha.set(sha256Bytes(bytes), { name: f.name, bytes, lastModified: f.lastModified });
  }
  if (!shas.every((s) => bySha.has(s))) return null;
  const files = shas.map((s) => bySha.get(s)!);
  const previous = picked.previous ? await readBytes(picked.previous) : undefined;
  const now = new Date();
  for (const lang of langs) {
    for (const prev of previous ? [previous, undefined] : [undefined]) {
      const prepared = await prepareMerge(files, { lang, previous: prev, previousName: prev ? picked.previous?.name : undefined }, { reader: lazyXlsxReader, data: OFFICIAL_DATA, now, onProgress: () => undefined });
      const spec = buildProvinceWorkbookSpec(prepared.consolidation, lang);
      if (mismatches(spec, model) !== 0) continue;
      const out: ComputedValues = new Map();
      for (const { sheet, address, cell } of specCells(spec)) {
        if (cell.formula === undefined) continue;
        let m = out.get(sheet);
        if (!m) out.set(sheet, (m = new Map()));
        m.set(address, { result: cell.result ?? null, formula: cell.formula });
      }
      return out;
    }
  }
  return null;
}
