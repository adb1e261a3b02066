import type { XlsxPackage } from './parts';
import { NS } from './xml';

/**
 * Which cell styles show a date: the only thing PressDX needs from styles.xml, because a
 * date-formatted number in a 1904-system workbook must be moved to the 1900 system.
 */

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30, and the East Asian ids). */
const BUILT_IN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/**
 * A custom format code shows a date or time when, outside quoted text, bracketed parts
 * ([Red], [$-409], [>100]) and escaped or padding characters, it holds d, m, y, h or s.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[\\_*]./g, '');
  return /[dmyhs]/i.test(bare);
}

/** For each index of cellXfs: whether a cell with that style shows a date. */
export function readDateStyles(pkg: XlsxPackage, part: string | undefined): boolean[] {
  const customCodes = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  if (part) {
    pkg.xml(part, {
      open: (el) => {
        if (el.ns !== NS.main) return;
        if (el.name === 'numFmt') customCodes.set(Number(el.attr('numFmtId')), el.attr('formatCode') ?? '');
        else if (el.name === 'cellXfs') inCellXfs = true;
        else if (el.name === 'xf' && inCellXfs) xfFormats.push(Number(el.attr('numFmtId') ?? '0'));
      },
      close: (ns, name) => {
        if (ns === NS.main && name === 'cellXfs') inCellXfs = false;
      },
    });
  }
  return xfFormats.map((id) => {
    const custom = customCodes.get(id);
    return custom !== undefined ? isDateFormatCode(custom) : BUILT_IN_DATE_IDS.has(id);
  });
}
