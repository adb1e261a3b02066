import { AGENCY_SCHEMA } from '../domain/agency-schema';
import type { Plan } from '../domain/types';
import { textEquals } from '../domain/values';
import { QUANG_TRI_2023 } from '../plans/quang-tri-2023';
import { checkSnapshots, type CheckReport } from '../workbook/check-workbook';
import type { Lang } from '../workbook/labels';
import { metaValue, toAgencyTables } from '../workbook/read';
import { readWorkbook } from './read';

/**
 * Kiểm tra in the live workbook: one read of every table and the named result cells (2 syncs
 * whatever the row count; more only when a response would pass Excel on the web's 5 MB limit),
 * then the same check engine the CLI runs on files.
 */

export interface CheckRun extends CheckReport {
  /** context.sync() calls made. */
  syncs: number;
  /** The workbook's tblMeta says it is an agency report (schema pressdx-agency). */
  recognised: boolean;
}

export async function checkOpenWorkbook(context: Excel.RequestContext, todaySerial: number, plan: Plan = QUANG_TRI_2023): Promise<CheckRun> {
  const read = await readWorkbook(context);
  const report = checkSnapshots(read.snapshots, plan, todaySerial, read.named);
  const schema = metaValue(toAgencyTables(read.snapshots), 'schema');
  return { ...report, syncs: read.syncs, recognised: schema !== undefined && textEquals(schema, AGENCY_SCHEMA) };
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
