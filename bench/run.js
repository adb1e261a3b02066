#!/usr/bin/env node
// `npm run bench`: one table of what PressDX costs, every figure measured in this run.
//   - Office.js syncs per command (create, check, fill, merge), counted by the strict in-memory Excel
//   - check throughput (cells/s) on a synthetic workbook of 10,000 criterion rows
//   - merge of 778 generated agency files against only parsing them with ExcelJS (the old reader,
//     as the baseline, on copies stripped of calculated-column formulas it cannot load) and with
//     PressDX's reader (wall time, ratio)
//   - task pane bundle (initial JS gzipped; ExcelJS lazy) and time to interactive in headless Chromium
// Not part of `npm test`. Environment: PRESSDX_BENCH_FILES (default 778), PRESSDX_BENCH_ROWS
// (default 10000), PRESSDX_CHROMIUM (default /usr/bin/chromium), PRESSDX_BENCH_KEEP=1 keeps the temp files.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const zlib = require('zlib');
const { spawnSync } = require('child_process');
const { performance } = require('perf_hooks');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'node_modules', '.cache', 'pressdx-bench');
const FILES = Number(process.env.PRESSDX_BENCH_FILES || 778);
const ROWS = Number(process.env.PRESSDX_BENCH_ROWS || 10000);
const CHROMIUM = process.env.PRESSDX_CHROMIUM || '/usr/bin/chromium';
const TTI_RUNS = 5;
const started = performance.now();

