/**
 * `npm start` / `npm stop` register manifest.xml with desktop Excel through scripts/sideload.js
 * (instead of office-addin-debugging). Windows' registry steps are checked as data; the macOS
 * steps run for real against a temporary home folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { manifestId, sideload, sideloadPlan, WINDOWS_DEVELOPER_KEY } from '../../scripts/sideload';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { config: { addinId: string } };

describe('sideloading manifest.xml into desktop Excel', () => {
  it('reads the add-in id, which is the one package.json gives releases', () => {
    expect(manifestId(readFileSync(MANIFEST, 'utf8'))).toBe(pkg.config.addinId);
    expect(() => manifestId('<OfficeApp><Version>1.0.0.0</Version></OfficeApp>')).toThrow(/no <Id>/);
  });

  it('on Windows, writes and deletes the developer registry value Office reads at start-up', () => {
    const plan = sideloadPlan('win32', { manifestPath: 'C:\\pressdx\\manifest.xml', id: pkg.config.addinId });
    expect(WINDOWS_DEVELOPER_KEY).toBe('HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer');
    expect(plan?.register).toEqual([
      { run: 'reg', args: ['add', WINDOWS_DEVELOPER_KEY, '/v', pkg.config.addinId, '/t', 'REG_SZ', '/d', 'C:\\pressdx\\manifest.xml', '/f'] },
    ]);
    expect(plan?.unregister).toEqual([{ run: 'reg', args: ['delete', WINDOWS_DEVELOPER_KEY, '/v', pkg.config.addinId, '/f'], mayFail: true }]);
  });

  it('on macOS, copies the manifest into Excel’s wef folder and removes it again', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'pressdx-home-'));
    try {
      const copy = path.join(home, 'Library/Containers/com.microsoft.Excel/Data/Documents/wef', `${pkg.config.addinId}.manifest.xml`);
      expect(sideload('register', MANIFEST, 'darwin', home)).toBe(true);
      expect(readFileSync(copy, 'utf8')).toBe(readFileSync(MANIFEST, 'utf8'));
      expect(sideload('unregister', MANIFEST, 'darwin', home)).toBe(true);
      expect(existsSync(copy)).toBe(false);
      // Unregistering twice is not an error (npm stop after a stop).
      expect(sideload('unregister', MANIFEST, 'darwin', home)).toBe(true);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('does nothing where there is no desktop Excel', () => {
    expect(sideloadPlan('linux', { manifestPath: MANIFEST, id: pkg.config.addinId })).toBeNull();
    expect(sideload('register', MANIFEST, 'linux')).toBe(false);
  });
});
