/**
 * The release build (`npm run build` with ADDIN_ORIGIN): built once for a test origin on
 * https://localhost:PORT, served over HTTPS with a throwaway certificate, and judged as officials'
 * Excel would meet it: the manifest passes the offline checks with every URL on the origin, the
 * pages load office.js from Microsoft's CDN, the task pane renders from the manifest's
 * SourceLocation in Chromium, nothing of the workbench or the in-memory Excel is shipped, and
 * `npm run package` zips exactly the built site.
 */
import { spawnSync } from 'child_process';
import { promises as fs, mkdtempSync, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';
import type { Browser } from 'playwright-core';
import { generateCertificates } from 'office-addin-dev-certs/lib/generate';
import { packageRelease, filesUnder } from '../../scripts/package';
import { chromiumAvailability, launchChromium, ROOT } from '../browser/browser';
import { serveStatic, type StaticServer } from '../browser/static-server';
import { checkManifest, child, parseManifest, walk, type ManifestContext } from '../helpers/manifest-checks';
import { MESSAGES } from '../../src/taskpane/i18n';

const CDN_FOLDER = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const OFFICE_JS_CDN = `${CDN_FOLDER}office.js`;
/** The same library as the CDN folder, packaged by Microsoft on npm. */
const OFFICE_JS_PACKAGE = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');
const PAGES = ['taskpane.html', 'commands.html', 'commands-result.html'];
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; config: { addinId: string } };

let work: string;
let site: string;
let server: StaticServer;
let origin: string;
let manifestXml: string;

/** Makes a certificate for localhost in a temporary folder (nothing is installed or trusted). */
async function throwawayCertificate(dir: string): Promise<{ key: Buffer; cert: Buffer }> {
  const [ca, cert, key] = ['ca.crt', 'localhost.crt', 'localhost.key'].map((f) => path.join(dir, f));
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await generateCertificates(ca, cert, key, 1, ['localhost']);
  } finally {
    log.mockRestore();
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'pressdx-release-'));
  site = path.join(work, 'web');
  await fs.mkdir(site);
  // The origin holds the port, so the server listens before the build writes the manifest.
  server = await serveStatic(site, await throwawayCertificate(work));
  origin = server.url;
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const args = [cli, '--mode', 'production', '--env', 'release', '--env', `origin=${origin}`, '--output-path', site];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ADDIN_ORIGIN: '' } });
  if (r.status !== 0) throw new Error(`release build failed (exit ${r.status}):\n${`${r.stdout}\n${r.stderr}`.slice(-4000)}`);
  manifestXml = await fs.readFile(path.join(site, 'manifest.xml'), 'utf8');
}, 600_000);

afterAll(async () => {
  await server?.close();
  if (work) await fs.rm(work, { recursive: true, force: true });
});

const builtFiles = () => filesUnder(site).map(([name]) => name);

