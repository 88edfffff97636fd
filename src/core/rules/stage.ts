import type { BulkStageCommandType, BulkStageResult, StageOutcome, StageSkipReason } from '../commands.js';
import { invalidState } from '../errors.js';
import type { CallEventBody } from '../events.js';
import type { StageRequest, StageStatus } from '../model.js';
import { withStatus, withStatuses } from '../stage-statuses.js';
import type { Transaction } from '../transaction.js';

// The stage: OFF_STAGE → REQUESTED_TO_JOIN_STAGE → ACCEPTED_TO_JOIN_STAGE → ON_STAGE, asked for,
// decided by managers in bulk, answered, and left.

export function requestAccess(tx: Transaction): StageStatus {
  tx.participantOrThrow('requesting the stage');
  const status = tx.statusOf(tx.actor.id);
  if (tx.holdsJoinStage(tx.actor.id)) {
    if (status === 'ON_STAGE') throw invalidState('you are already on the stage');
    tx.setStatus(tx.actor.id, 'ACCEPTED_TO_JOIN_STAGE');
    return 'ACCEPTED_TO_JOIN_STAGE';
  }
  tx.require('request-stage', 'requesting the stage');
  if (status !== 'OFF_STAGE') throw invalidState(`a stage request needs OFF_STAGE, not ${status}`);
  const call = tx.existing();
  if (call.stage_requests.size >= call.settings.stage.max_pending_requests) {
    throw invalidState('the stage queue is full; try again later');
  }
  const request: StageRequest = {
    user_id: tx.actor.id,
    requested_at: tx.nowIso,
    ...(tx.participant(tx.actor.id)?.name !== undefined && { name: tx.participant(tx.actor.id)!.name! }),
  };
  tx.patch({
    ...withStatus(call, tx.actor.id, 'REQUESTED_TO_JOIN_STAGE'),
    stage_requests: call.stage_requests.add(request),
  });
  tx.emit({ type: 'stageStatusUpdate', user_id: tx.actor.id, status: 'REQUESTED_TO_JOIN_STAGE', previous: status });
  tx.emit({ type: 'stageAccessRequestUpdate', added: [request], removed: [] });
  tx.emit({ type: 'newStageRequest', request, count: tx.existing().stage_requests.size });
  return 'REQUESTED_TO_JOIN_STAGE';
}

export function cancelRequestAccess(tx: Transaction): StageStatus {
  tx.participantOrThrow('cancelling a stage request');
  const status = tx.statusOf(tx.actor.id);
  // An accepted user may still say no through the older cancel path: it is the same decision.
  if (status === 'ACCEPTED_TO_JOIN_STAGE' && !tx.holdsJoinStage(tx.actor.id)) return declineInvitation(tx);
  if (status !== 'REQUESTED_TO_JOIN_STAGE') throw invalidState(`there is no stage request to cancel (status ${status})`);
  tx.setStatus(tx.actor.id, 'OFF_STAGE');
  tx.emit({ type: 'stageRequestWithdrawn', user_id: tx.actor.id, ...named(tx, tx.actor.id) });
  return 'OFF_STAGE';
}

/** ACCEPTED (invited, or approved after asking) → OFF_STAGE; the managers are told. */
export function declineInvitation(tx: Transaction): StageStatus {
  tx.participantOrThrow('declining the stage');
  const status = tx.statusOf(tx.actor.id);
  if (status !== 'ACCEPTED_TO_JOIN_STAGE') throw invalidState(`there is no invitation to decline (status ${status})`);
  if (tx.holdsJoinStage(tx.actor.id)) throw invalidState('you may always join the stage; there is no invitation to decline');
  const invited = tx.invited(tx.actor.id);
  tx.setStatus(tx.actor.id, 'OFF_STAGE');
  tx.emit({ type: 'stageInvitationDeclined', user_id: tx.actor.id, invited, ...named(tx, tx.actor.id) });
  return 'OFF_STAGE';
}

export function joinStage(tx: Transaction): StageStatus {
  tx.participantOrThrow('joining the stage');
  const status = tx.statusOf(tx.actor.id);
  if (status === 'ON_STAGE') throw invalidState('you are already on the stage');
  if (status !== 'ACCEPTED_TO_JOIN_STAGE') {
    throw invalidState(
      status === 'REQUESTED_TO_JOIN_STAGE'
        ? 'your stage request is waiting for a host'
        : 'joining the stage needs an accepted request',
    );
  }
  tx.setStatus(tx.actor.id, 'ON_STAGE');
  return 'ON_STAGE';
}

export function leaveStage(tx: Transaction): StageStatus {
  tx.participantOrThrow('leaving the stage');
  if (tx.statusOf(tx.actor.id) !== 'ON_STAGE') throw invalidState('you are not on the stage');
  const next = tx.restingStatus(tx.actor.id);
  tx.setStatus(tx.actor.id, next);
  return next;
}

