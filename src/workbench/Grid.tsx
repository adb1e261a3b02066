import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatSerial, type Scalar } from '../domain/values';
import { columnLetters, isFakeOfficeError, type CellModel, type ProtectionOptions, type Rect, type SheetModel } from '../fake-excel';
import { alignsRight, formatValue } from './format';
import type { Lang } from '../workbook/labels';
import { WORKBENCH_TEXT } from './labels';
import { listItems, typedEntry } from './typing';
import { useWorkbookVersion, type WorkbenchStore } from './store';

/**
 * A simple view of the in-memory workbook: sheet tabs, a name box and formula bar, and the active
 * sheet's cells. It reads the model directly and writes only what a user would: typing into a
 * cell (the model interprets the text as Excel does, and refuses locked cells on protected
 * sheets), selecting cells and switching sheets. Range.select calls from the add-in move the
 * selection and the active sheet here, as in Excel.
 */

const MIN_ROWS = 20;
const MIN_COLS = 8;
/** The view stops here; the template and the province workbook fit well within it. */
const MAX_ROWS_SHOWN = 1500;
const MAX_COLS_SHOWN = 60;
const DEFAULT_ROW_PX = 22;
const ROW_HEADER_PX = 44;

const px = (points: number) => Math.round((points * 4) / 3);
const a1 = (row: number, col: number) => `${columnLetters(col)}${row + 1}`;

function visibleSheets(sheets: readonly SheetModel[]): SheetModel[] {
  return sheets.filter((s) => s.visibility === 'Visible');
}

/** What the user would see in the formula bar, and what editing starts from. */
function entryText(c: Readonly<CellModel>): string {
  if (c.formula) return c.formula;
  const v = c.value;
  if (v === null) return '';
  if (typeof v === 'object') return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (/[dy]/i.test(c.numberFormat) && /m/i.test(c.numberFormat) && v > 0) return formatSerial(v);
    return String(v).replace('.', ',');
  }
  return c.quotePrefix ? `'${v}` : v;
}

/** The rows and columns the view shows: everything used, every table, the selection, and some room. */
function shownArea(sheet: SheetModel, tables: Rect[], selection: Rect | null): { rows: number; cols: number } {
  let rows = MIN_ROWS;
  let cols = MIN_COLS;
  const used = sheet.usedRect(true);
  const grow = (r: Rect) => {
    rows = Math.max(rows, r.top + r.rows + 3);
    cols = Math.max(cols, r.left + r.cols + 2);
  };
  if (used) grow(used);
  tables.forEach(grow);
  if (selection) grow({ ...selection, rows: Math.min(selection.rows, 1), cols: Math.min(selection.cols, 1) });
  return { rows: Math.min(rows, MAX_ROWS_SHOWN), cols: Math.min(cols, MAX_COLS_SHOWN) };
}

/** The cell editor takes focus with the caret after what was typed, as Excel's does. */
function focusAtEnd(input: HTMLInputElement | null): void {
  if (!input || document.activeElement === input) return;
  input.focus();
  input.setSelectionRange(input.value.length, input.value.length);
}

/** What each sheet's protection was before the user lifted it, to put it back as it was. */
const liftedProtection = new WeakMap<SheetModel, ProtectionOptions>();

function LockIcon({ label }: { label: string }) {
  return (
    <svg className="wb-lock" width="10" height="12" viewBox="0 0 10 12" role="img" aria-label={label}>
      <path d="M2 5V3.5a3 3 0 0 1 6 0V5h1v7H1V5h1zm1 0h4V3.5a2 2 0 0 0-4 0V5z" fill="currentColor" />
    </svg>
  );
}

const inside = (r: Rect, row: number, col: number) => row >= r.top && row < r.top + r.rows && col >= r.left && col < r.left + r.cols;

export interface GridProps {
  store: WorkbenchStore;
  lang: Lang;
}

