import { checkCatalogue, editThreshold, emptyCatalogue, type CatalogueCheck, type ThresholdEdit } from '../domain/catalogue';
import type { IndexVersion, MaturityLevel } from '../domain/types';
import { isBlank, type Scalar } from '../domain/values';
import { YES } from '../domain/vocabulary';
import { INDEX_VERSIONS } from '../indexes/index-versions';
import { buildCatalogueWorkbookSpec, CATALOGUE_HEADERS, catalogueInputFromSnapshots } from '../workbook/catalogue-sheet';
import type { Lang } from '../workbook/labels';
import type { IsSetSupported } from './host';
import { queueSheetStates, unprotectWhile } from './protection';
import { readWorkbook } from './read';
import { renderWorkbookSpec, type RenderResult } from './render';

/**
 * The "Bộ tiêu chí" sheet in the live workbook: create it empty for a version, read and check it
 * (the same domain check as the CLI), and edit a level threshold with its history row — each one
 * Excel.run with a fixed number of syncs.
 */

export async function createCatalogueSheet(
  context: Excel.RequestContext,
  version: IndexVersion,
  o: { lang: Lang; replaceExisting: boolean; isSetSupported: IsSetSupported; onProgress?: (fraction: number, message: string) => void },
): Promise<RenderResult> {
  const spec = buildCatalogueWorkbookSpec(emptyCatalogue(version), version, o.lang);
  return renderWorkbookSpec(context, spec, { replaceExisting: o.replaceExisting, isSetSupported: o.isSetSupported, lang: o.lang, onProgress: o.onProgress, activeSheetKey: 'catalogue' });
}

/** Reads every table (2 syncs) and checks the catalogue found among them. */
export async function readCatalogueFromWorkbook(context: Excel.RequestContext, indexVersionId?: string): Promise<CatalogueCheck & { syncs: number }> {
  const read = await readWorkbook(context, { expected: { tables: [], names: [] } });
  return { ...checkCatalogue(catalogueInputFromSnapshots(read.snapshots, { indexVersion: indexVersionId }), INDEX_VERSIONS), syncs: read.syncs };
}

export interface ThresholdEditRequest {
  level: number;
  minScore?: number;
  verified?: boolean;
  who: string;
  /** dd/mm/yyyy hh:mm as the user's clock shows it. */
  at: string;
}

export class CatalogueSheetMissingError extends Error {
  constructor(lang: Lang) {
    super(
      lang === 'vi'
        ? 'Sổ tính chưa có trang Bộ tiêu chí (với bảng ngưỡng mức độ và lịch sử sửa): hãy tạo trang Bộ tiêu chí trước.'
        : 'The workbook has no criteria catalogue sheet (with its level thresholds and edit history): create it first.',
    );
    this.name = 'CatalogueSheetMissingError';
  }
}

const norm = (s: Scalar) => String(s ?? '').replace(/[\s\u00a0]+/g, ' ').trim().toLocaleLowerCase('vi');

/** Column index of each key in a header row, by either language's header or the key. */
function columnsOf(table: 'tblNguong' | 'tblLichSu', headers: Scalar[]): Record<string, number> {
  const out: Record<string, number> = {};
  headers.forEach((h, i) => {
    for (const lang of ['vi', 'en'] as const) {
      for (const [key, text] of Object.entries(CATALOGUE_HEADERS[lang][table])) if (out[key] === undefined && (norm(text) === norm(h) || norm(key) === norm(h))) out[key] = i;
    }
  });
  return out;
}

/**
 * Changes one level's threshold and/or verified flag and appends who, when, old → new to the
 * history: one sync reads both tables, one writes. Nothing is written when nothing changes.
 */
export async function editThresholdInWorkbook(context: Excel.RequestContext, edit: ThresholdEditRequest, lang: Lang): Promise<{ syncs: number; recorded: ThresholdEdit[] }> {
  const levelsTable = context.workbook.tables.getItemOrNullObject('tblNguong');
  const historyTable = context.workbook.tables.getItemOrNullObject('tblLichSu');
  const states = queueSheetStates(context);
  const levelsHeader = levelsTable.getHeaderRowRange().load('values');
  const levelsBody = levelsTable.getDataBodyRange().load('values');
  const historyHeader = historyTable.getHeaderRowRange().load('values');
  const historyBody = historyTable.getDataBodyRange().load('values');
  const levelsSheet = levelsTable.worksheet.load('name');
  const historySheet = historyTable.worksheet.load('name');
  levelsTable.load('name');
  historyTable.load('name');
  await context.sync();
  if (levelsTable.isNullObject || historyTable.isNullObject) throw new CatalogueSheetMissingError(lang);

  const lc = columnsOf('tblNguong', levelsHeader.values[0] as Scalar[]);
  const hc = columnsOf('tblLichSu', historyHeader.values[0] as Scalar[]);
  const rows = levelsBody.values as Scalar[][];
  const levels: MaturityLevel[] = rows.map((r) => ({
    level: Number(r[lc.level]), name: String(r[lc.name] ?? ''), nameEn: '', minScore: Number(r[lc.minScore]),
    provenance: { verified: norm(r[lc.verified]) === norm(YES) },
  }));
  const { history } = editThreshold({ levels, history: [] }, edit);
  if (history.length === 0) return { syncs: 1, recorded: [] };

  const restore = unprotectWhile(context, states(), [levelsSheet.name, historySheet.name]);
  const at = rows.findIndex((r) => Number(r[lc.level]) === edit.level);
  for (const h of history) {
    const col = h.field === 'minScore' ? lc.minScore : lc.verified;
    levelsBody.getCell(at, col).values = [[h.newValue === null ? '' : h.newValue]];
  }
  const width = (historyHeader.values[0] as Scalar[]).length;
  const line = (h: ThresholdEdit): Array<string | number> => {
    const out: Array<string | number> = Array.from({ length: width }, () => '');
    const put = (key: string, v: Scalar) => {
      if (hc[key] !== undefined) out[hc[key]] = v === null || typeof v === 'boolean' || typeof v === 'object' ? String(v ?? '') : v;
    };
    put('at', h.at);
    put('who', h.who);
    put('level', h.level);
    put('field', h.field);
    put('oldValue', h.oldValue);
    put('newValue', h.newValue);
    return out;
  };
  const lines = history.map(line);
  // A new sheet's history holds one blank row: the first edit goes there, the rest are appended.
  const body = historyBody.values as Scalar[][];
  const blankFirst = body.length === 1 && body[0].every((v) => isBlank(v));
  if (blankFirst) historyBody.getRow(0).values = [lines[0]];
  const rest = blankFirst ? lines.slice(1) : lines;
  if (rest.length > 0) historyTable.rows.add(undefined, rest);
  restore();
  await context.sync();
  return { syncs: 2, recorded: history };
}
