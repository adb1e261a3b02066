/**
 * The usability pass (issue 10) in the Debian Chromium: typing through an input method, Excel's
 * percent entry and validation in the grid, findings that follow the workbook, the province
 * workbook in Kiểm tra, where a finding is, English results, and the dark theme keeping the pane.
 * Screenshots of every view at 350 and 320 px, light and dark, vi and en, go to
 * test-artifacts/screenshots/. Skipped loudly without Chromium unless PRESSDX_REQUIRE_CHROMIUM=1.
 */
import { promises as fs } from 'fs';
import type { Browser, Page } from 'playwright-core';
import { MESSAGES } from '../../src/taskpane/i18n';
import { parseCell } from '../../src/workbook/a1';
import { HEADERS, INFO_LABELS, SHEET_NAMES } from '../../src/workbook/labels';
import { PROVINCE_SHEET_NAMES } from '../../src/workbook/province-labels';
import { buildAddin, chromiumAvailability, launchChromium, screenshot } from './browser';
import { WORKBENCH_TEXT } from '../../src/workbench/labels';
import { serveStatic, type StaticServer } from './static-server';

const availability = chromiumAvailability();
const describeBrowser = availability.run ? describe : describe.skip;
const vi = MESSAGES.vi;
const en = MESSAGES.en;
const SHEETS = SHEET_NAMES.vi;
const LABELS_VI = INFO_LABELS.vi;
const prefix = (message: string) => message.split('{')[0].trim();

jest.setTimeout(180_000);

async function poll<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  expect(last).toBe(expected);
}

