'use client';
import type { BulkStageResult, StageStatus } from '../core/index.js';
import { useCallMutation, type CallMutation, type CallMutationOptions } from './useCallMutation.js';

type StatusResult = { status: StageStatus };

/** OFF_STAGE → REQUESTED (or straight to ACCEPTED with `join-stage`). */
export function useRequestStageAccess(options?: CallMutationOptions<void, StatusResult>): CallMutation<void, StatusResult> {
  return useCallMutation('useRequestStageAccess', 'stage.requestAccess', (call) => call.stage.requestAccess(), options);
}

/** REQUESTED (or an unanswered invitation) → OFF_STAGE. */
export function useCancelStageRequest(options?: CallMutationOptions<void, StatusResult>): CallMutation<void, StatusResult> {
  return useCallMutation('useCancelStageRequest', 'stage.cancelRequestAccess', (call) => call.stage.cancelRequestAccess(), options);
}

/** ACCEPTED → OFF_STAGE: turns down an invitation or an approval; the managers are told. */
export function useDeclineStageInvitation(options?: CallMutationOptions<void, StatusResult>): CallMutation<void, StatusResult> {
  return useCallMutation('useDeclineStageInvitation', 'stage.declineInvitation', (call) => call.stage.declineInvitation(), options);
}

/** ACCEPTED → ON_STAGE. */
export function useJoinStage(options?: CallMutationOptions<void, StatusResult>): CallMutation<void, StatusResult> {
  return useCallMutation('useJoinStage', 'stage.join', (call) => call.stage.join(), options);
}

/** ON_STAGE → off the stage. */
export function useLeaveStage(options?: CallMutationOptions<void, StatusResult>): CallMutation<void, StatusResult> {
  return useCallMutation('useLeaveStage', 'stage.leave', (call) => call.stage.leave(), options);
}

/** Managers: accept requests or invite users who did not ask, by user ids; one result per id. */
export function useGrantStageAccess(options?: CallMutationOptions<string[], BulkStageResult>): CallMutation<string[], BulkStageResult> {
  return useCallMutation('useGrantStageAccess', 'stage.grantAccess', (call, ids) => call.stage.grantAccess(ids), options);
}

/**
 * Managers: accept pending requests only. A request another manager decided meanwhile is
 * skipped (`NO_PENDING_REQUEST`), so two managers never both decide one request.
 */
export function useAcceptStageRequests(
  options?: CallMutationOptions<string[], BulkStageResult>,
): CallMutation<string[], BulkStageResult> {
  return useCallMutation(
    'useAcceptStageRequests',
    'stage.acceptRequests',
    (call, ids) => call.stage.grantAccess(ids, { onlyRequested: true }),
    options,
  );
}

/** Managers: deny pending requests, by user ids. */
export function useDenyStageAccess(options?: CallMutationOptions<string[], BulkStageResult>): CallMutation<string[], BulkStageResult> {
  return useCallMutation('useDenyStageAccess', 'stage.denyAccess', (call, ids) => call.stage.denyAccess(ids), options);
}

/**
 * Managers: take back invitations and approvals of users not yet on stage. Separate from deny,
 * so a deny racing another manager's accept stays a skip, never a reversal.
 */
export function useRevokeStageAccess(options?: CallMutationOptions<string[], BulkStageResult>): CallMutation<string[], BulkStageResult> {
  return useCallMutation('useRevokeStageAccess', 'stage.revokeAccess', (call, ids) => call.stage.revokeAccess(ids), options);
}

/** Managers: take users off the stage, by user ids. */
export function useKickFromStage(options?: CallMutationOptions<string[], BulkStageResult>): CallMutation<string[], BulkStageResult> {
  return useCallMutation('useKickFromStage', 'stage.kick', (call, ids) => call.stage.kick(ids), options);
}

export interface UseStageActionsResult {
  requestAccess: CallMutation<void, StatusResult>;
  cancelRequestAccess: CallMutation<void, StatusResult>;
  declineInvitation: CallMutation<void, StatusResult>;
  join: CallMutation<void, StatusResult>;
  leave: CallMutation<void, StatusResult>;
  grantAccess: CallMutation<string[], BulkStageResult>;
  acceptRequests: CallMutation<string[], BulkStageResult>;
  denyAccess: CallMutation<string[], BulkStageResult>;
  revokeAccess: CallMutation<string[], BulkStageResult>;
  kick: CallMutation<string[], BulkStageResult>;
}

/**
 * Every stage action as a mutation with its own pending and error state. A control that needs
 * one action should use that action's hook (`useKickFromStage`, …): each mutation is an observer.
 */
export function useStageActions(): UseStageActionsResult {
  return {
    requestAccess: useRequestStageAccess(),
    cancelRequestAccess: useCancelStageRequest(),
    declineInvitation: useDeclineStageInvitation(),
    join: useJoinStage(),
    leave: useLeaveStage(),
    grantAccess: useGrantStageAccess(),
    acceptRequests: useAcceptStageRequests(),
    denyAccess: useDenyStageAccess(),
    revokeAccess: useRevokeStageAccess(),
    kick: useKickFromStage(),
  };
}
