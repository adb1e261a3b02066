/**
 * Offline checks of an add-in manifest (no Microsoft validation service needed): the development
 * manifest.xml (test/manifest.test.ts) and the one a release build writes (test/build). Every
 * check is a pure function over the manifest text and a small context, so the same functions are
 * also run on deliberately broken copies to prove each check can fail.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const TOP_LEVEL_ORDER = [
  'Id',
  'Version',
  'ProviderName',
  'DefaultLocale',
  'DisplayName',
  'Description',
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'AppDomains',
  'Hosts',
  'Requirements',
  'DefaultSettings',
  'Permissions',
  'VersionOverrides',
];

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

export interface ManifestContext {
  /** The origin every URL must be on (https://localhost:3000 in development, ADDIN_ORIGIN in a release). */
  origin: string;
  /** Bytes of a file relative to the folder the context reads (the project root, or a built site), or null when it does not exist. */
  readFile(relativePath: string): Buffer | null;
  /**
   * The file (relative, for readFile) that must exist for a page the manifest names, given its
   * path on the origin ("/taskpane.html"), or null when nothing produces that page.
   */
  pageFile(pathname: string): string | null;
  /** Source text of src/commands/commands.ts. */
  commandsSource: string;
}

type RawNode = Record<string, unknown>;

function toNode(raw: RawNode): XNode | null {
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (name === undefined || name === '#text' || name.startsWith('?')) return null;
  const attrs = (raw[':@'] ?? {}) as Record<string, string>;
  const rawChildren = (raw[name] ?? []) as RawNode[];
  const children: XNode[] = [];
  let text = '';
  for (const child of rawChildren) {
    if ('#text' in child) text += String(child['#text']);
    else {
      const node = toNode(child);
      if (node) children.push(node);
    }
  }
  return { name, attrs: { ...attrs }, children, text: text.trim() };
}

