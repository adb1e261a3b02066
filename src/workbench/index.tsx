import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createFakeExcel } from '../fake-excel';
import { detectHost } from '../taskpane/host';
import { DARK_THEME, installOfficeShim, LIGHT_THEME } from './office-shim';
import { WorkbenchStore } from './store';
import { Workbench } from './Workbench';

/**
 * workbench.html: the add-in without Excel. The Office shim goes in before anything asks for
 * Office; the task pane then boots exactly as in Excel (detectHost → App).
 *   ?theme=dark|light   Excel's theme (default: the browser's colour scheme)
 *   ?pane=320           task pane width in px (320–480; default 340)
 */

const params = new URLSearchParams(window.location.search);
const themeParam = params.get('theme');
const dark = themeParam === 'dark' || (themeParam !== 'light' && window.matchMedia?.('(prefers-color-scheme: dark)').matches === true);
const paneWidth = Number(params.get('pane'));
if (Number.isFinite(paneWidth) && paneWidth >= 320 && paneWidth <= 480) document.documentElement.style.setProperty('--wb-pane-width', `${paneWidth}px`);

const fake = createFakeExcel({ locale: 'vi-VN' });
const store = new WorkbenchStore(fake);
installOfficeShim(fake, { theme: dark ? DARK_THEME : LIGHT_THEME, afterRun: store.notify });
// The files the user picks in the pane, so the province workbook's formulas can show the engine's values.
store.picked.attach(document, store.notify);

// A handle for the browser console and the real-browser tests: the model, the sync counters.
(window as unknown as { pressdxWorkbench: unknown }).pressdxWorkbench = { fake, store };

const container = document.getElementById('root');
if (!container) throw new Error('workbench.html has no #root element');

void detectHost().then((host) => {
  createRoot(container).render(
    <StrictMode>
      <Workbench store={store} initialHost={host} initialDark={dark} />
    </StrictMode>,
  );
});
