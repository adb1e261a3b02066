import { fakeError, FakeOfficeError } from '../errors';
import { WorkbookModel, type WorkbookModelOptions } from '../model';
import { FakeWorkbook, type FakeApplication } from './workbook';

/**
 * The Office.js-shaped facade over WorkbookModel: proxies that queue operations, a request context
 * whose sync() runs them, and Office.js's failure modes — PropertyNotLoaded before load()+sync(),
 * ItemNotFound at sync for getItem of a missing object, null objects from *OrNullObject, the 5 MB
 * request/response payload limits of Excel on the web, ApiNotFound for members above the
 * configured requirement set. Only the members PressDX uses exist; TypeScript checks their
 * shapes against @types/office-js (the `implements Pick<Excel.X, ...>` clauses and parameter types).
 */

export interface FakeExcelOptions extends WorkbookModelOptions {
  /** Highest ExcelApi requirement set the fake host supports, e.g. '1.8' for Excel 2019. */
  maxExcelApi?: string;
  /** Excel on the web rejects a request (queued operations) above 5 MB. */
  requestLimitBytes?: number;
  /** …and a response (loaded values) above 5 MB. */
  responseLimitBytes?: number;
}

export interface SyncRecord {
  operations: number;
  requestBytes: number;
  responseBytes: number;
  error?: string;
}

/** 5 MB, read as 5,000,000 bytes: stricter than 5 MiB, so code that passes here passes in Excel. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

/** What an operation costs beyond its arguments (object path, action type, ids) in Office.js's JSON. */
const OPERATION_OVERHEAD_BYTES = 64;

const encoder = new TextEncoder();
const utf8Bytes = (s: string): number => encoder.encode(s).length;
const jsonBytes = (v: unknown): number => (v === undefined ? 0 : utf8Bytes(JSON.stringify(v) ?? ''));

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Everything that outlives one Excel.run: the workbook, counters, the log of API calls. */
export class FakeSession {
  readonly model: WorkbookModel;
  /** Every context.sync(), including the implicit one at the end of run() when work is pending. */
  syncCount = 0;
  readonly syncs: SyncRecord[] = [];
  /** "Type.member" of every queued call, in order (tests assert what was or was not called). */
  readonly calls: string[] = [];
  readonly maxExcelApi: string;
  readonly requestLimitBytes: number;
  readonly responseLimitBytes: number;

  constructor(options: FakeExcelOptions = {}) {
    this.model = new WorkbookModel(options);
    this.maxExcelApi = options.maxExcelApi ?? '1.17';
    this.requestLimitBytes = options.requestLimitBytes ?? PAYLOAD_LIMIT_BYTES;
    this.responseLimitBytes = options.responseLimitBytes ?? PAYLOAD_LIMIT_BYTES;
  }

  /** Office.context.requirements.isSetSupported for this fake host. */
  isSetSupported(name: string, version = '1.1'): boolean {
    return name.toLowerCase() === 'excelapi' && compareVersions(version, this.maxExcelApi) <= 0;
  }
}

/** Collects, during one sync, what loads will hand back once the whole request succeeded. */
export interface Execution {
  commit(apply: () => void, response: unknown): void;
}

interface Operation {
  location: string;
  bytes: number;
  apiSet?: string;
  run(x: Execution): void;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  private queue: Operation[] = [];
  private alive = true;

  constructor(readonly session: FakeSession) {
    this.workbook = new FakeWorkbook(this);
    this.application = this.workbook.application;
  }

  get model(): WorkbookModel {
    return this.session.model;
  }

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  /** Bytes queued since the last sync, as the fake counts them against the request limit. */
  get pendingBytes(): number {
    return this.queue.reduce((n, op) => n + op.bytes, 0);
  }

  enqueue(location: string, payload: unknown, run: (x: Execution) => void, apiSet?: string): void {
    if (!this.alive) throw fakeError('InvalidRequestContext', location, 'the Excel.run batch has ended');
    this.queue.push({ location, bytes: jsonBytes(payload) + OPERATION_OVERHEAD_BYTES, apiSet, run });
    this.session.calls.push(location);
  }

  async sync(): Promise<void> {
    if (!this.alive) throw fakeError('InvalidRequestContext', 'RequestContext.sync');
    this.session.syncCount++;
    const ops = this.queue;
    this.queue = [];
    // A sync is a round trip: callers must not rely on it completing synchronously.
    await Promise.resolve();
    const record: SyncRecord = { operations: ops.length, requestBytes: ops.reduce((n, op) => n + op.bytes, 0), responseBytes: 0 };
    this.session.syncs.push(record);
    if (ops.length === 0) return;
    const fail = (e: FakeOfficeError): never => {
      record.error = e.code;
      throw e;
    };
    if (record.requestBytes > this.session.requestLimitBytes) {
      fail(fakeError('RequestPayloadSizeLimitExceeded', 'RequestContext.sync', `${record.requestBytes} bytes in ${ops.length} operations`));
    }
    const commits: Array<() => void> = [];
    const x: Execution = {
      commit: (apply, response) => {
        commits.push(apply);
        record.responseBytes += jsonBytes(response);
      },
    };
    const model = this.model;
    try {
      // Excel runs the operations in order and stops at the first failure; earlier ones stay applied.
      for (const op of ops) {
        if (op.apiSet && !this.session.isSetSupported('ExcelApi', op.apiSet)) fail(fakeError('ApiNotFound', op.location, `needs ExcelApi ${op.apiSet}`));
        try {
          op.run(x);
        } catch (e) {
          if (e instanceof FakeOfficeError) {
            e.debugInfo.errorLocation ??= op.location;
            fail(e);
          }
          fail(new FakeOfficeError('GeneralException', { location: op.location, detail: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }));
        }
      }
    } finally {
      if (model.calculationSuspended) {
        model.suspendedSyncs++;
        model.calculationSuspended = false;
      }
    }
    if (record.responseBytes > this.session.responseLimitBytes) fail(fakeError('ResponsePayloadSizeLimitExceeded', 'RequestContext.sync', `${record.responseBytes} bytes`));
    for (const c of commits) c();
  }

  dispose(): void {
    this.alive = false;
    this.queue = [];
  }
}
