#!/usr/bin/env node
// Registers manifest.xml with desktop Excel for development ("sideloading"), and removes it again.
// This replaces office-addin-debugging: its office-addin-dev-settings declares a peer dependency on
// the Microsoft 365 Agents Toolkit CLI, which npm installs with a native keytar build that needs
// libsecret-1-dev on Linux. For an XML manifest in Excel that toolkit is never called; the whole
// registration is what Office reads at start-up:
//   Windows  a string value named by the add-in id, holding the manifest path, under
//            HKCU\Software\Microsoft\Office\16.0\WEF\Developer (written with the built-in reg.exe);
//   macOS    a copy of the manifest in Excel's sandboxed "wef" folder.
//
//   node scripts/sideload.js register [manifest.xml]
//   node scripts/sideload.js unregister [manifest.xml]     (npm stop)
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_MANIFEST = path.join(ROOT, 'manifest.xml');
const WINDOWS_DEVELOPER_KEY = 'HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer';
const MAC_WEF_FOLDER = ['Library', 'Containers', 'com.microsoft.Excel', 'Data', 'Documents', 'wef'];

/** The add-in id (<Id> directly under <OfficeApp>); throws when the manifest has none. */
function manifestId(xml) {
  const match = /<OfficeApp[\s\S]*?<Id>\s*([0-9a-fA-F-]{36})\s*<\/Id>/.exec(xml);
  if (!match) throw new Error('the manifest has no <Id> (a GUID) under <OfficeApp>');
  return match[1];
}

/**
 * The steps that register and unregister a manifest on a platform, or null where desktop Excel
 * does not exist (Linux). Steps are data, so they can be checked without Windows or a Mac.
 */
function sideloadPlan(platform, { manifestPath, id, home = os.homedir() }) {
  if (platform === 'win32') {
    return {
      register: [{ run: 'reg', args: ['add', WINDOWS_DEVELOPER_KEY, '/v', id, '/t', 'REG_SZ', '/d', manifestPath, '/f'] }],
      unregister: [{ run: 'reg', args: ['delete', WINDOWS_DEVELOPER_KEY, '/v', id, '/f'], mayFail: true }],
    };
  }
  if (platform === 'darwin') {
    const target = path.join(home, ...MAC_WEF_FOLDER, `${id}.manifest.xml`);
    return { register: [{ copy: manifestPath, to: target }], unregister: [{ remove: target }] };
  }
  return null;
}

function applyStep(step) {
  if (step.copy) {
    fs.mkdirSync(path.dirname(step.to), { recursive: true });
    fs.copyFileSync(step.copy, step.to);
    return;
  }
  if (step.remove) {
    fs.rmSync(step.remove, { force: true });
    return;
  }
  const result = spawnSync(step.run, step.args, { encoding: 'utf8' });
  // reg delete fails when the value is already gone, which is the state unregister wants.
  if ((result.status !== 0 || result.error) && !step.mayFail) {
    const detail = result.error ? result.error.message : (result.stderr || result.stdout || '').trim();
    throw new Error(`${step.run} ${step.args.join(' ')} failed: ${detail}`);
  }
}

/** Registers or unregisters the manifest on this machine; returns false where there is no desktop Excel. */
function sideload(action, manifestPath = DEFAULT_MANIFEST, platform = process.platform, home = os.homedir()) {
  const absolute = path.resolve(manifestPath);
  const id = manifestId(fs.readFileSync(absolute, 'utf8'));
  const plan = sideloadPlan(platform, { manifestPath: absolute, id, home });
  if (!plan) return false;
  for (const step of plan[action]) applyStep(step);
  return true;
}

module.exports = { manifestId, sideloadPlan, sideload, WINDOWS_DEVELOPER_KEY };

if (require.main === module) {
  const [action, manifest] = process.argv.slice(2);
  if (action !== 'register' && action !== 'unregister') {
    console.error('usage: node scripts/sideload.js register|unregister [manifest.xml]');
    process.exit(2);
  }
  try {
    const done = sideload(action, manifest);
    console.log(
      done
        ? `[pressdx] ${action === 'register' ? 'Registered' : 'Unregistered'} ${manifest ?? 'manifest.xml'} with desktop Excel.`
        : `[pressdx] No desktop Excel on ${process.platform}: nothing to ${action}.`,
    );
  } catch (error) {
    console.error(`[pressdx] ${action} failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
