import { tooLarge } from './errors';
import type { XlsxPackage } from './parts';
import { decodeXString } from './text';
import { NS } from './xml';

/**
 * The shared-string table, read after the sheets so that only the strings the wanted cells
 * point at are kept; the others are counted (against the limits) and dropped. Rich-text runs
 * are joined; phonetic runs (<rPh>, furigana) are not part of the text.
 */
export function readSharedStrings(pkg: XlsxPackage, part: string | undefined, wanted: ReadonlySet<number>): Map<number, string> {
  const kept = new Map<number, string>();
  if (!part || wanted.size === 0) return kept;
  const { limits } = pkg;
  let index = -1;
  let item: string | undefined;
  let phoneticDepth = 0;
  let inText = false;
  let chars = 0;
  pkg.xml(part, {
    open: (el) => {
      if (el.ns !== NS.main) return;
      if (el.name === 'si') {
        if (++index >= limits.maxSharedStrings) throw tooLarge('maxSharedStrings', limits);
        item = '';
      } else if (el.name === 'rPh') phoneticDepth++;
      else if (el.name === 't') inText = item !== undefined && phoneticDepth === 0;
    },
    text: (t) => {
      if (!inText || item === undefined) return;
      chars += t.length;
      if (chars > limits.maxSharedStringChars) throw tooLarge('maxSharedStringChars', limits);
      if (wanted.has(index)) item += t;
    },
    close: (ns, name) => {
      if (ns !== NS.main) return;
      if (name === 't') inText = false;
      else if (name === 'rPh') phoneticDepth--;
      else if (name === 'si' && item !== undefined) {
        if (wanted.has(index)) kept.set(index, decodeXString(item));
        item = undefined;
        phoneticDepth = 0;
      }
    },
  });
  return kept;
}
