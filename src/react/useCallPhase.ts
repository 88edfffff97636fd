'use client';
import { useStore } from 'zustand';
import type { CallPhase, CallView, Capability } from '../core/index.js';
// The module itself, not the core's index: the React entry must not pull in the engine.
import { joinWindow, mayJoin } from '../core/join-window.js';
import { useCallFor } from './context.js';
import { useClockValue } from './useClockValue.js';
import { useScheduleFields } from './useScheduleFields.js';

export interface UseCallPhaseResult {
  /** Where the call stands for a regular viewer. */
  phase: CallPhase;
  /** Whether you may join now. False until the call is loaded, and during server rendering. */
  canJoinNow: boolean;
}

const SERVER_STATE: UseCallPhaseResult = { phase: 'unscheduled', canJoinNow: false };
const same = (a: UseCallPhaseResult, b: UseCallPhaseResult) => a.phase === b.phase && a.canJoinNow === b.canJoinNow;
const JOIN_CAPABILITIES: Capability[] = ['join-call', 'join-backstage', 'join-ended-call'];

/** The call's phase and your join verdict, moving with the clock, from a schedule already read. */
export function useTimedPhase(hook: string, schedule: CallView | null, key: string): UseCallPhaseResult {
  const call = useCallFor(hook);
  // Only the capabilities the join rule reads, as one primitive.
  const held = useStore(call.store, (state) => {
    const own = state.call?.own_capabilities ?? [];
    return JOIN_CAPABILITIES.filter((capability) => own.includes(capability)).join(' ');
  });
  return useClockValue<UseCallPhaseResult>(
    call.clock,
    `${key}#${held}`,
    (now) => {
      if (!schedule) return SERVER_STATE;
      const window = joinWindow(schedule, now);
      return { phase: window.phase, canJoinNow: mayJoin(window, held.split(' ') as Capability[]) };
    },
    (now) => (schedule ? joinWindow(schedule, now).nextBoundaryAt : null),
    SERVER_STATE,
    same,
  );
}

/**
 * The two values of `useBackstage` that move with the clock: the phase and whether you may join
 * now, for a control that needs nothing else (and so bundles nothing else).
 */
export function useCallPhase(): UseCallPhaseResult {
  const { schedule, key } = useScheduleFields('useCallPhase');
  return useTimedPhase('useCallPhase', schedule, key);
}
