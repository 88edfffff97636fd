'use client';
import { useMemo } from 'react';
import type { CallPhase } from '../core/index.js';
// The module itself, not the core's index: the React entry must not pull in the engine.
import { joinWindow } from '../core/join-window.js';
import { useTimedPhase } from './useCallPhase.js';
import { useScheduleFields } from './useScheduleFields.js';

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

/** An instant the call view holds (ISO text, or epoch milliseconds), as a Date; null when unset. */
const date = (instant: string | number | null | undefined) => (instant == null ? null : new Date(instant));

/** The call's backstage state for you; re-renders when it changes or the join window opens. */
export function useBackstage(): UseBackstageResult {
  const { call, schedule, key } = useScheduleFields('useBackstage');
  const timed = useTimedPhase(call, schedule, key);
  return useMemo(() => {
    // Only the window's time-free parts are read here (in backstage, when doors open), so any instant will do.
    const window = schedule ? joinWindow(schedule, 0) : null;
    return {
      enabled: schedule?.settings.backstage.enabled ?? false,
      isBackstage: window?.inBackstage ?? false,
      isLive: !!schedule && schedule.ended_at === null && !window!.inBackstage,
      startsAt: date(schedule?.starts_at),
      joinAheadTimeSeconds: schedule?.settings.backstage.join_ahead_time_seconds ?? 0,
      joinOpensAt: date(window?.joinOpensAt),
      liveStartedAt: date(schedule?.live_started_at),
      // The phase and whether you may join now, moving with the clock.
      ...timed,
    };
    // `key` names every field read from `schedule`: the view changes with every event, the schedule rarely.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, timed]);
}
