import { checkWorkbook, describeWorkbook, type CheckReport } from '../app/agency';
import type { OfficialData } from '../app/types';
import { OFFICIAL_DATA } from '../plans/official-data';
import type { Lang } from '../workbook/labels';
import { readWorkbook } from './read';

/**
 * Kiểm tra in the live workbook: one read of every table and the named result cells (1 sync
 * whatever the row count for an intact agency workbook; see readWorkbook for the others), then
 * the same check engine the CLI runs on files.
 */

export interface CheckRun extends Omit<CheckReport, 'read'> {
  /** context.sync() calls made. */
  syncs: number;
  /** The workbook's tblMeta says it is an agency report (schema pressdx-agency). */
  recognised: boolean;
}

export async function checkOpenWorkbook(context: Excel.RequestContext, todaySerial: number, data: OfficialData = OFFICIAL_DATA): Promise<CheckRun> {
  const read = await readWorkbook(context);
  const content = { tables: read.snapshots, namedCells: read.named };
  const { findings, results, counts } = checkWorkbook(content, data, todaySerial);
  return { findings, results, counts, syncs: read.syncs, recognised: describeWorkbook(content).kind === 'agency' };
}

const SUMMARY = {
  vi: {
    done: (errors: number, warnings: number) => (errors === 0 && warnings === 0 ? 'Kiểm tra xong: không có lỗi hay cảnh báo.' : `Kiểm tra xong: ${errors} lỗi, ${warnings} cảnh báo.`),
    notAgency: 'Bảng tính đang mở không phải biểu mẫu báo cáo PressDX của đơn vị; hãy mở biểu mẫu hoặc tạo biểu mẫu mới trong ngăn PressDX.',
    failed: (message: string) => `Không kiểm tra được: ${message}`,
  },
  en: {
    done: (errors: number, warnings: number) =>
      errors === 0 && warnings === 0 ? 'Check finished: no errors or warnings.' : `Check finished: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
    notAgency: 'The open workbook is not a PressDX agency report; open one or create a template from the PressDX pane.',
    failed: (message: string) => `The check could not run: ${message}`,
  },
} as const;

/** The one-line result a ribbon command shows ("Kiểm tra xong: 3 lỗi, 2 cảnh báo."). */
export function checkSummary(run: Pick<CheckRun, 'counts' | 'recognised'>, lang: Lang = 'vi'): string {
  return run.recognised ? SUMMARY[lang].done(run.counts.error, run.counts.warning) : SUMMARY[lang].notAgency;
}

export const checkFailedSummary = (message: string, lang: Lang = 'vi'): string => SUMMARY[lang].failed(message);
