/**
 * `npm pack` makes the release of the command line (`npx --package ./pressdx-X.Y.Z.tgz pressdx …`):
 * the tarball must hold bin/pressdx.js and every compiled module it reaches, and no web build,
 * source or source map. Reads npm's own file list (npm pack --dry-run) after `npm run prepare`.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The files `npm pack` would put in the tarball, relative to the package root. */
function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`npm pack --dry-run failed: ${r.stderr}`);
  const [report] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  return report.files.map((f) => f.path);
}

/** Every project file a CommonJS entry reaches through relative require() calls. */
function reachableModules(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    for (const m of source.matchAll(/require\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
      const target = [base, `${base}.js`, `${base}/index.js`].find((f) => existsSync(path.join(ROOT, f)) && f.endsWith('.js'));
      if (!target) throw new Error(`${file} requires ${m[1]}, which does not exist`);
      visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

describe('npm pack', () => {
  const files = packedFiles();

  it('ships the launcher and every compiled module the command line reaches', () => {
    expect(existsSync(path.join(ROOT, 'dist/cli/main.js'))).toBe(true);
    const needed = reachableModules('bin/pressdx.js').concat(reachableModules('dist/cli/main.js'));
    expect(needed.length).toBeGreaterThan(10);
    expect(needed.filter((f) => !files.includes(f))).toEqual([]);
    expect(files).toContain('package.json');
  });

  it('ships no web build, source, test or source map', () => {
    expect(files.filter((f) => /^(dist\/(addin|web|release)|src|test|scripts)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });
});
