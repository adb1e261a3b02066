/**
 * The task pane takes everything from its host through the TaskPanePort it is given: rendered
 * here (server-side, no DOM and no Office global in Node) with a port built on the in-memory Excel,
 * as the workbench builds it.
 */
import { renderToString } from 'react-dom/server';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createFakeExcel, FakeOfficeError, isFakeOfficeError } from '../../src/fake-excel';
import * as operationsModule from '../../src/office/operations';
import { describeError } from '../../src/taskpane/actions';
import { App } from '../../src/taskpane/App';
import { MESSAGES, translator } from '../../src/taskpane/i18n';
import { useTaskPanePort, type TaskPanePort } from '../../src/taskpane/port';
import { FileOffers, workbenchOperations, workbenchPort } from '../../src/workbench/port';
import { WorkbenchStore } from '../../src/workbench/store';

const vi = MESSAGES.vi;

function fakePort(options: { maxExcelApi?: string; dark?: boolean } = {}): { port: TaskPanePort; store: WorkbenchStore } {
  const store = new WorkbenchStore(createFakeExcel({ locale: 'vi-VN', maxExcelApi: options.maxExcelApi }));
  const port = workbenchPort({ store, operations: workbenchOperations(store), offers: new FileOffers(), dark: options.dark ?? false });
  return { port, store };
}

/** Whether the submit button reading `label` carries the disabled attribute (undefined: no such button). */
function buttonDisabled(html: string, label: string): boolean | undefined {
  for (const m of html.matchAll(/<button([^>]*)>([\s\S]*?)<\/button>/g)) {
    if (/type="submit"/.test(m[1]) && m[2].replace(/<[^>]*>/g, '').trim() === label) return /\sdisabled(=|\s|$)/.test(m[1]);
  }
  return undefined;
}

describe('the task pane renders from its port', () => {
  test('no Office global is needed: a port on the in-memory Excel runs the pane as in Excel', () => {
    expect((globalThis as { Office?: unknown }).Office).toBeUndefined();
    const html = renderToString(<App port={fakePort().port} />);
    expect(html).toContain(vi.createButton);
    expect(buttonDisabled(html, vi.createButton)).toBe(false);
    expect(html).not.toContain(vi.outsideExcelTitle);
    expect(html).not.toContain(vi.oldExcelTitle);
  });

  test('a port without a host shows the outside-Excel warning and disables the actions', () => {
    const html = renderToString(<App port={{ ...fakePort().port, host: null }} />);
    expect(html).toContain(vi.outsideExcelTitle);
    expect(buttonDisabled(html, vi.createButton)).toBe(true);
  });

  test('the host’s ExcelApi level comes from the port: an Excel below 1.8 gets the old-Excel warning', () => {
    const html = renderToString(<App port={fakePort({ maxExcelApi: '1.7' }).port} />);
    expect(html).toContain(vi.oldExcelTitle);
    expect(buttonDisabled(html, vi.createButton)).toBe(true);
  });

  test('the theme is the port’s host’s', () => {
    const background = (dark: boolean) => renderToString(<App port={fakePort({ dark }).port} />);
    expect(background(true)).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1}`);
    expect(background(false)).toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1}`);
  });

  test('a view outside App has no port and says so', () => {
    function Probe() {
      useTaskPanePort();
      return null;
    }
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => renderToString(<Probe />)).toThrow(/TaskPanePort/);
    } finally {
      error.mockRestore();
    }
  });
});

describe('the port’s operations and errors', () => {
  test('operations run on the port’s Excel, and the workbench re-renders after each run, failed or not', async () => {
    const { port, store } = fakePort();
    const before = store.getVersion();
    await expect(port.operations.findExistingPressdxSheets()).resolves.toEqual([]);
    expect(store.getVersion()).toBe(before + 1);
    await port.operations.createTemplateInExcel({ year: 2025, indexVersionId: '3560-2025', lang: 'vi', replaceExisting: false }, () => undefined);
    expect((await port.operations.findExistingPressdxSheets()).length).toBeGreaterThan(0);
    const afterCreate = store.getVersion();
    // A sheet that is not there: the run fails, and still the grid hears of it.
    await expect(port.operations.selectCell('Sheet-that-is-not-there', 'A1')).rejects.toBeDefined();
    expect(store.getVersion()).toBe(afterCreate + 1);
  });

  test('describeError explains what the port calls an Office error by its code, anything else by its message', () => {
    const t = translator('vi');
    const officeError = new FakeOfficeError('ItemNotFound', { location: 'Workbook.worksheets.getItem' });
    expect(describeError(officeError, t, isFakeOfficeError)).toBe(
      vi.errorOffice.replace('{code}', 'ItemNotFound').replace('{message}', `${officeError.message} [Workbook.worksheets.getItem]`),
    );
    // A host that does not recognise it as its own error shows the plain message.
    expect(describeError(officeError, t, (_e): _e is never => false)).toBe(officeError.message);
  });

  test('src/office/operations binds nothing to the real Excel: only makeOperations and run-taking readers', () => {
    const bound = ['createTemplateInExcel', 'findExistingPressdxSheets', 'runCheck', 'selectCell', 'highlightFindings', 'clearHighlights', 'applyFixes', 'runFill', 'mergeFiles', 'runCheckCommand', 'createCatalogueSheetInExcel', 'checkCatalogueInExcel', 'editThresholdInExcel'];
    expect(Object.keys(operationsModule).filter((k) => bound.includes(k))).toEqual([]);
    expect(operationsModule.readWorkbookFromExcel.length).toBe(1);
  });
});
