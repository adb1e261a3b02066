/**
 * The ribbon's Kiểm tra shows its one-line summary in a small Office dialog (commands-result.html).
 * These helpers build and read that page's address; they are pure so tests run them without Office.
 */

export type CommandLang = 'vi' | 'en';

/** The page, next to commands.html in the build output. */
export const RESULT_PAGE = 'commands-result.html';

/** Longer summaries are cut: the text travels in the URL, which stays under 2,048 characters even when every character is Vietnamese. */
export const MAX_SUMMARY_CHARS = 200;

/** The language the task pane last used (it stores it under this key); Vietnamese by default. */
export const LANG_STORAGE_KEY = 'pressdx.lang';

export function storedCommandLang(storage: Pick<Storage, 'getItem'> | undefined): CommandLang {
  try {
    return storage?.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage can be blocked in some Office webviews
  }
}

export function clip(text: string, max = MAX_SUMMARY_CHARS): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Absolute https address of the result page for `summary`, resolved against the function file's address. */
export function resultPageUrl(functionFileUrl: string, summary: string, lang: CommandLang): string {
  const url = new URL(RESULT_PAGE, functionFileUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set('lang', lang);
  url.searchParams.set('summary', clip(summary));
  return url.toString();
}

export interface ResultPageParams {
  lang: CommandLang;
  summary: string;
}

export function readResultParams(search: string): ResultPageParams {
  const params = new URLSearchParams(search);
  return { lang: params.get('lang') === 'en' ? 'en' : 'vi', summary: clip(params.get('summary') ?? '') };
}

export const RESULT_TEXT: Record<CommandLang, { title: string; hint: string; close: string; empty: string }> = {
  vi: {
    title: 'PressDX – Kết quả kiểm tra',
    hint: 'Mở ngăn PressDX (nút “Mở PressDX”), thẻ Kiểm tra, để xem từng lỗi và đi đến ô có lỗi.',
    close: 'Đóng',
    empty: 'Không có kết quả để hiển thị.',
  },
  en: {
    title: 'PressDX – Check result',
    hint: 'Open the PressDX pane (“Open PressDX”), Check tab, to see each problem and go to its cell.',
    close: 'Close',
    empty: 'There is no result to show.',
  },
};

/** What the dialog sends its parent when the user closes it with the button. */
export const CLOSE_MESSAGE = 'close';

/**
 * How long the command waits for the user to close the dialog before closing it itself: Office ends
 * an ExecuteFunction command that has not called event.completed() after 5 minutes.
 */
export const DIALOG_LIFETIME_MS = 4.5 * 60 * 1000;
