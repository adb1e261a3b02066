/**
 * Ribbon commands (ExecuteFunction). Every FunctionName in manifest.xml must be registered here
 * with Office.actions.associate; test/manifest.test.ts checks that.
 *
 * An ExecuteFunction command has no UI of its own. The result of Kiểm tra is shown in a small
 * Office dialog (commands-result.html): it needs nothing written into the workbook, works in Excel
 * on the web, Windows and Mac (DialogApi 1.1), and the user closes it when read. The command stays
 * open while the dialog shows (on some hosts completing it closes the dialog) and always completes:
 * when the dialog closes, when it cannot open, on any error, and at the latest before Office's
 * 5-minute limit for commands.
 */
import { officeExcelRun, officeIsSetSupported } from '../office/host';
import { makeOperations } from '../office/operations';
import { CLOSE_MESSAGE, DIALOG_LIFETIME_MS, resultPageUrl, storedCommandLang, type CommandLang } from './result';

const operations = makeOperations(officeExcelRun, officeIsSetSupported);

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Shows the summary in a dialog; resolves when the dialog is gone (or never opened). Never rejects. */
function showResult(summary: string, lang: CommandLang): Promise<void> {
  return new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let dialog: Office.Dialog | undefined;
    let done = false;
    const finish = (close: boolean) => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      if (close && dialog) {
        try {
          dialog.close();
        } catch {
          // already closed by the user or the host
        }
      }
      resolve();
    };
    try {
      Office.context.ui.displayDialogAsync(resultPageUrl(window.location.href, summary, lang), { height: 30, width: 30, displayInIframe: true }, (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          console.error('PressDX: the result dialog did not open', result.error);
          finish(false);
          return;
        }
        dialog = result.value;
        // The dialog's button sends CLOSE_MESSAGE; the host's close button raises DialogEventReceived.
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          if ('message' in arg && arg.message === CLOSE_MESSAGE) finish(true);
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => finish(false));
        timer = setTimeout(() => finish(true), DIALOG_LIFETIME_MS);
      });
    } catch (e) {
      console.error('PressDX: the result dialog is not available', e);
      finish(false);
    }
  });
}

/** "Kiểm tra" (Check) button: checks the open workbook and shows the one-line summary. */
export async function runCheck(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const lang = storedCommandLang(storage());
    let summary: string;
    try {
      summary = await operations.runCheckCommand(lang); // never throws by contract; guarded all the same
    } catch (e) {
      console.error(e);
      summary = lang === 'en' ? 'The check could not run.' : 'Không kiểm tra được.';
    }
    await showResult(summary, lang);
  } finally {
    event.completed();
  }
}

// Register at load time, as Microsoft's template does, so Office finds the function as soon as
// the function file has loaded; Office.onReady signals that the page is initialised.
Office.actions.associate('runCheck', runCheck);
Office.onReady(() => undefined);
