/**
 * Real-browser tests of the workbench (workbench.html): the real task pane against the in-memory
 * workbook, driven in the Debian Chromium through playwright-core. They follow a user — create a
 * template, type a bad value, check, go to the finding's cell, calculate, merge sample files,
 * download — then check accessibility (axe-core, keyboard, 320 px, dark theme). Screenshots of
 * every view go to test-artifacts/screenshots/.
 *
 * Without /usr/bin/chromium they are skipped with a warning, unless PRESSDX_REQUIRE_CHROMIUM=1.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { SHEET_NAMES, HEADERS } from '../../src/workbook/labels';
import { cellAddress } from '../../src/workbook/spec';
import { MESSAGES } from '../../src/taskpane/i18n';
import { readWorkbookBytes } from '../../src/xlsx/read-file';
import {
  areaShot,
  buildAddin,
  chromiumAvailability,
  DOWNLOADS,
  ensureDir,
  focusedInfo,
  launchChromium,
  luminance,
  runAxe,
  screenshot,
  seriousOrWorse,
} from './browser';
import { serveStatic, type StaticServer } from './static-server';

const availability = chromiumAvailability();
const describeBrowser = availability.run ? describe : describe.skip;

const vi = MESSAGES.vi;
const SHEETS = SHEET_NAMES.vi;
const COMPUTED_TITLE = 'Giá trị do PressDX tính (TypeScript), không phải Excel';
const UNIT_NAME = 'Báo Quảng Trị';

/** Text before the first placeholder of a message ("Đã tổng hợp: {included}…" → "Đã tổng hợp:"). */
const prefix = (message: string) => message.split('{')[0].trim();

jest.setTimeout(180_000);

/** Waits until `read` returns `expected` (the page updates after the click resolves), then asserts it. */
async function poll<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  expect(last).toBe(expected);
}

