'use client';
import { useInsertionEffect, useRef } from 'react';
import type { CallEvent, CallEventOf, CallEventType } from '../core/index.js';
import { useCallFor } from './context.js';
import { useCommitEffect } from './useCommitEffect.js';

/** A ref to `value` as of the latest render, set before any effect of that render runs. */
export function useLatest<T>(value: T): { readonly current: T } {
  const latest = useRef(value);
  useInsertionEffect(() => {
    latest.current = value;
  });
  return latest;
}

/**
 * Calls `handler` with each event of `type` (or every event, `'*'`) this user may see, after the
 * store applied it. Always the latest `handler`: an inline function does not re-subscribe.
 */
export function useCallEvent<T extends CallEventType>(type: T, handler: (event: CallEventOf<T>) => void): void;
export function useCallEvent(type: '*', handler: (event: CallEvent) => void): void;
export function useCallEvent(type: string, handler: (event: CallEvent) => void): void {
  const call = useCallFor('useCallEvent');
  // An event never reaches an older handler.
  const latest = useLatest(handler);
  // Subscribed as the component commits, not after paint: an event right after mounting is not missed.
  useCommitEffect(() => call.on(type as '*', (event) => latest.current(event)), [call, type]);
}
