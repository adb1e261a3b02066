/**
 * The template as a file: generated through the CLI (`pressdx template`), read back with the
 * reader (tables, named cells) and from its XML (protection, validations, page setup), and
 * checked for what an official and the consolidator rely on.
 */
import { localDateSerial } from '../../src/domain/values';
import * as fs from 'fs';
import { XMLValidator } from 'fast-xml-parser';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { AGENCY_COLUMNS, OPTIONAL_AGENCY_TABLES, AGENCY_SCHEMA, CALCULATED_COLUMNS, type AgencyTableName } from '../../src/domain/agency-schema';
import { computeAgencyResults } from '../../src/domain/calculate';
import type { Scalar } from '../../src/domain/values';
import { indexVersionById } from '../../src/indexes/index-versions';
import { QUANG_TRI_2023 } from '../../src/plans/quang-tri-2023';
import { buildAgencyWorkbookSpec } from '../../src/workbook/agency-template';
import { HEADERS } from '../../src/workbook/labels';
import { toAgencyTables, type ReadAgencyTables } from '../../src/workbook/read';
import type { CellSpec, TableSpec } from '../../src/workbook/spec';

import { readWorkbookBytes } from '../../src/xlsx/read-file';
import { readXlsx, type XlsxNamedCell } from '../../src/xlsx/reader';
import { cellAddress } from '../../src/workbook/a1';
import { recordingIO } from '../cli/recording-io';
import { attributes, cellStyle, covers, isoDate, lockedStyles, packageExtras, sheetElement, sheetProtection, validations, worksheets, xmlParts, type SheetXml, type Validation } from '../helpers/xlsx-xml';

const plan = QUANG_TRI_2023;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pressdx-template-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function generate(file: string, ...args: string[]) {
  const io = recordingIO(dir);
  const code = await main(['template', '--out', file, ...args], io);
  return { code, io, file: path.join(dir, file) };
}

/** Keys of a read table's columns, in the order the file has them. */
const keysInOrder = (read: ReadAgencyTables, t: AgencyTableName) =>
  Object.entries(read.columns[t] ?? {})
    .sort((a, b) => a[1] - b[1])
    .map(([k]) => k);

/** A validation's bounds as values: list sources as written, dates as yyyy-mm-dd, numbers as numbers. */
function formulaeOf(v: Validation): Array<string | number> {
  if (v.type === 'list') return v.formulae;
  if (v.type === 'date') return v.formulae.map(isoDate);
  return v.formulae.map((f) => (Number.isFinite(Number(f)) ? Number(f) : f));
}

/** A cell of the file as the tests look at it: whether its style locks it, and the validation over it. */
interface FileCell {
  locked: boolean;
  dataValidation?: { type?: string; operator?: string; showErrorMessage: boolean; formulae: Array<string | number> };
}

/** What ExcelJS's model called sheetProtection, from the XML: true where the attribute allows (sheet="1", sort="0"). */
function protectionOf(xml: string): Record<string, unknown> {
  const a = sheetProtection(xml) ?? {};
  const allowed = (k: string) => (a[k] === '0' ? true : undefined);
  return { sheet: a.sheet === '1' ? true : undefined, hashValue: a.hashValue, password: a.password, autoFilter: allowed('autoFilter'), sort: allowed('sort'), formatColumns: allowed('formatColumns') };
}

const ROW_COUNTS: Partial<Record<AgencyTableName, number>> = { tblThongTin: 9, tblChiTieu: 12, tblMucTieu: 11, tblNhiemVu: 8, tblChiSo: 5, tblTruCot: 5, tblDonVi: 8, tblCoKhong: 2, tblTrangThai: 4, tblMucDo: 5 };

