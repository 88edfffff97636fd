import type { AudienceListing, CallFields, CallSideEffect, CallView, Member, Participant, ParticipantCounts, StageRequest, StageStatus } from './model.js';

export type ParticipantLeftReason = 'left' | 'removed' | 'ended' | 'dropped';

/** What happened to a call. The engine produces these; each client receives its own projection of them. */
export type CallEventBody =
  | { type: 'call.created'; call: CallFields }
  | { type: 'call.updated'; call: CallFields }
  | { type: 'call.live_started'; call: CallFields }
  /**
   * The call went back to backstage; `removed_user_ids` are the participants it removed whom
   * everyone is shown, `unlisted_removed_user_ids` the rest (each user is told only of themselves).
   */
  | { type: 'call.live_ended'; call: CallFields; removed_user_ids: string[]; unlisted_removed_user_ids?: string[] }
  /** The call ended: every participant, stage status and request is gone. */
  | { type: 'call.ended'; call: CallFields }
  /** HLS, recording, transcription or captions started or stopped, live or not: everyone is told. */
  | { type: 'call.feature_changed'; feature: CallSideEffect; enabled: boolean; call: CallFields }
  /** Moderators and the user: a moderator removed the user from the call (`call.participant_left` follows). */
  | { type: 'call.participant_removed'; user_id: string; by: string; reason?: string }
  /** Moderators and the user: the user may not join or watch the call until unblocked. */
  | { type: 'call.user_blocked'; user_id: string; by: string; reason?: string }
  | { type: 'call.user_unblocked'; user_id: string; by: string }
  /**
   * The users named (the call's members but the one who asked): an app shows an incoming call
   * (`call.ring`) or a notice (`call.notification`). The kit has no push service of its own.
   * Each member receives it naming only themselves.
   */
  | { type: 'call.ring' | 'call.notification'; user_ids: string[]; by: string }
  | { type: 'call.member_added'; member: Member }
  | { type: 'call.member_updated'; member: Member }
  | { type: 'call.member_removed'; user_id: string }
  /** `listed`: everyone is shown this participant; otherwise only they are told (and counted). */
  | { type: 'call.participant_joined'; participant: Participant; listed: boolean }
  | { type: 'call.participant_left'; user_id: string; reason: ParticipantLeftReason; listed: boolean }
  /** A participant everyone is now shown (they went on stage, or became a member). */
  | { type: 'call.participant_listed'; participant: Participant }
  /** A participant no longer shown to others (off stage, no longer a member); still in the call. */
  | { type: 'call.participant_unlisted'; user_id: string }
  /** Whom everyone is shown changed for the whole call: each watcher gets a whole view instead. */
  | { type: 'call.listing_changed'; listing: AudienceListing }
  /** The counts, at most a few times a second, once they changed. */
  | ({ type: 'call.counts_updated' } & ParticipantCounts)
  /** `invited` is set when the status is ACCEPTED because a manager invited a user who had not asked. */
  | { type: 'stageStatusUpdate'; user_id: string; status: StageStatus; previous: StageStatus; invited?: true }
  /** Managers only: the pending request list changed. */
  | { type: 'stageAccessRequestUpdate'; added: StageRequest[]; removed: string[] }
  /** Managers only: someone asked for the stage; `count` is how many requests are now pending. */
  | { type: 'newStageRequest'; request: StageRequest; count: number }
  /** Managers and the user: a manager accepted a request, or invited the user (`invited`) when they had not asked. */
  | { type: 'stageRequestApproved'; user_id: string; by: string; name?: string; invited?: true }
  | { type: 'stageRequestRejected'; user_id: string; by: string; name?: string }
  /** Managers and the user: the user withdrew their pending request. */
  | { type: 'stageRequestWithdrawn'; user_id: string; name?: string }
  /** Managers and the user: the user turned down an invitation (`invited`) or an approval of their own request. */
  | { type: 'stageInvitationDeclined'; user_id: string; invited: boolean; name?: string }
  /** Managers and the user: a manager took back an invitation or an approval before the user went on stage. */
  | { type: 'stageAccessRevoked'; user_id: string; by: string; name?: string }
  /** Managers and the user: a manager took the user off the stage. */
  | { type: 'stageRemoved'; user_id: string; by: string; name?: string }
  /** A whole view, sent when what a user may see changed at once (their capabilities) or on (re)connect. */
  | { type: 'call.state'; call: CallView };

export type CallEventType = CallEventBody['type'];

export type CallEvent = CallEventBody & {
  cid: string;
  /** Per-call sequence number; a client ignores any event at or below the one it has. */
  seq: number;
  created_at: string;
};

export type CallEventOf<T extends CallEventType> = Extract<CallEvent, { type: T }>;
