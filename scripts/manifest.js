// The release manifest: manifest.xml (the development manifest, on https://localhost:3000) with
// every URL moved to the public origin, and the id and version taken from package.json, so a
// release is bumped in one place ("npm version patch").
'use strict';

const DEV_ORIGIN = 'https://localhost:3000';

/** The origin (scheme, host, port) of an https:// address with no path; throws a clear message otherwise. */
function releaseOrigin(raw) {
  const hint =
    'Đặt ADDIN_ORIGIN là địa chỉ HTTPS công khai của bổ trợ, ví dụ / Set ADDIN_ORIGIN to the add-in\'s public HTTPS origin, e.g.\n' +
    '  ADDIN_ORIGIN=https://pressdx.stttt.example.vn npm run build';
  if (!raw) throw new Error(`ADDIN_ORIGIN is not set.\n${hint}`);
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_ORIGIN "${raw}" is not a URL.\n${hint}`);
  }
  // Office loads add-ins only over HTTPS; the pages are served from the root of the origin.
  if (url.protocol !== 'https:') throw new Error(`ADDIN_ORIGIN "${raw}" is not https://.\n${hint}`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`ADDIN_ORIGIN "${raw}" must be an origin only (no path, query or user).\n${hint}`);
  }
  return url.origin;
}

/** package.json's semantic version as the four-part number a manifest <Version> takes. */
function manifestVersion(version) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) throw new Error(`package.json version "${version}" is not MAJOR.MINOR.PATCH (a manifest version has no pre-release tag)`);
  return `${match[1]}.${match[2]}.${match[3]}.0`;
}

function replaceElement(xml, name, value) {
  const pattern = new RegExp(`(<OfficeApp[\\s\\S]*?<${name}>)[^<]*(</${name}>)`);
  if (!pattern.test(xml)) throw new Error(`manifest.xml has no <${name}>`);
  return xml.replace(pattern, `$1${value}$2`);
}

/** The release manifest text for an origin, id and package version. */
function releaseManifest(template, { origin, id, version }) {
  if (!template.includes(DEV_ORIGIN)) throw new Error(`manifest.xml has no URL on ${DEV_ORIGIN} to move to ${origin}`);
  let xml = template.split(DEV_ORIGIN).join(origin);
  xml = replaceElement(xml, 'Id', id);
  xml = replaceElement(xml, 'Version', manifestVersion(version));
  if (/localhost/i.test(xml) && !/localhost/i.test(origin)) throw new Error('the release manifest still names localhost');
  return xml;
}

module.exports = { DEV_ORIGIN, releaseOrigin, manifestVersion, releaseManifest };
