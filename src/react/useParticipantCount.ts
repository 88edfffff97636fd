'use client';
import { useStore } from 'zustand';
import { useCallFor } from './context.js';

const NONE: Record<string, number> = {};

/** Everyone in the call, hosts included, as last told (a few times a second at most); 0 before it loads. */
export function useParticipantCount(): number {
  const call = useCallFor('useParticipantCount');
  return useStore(call.store, (state) => state.call?.participant_count ?? 0);
}

/** Participants by call role (a member's role, else their global role), as last told. */
export function useParticipantCountByRole(): Readonly<Record<string, number>> {
  const call = useCallFor('useParticipantCountByRole');
  return useStore(call.store, (state) => state.call?.participants_count_by_role ?? NONE);
}
