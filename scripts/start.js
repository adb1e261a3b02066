#!/usr/bin/env node
// `npm start`: with desktop Excel (Windows/macOS) sideload and debug through office-addin-debugging;
// otherwise (Linux, or --web / PRESSDX_START=web) run the dev server and explain how to sideload
// manifest.xml into Excel on the web.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const PORT = 3000;
const MANIFEST = path.join(ROOT, 'manifest.xml');

function desktopExcelPath() {
  if (process.platform === 'darwin') {
    const app = '/Applications/Microsoft Excel.app';
    return fs.existsSync(app) ? app : null;
  }
  if (process.platform === 'win32') {
    const roots = [process.env.ProgramFiles, process.env['ProgramFiles(x86)'], process.env.ProgramW6432].filter(Boolean);
    for (const root of roots) {
      for (const dir of ['Microsoft Office\\root\\Office16', 'Microsoft Office\\Office16']) {
        const exe = path.join(root, dir, 'EXCEL.EXE');
        if (fs.existsSync(exe)) return exe;
      }
    }
  }
  return null;
}

/** Runs a Node CLI script with the current Node, forwarding Ctrl+C; exits with its code. */
function runNode(script, args) {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit' });
  const forward = (signal) => {
    if (!child.killed) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
  child.on('error', (error) => {
    console.error(`[pressdx] could not start ${path.basename(script)}: ${error.message}`);
    process.exitCode = 1;
  });
}

function webSteps() {
  const line = '─'.repeat(72);
  return [
    line,
    ' PressDX – máy chủ phát triển / development server',
    line,
    ` Add-in pages:  https://localhost:${PORT}/taskpane.html`,
    `                https://localhost:${PORT}/commands.html`,
    ` Manifest:      ${MANIFEST}`,
    '',
    ' Sideload into Excel on the web (Excel cho web):',
    '   1. Open https://www.office.com, create or open a workbook in Excel.',
    '   2. Insert › Add-ins › More Add-ins (or "Get Add-ins") › My Add-ins',
    '      › Upload My Add-in (Chèn › Bổ trợ › Tải lên bổ trợ của tôi).',
    '   3. Browse to manifest.xml above and choose Upload.',
    '   4. On the Home tab (Trang đầu), choose "Mở PressDX".',
    '',
    ' The browser must trust the development certificate for https://localhost:3000:',
    '   open the URL above once and accept it, or run "npx office-addin-dev-certs install".',
    ' Stop with Ctrl+C.',
    line,
  ].join('\n');
}

function main() {
  const args = process.argv.slice(2);
  const forceWeb = args.includes('--web') || process.env.PRESSDX_START === 'web';
  const excel = forceWeb ? null : desktopExcelPath();

  if (excel) {
    console.log(`[pressdx] Desktop Excel found (${excel}); sideloading manifest.xml with office-addin-debugging.`);
    runNode(require.resolve('office-addin-debugging/cli.js'), [
      'start',
      MANIFEST,
      'desktop',
      '--app',
      'excel',
      '--dev-server',
      'npm run dev-server',
      '--dev-server-port',
      String(PORT),
    ]);
    return;
  }

  if (!forceWeb) console.log(`[pressdx] No desktop Excel on this ${process.platform} machine; starting the dev server for Excel on the web.`);
  console.log(webSteps());
  runNode(require.resolve('webpack-cli/bin/cli.js'), ['serve', '--mode', 'development']);
}

main();
