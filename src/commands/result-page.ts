/**
 * commands-result.html: the dialog the ribbon's Kiểm tra opens. It shows the summary passed in its
 * address (as text, never as HTML) and closes through its parent.
 */
import { CLOSE_MESSAGE, RESULT_TEXT, readResultParams } from './result';

function render(): void {
  const { lang, summary } = readResultParams(window.location.search);
  const text = RESULT_TEXT[lang];
  document.documentElement.lang = lang;
  document.title = text.title;
  const set = (id: string, value: string) => {
    const el = document.getElementById(id);
    if (el) el.textContent = value;
  };
  set('title', text.title);
  set('summary', summary || text.empty);
  set('hint', text.hint);
  const button = document.getElementById('close');
  if (button) {
    button.textContent = text.close;
    button.addEventListener('click', () => {
      try {
        Office.context.ui.messageParent(CLOSE_MESSAGE);
      } catch {
        window.close(); // opened outside Office (a browser preview)
      }
    });
    button.focus();
  }
}

render();
// Without office.js (it failed to load, or a browser preview) the text still shows.
if (typeof Office !== 'undefined') void Office.onReady(() => undefined);
