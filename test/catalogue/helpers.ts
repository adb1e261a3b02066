import * as fs from 'fs';
import * as path from 'path';
import { checkCatalogue, type Catalogue } from '../../src/domain/catalogue';
import { INDEX_VERSIONS } from '../../src/indexes/index-versions';
import { catalogueInputFromSnapshots, csvToSnapshot } from '../../src/workbook/catalogue-sheet';

export const CATALOGUE_DIR = path.join(__dirname, '..', 'fixtures', 'catalogues');

export const fixtureText = (name: string) => fs.readFileSync(path.join(CATALOGUE_DIR, name), 'utf8');

/** Reads and checks a CSV fixture for a version, as the CLI does. */
export function checkFixture(name: string, indexVersion: string) {
  const input = catalogueInputFromSnapshots([csvToSnapshot(fixtureText(name), name)], { indexVersion, textSource: true });
  return checkCatalogue(input, INDEX_VERSIONS);
}

/** A synthetic (made-up) catalogue that passed the check. */
export function synthetic(indexVersion: '951-2023' | '1827-2024'): Catalogue {
  const file = indexVersion === '951-2023' ? 'synthetic-951-42.csv' : 'synthetic-1827-43.csv';
  const { catalogue, findings } = checkFixture(file, indexVersion);
  if (!catalogue) throw new Error(`fixture ${file} rejected: ${findings.map((f) => f.messageEn).join('; ')}`);
  return catalogue;
}
