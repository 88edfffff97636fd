'use client';
import { useCallFor } from './context.js';
import { useClockValue } from './useClockValue.js';

const MINUTE = 60_000;

/**
 * Whole minutes since `time` (an ISO date) by the call's clock: "asked 2 min ago". Re-renders its
 * reader once a minute, on the minute, and only while it is mounted, so a virtualised list
 * refreshes the rows in view and none of the others. 0 on the server and during hydration.
 */
export function useMinutesSince(time: string): number {
  const call = useCallFor('useMinutesSince');
  const since = Date.parse(time);
  const elapsed = (now: number) => Math.max(0, Math.floor((now - since) / MINUTE));
  return useClockValue(call.clock, time, elapsed, (now) => since + (elapsed(now) + 1) * MINUTE, 0);
}
