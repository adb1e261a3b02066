import { useState } from 'react';
import { findExistingPressdxSheets } from '../office/operations';
import type { RunAction } from './actions';

/**
 * Creating the template and merging both draw PressDX sheets: when the workbook already has
 * some, the user is asked before anything is replaced. `sheets` is non-null while the question
 * is open; `perform(true)` runs only after `confirm`.
 */
export function useReplaceGuard(run: RunAction, showChecking: (checking: boolean) => void, perform: (replaceExisting: boolean) => Promise<void>) {
  const [sheets, setSheets] = useState<string[] | null>(null);
  const start = (before: () => void = () => undefined) =>
    run(async () => {
      before();
      showChecking(true);
      let existing: string[];
      try {
        existing = await findExistingPressdxSheets();
      } finally {
        showChecking(false);
      }
      if (existing.length > 0) setSheets(existing);
      else await perform(false);
    });
  const confirm = () => {
    setSheets(null);
    void run(() => perform(true));
  };
  return { sheets, ask: setSheets, start, confirm, cancel: () => setSheets(null) };
}
