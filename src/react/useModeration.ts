'use client';
import { useStore } from 'zustand';
import type { ModerationInput } from '../core/index.js';
import { useCallFor } from './context.js';
import { useCallMutation, type CallMutation, type CallMutationOptions } from './useCallMutation.js';

export type UseModerationResult = CallMutation<ModerationInput, void>;

const NONE: string[] = [];

/** Takes a participant out of the call, with an optional `reason` they are told (`block-users`). They may join again. */
export function useRemoveParticipant(options?: CallMutationOptions<ModerationInput, void>): UseModerationResult {
  return useCallMutation('useRemoveParticipant', 'moderation.remove', (call, { user_id, reason }) => call.removeParticipant(user_id, { reason }), options);
}

/** Keeps a user out of the call (joining and watching) until unblocked, removing them now (`block-users`). */
export function useBlockUser(options?: CallMutationOptions<ModerationInput, void>): UseModerationResult {
  return useCallMutation('useBlockUser', 'moderation.block', (call, { user_id, reason }) => call.blockUser(user_id, { reason }), options);
}

/** Lets a blocked user back (`block-users`). */
export function useUnblockUser(options?: CallMutationOptions<ModerationInput, void>): UseModerationResult {
  return useCallMutation('useUnblockUser', 'moderation.unblock', (call, { user_id }) => call.unblockUser(user_id), options);
}

/** The users blocked from the call, for holders of `block-users` (everyone else sees at most themselves). */
export function useBlockedUsers(): readonly string[] {
  const call = useCallFor('useBlockedUsers');
  return useStore(call.store, (state) => state.call?.blocked_user_ids ?? NONE);
}
