import { createContext, useCallback, useContext, useState } from 'react';

/**
 * Status messages belong to the action that produced them: when any later action starts, in any
 * view, they go. App counts started actions; `now` reads the count at once (a message set during
 * an action belongs to that action, even before React re-renders with the new count).
 */
export interface ActionCount {
  /** Actions started so far, as of the last render. */
  rendered: number;
  now: () => number;
}

export const ActionCountContext = createContext<ActionCount>({ rendered: 0, now: () => 0 });

/** Like useState for a status message, except that the message is shown only until the next action starts. */
export function useStatus<T>(): [T | null, (value: T | null) => void] {
  const count = useContext(ActionCountContext);
  const [status, setStatus] = useState<{ value: T; at: number } | null>(null);
  const { now } = count;
  const set = useCallback((value: T | null) => setStatus(value === null ? null : { value, at: now() }), [now]);
  return [status !== null && status.at === count.rendered ? status.value : null, set];
}
