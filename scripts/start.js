#!/usr/bin/env node
// `npm start`: with desktop Excel (Windows/macOS) register manifest.xml with it (scripts/sideload.js),
// run the dev server and open Excel, where the PressDX group appears on the Home tab; otherwise (Linux) run the dev server, wait for it, and open the workbench
// (https://localhost:3000/workbench.html: the real task pane beside an in-memory workbook) in the
// default browser, or print its address when no browser can be opened. With --web (or
// PRESSDX_START=web) it serves the add-in for Excel on the web and explains how to sideload
// manifest.xml; --no-open prints the workbench address without opening it.
'use strict';

const fs = require('fs');
const https = require('https');
const http = require('http');
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

const WORKBENCH_PATH = '/workbench.html';

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
  return child;
}

/** Resolves with the URL that answered (https first, http when the certificates were unavailable), or null on timeout. */
function waitForServer(pathname, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  const probe = (url) =>
    new Promise((resolve) => {
      const lib = url.startsWith('https:') ? https : http;
      // The development certificate may not be trusted yet; this only checks that the server answers.
      const req = lib.get(url, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
    });
  return new Promise((resolve) => {
    const attempt = async () => {
      for (const scheme of ['https', 'http']) {
        const url = `${scheme}://localhost:${PORT}${pathname}`;
        if (await probe(url)) return resolve(url);
      }
      if (Date.now() > deadline) return resolve(null);
      setTimeout(attempt, 1000);
    };
    setTimeout(attempt, 2000);
  });
}

/** Opens the URL in the desktop's browser; false when there is none (no display, no xdg-open). */
function openInBrowser(url) {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return Promise.resolve(false);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, [url], { stdio: 'ignore', detached: true });
      child.on('error', () => resolve(false));
      child.on('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

function workbenchBanner(url, opened) {
  const line = '─'.repeat(72);
  return [
    line,
    ' PressDX – bàn thử / workbench (no Excel needed)',
    line,
    ` ${url}`,
    '',
    ' The real task pane beside an in-memory workbook: create the template, type entries,',
    ' check, calculate, merge sample files ("Tải mẫu thử") and download the workbook as .xlsx.',
    opened ? ' Opened in your browser.' : ' Open the address above in a browser (accept the development certificate once).',
    line,
  ].join('\n');
}

/** Starts desktop Excel (a new window when it already runs); false when it could not be started. */
function openExcel(excel) {
  const [command, args] = process.platform === 'darwin' ? ['open', ['-a', excel]] : [excel, []];
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => resolve(false));
    child.on('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

function desktopSteps(opened) {
  const line = '─'.repeat(72);
  return [
    line,
    ' PressDX – Excel trên máy tính / desktop Excel',
    line,
    opened ? ' Excel is starting.' : ' Start Excel yourself.',
    ' Excel reads registered add-ins when it starts: if it was already open, close every Excel',
    ' window and start it again. Then open or create a workbook and, on the Home tab (Trang đầu),',
    ' choose "Mở PressDX" in the PressDX group.',
    ' If the group does not appear: Insert › My Add-ins › Developer Add-ins › PressDX.',
    ' Stop the dev server with Ctrl+C; "npm stop" removes the registration.',
    line,
  ].join('\n');
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
    const { sideload } = require('./sideload');
    try {
      sideload('register', MANIFEST);
    } catch (error) {
      console.error(`[pressdx] Could not register manifest.xml with desktop Excel: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    console.log(`[pressdx] Desktop Excel found (${excel}); manifest.xml is registered with it ("npm stop" removes it).`);
    const server = runNode(require.resolve('webpack-cli/bin/cli.js'), ['serve', '--mode', 'development']);
    let exited = false;
    server.on('exit', () => (exited = true));
    void waitForServer('/taskpane.html', 180000).then(async (url) => {
      if (exited) return;
      if (!url) console.log(`[pressdx] The dev server did not answer yet; Excel will load https://localhost:${PORT}/taskpane.html once it does.`);
      const opened = await openExcel(excel);
      console.log(desktopSteps(opened));
    });
    return;
  }

  if (forceWeb) {
    console.log(webSteps());
    runNode(require.resolve('webpack-cli/bin/cli.js'), ['serve', '--mode', 'development']);
    return;
  }

  console.log(`[pressdx] No desktop Excel on this ${process.platform} machine; starting the dev server and the workbench.`);
  const server = runNode(require.resolve('webpack-cli/bin/cli.js'), ['serve', '--mode', 'development']);
  let exited = false;
  server.on('exit', () => (exited = true));
  void waitForServer(WORKBENCH_PATH, 180000).then(async (url) => {
    if (exited) return;
    if (!url) {
      console.log(`[pressdx] The dev server did not answer yet; the workbench will be at https://localhost:${PORT}${WORKBENCH_PATH}`);
      return;
    }
    const noOpen = args.includes('--no-open') || process.env.CI === 'true';
    const opened = noOpen ? false : await openInBrowser(url);
    console.log(workbenchBanner(url, opened));
    // The same server also serves the add-in to Excel on the web.
    console.log(webSteps());
  });
}

main();
