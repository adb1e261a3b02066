#!/usr/bin/env node
// `npm run package`: zips the release site (dist/web/, made by `npm run build`) into
// dist/release/pressdx-web-VERSION.zip, with its manifest.xml copied beside the zip: the zip's
// contents go to the web server's folder, the manifest to the add-in catalog or admin center.
// fflate zips in plain JavaScript, so no zip program has to be installed (Debian has none by default).
'use strict';

const fs = require('fs');
const path = require('path');
const { zipSync } = require('fflate');

const ROOT = path.resolve(__dirname, '..');

/** Every file under a folder as [relative path with forward slashes, bytes], sorted. */
function filesUnder(dir) {
  const out = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const relative = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relative);
      else if (entry.isFile()) out.push([relative, fs.readFileSync(path.join(dir, relative))]);
    }
  };
  walk('');
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Writes the zip and the manifest beside it into outDir; returns their paths. */
function packageRelease(webDir, outDir, version) {
  const manifest = path.join(webDir, 'manifest.xml');
  if (!fs.existsSync(manifest)) {
    throw new Error(
      `${path.relative(ROOT, manifest) || manifest} does not exist: build the release first, e.g.\n` +
        '  ADDIN_ORIGIN=https://pressdx.stttt.example.vn npm run build',
    );
  }
  const entries = {};
  // PNGs are already compressed: they are stored as they are.
  for (const [name, bytes] of filesUnder(webDir)) entries[name] = name.endsWith('.png') ? [bytes, { level: 0 }] : bytes;
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `pressdx-web-${version}.zip`);
  fs.writeFileSync(zipPath, zipSync(entries, { level: 9 }));
  const manifestCopy = path.join(outDir, 'manifest.xml');
  fs.copyFileSync(manifest, manifestCopy);
  return { zipPath, manifestPath: manifestCopy, files: Object.keys(entries).length };
}

module.exports = { packageRelease, filesUnder };

if (require.main === module) {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  try {
    const result = packageRelease(path.join(ROOT, 'dist', 'web'), path.join(ROOT, 'dist', 'release'), version);
    const size = (fs.statSync(result.zipPath).size / 1024).toFixed(0);
    console.log(`[pressdx] ${path.relative(ROOT, result.zipPath)} (${result.files} files, ${size} KiB)`);
    console.log(`[pressdx] ${path.relative(ROOT, result.manifestPath)} (give this to Excel: see docs/DEPLOY.md)`);
  } catch (error) {
    console.error(`[pressdx] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