const log = (msg) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${msg}\n`);
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes) => `${fmt(bytes / 1024, 1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Compiles the measured TypeScript (bench/tsconfig.json) to CommonJS; type errors are reported, not fatal. */
function compile() {
  fs.rmSync(OUT, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  const helpers = path.join(OUT, 'bench', 'helpers', 'measure.js');
  if (!fs.existsSync(helpers)) throw new Error(`tsc produced no ${helpers}:\n${r.stdout}${r.stderr}`);
  if (r.status !== 0) log(`warning: tsc reported type errors (the bench runs the emitted JavaScript anyway):\n${(r.stdout || '').split('\n').slice(0, 5).join('\n')}`);
  return require(helpers);
}

/** Production build of the add-in pages with webpack's Node API; returns the output folder and stats. */
async function buildProduction() {
  const webpack = require('webpack');
  const configFn = require(path.join(ROOT, 'webpack.config.js'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pressdx-bench-addin-'));
  const config = await configFn({ officeJs: 'local' }, { mode: 'production' });
  config.output = { ...config.output, path: out };
  config.devtool = false;
  const stats = await new Promise((resolve, reject) => webpack(config, (err, s) => (err ? reject(err) : resolve(s))));
  if (stats.hasErrors()) throw new Error(`webpack build failed:\n${stats.toString({ all: false, errors: true })}`);
  return { out, json: stats.toJson({ all: false, entrypoints: true, chunks: true, chunkModules: true, assets: true, ids: true }) };
}

const mb = (n) => `${fmt(n / 1024 / 1024, 1)} MB`;
const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Initial JS of an entry (what the page loads before it can run), and the lazy chunk holding ExcelJS. */
function bundleSizes(out, json, entry) {
  const initialFiles = json.entrypoints[entry].assets.map((a) => (typeof a === 'string' ? a : a.name)).filter((f) => f.endsWith('.js'));
  const initial = initialFiles.reduce((n, f) => n + gzipSize(path.join(out, f)), 0);
  const raw = initialFiles.reduce((n, f) => n + fs.statSync(path.join(out, f)).size, 0);
  const excelChunks = json.chunks.filter((c) => !c.initial && (c.modules || []).some((m) => /node_modules[\\/]exceljs[\\/]/.test(m.identifier || m.name || '')));
  const excelFiles = [...new Set(excelChunks.flatMap((c) => c.files.filter((f) => f.endsWith('.js'))))];
  const excelInInitial = json.chunks.some((c) => c.initial && (c.modules || []).some((m) => /node_modules[\\/]exceljs[\\/]/.test(m.identifier || m.name || '')));
  // The reader's zip and XML libraries (and any Buffer polyfill) load only when a merge starts.
  const heavy = /node_modules[\\/](fflate|saxes|jszip|pako|buffer)[\\/]/;
  const readerInInitial = [...new Set(json.chunks.filter((c) => c.initial && c.names.includes(entry)).flatMap((c) => (c.modules || []).map((m) => m.identifier || m.name || '').filter((id) => heavy.test(id)).map((id) => id.match(heavy)[1])))];
  return { initial, raw, files: initialFiles.length, exceljs: excelFiles.reduce((n, f) => n + gzipSize(path.join(out, f)), 0), excelInInitial, readerInInitial };
}

function serve(root) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.png': 'image/png', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const p = path.resolve(root, '.' + decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!p.startsWith(root) || !fs.existsSync(p) || !fs.statSync(p).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(p)] || 'application/octet-stream' });
    fs.createReadStream(p).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** Median time from navigation to the pane's first usable controls, over fresh browser contexts. */
async function timeToInteractive(baseUrl) {
  if (!fs.existsSync(CHROMIUM)) return null;
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const measure = async (page, readyScript) => {
    await page.waitForFunction(readyScript, null, { timeout: 60000, polling: 'raf' });
    return page.evaluate(() => performance.now());
  };
  try {
    const taskpane = [];
    const workbench = [];
    for (let i = 0; i < TTI_RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/taskpane.html`, { waitUntil: 'commit' });
      // Outside Excel the task pane renders its views (the Create button disabled, with the "outside Excel" notice).
      taskpane.push(await measure(page, "[...document.querySelectorAll('[role=tab]')].length >= 1 && !!document.querySelector('form button[type=submit]')"));
      await page.goto(`${baseUrl}/workbench.html`, { waitUntil: 'commit' });
      workbench.push(await measure(page, "!!document.querySelector('#wb-pane form button[type=submit]:not([disabled])') && !!document.querySelector('[role=grid]')"));
      await context.close();
    }
    return { taskpane: median(taskpane), workbench: median(workbench), runs: TTI_RUNS };
  } finally {
    await browser.close();
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pressdx-bench-'));
  const rows = [];
  const add = (section, measure, value, note = '') => rows.push([section, measure, value, note]);
  try {
    log('compiling the TypeScript under test (bench/tsconfig.json)…');
    const m = compile();

    log(`generating ${FILES} agency files…`);
    const plan = m.benchPlan(FILES);
    const gen = await m.generateAgencyFiles(path.join(tmp, 'files'), plan);
    log(`  ${FILES} files, ${kb(gen.bytes)} in ${fmt(gen.ms / 1000, 1)} s`);

    log('syncs per command…');
    const inputs = gen.files.slice(0, Math.min(8, gen.files.length)).map((f) => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) }));
    const syncs = await m.syncsPerCommand(inputs);
    add('Office.js syncs', 'create template (Tạo biểu mẫu)', fmt(syncs.create), 'context.sync() calls, counted by the in-memory Excel');
    add('Office.js syncs', 'check (Kiểm tra)', fmt(syncs.check), 'after typing an agency’s entries');
    add('Office.js syncs', 'fill (Tính toán)', fmt(syncs.fill), '');
    add('Office.js syncs', `merge (Tổng hợp) of ${syncs.mergeFiles} files`, fmt(syncs.merge), 'reads in the pane, draws the province workbook');

    log(`check throughput on ${fmt(ROWS)} criterion rows…`);
    const ct = await m.checkThroughput(ROWS);
    add('Check', `throughput, ${fmt(ct.rows)} criterion rows`, `${fmt(ct.cellsPerSecond)} cells/s`, `${fmt(ct.cells)} cells in ${fmt(ct.ms)} ms, ${ct.syncs} syncs, ${fmt(ct.findings)} findings`);

    log(`merging ${FILES} files, and parsing them only…`);
    const mp = await m.mergeVsParse(gen.files, plan);
    add('Merge', `${fmt(mp.files)} agency files (CLI merge)`, `${fmt(mp.mergeMs / 1000, 1)} s`, `${mp.included} used, ${mp.superseded} superseded, ${mp.excluded} excluded`);
    add('Merge', 'the same files, ExcelJS parse only', `${fmt(mp.parseMs / 1000, 1)} s`, 'baseline; copies with tableColumn children stripped (ExcelJS cannot load calculatedColumnFormula)');
    add('Merge', 'the same files, PressDX reader only', `${fmt(mp.readMs / 1000, 1)} s`, `tables and named cells, files as they are; ${fmt(mp.parseMs / mp.readMs, 1)}× faster than ExcelJS`);
    add('Merge', 'merge ÷ ExcelJS parse-only', `${fmt(mp.ratio, 2)}×`, 'what merging costs against only loading the files with ExcelJS (goal ≤ 0.15×)');
    add('Memory', 'peak heap: ExcelJS parse / reader / merge', `${mb(mp.peak.parse)} / ${mb(mp.peak.read)} / ${mb(mp.peak.merge)}`, 'heap sampled while each runs, above the heap before it, garbage included');
    add('Memory', `merge of ${fmt(mp.peak.quarterFiles)} files vs ${fmt(mp.files)}: peak heap`, `${mb(mp.peak.quarter)} / ${mb(mp.peak.merge)}`, 'sampled, garbage included (V8 collects lazily)');
    add('Memory', `merge of ${fmt(mp.peak.quarterFiles)} files vs ${fmt(mp.files)}: heap held after GC`, `${mb(mp.peak.quarterRetained)} / ${mb(mp.peak.mergeRetained)}`, 'one file read at a time; what grows is the per-agency data the province workbook reports');

    log('production build of the add-in pages…');
    const { out, json } = await buildProduction();
    const pane = bundleSizes(out, json, 'taskpane');
    const bench = bundleSizes(out, json, 'workbench');
    add('Bundle', 'task pane initial JS, gzipped', kb(pane.initial), `${pane.files} file(s), ${kb(pane.raw)} minified`);
    add('Bundle', 'ExcelJS (lazy chunk), gzipped', kb(pane.exceljs), pane.excelInInitial ? 'IN AN INITIAL CHUNK (should be lazy)' : 'not in any initial chunk');
    add('Bundle', 'zip/XML/Buffer libraries in the task pane initial chunk', pane.readerInInitial.length === 0 ? 'none' : pane.readerInInitial.join(', '), 'fflate and saxes load with the reader when a merge starts');
    add('Bundle', 'workbench initial JS, gzipped', kb(bench.initial), 'the task pane + grid + in-memory Excel');

    log('time to interactive in headless Chromium…');
    const server = await serve(out);
    try {
      const tti = await timeToInteractive(server.url);
      if (tti) {
        add('Startup', 'task pane time to interactive', `${fmt(tti.taskpane)} ms`, `median of ${tti.runs} loads, office.js served locally`);
        add('Startup', 'workbench time to interactive', `${fmt(tti.workbench)} ms`, `median of ${tti.runs} loads`);
      } else add('Startup', 'time to interactive', 'n/a', `no Chromium at ${CHROMIUM}`);
    } finally {
      server.close();
      fs.rmSync(out, { recursive: true, force: true });
    }
  } finally {
    if (process.env.PRESSDX_BENCH_KEEP !== '1') fs.rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }

  const header = ['Area', 'Measure', 'Value', 'Notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  const sep = `|${widths.map((w, i) => (i === 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  const cpu = os.cpus();
  console.log(`\nPressDX bench — ${new Date().toISOString()} — Node ${process.version}, ${cpu.length} × ${cpu[0] ? cpu[0].model.trim() : 'CPU'}`);
  console.log([line(header), sep, ...rows.map(line)].join('\n'));
  console.log(`\nTotal bench time: ${fmt((performance.now() - started) / 1000, 0)} s.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
