import { useCallback, useState } from 'react';
import type { Translate } from './i18n';
import type { TaskPanePort } from './port';

/** An error whose message is already written for the user (shown as is). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Words for any thrown value; `isOfficeError` is the host's (TaskPanePort). */
export function describeError(error: unknown, t: Translate, isOfficeError: TaskPanePort['isOfficeError']): string {
  if (error instanceof UserError) return error.message;
  if (isOfficeError(error)) {
    const where = error.debugInfo?.errorLocation ? ` [${error.debugInfo.errorLocation}]` : '';
    return t('errorOffice', { code: error.code, message: error.message + where });
  }
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return t('errorUnknown');
}

export type RunAction = <T>(action: () => Promise<T>) => Promise<T | undefined>;

export interface ActionRunner {
  busy: boolean;
  error: string | null;
  clearError: () => void;
  /** Runs a user action; any error is caught, logged and shown. Resolves undefined on error. */
  run: RunAction;
}

/** The one error handler every task-pane action goes through. */
export function useActionRunner(t: Translate, isOfficeError: TaskPanePort['isOfficeError']): ActionRunner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback<RunAction>(async (action) => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      console.error(e);
      setError(describeError(e, t, isOfficeError));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [t, isOfficeError]);

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, clearError, run };
}
