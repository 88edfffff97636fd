'use client';
import { useStore } from 'zustand';
import { shallow } from 'zustand/vanilla/shallow';
import type { Call, CallPhase, CallView, Capability } from '../core/index.js';
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
/** The capabilities the join verdict reads. */
const JOIN_CAPABILITIES: readonly Capability[] = ['join-call', 'join-backstage', 'join-ended-call'];

/** The call's phase and your join verdict, moving with the clock, from a schedule already read. */
export function useTimedPhase(call: Call, schedule: CallView | null, key: string): UseCallPhaseResult {
  // Only the capabilities that decide joining, as a primitive: stepping on stage adds sending
  // audio and video, which must not re-render every control that asks whether you may join.
  const held = useStore(call.store, (state) => JOIN_CAPABILITIES.filter((capability) => state.call?.own_capabilities.includes(capability)).join());
  return useClockValue<UseCallPhaseResult>(
    call.clock,
    `${key}#${held}`,
    (now) => {
      if (!schedule) return SERVER_STATE;
      const window = joinWindow(schedule, now);
      return { phase: window.phase, canJoinNow: mayJoin(window, held.split(',') as Capability[]) };
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
