import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { checkWorkbook } from '../../src/app/agency';
import { prepareMerge } from '../../src/app/merge';
import { sampleWorkbook, SAMPLES } from '../../src/cli/commands/samples';
import { main, terminalSafe } from '../../src/cli/main';
import { mergeFiles } from '../../src/cli/commands/merge';
import { OFFICIAL_DATA } from '../../src/plans/official-data';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { fillFileContent } from '../../src/xlsx/fill';
import { readWorkbookBytes, readWorkbookFile } from '../../src/xlsx/read-file';
import { humanReport } from '../../src/cli/commands/check';
import type { Finding } from '../../src/domain/check';
import { recordingIO } from '../cli/recording-io';
import { emptyRowsWorkbook } from '../xlsx/reader/build';
import { editParts, partsOf, sheetPart, tablePart } from '../xlsx/helpers/package-edit';

/** Damage a reader cannot repair is an error, named; text from files is kept whole and never reaches a terminal raw. */

const NOW = new Date(2025, 10, 28, 9);
const TODAY = 46_000;

describe('structural damage', () => {
  let bqt: Uint8Array;
  beforeAll(async () => {
    bqt = await sampleWorkbook(QUANG_TRI_2023, 2025, SAMPLES[0], 'test');
  });

  test('a draft copy of tblChiTieu is an error naming both sheets, and the file is not merged', async () => {
    const copy = editParts(bqt, (parts, text, put) => {
      // The same table part registered again under a second sheet: two tables named tblChiTieu.
      const part = tablePart(parts, 'tblChiTieu');
      put(part.replace(/(\d+)\.xml$/, '99.xml'), text(part).replace(/ id="\d+"/, ' id="99"'));
      const sheet = sheetPart(parts, 'Chỉ tiêu');
      const rels = sheet.replace('worksheets/', 'worksheets/_rels/') + '.rels';
      put('xl/worksheets/sheetDraft.xml', text(sheet).replace(/<tableParts[\s\S]*?<\/tableParts>/, '<tableParts count="1"><tablePart r:id="rIdDraft"/></tableParts>'));
      put('xl/worksheets/_rels/sheetDraft.xml.rels', `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdDraft" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/${part.split('/').pop()!.replace(/(\d+)\.xml$/, '99.xml')}"/></Relationships>`);
      expect(text(rels)).toContain('table');
      put('xl/workbook.xml', text('xl/workbook.xml').replace('</sheets>', '<sheet name="Chỉ tiêu (nháp)" sheetId="98" r:id="rIdDraftSheet"/></sheets>'));
      put('xl/_rels/workbook.xml.rels', text('xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rIdDraftSheet" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheetDraft.xml"/></Relationships>'));
    });
    const report = checkWorkbook(readWorkbookBytes(copy), OFFICIAL_DATA, TODAY);
    const dup = report.findings.find((f) => f.code === 'duplicateTable');
    expect(dup).toMatchObject({ severity: 'error', table: 'tblChiTieu' });
    expect(dup!.messageVi).toContain('"Chỉ tiêu (nháp)"');
    expect(dup!.messageVi).toMatch(/^Bảng Chỉ tiêu có 2 bản/);
    expect(`${dup!.messageVi} ${dup!.messageEn}`).not.toMatch(/\btbl[A-Z]/);
    const c = (await prepareMerge([{ name: 'a.xlsx', load: () => Promise.resolve({ bytes: copy }) }], {}, { reader: readWorkbookFile, data: OFFICIAL_DATA, now: NOW, generator: 't' })).consolidation;
    expect(c.sources[0]).toMatchObject({ state: 'excluded', code: 'missingStructure' });
  });

  test('deleted indicator rows are an error listing them, and the file is not merged', async () => {
    const cut = editParts(bqt, (parts, text, put) => {
      const part = tablePart(parts, 'tblChiTieu');
      const [, col1, top, col2, bottom] = /ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/.exec(text(part))!;
      const newBottom = Number(bottom) - 10;
      put(part, text(part).replace(/ref="[A-Z]+\d+:[A-Z]+\d+"/g, `ref="${col1}${top}:${col2}${newBottom}"`));
      const sheet = sheetPart(parts, 'Chỉ tiêu');
      put(sheet, text(sheet).replace(/<row r="(\d+)"[\s\S]*?<\/row>/g, (row, r: string) => (Number(r) > newBottom && Number(r) <= Number(bottom) ? '' : row)));
    });
    const report = checkWorkbook(readWorkbookBytes(cut), OFFICIAL_DATA, TODAY);
    const missing = report.findings.filter((f) => f.code === 'missingPlanRow');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ severity: 'error', table: 'tblChiTieu' });
    expect(missing[0].messageVi).toMatch(/^Bảng Chỉ tiêu thiếu 10 dòng/);
    expect(missing[0].messageEn).toMatch(/^The Indicators table lacks 10 row/);
    const c = (await prepareMerge([{ name: 'a.xlsx', load: () => Promise.resolve({ bytes: cut }) }], {}, { reader: readWorkbookFile, data: OFFICIAL_DATA, now: NOW, generator: 't' })).consolidation;
    expect(c.sources[0]).toMatchObject({ state: 'excluded', code: 'missingStructure' });
  });
});

