'use client';
import { useCallback, useSyncExternalStore } from 'react';
import { useCallFor } from './context.js';

/**
 * Whole minutes since `time` (an ISO date) by the call's clock: "asked 2 min ago". Its reader
 * re-renders when the minute changes (checked every 10 s, and on every jump of a manual clock),
 * only while mounted: a virtualised list refreshes the rows in view and none of the others.
 * 0 on the server and during hydration.
 */
export function useMinutesSince(time: string): number {
  const { clock } = useCallFor('useMinutesSince');
  const subscribe = useCallback(
    (notify: () => void) => {
      const timer = setInterval(notify, 10_000);
      const stop = clock.subscribe?.(notify);
      return () => {
        clearInterval(timer);
        stop?.();
      };
    },
    [clock],
  );
  return useSyncExternalStore(subscribe, () => Math.max(0, Math.floor((clock.now() - Date.parse(time)) / 60_000)), () => 0);
}
