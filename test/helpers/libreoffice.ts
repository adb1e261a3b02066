import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

/**
 * Headless LibreOffice as an independent spreadsheet engine: it opens a file, recalculates every
 * formula and saves it again, so tests can compare its numbers with the TypeScript engine's.
 */

const CANDIDATES = [
  '/usr/bin/soffice',
  '/usr/bin/libreoffice',
  '/usr/local/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
];

/** LibreOffice's soffice: PRESSDX_SOFFICE if set (a path that does not exist, e.g. "none", turns the tests off), else the usual places. */
export function findSoffice(): string | undefined {
  const chosen = process.env.PRESSDX_SOFFICE;
  if (chosen !== undefined && chosen !== '') return fs.existsSync(chosen) ? chosen : undefined;
  for (const c of CANDIDATES) if (fs.existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const p = path.join(dir, name);
      if (dir && fs.existsSync(p)) return p;
    }
  }
  return undefined;
}

/**
 * A profile that makes LibreOffice recalculate every formula on load (0 = always), instead of
 * trusting the cached results the file carries — the whole point of the comparison.
 */
const REGISTRY = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export interface LibreOffice {
  soffice: string;
  /** Recalculates and re-saves .xlsx files (one LibreOffice process for all), returning the new bytes in order. */
  recalculate(files: Array<{ name: string; data: Buffer }>, timeoutMs?: number): Promise<Buffer[]>;
  dispose(): void;
}

export function startLibreOffice(soffice: string): LibreOffice {
  // A fresh profile per run: no user settings leak in, and no other running instance shares the lock.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pressdx-lo-'));
  const profile = path.join(root, 'profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), REGISTRY);
  let batch = 0;

  return {
    soffice,
    async recalculate(files, timeoutMs = 90_000) {
      const dir = path.join(root, `batch-${++batch}`);
      const inDir = path.join(dir, 'in');
      const outDir = path.join(dir, 'out');
      fs.mkdirSync(inDir, { recursive: true });
      fs.mkdirSync(outDir, { recursive: true });
      const inputs = files.map((f) => {
        const p = path.join(inDir, f.name.endsWith('.xlsx') ? f.name : `${f.name}.xlsx`);
        fs.writeFileSync(p, f.data);
        return p;
      });
      const args = [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', 'xlsx', '--outdir', outDir, ...inputs];
      await new Promise<void>((resolve, reject) => {
        execFile(soffice, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
          if (err) reject(new Error(`LibreOffice failed (${err.message}).\nstdout: ${stdout}\nstderr: ${stderr}`));
          else resolve();
        });
      });
      return inputs.map((p) => {
        const out = path.join(outDir, path.basename(p));
        if (!fs.existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
        return fs.readFileSync(out);
      });
    },
    dispose() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
