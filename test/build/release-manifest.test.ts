/**
 * scripts/manifest.js: the release manifest is manifest.xml moved to ADDIN_ORIGIN, with the id
 * and version of package.json; a wrong origin or version stops the build with a clear message.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { DEV_ORIGIN, manifestVersion, releaseManifest, releaseOrigin } from '../../scripts/manifest';

const ROOT = path.resolve(__dirname, '..', '..');
const template = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const ID = '00000000-1111-2222-3333-444444444444';

describe('ADDIN_ORIGIN', () => {
  it('accepts an https origin, with or without a port or trailing slash', () => {
    expect(releaseOrigin('https://pressdx.stttt.example.vn')).toBe('https://pressdx.stttt.example.vn');
    expect(releaseOrigin('https://pressdx.stttt.example.vn/')).toBe('https://pressdx.stttt.example.vn');
    expect(releaseOrigin('https://Addins.Example.vn:8443')).toBe('https://addins.example.vn:8443');
  });

  it.each([
    [undefined, /ADDIN_ORIGIN is not set/],
    ['', /ADDIN_ORIGIN is not set/],
    ['pressdx.stttt.example.vn', /is not a URL/],
    ['http://pressdx.stttt.example.vn', /is not https/],
    ['https://example.vn/pressdx', /origin only/],
    ['https://example.vn/?v=1', /origin only/],
  ])('rejects %p', (raw, message) => {
    expect(() => releaseOrigin(raw)).toThrow(message);
    expect(() => releaseOrigin(raw)).toThrow(/ADDIN_ORIGIN=https:\/\/pressdx\.stttt\.example\.vn npm run build/);
  });
});

describe('the manifest version', () => {
  it('is the package version with a fourth part', () => {
    expect(manifestVersion('1.2.3')).toBe('1.2.3.0');
  });
  it('refuses a pre-release version, which a manifest cannot hold', () => {
    expect(() => manifestVersion('1.2.3-beta.1')).toThrow(/MAJOR\.MINOR\.PATCH/);
  });
});

describe('releaseManifest', () => {
  const xml = releaseManifest(template, { origin: 'https://pressdx.stttt.example.vn', id: ID, version: '2.5.1' });

  it('moves every URL of manifest.xml to the origin', () => {
    const before = template.split(DEV_ORIGIN).length - 1;
    expect(before).toBeGreaterThan(5);
    expect(xml.split('https://pressdx.stttt.example.vn').length - 1).toBe(before);
    expect(xml).not.toMatch(/localhost/);
  });

  it('sets the id and version and changes nothing else', () => {
    expect(xml).toContain(`<Id>${ID}</Id>`);
    expect(xml).toContain('<Version>2.5.1.0</Version>');
    const normalise = (s: string) =>
      s.split(DEV_ORIGIN).join('ORIGIN').replace(/<Id>[^<]*<\/Id>/, '<Id/>').replace(/<Version>[^<]*<\/Version>/, '<Version/>');
    expect(normalise(xml.split('https://pressdx.stttt.example.vn').join(DEV_ORIGIN))).toBe(normalise(template));
  });

  it('fails on a template with nothing to move', () => {
    expect(() => releaseManifest(template.split(DEV_ORIGIN).join('https://other.example'), { origin: 'https://a.vn', id: ID, version: '1.0.0' })).toThrow(
      /no URL on https:\/\/localhost:3000/,
    );
  });
});
