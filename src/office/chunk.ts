/**
 * Keeping each Office.js request under Excel on the web's 5 MB payload limit. We estimate what a
 * request costs from the JSON of the arguments we queue plus a fixed cost per operation, and
 * sync early only when the next operation would pass a budget kept well below the limit.
 */

const encoder = new TextEncoder();

/** UTF-8 bytes of a value's JSON, as Office.js sends it. */
export const jsonBytes = (v: unknown): number => (v === undefined ? 0 : encoder.encode(JSON.stringify(v) ?? '').length);

/** Per operation: object path, action, ids in Office.js's request JSON (measured ≈ 150–250 bytes). */
export const OPERATION_BYTES = 256;

/** Below 5,000,000 bytes with room for what the estimate does not see. */
export const DEFAULT_REQUEST_BUDGET_BYTES = 4_000_000;

/**
 * Splits rows (by their byte sizes) into consecutive chunks of at most `maxBytes` each; a row
 * larger than that becomes a chunk of its own. Returns [start, end) pairs.
 */
export function chunkRowsBySize(rowBytes: readonly number[], maxBytes: number): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < rowBytes.length; i++) {
    if (i > start && size + rowBytes[i] > maxBytes) {
      chunks.push([start, i]);
      start = i;
      size = 0;
    }
    size += rowBytes[i];
  }
  if (start < rowBytes.length) chunks.push([start, rowBytes.length]);
  return chunks;
}

/** Counts the bytes queued since the last sync and syncs before a request would pass the budget. */
export class RequestBudget {
  private used = 0;
  syncs = 0;

  constructor(
    private readonly context: { sync(): Promise<unknown> },
    readonly budgetBytes = DEFAULT_REQUEST_BUDGET_BYTES,
    /** Runs after every sync this budget makes (e.g. suspend calculation again, report progress). */
    private readonly afterSync: (syncs: number) => void = () => undefined,
  ) {}

  get room(): number {
    return Math.max(0, this.budgetBytes - this.used);
  }

  /** An early sync: the request is full; afterSync runs so the caller can prepare the next one. */
  async sync(): Promise<void> {
    await this.flush();
    this.afterSync(this.syncs);
  }

  /** The final sync of the work (no afterSync: nothing follows). */
  async flush(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.used = 0;
  }

  /** Reserves room for one operation of `bytes`, syncing first if the request would pass the budget. */
  async reserve(bytes: number): Promise<void> {
    if (this.used > 0 && this.used + bytes > this.budgetBytes) await this.sync();
    this.used += bytes;
  }

  /** Queues a 2D write in row chunks that each fit a request; write(start, end) queues rows [start, end). */
  async writeRows(rows: readonly unknown[][], write: (start: number, end: number) => void): Promise<void> {
    const rowBytes = rows.map((r) => jsonBytes(r) + 1);
    const total = rowBytes.reduce((a, b) => a + b, 0) + OPERATION_BYTES;
    if (total <= this.budgetBytes) {
      await this.reserve(total);
      write(0, rows.length);
      return;
    }
    // Too big for one request: start from an empty request and send one chunk per request.
    if (this.used > 0) await this.sync();
    for (const [start, end] of chunkRowsBySize(rowBytes, this.budgetBytes - OPERATION_BYTES)) {
      let bytes = OPERATION_BYTES;
      for (let i = start; i < end; i++) bytes += rowBytes[i];
      await this.reserve(bytes);
      write(start, end);
    }
  }
}
