/**
 * The "Bộ tiêu chí" step in the workbench (the real task pane on the in-memory Excel, in
 * Chromium): create the catalogue sheet, type a small catalogue, check it, edit a threshold
 * (recorded in the history), and create the criterion-level template from it.
 * Without /usr/bin/chromium it is skipped with a warning, unless PRESSDX_REQUIRE_CHROMIUM=1.
 */
import { promises as fs } from 'fs';
import type { Browser, Page } from 'playwright-core';
import { indexVersionById } from '../../src/indexes/index-versions';
import { MESSAGES } from '../../src/taskpane/i18n';
import { CATALOGUE_SHEET_NAMES } from '../../src/workbook/catalogue-sheet';
import { SHEET_NAMES } from '../../src/workbook/labels';
import { buildAddin, chromiumAvailability, launchChromium, runAxe, screenshot, seriousOrWorse } from './browser';
import { serveStatic, type StaticServer } from './static-server';

const availability = chromiumAvailability();
const describeBrowser = availability.run ? describe : describe.skip;
const vi = MESSAGES.vi;
const prefix = (message: string) => message.split('{')[0].trim();
jest.setTimeout(180_000);

describeBrowser('workbench: Bộ tiêu chí step', () => {
  let dist: string;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const cell = (address: string) => page.locator(`td[data-address="${address}"]`);
  const sheetTab = (name: string) => page.getByRole('tablist', { name: 'Trang tính' }).getByRole('tab', { name });
  const pane = () => page.getByTestId('task-pane');
  const type = async (address: string, text: string) => {
    await cell(address).click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  };

  beforeAll(async () => {
    if (availability.reason) throw new Error(availability.reason);
    dist = buildAddin('development');
    server = await serveStatic(dist);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/workbench.html?theme=light`);
    await page.getByRole('button', { name: vi.createButton }).waitFor();
    await page.getByRole('spinbutton', { name: vi.yearLabel }).fill('2024');
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist && !process.env.PRESSDX_WORKBENCH_DIST) await fs.rm(dist, { recursive: true, force: true });
  });

  test('creates the empty catalogue sheet, pillars prefilled; checking says it has no criterion yet', async () => {
    await pane().getByRole('button', { name: vi.catalogueCreate }).click();
    await page.getByText(prefix(vi.catalogueCreated)).waitFor();
    await expect(sheetTab(CATALOGUE_SHEET_NAMES.vi.catalogue).getAttribute('aria-selected')).resolves.toBe('true');
    await expect(cell('A6').textContent()).resolves.toBe('Chiến lược');
    await pane().getByRole('button', { name: vi.catalogueCheck }).click();
    await page.getByText(vi.catalogueNotUsable.replace('{errors}', '1')).waitFor();
    await expect(pane().getByRole('switch', { name: vi.catalogueUse }).isDisabled()).resolves.toBe(true);
  });

  test('a typed catalogue (one made-up criterion per pillar) checks usable, with count warnings', async () => {
    const pillars = indexVersionById('1827-2024')!.pillars;
    for (const [i, p] of pillars.entries()) {
      const row = 6 + i;
      await type(`B${row}`, `TP thử nghiệm ${p.no}`);
      await type(`C${row}`, `${p.no}.1`);
      await type(`D${row}`, `Tiêu chí thử nghiệm ${p.no}.1 (dữ liệu giả lập để kiểm thử)`);
      await type(`E${row}`, String(p.maxPoints));
    }
    await pane().getByRole('button', { name: vi.catalogueCheck }).click();
    await page.getByText('Dùng được: 5 tiêu chí, 5 chỉ số thành phần (1827-2024).').waitFor();
    await expect(pane().getByText('Có 5 tiêu chí; 1827/QĐ-BTTTT công bố 43 tiêu chí.', { exact: false }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'catalogue-01-checked');
    expect(seriousOrWorse(await runAxe(page))).toEqual([]);
  });

  test('edits the Xuất sắc threshold: the cell changes and the history records who, old → new', async () => {
    await pane().getByRole('textbox', { name: vi.thresholdMin }).fill('92');
    await pane().getByRole('textbox', { name: vi.thresholdWho }).fill('Cán bộ thử nghiệm');
    await pane().getByRole('button', { name: vi.thresholdSave }).click();
    await page.getByText(vi.thresholdSaved.replace('{count}', '1')).waitFor();
    await expect(cell('K23').textContent()).resolves.toContain('92');
    await expect(cell('J27').textContent()).resolves.toBe('Cán bộ thử nghiệm');
    await expect(cell('M27').textContent()).resolves.toContain('90');
    await expect(cell('N27').textContent()).resolves.toContain('92');
  });

  test('uses it: the template scores each criterion, the catalogue travels hidden', async () => {
    await pane().getByRole('switch', { name: vi.catalogueUse }).click();
    await page.getByRole('button', { name: vi.createButton }).click();
    await page.getByRole('button', { name: vi.confirmReplace }).click();
    await page.getByText(prefix(vi.created)).waitFor();
    await expect(sheetTab(CATALOGUE_SHEET_NAMES.vi.catalogue).count()).resolves.toBe(0);
    await sheetTab(SHEET_NAMES.vi.index).click();
    await page.getByText('Điểm theo chỉ số thành phần').first().waitFor();
    await expect(page.locator('td[data-address]').filter({ hasText: 'Tiêu chí thử nghiệm 5.1 (dữ liệu giả lập để kiểm thử)' }).count()).resolves.toBe(1);
    await screenshot(page, 'catalogue-02-criterion-template');
    expect(pageErrors).toEqual([]);
  });
});
