// The subset of pako 1.x (jszip's own inflater) that the zip guard uses in the browser.
declare module 'pako' {
  export class Inflate {
    constructor(options?: { raw?: boolean; chunkSize?: number });
    onData: (chunk: Uint8Array) => void;
    push(data: Uint8Array, last: boolean): boolean;
    err: number;
    msg: string;
  }
}
