#!/usr/bin/env node
/**
 * Records which workbooks of test/fixtures/xlsx-corpus LibreOffice opens, as the independent
 * judge of "a valid workbook" for the reader's corpus test. Run once after changing the corpus:
 *
 *   node scripts/corpus-expectations.js
 *
 * Each file is converted alone (a crash or hang on one file cannot hide the verdict on another)
 * with headless LibreOffice into CSV; a file LibreOffice opens converts, one it cannot open
 * prints "source file could not be loaded". Writes test/fixtures/xlsx-corpus/libreoffice.json.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const corpus = path.join(__dirname, '..', 'test', 'fixtures', 'xlsx-corpus');
const soffice = process.env.PRESSDX_SOFFICE || '/usr/bin/soffice';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pressdx-corpus-lo-'));
const profile = pathToFileURL(path.join(work, 'profile')).href;

const files = [];
for (const dir of fs.readdirSync(corpus, { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  for (const f of fs.readdirSync(path.join(corpus, dir.name)).sort()) if (f.endsWith('.xlsx')) files.push(`${dir.name}/${f}`);
}
files.sort();

const verdicts = {};
for (const [i, file] of files.entries()) {
  const outDir = path.join(work, 'out', String(i));
  fs.mkdirSync(outDir, { recursive: true });
  let output = '';
  let timedOut = false;
  try {
    output = execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'csv', '--outdir', outDir, path.join(corpus, file)], {
      timeout: 120_000,
      killSignal: 'SIGKILL',
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    timedOut = e.signal === 'SIGKILL';
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  const converted = fs.readdirSync(outDir).length > 0;
  const opens = converted && !/could not be loaded/i.test(output);
  verdicts[file] = { opens, ...(opens ? {} : { output: timedOut ? 'timed out after 120 s' : output.trim().slice(0, 300) }) };
  process.stdout.write(`${opens ? 'opens ' : 'FAILS '} ${file}\n`);
}

const out = {
  about: 'Which corpus workbooks headless LibreOffice opens (converted to CSV); written by scripts/corpus-expectations.js.',
  libreoffice: execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--version'], { encoding: 'utf8' }).trim(),
  files: verdicts,
};
fs.writeFileSync(path.join(corpus, 'libreoffice.json'), `${JSON.stringify(out, null, 1)}\n`);
fs.rmSync(work, { recursive: true, force: true });
const opened = Object.values(verdicts).filter((v) => v.opens).length;
process.stdout.write(`${opened} of ${files.length} opened by LibreOffice\n`);
