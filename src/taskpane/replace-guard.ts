import { useState } from 'react';
import { SHEET_NAMES } from '../workbook/labels';
import type { RunAction } from './actions';
import { useTaskPanePort } from './port';

/** The sheets a person can see: the meta sheet is hidden, so naming it tells them nothing. */
export function visibleSheetNames(sheets: readonly string[]): string[] {
  const hidden = new Set([SHEET_NAMES.vi.meta, SHEET_NAMES.en.meta].map((s) => s.toLowerCase()));
  return sheets.filter((s) => !hidden.has(s.toLowerCase()));
}

/**
 * Creating the template and merging both draw PressDX sheets: when the workbook already has
 * some, the user is asked before anything is replaced. `sheets` (the visible ones, possibly none
 * when only the hidden meta sheet is left) is non-null while the question is open; `perform(true)`
 * runs only after `confirm`. Where the host can open a blank workbook itself (the port's
 * `newWorkbook`), `startFresh` opens one and performs there, replacing nothing.
 */
export function useReplaceGuard(run: RunAction, showChecking: (checking: boolean) => void, perform: (replaceExisting: boolean) => Promise<void>) {
  const { operations, newWorkbook } = useTaskPanePort();
  const [sheets, setSheets] = useState<string[] | null>(null);
  const ask = (existing: readonly string[]) => setSheets(visibleSheetNames(existing));
  const start = (before: () => void = () => undefined) =>
    run(async () => {
      before();
      showChecking(true);
      let existing: string[];
      try {
        existing = await operations.findExistingPressdxSheets();
      } finally {
        showChecking(false);
      }
      if (existing.length > 0) ask(existing);
      else await perform(false);
    });
  const confirm = () => {
    setSheets(null);
    void run(() => perform(true));
  };
  const startFresh = newWorkbook
    ? () => {
        setSheets(null);
        newWorkbook();
        void run(() => perform(false));
      }
    : undefined;
  return { sheets, ask, start, confirm, startFresh, cancel: () => setSheets(null) };
}
