/**
 * Ribbon commands (ExecuteFunction). Every FunctionName in manifest.xml must be registered here
 * with Office.actions.associate; test/manifest.test.ts checks that.
 */

/** "Kiểm tra" (Check) button. Completes at once; the workbook check is wired in separately. */
export function runCheck(event: Office.AddinCommands.Event): void {
  event.completed();
}

// Register at load time, as Microsoft's template does, so Office finds the function as soon as
// the function file has loaded; Office.onReady signals that the page is initialised.
Office.actions.associate('runCheck', runCheck);
Office.onReady(() => undefined);
