'use client';
import { shallow } from 'zustand/vanilla/shallow';
import type { Call, CallPhase, CallView } from '../core/index.js';
// The module itself, not the core's index: the React entry must not pull in the engine.
import { joinWindow, mayJoin } from '../core/join-window.js';
import { useClockValue } from './useClockValue.js';
import { useScheduleFields } from './useScheduleFields.js';

export interface UseCallPhaseResult {
  /** Where the call stands for a regular viewer. */
  phase: CallPhase;
  /** Whether you may join now. False until the call is loaded, and during server rendering. */
  canJoinNow: boolean;
}

const SERVER_STATE: UseCallPhaseResult = { phase: 'unscheduled', canJoinNow: false };

/** The call's phase and your join verdict, moving with the clock, from a schedule already read. */
export function useTimedPhase(call: Call, schedule: CallView | null, key: string): UseCallPhaseResult {
  // `key` names the join capabilities too, so the verdict is worked out again when they change.
  return useClockValue<UseCallPhaseResult>(
    call.clock,
    key,
    (now) => {
      if (!schedule) return SERVER_STATE;
      const window = joinWindow(schedule, now);
      return { phase: window.phase, canJoinNow: mayJoin(window, schedule.own_capabilities) };
    },
    (now) => (schedule ? joinWindow(schedule, now).nextBoundaryAt : null),
    SERVER_STATE,
    shallow,
  );
}

/**
 * The two values of `useBackstage` that move with the clock: the phase and whether you may join
 * now, for a control that needs nothing else (and so bundles nothing else).
 */
export function useCallPhase(): UseCallPhaseResult {
  const { call, schedule, key } = useScheduleFields('useCallPhase');
  return useTimedPhase(call, schedule, key);
}
