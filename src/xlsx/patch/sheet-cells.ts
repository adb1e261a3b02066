import { SaxesParser, type SaxesTagNS } from 'saxes';
import type { Scalar } from '../../domain/values';
import { cellAddress, parseCell } from '../../workbook/a1';
import { translateFormula } from '../reader/formula';
import { encodeXString } from '../reader/text';

/**
 * Patches cells of one worksheet part in place: each patched cell's `<c>` element is replaced
 * (or inserted in row and column order when the cell does not exist yet) and every other byte
 * of the part is kept as the producer wrote it. Positions come from saxes, so any namespace
 * prefix, attribute order, cells without `r` and rows out of order are handled as the reader
 * handles them.
 */

export interface CellPatch {
  /** A1 address on the sheet. */
  address: string;
  /** Invariant formula ("=…" or without "="); undefined writes a constant. */
  formula?: string;
  /** The constant, or the formula's cached result. Dates as 1900-system serials. */
  value: Scalar;
  /** The value is a date: shifted into a 1904-system workbook's serials. */
  isDate?: boolean;
  /**
   * The cell's formula means the same as `formula` (Excel merely re-spelled it): its `<f>`
   * element is kept as written, so shared formulas stay intact; only the cached value changes.
   */
  keepFormula?: boolean;
}

const MAIN = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);

/** Days between the 1900 and 1904 date systems' day zero. */
const DAYS_1904 = 1462;

interface CellSpan {
  row: number;
  col: number;
  start: number;
  end: number;
  /** Raw XML of the <f> element, when the cell has one. */
  formulaXml?: string;
  style?: string;
  shared?: { si: string; master: boolean; text: string };
}

interface RowSpan {
  row: number;
  start: number;
  /** Just after the start tag's ">" (or the whole element, when self-closing). */
  openEnd: number;
  /** Start of "</row>"; -1 when self-closing. */
  closeStart: number;
  end: number;
  cells: CellSpan[];
}

interface SheetLayout {
  /** Element prefix of sheetData's children ("x:" or ""). */
  prefix: string;
  rows: RowSpan[];
  /** Start of "</sheetData>", or of "<sheetData/>" when self-closing. */
  dataClose: number;
  dataSelfClosing: boolean;
  dataEnd: number;
}

const prefixOf = (tag: SaxesTagNS) => (tag.prefix ? `${tag.prefix}:` : '');

/** Where each row and cell of sheetData sits in the text. */
function layout(xml: string): SheetLayout {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const out: SheetLayout = { prefix: '', rows: [], dataClose: -1, dataSelfClosing: false, dataEnd: -1 };
  const tagStart = () => xml.lastIndexOf('<', parser.position - 1);
  let depth = 0;
  let inData = false;
  let row: RowSpan | undefined;
  let cell: CellSpan | undefined;
  let formula: { start: number; attrs: Record<string, string>; text: string } | undefined;
  let lastRow = 0;
  let lastCol = 0;
  let openStart = -1;
  parser.on('opentagstart', () => {
    openStart = tagStart();
  });
  parser.on('opentag', (tag) => {
    depth++;
    const main = MAIN.has(tag.uri);
    if (main && tag.local === 'sheetData' && depth === 2) {
      inData = true;
      out.prefix = prefixOf(tag);
      if (tag.isSelfClosing) {
        out.dataSelfClosing = true;
        out.dataClose = openStart;
        out.dataEnd = parser.position;
      }
    } else if (inData && main && tag.local === 'row' && depth === 3) {
      const r = Number(tag.attributes.r?.value);
      lastRow = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
      lastCol = 0;
      row = { row: lastRow, start: openStart, openEnd: parser.position, closeStart: -1, end: parser.position, cells: [] };
      out.rows.push(row);
    } else if (row && main && tag.local === 'c' && depth === 4) {
      const ref = tag.attributes.r?.value;
      const at = ref ? parseCell(ref) : undefined;
      lastCol = at ? at.col : lastCol + 1;
      cell = { row: row.row, col: lastCol, start: openStart, end: parser.position, style: tag.attributes.s?.value };
      row.cells.push(cell);
    } else if (cell && main && tag.local === 'f' && depth === 5) {
      const attrs: Record<string, string> = {};
      for (const [k, a] of Object.entries(tag.attributes)) attrs[k] = a.value;
      formula = { start: openStart, attrs, text: '' };
    }
  });
  parser.on('text', (t) => {
    if (formula) formula.text += t;
  });
  parser.on('closetag', (tag) => {
    depth--;
    const main = MAIN.has(tag.uri);
    if (formula && main && tag.local === 'f') {
      if (cell) {
        cell.formulaXml = xml.slice(formula.start, parser.position);
        if (formula.attrs.t === 'shared' && formula.attrs.si !== undefined) cell.shared = { si: formula.attrs.si, master: formula.attrs.ref !== undefined, text: formula.text };
      }
      formula = undefined;
    } else if (cell && main && tag.local === 'c' && depth === 3) {
      cell.end = parser.position;
      cell = undefined;
    } else if (row && main && tag.local === 'row' && depth === 2) {
      row.end = parser.position;
      if (!tag.isSelfClosing) row.closeStart = tagStart();
      row = undefined;
    } else if (inData && main && tag.local === 'sheetData' && depth === 1) {
      inData = false;
      if (!out.dataSelfClosing) {
        out.dataClose = tagStart();
        out.dataEnd = parser.position;
      }
    }
  });
  parser.write(xml).close();
  if (out.dataClose < 0) throw new Error('worksheet part without sheetData');
  return out;
}

