import { isFakeOfficeError } from '../fake-excel';
import type { ExcelRun } from '../office/host';
import { makeOperations, type Operations } from '../office/operations';
import { REQUIRED_EXCEL_API } from '../taskpane/host';
import type { TaskPanePort } from '../taskpane/port';
import type { WorkbenchStore } from './store';

/**
 * The task pane's port on the workbench: the same operations as in Excel, bound to the in-memory
 * Excel instead of office.js. Nothing is installed globally; the pane gets exactly this.
 */

/**
 * The operations on the store's in-memory Excel. Every run, finished or failed, re-renders the
 * grid; a province workbook drawn by Tổng hợp leaves its spec with the store, for its formulas' values.
 */
export function workbenchOperations(store: WorkbenchStore): Operations {
  const run: ExcelRun = async (batch) => {
    try {
      return await store.fake.run(batch);
    } finally {
      store.notify();
    }
  };
  return makeOperations(run, store.fake.isSetSupported, { onProvinceDrawn: store.provinceDrawn });
}

/** Files the workbench hands to the pane's Tổng hợp (TaskPanePort.subscribeOfferedFiles). */
export class FileOffers {
  private readonly listeners = new Set<(files: File[]) => void>();

  subscribe = (listener: (files: File[]) => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Gives the files to every listening view; false when none listens (nothing took them). */
  offer(files: File[]): boolean {
    for (const listener of this.listeners) listener(files);
    return this.listeners.size > 0;
  }
}

export interface WorkbenchPortParts {
  store: WorkbenchStore;
  operations: Operations;
  offers: FileOffers;
  /** Excel's theme as the workbench's toggle sets it. */
  dark: boolean;
}

export function workbenchPort({ store, operations, offers, dark }: WorkbenchPortParts): TaskPanePort {
  return {
    host: { supportsRequiredApi: store.fake.isSetSupported('ExcelApi', REQUIRED_EXCEL_API), dark },
    operations,
    isOfficeError: isFakeOfficeError,
    newWorkbook: store.newWorkbook,
    subscribeOfferedFiles: offers.subscribe,
  };
}
