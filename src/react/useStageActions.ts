'use client';
import type { BulkStageResult, StageStatus } from '../core/index.js';
import { useCallMutation, type CallMutation } from './useCallMutation.js';

export interface UseStageActionsResult {
  /** OFF_STAGE → REQUESTED (or straight to ACCEPTED with `join-stage`). */
  requestAccess: CallMutation<void, { status: StageStatus }>;
  /** REQUESTED (or an unanswered invitation) → OFF_STAGE. */
  cancelRequestAccess: CallMutation<void, { status: StageStatus }>;
  /** ACCEPTED → ON_STAGE. */
  join: CallMutation<void, { status: StageStatus }>;
  /** ON_STAGE → off the stage. */
  leave: CallMutation<void, { status: StageStatus }>;
  /** Managers: accept requests or invite, by user ids; one result per id. */
  grantAccess: CallMutation<string[], BulkStageResult>;
  /**
   * Managers: accept pending requests only. A request another manager decided meanwhile is
   * skipped (`NO_PENDING_REQUEST`), so two managers never both decide one request.
   */
  acceptRequests: CallMutation<string[], BulkStageResult>;
  denyAccess: CallMutation<string[], BulkStageResult>;
  kick: CallMutation<string[], BulkStageResult>;
}

/** Every stage action as a mutation with its own pending and error state. */
export function useStageActions(): UseStageActionsResult {
  return {
    requestAccess: useCallMutation('useStageActions', 'stage.requestAccess', (call) => call.stage.requestAccess()),
    cancelRequestAccess: useCallMutation('useStageActions', 'stage.cancelRequestAccess', (call) =>
      call.stage.cancelRequestAccess(),
    ),
    join: useCallMutation('useStageActions', 'stage.join', (call) => call.stage.join()),
    leave: useCallMutation('useStageActions', 'stage.leave', (call) => call.stage.leave()),
    grantAccess: useCallMutation('useStageActions', 'stage.grantAccess', (call, ids: string[]) => call.stage.grantAccess(ids)),
    acceptRequests: useCallMutation('useStageActions', 'stage.acceptRequests', (call, ids: string[]) =>
      call.stage.grantAccess(ids, { onlyRequested: true }),
    ),
    denyAccess: useCallMutation('useStageActions', 'stage.denyAccess', (call, ids: string[]) => call.stage.denyAccess(ids)),
    kick: useCallMutation('useStageActions', 'stage.kick', (call, ids: string[]) => call.stage.kick(ids)),
  };
}
