import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkWorkbook } from '../../src/app/agency';
import { prepareMerge, type MergeSource } from '../../src/app/merge';
import { sampleWorkbook, SAMPLES } from '../../src/cli/commands/samples';
import type { Consolidation } from '../../src/domain/consolidate';
import { OFFICIAL_DATA } from '../../src/plans/official-data';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { readWorkbookBytes, readWorkbookFile } from '../../src/xlsx/read-file';
import { findSoffice, startLibreOffice, type LibreOffice } from '../helpers/libreoffice';
import { OPENPYXL_PYTHON } from '../helpers/openpyxl';
import { strFromU8 } from 'fflate';
import { editParts, partsOf, sheetPart, tablePart, type Parts } from './helpers/package-edit';

/**
 * A filled agency workbook as other programs and ordinary user actions leave it must give exactly
 * the findings and the merge results of the untouched file: the reader finds tables by name and
 * columns by key, and skips what it does not need.
 */

const NOW = new Date(2025, 10, 28, 9);
const TODAY = 46_000;
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** What a finding says, wherever its sheet is now called. */
const findingsOf = (bytes: Uint8Array) =>
  checkWorkbook(readWorkbookBytes(bytes), OFFICIAL_DATA, TODAY).findings.map((f) => `${f.severity} ${f.code} ${f.table}.${f.key}#${f.row} ${f.address} ${JSON.stringify(f.value)}`);

const decisions = (c: Consolidation) => ({
  year: c.year,
  sources: c.sources.map((s) => [s.state, s.code, s.unitId, s.errors, s.warnings, s.mismatches]),
  targets: c.targets.map((t) => [t.target.code, t.value, t.status]),
  tasks: c.tasks.map((t) => [t.task.no, t.state, t.progress]),
  index: c.indexRows.map((r) => [r.unitId, r.total, r.level, r.rank]),
  mismatches: c.mismatches.map((m) => [m.unitId, m.table, m.key, m.rowKey, m.kind]),
});

async function merged(files: Uint8Array[]): Promise<Consolidation> {
  const sources: MergeSource[] = files.map((bytes, i) => ({ name: `f${i}.xlsx`, load: () => Promise.resolve({ bytes, modifiedAt: '2025-11-20T00:00:00.000Z' }) }));
  return (await prepareMerge(sources, {}, { reader: readWorkbookFile, data: OFFICIAL_DATA, now: NOW, generator: 'test' })).consolidation;
}

// ---- what other programs and users do to a file ---------------------------------------------

/** Table filters (values, custom, dynamic) and a sort, with the filtered rows hidden, as Excel saves them. */
function withFiltersAndSort(parts: Parts, text: (n: string) => string, put: (n: string, x: string) => void) {
  const part = tablePart(parts, 'tblNhiemVu');
  const xml = text(part);
  const ref = /<table [^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/.exec(xml)!;
  const [, c1, r1, , r2] = ref;
  const filter =
    `<autoFilter ref="${c1}${r1}:${ref[3]}${r2}">` +
    '<filterColumn colId="6"><filters blank="1"><filter val="Đang thực hiện"/><filter val="Hoàn thành"/></filters></filterColumn>' +
    '<filterColumn colId="7"><customFilters and="1"><customFilter operator="greaterThanOrEqual" val="0"/></customFilters></filterColumn>' +
    '<filterColumn colId="12"><dynamicFilter type="thisYear"/></filterColumn></autoFilter>' +
    `<sortState ref="${c1}${Number(r1) + 1}:${ref[3]}${r2}"><sortCondition descending="1" ref="H${Number(r1) + 1}:H${r2}"/></sortState>`;
  put(part, xml.replace(/<autoFilter\b[^>]*\/>|<autoFilter\b[\s\S]*?<\/autoFilter>/, filter));
  // A filtered-out row is hidden, and still data.
  const sheet = sheetPart(parts, 'Nhiệm vụ');
  put(sheet, text(sheet).replace(new RegExp(`<row r="${Number(r1) + 2}"`), `<row r="${Number(r1) + 2}" hidden="1"`));
}

/** Validation over a whole column and over the whole sheet (what Excel writes for "select all, add a rule"). */
function withWholeSheetValidation(parts: Parts, text: (n: string) => string, put: (n: string, x: string) => void) {
  for (const name of ['Nhiệm vụ', 'Chỉ tiêu']) {
    const sheet = sheetPart(parts, name);
    const rules =
      '<dataValidation type="textLength" operator="lessThan" allowBlank="1" showErrorMessage="1" sqref="A1:XFD1048576"><formula1>32000</formula1></dataValidation>' +
      '<dataValidation type="decimal" allowBlank="1" sqref="Z1:Z1048576 AA:AA"><formula1>0</formula1><formula2>1</formula2></dataValidation>';
    const xml = text(sheet);
    put(sheet, xml.includes('</dataValidations>') ? xml.replace('</dataValidations>', `${rules}</dataValidations>`) : xml.replace(/<pageMargins/, `<dataValidations count="2">${rules}</dataValidations><pageMargins`));
  }
}

/** Shared strings as the text of each <si> (runs joined, still XML-escaped). */
const sharedStrings = (xml: string) => [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => [...m[1].replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));

/** Every shared-string cell written as an inline string, as some generators do. */
function withInlineStrings(parts: Parts, text: (n: string) => string, put: (n: string, x: string) => void) {
  const sst = sharedStrings(text('xl/sharedStrings.xml'));
  for (const name of Object.keys(parts).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))) {
    put(name, text(name).replace(/<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_m, a: string, b: string, i: string) => `<c ${a}t="inlineStr"${b}><is><t xml:space="preserve">${sst[Number(i)]}</t></is></c>`));
  }
}

