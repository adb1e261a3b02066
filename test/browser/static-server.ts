import { createReadStream, promises as fs } from 'fs';
import * as http from 'http';
import * as https from 'https';
import type { AddressInfo } from 'net';
import * as path from 'path';

/**
 * A tiny static file server on 127.0.0.1 for a built dist folder (tests and the bench only); over
 * HTTPS on https://localhost:PORT when given a certificate, as Office loads add-ins.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, tls?: { key: string | Buffer; cert: string | Buffer }): Promise<StaticServer> {
  const base = path.resolve(root);
  const handler: http.RequestListener = (req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
      const file = path.resolve(base, '.' + (pathname.endsWith('/') ? `${pathname}index.html` : pathname));
      const stat = file.startsWith(base + path.sep) ? await fs.stat(file).catch(() => undefined) : undefined;
      if (!stat?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': stat.size, 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
    })();
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