/** Parses the manifest; throws with the parser's message when it is not well-formed XML. */
export function parseManifest(xml: string): XNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, col ${valid.err.col})`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
  });
  const roots = (parser.parse(xml) as RawNode[]).map(toNode).filter((n): n is XNode => n !== null);
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  return roots[0];
}

export function walk(node: XNode, visit: (n: XNode, ancestors: XNode[]) => void, ancestors: XNode[] = []): void {
  visit(node, ancestors);
  for (const c of node.children) walk(c, visit, [...ancestors, node]);
}

export const child = (node: XNode | undefined, name: string): XNode | undefined => node?.children.find((c) => c.name === name);
export const children = (node: XNode | undefined, name: string): XNode[] => node?.children.filter((c) => c.name === name) ?? [];

/** Function names registered with Office.actions.associate('name', fn) in the source text. */
export function associatedFunctionNames(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return [...withoutComments.matchAll(/Office\.actions\.associate\(\s*(['"`])([^'"`]+)\1/g)].map((m) => m[2]);
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('ascii', 12, 16) !== 'IHDR') {
    return null;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Returns every problem found; an empty list means the manifest passes. */
export function checkManifest(xml: string, ctx: ManifestContext): string[] {
  let root: XNode;
  try {
    root = parseManifest(xml);
  } catch (e) {
    return [(e as Error).message];
  }
  const problems: string[] = [];
  const ORIGIN = ctx.origin;

  // Root and top-level order
  if (root.name !== 'OfficeApp') problems.push(`root element is ${root.name}, expected OfficeApp`);
  if (root.attrs['xmlns'] !== 'http://schemas.microsoft.com/office/appforoffice/1.1') {
    problems.push('root namespace is not the 1.1 OfficeApp schema');
  }
  if (root.attrs['xsi:type'] !== 'TaskPaneApp') problems.push('OfficeApp xsi:type is not TaskPaneApp');
  const order = root.children.map((c) => c.name);
  if (order.join(',') !== TOP_LEVEL_ORDER.join(',')) {
    problems.push(`top-level element order is [${order.join(', ')}], expected [${TOP_LEVEL_ORDER.join(', ')}]`);
  }

  // Locale, host, permissions, requirements
  if (child(root, 'DefaultLocale')?.text !== 'vi-VN') problems.push('DefaultLocale is not vi-VN');
  for (const name of ['DisplayName', 'Description']) {
    const el = child(root, name);
    if (!el?.attrs['DefaultValue']) problems.push(`${name} has no DefaultValue`);
    const en = children(el, 'Override').find((o) => o.attrs['Locale'] === 'en-US');
    if (!en?.attrs['Value']) problems.push(`${name} has no en-US Override`);
  }
  const hosts = children(child(root, 'Hosts'), 'Host').map((h) => h.attrs['Name']);
  if (hosts.join(',') !== 'Workbook') problems.push(`Hosts are [${hosts.join(', ')}], expected [Workbook]`);
  if (child(root, 'Permissions')?.text !== 'ReadWriteDocument') problems.push('Permissions is not ReadWriteDocument');
  const excelSet = children(child(child(root, 'Requirements'), 'Sets'), 'Set').find((s) => s.attrs['Name'] === 'ExcelApi');
  if (!excelSet) problems.push('Requirements do not name the ExcelApi set');
  else if (excelSet.attrs['MinVersion'] !== '1.8') {
    problems.push(`ExcelApi MinVersion is ${excelSet.attrs['MinVersion'] ?? '(none)'}, expected 1.8`);
  }

  // Version overrides and resources
  const overrides = child(root, 'VersionOverrides');
  if (overrides?.attrs['xsi:type'] !== 'VersionOverridesV1_0') problems.push('VersionOverrides is not VersionOverridesV1_0');
  const vHost = child(child(overrides, 'Hosts'), 'Host');
  if (vHost?.attrs['xsi:type'] !== 'Workbook') problems.push('VersionOverrides host is not Workbook');
  const resources = child(overrides, 'Resources');
  const defined = new Map<string, { kind: string; node: XNode }>();
  for (const kind of ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']) {
    for (const item of child(resources, kind)?.children ?? []) {
      const id = item.attrs['id'];
      if (!id) problems.push(`${kind} has an item without id`);
      else if (defined.has(id)) problems.push(`resource id "${id}" is defined twice`);
      else defined.set(id, { kind, node: item });
      if (!item.attrs['DefaultValue']) problems.push(`resource "${id}" has no DefaultValue`);
      if (kind === 'bt:ShortStrings' || kind === 'bt:LongStrings') {
        const max = kind === 'bt:ShortStrings' ? 125 : 250;
        const en = children(item, 'bt:Override').find((o) => o.attrs['Locale'] === 'en-US');
        if (!en?.attrs['Value']) problems.push(`string "${id}" has no en-US Override`);
        for (const value of [item.attrs['DefaultValue'] ?? '', en?.attrs['Value'] ?? '']) {
          if (value.length > max) problems.push(`string "${id}" is longer than ${max} characters`);
        }
      }
    }
  }
  const used = new Set<string>();
  const imageUses: { resid: string; size: number }[] = [];
  if (overrides) {
    walk(overrides, (n) => {
      const resid = n.attrs['resid'];
      if (resid === undefined) return;
      used.add(resid);
      if (!defined.has(resid)) problems.push(`resid "${resid}" (on <${n.name}>) is not defined in Resources`);
      if (n.name === 'bt:Image') imageUses.push({ resid, size: Number(n.attrs['size']) });
    });
  }
  for (const id of defined.keys()) if (!used.has(id)) problems.push(`resource "${id}" is defined but never used`);

  // URLs: all on the origin; pages and icons exist
  walk(root, (n) => {
    const values = [...Object.entries(n.attrs).filter(([k]) => !k.startsWith('xmlns')).map(([, v]) => v), n.text];
    for (const value of values) {
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
      if (n.name === 'AppDomain') {
        if (value !== ORIGIN) problems.push(`AppDomain ${value} is not ${ORIGIN}`);
      } else if (!value.startsWith(`${ORIGIN}/`)) {
        problems.push(`URL ${value} (on <${n.name}>) does not start with ${ORIGIN}/`);
      }
    }
  });
  const localPath = (url: string): string | null => (url.startsWith(`${ORIGIN}/`) ? url.slice(ORIGIN.length) : null);
  const iconUrls: { url: string; size?: number; where: string }[] = [
    { url: child(root, 'IconUrl')?.attrs['DefaultValue'] ?? '', size: 32, where: 'IconUrl' },
    { url: child(root, 'HighResolutionIconUrl')?.attrs['DefaultValue'] ?? '', size: 64, where: 'HighResolutionIconUrl' },
  ];
  for (const use of imageUses) {
    const image = defined.get(use.resid);
    if (image?.kind === 'bt:Images') iconUrls.push({ url: image.node.attrs['DefaultValue'] ?? '', size: use.size, where: use.resid });
    else if (image) problems.push(`bt:Image resid "${use.resid}" is not a bt:Images resource`);
  }
  for (const icon of iconUrls) {
    const p = localPath(icon.url);
    if (p === null) {
      problems.push(`${icon.where} icon URL "${icon.url}" is not on ${ORIGIN}`);
      continue;
    }
    if (!p.startsWith('/assets/')) {
      problems.push(`${icon.where} icon ${p} is not under /assets/`);
      continue;
    }
    const bytes = ctx.readFile(p.slice(1));
    const size = bytes && pngSize(bytes);
    if (!bytes) problems.push(`${icon.where} icon ${p} does not exist`);
    else if (!size) problems.push(`${icon.where} icon ${p} is not a PNG`);
    else if (icon.size !== undefined && (size.width !== icon.size || size.height !== icon.size)) {
      problems.push(`${icon.where} icon ${p} is ${size.width}x${size.height}, expected ${icon.size}x${icon.size}`);
    }
  }
  const pageUrls = [
    child(root, 'SupportUrl')?.attrs['DefaultValue'] ?? '',
    child(child(root, 'DefaultSettings'), 'SourceLocation')?.attrs['DefaultValue'] ?? '',
    ...(child(resources, 'bt:Urls')?.children ?? []).map((u) => u.attrs['DefaultValue'] ?? ''),
  ];
  for (const url of pageUrls) {
    const p = localPath(url);
    if (p === null) continue; // reported above
    const file = ctx.pageFile(p);
    if (file === null) problems.push(`page ${p} is not produced by the build`);
    else if (!ctx.readFile(file)) problems.push(`page ${p} has no file ${file}`);
  }

  // Ribbon: both buttons, and the ExecuteFunction name is registered in commands.ts
  const controls: XNode[] = [];
  if (overrides) walk(overrides, (n) => n.name === 'Control' && controls.push(n));
  const actions = controls.map((c) => child(c, 'Action'));
  const showTaskpane = actions.find((a) => a?.attrs['xsi:type'] === 'ShowTaskpane');
  if (!showTaskpane) problems.push('no ShowTaskpane button');
  else {
    const url = defined.get(child(showTaskpane, 'SourceLocation')?.attrs['resid'] ?? '')?.node.attrs['DefaultValue'];
    if (url !== `${ORIGIN}/taskpane.html`) problems.push(`ShowTaskpane opens ${url ?? '(nothing)'}, expected ${ORIGIN}/taskpane.html`);
  }
  const functionFileUrl = defined.get(child(vHost?.children.find((c) => c.name === 'DesktopFormFactor'), 'FunctionFile')?.attrs['resid'] ?? '')
    ?.node.attrs['DefaultValue'];
  if (functionFileUrl !== `${ORIGIN}/commands.html`) problems.push(`FunctionFile is ${functionFileUrl ?? '(none)'}, expected ${ORIGIN}/commands.html`);
  const registered = associatedFunctionNames(ctx.commandsSource);
  const executeFunctions = actions.filter((a) => a?.attrs['xsi:type'] === 'ExecuteFunction');
  if (executeFunctions.length === 0) problems.push('no ExecuteFunction button');
  for (const action of executeFunctions) {
    const fn = child(action, 'FunctionName')?.text ?? '';
    if (!registered.includes(fn)) {
      problems.push(`FunctionName "${fn}" is not registered with Office.actions.associate in src/commands/commands.ts`);
    }
  }
  return [...new Set(problems)];
}
