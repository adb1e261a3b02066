import { useCallback, useState } from 'react';
import type { Translate } from './i18n';

/** An error whose message is already written for the user (shown as is). */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

interface OfficeLikeError {
  code: string;
  message: string;
  debugInfo?: { errorLocation?: string };
}

function isOfficeError(error: unknown): error is OfficeLikeError {
  if (typeof OfficeExtension !== 'undefined' && error instanceof OfficeExtension.Error) return true;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as Partial<OfficeLikeError>).code === 'string' &&
    typeof (error as Partial<OfficeLikeError>).message === 'string' &&
    'debugInfo' in error
  );
}

/** Words for any thrown value. */
export function describeError(error: unknown, t: Translate): string {
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
export function useActionRunner(t: Translate): ActionRunner {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback<RunAction>(async (action) => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (e) {
      console.error(e);
      setError(describeError(e, t));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, [t]);

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, clearError, run };
}