/** A header typed over in Excel: the cell, the table column's name and every structured reference to it change together. */
function renameHeaderAsExcel(bytes: Uint8Array, table: string, sheetName: string, cell: string, from: string, to: string): Uint8Array {
  return editParts(bytes, (parts, text, put) => {
    const part = tablePart(parts, table);
    put(part, text(part).replace(`name="${from}"`, `name="${to}"`));
    const sheet = sheetPart(parts, sheetName);
    put(sheet, text(sheet).replace(new RegExp(`<c r="${cell}"([^>]*?) t="s"([^>]*)>.*?</c>`), `<c r="${cell}"$1 t="inlineStr"$2><is><t>${to}</t></is></c>`));
    for (const p of Object.keys(parts).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))) put(p, text(p).split(`${table}[${from}]`).join(`${table}[${to}]`));
  });
}

describe('everyday damage', () => {
  let bqt: Uint8Array;
  let renamed: Uint8Array;
  beforeAll(async () => {
    bqt = await sampleWorkbook(QUANG_TRI_2023, 2025, SAMPLES[0], 'test');
    renamed = renameHeaderAsExcel(bqt, 'tblChiTieu', 'Chỉ tiêu', 'D4', 'Giá trị', 'Giá trị 2025');
  });

  test('a renamed column header is one finding at the header cell, not a missing value per row', () => {
    const intact = checkWorkbook(readWorkbookBytes(bqt), OFFICIAL_DATA, TODAY).findings;
    const findings = checkWorkbook(readWorkbookBytes(renamed), OFFICIAL_DATA, TODAY).findings;
    const column = findings.filter((f) => f.code === 'missingColumn');
    expect(column).toHaveLength(1);
    expect(column[0]).toMatchObject({ severity: 'error', table: 'tblChiTieu', key: 'value', sheet: 'Chỉ tiêu', address: 'D4', value: 'Giá trị 2025' });
    expect(column[0].messageVi).toBe('Tiêu đề cột "Giá trị" của bảng Chỉ tiêu đã bị đổi thành "Giá trị 2025", nên PressDX không đọc được cột này; các kiểm tra khác của bảng tạm dừng. Hãy đổi tiêu đề lại thành "Giá trị".');
    expect(column[0].messageEn).toContain('was changed to "Giá trị 2025"');
    // Nothing else is said of the damaged table; the rest of the workbook is checked as before.
    expect(findings.filter((f) => f.table === 'tblChiTieu' && f.code !== 'missingColumn')).toEqual([]);
    const elsewhere = (fs: Finding[]) => fs.filter((f) => f.table !== 'tblChiTieu').map((f) => `${f.code} ${f.sheet}!${f.address}`);
    expect(elsewhere(findings)).toEqual(elsewhere(intact));
  });

  test('a deleted column is one finding naming its header', () => {
    const cut = editParts(bqt, (parts, text, put) => {
      // Minh chứng (the fifth column) removed from the table's definition, as after deleting it.
      const part = tablePart(parts, 'tblChiTieu');
      put(part, text(part).replace(/<tableColumn id="5" name="Minh chứng"[^>]*\/>/, '').replace('<tableColumns count="6">', '<tableColumns count="5">').replace(/ref="A4:F(\d+)"/g, 'ref="A4:E$1"'));
      const sheet = sheetPart(parts, 'Chỉ tiêu');
      put(sheet, text(sheet).replace(/<c r="E(\d+)"[^>]*?(\/>|>.*?<\/c>)/g, '').replace(/<c r="F(\d+)"/g, '<c r="E$1"'));
    });
    const column = checkWorkbook(readWorkbookBytes(cut), OFFICIAL_DATA, TODAY).findings.filter((f) => f.table === 'tblChiTieu');
    expect(column).toHaveLength(1);
    expect(column[0]).toMatchObject({ code: 'missingColumn', key: 'evidence', sheet: 'Chỉ tiêu', address: 'A4' });
    expect(column[0].messageVi).toBe('Bảng Chỉ tiêu không còn cột "Minh chứng" (cột đã bị xóa hoặc đổi tiêu đề); các kiểm tra khác của bảng tạm dừng. Hãy thêm lại cột hoặc dùng lại biểu mẫu gốc.');
  });

  test('Tính toán writes nothing into a workbook whose formulas name a renamed column, and says why', async () => {
    const content = readWorkbookBytes(renamed);
    const { bytes, plan } = fillFileContent(renamed, content, OFFICIAL_DATA, TODAY);
    expect(plan.blockedBy).toEqual([expect.objectContaining({ table: 'tblChiTieu', key: 'value', renamedTo: 'Giá trị 2025', address: 'D4' })]);
    expect(plan.writes).toEqual([]);
    expect(Buffer.from(bytes).equals(Buffer.from(renamed))).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'pressdx-renamed-'));
    const file = join(dir, 'bqt.xlsx');
    writeFileSync(file, renamed);
    const io = recordingIO(dir, NOW);
    expect(await main(['fill', file, '--in-place', '--lang', 'vi'], io)).toBe(2);
    expect(io.stderrText()).toContain('Không tính toán');
    expect(io.stderrText()).toContain('Chỉ tiêu!D4  Tiêu đề cột "Giá trị" của bảng Chỉ tiêu đã bị đổi thành "Giá trị 2025"');
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(renamed))).toBe(true);
  });

  test('the merge leaves the file out for its structure and merges the others', async () => {
    const other = await sampleWorkbook(QUANG_TRI_2023, 2025, SAMPLES[1], 'test');
    const c = (
      await prepareMerge(
        [
          { name: 'bqt.xlsx', load: () => Promise.resolve({ bytes: renamed }) },
          { name: 'other.xlsx', load: () => Promise.resolve({ bytes: other }) },
        ],
        {},
        { reader: readWorkbookFile, data: OFFICIAL_DATA, now: NOW, generator: 't' },
      )
    ).consolidation;
    expect(c.sources.map((s) => [s.state, s.code ?? ''])).toEqual([
      ['excluded', 'missingStructure'],
      ['included', ''],
    ]);
  });
});

