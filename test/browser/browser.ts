import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

/**
 * Shared by the real-browser tests (and bench/run.js): the Debian Chromium, how to launch it
 * offline, a one-off webpack build of the add-in pages, and the accessibility probes.
 */

export const ROOT = path.resolve(__dirname, '..', '..');
export const CHROMIUM = process.env.PRESSDX_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
export const DOWNLOADS = path.join(ROOT, 'test-artifacts', 'downloads');

export const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether the browser tests run. Without Chromium they are skipped with a loud warning, unless
 * PRESSDX_REQUIRE_CHROMIUM=1 (CI on a machine that must have it), which makes them fail instead.
 */
export function chromiumAvailability(): { run: boolean; reason?: string } {
  if (existsSync(CHROMIUM)) return { run: true };
  const reason = `Chromium not found at ${CHROMIUM} (install the Debian package "chromium", or set PRESSDX_CHROMIUM)`;
  if (process.env.PRESSDX_REQUIRE_CHROMIUM === '1') return { run: true, reason };
  console.warn(
    `\n${'!'.repeat(78)}\n!! SKIPPING the real-browser tests (test/browser): ${reason}.\n` +
      `!! The workbench, accessibility and 320 px checks did NOT run. Set PRESSDX_REQUIRE_CHROMIUM=1 to make this a failure.\n${'!'.repeat(78)}\n`,
  );
  return { run: false, reason };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required (PRESSDX_REQUIRE_CHROMIUM=1) but ${CHROMIUM} does not exist.`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
}

/**
 * Builds the add-in pages (task pane, commands, workbench) into a fresh temporary folder and
 * returns it. PRESSDX_WORKBENCH_DIST points at an existing build instead (a watch build while
 * developing). Throws with webpack's output when the build fails.
 */
export function buildAddin(mode: 'development' | 'production' = 'development'): string {
  const prebuilt = process.env.PRESSDX_WORKBENCH_DIST;
  if (prebuilt) return path.resolve(prebuilt);
  const out = mkdtempSync(path.join(os.tmpdir(), 'pressdx-addin-'));
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [ROOT] });
  const args = [cli, '--mode', mode, '--env', 'officeJs=local', '--output-path', out, ...(mode === 'development' ? ['--no-devtool'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
    const errors = output.split('\n').filter((l) => /ERROR|Error:/.test(l)).slice(0, 20).join('\n');
    throw new Error(`webpack build failed (exit ${r.status}):\n${errors || output.slice(-4000)}`);
  }
  return out;
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ensureDir(SCREENSHOTS), `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// ---- accessibility ---------------------------------------------------------------------------------

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (its default WCAG A/AA rules and best practices); returns every
 * violation. Fluent UI's focus manager (tabster) adds invisible `<i tabindex="0" aria-hidden>`
 * "dummy inputs" at the edges of focus groups; they hand focus on at once and are never
 * announced, so axe is told to leave them out; every real control is still audited.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
}

export const seriousOrWorse = (violations: AxeViolation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/**
 * The focused element: its accessible name as Chromium's accessibility tree computes it (what a
 * screen reader announces), its tag, a short description and its box.
 */
export async function focusedInfo(page: Page): Promise<{ name: string; tag: string; desc: string; box: { x: number; y: number; width: number; height: number } | null } | null> {
  const client = await page.context().newCDPSession(page);
  try {
    const { result } = (await client.send('Runtime.evaluate', { expression: 'document.activeElement === document.body ? null : document.activeElement' })) as { result: { objectId?: string } };
    if (!result.objectId) return null;
    const { nodes } = (await client.send('Accessibility.getPartialAXTree', { objectId: result.objectId, fetchRelatives: false })) as { nodes: Array<{ name?: { value?: unknown } }> };
    const name = String(nodes[0]?.name?.value ?? '').trim();
    const rest = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const r = el.getBoundingClientRect();
      const desc = `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      return { tag: el.tagName.toLowerCase(), desc, box: r.width > 0 && r.height > 0 ? { x: r.x, y: r.y, width: r.width, height: r.height } : null };
    });
    return { name, ...rest };
  } finally {
    await client.detach();
  }
}

/** A screenshot of the area around a box (focus rings are drawn just outside an element). */
export async function areaShot(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  const vp = page.viewportSize() ?? { width: 1280, height: 800 };
  const x = Math.max(0, Math.floor(box.x - 4));
  const y = Math.max(0, Math.floor(box.y - 4));
  const width = Math.max(1, Math.min(vp.width - x, Math.ceil(box.width + 8)));
  const height = Math.max(1, Math.min(vp.height - y, Math.ceil(box.height + 8)));
  return page.screenshot({ clip: { x, y, width, height }, animations: 'disabled', caret: 'hide' });
}

/** Relative luminance of a CSS rgb()/rgba() colour. */
export function luminance(css: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) return NaN;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
