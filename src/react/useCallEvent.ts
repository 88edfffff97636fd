'use client';
import { useInsertionEffect, useRef } from 'react';
import type { CallEvent, CallEventOf, CallEventType } from '../core/index.js';
import { useCallFor } from './context.js';
import { useCommitEffect } from './useCommitEffect.js';

/**
 * Calls `handler` with each event of `type` (or every event, `'*'`) this user may see, after the
 * store applied it. Always the latest `handler`: an inline function does not re-subscribe.
 */
export function useCallEvent<T extends CallEventType>(type: T, handler: (event: CallEventOf<T>) => void): void;
export function useCallEvent(type: '*', handler: (event: CallEvent) => void): void;
export function useCallEvent(type: string, handler: (event: CallEvent) => void): void {
  const call = useCallFor('useCallEvent');
  const latest = useRef(handler);
  // Before any effect of this render runs, so an event never reaches an older handler.
  useInsertionEffect(() => {
    latest.current = handler;
  });
  // Subscribed as the component commits, not after paint: an event right after mounting is not missed.
  useCommitEffect(() => call.on(type as '*', (event) => latest.current(event)), [call, type]);
}
