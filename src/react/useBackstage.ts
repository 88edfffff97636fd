'use client';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { CallPhase, Capability } from '../core/index.js';
// The module itself, not the core's index: the React entry must not pull in the engine.
import { joinVerdict, joinWindow } from '../core/join-window.js';
import { useCallFor } from './context.js';
import { useClockValue } from './useClockValue.js';
import { toWindowFields, useScheduleFields } from './useScheduleFields.js';

export interface UseBackstageResult {
  /** Backstage is enabled for this call. */
  enabled: boolean;
  /** The call is in backstage: enabled and not live. */
  isBackstage: boolean;
  /** The call is open to viewers: live, or backstage disabled; not ended. */
  isLive: boolean;
  startsAt: Date | null;
  joinAheadTimeSeconds: number;
  /** When regular viewers may join ahead of the start; null without a join-ahead time or start. */
  joinOpensAt: Date | null;
  /** Whether you may join now. False until the call is loaded, and during server rendering. */
  canJoinNow: boolean;
  liveStartedAt: Date | null;
  /** Where the call stands for a regular viewer. */
  phase: CallPhase;
}

interface TimedState {
  phase: CallPhase;
  canJoinNow: boolean;
}

const SERVER_STATE: TimedState = { phase: 'unscheduled', canJoinNow: false };
const sameTimedState = (a: TimedState, b: TimedState) => a.phase === b.phase && a.canJoinNow === b.canJoinNow;
const JOIN_CAPABILITIES: Capability[] = ['join-call', 'join-backstage', 'join-ended-call'];
const date = (iso: string | null) => (iso === null ? null : new Date(iso));

/** The call's backstage state for you; re-renders when it changes or the join window opens. */
export function useBackstage(): UseBackstageResult {
  const call = useCallFor('useBackstage');
  const { schedule, key } = useScheduleFields('useBackstage');
  // Only the capabilities the join rule reads, as one primitive.
  const held = useStore(call.store, (state) => {
    const own = state.call?.own_capabilities ?? [];
    return JOIN_CAPABILITIES.filter((capability) => own.includes(capability)).join(' ');
  });
  const timed = useClockValue<TimedState>(
    call.clock,
    `${key}#${held}`,
    (now) => {
      if (!schedule) return SERVER_STATE;
      const fields = toWindowFields(schedule);
      const capabilities = held.split(' ') as Capability[];
      return { phase: joinWindow(fields, now).phase, canJoinNow: joinVerdict(fields, capabilities, now).allowed };
    },
    (now) => (schedule ? joinWindow(toWindowFields(schedule), now).nextBoundaryAt : null),
    SERVER_STATE,
    sameTimedState,
  );
  return useMemo(() => {
    // Only the window's time-free parts are read here (in backstage, when doors open), so any instant will do.
    const window = schedule ? joinWindow(toWindowFields(schedule), 0) : null;
    return {
      enabled: schedule?.enabled ?? false,
      isBackstage: window?.inBackstage ?? false,
      isLive: !!schedule && schedule.endedAt === null && !window!.inBackstage,
      startsAt: date(schedule?.startsAt ?? null),
      joinAheadTimeSeconds: schedule?.joinAheadTimeSeconds ?? 0,
      joinOpensAt: window?.joinOpensAt == null ? null : new Date(window.joinOpensAt),
      canJoinNow: timed.canJoinNow,
      liveStartedAt: date(schedule?.liveStartedAt ?? null),
      phase: timed.phase,
    };
  }, [schedule, timed]);
}
