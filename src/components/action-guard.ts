'use client';
import { useId, useLayoutEffect, useRef } from 'react';
import type { StageKitError } from '../core/index.js';
import { useFreshError } from './ErrorMessage.js';

/** How long after a control's label changed a click on it is taken as meant for the old label. */
export const SETTLE_MS = 400;

/**
 * Keeps a control from doing two things for one intent. `begin()` refuses while the last action
 * it started is still running (a second click lands before React re-renders with `isPending`),
 * and within `settleMs` after `label` changed (the click was aimed at what the button said
 * before). It returns the function that ends the action, to call when it settles.
 */
export function useActionGuard(label: string, settleMs = SETTLE_MS) {
  const running = useRef(false);
  const changedAt = useRef(-Infinity);
  const shown = useRef(label);
  useLayoutEffect(() => {
    if (shown.current === label) return;
    shown.current = label;
    changedAt.current = Date.now();
  }, [label]);
  const settled = () => !running.current && Date.now() - changedAt.current >= settleMs;
  return {
    /** Whether a press now is meant for what the control shows: nothing running, nothing just changed. */
    settled,
    begin(): (() => void) | null {
      if (!settled()) return null;
      running.current = true;
      return () => {
        running.current = false;
      };
    },
  };
}

/** The parts of a call mutation (`CallMutation`) a guarded control reads. */
type GuardedMutation = { error: StageKitError | null; isPending: boolean; reset(): void };

/**
 * What every action button shares, over the mutations it may run: `pending` while any runs, the
 * `error` to show (fresh while `about` holds) and `errorId`, the id the button is described by
 * while there is one. `start` runs one mutation through the guard (over `label`, which is `about`
 * unless the control's words change on their own, as a confirmation's do), after clearing the
 * last error of every one; it returns whether it started. `settled` says whether a press that
 * starts no mutation (opening a confirmation) is meant for what the control shows now.
 */
export function useGuardedMutations(mutations: readonly GuardedMutation[], about: string, label = about) {
  const guard = useActionGuard(label);
  const error = useFreshError(mutations.find((mutation) => mutation.error)?.error ?? null, about);
  const id = useId();
  return {
    pending: mutations.some((mutation) => mutation.isPending),
    error,
    errorId: error ? id : undefined,
    settled: guard.settled,
    start<Input>(mutation: { mutate(input: Input, options: { onSettled: () => void }): void }, input: Input): boolean {
      const done = guard.begin();
      if (!done) return false;
      for (const each of mutations) each.reset();
      mutation.mutate(input, { onSettled: done });
      return true;
    },
  };
}
