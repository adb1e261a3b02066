import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { officeExcelRun, officeIsSetSupported } from '../office/host';
import { makeOperations } from '../office/operations';
import { App } from './App';
import { detectHost } from './host';
import type { OfficeLikeError, TaskPanePort } from './port';

/**
 * The add-in's task pane in Excel: the one place the pane meets office.js. The port built here
 * carries the real Excel.run and host; App and its views use nothing else.
 */

const container = document.getElementById('root');
if (!container) throw new Error('taskpane.html has no #root element');

const isOfficeError = (error: unknown): error is OfficeLikeError => typeof OfficeExtension !== 'undefined' && error instanceof OfficeExtension.Error;

void detectHost().then((host) => {
  const port: TaskPanePort = { host, operations: makeOperations(officeExcelRun, officeIsSetSupported), isOfficeError };
  createRoot(container).render(
    <StrictMode>
      <App port={port} />
    </StrictMode>,
  );
});
