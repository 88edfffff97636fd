'use client';
import { useLayoutEffect, useRef } from 'react';

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
  return {
    begin(): (() => void) | null {
      if (running.current || Date.now() - changedAt.current < settleMs) return null;
      running.current = true;
      return () => {
        running.current = false;
      };
    },
  };
}