describe('the release manifest', () => {
  it('passes the offline manifest checks with every URL on the origin and every icon at its size', () => {
    const ctx: ManifestContext = {
      origin,
      readFile: (p) => {
        try {
          return readFileSync(path.join(site, p));
        } catch {
          return null;
        }
      },
      // A release serves every page as a file at the same path.
      pageFile: (p) => p.slice(1),
      commandsSource: readFileSync(path.join(ROOT, 'src/commands/commands.ts'), 'utf8'),
    };
    expect(checkManifest(manifestXml, ctx)).toEqual([]);
    // The same checks reject this manifest for another origin: they do look at the URLs.
    expect(checkManifest(manifestXml, { ...ctx, origin: 'https://pressdx.example.vn' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/does not start with https:\/\/pressdx\.example\.vn\//)]),
    );
    expect(manifestXml).not.toContain('localhost:3000');
  });

  it('takes its id and version from package.json', () => {
    const root = parseManifest(manifestXml);
    expect(child(root, 'Id')?.text).toBe(pkg.config.addinId);
    expect(child(root, 'Version')?.text).toBe(`${pkg.version}.0`);
  });

  it('names a task pane page that the build wrote', () => {
    const root = parseManifest(manifestXml);
    const source = child(child(root, 'DefaultSettings'), 'SourceLocation')?.attrs['DefaultValue'];
    expect(source).toBe(`${origin}/taskpane.html`);
    const urls: string[] = [];
    walk(root, (n) => n.name === 'bt:Url' && urls.push(n.attrs['DefaultValue']));
    for (const url of urls) expect(builtFiles()).toContain(url.slice(origin.length + 1));
  });
});

describe('the release site', () => {
  it('loads office.js from Microsoft’s CDN on every page and ships no copy of it', async () => {
    for (const page of PAGES) {
      const html = await fs.readFile(path.join(site, page), 'utf8');
      const scripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
      expect(scripts[0]).toBe(OFFICE_JS_CDN);
      // Everything else the page loads is a file of the site.
      for (const src of scripts.slice(1)) expect(builtFiles()).toContain(src);
    }
    expect(builtFiles().filter((f) => /office(\.debug)?\.js$/i.test(f))).toEqual([]);
  });

  it('contains neither the workbench nor the in-memory Excel', async () => {
    const files = builtFiles();
    expect(files.filter((f) => /workbench/i.test(f))).toEqual([]);
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const sources: string[] = [];
    for (const script of scripts) {
      // Every bundle has its source map, which lists each module compiled into it.
      expect(files).toContain(`${script}.map`);
      const map = JSON.parse(await fs.readFile(path.join(site, `${script}.map`), 'utf8')) as { sources: string[] };
      sources.push(...map.sources);
    }
    expect(sources.some((s) => s.includes('src/taskpane/'))).toBe(true);
    expect(sources.filter((s) => /src\/(workbench|fake-excel)\//.test(s))).toEqual([]);
  });

  it('gives every script a content hash in its name, so servers may cache them for long', () => {
    const scripts = builtFiles().filter((f) => f.endsWith('.js'));
    expect(scripts.filter((f) => !/\.[0-9a-f]{8}\.js$/.test(f))).toEqual([]);
  });

  it('is zipped whole by npm run package, with the manifest beside the zip', async () => {
    const out = path.join(work, 'release');
    const result = packageRelease(site, out, pkg.version);
    expect(path.basename(result.zipPath)).toBe(`pressdx-web-${pkg.version}.zip`);
    const zipped = unzipSync(await fs.readFile(result.zipPath));
    const expected = filesUnder(site);
    expect(Object.keys(zipped).sort()).toEqual(expected.map(([name]) => name));
    for (const [name, bytes] of expected) expect(Buffer.from(zipped[name]).equals(bytes)).toBe(true);
    expect(await fs.readFile(result.manifestPath, 'utf8')).toBe(manifestXml);
    expect((await fs.readdir(out)).sort()).toEqual(['manifest.xml', `pressdx-web-${pkg.version}.zip`]);
  });
});

const availability = chromiumAvailability();
(availability.run ? describe : describe.skip)('the task pane from the manifest’s SourceLocation, over HTTPS in Chromium', () => {
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
  });

  it('renders, with office.js requested from the CDN', async () => {
    if (availability.reason) throw new Error(availability.reason);
    browser = await launchChromium();
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 360, height: 700 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    const cdnServed: string[] = [];
    // No internet here: the CDN (office.js and the files it loads next to itself) is answered
    // with the packaged copy of the same library.
    await page.route(`${CDN_FOLDER}**`, async (route) => {
      const file = new URL(route.request().url()).pathname.slice(new URL(CDN_FOLDER).pathname.length);
      cdnServed.push(file);
      await route.fulfill({ path: path.join(OFFICE_JS_PACKAGE, file), contentType: 'text/javascript' });
    });
    const source = child(child(parseManifest(manifestXml), 'DefaultSettings'), 'SourceLocation')?.attrs['DefaultValue'] ?? '';
    const response = await page.goto(source);
    expect(response?.status()).toBe(200);
    expect(response?.url().startsWith('https://')).toBe(true);
    // Outside Excel the pane says so: it rendered, after office.js answered Office.onReady.
    await page.getByText(MESSAGES.vi.outsideExcelTitle).waitFor({ timeout: 30_000 });
    await expect(page.locator('#loading').count()).resolves.toBe(0);
    expect(cdnServed[0]).toBe('office.js');
    expect(await page.evaluate(() => typeof Office !== 'undefined' && typeof Office.onReady === 'function')).toBe(true);
    // Self-contained: the page asked only its own origin (and the CDN, for office.js).
    const foreign = requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith(CDN_FOLDER) && !u.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
});
