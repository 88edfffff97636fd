'use client';
import { useStore } from 'zustand';
import type { Call, CallStoreState, CallView } from '../core/index.js';
import { useCallFor } from './context.js';

/**
 * The fields the schedule depends on (the join window's, when the call went live, and the
 * capabilities that decide whether you may join) as one string, or '' before the call loads: a
 * primitive, so other changes to the call (stepping on stage adds sending audio and video) do not
 * re-render.
 */
function scheduleKey({ call }: CallStoreState): string {
  return call
    ? [
        call.backstage,
        call.settings.backstage.enabled,
        call.settings.backstage.join_ahead_time_seconds,
        call.starts_at,
        call.ended_at,
        call.live_started_at,
        call.live_ended_at,
        call.own_capabilities.filter((capability) => capability.startsWith('join-')),
      ].join('|')
    : '';
}

/**
 * The loaded call's view, or null, read when its schedule last changed; `key` names that schedule,
 * so what is worked out from the view stays valid until `key` changes.
 */
export function useScheduleFields(hook: string): { call: Call; schedule: CallView | null; key: string } {
  const call = useCallFor(hook);
  const key = useStore(call.store, scheduleKey);
  return { call, schedule: key ? call.getState().call : null, key };
}
