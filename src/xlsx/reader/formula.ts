import { columnLetter, columnNumber, MAX_COL, MAX_ROW } from '../../workbook/a1';

const REFERENCE = /(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(!.[])/y;
const IDENTIFIER = /[\w.$]+/y;

/**
 * Moves the relative A1 references of a shared formula from its master cell to another cell,
 * as Excel does when it fills the formula down or across. Text literals ("CT1"), quoted sheet
 * names, structured references (tbl[[#This Row],[Mã]]), function names (LOG10) and sheet
 * prefixes are left alone; a reference moved off the grid becomes #REF!.
 */
export function translateFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  const dr = to.row - from.row;
  const dc = to.col - from.col;
  if (dr === 0 && dc === 0) return formula;
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A literal or quoted sheet name runs to its closing quote; a doubled quote is an escaped one.
      let j = i + 1;
      while (j < formula.length && !(formula[j] === ch && formula[j + 1] !== ch)) j += formula[j] === ch ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === "'") j++; // ' escapes the next character inside a structured reference
        else if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = out[out.length - 1] ?? '';
    REFERENCE.lastIndex = i;
    const m = /[\w.$]/.test(prev) ? null : REFERENCE.exec(formula);
    if (m && columnNumber(m[2]) <= MAX_COL) {
      const col = m[1] ? columnNumber(m[2]) : columnNumber(m[2]) + dc;
      const row = m[3] ? Number(m[4]) : Number(m[4]) + dr;
      out += col < 1 || col > MAX_COL || row < 1 || row > MAX_ROW ? '#REF!' : `${m[1]}${columnLetter(col)}${m[3]}${row}`;
      i += m[0].length;
      continue;
    }
    // Copy a whole identifier at once, so its tail is never mistaken for a reference.
    IDENTIFIER.lastIndex = i;
    const word = IDENTIFIER.exec(formula)?.[0];
    out += word ?? ch;
    i += word ? word.length : 1;
  }
  return out;
}
