/**
 * `npm install` needs no system package: no installed package compiles native code at install
 * time (keytar did, through office-addin-debugging, and failed without libsecret-1-dev).
 *
 * Every package the lockfile marks with an install script has its install-time scripts run here
 * the way npm runs them, but with the native build tools (node-gyp, prebuild-install, …) and npm
 * itself replaced on PATH by stubs that only record being called. A package whose scripts reach a
 * stub would build native code on a machine without prebuilt binaries; none may.
 */
import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');
const BUILD_TOOLS = ['node-gyp', 'prebuild-install', 'node-pre-gyp', 'cmake-js', 'node-gyp-build', 'prebuildify', 'npm'];
const INSTALL_PHASES = ['preinstall', 'install', 'postinstall'] as const;

interface LockEntry {
  version?: string;
  hasInstallScript?: boolean;
  optional?: boolean;
}
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const installed = Object.keys(lock.packages).filter((p) => p !== '');

/** The scripts npm runs when it installs the package in dir, including its implicit `node-gyp rebuild`. */
function installScripts(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; gypfile?: boolean };
  const scripts = { ...manifest.scripts };
  // npm's rule: a binding.gyp without an install or preinstall script means "node-gyp rebuild".
  if (existsSync(path.join(dir, 'binding.gyp')) && !scripts.install && !scripts.preinstall && manifest.gypfile !== false) {
    scripts.install = 'node-gyp rebuild';
  }
  return INSTALL_PHASES.map((phase) => scripts[phase]).filter((s): s is string => Boolean(s));
}

/** Runs the package's install-time scripts with recording stubs; returns the build tools they called. */
function buildToolsCalled(dir: string, extraEnv: NodeJS.ProcessEnv = {}): string[] {
  const sandbox = mkdtempSync(path.join(os.tmpdir(), 'pressdx-install-'));
  try {
    const bin = path.join(sandbox, 'bin');
    const calls = path.join(sandbox, 'calls.txt');
    mkdirSync(bin);
    for (const tool of BUILD_TOOLS) {
      const stub = path.join(bin, tool);
      writeFileSync(stub, `#!/bin/sh\necho "${tool} $*" >> "${calls}"\nexit 0\n`);
      chmodSync(stub, 0o755);
    }
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
    // What a plain `npm install` passes: nobody asked for a build from source.
    for (const key of Object.keys(env)) if (/^npm_config_build_from_source$/i.test(key)) delete env[key];
    Object.assign(env, extraEnv);
    for (const script of installScripts(dir)) {
      const r = spawnSync('sh', ['-c', script], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
      if (r.error) throw r.error;
    }
    return existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter((line) => line !== '') : [];
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

/** A throwaway package with the given package.json fields and files. */
function fakePackage(fields: Record<string, unknown>, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pressdx-fakepkg-'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fake', version: '1.0.0', ...fields }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const posix = process.platform !== 'win32';
if (!posix) console.warn('!! SKIPPING the install-script runs of test/install.test.ts: they need a POSIX sh (they run on CI).');

describe('the installed dependency tree', () => {
  it('has no keytar and nothing of the Microsoft 365 Agents Toolkit', () => {
    const unwanted = installed.filter((p) => /(^|\/)node_modules\/(keytar|@microsoft\/m365agentstoolkit-cli|@azure\/msal-node-extensions|office-addin-debugging)$/.test(p));
    expect(unwanted).toEqual([]);
    expect(existsSync(path.join(ROOT, 'node_modules', 'keytar'))).toBe(false);
  });

  it('matches the lockfile: each package with an install script in node_modules is marked in it', () => {
    const onDisk = installed.filter((p) => existsSync(path.join(ROOT, p, 'package.json')) && installScripts(path.join(ROOT, p)).length > 0);
    const marked = installed.filter((p) => lock.packages[p].hasInstallScript);
    expect(onDisk.filter((p) => !marked.includes(p))).toEqual([]);
    // A marked package missing here is an optional one for another platform; it would escape the check below.
    expect(marked.filter((p) => !existsSync(path.join(ROOT, p)))).toEqual([]);
  });

  (posix ? it : it.skip)('compiles no native code at install time', () => {
    const marked = installed.filter((p) => lock.packages[p].hasInstallScript);
    const building = marked
      .map((p) => ({ pkg: p.replace(/^.*node_modules\//, ''), calls: buildToolsCalled(path.join(ROOT, p)) }))
      .filter((r) => r.calls.length > 0);
    expect(building).toEqual([]);
  });

  (posix ? it : it.skip)('runs the real install scripts: @parcel/watcher (from jest) would compile only when asked to', () => {
    // jest-haste-map depends on it; its platform binary comes prebuilt in an optional package.
    const watcher = path.join(ROOT, 'node_modules', '@parcel', 'watcher');
    expect(buildToolsCalled(watcher, { npm_config_build_from_source: 'true' })).toEqual(['node-gyp rebuild']);
    expect(buildToolsCalled(watcher)).toEqual([]);
  });
});

(posix ? describe : describe.skip)('the install-script check', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const make = (...args: Parameters<typeof fakePackage>) => {
    const dir = fakePackage(...args);
    dirs.push(dir);
    return dir;
  };

  it('catches keytar’s kind of script (a prebuilt download, else a compile)', () => {
    expect(buildToolsCalled(make({ scripts: { install: 'prebuild-install || npm run build' } }))).toEqual(['prebuild-install ']);
  });

  it('catches the node-gyp rebuild npm runs for a bare binding.gyp', () => {
    expect(buildToolsCalled(make({}, { 'binding.gyp': '{}' }))).toEqual(['node-gyp rebuild']);
  });

  it('catches a build hidden in a script file', () => {
    const dir = make({ scripts: { postinstall: 'node build.js' } }, { 'build.js': "require('child_process').execSync('node-gyp configure build')" });
    expect(buildToolsCalled(dir)).toEqual(['node-gyp configure build']);
  });

  it('lets through a script that does no build', () => {
    expect(buildToolsCalled(make({ scripts: { postinstall: 'node -e "0"' } }))).toEqual([]);
  });
});
