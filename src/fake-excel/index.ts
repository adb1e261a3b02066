import { fakeError } from './errors';
import { FakeRequestContext, FakeSession, type FakeExcelOptions, type SyncRecord } from './facade/context';
import type { WorkbookModel } from './model';

/**
 * An in-memory Excel for tests and the browser workbench: `run` stands in for Excel.run,
 * `model` is the workbook it edits, `isSetSupported` for Office.context.requirements.
 */

export type ExcelRunLike = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface FakeExcel {
  run: ExcelRunLike;
  model: WorkbookModel;
  /** context.sync() calls so far, over every run (including the implicit sync that ends a run with work pending). */
  readonly syncCount: number;
  /** Per-sync statistics: operations, request and response bytes, error code. */
  readonly syncs: readonly SyncRecord[];
  /** "Type.member" of every queued Office.js call, in order. */
  readonly calls: readonly string[];
  isSetSupported(name: string, version?: string): boolean;
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const session = new FakeSession(options);
  const run: ExcelRunLike = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeRequestContext(session);
    try {
      // The one place the fake poses as Office.js: FakeRequestContext implements, structurally,
      // the members of Excel.RequestContext that PressDX uses (the classes in facade/ check their shapes).
      const pending: unknown = batch(context as unknown as Excel.RequestContext);
      if (!(pending instanceof Promise)) throw fakeError('RunMustReturnPromise', 'Excel.run');
      const result = await (pending as Promise<T>);
      // Like Excel.run, send what the batch queued but did not sync.
      if (context.hasPending) await context.sync();
      return result;
    } finally {
      context.dispose();
    }
  };
  return {
    run,
    model: session.model,
    get syncCount() {
      return session.syncCount;
    },
    get syncs() {
      return session.syncs;
    },
    get calls() {
      return session.calls;
    },
    isSetSupported: (name, version) => session.isSetSupported(name, version),
  };
}

export { FakeOfficeError, isFakeOfficeError, type FakeErrorCode } from './errors';
export { FakeRequestContext, FakeSession, PAYLOAD_LIMIT_BYTES, type FakeExcelOptions, type SyncRecord } from './facade/context';
export { SheetModel, TableModel, WorkbookModel, DEFAULT_COLUMN_WIDTH_POINTS, type NameModel, type WorkbookModelOptions } from './model';
export type * from './model-types';
export { columnLetters, formatAddress, formatRect, parseAddress, quoteSheetName, type Rect } from './address';
