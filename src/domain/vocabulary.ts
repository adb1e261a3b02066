/**
 * Words the workbook's formulas compare against. They are data values written into cells and
 * lists, so they stay Vietnamese whatever the UI language.
 */
export const YES = 'Có';
export const NO = 'Không';
export const YES_NO = [YES, NO] as const;

export const TARGET_STATUS = {
  met: 'Đạt',
  notMet: 'Chưa đạt',
  noData: 'Chưa có số liệu',
  notApplicable: 'Không áp dụng',
} as const;

export const ROLE = { lead: 'Chủ trì', partner: 'Phối hợp' } as const;

export const TASK_STATUS = {
  notStarted: 'Chưa thực hiện',
  inProgress: 'Đang thực hiện',
  done: 'Hoàn thành',
  paused: 'Tạm dừng',
} as const;
export const TASK_STATUSES: string[] = Object.values(TASK_STATUS);

export const TIMELINESS = {
  done: 'Hoàn thành',
  onTime: 'Trong hạn',
  overdue: 'Quá hạn',
  noDeadline: 'Chưa có thời hạn',
} as const;

export const GROUP_LABEL = { press: 'Cơ quan báo chí', management: 'Cơ quan quản lý' } as const;

/** "Chưa hoàn thành (k/n)": the level cell while some rows are unscored. */
export const levelIncomplete = (scored: number, rows: number) => `Chưa hoàn thành (${scored}/${rows})`;
