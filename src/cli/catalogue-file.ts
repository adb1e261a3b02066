import * as path from 'path';
import { checkCatalogue, type CatalogueCheck } from '../domain/catalogue';
import type { CodeMapping } from '../domain/migrate';
import { INDEX_VERSIONS } from '../indexes/index-versions';
import { catalogueInputFromSnapshots, csvToSnapshot } from '../workbook/catalogue-sheet';
import { mappingFromSnapshots } from '../workbook/migration';
import type { TableSnapshot } from '../workbook/read';
import { readWorkbookBytes } from '../xlsx/read-file';
import { XlsxReadError } from '../xlsx/reader';
import { readBoundedFile, readerMessage, UnreadableFile } from './commands/shared';
import type { Bilingual } from './messages';

/**
 * Catalogue and mapping files for the CLI: .csv (UTF-8, BOM or not, comma or semicolon) or .xlsx
 * (a "Bộ tiêu chí" sheet, an agency workbook carrying one, or any table with the criteria columns).
 */

const notSupported = (file: string): Bilingual => ({
  vi: `"${file}": chỉ đọc được tệp .xlsx hoặc .csv.`,
  en: `"${file}": only .xlsx or .csv files can be read.`,
});

async function tablesOf(file: string): Promise<{ snapshots: TableSnapshot[]; csv: boolean }> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new UnreadableFile(notSupported(file));
  const { bytes } = await readBoundedFile(file);
  if (ext === '.csv') return { snapshots: [csvToSnapshot(bytes.toString('utf8'), path.basename(file))], csv: true };
  try {
    return { snapshots: readWorkbookBytes(bytes).tables, csv: false };
  } catch (e) {
    if (e instanceof XlsxReadError) throw new UnreadableFile(readerMessage(file, e));
    throw e;
  }
}

/** Reads and checks a catalogue file against a version (or the one its settings table names). */
export async function readCatalogueFile(file: string, indexVersion?: string): Promise<CatalogueCheck> {
  const { snapshots, csv } = await tablesOf(file);
  return checkCatalogue(catalogueInputFromSnapshots(snapshots, { indexVersion, textSource: csv }), INDEX_VERSIONS);
}

export async function readMappingFile(file: string): Promise<CodeMapping[]> {
  const { snapshots } = await tablesOf(file);
  const mapping = mappingFromSnapshots(snapshots);
  if (!mapping) {
    throw new UnreadableFile({
      vi: `"${file}": không thấy bảng ánh xạ có hai cột "Mã cũ" và "Mã mới".`,
      en: `"${file}": no mapping table with the columns "Mã cũ" (old code) and "Mã mới" (new code).`,
    });
  }
  return mapping;
}