describeBrowser('workbench in Chromium', () => {
  let dist: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const workbenchUrl = (query = '') => `${server.url}/workbench.html${query}`;

  async function openWorkbench(p: Page, query = ''): Promise<void> {
    await p.goto(workbenchUrl(query));
    await p.getByRole('button', { name: vi.createButton }).waitFor();
  }

  const cell = (p: Page, address: string) => p.locator(`td[data-address="${address}"]`);
  const sheetTab = (p: Page, name: string) => p.getByRole('tablist', { name: 'Trang tính' }).getByRole('tab', { name });
  const paneTab = (p: Page, name: string) => p.getByTestId('task-pane').getByRole('tab', { name, exact: true });
  const syncCount = (p: Page) => p.evaluate(() => (window as unknown as { pressdxWorkbench: { fake: { syncCount: number } } }).pressdxWorkbench.fake.syncCount);

  /** The A1 address of a table cell shown in the grid: the row whose first column reads rowKey, the column headed `header`. */
  async function addressOf(p: Page, rowKey: string, header: string): Promise<string> {
    return p.evaluate(
      ([key, head]) => {
        const tds = Array.from(document.querySelectorAll<HTMLTableCellElement>('td[data-address]'));
        const byText = (t: string) => tds.filter((td) => td.textContent?.trim() === t).map((td) => td.dataset.address ?? '');
        const row = byText(key)[0]?.replace(/^[A-Z]+/, '');
        const col = byText(head)[0]?.replace(/\d+$/, '');
        if (!row || !col) throw new Error(`no cell for row ${key} / column ${head}`);
        return `${col}${row}`;
      },
      [rowKey, header] as const,
    );
  }

  async function typeInto(p: Page, address: string, text: string): Promise<void> {
    await cell(p, address).click();
    await p.keyboard.type(text);
    await p.keyboard.press('Enter');
  }

  beforeAll(async () => {
    if (availability.reason) throw new Error(availability.reason);
    dist = buildAddin('development');
    server = await serveStatic(dist);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await openWorkbench(page, '?theme=light');
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist && !process.env.PRESSDX_WORKBENCH_DIST) await fs.rm(dist, { recursive: true, force: true });
  });

  test('the task pane boots as in Excel from the port it is given: no office.js, no Office or Excel global', async () => {
    const scripts = await page.evaluate(() => Array.from(document.scripts).map((s) => s.src));
    expect(scripts.some((s) => /office(\.debug)?\.js/.test(s))).toBe(false);
    const globals = await page.evaluate(() => ['Office', 'Excel', 'OfficeExtension'].filter((name) => (window as unknown as Record<string, unknown>)[name] !== undefined));
    expect(globals).toEqual([]);
    // Not the "outside Excel" warning: the pane believes it runs in Excel.
    await expect(page.getByText(vi.outsideExcelTitle).count()).resolves.toBe(0);
    expect(await page.getByRole('button', { name: vi.createButton }).isEnabled()).toBe(true);
  });

  test('create the template: its sheets appear in the grid, formulas show the engine’s values', async () => {
    const before = await syncCount(page);
    await page.getByRole('combobox', { name: vi.unitLabel }).click();
    await page.getByRole('option', { name: UNIT_NAME }).click();
    await page.getByRole('spinbutton', { name: vi.yearLabel }).fill('2025');
    await page.getByRole('button', { name: vi.createButton }).click();
    await page.getByText(prefix(vi.created)).waitFor();
    for (const key of ['guide', 'info', 'indicators', 'targets', 'tasks', 'index', 'lists'] as const) {
      await expect(sheetTab(page, SHEETS[key]).count()).resolves.toBe(1);
    }
    // The meta sheet is hidden, as in Excel.
    await expect(sheetTab(page, SHEETS.meta).count()).resolves.toBe(0);
    expect(await syncCount(page)).toBeGreaterThan(before);

    // Thông tin: the unit type is a formula; the grid shows what the engine computes for it.
    await sheetTab(page, SHEETS.info).click();
    const unitType = await addressOf(page, 'unitType', HEADERS.vi.tblThongTin.value);
    await expect(cell(page, unitType).locator(`[title="${COMPUTED_TITLE}"]`).count()).resolves.toBe(1);
    expect((await cell(page, unitType).textContent())?.replace('ƒ', '').trim()).toBe('Báo');
    await screenshot(page, '01-create-template');
  });

  let badAddress = '';

  test('type a bad value, check, see the finding, click it and land on the cell', async () => {
    await sheetTab(page, SHEETS.indicators).click();
    badAddress = await addressOf(page, 'CT6a', HEADERS.vi.tblChiTieu.value);
    // Typed, the value is refused as Excel refuses it (a Stop rule), with the sheet's own message…
    await typeInto(page, badAddress, 'abc');
    await expect(page.locator('.wb-message').textContent()).resolves.toContain('Giá trị không hợp lệ');
    await expect(cell(page, badAddress).textContent()).resolves.toBe('');
    // …but pasted from elsewhere it lands, as in Excel (pasting bypasses validation).
    await page.evaluate(
      ([sheet, address]) => {
        const wb = (window as unknown as { pressdxWorkbench: { fake: { model: { requireSheet(n: string): unknown; write(s: unknown, r: unknown, v: unknown, l: string): void } }; store: { notify(): void } } }).pressdxWorkbench;
        const m = /^([A-Z]+)(\d+)$/.exec(address)!;
        const col = m[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
        wb.fake.model.write(wb.fake.model.requireSheet(sheet), { top: Number(m[2]) - 1, left: col, rows: 1, cols: 1 }, [['abc']], 'Workbench.paste');
        wb.store.notify();
      },
      [SHEETS.indicators, badAddress] as const,
    );
    await poll(() => cell(page, badAddress).textContent(), 'abc');
    const stored = await page.evaluate(
      ([sheet, address]) => (window as unknown as { pressdxWorkbench: { fake: { model: { requireSheet(n: string): { at(a: string): { value: unknown } } } } } }).pressdxWorkbench.fake.model.requireSheet(sheet).at(address).value,
      [SHEETS.indicators, badAddress] as const,
    );
    expect(stored).toBe('abc');

    // Look elsewhere, so landing on the cell means the sheet switched too.
    await sheetTab(page, SHEETS.info).click();
    await paneTab(page, vi.checkTab).click();
    await page.getByTestId('task-pane').getByRole('button', { name: vi.checkButton, exact: true }).click();
    const findings = page.getByRole('region', { name: vi.findingsLabel });
    await findings.waitFor();
    const finding = findings.getByRole('button').filter({ hasText: badAddress }).first();
    await finding.waitFor();
    await expect(finding.textContent()).resolves.toContain('abc');
    await screenshot(page, '02-check-findings');

    await finding.click();
    await poll(() => sheetTab(page, SHEETS.indicators).getAttribute('aria-selected'), 'true');
    await poll(() => page.getByTestId('name-box').textContent(), badAddress);
    await expect(cell(page, badAddress).getAttribute('class')).resolves.toContain('wb-active');
    await screenshot(page, '03-finding-selected');
  });

  test('calculate (Tính toán) restores a formula typed over', async () => {
    await sheetTab(page, SHEETS.index).click();
    const target = await addressOf(page, 'TC1', HEADERS.vi.tblChiSo.validPoints);
    await expect(cell(page, target).locator('.wb-fx').count()).resolves.toBe(1);
    // A user lifts the sheet's protection (no password) and types over the formula.
    await page.getByRole('button', { name: 'Bỏ bảo vệ trang' }).click();
    await typeInto(page, target, '5');
    await expect(cell(page, target).locator('.wb-fx').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Bảo vệ trang', exact: true }).click();

    await page.getByTestId('task-pane').getByRole('button', { name: vi.fillButton, exact: true }).click();
    await page.getByText(prefix(vi.fillRestored)).waitFor();
    await expect(page.getByText(prefix(vi.fillDone)).count()).resolves.toBeGreaterThan(0);
    await poll(() => cell(page, target).locator('.wb-fx').count(), 1);
    await screenshot(page, '04-fill');
  });

  test('download the agency workbook: the .xlsx reader reads back its tables, values and formulas', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải xuống .xlsx' }).click()]);
    const file = path.join(ensureDir(DOWNLOADS), 'agency-workbook.xlsx');
    await download.saveAs(file);
    const { tables } = readWorkbookBytes(await fs.readFile(file));
    const names = tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['tblThongTin', 'tblChiTieu', 'tblMucTieu', 'tblNhiemVu', 'tblChiSo', 'tblTruCot', 'tblMeta']));
    const modelTables = await page.evaluate(() => (window as unknown as { pressdxWorkbench: { fake: { model: { tables: Array<{ name: string }> } } } }).pressdxWorkbench.fake.model.tables.map((t) => t.name));
    expect(names.sort()).toEqual([...modelTables].sort());

    const col = (name: string, header: string) => {
      const t = tables.find((x) => x.name === name)!;
      return { t, i: t.headers.indexOf(header) };
    };
    const ct = col('tblChiTieu', HEADERS.vi.tblChiTieu.value);
    const codeCol = tables.find((x) => x.name === 'tblChiTieu')!.headers.indexOf(HEADERS.vi.tblChiTieu.code);
    expect(ct.t.values.find((r) => r[codeCol] === 'CT6a')?.[ct.i]).toBe('abc');
    // A formula cell keeps its formula and carries the engine's value as its cached result.
    const info = col('tblThongTin', HEADERS.vi.tblThongTin.value);
    const keyCol = info.t.headers.indexOf(HEADERS.vi.tblThongTin.key);
    const row = info.t.values.findIndex((r) => r[keyCol] === 'unitType');
    expect(info.t.formulas[row][info.i]).toMatch(/^=/);
    expect(info.t.values[row][info.i]).toBe('Báo');
  });

  test('merge two sample files with a progress bar, then the summary', async () => {
    await paneTab(page, vi.mergeTab).click();
    await page.getByTestId('task-pane').getByRole('button', { name: vi.pickFiles, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Tải mẫu thử' }).click();
    await page.getByText(/Đã tạo 2 tệp mẫu và đưa vào ô chọn tệp/).waitFor();
    const pane = page.getByTestId('task-pane');
    await expect(pane.getByText(/^mau-bao-cao-.*\.xlsx$/).count()).resolves.toBe(2);

    // Record the progress bar's messages while the merge runs (each may show only briefly).
    await page.evaluate(() => {
      const w = window as unknown as { progressSeen: string[] };
      w.progressSeen = [];
      const look = () => {
        const bar = document.querySelector('#wb-pane [role="progressbar"]');
        const text = bar?.closest('.fui-Field')?.textContent ?? (bar ? '(progress bar)' : '');
        if (text && w.progressSeen[w.progressSeen.length - 1] !== text) w.progressSeen.push(text);
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const progressShot = pane
      .getByText(prefix(vi.readingFile))
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 })
      .then(() => screenshot(page, '05-merge-progress'))
      .catch(() => undefined);
    // Count the reads of picked files from here on: the pane reads each once to merge it.
    await page.evaluate(() => {
      const w = window as unknown as { fileReads: number };
      w.fileReads = 0;
      const read = Blob.prototype.arrayBuffer;
      Blob.prototype.arrayBuffer = function (this: Blob) {
        w.fileReads++;
        return read.call(this);
      };
    });
    await pane.getByRole('button', { name: vi.mergeButton, exact: true }).click();
    // The workbook already has the template's PressDX sheets: the pane names them and asks before replacing.
    const replace = page.getByRole('button', { name: vi.confirmReplace });
    const merged = page.getByText(prefix(vi.merged));
    await replace.waitFor({ timeout: 120_000 });
    await expect(page.getByRole('alertdialog').getByText(/Thông tin/).count()).resolves.toBeGreaterThan(0);
    await replace.click();
    await merged.waitFor({ timeout: 120_000 });
    await progressShot;
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen.some((t) => t.includes(prefix(vi.readingFile)))).toBe(true);
    // Both agencies' files are used: none superseded, none excluded (unreadable or wrong year).
    await page.getByText(vi.merged.replace('{included}', '2').replace('{superseded}', '0').replace('{excluded}', '0')).waitFor();
    await screenshot(page, '06-merge-summary');

    // The province workbook is in the grid now; its formulas show the engine's results from the
    // spec Tổng hợp drew, with no file read again for them.
    const computedMarks = async () => {
      let n = 0;
      for (const tab of await page.getByRole('tablist', { name: 'Trang tính' }).getByRole('tab').all()) {
        await tab.click();
        n += await page.locator(`td [title="${COMPUTED_TITLE}"]`).count();
        if (n > 0) break;
      }
      return n;
    };
    await poll(async () => (await computedMarks()) > 0, true, 20_000);
    const drawn = await page.evaluate(() => {
      type Cell = { formula?: string; result?: unknown };
      type Spec = { sheets: Array<{ name: string; tables: Array<{ row: number; col: number; rows: Cell[][] }> }> };
      const spec = (window as unknown as { pressdxWorkbench: { store: { provinceSpec: Spec | null } } }).pressdxWorkbench.store.provinceSpec;
      for (const s of spec?.sheets ?? []) {
        for (const t of s.tables) {
          for (const [i, row] of t.rows.entries()) {
            for (const [j, c] of row.entries()) {
              if (c.formula && typeof c.result === 'string' && c.result !== '') return { sheet: s.name, row: t.row + 1 + i, col: t.col + j, result: c.result };
            }
          }
        }
      }
      return null;
    });
    expect(drawn).not.toBeNull();
    const drawnAt = cellAddress(drawn!.row, drawn!.col);
    await sheetTab(page, drawn!.sheet).click();
    await expect(cell(page, drawnAt).locator(`[title="${COMPUTED_TITLE}"]`).count()).resolves.toBe(1);
    expect((await cell(page, drawnAt).textContent())?.replace('ƒ', '').trim()).toBe(drawn!.result);
    expect(await page.evaluate(() => (window as unknown as { fileReads: number }).fileReads)).toBe(2);

    // …and downloads like any other.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải xuống .xlsx' }).click()]);
    const file = path.join(ensureDir(DOWNLOADS), 'province-workbook.xlsx');
    await download.saveAs(file);
    const { tables } = readWorkbookBytes(await fs.readFile(file));
    const modelTables = await page.evaluate(() => (window as unknown as { pressdxWorkbench: { fake: { model: { tables: Array<{ name: string }> } } } }).pressdxWorkbench.fake.model.tables.map((t) => t.name));
    expect(tables.map((t) => t.name).sort()).toEqual([...modelTables].sort());
    expect(tables.length).toBeGreaterThan(0);
    await screenshot(page, '07-province-grid');
  });

  test('axe-core: no serious or critical violations in the create, check and merge views', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await openWorkbench(p, '?theme=light');
      const report: string[] = [];
      const audit = async (label: string) => {
        const bad = seriousOrWorse(await runAxe(p));
        report.push(...bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} ${v.nodes.join(' ')}`));
      };
      await audit('create');
      await p.getByRole('button', { name: vi.createButton }).click();
      await p.getByText(prefix(vi.created)).waitFor();
      await audit('created');
      await paneTab(p, vi.checkTab).click();
      await p.getByTestId('task-pane').getByRole('button', { name: vi.checkButton, exact: true }).click();
      await p.getByRole('region', { name: vi.findingsLabel }).waitFor();
      await audit('check');
      await paneTab(p, vi.mergeTab).click();
      await audit('merge');
      expect(report).toEqual([]);
    } finally {
      await p.close();
    }
  });

  test('keyboard: Tab reaches every control, each with a visible focus and an accessible name', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await openWorkbench(p, '?theme=light');
      await p.getByRole('button', { name: vi.createButton }).click();
      await p.getByText(prefix(vi.created)).waitFor();
      // Start the Tab sequence at the top of the page, as after loading it.
      await p.mouse.click(2, 2);

      const visited: Array<{ desc: string; name: string }> = [];
      const problems: string[] = [];
      let previous: { handle: Awaited<ReturnType<Page['evaluateHandle']>>; box: { x: number; y: number; width: number; height: number }; shot: Buffer; desc: string } | null = null;
      for (let i = 0; i < 80; i++) {
        await p.keyboard.press('Tab');
        await p.waitForTimeout(30);
        const info = await focusedInfo(p);
        if (previous) {
          // The same area without focus must look different: the focus indicator is visible.
          const now = await areaShot(p, previous.box);
          if (now.equals(previous.shot)) problems.push(`no visible focus indicator: ${previous.desc}`);
          previous = null;
        }
        if (!info) {
          // Focus left the page's controls (the browser's own UI comes next): one full cycle done.
          if (visited.length > 0) break;
          continue;
        }
        const handle = await p.evaluateHandle(() => document.activeElement);
        const isFirst = await p.evaluate((el) => el === (window as unknown as { firstFocused?: Element }).firstFocused, handle);
        if (isFirst) break;
        if (i === 0) await p.evaluate((el) => ((window as unknown as { firstFocused?: Element }).firstFocused = el as Element), handle);
        visited.push({ desc: info.desc, name: info.name });
        if (!info.name) problems.push(`no accessible name: ${info.desc}`);
        if (info.box) previous = { handle, box: info.box, shot: await areaShot(p, info.box), desc: info.desc };
      }
      // Everything interactive is reachable: each control is a Tab stop, or inside a composite
      // widget (tab list, grid) that one Tab stop enters and arrow keys move within.
      const unreachable = await p.evaluate(() => {
        const composite = '[role="tablist"],[role="grid"],[role="radiogroup"],[role="listbox"],[role="menu"]';
        const controls = Array.from(document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"], [role="tab"], [tabindex="0"]')).filter((el) => {
          const style = getComputedStyle(el);
          const r = el.getBoundingClientRect();
          return !(el as HTMLButtonElement).disabled && el.getAttribute('aria-hidden') !== 'true' && style.visibility !== 'hidden' && style.display !== 'none' && r.width > 0 && r.height > 0;
        });
        return controls.filter((el) => el.tabIndex < 0 && !el.closest(composite)).map((el) => `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}"`);
      });
      expect(visited.length).toBeGreaterThan(8);
      expect(visited.map((v) => v.name)).toEqual(expect.arrayContaining(['Tải mẫu thử', 'Tải xuống .xlsx', vi.createButton]));
      expect(problems).toEqual([]);
      expect(unreachable).toEqual([]);
    } finally {
      await p.close();
    }
  });

  test('the pane works at 320 px: no horizontal scrolling in any view', async () => {
    const p = await browser.newPage({ viewport: { width: 320, height: 800 } });
    try {
      await openWorkbench(p, '?theme=light&pane=320');
      const overflow = () =>
        p.evaluate(() => {
          const pane = document.getElementById('wb-pane')!;
          return { pane: pane.scrollWidth - pane.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
        });
      await p.getByRole('button', { name: vi.createButton }).click();
      await p.getByText(prefix(vi.created)).waitFor();
      expect(await overflow()).toEqual({ pane: 0, page: 0 });
      await screenshot(p, '08-narrow-320-create');
      await paneTab(p, vi.checkTab).click();
      await p.getByTestId('task-pane').getByRole('button', { name: vi.checkButton, exact: true }).click();
      await p.getByRole('region', { name: vi.findingsLabel }).waitFor();
      expect(await overflow()).toEqual({ pane: 0, page: 0 });
      await screenshot(p, '09-narrow-320-check');
      await paneTab(p, vi.mergeTab).click();
      expect(await overflow()).toEqual({ pane: 0, page: 0 });
    } finally {
      await p.close();
    }
  });

  test('Excel’s dark theme: the pane renders dark and stays accessible', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 }, colorScheme: 'dark' });
    try {
      await openWorkbench(p); // no ?theme: follows the browser's dark scheme
      const background = await p.evaluate(() => {
        let el: HTMLElement | null = document.querySelector('#wb-pane h1');
        while (el && getComputedStyle(el).backgroundColor === 'rgba(0, 0, 0, 0)') el = el.parentElement;
        return el ? getComputedStyle(el).backgroundColor : '';
      });
      expect(luminance(background)).toBeLessThan(0.1);
      await p.getByRole('button', { name: vi.createButton }).click();
      await p.getByText(prefix(vi.created)).waitFor();
      await screenshot(p, '10-dark-theme');
      expect(seriousOrWorse(await runAxe(p)).map((v) => `${v.id}: ${v.help} ${v.nodes.join(' ')}`)).toEqual([]);
    } finally {
      await p.close();
    }
  });

  test('no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
