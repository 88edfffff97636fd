'use client';
import { useStore } from 'zustand';
import { useCallFor } from './context.js';

/**
 * Whether a user's ACCEPTED status comes from an invitation (they had not asked) rather than an
 * approval: your own by default; others' only if you hold `manage-stage`.
 */
export function useIsInvitedToStage(userId?: string): boolean {
  const call = useCallFor('useIsInvitedToStage');
  return useStore(call.store, (state) => {
    const id = userId ?? state.user.id;
    return state.call?.stage[id] === 'ACCEPTED_TO_JOIN_STAGE' && state.call.stage_invited?.[id] === true;
  });
}