describe('text from files', () => {
  let dir: string;
  let withControls: Uint8Array;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pressdx-text-'));
    const bqt = await sampleWorkbook(QUANG_TRI_2023, 2025, SAMPLES[0], 'test');
    withControls = editParts(bqt, (parts, text, put) => {
      const sheet = sheetPart(parts, 'Nhiệm vụ');
      // An escape sequence in a result (typed by a hostile hand) and a line break pasted from Word.
      const xml = text(sheet);
      // The last two tasks' results (below the header; every press agency takes part in them).
      const cells = [...xml.matchAll(/<c r="(I\d+)"[^>]*?(\/>|>[\s\S]*?<\/c>)/g)].slice(-2);
      expect(cells).toHaveLength(2);
      put(sheet, xml.replace(cells[0][0], `<c r="${cells[0][1]}" t="inlineStr"><is><t>Kết quả_x001B_[31mĐỎ_x001B_[0m</t></is></c>`).replace(cells[1][0], `<c r="${cells[1][1]}" t="inlineStr"><is><t>Dòng 1_x000B_Dòng 2</t></is></c>`));
    });
  });

  test('_x000B_ is kept by the reader, by fill and by merge', async () => {
    const taskCells = (bytes: Uint8Array) => readWorkbookBytes(bytes).tables.find((t) => t.name === 'tblNhiemVu')!.values.flat();
    expect(taskCells(withControls)).toContain('Dòng 1\u000bDòng 2');
    const filled = fillFileContent(withControls, readWorkbookBytes(withControls), OFFICIAL_DATA, TODAY).bytes;
    expect(taskCells(filled)).toContain('Dòng 1\u000bDòng 2');
    const file = join(dir, 'bqt.xlsx');
    writeFileSync(file, withControls);
    const { bytes } = await mergeFiles([file], { now: NOW, generator: 't', lang: 'vi' });
    const province = readWorkbookBytes(bytes!).tables;
    expect(province.some((t) => t.values.some((r) => r.includes('Dòng 1\u000bDòng 2')))).toBe(true);
    // Written as the escape OOXML defines, so the XML stays well-formed.
    expect(Object.values(partsOf(bytes!)).some((p) => strFromU8(p).includes('Dòng 1_x000B_Dòng 2'))).toBe(true);
  });

  test('control characters never reach the terminal raw', async () => {
    const file = join(dir, 'esc.xlsx');
    writeFileSync(file, withControls);
    const io = recordingIO(dir, NOW);
    const safeIO = { ...io, stdout: (t: string) => io.stdout(terminalSafe(t)), stderr: (t: string) => io.stderr(terminalSafe(t)) };
    await main(['merge', file, '--out', join(dir, 'out.xlsx'), '--json'], safeIO);
    expect(io.stdoutText()).not.toContain('\u001b');
    expect(terminalSafe('a\u001b[31mb\nc\td\u202ee')).toBe('a<U+001B>[31mb\nc\td<U+202E>e');
  });
});

