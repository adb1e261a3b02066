import { inArea, MAX_COL, MAX_ROW, parseCell, type Area } from '../../workbook/a1';
import { tooLarge } from './errors';
import type { XlsxPackage } from './parts';
import { NS, type XmlElement } from './xml';

/**
 * One pass over a worksheet's <sheetData>, keeping only the cells inside the wanted areas
 * (table ranges, named cells) as written: type, style, raw value, formula. Everything else in
 * the part (validations, conditional formats, drawings, x14 extensions) is passed over without
 * a look, so a validation over A1:XFD1048576 costs nothing. Rows and cells without an `r`
 * attribute take the position after the previous one; rows out of order are fine, since cells
 * are kept by position.
 */

export interface RawCell {
  /** The `t` attribute: n (default), s, str, inlineStr, b, e, d. */
  type: string;
  /** Index into the workbook's cellXfs. */
  style: number;
  /** Text of <v>, undefined when the cell has none. */
  value?: string;
  /** Text of an inline string (<is>), runs joined, phonetic runs left out. */
  inline?: string;
  /** Formula text as written (without "="), for a master or a plain formula. */
  formula?: string;
  /** Index of the shared formula this cell takes from its master, when its own <f> is empty. */
  sharedIndex?: string;
}

export interface SharedFormulaMaster {
  formula: string;
  row: number;
  col: number;
}

export interface SheetCells {
  cell(row: number, col: number): RawCell | undefined;
  /** Shared-formula masters by `si`, wherever they sit (a master may lie outside every wanted area). */
  masters: Map<string, SharedFormulaMaster>;
}

/** Rows seen across every sheet read, against maxRows. */
export interface RowCounter {
  rows: number;
}

const key = (row: number, col: number) => row * (MAX_COL + 1) + col;

export function readSheetCells(pkg: XlsxPackage, part: string, areas: readonly Area[], counter: RowCounter): SheetCells {
  const cells = new Map<number, RawCell>();
  const masters = new Map<string, SharedFormulaMaster>();
  let inSheetData = false;
  let row = 0;
  let col = 0;
  let cell: RawCell | undefined;
  let cellRow = 0;
  let cellCol = 0;
  /** What the text being collected belongs to. */
  let collecting: 'value' | 'formula' | 'inline' | undefined;
  let text = '';
  let formula: { shared?: string; master: boolean } | undefined;
  let inInline = false;
  let phoneticDepth = 0;

  const openCell = (el: XmlElement) => {
    const at = parseCell(el.attr('r') ?? '');
    cellRow = at ? at.row : row;
    cellCol = at ? at.col : col + 1;
    col = cellCol;
    const wanted = cellRow >= 1 && areas.some((a) => inArea(a, cellRow, cellCol));
    cell = wanted ? { type: el.attr('t') ?? 'n', style: Number(el.attr('s') ?? '0') || 0 } : undefined;
  };

  pkg.xml(part, {
    open: (el) => {
      if (el.ns !== NS.main) return;
      if (!inSheetData) {
        if (el.name === 'sheetData') inSheetData = true;
        return;
      }
      switch (el.name) {
        case 'row': {
          const r = Number(el.attr('r'));
          row = Number.isInteger(r) && r >= 1 && r <= MAX_ROW ? r : row + 1;
          col = 0;
          if (++counter.rows > pkg.limits.maxRows) throw tooLarge('maxRows', pkg.limits);
          break;
        }
        case 'c':
          openCell(el);
          break;
        case 'v':
          collecting = cell ? 'value' : undefined;
          text = '';
          break;
        case 'f': {
          const shared = el.attr('t') === 'shared' ? el.attr('si') : undefined;
          formula = { shared, master: shared !== undefined && el.attr('ref') !== undefined };
          // A master's text is kept even outside the wanted areas: cells inside may share it.
          collecting = cell || formula.master ? 'formula' : undefined;
          text = '';
          break;
        }
        case 'is':
          inInline = cell !== undefined;
          if (cell) cell.inline = '';
          break;
        case 'rPh':
          if (inInline) phoneticDepth++;
          break;
        case 't':
          if (inInline && phoneticDepth === 0) {
            collecting = 'inline';
            text = '';
          }
          break;
      }
    },
    text: (t) => {
      if (collecting) text += t;
    },
    close: (ns, name) => {
      if (ns !== NS.main || !inSheetData) return;
      switch (name) {
        case 'sheetData':
          inSheetData = false;
          break;
        case 'v':
          if (cell && collecting === 'value') cell.value = text;
          collecting = undefined;
          break;
        case 'f':
          if (formula && collecting === 'formula') {
            if (formula.master && formula.shared !== undefined && text !== '') masters.set(formula.shared, { formula: text, row: cellRow, col: cellCol });
            if (cell) {
              if (text !== '') cell.formula = text;
              else if (formula.shared !== undefined) cell.sharedIndex = formula.shared;
            }
          }
          formula = undefined;
          collecting = undefined;
          break;
        case 't':
          if (cell && collecting === 'inline') cell.inline = (cell.inline ?? '') + text;
          collecting = undefined;
          break;
        case 'rPh':
          if (inInline) phoneticDepth--;
          break;
        case 'is':
          inInline = false;
          phoneticDepth = 0;
          break;
        case 'c':
          if (cell) cells.set(key(cellRow, cellCol), cell);
          cell = undefined;
          break;
      }
    },
  });
  return { cell: (r, c) => cells.get(key(r, c)), masters };
}
