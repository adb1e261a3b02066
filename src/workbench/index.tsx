import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createFakeExcel } from '../fake-excel';
import { WorkbenchStore } from './store';
import { Workbench } from './Workbench';

/**
 * workbench.html: the add-in without Excel. The task pane is given a port on the in-memory Excel
 * (src/workbench/port.ts); no Office or Excel global exists on this page.
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

// A handle for the browser console and the real-browser tests: the model, the sync counters, the drawn province spec.
(window as unknown as { pressdxWorkbench: unknown }).pressdxWorkbench = { fake, store };

const container = document.getElementById('root');
if (!container) throw new Error('workbench.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <Workbench store={store} initialDark={dark} />
  </StrictMode>,
);
