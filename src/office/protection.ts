/**
 * Editing cells of protected sheets. PressDX protects its sheets without a password so formulas
 * are not overwritten by accident; the add-in's own operations (restoring formulas, highlighting,
 * applying a fix that changes a number format) lift the protection for the duration of one
 * request and put it back with the options the sheet had, so the user never sees it change.
 */

export interface SheetState {
  name: string;
  visible: boolean;
  protected: boolean;
  options: Excel.WorksheetProtectionOptions;
}

const lower = (s: string) => s.toLowerCase();

/**
 * Queues a load of every sheet's name, visibility and protection. It rides on the caller's next
 * sync (no sync of its own); call the returned function after that sync.
 */
export function queueSheetStates(context: Excel.RequestContext): () => Map<string, SheetState> {
  const sheets = context.workbook.worksheets.load('items/name,items/visibility,items/protection/protected,items/protection/options');
  return () =>
    new Map(
      sheets.items.map((s) => [
        lower(s.name),
        { name: s.name, visible: s.visibility === 'Visible', protected: s.protection.protected, options: s.protection.options },
      ]),
    );
}

/**
 * Queues unprotect() of those `sheetNames` that are protected and returns a function that queues
 * their protection again. Both go into the same request as the edits between them.
 */
export function unprotectWhile(context: Excel.RequestContext, states: Map<string, SheetState>, sheetNames: Iterable<string>): () => void {
  const lifted = [...new Set([...sheetNames].map(lower))].flatMap((k) => {
    const s = states.get(k);
    return s?.protected ? [s] : [];
  });
  for (const s of lifted) context.workbook.worksheets.getItem(s.name).protection.unprotect();
  return () => {
    for (const s of lifted) context.workbook.worksheets.getItem(s.name).protection.protect(s.options);
  };
}
