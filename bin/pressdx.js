#!/usr/bin/env node
'use strict';
// Thin launcher for the PressDX command line; the CLI itself is compiled from src/cli to dist/.
const fs = require('fs');
const path = require('path');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');

function run() {
  if (!fs.existsSync(entry)) {
    console.error(
      'pressdx: the command line is not built yet (missing dist/cli/main.js).\n' +
        'Run "npm run prepare" (or "npm install") in the PressDX folder, then try again.',
    );
    process.exitCode = 1;
    return;
  }
  const cli = require(entry);
  if (typeof cli.main !== 'function') {
    console.error('pressdx: dist/cli/main.js does not export main(); rebuild with "npm run prepare".');
    process.exitCode = 1;
    return;
  }
  Promise.resolve()
    .then(() => cli.main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = typeof code === 'number' ? code : 0;
      },
      (error) => {
        console.error(error instanceof Error ? error.stack || error.message : error);
        process.exitCode = 1;
      },
    );
}

run();
