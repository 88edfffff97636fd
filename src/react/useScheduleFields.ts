'use client';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { CallStoreState, JoinWindowFields } from '../core/index.js';
import { useCallFor } from './context.js';

/** The schedule fields of the loaded call as a flat record of primitives, or null before loading. */
export interface ScheduleFields {
  backstage: boolean;
  enabled: boolean;
  joinAheadTimeSeconds: number;
  startsAt: string | null;
  endedAt: string | null;
  liveStartedAt: string | null;
  liveEndedAt: string | null;
}

function selectSchedule(state: CallStoreState): ScheduleFields | null {
  const call = state.call;
  if (!call) return null;
  return {
    backstage: call.backstage,
    enabled: call.settings.backstage.enabled,
    joinAheadTimeSeconds: call.settings.backstage.join_ahead_time_seconds,
    startsAt: call.starts_at,
    endedAt: call.ended_at,
    liveStartedAt: call.live_started_at,
    liveEndedAt: call.live_ended_at,
  };
}

/** Reads only the fields the schedule depends on, so other call changes do not re-render. */
export function useScheduleFields(hook: string): { schedule: ScheduleFields | null; key: string } {
  const call = useCallFor(hook);
  const schedule = useStore(call.store, useShallow(selectSchedule));
  return { schedule, key: schedule ? Object.values(schedule).join('|') : '' };
}

export function toWindowFields(schedule: ScheduleFields): JoinWindowFields {
  return {
    backstage: schedule.backstage,
    settings: {
      backstage: { enabled: schedule.enabled, join_ahead_time_seconds: schedule.joinAheadTimeSeconds },
    } as JoinWindowFields['settings'],
    starts_at: schedule.startsAt,
    ended_at: schedule.endedAt,
    live_ended_at: schedule.liveEndedAt,
  };
}