describe('hostile files do not take the others down', () => {
  test('a workbook of 30 million empty rows is listed as too large and the rest still merge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressdx-hostile-'));
    const good = join(dir, 'bqt.xlsx');
    const bomb = join(dir, 'rows.xlsx');
    writeFileSync(good, await sampleWorkbook(QUANG_TRI_2023, 2025, SAMPLES[0], 'test'));
    writeFileSync(bomb, emptyRowsWorkbook(30_000_000));
    const { consolidation, bytes } = await mergeFiles([bomb, good], { now: NOW, generator: 't', lang: 'vi' });
    expect(bytes).toBeDefined();
    expect(consolidation.sources.map((s) => [s.fileName, s.state, s.code])).toEqual([
      ['rows.xlsx', 'excluded', 'unreadable'],
      ['bqt.xlsx', 'included', undefined],
    ]);
    expect(consolidation.sources[0].reasonVi).toMatch(/quá lớn|quá nhiều/i);
  });

  test('the plain check report of 200,000 findings is built in linear time', async () => {
    // Grouping by sheet used to copy each group on every finding: 200,000 findings took minutes.
    const findings: Finding[] = Array.from({ length: 200_000 }, (_, i) => ({
      severity: 'warning', code: 'straySpaces', table: 'tblChiSo', key: 'note', row: i + 1, sheet: `Trang ${i % 7}`, address: `H${i + 5}`,
      messageVi: 'có khoảng trắng thừa', messageEn: 'stray spaces', value: ' x ',
    }));
    const report = checkWorkbook(readWorkbookBytes(await sampleWorkbook(QUANG_TRI_2023, 2025, SAMPLES[0], 'test')), OFFICIAL_DATA, TODAY);
    const lines = humanReport('f.xlsx', { ...report, findings, counts: { error: 0, warning: findings.length, info: 0 } }, 'Báo Quảng Trị', '2025', 'vi').split('\n');
    // One heading per sheet, then every finding of that sheet under it.
    expect(lines.filter((l) => /^Trang \d$/.test(l))).toHaveLength(7);
    expect(lines.filter((l) => /^ {2}Trang \d!H\d+ /.test(l))).toHaveLength(200_000);
  });
});
