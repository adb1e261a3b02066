import * as path from 'path';
import { Worker } from 'worker_threads';
import type { XlsxReadStats } from '../../../src/xlsx/reader';

/**
 * Runs readXlsx in a worker thread with its own heap limit, one file at a time, so that a file
 * that would hang is stopped (the worker is terminated after `timeoutMs`) and one that would
 * exhaust memory fails alone (ERR_WORKER_OUT_OF_MEMORY) instead of taking jest down. Time and
 * heap are measured inside the worker, for a report; tests assert on outcomes and work counts.
 */

export interface IsolatedRead {
  name: string;
  outcome: 'read' | 'rejected' | 'timeout' | 'crashed';
  /** XlsxReadError code when rejected; the error text when crashed. */
  code?: string;
  message?: string;
  sheets?: number;
  tables?: string[];
  definedNames?: number;
  stats?: XlsxReadStats;
  /** With probeSheets: what the cell parser found in every sheet's top-left corner, or why it failed. */
  probed?: { rows: number; cells: number } | { error: string };
  ms?: number;
  /** V8 heap in use right after the read, before any collection (MB). */
  heapMb?: number;
}

const READER = path.resolve(__dirname, '../../../src/xlsx/reader/index.ts');

// The worker compiles the reader's TypeScript on the fly with the project's own compiler.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const fs = require('fs');
const v8 = require('v8');
const ts = require(require.resolve('typescript', { paths: [workerData.root] }));
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};
const { readXlsx, XlsxReadError, XlsxPackage, readWorkbookInfo } = require(workerData.reader);
const { readSheetCells } = require(workerData.sheetReader);
/** Parses the top-left corner of every sheet, so the cell parser meets every producer's sheets, not only those with tables. */
function probe(bytes) {
  const pkg = new XlsxPackage(bytes);
  const counter = { rows: 0 };
  let cells = 0;
  for (const sheet of readWorkbookInfo(pkg).sheets) {
    if (!sheet.part.toLowerCase().includes('worksheets/')) continue;
    const found = readSheetCells(pkg, sheet.part, [{ top: 1, left: 1, bottom: 200, right: 30 }], counter);
    for (let r = 1; r <= 200; r++) for (let c = 1; c <= 30; c++) if (found.cell(r, c)) cells++;
  }
  return { rows: counter.rows, cells };
}
parentPort.on('message', ({ name, bytes, options, probeSheets }) => {
  const started = performance.now();
  try {
    const read = readXlsx(bytes, options);
    const ms = performance.now() - started;
    let probed;
    try {
      probed = probeSheets ? probe(bytes) : undefined;
    } catch (e) {
      probed = { error: (e instanceof XlsxReadError ? e.code + ' ' : '') + String(e && e.message) };
    }
    parentPort.postMessage({
      name, outcome: 'read', ms, heapMb: v8.getHeapStatistics().used_heap_size / 1048576,
      sheets: read.sheets.length, tables: read.tables.map((t) => t.name), definedNames: read.definedNames.length, stats: read.stats, probed,
    });
  } catch (e) {
    const ms = performance.now() - started;
    const known = e instanceof XlsxReadError;
    parentPort.postMessage({ name, outcome: known ? 'rejected' : 'crashed', code: known ? e.code : undefined, message: String(e && e.message), ms });
  }
});
`;

export interface IsolatedOptions {
  timeoutMs: number;
  maxHeapMb: number;
  readOptions?: { limits?: Record<string, number>; namedCells?: string[] };
  /** After a read, also parse the corner A1:AD200 of every worksheet. */
  probeSheets?: boolean;
}

export async function readIsolated(files: Array<{ name: string; bytes: () => Uint8Array }>, options: IsolatedOptions): Promise<IsolatedRead[]> {
  const results: IsolatedRead[] = [];
  let worker: Worker | undefined;
  const start = () =>
    new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { reader: READER, sheetReader: path.join(path.dirname(READER), 'sheet.ts'), root: path.resolve(__dirname, '../../..') },
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
    });
  try {
    for (const file of files) {
      worker ??= start();
      const w = worker;
      const result = await new Promise<IsolatedRead>((resolve) => {
        const onMessage = (r: IsolatedRead) => done(r);
        const onError = (e: Error & { code?: string }) => done({ name: file.name, outcome: 'crashed', code: e.code, message: e.message });
        const onExit = (code: number) => done({ name: file.name, outcome: 'crashed', message: `worker exited (${code})` });
        const timer = setTimeout(() => done({ name: file.name, outcome: 'timeout', message: `no answer within ${options.timeoutMs} ms` }), options.timeoutMs);
        // Only this file's listeners come off: the Worker's own (which start and ref its port) stay.
        const done = (r: IsolatedRead) => {
          clearTimeout(timer);
          w.off('message', onMessage).off('error', onError).off('exit', onExit);
          resolve(r);
        };
        w.on('message', onMessage).on('error', onError).on('exit', onExit);
        const bytes = file.bytes();
        w.postMessage({ name: file.name, bytes, options: options.readOptions, probeSheets: options.probeSheets === true }, [bytes.buffer as ArrayBuffer]);
      });
      if (result.outcome === 'timeout' || result.outcome === 'crashed') {
        await w.terminate();
        worker = undefined;
      }
      results.push(result);
    }
  } finally {
    await worker?.terminate();
  }
  return results;
}
