'use client';
import { useMemo, useSyncExternalStore } from 'react';
import type { Clock } from '../core/index.js';

/**
 * A value derived from the time that re-renders its reader only when the value changes: a timer
 * is set for the next change (`nextChangeAt`) and none at all when nothing is due. Manual clocks
 * notify on every jump. On the server and during hydration the value is `serverValue`, so markup
 * rendered at another instant never mismatches.
 *
 * `compute` and `nextChangeAt` may only depend on what `inputsKey` names: they are taken afresh
 * when the key changes, so no render writes to shared state.
 */
export function useClockValue<T>(
  clock: Clock,
  inputsKey: string,
  compute: (now: number) => T,
  nextChangeAt: (now: number) => number | null,
  serverValue: T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useMemo(() => {
    let cache: { value: T } | null = null;
    return {
      getSnapshot(): T {
        const value = compute(clock.now());
        // useSyncExternalStore needs the same value back until something changed.
        if (cache && isEqual(cache.value, value)) return cache.value;
        cache = { value };
        return value;
      },
      subscribe(notify: () => void): () => void {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const schedule = () => {
          clearTimeout(timer);
          const now = clock.now();
          const next = nextChangeAt(now);
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
    };
    // The functions are read only for what inputsKey names (see above).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clock, inputsKey]);

  return useSyncExternalStore(store.subscribe, store.getSnapshot, () => serverValue);
}