describe('pressdx template (vi, Báo Quảng Trị, 2025)', () => {
  let buf: Buffer;
  let sheets: SheetXml[];
  let locked: boolean[];
  let named: Record<string, XlsxNamedCell>;
  let read: ReadAgencyTables;
  let stdout: string;
  const sheetValidations = new Map<string, Validation[]>();
  const spec = () => buildAgencyWorkbookSpec({ plan, index: indexVersionById('3560-2025')!, year: 2025, unitId: 'BQT', lang: 'vi', generatedAt: '', generator: '' }, localDateSerial(new Date()));

  beforeAll(async () => {
    const r = await generate('bqt-2025.xlsx', '--unit', 'bao quang tri', '--year', '2025');
    expect(r.io.stderrText()).toBe('');
    expect(r.code).toBe(0);
    stdout = r.io.stdoutText();
    buf = fs.readFileSync(r.file);
    sheets = worksheets(buf);
    locked = lockedStyles(buf);
    named = readXlsx(buf, { namedCells: ['TongDiem', 'MucDo', 'pdxUnit', 'pdxYear'] }).namedCells;
    read = toAgencyTables(readWorkbookBytes(buf).tables);
    for (const sh of sheets) sheetValidations.set(sh.name, validations(sh.xml));
  });

  const sheetNamed = (name: string): SheetXml => {
    const found = sheets.find((x) => x.name === name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };

  const cellOf = (table: AgencyTableName, rowIndex: number, col: number): FileCell => {
    const snap = read.snapshots[table]!;
    const row = snap.row + 1 + rowIndex;
    const column = snap.col + col;
    const v = sheetValidations.get(snap.sheetName)?.find((x) => covers(x.sqref, row, column));
    return {
      locked: locked[cellStyle(sheetNamed(snap.sheetName).xml, cellAddress(row, column))] ?? true,
      ...(v ? { dataValidation: { type: v.type, operator: v.operator, showErrorMessage: v.showErrorMessage, formulae: formulaeOf(v) } } : {}),
    };
  };

  it('says what it wrote and how long it took', () => {
    expect(stdout).toContain(path.join(dir, 'bqt-2025.xlsx'));
    expect(stdout).toMatch(/trong \d+ ms/);
    expect(stdout).toMatch(/in \d+ ms/);
    expect(stdout).toContain('Báo Quảng Trị');
  });

  it('has every table with exactly its column keys, in order', () => {
    expect(read.missingTables).toEqual([]);
    expect(read.missingColumns).toEqual([]);
    for (const t of (Object.keys(AGENCY_COLUMNS) as AgencyTableName[]).filter((x) => !OPTIONAL_AGENCY_TABLES.includes(x))) {
      expect([t, keysInOrder(read, t)]).toEqual([t, [...AGENCY_COLUMNS[t]]]);
      expect([t, read.snapshots[t]?.headers.length]).toEqual([t, AGENCY_COLUMNS[t].length]);
    }
  });

  it('has the expected number of rows per table', () => {
    for (const [t, n] of Object.entries(ROW_COUNTS)) expect([t, read.tables[t as AgencyTableName]?.length]).toEqual([t, n]);
    // Every assignment of the annex: lead and partner units of the eight tasks.
    const assignments = plan.tasks.reduce((n, t) => n + new Set([...t.leadUnits, ...t.partnerUnits]).size, 0);
    expect(read.tables.tblPhanCong).toHaveLength(assignments);
  });

  it('defines the workbook names the formulas and dropdowns use', async () => {
    const { names } = packageExtras(buf);
    const byName = new Map(names.map((n) => [n.name, n.refersTo]));
    for (const n of ['TongDiem', 'MucDo', 'pdxUnit', 'pdxUnitType', 'pdxYear', 'pdxPeriodFrom', 'pdxPeriodTo', 'pdxSubmittedOn']) expect([n, byName.has(n)]).toEqual([n, true]);
    expect(byName.get('lstDonVi')).toBe('tblDonVi[Tên đơn vị]');
    expect(byName.get('lstCoKhong')).toBe('tblCoKhong[Có hoặc Không]');
    expect(byName.get('lstTrangThai')).toBe('tblTrangThai[Tình trạng nhiệm vụ]');
    expect(named.TongDiem?.formula).toBe('=ROUND(SUM(tblTruCot[Điểm đạt]),6)');
    expect(named.MucDo?.formula).toMatch(/^=IF\(COUNT\(tblChiSo\[Điểm hợp lệ\]\)</);
    expect(named.pdxUnit?.value).toBe('Báo Quảng Trị');
    expect(named.pdxYear?.value).toBe(2025);
  });

  it('gives every calculated cell a formula and a locked cell', () => {
    let checked = 0;
    for (const [t, keys] of Object.entries(CALCULATED_COLUMNS) as Array<[AgencyTableName, string[]]>) {
      (read.tables[t] ?? []).forEach((_r, i) => {
        for (const key of keys) {
          const where = `${t}[${i}].${key}`;
          expect([where, read.formulas[t]?.[i]?.[key]?.startsWith('=')]).toEqual([where, true]);
          expect([where, cellOf(t, i, read.columns[t]![key]).locked]).not.toEqual([where, false]);
          checked++;
        }
      });
    }
    const unitType = read.tables.tblThongTin!.findIndex((r) => r.key === 'unitType');
    expect(read.formulas.tblThongTin?.[unitType]?.value).toMatch(/^=IFERROR\(INDEX\(tblDonVi\[Loại hình\]/);
    expect(checked).toBe(11 * 2 + 8 * 3 + 5 + 5 * 2 + read.tables.tblPhanCong!.length);
  });

  it('caches the engine results, so a viewer that never recalculates shows right values', () => {
    const r = computeAgencyResults(read.tables, plan, localDateSerial(new Date()));
    expect(read.tables.tblMucTieu!.map((row) => row.status)).toEqual(r.targets.map((t) => t.status));
    expect(read.tables.tblNhiemVu!.map((row) => row.role)).toEqual(r.tasks.map((t) => t.role));
    expect(read.tables.tblNhiemVu!.map((row) => row.due)).toEqual(r.tasks.map((t) => t.due));
    expect(read.tables.tblPhanCong!.map((row) => row.unitName)).toEqual(r.unitNames);
    expect(read.tables.tblTruCot!.map((row) => row.points)).toEqual(r.pillars.map((p) => p.points));
    expect(named.MucDo?.value).toBe('Chưa hoàn thành (0/5)');
    // The role column is not blank for the unit: the results are real, not placeholders.
    expect(r.tasks.map((t) => t.role)).toContain('Chủ trì');
  });

  it('unlocks every input cell and gives it a data validation; locks everything else', () => {
    const s = spec();
    const tables = s.sheets.flatMap((sh) => sh.tables);
    const roles: Record<string, number> = {};
    for (const t of tables as TableSpec[]) {
      t.rows.forEach((row: CellSpec[], i) =>
        row.forEach((cell, j) => {
          const file = cellOf(t.name as AgencyTableName, i, j);
          const where = `${t.name}[${i}].${t.columns[j].key}`;
          roles[cell.role] = (roles[cell.role] ?? 0) + 1;
          if (cell.role === 'input') {
            expect([where, file.locked]).toEqual([where, false]);
            expect([where, file.dataValidation?.type]).toEqual([where, cell.validation?.type]);
            expect([where, file.dataValidation?.showErrorMessage]).toEqual([where, true]);
          } else {
            expect([where, file.locked === false]).toEqual([where, false]);
            expect([where, file.dataValidation]).toEqual([where, undefined]);
          }
        }),
      );
    }
    expect(roles.input).toBeGreaterThan(50);
    expect(roles.calc).toBeGreaterThan(50);
  });

  it('points the dropdowns at the list names', () => {
    const unitRow = read.tables.tblThongTin!.findIndex((r) => r.key === 'unit');
    expect(cellOf('tblThongTin', unitRow, 2).dataValidation?.formulae).toEqual(['lstDonVi']);
    const ct1 = read.tables.tblChiTieu!.findIndex((r) => r.code === 'CT1');
    expect(cellOf('tblChiTieu', ct1, read.columns.tblChiTieu!.value).dataValidation?.formulae).toEqual(['lstCoKhong']);
    expect(cellOf('tblNhiemVu', 0, read.columns.tblNhiemVu!.status).dataValidation?.formulae).toEqual(['lstTrangThai']);
    const ct7 = read.tables.tblChiTieu!.findIndex((r) => r.code === 'CT7');
    const level = cellOf('tblChiTieu', ct7, read.columns.tblChiTieu!.value).dataValidation;
    expect([level?.type, level?.operator, level?.formulae]).toEqual(['whole', 'between', [1, 5]]);
    const submitted = read.tables.tblThongTin!.findIndex((r) => r.key === 'submittedOn');
    const date = cellOf('tblThongTin', submitted, 2).dataValidation;
    expect(date?.type).toBe('date');
    expect(date?.formulae).toEqual(['2025-01-01', '2026-12-31']);
  });

  it('hides the meta sheet, which records the schema', () => {
    const meta = sheetNamed(read.snapshots.tblMeta!.sheetName);
    expect(meta.state).toBe('hidden');
    const value = (k: string): Scalar | undefined => read.tables.tblMeta!.find((r) => r.key === k)?.value;
    expect(value('schema')).toBe(AGENCY_SCHEMA);
    expect(value('unit')).toBe('BQT');
    expect(value('year')).toBe(2025);
    expect(value('indexVersion')).toBe('3560-2025');
    expect(value('planId')).toBe(plan.id);
    const visible = sheets.filter((w) => w.state !== 'hidden').map((w) => w.name);
    expect(visible).toEqual(['Hướng dẫn', 'Thông tin', 'Chỉ tiêu', 'Mục tiêu', 'Nhiệm vụ', 'Chỉ số', 'Danh mục']);
  });

  it('protects form sheets without a password and leaves the lists editable', () => {
    for (const ws of sheets) {
      const p = protectionOf(ws.xml);
      if (ws.name === 'Danh mục') expect([ws.name, p.sheet]).toEqual([ws.name, undefined]);
      else {
        expect([ws.name, p.sheet]).toEqual([ws.name, true]);
        expect([ws.name, p.hashValue, p.password]).toEqual([ws.name, undefined, undefined]);
        expect([ws.name, p.autoFilter, p.sort, p.formatColumns]).toEqual([ws.name, true, true, true]);
      }
    }
  });

  it('prints on A4 landscape, one page wide, header row repeated, unit and year in the header', () => {
    const index = sheets.findIndex((x) => x.name === 'Nhiệm vụ');
    const ws = sheets[index];
    const setup = sheetElement(ws.xml, ['pageSetup']) ?? {};
    const printTitles = [...(xmlParts(buf)['xl/workbook.xml'] ?? '').matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
      .filter((m) => attributes(m[1]).name === '_xlnm.Print_Titles' && attributes(m[1]).localSheetId === String(index))
      .map((m) => m[2].match(/!\$(\d+):\$(\d+)$/)?.slice(1).join(':'));
    const pageSetup = {
      paperSize: Number(setup.paperSize),
      orientation: setup.orientation,
      fitToPage: sheetElement(ws.xml, ['sheetPr', 'pageSetUpPr'])?.fitToPage === '1',
      fitToWidth: Number(setup.fitToWidth),
      fitToHeight: Number(setup.fitToHeight),
      printTitlesRow: printTitles[0],
    };
    expect(pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' });
    expect(sheetElement(ws.xml, ['headerFooter', 'oddHeader'])).toBe('&LBáo Quảng Trị — 2025&R&P/&N');
    const pane = sheetElement(ws.xml, ['sheetViews', 'sheetView', 'pane']);
    expect({ state: pane?.state, ySplit: Number(pane?.ySplit) }).toMatchObject({ state: 'frozen', ySplit: 4 });
  });

  it('writes a clean package: one definedNames after sheets, calc on load, calculated columns, no overlapping validations', async () => {
    const zip = xmlParts(buf);
    // The patches edit XML as text: every part must still be well-formed.
    for (const p of Object.keys(zip).filter((f) => /\.(xml|rels)$/.test(f))) {
      expect([p, XMLValidator.validate(zip[p])]).toEqual([p, true]);
    }
    const wbXml = zip['xl/workbook.xml'];
    expect(wbXml.match(/<definedNames>/g)).toHaveLength(1);
    expect(wbXml).toMatch(/<\/sheets><definedNames>/);
    expect(wbXml.match(/name="_xlnm\.Print_Titles"/g)).toHaveLength(5);
    expect(wbXml).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
    expect(zip['docProps/core.xml']).toContain('<dc:creator>PressDX</dc:creator>');

    const tables = await Promise.all(Object.keys(zip).filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p)).map((p) => zip[p]));
    const nhiemVu = tables.find((x) => x.includes('name="tblNhiemVu"'))!;
    expect(nhiemVu).toContain(`<tableColumn id="6" name="${HEADERS.vi.tblNhiemVu.role}" totalsRowFunction="none"><calculatedColumnFormula>IFERROR(IF(pdxUnit=&quot;&quot;`);
    // Per-row formulas differ in tblMucTieu (one rule per target), so it has no calculated column.
    expect(tables.find((x) => x.includes('name="tblMucTieu"'))).not.toContain('calculatedColumnFormula');

    for (const part of Object.keys(zip).filter((p) => /^xl\/worksheets\/[^/]+\.xml$/.test(p))) {
      const xml = zip[part];
      const seen = new Set<string>();
      for (const m of xml.matchAll(/sqref="([^"]+)"/g))
        for (const ref of m[1].split(' ')) {
          const r = ref.match(/^([A-Z]+)(\d+)(?::[A-Z]+(\d+))?$/)!;
          for (let row = Number(r[2]); row <= Number(r[3] ?? r[2]); row++) {
            const key = `${r[1]}${row}`;
            expect([part, key, seen.has(key)]).toEqual([part, key, false]);
            seen.add(key);
          }
        }
    }
  });
});

describe('pressdx template --lang en', () => {
  it('writes English headers that still read back by key', async () => {
    const r = await generate('en.xlsx', '--lang', 'en', '--year', '2024', '--unit', 'TCCV');
    expect(r.code).toBe(0);
    const read = toAgencyTables(readWorkbookBytes(fs.readFileSync(r.file)).tables);
    expect(read.missingColumns).toEqual([]);
    expect(read.snapshots.tblNhiemVu?.headers).toEqual(AGENCY_COLUMNS.tblNhiemVu.map((k) => HEADERS.en.tblNhiemVu[k]));
    expect(read.snapshots.tblNhiemVu?.sheetName).toBe('Tasks');
    expect(read.tables.tblMeta?.find((m) => m.key === 'indexVersion')?.value).toBe('1827-2024');
    // Data values the formulas compare against stay Vietnamese.
    expect(read.tables.tblCoKhong?.map((r) => r.value)).toEqual(['Có', 'Không']);
  });
});

describe('pressdx template: bad arguments', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['missing --out', [], /--out/],
    ['--out not .xlsx', ['--out', 'x.xls'], /--out "x\.xls"/],
    ['--out into a missing folder', ['--out', 'no/such/dir/x.xlsx'], /--out: không có thư mục/],
    ['--year too early', ['--out', 'a.xlsx', '--year', '2022'], /--year "2022".*2023.*2035/],
    ['--year not a number', ['--out', 'a.xlsx', '--year', 'năm nay'], /--year "năm nay"/],
    ['--year without value', ['--out', 'a.xlsx', '--year'], /--year cần một giá trị/],
    ['--unit unknown', ['--out', 'a.xlsx', '--unit', 'Báo Nhân Dân'], /--unit "Báo Nhân Dân".*BQT \(Báo Quảng Trị\)/],
    ['--index unknown', ['--out', 'a.xlsx', '--index', '999'], /--index "999".*951-2023, 1827-2024, 3560-2025/],
    ['--lang unknown', ['--out', 'a.xlsx', '--lang', 'fr'], /--lang "fr"/],
    ['--base-year not before the year', ['--out', 'a.xlsx', '--year', '2025', '--base-year', '2025'], /--base-year "2025".*2000.*2024/],
    ['unknown option', ['--out', 'a.xlsx', '--colour', 'red'], /--colour/],
    ['repeated option', ['--out', 'a.xlsx', '--out', 'b.xlsx'], /--out.*hai lần/],
    ['stray argument', ['--out', 'a.xlsx', 'extra'], /"extra"/],
  ];

  it.each(cases)('%s → exit 2 with a message naming the argument', async (_name, args, pattern) => {
    const io = recordingIO(dir);
    const code = await main(['template', ...args], io);
    expect(code).toBe(2);
    const err = io.stderrText();
    expect(err).toMatch(pattern);
    // Vietnamese first, English beside it.
    expect(err).toMatch(/^Lỗi: /);
    expect(err).toContain('(Error: ');
    expect(io.stdoutText()).toBe('');
    expect(fs.existsSync(path.join(dir, 'a.xlsx'))).toBe(false);
  });

  it('refuses to overwrite a file unless --force', async () => {
    fs.writeFileSync(path.join(dir, 'kept.xlsx'), 'báo cáo đã điền');
    const first = await generate('kept.xlsx');
    expect(first.code).toBe(2);
    expect(first.io.stderrText()).toContain('--force');
    expect(fs.readFileSync(path.join(dir, 'kept.xlsx'), 'utf8')).toBe('báo cáo đã điền');
    const forced = await generate('kept.xlsx', '--force');
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'kept.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('defaults to the current year and its index version', async () => {
    const io = recordingIO(dir, new Date(2024, 5, 15));
    const code = await main(['template', '--out', 'default.xlsx'], io);
    expect(code).toBe(0);
    const meta = toAgencyTables(readWorkbookBytes(fs.readFileSync(path.join(dir, 'default.xlsx'))).tables).tables.tblMeta ?? [];
    expect(meta.find((m) => m.key === 'year')?.value).toBe(2024);
    expect(meta.find((m) => m.key === 'indexVersion')?.value).toBe('1827-2024');
    expect(meta.find((m) => m.key === 'unit')?.value).toBe('');
    expect(meta.find((m) => m.key === 'revenueBaseYear')?.value).toBe(2023);
  });
});