describeBrowser('usability in Chromium', () => {
  let dist: string;
  let server: StaticServer;
  let browser: Browser;

  const cell = (p: Page, address: string) => p.locator(`td[data-address="${address}"]`);
  const sheetTab = (p: Page, name: string) => p.getByRole('tablist', { name: 'Trang tính' }).getByRole('tab', { name });
  const paneTab = (p: Page, name: string) => p.getByTestId('task-pane').getByRole('tab', { name, exact: true });
  const pane = (p: Page) => p.getByTestId('task-pane');
  const stored = (p: Page, sheet: string, address: string) =>
    p.evaluate(
      ([s, a]) => (window as unknown as { pressdxWorkbench: { fake: { model: { requireSheet(n: string): { at(a: string): { value: unknown; numberFormat: string } } } } } }).pressdxWorkbench.fake.model.requireSheet(s).at(a).value,
      [sheet, address] as const,
    );

  async function open(p: Page, query: string, lang: 'vi' | 'en' = 'vi'): Promise<void> {
    await p.goto(`${server.url}/workbench.html${query}`);
    await p.getByRole('button', { name: MESSAGES.vi.createButton }).or(p.getByRole('button', { name: en.createButton })).first().waitFor();
    const current = (await p.getByRole('button', { name: vi.createButton }).count()) > 0 ? 'vi' : 'en';
    if (current !== lang) await pane(p).getByRole('button', { name: MESSAGES[current].switchLanguageLabel }).click();
    await p.getByRole('button', { name: MESSAGES[lang].createButton }).waitFor();
  }

  async function createTemplate(p: Page, lang: 'vi' | 'en' = 'vi'): Promise<void> {
    const m = MESSAGES[lang];
    await p.getByRole('combobox', { name: m.unitLabel }).click();
    await p.getByRole('option', { name: 'Báo Quảng Trị' }).click();
    await p.getByRole('spinbutton', { name: m.yearLabel }).fill('2025');
    await p.getByRole('button', { name: m.createButton }).click();
    await p.getByText(prefix(m.created)).first().waitFor();
  }

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

  beforeAll(async () => {
    if (availability.reason) throw new Error(availability.reason);
    dist = buildAddin('development');
    server = await serveStatic(dist);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist && !process.env.PRESSDX_WORKBENCH_DIST) await fs.rm(dist, { recursive: true, force: true });
  });

  test('1 · text composed by an input method lands whole in a selected cell, first letter included', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await open(p, '?theme=light');
      await createTemplate(p);
      await sheetTab(p, SHEETS.tasks).click();
      const status = await addressOf(p, '1', HEADERS.vi.tblNhiemVu.status);
      const result = await addressOf(p, '1', HEADERS.vi.tblNhiemVu.result);
      const cdp = await p.context().newCDPSession(p);
      // What a Vietnamese keyboard sends: accented letters through a composition, the rest as keys.
      const compose = async (steps: string[]) => {
        for (const text of steps) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
        await cdp.send('Input.insertText', { text: steps[steps.length - 1] });
      };
      await cell(p, status).click();
      await compose(['D', 'Đ']);
      await p.keyboard.type('ang th');
      await compose(['u', 'ư', 'ự']);
      await p.keyboard.type('c hi');
      await compose(['e', 'ê', 'ệ']);
      await p.keyboard.type('n');
      await p.keyboard.press('Enter');
      await poll(() => stored(p, SHEETS.tasks, status), 'Đang thực hiện');

      await cell(p, result).click();
      await compose(['Đ']);
      await compose(['a', 'ạ']);
      await p.keyboard.type('t');
      await p.keyboard.press('Enter');
      await poll(() => stored(p, SHEETS.tasks, result), 'Đạt');
    } finally {
      await p.close();
    }
  });

  test('2 · 7 · the progress cell takes "50", "50%" and "0,5" as 50%; lists drop down; the input message shows; a Stop rule refuses', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await open(p, '?theme=light');
      await createTemplate(p);
      await sheetTab(p, SHEETS.tasks).click();
      const progress = await addressOf(p, '1', HEADERS.vi.tblNhiemVu.progress);
      for (const typed of ['50', '50%', '0,5']) {
        await cell(p, progress).click();
        await p.keyboard.type(typed);
        await p.keyboard.press('Enter');
        await poll(() => stored(p, SHEETS.tasks, progress), 0.5);
        await expect(cell(p, progress).textContent()).resolves.toBe('50%');
      }
      // The input message of the cell shows while it is selected.
      await cell(p, progress).click();
      await expect(p.getByTestId('input-message').textContent()).resolves.toContain('Nhập tiến độ từ 0% đến 100%');
      // 150 breaks the rule (0–100%): refused with the sheet's message, the cell keeps 50%.
      await p.keyboard.type('150');
      await p.keyboard.press('Enter');
      await expect(p.locator('.wb-message').textContent()).resolves.toContain('Tiến độ phải từ 0% đến 100%.');
      expect(await stored(p, SHEETS.tasks, progress)).toBe(0.5);

      // A list rule offers its items.
      const status = await addressOf(p, '2', HEADERS.vi.tblNhiemVu.status);
      await cell(p, status).click();
      const list = p.getByRole('combobox', { name: `Danh sách chọn của ô ${status}:` });
      await list.selectOption('Hoàn thành');
      await poll(() => stored(p, SHEETS.tasks, status), 'Hoàn thành');

      // Columns keep the sheet's widths and scroll sideways, as in Excel: no calculated column squeezed to "ƒ …".
      const overflow = await p.evaluate(() => {
        const s = document.querySelector('.wb-scroller')!;
        return s.scrollWidth > s.clientWidth;
      });
      expect(overflow).toBe(true);
      await screenshot(p, 'u-07-grid-validation');
    } finally {
      await p.close();
    }
  });

  test('3 · 5 · 4 · a send before the cut-off is a note; a number typed as text is an error fixed by converting it; the report names no internals', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await open(p, '?theme=light');
      await createTemplate(p);
      // 3: the guide says what the data period is and that its end is a setting.
      await sheetTab(p, SHEETS.guide).click();
      await expect(p.locator('.wb-scroller').textContent()).resolves.toMatch(/Kỳ số liệu: từ 01\/01\/2025 đến 31\/10\/2025.*thiết lập/);

      await sheetTab(p, SHEETS.info).click();
      const submitted = await addressOf(p, LABELS_VI.submittedOn, HEADERS.vi.tblThongTin.value);
      await cell(p, submitted).click();
      await p.keyboard.type('15/10/2025');
      await p.keyboard.press('Enter');

      // 5: a revenue figure pasted from elsewhere as text. Pasting skips the cell's validation (typing
      // text there would be refused), so it goes straight into the workbook, as Excel's paste does.
      await sheetTab(p, SHEETS.indicators).click();
      const value = await addressOf(p, 'CT5b', HEADERS.vi.tblChiTieu.value);
      const at = parseCell(value)!;
      await p.evaluate(
        ([sheetName, top, left]) => {
          type Model = { requireSheet(n: string): unknown; write(sheet: unknown, rect: object, input: unknown, location: string): void };
          const model = (window as unknown as { pressdxWorkbench: { fake: { model: Model } } }).pressdxWorkbench.fake.model;
          model.write(model.requireSheet(sheetName), { top, left, rows: 1, cols: 1 }, [["'14,5"]], 'Test.paste');
        },
        [SHEETS.indicators, at.row - 1, at.col - 1] as const,
      );
      await poll(() => stored(p, SHEETS.indicators, value), '14,5');

      await paneTab(p, vi.checkTab).click();
      await pane(p).getByRole('button', { name: vi.checkButton, exact: true }).click();
      const findings = p.getByRole('region', { name: vi.findingsLabel });
      await findings.waitFor();
      const items = await findings.getByRole('listitem').allTextContents();
      const early = items.filter((x) => x.includes('15/10/2025'));
      expect(early).toEqual([expect.stringContaining('trước ngày kết thúc kỳ số liệu 31/10/2025')]);
      // A note, not an error.
      const icons = findings.getByRole('listitem').filter({ hasText: '15/10/2025' }).getByRole('img');
      await expect(icons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).resolves.toEqual([vi.severityInfo]);
      const asText = items.filter((x) => x.includes('"14,5" là văn bản'));
      expect(asText).toHaveLength(1);
      expect(asText[0]).toContain('Chuyển thành số 14,5');

      await pane(p).getByRole('button', { name: new RegExp(`^Áp dụng gợi ý cho ô .*!${value}$`) }).click();
      await p.getByRole('button', { name: vi.fixConfirmApply, exact: true }).click();
      await poll(() => stored(p, SHEETS.indicators, value), 14.5);
      await p.getByText(prefix(vi.fixesApplied)).first().waitFor();
      const after = await p.getByRole('region', { name: vi.findingsLabel }).getByRole('listitem').allTextContents();
      expect(after.some((x) => x.includes('là văn bản'))).toBe(false);

      // 4: the yearly report, drawn by Tổng hợp, speaks to people only.
      await paneTab(p, vi.mergeTab).click();
      await p.getByRole('button', { name: WORKBENCH_TEXT.vi.samples }).click();
      await p.getByText(/Đã tạo 2 tệp mẫu và đưa vào ô chọn tệp/).waitFor({ timeout: 60_000 });
      await pane(p).getByRole('button', { name: vi.mergeButton, exact: true }).click();
      await p.getByRole('button', { name: vi.confirmReplace }).click({ timeout: 120_000 });
      await p.getByText(prefix(vi.merged)).first().waitFor({ timeout: 120_000 });
      await sheetTab(p, PROVINCE_SHEET_NAMES.vi.report).click();
      const report = (await p.locator('.wb-scroller').textContent()) ?? '';
      expect(report).toContain('Báo cáo');
      expect(report).not.toMatch(/\btbl[A-Z]|TongDiem|MucDo|'Chỉ số'!/);
    } finally {
      await p.close();
    }
  });

  test('8 · the replace question names the visible sheets, not the hidden one, and offers the workbench\'s new workbook', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await open(p, '?theme=light');
      await createTemplate(p);
      const created = (await pane(p).getByText(prefix(vi.created)).first().textContent()) ?? '';
      expect(created).toContain(SHEETS.indicators);
      expect(created).not.toContain(SHEETS.meta);

      await sheetTab(p, SHEETS.tasks).click();
      const status = await addressOf(p, '1', HEADERS.vi.tblNhiemVu.status);
      await cell(p, status).click();
      await p.keyboard.type('Đang thực hiện');
      await p.keyboard.press('Enter');
      await poll(() => stored(p, SHEETS.tasks, status), 'Đang thực hiện');

      await pane(p).getByRole('button', { name: vi.createButton }).click();
      const dialog = p.getByRole('alertdialog');
      await dialog.waitFor();
      const question = (await dialog.textContent()) ?? '';
      for (const sheet of [SHEETS.guide, SHEETS.indicators, SHEETS.tasks, SHEETS.index]) expect(question).toContain(sheet);
      expect(question).not.toContain(SHEETS.meta);
      expect(question).toContain(prefix(vi.replaceAdviceNewWorkbookAction));
      expect(question).not.toContain('Tệp › Mới');
      await screenshot(p, 'u-08-replace-question');

      // The workbench's answer: a blank workbook, the template drawn there, nothing replaced.
      await dialog.getByRole('button', { name: vi.newWorkbookAndContinue }).click();
      await poll(() => pane(p).getByText(prefix(vi.created)).count(), 1, 60_000);
      const sheets = await p.evaluate(() => (window as unknown as { pressdxWorkbench: { fake: { model: { sheets: Array<{ name: string }> } } } }).pressdxWorkbench.fake.model.sheets.map((x) => x.name));
      expect(sheets.filter((n) => n === SHEETS.tasks)).toHaveLength(1);
      await poll(() => stored(p, SHEETS.tasks, status), null);
      // The toolbar offers the same blank workbook on its own.
      await p.getByRole('button', { name: 'Sổ tính mới', exact: true }).click();
      await poll(async () => (await p.evaluate(() => (window as unknown as { pressdxWorkbench: { fake: { model: { sheets: Array<{ name: string }> } } } }).pressdxWorkbench.fake.model.sheets.map((x) => x.name).join(','))), 'Sheet1');
    } finally {
      await p.close();
    }
  });

  test('6 · 9 · findings do not outlive the workbook: a merge clears them; Kiểm tra on the province workbook says what it is', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await open(p, '?theme=light');
      await createTemplate(p);
      await paneTab(p, vi.checkTab).click();
      await pane(p).getByRole('button', { name: vi.checkButton, exact: true }).click();
      await p.getByRole('region', { name: vi.findingsLabel }).waitFor();

      await paneTab(p, vi.mergeTab).click();
      await pane(p).getByRole('button', { name: vi.pickFiles, exact: true }).waitFor();
      await p.getByRole('button', { name: 'Tải mẫu thử' }).click();
      await p.getByText(/Đã tạo 2 tệp mẫu và đưa vào ô chọn tệp/).waitFor({ timeout: 60_000 });
      await pane(p).getByRole('button', { name: vi.mergeButton, exact: true }).click();
      // The template's sheets would be replaced: the pane asks first.
      const replace = p.getByRole('button', { name: vi.confirmReplace });
      await replace.waitFor({ timeout: 120_000 });
      const question = (await p.getByRole('alertdialog').textContent()) ?? '';
      expect(question).toContain(SHEETS.indicators);
      expect(question).not.toMatch(/_PressDX|\btbl[A-Z]|TongDiem/);
      await replace.click();
      await p.getByText(prefix(vi.merged)).first().waitFor({ timeout: 120_000 });

      await paneTab(p, vi.checkTab).click();
      await expect(p.getByText(vi.findingsStale).count()).resolves.toBe(1);
      await expect(p.getByRole('region', { name: vi.findingsLabel }).count()).resolves.toBe(0);

      await pane(p).getByRole('button', { name: vi.checkButton, exact: true }).click();
      const findings = p.getByRole('region', { name: vi.findingsLabel });
      await findings.waitFor();
      const items = (await findings.getByRole('listitem').allTextContents()).filter((x) => !/^(Lỗi|Cảnh báo|Thông tin): \d+$/.test(x));
      expect(items).toHaveLength(1);
      expect(items[0]).toContain('sổ tổng hợp của tỉnh');
      await expect(findings.getByText('Lỗi: 1', { exact: true }).count()).resolves.toBe(1);
      expect(items.join(' ')).not.toMatch(/Thiếu bảng|tbl[A-Z]/);
      await screenshot(p, 'u-09-province-check');
    } finally {
      await p.close();
    }
  });

  test('10 · 11 · a finding names its cell and what the row is; English shows English results; the theme keeps the pane', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await open(p, '?theme=light', 'en');
      await createTemplate(p, 'en');
      await paneTab(p, en.checkTab).click();
      await pane(p).getByRole('button', { name: en.checkButton, exact: true }).click();
      const findings = p.getByRole('region', { name: en.findingsLabel });
      await findings.waitFor();
      const text = (await findings.textContent()) ?? '';
      // CT1 of a press agency is required: "D5 · CT1" names the cell and the indicator, once.
      expect(text).toMatch(/[A-Z]+\d+ · CT1\b/);
      expect(text).not.toMatch(/, row \d+|dòng \d+/);
      expect(text).toContain('missing');
      expect(text).not.toMatch(/chưa nhập|Chỉ tiêu CT/);

      await p.getByRole('button', { name: WORKBENCH_TEXT.en.darkTheme }).click();
      await findings.waitFor();
      await expect(p.getByRole('region', { name: en.findingsLabel }).count()).resolves.toBe(1);
      await screenshot(p, 'u-11-dark-kept');
    } finally {
      await p.close();
    }
  });

  test('11 · sizes use the language\'s decimal separator everywhere; a later action retires earlier status messages', async () => {
    const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await open(p, '?theme=light');
      await createTemplate(p);
      const toolbarStatus = p.getByRole('status').filter({ hasText: /Đã tải xuống|Đã tạo \d+ tệp mẫu/ });
      await p.getByRole('button', { name: 'Tải xuống .xlsx' }).click();
      await p.getByText(/Đã tải xuống/).waitFor();
      const downloaded = (await toolbarStatus.textContent()) ?? '';
      expect(downloaded).toMatch(/\(\d+(,\d)? KB\)/);
      expect(downloaded).not.toMatch(/\d\.\d KB/);

      await paneTab(p, vi.mergeTab).click();
      await p.getByRole('button', { name: 'Tải mẫu thử' }).click();
      await p.getByText(/Đã tạo 2 tệp mẫu và đưa vào ô chọn tệp/).waitFor({ timeout: 60_000 });
      const sizes = async () => (await pane(p).textContent())?.match(/\d+[.,]?\d* KB/g) ?? [];
      const viSizes = await sizes();
      expect(viSizes.length).toBeGreaterThanOrEqual(2);
      for (const size of viSizes) expect(size).not.toContain('.');
      await pane(p).getByRole('button', { name: vi.switchLanguageLabel }).click();
      await pane(p).getByRole('button', { name: en.mergeButton, exact: true }).waitFor();
      const enSizes = await sizes();
      expect(enSizes.length).toBe(viSizes.length);
      for (const size of enSizes) expect(size).not.toContain(',');
      expect(enSizes.some((x) => x.includes('.'))).toBe(viSizes.some((x) => x.includes(',')));
      await pane(p).getByRole('button', { name: en.switchLanguageLabel }).click();

      // The template's "created" message and the toolbar's message are still up; Kiểm tra retires both.
      await paneTab(p, vi.createTab).click();
      await expect(pane(p).getByText(prefix(vi.created)).count()).resolves.toBe(1);
      await expect(toolbarStatus.count()).resolves.toBe(1);
      await paneTab(p, vi.checkTab).click();
      await pane(p).getByRole('button', { name: vi.checkButton, exact: true }).click();
      await p.getByRole('region', { name: vi.findingsLabel }).waitFor();
      await poll(() => toolbarStatus.count(), 0);
      await paneTab(p, vi.createTab).click();
      await expect(pane(p).getByText(prefix(vi.created)).count()).resolves.toBe(0);
    } finally {
      await p.close();
    }
  });

  test('every view at 350 and 320 px, light and dark, vi and en: no overflow, no internal names', async () => {
    const problems: string[] = [];
    for (const width of [350, 320]) {
      for (const theme of ['light', 'dark'] as const) {
        for (const lang of ['vi', 'en'] as const) {
          const m = MESSAGES[lang];
          const p = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: theme });
          try {
            await open(p, `?theme=${theme}&pane=${width}`, lang);
            await createTemplate(p, lang);
            const shoot = async (view: string) => {
              const over = await p.evaluate(() => {
                const el = document.getElementById('wb-pane')!;
                return Math.max(el.scrollWidth - el.clientWidth, document.documentElement.scrollWidth - window.innerWidth);
              });
              if (over > 0) problems.push(`${view} ${width}px ${theme} ${lang}: ${over}px too wide`);
              const text = (await pane(p).textContent()) ?? '';
              if (/\btbl[A-Z]|TongDiem|MucDo/.test(text)) problems.push(`${view} ${width}px ${theme} ${lang}: internal name in "${text.slice(0, 80)}"`);
              // The workbench around the pane speaks the pane's language (the workbook keeps its own).
              const chrome = (await p.locator('.wb-toolbar').textContent()) ?? '';
              if (lang === 'en' && /[\u00C0-\u1EF9]/.test(chrome)) problems.push(`${view} ${width}px ${theme} ${lang}: Vietnamese in the workbench toolbar "${chrome.slice(0, 80)}"`);
              if ((await p.getByRole('tablist', { name: WORKBENCH_TEXT[lang].sheetTabs, exact: true }).count()) !== 1) problems.push(`${view} ${width}px ${theme} ${lang}: the sheet tabs are not labelled "${WORKBENCH_TEXT[lang].sheetTabs}"`);
              await screenshot(p, `u-${view}-${width}-${theme}-${lang}`);
            };
            await shoot('create');
            await paneTab(p, m.checkTab).click();
            await pane(p).getByRole('button', { name: m.checkButton, exact: true }).click();
            await p.getByRole('region', { name: m.findingsLabel }).waitFor();
            await shoot('check');
            await paneTab(p, m.mergeTab).click();
            await shoot('merge');
          } finally {
            await p.close();
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
