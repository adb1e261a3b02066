import { strToU8, Zip, ZipDeflate, ZipPassThrough, zipSync, type Zippable } from 'fflate';

/**
 * Small .xlsx packages written by hand from XML strings, so each test shows exactly the markup a
 * producer wrote. `workbook()` fills in the usual parts; any part can be replaced or added.
 */

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const xml = (body: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;

export function rels(list: Array<{ id: string; type: string; target: string }>): string {
  return xml(`<Relationships xmlns="${PKG_REL}">${list.map((r) => `<Relationship Id="${r.id}" Type="${REL_TYPE}/${r.type}" Target="${r.target}"/>`).join('')}</Relationships>`);
}

export interface SheetSpec {
  name: string;
  /** The <sheetData> content (or the whole worksheet when it starts with "<?xml" / "<x:"). */
  data: string;
  state?: string;
  tables?: string[];
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  sharedStrings?: string[] | string;
  styles?: string;
  definedNames?: string;
  workbookPr?: string;
  /** Extra or replaced parts, by name; null removes a part. */
  parts?: Record<string, string | Uint8Array | null>;
}

/** A table part: name, ref and columns (headerRowCount / totalsRowCount when given). */
export function table(id: number, name: string, ref: string, columns: string[], extra = ''): string {
  const cols = columns.map((c, i) => `<tableColumn id="${i + 1}" name="${c}"/>`).join('');
  return xml(`<table xmlns="${MAIN}" id="${id}" name="${name}" displayName="${name}" ref="${ref}"${extra}><tableColumns count="${columns.length}">${cols}</tableColumns></table>`);
}

export function workbookParts(spec: WorkbookSpec): Record<string, string | Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml': xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': rels([{ id: 'rId1', type: 'officeDocument', target: 'xl/workbook.xml' }]),
  };
  const wbRels: Array<{ id: string; type: string; target: string }> = [];
  const sheetsXml = spec.sheets
    .map((s, i) => {
      wbRels.push({ id: `rId${i + 1}`, type: 'worksheet', target: `worksheets/sheet${i + 1}.xml` });
      const whole = s.data.startsWith('<?xml') || s.data.startsWith('<x:');
      parts[`xl/worksheets/sheet${i + 1}.xml`] = whole ? s.data : xml(`<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${s.data}</sheetData>${s.tables ? `<tableParts count="${s.tables.length}">${s.tables.map((_, j) => `<tablePart r:id="rT${j + 1}"/>`).join('')}</tableParts>` : ''}</worksheet>`);
      if (s.tables) parts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = rels(s.tables.map((t, j) => ({ id: `rT${j + 1}`, type: 'table', target: t })));
      return `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`;
    })
    .join('');
  if (spec.sharedStrings !== undefined) {
    wbRels.push({ id: 'rIdS', type: 'sharedStrings', target: 'sharedStrings.xml' });
    parts['xl/sharedStrings.xml'] =
      typeof spec.sharedStrings === 'string' ? spec.sharedStrings : xml(`<sst xmlns="${MAIN}">${spec.sharedStrings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}</sst>`);
  }
  if (spec.styles !== undefined) {
    wbRels.push({ id: 'rIdY', type: 'styles', target: 'styles.xml' });
    parts['xl/styles.xml'] = spec.styles;
  }
  parts['xl/workbook.xml'] = xml(
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${spec.workbookPr ?? ''}<sheets>${sheetsXml}</sheets>${spec.definedNames ? `<definedNames>${spec.definedNames}</definedNames>` : ''}</workbook>`,
  );
  parts['xl/_rels/workbook.xml.rels'] = rels(wbRels);
  for (const [name, content] of Object.entries(spec.parts ?? {})) {
    if (content === null) delete parts[name];
    else parts[name] = content;
  }
  return parts;
}

export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(parts)) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files);
}

export const workbook = (spec: WorkbookSpec): Uint8Array => zipParts(workbookParts(spec));

/** A workbook whose one sheet (with a table, so it must be parsed) holds `rows` empty rows, deflated as it is generated. */
export function emptyRowsWorkbook(rows: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  const parts = workbookParts({ sheets: [{ name: 'S', tables: ['../tables/table1.xml'], data: '' }], parts: { 'xl/tables/table1.xml': table(1, 'tblChiTieu', 'A1:B3', ['Mã', 'Tên']) } });
  for (const [name, content] of Object.entries(parts)) {
    if (name === 'xl/worksheets/sheet1.xml') continue;
    const file = new ZipPassThrough(name);
    zip.add(file);
    file.push(typeof content === 'string' ? strToU8(content) : content, true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
  zip.add(sheet);
  sheet.push(strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`));
  const block = strToU8('<row/>'.repeat(100_000));
  for (let done = 0; done < rows; done += 100_000) sheet.push(block);
  sheet.push(strToU8('</sheetData><tableParts count="1"><tablePart r:id="rT1"/></tableParts></worksheet>'), true);
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