const escapeText = (s: string) =>
  encodeXString(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/** The `<c>` element of a patched cell, in the sheet's own prefix. */
function cellXml(p: string, address: string, style: string | undefined, patch: CellPatch, keptFormulaXml: string | undefined, date1904: boolean): string {
  const s = style !== undefined ? ` s="${escapeAttr(style)}"` : '';
  const formula = patch.formula === undefined ? undefined : patch.formula.replace(/^=/, '');
  const f = keptFormulaXml ?? (formula !== undefined ? `<${p}f>${escapeText(formula)}</${p}f>` : '');
  const open = (t: string) => `<${p}c r="${address}"${s}${t}>`;
  const close = `</${p}c>`;
  const v = patch.value;
  if (v === null || v === '') {
    // A formula whose result is empty text; a constant cleared to nothing keeps only its style.
    return f ? `${open(' t="str"')}${f}<${p}v></${p}v>${close}` : `<${p}c r="${address}"${s}/>`;
  }
  if (typeof v === 'object') return `${open(' t="e"')}${f}<${p}v>${escapeText(v.error)}</${p}v>${close}`;
  if (typeof v === 'boolean') return `${open(' t="b"')}${f}<${p}v>${v ? 1 : 0}</${p}v>${close}`;
  if (typeof v === 'number') {
    const n = patch.isDate && date1904 ? v - DAYS_1904 : v;
    return `${open('')}${f}<${p}v>${n}</${p}v>${close}`;
  }
  // Text: a formula's result is "str"; a constant is an inline string, so the shared-string part stays untouched.
  if (f) return `${open(' t="str"')}${f}<${p}v>${escapeText(v)}</${p}v>${close}`;
  return `${open(' t="inlineStr"')}<${p}is><${p}t xml:space="preserve">${escapeText(v)}</${p}t></${p}is>${close}`;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * The worksheet XML with the patches applied. `date1904` comes from the workbook. A patched
 * cell keeps its style; a new cell takes the style of the nearest cell above it in its column.
 */
export function patchSheetXml(xml: string, patches: readonly CellPatch[], date1904 = false): string {
  const sheet = layout(xml);
  const p = sheet.prefix;
  const edits: Edit[] = [];
  const rows = new Map(sheet.rows.map((r) => [r.row, r]));
  const cells = new Map<string, CellSpan>(sheet.rows.flatMap((r) => r.cells.map((c): [string, CellSpan] => [`${c.row}:${c.col}`, c])));
  const byPosition = new Map<string, CellPatch>();
  for (const patch of patches) {
    const at = parseCell(patch.address);
    if (!at) throw new Error(`not a cell address: ${patch.address}`);
    byPosition.set(`${at.row}:${at.col}`, patch);
  }

  // A shared formula's master being rewritten would orphan the other cells of its group: they get their own formula.
  const orphaned = new Set<string>();
  for (const [key, patch] of byPosition) {
    const cell = cells.get(key);
    if (cell?.shared?.master && !patch.keepFormula) orphaned.add(cell.shared.si);
  }
  const masters = new Map<string, CellSpan>();
  for (const c of cells.values()) if (c.shared?.master) masters.set(c.shared.si, c);

  const styleAbove = (row: number, col: number): string | undefined => {
    let best: CellSpan | undefined;
    for (const c of cells.values()) if (c.col === col && c.row < row && (!best || c.row > best.row)) best = c;
    return best?.style;
  };

  const newByRow = new Map<number, Array<{ col: number; text: string }>>();
  for (const [key, patch] of byPosition) {
    const [row, col] = key.split(':').map(Number);
    const address = cellAddress(row, col);
    const cell = cells.get(key);
    if (cell) {
      const kept = patch.keepFormula ? cell.formulaXml : undefined;
      edits.push({ start: cell.start, end: cell.end, text: cellXml(p, address, cell.style, patch, kept, date1904) });
    } else {
      const list = newByRow.get(row) ?? [];
      list.push({ col, text: cellXml(p, address, styleAbove(row, col), patch, undefined, date1904) });
      newByRow.set(row, list);
    }
  }
  for (const c of cells.values()) {
    if (!c.shared || c.shared.master || !orphaned.has(c.shared.si) || byPosition.has(`${c.row}:${c.col}`)) continue;
    const master = masters.get(c.shared.si);
    if (!master?.shared || !c.formulaXml) continue;
    const own = translateFormula(master.shared.text, { row: master.row, col: master.col }, { row: c.row, col: c.col });
    edits.push({ start: c.start, end: c.end, text: xmlWithFormula(xml.slice(c.start, c.end), c.formulaXml, `<${p}f>${escapeText(own)}</${p}f>`) });
  }

  for (const [row, list] of [...newByRow].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => a.col - b.col);
    const existing = rows.get(row);
    if (existing) {
      if (existing.closeStart < 0) {
        // <row r="5"/>: opened up to hold its first cells.
        const open = xml.slice(existing.start, existing.end).replace(/\s*\/>$/, '>');
        edits.push({ start: existing.start, end: existing.end, text: `${open}${list.map((x) => x.text).join('')}</${p}row>` });
        continue;
      }
      for (const x of list) {
        const next = existing.cells.find((c) => c.col > x.col);
        const at = next ? next.start : existing.closeStart;
        edits.push({ start: at, end: at, text: x.text });
      }
    } else {
      const text = `<${p}row r="${row}">${list.map((x) => x.text).join('')}</${p}row>`;
      const next = sheet.rows.find((r) => r.row > row);
      if (sheet.dataSelfClosing) {
        edits.push({ start: sheet.dataClose, end: sheet.dataEnd, text: `<${p}sheetData>${text}</${p}sheetData>` });
        sheet.dataSelfClosing = false;
      } else {
        const at = next ? next.start : sheet.dataClose;
        edits.push({ start: at, end: at, text });
      }
    }
  }
  return applyEdits(xml, edits);
}

/** A cell's XML with its <f> element replaced. */
const xmlWithFormula = (cellText: string, oldFormula: string, newFormula: string) => cellText.replace(oldFormula, newFormula);

/** Applies edits in one pass; at one place insertions come before a replacement, each in the order made. */
function applyEdits(xml: string, edits: Edit[]): string {
  const replaces = (e: Edit) => (e.end > e.start ? 1 : 0);
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || replaces(a) - replaces(b) || a.i - b.i);
  const parts: string[] = [];
  let at = 0;
  for (const e of ordered) {
    parts.push(xml.slice(at, e.start), e.text);
    at = Math.max(at, e.end);
  }
  parts.push(xml.slice(at));
  return parts.join('');
}
