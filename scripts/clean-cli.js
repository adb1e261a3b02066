#!/usr/bin/env node
// Before the CLI is compiled (npm run prepare, npm pack): empties dist/ except the web builds, so
// modules left by an earlier checkout (tsc never deletes) do not end up in a packed release.
'use strict';

const fs = require('fs');
const path = require('path');

const DIST = path.resolve(__dirname, '..', 'dist');
const WEB_BUILDS = new Set(['addin', 'web', 'release']);

if (fs.existsSync(DIST)) {
  for (const entry of fs.readdirSync(DIST)) {
    if (!WEB_BUILDS.has(entry)) fs.rmSync(path.join(DIST, entry), { recursive: true, force: true });
  }
}
