'use client';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { Clock } from '../core/index.js';

/**
 * A value derived from the time that re-renders its reader only when the value changes: a timer
 * is set for the next change (`nextChangeAt`) and none at all when nothing is due. Manual clocks
 * notify on every jump. On the server and during hydration the value is `serverValue`, so markup
 * rendered at another instant never mismatches.
 */
export function useClockValue<T>(
  clock: Clock,
  /** Changes whenever `compute` or `nextChangeAt` would answer differently, so timers are re-set. */
  inputsKey: string,
  compute: (now: number) => T,
  nextChangeAt: (now: number) => number | null,
  serverValue: T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const computeRef = useRef(compute);
  computeRef.current = compute;
  const nextRef = useRef(nextChangeAt);
  nextRef.current = nextChangeAt;
  const cache = useRef<{ value: T } | null>(null);

  const getSnapshot = () => {
    const value = computeRef.current(clock.now());
    if (cache.current && isEqual(cache.current.value, value)) return cache.current.value;
    cache.current = { value };
    return value;
  };

  const subscribe = useCallback(
    (notify: () => void) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const schedule = () => {
        clearTimeout(timer);
        const now = clock.now();
        const next = nextRef.current(now);
        // Timers cap at about 24.8 days; a far boundary is simply re-checked then.
        if (next !== null) timer = setTimeout(fire, Math.min(Math.max(next - now, 0), 2 ** 31 - 1));
      };
      const fire = () => {
        notify();
        schedule();
      };
      schedule();
      const unsubscribeClock = clock.subscribe?.(fire);
      return () => {
        clearTimeout(timer);
        unsubscribeClock?.();
      };
    },
    // inputsKey is read for its change only: new inputs mean a new next boundary.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [clock, inputsKey],
  );

  return useSyncExternalStore(subscribe, getSnapshot, () => serverValue);
}
