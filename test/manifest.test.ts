/**
 * Offline checks of the development manifest.xml (the checks are in test/helpers/manifest-checks.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { associatedFunctionNames, checkManifest, child, parseManifest, walk, type ManifestContext, type XNode } from './helpers/manifest-checks';

const ROOT = path.resolve(__dirname, '..');
const ORIGIN = 'https://localhost:3000';

/** Pages the development build serves at the origin's root, mapped to the source file that produces them. */
const PAGES: Record<string, string> = {
  '/taskpane.html': 'src/taskpane/taskpane.html',
  '/commands.html': 'src/commands/commands.html',
};

const realContext: ManifestContext = {
  origin: ORIGIN,
  pageFile: (p) => PAGES[p] ?? (p.startsWith('/assets/') ? p.slice(1) : null),
  readFile: (p) => {
    const full = path.join(ROOT, p);
    return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full) : null;
  },
  commandsSource: fs.readFileSync(path.join(ROOT, 'src/commands/commands.ts'), 'utf8'),
};
const manifestXml = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

/** Replaces exactly one occurrence, so a broken copy is broken the way the test intends. */
function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const count = typeof from === 'string' ? text.split(from).length - 1 : (text.match(new RegExp(from.source, 'g')) ?? []).length;
  if (count !== 1) throw new Error(`expected one occurrence of ${String(from)}, found ${count}`);
  return text.replace(from, to);
}

describe('manifest.xml', () => {
  it('passes every check', () => {
    expect(checkManifest(manifestXml, realContext)).toEqual([]);
  });

  it('is well-formed XML with an OfficeApp root', () => {
    expect(parseManifest(manifestXml).name).toBe('OfficeApp');
  });

  it('has the ribbon buttons the add-in needs', () => {
    const root = parseManifest(manifestXml);
    const labels: string[] = [];
    walk(root, (n) => {
      if (n.name === 'Control') labels.push(child(n, 'Label')?.attrs['resid'] ?? '');
    });
    const strings = new Map<string, string>();
    walk(root, (n) => {
      if (n.name === 'bt:String') strings.set(n.attrs['id'], n.attrs['DefaultValue']);
    });
    expect(labels.map((id) => strings.get(id))).toEqual(['Mở PressDX', 'Kiểm tra']);
    const groups: XNode[] = [];
    walk(root, (n, ancestors) => {
      if (n.name === 'Group' && ancestors.some((a) => a.name === 'OfficeTab' && a.attrs['id'] === 'TabHome')) groups.push(n);
    });
    expect(groups.map((g) => strings.get(child(g, 'Label')?.attrs['resid'] ?? ''))).toEqual(['PressDX']);
  });

  it('reads the functions registered in commands.ts', () => {
    expect(associatedFunctionNames(realContext.commandsSource)).toContain('runCheck');
    expect(associatedFunctionNames("// Office.actions.associate('old', f);\nOffice.actions.associate(\"x\", f);")).toEqual(['x']);
  });
});

describe('manifest checks fail on broken copies', () => {
  // Every row has all four entries: jest treats a callback parameter beyond the row's length as `done`.
  const broken: [string, (xml: string) => string, RegExp, Partial<ManifestContext>][] = [
    ['a missing closing tag', (x) => replaceOnce(x, '</Permissions>', ''), /not well-formed/, {}],
    ['an unescaped ampersand', (x) => replaceOnce(x, '<ProviderName>PressDX', '<ProviderName>Press & DX'), /not well-formed/, {}],
    [
      'Permissions before DefaultSettings',
      (x) => {
        const perm = '<Permissions>ReadWriteDocument</Permissions>';
        return replaceOnce(replaceOnce(x, perm, ''), '<DefaultSettings>', `${perm}<DefaultSettings>`);
      },
      /top-level element order/,
      {},
    ],
    ['a missing SupportUrl', (x) => replaceOnce(x, /<SupportUrl [^>]*\/>/, ''), /top-level element order/, {}],
    ['an undefined resid', (x) => replaceOnce(x, '<Label resid="Group.Label"/>', '<Label resid="Group.Missing"/>'), /resid "Group.Missing".*not defined/, {}],
    ['an unused resource', (x) => replaceOnce(x, '<bt:Urls>', `<bt:Urls><bt:Url id="Spare.Url" DefaultValue="${ORIGIN}/taskpane.html"/>`), /"Spare.Url" is defined but never used/, {}],
    ['a string without en-US Override', (x) => replaceOnce(x, '<bt:Override Locale="en-US" Value="Check"/>', ''), /string "CheckButton.Label" has no en-US Override/, {}],
    ['a Description without en-US Override', (x) => replaceOnce(x, /<Override Locale="en-US" Value="Create, check[^"]*"\/>/, ''), /Description has no en-US Override/, {}],
    ['a URL on another origin', (x) => replaceOnce(x, `"${ORIGIN}/commands.html"`, '"https://example.com/commands.html"'), /example\.com.*does not start with/, {}],
    ['an http URL', (x) => replaceOnce(x, `id="Taskpane.Url" DefaultValue="${ORIGIN}/`, 'id="Taskpane.Url" DefaultValue="http://localhost:3000/'), /http:\/\/localhost:3000\/taskpane.html.*does not start with/, {}],
    ['an icon that does not exist', (x) => replaceOnce(x, 'assets/icon-80.png', 'assets/icon-81.png'), /icon-81.png does not exist/, {}],
    ['an icon of the wrong size', (x) => replaceOnce(x, 'assets/icon-80.png', 'assets/icon-64.png'), /is 64x64, expected 80x80/, {}],
    ['a page the build does not produce', (x) => replaceOnce(x, `${ORIGIN}/commands.html`, `${ORIGIN}/functions.html`), /functions.html is not produced/, {}],
    ['ExcelApi 1.7', (x) => replaceOnce(x, 'Name="ExcelApi" MinVersion="1.8"', 'Name="ExcelApi" MinVersion="1.7"'), /ExcelApi MinVersion is 1.7/, {}],
    ['a Word host', (x) => replaceOnce(x, '<Host Name="Workbook"/>', '<Host Name="Document"/>'), /Hosts are \[Document\]/, {}],
    ['ReadDocument permission', (x) => replaceOnce(x, 'ReadWriteDocument', 'ReadDocument'), /Permissions is not ReadWriteDocument/, {}],
    ['an unregistered FunctionName', (x) => replaceOnce(x, '<FunctionName>runCheck</FunctionName>', '<FunctionName>runChecks</FunctionName>'), /"runChecks" is not registered/, {}],
    ['commands.ts that registers nothing', (x) => x, /"runCheck" is not registered/, { commandsSource: 'Office.onReady(() => undefined);' }],
    ['a missing assets/ folder', (x) => x, /icon-32.png does not exist/, { readFile: (p: string) => (p.startsWith('assets/') ? null : realContext.readFile(p)) }],
  ];

  it.each(broken)('reports %s', (_label, breakIt, expected, ctx) => {
    const problems = checkManifest(breakIt(manifestXml), { ...realContext, ...ctx });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});