/** Shared strings split into formatted runs, with a phonetic run, as Excel saves a word made bold. */
function withRichText(_parts: Parts, text: (n: string) => string, put: (n: string, x: string) => void) {
  const xml = text('xl/sharedStrings.xml');
  put(
    'xl/sharedStrings.xml',
    xml.replace(/<si><t(?: xml:space="preserve")?>([^<&]{2,})<\/t><\/si>/g, (_m, t: string) => {
      const [a, b] = [t.slice(0, 1), t.slice(1)];
      return `<si><r><t xml:space="preserve">${a}</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">${b}</t></r><rPh sb="0" eb="1"><t>ヨミ</t></rPh></si>`;
    }),
  );
}

/** The main namespace bound to a prefix, as the Open XML SDK writes. */
function withPrefixedNamespace(parts: Parts, text: (n: string) => string, put: (n: string, x: string) => void) {
  const names = Object.keys(parts).filter((p) => /^xl\/(workbook|sharedStrings|styles)\.xml$|^xl\/(worksheets|tables)\/[^/]+\.xml$/.test(p));
  for (const name of names) {
    const xml = text(name);
    if (!xml.includes(`xmlns="${MAIN}"`)) continue;
    const prefixed = xml.replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`).replace(/<(\/?)([A-Za-z][\w.-]*)(?=[\s/>])/g, (m, slash: string, tag: string) => (tag === 'xml' ? m : `<${slash}x:${tag}`));
    put(name, prefixed);
  }
}

/** A sheet renamed (Excel rewrites the references to it) and two sheets swapped in the tab order. */
function withRenamedAndReorderedSheets(_parts: Parts, text: (n: string) => string, put: (n: string, x: string) => void) {
  let wb = text('xl/workbook.xml');
  wb = wb.replace(/name="Nhiệm vụ"/, 'name="NV của tôi"').replace(/'Nhiệm vụ'!/g, "'NV của tôi'!");
  const sheets = [...wb.matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
  const [i, j] = [sheets.findIndex((s) => s.includes('name="Chỉ tiêu"')), sheets.findIndex((s) => s.includes('name="Chỉ số"'))];
  const swapped = [...sheets];
  [swapped[i], swapped[j]] = [sheets[j], sheets[i]];
  wb = wb.replace(sheets.join(''), swapped.join(''));
  // Sheet-scoped names (print titles) follow their sheet's new position.
  wb = wb.replace(/localSheetId="(\d+)"/g, (_m, n: string) => `localSheetId="${Number(n) === i ? j : Number(n) === j ? i : Number(n)}"`);
  put('xl/workbook.xml', wb);
}

/** A sheet the user added, with a table of their own. */
function withUserSheet(parts: Parts, text: (n: string) => string, put: (n: string, x: string) => void) {
  put(
    'xl/worksheets/sheetUser.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>` +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c><c r="B1" t="inlineStr"><is><t>Ghi chú riêng</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>CT1</t></is></c><c r="B2" t="inlineStr"><is><t>=bản nháp</t></is></c></row>' +
      '</sheetData><tableParts count="1"><tablePart r:id="rIdU1"/></tableParts></worksheet>',
  );
  put('xl/worksheets/_rels/sheetUser.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdU1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/tableUser.xml"/></Relationships>');
  put('xl/tables/tableUser.xml', `<?xml version="1.0" encoding="UTF-8"?><table xmlns="${MAIN}" id="99" name="tblGhiChuRieng" displayName="tblGhiChuRieng" ref="A1:B2"><autoFilter ref="A1:B2"/><tableColumns count="2"><tableColumn id="1" name="Mã"/><tableColumn id="2" name="Ghi chú riêng"/></tableColumns></table>`);
  put('xl/workbook.xml', text('xl/workbook.xml').replace('</sheets>', '<sheet name="Ghi chú của tôi" sheetId="99" r:id="rIdUser"/></sheets>'));
  put('xl/_rels/workbook.xml.rels', text('xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rIdUser" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheetUser.xml"/></Relationships>'));
  put(
    '[Content_Types].xml',
    text('[Content_Types].xml').replace(
      '</Types>',
      '<Override PartName="/xl/worksheets/sheetUser.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/tables/tableUser.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>',
    ),
  );
  expect(parts['xl/worksheets/sheetUser.xml']).toBeDefined();
}