export function bulk(tx: Transaction, type: BulkStageCommandType, userIds: string[], onlyRequested: boolean): BulkStageResult {
  tx.notEnded('managing the stage');
  tx.require('manage-stage', 'managing the stage');
  const results: StageOutcome[] = [];
  const seen = new Set<string>();
  const removedRequests: string[] = [];
  const invitedNow: string[] = [];
  const changed: string[] = [];
  const call = tx.existing();
  // The statuses the batch moves to, set in one go at the end.
  const moves = new Map<string, StageStatus>();
  const statusEvents: CallEventBody[] = [];
  const decisionEvents: CallEventBody[] = [];
  const by = tx.actor.id;
  for (const userId of userIds) {
    if (seen.has(userId)) continue;
    seen.add(userId);
    const status = call.stage.get(userId) ?? 'OFF_STAGE';
    const skip = (reason: StageSkipReason) => results.push({ user_id: userId, applied: false, reason, status });
    if (!tx.participant(userId)) {
      skip('NOT_IN_CALL');
      continue;
    }
    let next: StageStatus | null = null;
    if (type === 'stage.grantAccess') {
      if (status === 'ACCEPTED_TO_JOIN_STAGE') skip('ALREADY_ACCEPTED');
      else if (status === 'ON_STAGE') skip('ALREADY_ON_STAGE');
      else if (status === 'OFF_STAGE' && onlyRequested) skip('NO_PENDING_REQUEST');
      else next = 'ACCEPTED_TO_JOIN_STAGE';
    } else if (type === 'stage.denyAccess') {
      if (status === 'OFF_STAGE') skip('NO_PENDING_REQUEST');
      else if (status === 'ON_STAGE') skip('ALREADY_ON_STAGE');
      else if (tx.holdsJoinStage(userId)) skip('HOLDS_JOIN_STAGE');
      // Only a pending request can be denied: a second manager denying what another already
      // granted must not reverse that decision. Taking a grant back is `revokeAccess`.
      else if (status === 'ACCEPTED_TO_JOIN_STAGE') skip('ALREADY_ACCEPTED');
      else next = 'OFF_STAGE';
    } else if (type === 'stage.revokeAccess') {
      if (status === 'ON_STAGE') skip('ALREADY_ON_STAGE');
      else if (status !== 'ACCEPTED_TO_JOIN_STAGE') skip('NOT_ACCEPTED');
      else if (tx.holdsJoinStage(userId)) skip('HOLDS_JOIN_STAGE');
      else next = 'OFF_STAGE';
    } else if (status !== 'ON_STAGE') skip('NOT_ON_STAGE');
    else next = tx.restingStatus(userId);
    if (next === null) continue;
    moves.set(userId, next);
    if (status === 'REQUESTED_TO_JOIN_STAGE') removedRequests.push(userId);
    // A grant to someone who had not asked is an invitation; the user and managers can tell.
    const invited = type === 'stage.grantAccess' && status === 'OFF_STAGE';
    if (invited) invitedNow.push(userId);
    changed.push(userId);
    results.push({ user_id: userId, applied: true, status: next });
    statusEvents.push({ type: 'stageStatusUpdate', user_id: userId, status: next, previous: status, ...(invited && { invited: true as const }) });
    const name = named(tx, userId);
    if (type === 'stage.grantAccess') decisionEvents.push({ type: 'stageRequestApproved', user_id: userId, by, ...name, ...(invited && { invited: true as const }) });
    if (type === 'stage.denyAccess') decisionEvents.push({ type: 'stageRequestRejected', user_id: userId, by, ...name });
    if (type === 'stage.revokeAccess') decisionEvents.push({ type: 'stageAccessRevoked', user_id: userId, by, ...name });
    if (type === 'stage.kick') decisionEvents.push({ type: 'stageRemoved', user_id: userId, by, ...name });
  }
  const applied = results.filter((r) => r.applied).length;
  if (applied > 0) {
    // Only a kick takes anyone off the stage; who is then no longer shown to others is told so.
    const wereListed = type === 'stage.kick' ? changed.filter((userId) => tx.listed(userId)) : [];
    tx.patch({
      ...withStatuses(call, moves),
      ...(removedRequests.length > 0 && { stage_requests: call.stage_requests.deleteAll(removedRequests) }),
      ...tx.invitedPatch(changed, invitedNow),
    });
    for (const body of statusEvents) tx.emit(body);
    if (removedRequests.length > 0) tx.emit({ type: 'stageAccessRequestUpdate', added: [], removed: removedRequests });
    for (const body of decisionEvents) tx.emit(body);
    for (const userId of wereListed) if (!tx.listed(userId)) tx.emit({ type: 'call.participant_unlisted', user_id: userId });
  }
  return { results, applied, skipped: results.length - applied };
}

/**
 * The user's name, for stage news: managers of a crowd are not shown every participant, so the
 * news names whom it is about.
 */
function named(tx: Transaction, userId: string): { name?: string } {
  const name = tx.participant(userId)?.name;
  return name === undefined ? {} : { name };
}
