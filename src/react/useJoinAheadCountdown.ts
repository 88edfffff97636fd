'use client';
import type { CallPhase } from '../core/index.js';
import { joinWindow } from '../core/join-window.js';
import { useClockValue } from './useClockValue.js';
import { useScheduleFields } from './useScheduleFields.js';

export interface UseJoinAheadCountdownResult {
  phase: CallPhase;
  /** What the countdown runs to: the doors opening, the scheduled start, or nothing. */
  countingTo: 'doors-open' | 'start' | null;
  /** Whole seconds to the next boundary, rounded up; null when nothing is counting. */
  secondsRemaining: number | null;
  /** The boundary itself. */
  target: Date | null;
}

const SERVER_STATE: UseJoinAheadCountdownResult = { phase: 'unscheduled', countingTo: null, secondsRemaining: null, target: null };

// For one schedule (values are compared only within one), the target follows from what it counts to.
const same = (a: UseJoinAheadCountdownResult, b: UseJoinAheadCountdownResult) =>
  a.phase === b.phase && a.countingTo === b.countingTo && a.secondsRemaining === b.secondsRemaining;

/**
 * The viewer's countdown: phase and seconds to the next boundary. Ticks once per second only
 * while something is counting, and re-renders only its own reader.
 */
export function useJoinAheadCountdown(): UseJoinAheadCountdownResult {
  const { call, schedule, key } = useScheduleFields('useJoinAheadCountdown');
  return useClockValue<UseJoinAheadCountdownResult>(
    call.clock,
    key,
    (now) => {
      if (!schedule) return SERVER_STATE;
      const window = joinWindow(schedule, now);
      const target = window.nextBoundaryAt;
      return {
        phase: window.phase,
        countingTo: window.countingTo,
        secondsRemaining: target === null ? null : Math.ceil((target - now) / 1000),
        target: target === null ? null : new Date(target),
      };
    },
    (now) => {
      if (!schedule) return null;
      const target = joinWindow(schedule, now).nextBoundaryAt;
      if (target === null) return null;
      // The next whole-second step of the remaining time.
      const remaining = target - now;
      const step = remaining % 1000 || 1000;
      return now + step;
    },
    SERVER_STATE,
    same,
  );
}
