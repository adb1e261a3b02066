import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Edits of an .xlsx package the way other producers or users leave it: parts rewritten as text.
 * For tests only: each edit states what real program or user action it stands for.
 */

export type Parts = Record<string, Uint8Array>;

export function editParts(bytes: Uint8Array, edit: (parts: Parts, text: (name: string) => string, put: (name: string, xml: string) => void) => void): Uint8Array {
  const parts = unzipSync(bytes);
  edit(
    parts,
    (name) => strFromU8(parts[name]),
    (name, xml) => {
      parts[name] = strToU8(xml);
    },
  );
  return zipSync(parts);
}

export const partNames = (bytes: Uint8Array): string[] => Object.keys(unzipSync(bytes));

export const partsOf = (bytes: Uint8Array): Parts => unzipSync(bytes);

/** The worksheet part of a sheet, from workbook.xml and its relationships. */
export function sheetPart(parts: Parts, sheetName: string): string {
  const wb = strFromU8(parts['xl/workbook.xml']);
  const rels = strFromU8(parts['xl/_rels/workbook.xml.rels']);
  const esc = sheetName.replace(/&/g, '&amp;').replace(/'/g, '&apos;');
  const sheet = new RegExp(`<sheet [^>]*name="${esc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`).exec(wb)?.[0];
  const id = sheet && /r:id="([^"]+)"/.exec(sheet)?.[1];
  const target = id && new RegExp(`<Relationship [^>]*Id="${id}"[^>]*>`).exec(rels)?.[0].match(/Target="([^"]+)"/)?.[1];
  if (!target) throw new Error(`no sheet ${sheetName}`);
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The table part that defines a table, by name. */
export function tablePart(parts: Parts, table: string): string {
  const name = Object.keys(parts).find((p) => /^xl\/tables\/[^/]+\.xml$/.test(p) && new RegExp(`<table [^>]*name="${table}"`).test(strFromU8(parts[p])));
  if (!name) throw new Error(`no table ${table}`);
  return name;
}
