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
const { readXlsx, XlsxReadError } = require(workerData.reader);
parentPort.on('message', ({ name, bytes, options }) => {
  const started = performance.now();
  try {
    const read = readXlsx(bytes, options);
    const ms = performance.now() - started;
    parentPort.postMessage({
      name, outcome: 'read', ms, heapMb: v8.getHeapStatistics().used_heap_size / 1048576,
      sheets: read.sheets.length, tables: read.tables.map((t) => t.name), definedNames: read.definedNames.length, stats: read.stats,
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
}

export async function readIsolated(files: Array<{ name: string; bytes: () => Uint8Array }>, options: IsolatedOptions): Promise<IsolatedRead[]> {
  const results: IsolatedRead[] = [];
  let worker: Worker | undefined;
  const start = () =>
    new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { reader: READER, root: path.resolve(__dirname, '../../..') },
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb },
    });
  try {
    for (const file of files) {
      worker ??= start();
      const w = worker;
      const result = await new Promise<IsolatedRead>((resolve) => {
        const timer = setTimeout(() => resolve({ name: file.name, outcome: 'timeout', message: `no answer within ${options.timeoutMs} ms` }), options.timeoutMs);
        const done = (r: IsolatedRead) => {
          clearTimeout(timer);
          w.removeAllListeners();
          resolve(r);
        };
        w.once('message', (r: IsolatedRead) => done(r));
        w.once('error', (e: Error & { code?: string }) => done({ name: file.name, outcome: 'crashed', code: e.code, message: e.message }));
        w.once('exit', (code) => done({ name: file.name, outcome: 'crashed', message: `worker exited (${code})` }));
        const bytes = file.bytes();
        w.postMessage({ name: file.name, bytes, options: options.readOptions }, [bytes.buffer as ArrayBuffer]);
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
