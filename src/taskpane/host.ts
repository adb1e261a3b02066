/**
 * Asks Office.js about the host; src/taskpane/index.tsx puts the answer in the pane's port. The
 * pane receives a HostInfo, or null when the page runs outside Excel (a plain browser, or
 * office.js failed to load). The workbench makes its own HostInfo.
 */

export const REQUIRED_EXCEL_API = '1.8';

/** The host is Excel; what the pane needs to know about it. */
export interface HostInfo {
  /** ExcelApi 1.8 (Excel 2019 volume licence and later) is available. */
  supportsRequiredApi: boolean;
  /** The Office theme is dark. */
  dark: boolean;
}

/** True when a CSS hex colour (#rgb or #rrggbb) is dark (relative luminance below 0.5). */
export function isDarkColour(colour: string | undefined): boolean {
  const hex = colour?.trim().replace(/^#/, '') ?? '';
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return false;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(full.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

function officeThemeIsDark(): boolean {
  try {
    const theme = Office.context.officeTheme as Office.OfficeTheme | undefined;
    return isDarkColour(theme?.bodyBackgroundColor);
  } catch {
    return false; // officeTheme is not available on every platform
  }
}

function supportsRequiredApi(): boolean {
  try {
    return Office.context.requirements.isSetSupported('ExcelApi', REQUIRED_EXCEL_API);
  } catch {
    return false;
  }
}

/**
 * Waits for Office.js and describes the host. Resolves to null outside Excel; never rejects.
 * office.js loaded in a plain browser resolves onReady with a null host quickly; the timeout
 * covers a page where office.js never initialises.
 */
export async function detectHost(timeoutMs = 10000): Promise<HostInfo | null> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const info = await Promise.race([
      Office.onReady(),
      new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      }),
    ]);
    if (!info || info.host !== Office.HostType.Excel) return null;
    return {
      supportsRequiredApi: supportsRequiredApi(),
      dark: officeThemeIsDark(),
    };
  } catch {
    return null;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
