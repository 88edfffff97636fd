'use client';
import type { GoLiveInput, JoinInput, StopLiveInput, UpdateCallInput, UpdateCallMembersInput } from '../core/index.js';
import { useCallMutation, type CallMutation, type CallMutationOptions } from './useCallMutation.js';

export type UseGoLiveResult = CallMutation<GoLiveInput | void, void>;
export type UseStopLiveResult = CallMutation<StopLiveInput | void, void>;
export type UseEndCallResult = CallMutation<void, void>;
export type UseJoinCallResult = CallMutation<JoinInput | void, { created: boolean }>;
export type UseLeaveCallResult = CallMutation<void, void>;
export type UseUpdateCallResult = CallMutation<UpdateCallInput, void>;
export type UseUpdateCallMembersResult = CallMutation<UpdateCallMembersInput, void>;

/** Opens the call to viewers, optionally starting HLS, recording, transcription or captions. */
export function useGoLive(options?: CallMutationOptions<GoLiveInput | void, void>): UseGoLiveResult {
  return useCallMutation('useGoLive', 'goLive', (call, input) => call.goLive(input ?? undefined), options);
}

/** Returns the call to backstage; viewers are removed, side effects stop unless `continue_*`. */
export function useStopLive(options?: CallMutationOptions<StopLiveInput | void, void>): UseStopLiveResult {
  return useCallMutation('useStopLive', 'stopLive', (call, input) => call.stopLive(input ?? undefined), options);
}

/** Ends the call for everyone. */
export function useEndCall(options?: CallMutationOptions<void, void>): UseEndCallResult {
  return useCallMutation('useEndCall', 'endCall', (call) => call.endCall(), options);
}

/** Joins the call (creating it with `{ create: true }`). Refusals carry NOT_YET_OPEN's `opensAt`. */
export function useJoinCall(options?: CallMutationOptions<JoinInput | void, { created: boolean }>): UseJoinCallResult {
  return useCallMutation('useJoinCall', 'join', (call, input) => call.join(input ?? undefined), options);
}

/** Leaves the call; your stage status resets. */
export function useLeaveCall(options?: CallMutationOptions<void, void>): UseLeaveCallResult {
  return useCallMutation('useLeaveCall', 'leave', (call) => call.leave(), options);
}

/** Changes `custom`, `starts_at` or `settings_override`. */
export function useUpdateCall(options?: CallMutationOptions<UpdateCallInput, void>): UseUpdateCallResult {
  return useCallMutation('useUpdateCall', 'update', (call, input) => call.update(input), options);
}

/** Adds, updates or removes members and their call roles. */
export function useUpdateCallMembers(
  options?: CallMutationOptions<UpdateCallMembersInput, void>,
): UseUpdateCallMembersResult {
  return useCallMutation('useUpdateCallMembers', 'updateCallMembers', (call, input) => call.updateCallMembers(input), options);
}
