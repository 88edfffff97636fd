import type { Capability } from '../capabilities.js';
import { forbidden, invalidState, StageKitError } from '../errors.js';
import type { ParticipantLeftReason } from '../events.js';
import { joinVerdict } from '../join-window.js';
import type { CallRecord, CallSideEffect, Participant } from '../model.js';
import type { GoLiveParsed, StopLiveParsed } from '../schemas.js';
import { withStatuses } from '../stage-statuses.js';
import { iso, type Transaction } from '../transaction.js';
import { FEATURE_CAPABILITIES } from '../call-features.js';
import { FEATURE_NAMES, requireStartable } from './features.js';

// Who may be in the call when: joining (doors, join-ahead, backstage), leaving, going live and back.

export function join(tx: Transaction): void {
  const call = tx.existing();
  const { actor } = tx;
  if (tx.participant(actor.id)) return;
  const verdict = joinVerdict(call, tx.actorCapabilities(), tx.now);
  if (!verdict.allowed) {
    if (verdict.reason === 'CALL_ENDED') {
      throw new StageKitError('CALL_ENDED', "the call has ended; joining it needs the 'join-ended-call' capability", {
        capability: 'join-ended-call',
      });
    }
    if (verdict.reason === 'FORBIDDEN') throw forbidden('join-call', 'joining a call');
    const opensAt = verdict.opensAt == null ? null : iso(verdict.opensAt);
    throw new StageKitError(
      'NOT_YET_OPEN',
      opensAt
        ? `the call is in backstage; viewers may join from ${opensAt}`
        : "the call is in backstage; viewers may join once it goes live (or with 'join-backstage')",
      { opensAt },
    );
  }
  const participant: Participant = {
    user_id: actor.id,
    role: actor.role ?? 'user',
    joined_at: tx.nowIso,
    ...(actor.name !== undefined && { name: actor.name }),
  };
  // One path of the participants' trie is copied, however large the audience.
  tx.patch({
    participants: call.participants.set(actor.id, participant),
    participants_by_role: tx.countRole(tx.callRole(actor.id, participant), 1),
  });
  tx.relist();
  tx.emit({ type: 'call.participant_joined', participant, listed: tx.listed(actor.id) });
  tx.normalizeStage(actor.id);
}

export function leave(tx: Transaction, reason: ParticipantLeftReason): void {
  tx.existing();
  if (!tx.participant(tx.actor.id)) return;
  tx.removeParticipant(tx.actor.id, reason);
}

/**
 * Going live. A call in backstage opens to viewers; a call open from the start (backstage off)
 * records when it went live. Either way the requested features start. Only a call that has
 * already gone live, and not gone back to backstage since, answers "already live".
 */
export function goLive(tx: Transaction, input: GoLiveParsed): void {
  const call = tx.notEnded('going live');
  tx.require('update-call', 'going live');
  if (!call.backstage && call.live_started_at !== null) throw invalidState('the call is already live');
  const starts: [boolean | undefined, CallSideEffect][] = [
    [input.start_hls, 'hls'],
    [input.start_recording, 'recording'],
    [input.start_transcription, 'transcribing'],
    [input.start_closed_caption, 'captioning'],
  ];
  const changes: Partial<CallRecord> = { backstage: false, live_started_at: tx.nowIso };
  for (const [asked, feature] of starts) {
    if (!asked || call[feature]) continue;
    tx.require(FEATURE_CAPABILITIES[feature][0], `starting ${FEATURE_NAMES[feature]}`);
    requireStartable(call, feature);
    changes[feature] = true;
  }
  // A call set to record on its own (`auto-on`) records from going live, whoever takes it live:
  // the setting was allowed by whoever set it, so going live does not ask for `start-record-call`.
  if (call.settings.recording?.mode === 'auto-on' && !call.recording) changes.recording = true;
  tx.patch(changes);
  tx.emit({ type: 'call.live_started', call: tx.fields() });
}

export function stopLive(tx: Transaction, input: StopLiveParsed): void {
  const call = tx.notEnded('stopping live');
  tx.require('update-call', 'stopping live');
  if (call.backstage) throw invalidState('the call is not live');
  if (!call.settings.backstage.enabled) {
    throw invalidState('backstage is disabled for this call, so it cannot return to it');
  }
  const stops: [boolean | undefined, Capability, 'hls' | 'recording' | 'transcribing' | 'captioning'][] = [
    [input.continue_hls, 'stop-broadcast-call', 'hls'],
    [input.continue_recording, 'stop-record-call', 'recording'],
    [input.continue_transcription, 'stop-transcription-call', 'transcribing'],
    [input.continue_closed_caption, 'stop-closed-captions-call', 'captioning'],
  ];
  const changes: Partial<CallRecord> = { backstage: true, live_ended_at: tx.nowIso };
  for (const [keep, capability, field] of stops) {
    if (keep || !call[field]) continue;
    tx.require(capability, `stopping ${field}`);
    changes[field] = false;
  }
  // Everyone without `join-backstage` goes: listed ones are named to all, the rest each to themselves.
  const removed: string[] = [];
  const unlisted: string[] = [];
  let participants = call.participants;
  let byRole = { ...call.participants_by_role };
  for (const [userId, participant] of call.participants) {
    if (tx.capabilitiesOf(userId, participant.role).includes('join-backstage')) continue;
    (tx.listed(userId) ? removed : unlisted).push(userId);
    participants = participants.delete(userId);
    byRole = tx.countRole(tx.callRole(userId, participant), -1, byRole);
  }
  const gone = [...removed, ...unlisted];
  tx.patch({
    ...changes,
    participants,
    participants_by_role: byRole,
    ...withStatuses(call, new Map(gone.map((userId) => [userId, 'OFF_STAGE'] as const))),
    stage_requests: call.stage_requests.deleteAll(gone),
  });
  tx.emit({
    type: 'call.live_ended',
    call: tx.fields(),
    removed_user_ids: removed,
    ...(unlisted.length > 0 && { unlisted_removed_user_ids: unlisted }),
  });
  tx.relist();
}
