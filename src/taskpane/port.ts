import { createContext, useContext } from 'react';
import type { Operations } from '../office/operations';
import type { HostInfo } from './host';

/** An error Excel.run rejected with, as the pane shows it: Excel's code, message and where. */
export interface OfficeLikeError {
  code: string;
  message: string;
  debugInfo?: { errorLocation?: string };
}

/**
 * Everything the task pane takes from its host, handed over explicitly: the add-in builds it from
 * office.js (src/taskpane/index.tsx, the pane's only reader of the Office globals), the workbench
 * from the in-memory Excel. The views reach the workbook only through `operations`.
 */
export interface TaskPanePort {
  /** Null outside Excel. */
  host: HostInfo | null;
  operations: Operations;
  /** True for what Excel.run rejects with (OfficeExtension.Error, or the in-memory Excel's error). */
  isOfficeError(error: unknown): error is OfficeLikeError;
  /** Opens a blank workbook, for a host that can (the workbench); the replace question offers it. Excel cannot from an add-in. */
  newWorkbook?: () => void;
  /**
   * Files the host hands to Tổng hợp as if the user had picked them (the workbench's samples).
   * Returns the unsubscribe.
   */
  subscribeOfferedFiles?: (listener: (files: File[]) => void) => () => void;
}

export const TaskPanePortContext = createContext<TaskPanePort | null>(null);

/** The port App was given. */
export function useTaskPanePort(): TaskPanePort {
  const port = useContext(TaskPanePortContext);
  if (!port) throw new Error('The task pane renders inside App, which provides its TaskPanePort.');
  return port;
}