export function Grid({ store, lang }: GridProps) {
  const t = WORKBENCH_TEXT[lang];
  const version = useWorkbookVersion(store);
  const model = store.model;
  const computed = store.computed();
  const sheets = visibleSheets(model.sheets);
  const sheet = model.activeSheet && !model.activeSheet.deleted && model.activeSheet.visibility === 'Visible' ? model.activeSheet : (sheets[0] ?? null);
  const selection = model.selection && model.selection.sheet === sheet ? model.selection.rect : null;
  const active = selection ? { row: selection.top, col: selection.left } : { row: 0, col: 0 };

  const [editing, setEditing] = useState<{ row: number; col: number; text: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef(false);
  /** The edit being shown was already written (Enter, then the blur that follows). */
  const committed = useRef(false);
  const tabsRef = useRef<HTMLDivElement>(null);

  const tables = sheet ? model.tables.filter((t) => t.sheet === sheet) : [];
  const area = sheet ? shownArea(sheet, tables.map((t) => t.rect), selection) : { rows: 0, cols: 0 };
  const sheetValues = sheet ? computed.get(sheet.name) : undefined;

  // An operation's Range.select scrolls the grid to the cell, as Excel does (focus stays where it is).
  const selectionKey = selection && sheet ? `${sheet.id}!${a1(selection.top, selection.left)}` : '';
  useLayoutEffect(() => {
    if (!selectionKey) return;
    const cell = scroller.current?.querySelector<HTMLElement>(`[data-address="${selectionKey.split('!')[1]}"]`);
    cell?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    if (focusAfterRender.current) {
      focusAfterRender.current = false;
      // The active cell's entry field takes the keys, so typed and composed text lands in it.
      (cell?.querySelector<HTMLElement>('input') ?? cell)?.focus();
    }
  }, [selectionKey, version]);

  useEffect(() => setEditing(null), [sheet]);

  if (!sheet) return <p>{t.noVisibleSheet}</p>;

  const select = (row: number, col: number, focus = true) => {
    model.select(sheet, { top: row, left: col, rows: 1, cols: 1 });
    focusAfterRender.current = focus;
    store.notify();
  };

  const activateSheet = (s: SheetModel) => {
    model.activate(s);
    setMessage(null);
    store.notify();
  };

  const startEditing = (row: number, col: number, text?: string) => {
    const cell = sheet.cell(row, col);
    if (sheet.protection.protected && cell.locked) {
      setMessage(t.lockedCell(sheet.name));
      return;
    }
    setMessage(null);
    committed.current = false;
    setEditing({ row, col, text: text ?? entryText(cell) });
  };

  /**
   * Writes typed text the way Excel takes it from the keyboard (Range.values interprets it the
   * same way), then moves the selection (Enter: down, Tab: right; leaving the cell: nowhere).
   */
  const commit = (move: 'down' | 'right' | null) => {
    if (!editing || committed.current) return;
    committed.current = true;
    const { row, col, text } = editing;
    setEditing(null);
    try {
      const entry = typedEntry(model, sheet, row, col, text);
      if (!entry.ok) {
        // Excel refuses a value that breaks a Stop rule, with the rule's own title and message.
        setMessage(`${entry.title}: ${entry.message ?? t.validationFailed}`);
        select(row, col);
        return;
      }
      model.write(sheet, { top: row, left: col, rows: 1, cols: 1 }, [[entry.input]], 'Workbench.typing');
      setMessage(null);
    } catch (e) {
      setMessage(isFakeOfficeError(e) && e.code === 'AccessDenied' ? t.lockedCell(sheet.name) : t.refused(e instanceof Error ? e.message : String(e)));
    }
    if (move === 'down') select(Math.min(row + 1, area.rows - 1), col);
    else if (move === 'right') select(row, Math.min(col + 1, area.cols - 1));
    else store.notify();
  };

  /**
   * Keys on a selected cell that is not being edited. Text is not handled here: it goes into the
   * cell's entry field (typed keys, input-method composition, pasted text alike) and starts the edit.
   */
  const onCellKeyDown = (e: KeyboardEvent<HTMLInputElement>, row: number, col: number) => {
    if (e.nativeEvent.isComposing) return;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const m = moves[e.key];
    const locked = sheet.protection.protected && sheet.cell(row, col).locked;
    if (m) {
      e.preventDefault();
      const r = Math.max(0, Math.min(area.rows - 1, row + m[0]));
      const c = Math.max(0, Math.min(area.cols - 1, col + m[1]));
      select(r, c);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEditing(row, col);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      if (locked) return setMessage(t.lockedCell(sheet.name));
      model.write(sheet, { top: row, left: col, rows: 1, cols: 1 }, [['']], 'Workbench.typing');
      store.notify();
    } else if (locked && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setMessage(t.lockedCell(sheet.name));
    }
  };

  /** Text arrived in a selected cell's entry field: the edit starts with it, as in Excel. */
  const onEntryChange = (row: number, col: number, text: string) => {
    if (editing && editing.row === row && editing.col === col) return setEditing({ ...editing, text });
    if (sheet.protection.protected && sheet.cell(row, col).locked) return setMessage(t.lockedCell(sheet.name));
    setMessage(null);
    committed.current = false;
    setEditing({ row, col, text });
  };

  /** Review › Unprotect Sheet / Protect Sheet, as any user can (PressDX protects without a password). */
  const toggleProtection = () => {
    try {
      if (sheet.protection.protected) {
        liftedProtection.set(sheet, { ...sheet.protection.options });
        model.unprotect(sheet, null);
        setMessage(t.protectionLifted(sheet.name));
      } else {
        model.protect(sheet, liftedProtection.get(sheet) ?? {}, null);
        setMessage(null);
      }
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
    store.notify();
  };

  const onTabKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = sheets[(i + delta + sheets.length) % sheets.length];
    activateSheet(next);
    requestAnimationFrame(() => tabsRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus());
  };

  // Merged areas: the top-left cell spans, the others are not drawn.
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of sheet.merges) {
    spans.set(a1(m.top, m.left), { rowSpan: m.rows, colSpan: m.cols });
    for (let r = m.top; r < m.top + m.rows; r++) for (let c = m.left; c < m.left + m.cols; c++) if (r !== m.top || c !== m.left) covered.add(a1(r, c));
  }

  const activeCell = sheet.cell(active.row, active.col);
  const activeEditable = !(sheet.protection.protected && activeCell.locked);
  // The input message shows while the cell is selected, and a list rule offers its items, as in Excel.
  const validation = activeCell.validation;
  const prompt = validation?.prompt?.showPrompt && (validation.prompt.title || validation.prompt.message) ? validation.prompt : null;
  const activeList = validation?.rule.kind === 'list' ? listItems(model, validation.rule.source) : [];
  const listValue = activeList.find((item) => item === String(activeCell.value ?? '')) ?? '';
  const pick = (item: string) => {
    model.write(sheet, { top: active.row, left: active.col, rows: 1, cols: 1 }, [[item]], 'Workbench.typing');
    setMessage(null);
    store.notify();
  };
  const activeComputed = activeCell.formula ? sheetValues?.get(a1(active.row, active.col)) : undefined;
  const columns = Array.from({ length: area.cols }, (_, c) => c);
  const rows = Array.from({ length: area.rows }, (_, r) => r);

  return (
    <div className="wb-grid">
      <div className="wb-tabs" role="tablist" aria-label={t.sheetTabs} ref={tabsRef}>
        {sheets.map((s, i) => (
          <button
            key={s.id}
            type="button"
            role="tab"
            className="wb-tab"
            aria-selected={s === sheet}
            tabIndex={s === sheet ? 0 : -1}
            onClick={() => activateSheet(s)}
            onKeyDown={(e) => onTabKeyDown(e, i)}
          >
            {s.name}
            {s.protection.protected ? <LockIcon label={t.locked} /> : null}
          </button>
        ))}
      </div>

      <div className="wb-formula-bar">
        <output className="wb-name-box" aria-label={t.nameBox} data-testid="name-box">
          {a1(active.row, active.col)}
        </output>
        <output className="wb-formula" aria-label={t.formulaBar} data-testid="formula-bar">
          {entryText(activeCell)}
          {activeComputed ? <span className="wb-formula-result"> → {formatValue(activeComputed.result, activeCell.numberFormat)} (PressDX)</span> : null}
        </output>
        <button type="button" className="wb-protect" onClick={toggleProtection}>
          {sheet.protection.protected ? t.unprotect : t.protect}
        </button>
      </div>

      {activeList.length > 0 && activeEditable ? (
        <div className="wb-list">
          <label>
            {t.listOf(a1(active.row, active.col))}
            <select value={listValue} onChange={(e) => pick(e.target.value)}>
              <option value="">—</option>
              {activeList.map((item) => (
                <option key={item} value={item}>
                  {item}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {prompt ? (
        <div className="wb-prompt" data-testid="input-message">
          <strong>{prompt.title}</strong> {prompt.message}
        </div>
      ) : null}

      <div role="status" aria-live="polite" className="wb-message">
        {message}
      </div>

      <div className="wb-scroller" ref={scroller} role="region" aria-label={t.cellGrid(sheet.name)}>
        {/* The table is as wide as the sheet's columns, so the grid scrolls sideways as Excel does instead of squeezing them. */}
        <table className="wb-table" style={{ width: ROW_HEADER_PX + columns.reduce((sum, c) => sum + px(sheet.columnWidth(c)), 0) }} role="grid" aria-label={t.sheetGrid(sheet.name)} aria-rowcount={area.rows + 1} aria-colcount={area.cols + 1}>
          <colgroup>
            <col style={{ width: ROW_HEADER_PX }} />
            {columns.map((c) => (
              <col key={c} style={{ width: px(sheet.columnWidth(c)) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="wb-corner" role="columnheader" aria-label={t.rowNumbers} />
              {columns.map((c) => (
                <th key={c} role="columnheader" scope="col" className={selection && c >= selection.left && c < selection.left + selection.cols ? 'wb-head wb-head-active' : 'wb-head'}>
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const height = sheet.rowHeights.get(r);
              return (
                <tr key={r} style={height !== undefined ? { height: Math.max(DEFAULT_ROW_PX, Math.min(px(height), 120)) } : undefined}>
                  <th role="rowheader" scope="row" className={selection && r >= selection.top && r < selection.top + selection.rows ? 'wb-head wb-head-active' : 'wb-head'}>
                    {r + 1}
                  </th>
                  {columns.map((c) => {
                    const address = a1(r, c);
                    if (covered.has(address)) return null;
                    const cell = sheet.cell(r, c);
                    const span = spans.get(address);
                    const isActive = r === active.row && c === active.col;
                    const editingHere = editing !== null && editing.row === r && editing.col === c;
                    const selected = selection ? inside(selection, r, c) : false;
                    const calc = cell.formula ? sheetValues?.get(address) : undefined;
                    const value: Scalar = cell.formula ? (calc?.result ?? null) : (cell.value as Scalar);
                    const text = formatValue(value, cell.numberFormat);
                    const editable = !(sheet.protection.protected && cell.locked);
                    const h = cell.horizontalAlignment;
                    const align = h === 'Center' || h === 'CenterAcrossSelection' ? 'center' : h === 'Right' ? 'right' : h === 'Left' ? 'left' : alignsRight(value) ? 'right' : 'left';
                    const classes = ['wb-cell', selected ? 'wb-selected' : '', isActive ? 'wb-active' : '', cell.formula ? 'wb-formula-cell' : '', editable && sheet.protection.protected ? 'wb-input' : '']
                      .filter(Boolean)
                      .join(' ');
                    const title = cell.formula
                      ? `${cell.formula}\n${calc ? t.computedTitle : t.notComputed}`
                      : text.length > 12
                        ? text
                        : undefined;
                    return (
                      <td
                        key={c}
                        role="gridcell"
                        className={classes}
                        data-address={address}
                        aria-selected={selected}
                        aria-readonly={!editable}
                        tabIndex={-1}
                        rowSpan={span?.rowSpan}
                        colSpan={span?.colSpan}
                        title={title}
                        style={{
                          background: cell.fill ?? undefined,
                          color: cell.font.color !== '#000000' ? cell.font.color : undefined,
                          fontWeight: cell.font.bold ? 600 : undefined,
                          fontStyle: cell.font.italic ? 'italic' : undefined,
                          textAlign: align,
                        }}
                        onMouseDown={(e) => {
                          if (e.target instanceof HTMLInputElement) return;
                          // Focus goes to the cell's entry field, not the cell; moving it there blurs an
                          // editor elsewhere, which writes that edit.
                          e.preventDefault();
                          if (!editing || editing.row !== r || editing.col !== c) select(r, c);
                        }}
                        onDoubleClick={() => startEditing(r, c)}
                      >
                        {isActive || editingHere ? (
                          // One field, kept while the edit starts, so a composition begun in it continues.
                          <input
                            className={editingHere ? 'wb-editor' : 'wb-entry'}
                            aria-label={editingHere ? t.editCell(address) : t.cell(address, text)}
                            ref={editingHere ? focusAtEnd : undefined}
                            value={editingHere ? editing.text : ''}
                            readOnly={!editable}
                            onChange={(e) => onEntryChange(r, c, e.target.value)}
                            onBlur={() => editingHere && commit(null)}
                            onKeyDown={(e) => {
                              if (!editingHere) return onCellKeyDown(e, r, c);
                              e.stopPropagation();
                              // Enter inside a composition confirms the composed text, not the cell.
                              if (e.nativeEvent.isComposing) return;
                              if (e.key === 'Enter') {
                                e.preventDefault();
                                commit('down');
                              } else if (e.key === 'Tab') {
                                e.preventDefault();
                                commit('right');
                              } else if (e.key === 'Escape') {
                                e.preventDefault();
                                committed.current = true;
                                setEditing(null);
                                select(r, c);
                              }
                            }}
                          />
                        ) : null}
                        {editingHere ? null : (
                          <span className="wb-value">
                            {cell.formula ? (
                              <span className={calc ? 'wb-fx' : 'wb-fx wb-fx-none'} title={calc ? t.computedTitle : undefined} aria-label={calc ? t.computedTitle : t.formula} role="img">
                                ƒ
                              </span>
                            ) : null}
                            {text}
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
