import * as ExcelJS from 'exceljs';
import type { Scalar } from '../domain/values';
import { columnLetter } from '../workbook/spec';
import type { NamedCell } from '../workbook/fill';
import type { TableSnapshot } from '../workbook/read';
import { XLSX_LIMITS, XlsxLimitError } from './errors';
import { withoutTableColumnChildren } from './package';
import { plainToScalar, readCell } from './values';
import { inspectXlsx, type TablePartInfo } from './zip-guard';

/**
 * The ExcelJS reader: every table of every sheet as a TableSnapshot, found by table name wherever
 * it sits, so renamed sheets, moved tables and inserted rows read the same.
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Loads an .xlsx after checking it against the size limits. */
export async function loadWorkbook(xlsx: Buffer): Promise<{ workbook: ExcelJS.Workbook; tableParts: Map<string, TablePartInfo> }> {
  const { tables } = inspectXlsx(xlsx);
  const workbook = new ExcelJS.Workbook();
  try {
    const loadable = [...tables.values()].some((t) => t.columnChildren) ? await withoutTableColumnChildren(xlsx) : xlsx;
    // ExcelJS declares its own Buffer type; a Node Buffer is what it actually reads.
    await workbook.xlsx.load(loadable as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new XlsxLimitError('NOT_XLSX', 0, 0, e instanceof Error ? e.message : String(e));
  }
  return { workbook, tableParts: tables };
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function decodeRange(ref: string): Area | undefined {
  const m = ref.replace(/\$/g, '').match(/^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/i);
  if (!m) return undefined;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [top, left] = [Number(m[2]), col(m[1])];
  const [bottom, right] = m[3] ? [Number(m[4]), col(m[3])] : [top, left];
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/** What ExcelJS knows of a table: its model, typed loosely because ExcelJS's typings omit it. */
function tableModel(table: unknown): { name: string; ref?: string; columns: string[]; totalsRow: boolean } | undefined {
  if (!isRecord(table)) return undefined;
  const model = isRecord(table.table) ? table.table : isRecord(table.model) ? table.model : undefined;
  if (!model || typeof model.name !== 'string') return undefined;
  const ref = typeof model.tableRef === 'string' ? model.tableRef : undefined;
  const columns = Array.isArray(model.columns) ? model.columns.map((c: unknown) => (isRecord(c) && typeof c.name === 'string' ? c.name : '')) : [];
  return { name: model.name, ref, columns, totalsRow: model.totalsRow === true };
}

/**
 * Moves the relative A1 references of a shared formula from its master cell to another cell.
 * Unlike ExcelJS's own translation it leaves text literals ("CT1") and structured references
 * (tbl[[#This Row],[Mã]]) alone.
 */
export function translateFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  const dr = to.row - from.row;
  const dc = to.col - from.col;
  let out = '';
  let i = 0;
  const ref = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(!.[])/;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
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
        if (formula[j] === "'" ) j++; // escaped character inside a structured reference
        else if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = out[out.length - 1] ?? '';
    const m = /[\w.$]/.test(prev) ? null : formula.slice(i).match(ref);
    if (m) {
      const colNo = [...m[2].toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
      if (colNo <= 16384) {
        const c = m[1] ? colNo : colNo + dc;
        const r = m[3] ? Number(m[4]) : Number(m[4]) + dr;
        out += `${m[1]}${columnLetter(c)}${m[3]}${r}`;
        i += m[0].length;
        continue;
      }
    }
    // Copy a whole identifier at once, so its tail is never mistaken for a reference.
    const word = formula.slice(i).match(/^[\w.$]+/)?.[0];
    out += word ?? ch;
    i += word ? word.length : 1;
  }
  return out;
}

/**
 * A cell's value and formula, with shared formulas resolved from their master. Cells are passed
 * in rather than fetched into locals: the Office lint rules, which run on all of src/, mistake
 * ExcelJS's getCell() for Office.js proxies that need load() and sync().
 */
function readSheetCell(ws: ExcelJS.Worksheet, cell: ExcelJS.Cell): { value: Scalar; formula: string | null } {
  const v: unknown = cell.value;
  if (isRecord(v) && typeof v.sharedFormula === 'string' && typeof v.formula !== 'string') {
    const formula = sharedFormulaAt(ws.getCell(v.sharedFormula), Number(cell.row), Number(cell.col));
    // cell.result, not v.result: ExcelJS's value getter drops falsy results.
    const result: unknown = cell.result;
    if (formula !== undefined) return { value: result === undefined ? '' : plainToScalar(result), formula: `=${formula}` };
  }
  return readCell(cell);
}

/** The master's formula moved to (row, col), or undefined when the master holds none. */
function sharedFormulaAt(master: ExcelJS.Cell, row: number, col: number): string | undefined {
  const mv: unknown = master.value;
  if (!isRecord(mv) || typeof mv.formula !== 'string') return undefined;
  return translateFormula(mv.formula, { row: Number(master.row), col: Number(master.col) }, { row, col });
}

const readTableCell = (ws: ExcelJS.Worksheet, row: number, col: number) => readSheetCell(ws, ws.getCell(row, col));

/** Table snapshots of a loaded workbook. */
export function readTablesFromWorkbook(workbook: ExcelJS.Workbook, tableParts: Map<string, TablePartInfo> = new Map()): TableSnapshot[] {
  const out: TableSnapshot[] = [];
  let cellsRead = 0;
  workbook.eachSheet((ws) => {
    for (const t of ws.getTables() as unknown[]) {
      const model = tableModel(t);
      if (!model) continue;
      const part = tableParts.get(model.name);
      const area = decodeRange(part?.ref ?? model.ref ?? '');
      if (!area) continue;
      // ExcelJS reads a missing headerRowCount as "no header"; the part itself says what Excel meant.
      const headerRows = part ? Math.min(part.headerRowCount, 1) : 1;
      const totalsRows = part ? Math.min(part.totalsRowCount, 1) : model.totalsRow ? 1 : 0;
      const width = area.right - area.left + 1;
      // A table may claim a whole sheet however small the file is; reading creates every cell.
      cellsRead += width * (area.bottom - area.top + 1);
      if (cellsRead > XLSX_LIMITS.maxCells) throw new XlsxLimitError('TOO_MANY_CELLS', cellsRead, XLSX_LIMITS.maxCells, model.name);
      const headers = Array.from({ length: width }, (_, j) => {
        if (headerRows === 0) return model.columns[j] ?? '';
        const h = plainToScalar(ws.getCell(area.top, area.left + j).value);
        return h === null || typeof h === 'object' ? model.columns[j] ?? '' : String(h);
      });
      const values: Scalar[][] = [];
      const formulas: (string | null)[][] = [];
      for (let r = area.top + headerRows; r <= area.bottom - totalsRows; r++) {
        const cells = Array.from({ length: width }, (_, j) => readTableCell(ws, r, area.left + j));
        values.push(cells.map((c) => c.value));
        formulas.push(cells.map((c) => c.formula));
      }
      out.push({ name: model.name, sheetName: ws.name, row: area.top + headerRows - 1, col: area.left, headers, values, formulas });
    }
  });
  return out;
}

/** Every table of every sheet of an .xlsx file. */
export async function readWorkbookTables(xlsx: Buffer): Promise<TableSnapshot[]> {
  const { workbook, tableParts } = await loadWorkbook(xlsx);
  return readTablesFromWorkbook(workbook, tableParts);
}

/** The first range of ExcelJS's { name, ranges } answer, typed loosely because its typings differ. */
function firstRange(answer: unknown): string | undefined {
  if (!isRecord(answer) || !Array.isArray(answer.ranges)) return undefined;
  const first: unknown = answer.ranges[0];
  return typeof first === 'string' ? first : undefined;
}

/** The cell a workbook name points at (e.g. TongDiem; the first cell of a range), or undefined. */
export function readNamedCell(workbook: ExcelJS.Workbook, name: string): NamedCell | undefined {
  const first = firstRange(workbook.definedNames.getRanges(name));
  if (first === undefined) return undefined;
  const m = first.match(/^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/);
  if (!m) return undefined;
  const ws = workbook.getWorksheet((m[1] ?? '').replace(/''/g, "'") || m[2]);
  const area = decodeRange(m[3]);
  if (!ws || !area) return undefined;
  return { sheet: ws.name, address: `${columnLetter(area.left)}${area.top}`, ...readTableCell(ws, area.top, area.left) };
}
