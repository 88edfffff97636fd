'use client';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { Participant } from '../core/index.js';
import { useCallFor } from './context.js';

const NONE: Record<string, Participant> = {};

/** Join order; ids break ties. Object key order can't be trusted: numeric ids sort first. */
export function byJoinTime(a: Participant, b: Participant): number {
  return a.joined_at < b.joined_at ? -1 : a.joined_at > b.joined_at ? 1 : a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0;
}

/**
 * The participants you are shown, in the order they joined: yourself, the members and whoever is on
 * stage — everyone, in a call that lists all (`listing: 'all'`). A crowd is counted: see
 * `useParticipantCount`, and `useAudience` to page through it.
 */
export function useParticipants(): Participant[] {
  const call = useCallFor('useParticipants');
  const participants = useStore(call.store, (state) => state.call?.participants ?? NONE);
  return useMemo(() => Object.values(participants).sort(byJoinTime), [participants]);
}

/** Whether you are in the call. */
export function useIsInCall(): boolean {
  const call = useCallFor('useIsInCall');
  return useStore(call.store, (state) => !!state.call?.participants[state.user.id]);
}
