import { SaxesParser, type SaxesTagNS } from 'saxes';
import { damaged } from './errors';
import { streamEntry, type ExpandedBytes, type ZipEntry } from './zip';

/**
 * Streams one XML part through saxes as it inflates: the part is never held whole as a string.
 * Elements are matched by namespace URI and local name, whatever prefix a producer chose, and
 * the Strict OOXML namespaces are mapped to their transitional twins, whose vocabulary is the
 * same for everything PressDX reads. saxes never expands entities declared in a DOCTYPE (a
 * reference to one is a parse error), so entity bombs and external entities are harmless.
 */

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  /** Relationship ids in parts (r:id). */
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  /** The relationships parts themselves (_rels/*.rels), the same in Strict. */
  packageRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
} as const;

const STRICT: Record<string, string> = {
  'http://purl.oclc.org/ooxml/spreadsheetml/main': NS.main,
  'http://purl.oclc.org/ooxml/officeDocument/relationships': NS.rel,
};

const canonical = (uri: string) => STRICT[uri] ?? uri;

export class XmlElement {
  constructor(private readonly tag: SaxesTagNS) {}

  /** Namespace URI (Strict mapped to transitional). */
  get ns(): string {
    return canonical(this.tag.uri);
  }

  get name(): string {
    return this.tag.local;
  }

  is(ns: string, name: string): boolean {
    return this.tag.local === name && canonical(this.tag.uri) === ns;
  }

  /** An attribute without namespace (OOXML's own attributes are unqualified). */
  attr(name: string): string | undefined {
    const a = this.tag.attributes[name];
    return a && a.uri === '' ? a.value : undefined;
  }

  /** An attribute in a namespace, whatever its prefix (r:id, x:id, …). */
  attrNs(ns: string, name: string): string | undefined {
    for (const key in this.tag.attributes) {
      const a = this.tag.attributes[key];
      if (a.local === name && canonical(a.uri) === ns) return a.value;
    }
    return undefined;
  }
}

export interface XmlVisitor {
  open?(el: XmlElement): void;
  close?(ns: string, name: string): void;
  /** Character data (text and CDATA), as saxes delivers it between tags. */
  text?(text: string): void;
}

/** Parses one zip entry as XML, feeding the visitor as the bytes inflate. */
export function parseXmlEntry(bytes: Uint8Array, entry: ZipEntry, budget: ExpandedBytes, visitor: XmlVisitor): void {
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on('error', (e) => {
    throw damaged([`phần ${entry.name} không phải XML hợp lệ: ${e.message}`, `part ${entry.name} is not well-formed XML: ${e.message}`]);
  });
  const { open, close, text } = visitor;
  if (open) parser.on('opentag', (tag) => open(new XmlElement(tag)));
  if (close) parser.on('closetag', (tag) => close(canonical(tag.uri), tag.local));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  streamEntry(bytes, entry, budget, (chunk) => {
    // XML parts are UTF-8 or, rarely, UTF-16 with a byte-order mark; the BOM itself is dropped.
    decoder ??= new TextDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8');
    parser.write(decoder.decode(chunk, { stream: true }));
  });
  if (decoder) parser.write(decoder.decode());
  parser.close();
}