/**
 * A row inserted inside a table and left empty, as Excel leaves it: the rows below move down,
 * the table grows by one row, and the calculated columns' formulas fill the new row.
 */
const withInsertedRow = (table: string, sheetName: string) => (parts: Parts, text: (n: string) => string, put: (n: string, x: string) => void) => {
  const part = tablePart(parts, table);
  const [, c1, top, c2, bottom] = /<table [^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/.exec(text(part))!;
  const at = Number(top) + 3;
  put(part, text(part).replace(/ref="[A-Z]+\d+:[A-Z]+\d+"/g, `ref="${c1}${top}:${c2}${Number(bottom) + 1}"`));
  const sheet = sheetPart(parts, sheetName);
  let xml = text(sheet).replace(/(<row r=")(\d+)(")|(<c r="[A-Z]+)(\d+)(")/g, (m, a: string, r1: string, b: string, c: string, r2: string, d: string) => {
    const r = Number(r1 ?? r2);
    return r >= at ? (a ? `${a}${r + 1}${b}` : `${c}${r + 1}${d}`) : m;
  });
  // The new row's calculated cells: the formulas of the row that moved down, results empty.
  const below = new RegExp(`<row r="${at + 1}"[^>]*>([\\s\\S]*?)</row>`).exec(xml)![1];
  const cells = [...below.matchAll(/<c r="([A-Z]+)\d+"([^>]*?)>(<f>[^<]*<\/f>)[\s\S]*?<\/c>/g)].map((m) => `<c r="${m[1]}${at}"${m[2].replace(/ t="\w+"/, '')} t="str">${m[3]}<v></v></c>`);
  xml = xml.replace(`<row r="${at + 1}"`, `<row r="${at}">${cells.join('')}</row><row r="${at + 1}"`);
  put(sheet, xml);
};

const EDITS: Array<[string, Parameters<typeof editParts>[1]]> = [
  ['table filters (filters, customFilters, dynamicFilter), a sort and a hidden row', withFiltersAndSort],
  ['whole-column and whole-sheet validation', withWholeSheetValidation],
  ['inline strings', withInlineStrings],
  ['rich text with a phonetic run', withRichText],
  ['a prefixed main namespace', withPrefixedNamespace],
  ['renamed and reordered sheets', withRenamedAndReorderedSheets],
  ['a sheet the user added, with its own table', withUserSheet],
];

describe('producer variants of a filled agency workbook read as the untouched file', () => {
  let files: Uint8Array[];
  let draft: Uint8Array;
  let baseFindings: string[];
  let baseMerge: ReturnType<typeof decisions>;
  beforeAll(async () => {
    files = [];
    for (const s of SAMPLES.filter((x) => !x.file(2025).startsWith('tong-hop'))) files.push(await sampleWorkbook(QUANG_TRI_2023, 2025, s, 'test'));
    // The draft with typical mistakes: its findings are the richest to compare.
    draft = files[SAMPLES.findIndex((s) => s.file(2025).includes('ban-nhap'))];
    baseFindings = findingsOf(draft);
    baseMerge = decisions(await merged(files));
    expect(baseFindings.some((f) => f.startsWith('error'))).toBe(true);
  });

  test.each(EDITS)('%s', async (_what, edit) => {
    const variants = files.map((f) => editParts(f, edit));
    const i = files.indexOf(draft);
    // The edit really changed the file's XML.
    const [before, after] = [partsOf(draft), partsOf(variants[i])];
    expect(Object.keys(after).some((name) => !before[name] || strFromU8(before[name]) !== strFromU8(after[name]))).toBe(true);
    expect(findingsOf(variants[i])).toEqual(baseFindings);
    expect(decisions(await merged(variants))).toEqual(baseMerge);
  });

  test.each([
    ['tblNhiemVu', 'Nhiệm vụ'],
    ['tblChiTieu', 'Chỉ tiêu'],
  ])('a row inserted inside %s and left empty', async (table, sheetName) => {
    const variants = files.map((f) => editParts(f, withInsertedRow(table, sheetName)));
    const i = files.indexOf(draft);
    const rowsOf = (bytes: Uint8Array) => readWorkbookBytes(bytes).tables.find((t) => t.name === table)!.values.length;
    expect(rowsOf(variants[i])).toBe(rowsOf(draft) + 1);
    // Cells below the new row moved down one: the findings are the same, one row lower.
    const what = (list: string[]) => list.map((f) => f.replace(/#\d+ [A-Z]+\d+ /, ' '));
    expect(what(findingsOf(variants[i]))).toEqual(what(baseFindings));
    expect(decisions(await merged(variants))).toEqual(baseMerge);
  });

  const openpyxl = OPENPYXL_PYTHON ? test : test.skip;
  if (!OPENPYXL_PYTHON) {
    console.warn('\n*** openpyxl (Debian python3-openpyxl) is missing: the openpyxl round trip is SKIPPED ***\n');
    if (process.env.PRESSDX_REQUIRE_LIBREOFFICE === '1') test('openpyxl is installed (CI installs python3-openpyxl)', () => expect(OPENPYXL_PYTHON).toBeDefined());
  }
  openpyxl('opened and saved by openpyxl, no edit (absolute relationship targets, no cached results)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressdx-openpyxl-'));
    const saved = files.map((f, k) => {
      const [src, out] = [join(dir, `in${k}.xlsx`), join(dir, `out${k}.xlsx`)];
      writeFileSync(src, f);
      execFileSync(OPENPYXL_PYTHON!, ['-c', 'import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])', src, out]);
      return new Uint8Array(readFileSync(out));
    });
    // openpyxl's absolute part names, which the standard allows.
    expect(strFromU8(partsOf(saved[0])['xl/_rels/workbook.xml.rels'])).toContain('Target="/xl/');
    expect(findingsOf(saved[files.indexOf(draft)])).toEqual(baseFindings);
    expect(decisions(await merged(saved))).toEqual(baseMerge);
  });

  const soffice = findSoffice();
  const lo = soffice ? test : test.skip;
  if (!soffice) {
    console.warn('\n*** LibreOffice is missing: the LibreOffice round trip is SKIPPED ***\n');
    if (process.env.PRESSDX_REQUIRE_LIBREOFFICE === '1') test('LibreOffice is installed (PRESSDX_REQUIRE_LIBREOFFICE=1)', () => expect(soffice).toBeDefined());
  }
  lo('opened, recalculated and saved by LibreOffice', async () => {
    const office: LibreOffice = startLibreOffice(soffice!);
    try {
      const saved = (await office.recalculate(files.map((f, k) => ({ name: `f${k}`, data: Buffer.from(f) })))).map((b) => new Uint8Array(b));
      expect(findingsOf(saved[files.indexOf(draft)])).toEqual(baseFindings);
      expect(decisions(await merged(saved))).toEqual(baseMerge);
    } finally {
      office.dispose();
    }
  });
});
