import type { CallSideEffect, Participant, StageStatus, User } from './model.js';
import type {
  AudienceQueryInput,
  GetOrCreateInput,
  GoLiveInput,
  JoinInput,
  ModerationInput,
  StopLiveInput,
  UpdateCallInput,
  UpdateCallMembersInput,
} from './schemas.js';

// What the engine is asked to do, and what it answers: the commands of every rule module.

export type StageCommandType =
  | 'stage.requestAccess'
  | 'stage.cancelRequestAccess'
  | 'stage.declineInvitation'
  | 'stage.join'
  | 'stage.leave';
export type BulkStageCommandType = 'stage.grantAccess' | 'stage.denyAccess' | 'stage.revokeAccess' | 'stage.kick';

export type Command =
  | { type: 'getOrCreate'; input?: GetOrCreateInput }
  | { type: 'get' }
  | { type: 'join'; input?: JoinInput }
  | { type: 'leave'; reason?: 'left' | 'dropped' }
  | { type: 'update'; input: UpdateCallInput }
  | { type: 'updateCallMembers'; input: UpdateCallMembersInput }
  | { type: 'goLive'; input?: GoLiveInput }
  | { type: 'stopLive'; input?: StopLiveInput }
  | { type: 'endCall' }
  /** Starts or stops HLS, recording, transcription or captions, live or not, until the call ends. */
  | { type: 'feature.start' | 'feature.stop'; feature: CallSideEffect }
  /** Moderation (`block-users`): take a participant out of the call, or keep a user out until unblocked. */
  | { type: 'moderation.remove' | 'moderation.block' | 'moderation.unblock'; input: ModerationInput }
  | { type: StageCommandType }
  /**
   * `only_requested` (grant only): accept pending requests and nothing else, so a grant racing
   * another manager's deny is a clean skip instead of an invitation.
   */
  | { type: BulkStageCommandType; user_ids: string[]; only_requested?: boolean }
  /** One page of the audience, searched by name or id (`manage-stage`). Changes nothing. */
  | { type: 'audience.query'; input?: AudienceQueryInput }
  /** Tells watchers the counts when they changed; the backends send it a few times a second at most. */
  | { type: 'audience.publishCounts' };

export type CommandType = Command['type'];

export type StageSkipReason =
  | 'NOT_IN_CALL'
  | 'ALREADY_ACCEPTED'
  | 'ALREADY_ON_STAGE'
  | 'NO_PENDING_REQUEST'
  | 'HOLDS_JOIN_STAGE'
  | 'NOT_ACCEPTED'
  | 'NOT_ON_STAGE';

/** What a bulk stage action did to one user. */
export type StageOutcome =
  | { user_id: string; applied: true; status: StageStatus }
  | { user_id: string; applied: false; reason: StageSkipReason; status: StageStatus };

export interface BulkStageResult {
  results: StageOutcome[];
  applied: number;
  skipped: number;
}

/** One page of an audience query: participants in name order, and the cursor of the next page. */
export interface AudiencePage {
  participants: Participant[];
  /** Pass as `after` for the next page; null on the last one. */
  next: string | null;
  /** How many participants match the search in all. */
  total: number;
}

export interface CommandResults {
  getOrCreate: { created: boolean };
  get: Record<string, never>;
  join: { created: boolean };
  leave: Record<string, never>;
  update: Record<string, never>;
  updateCallMembers: Record<string, never>;
  goLive: Record<string, never>;
  stopLive: Record<string, never>;
  endCall: Record<string, never>;
  'feature.start': Record<string, never>;
  'feature.stop': Record<string, never>;
  'moderation.remove': Record<string, never>;
  'moderation.block': Record<string, never>;
  'moderation.unblock': Record<string, never>;
  'stage.requestAccess': { status: StageStatus };
  'stage.cancelRequestAccess': { status: StageStatus };
  'stage.declineInvitation': { status: StageStatus };
  'stage.join': { status: StageStatus };
  'stage.leave': { status: StageStatus };
  'stage.grantAccess': BulkStageResult;
  'stage.denyAccess': BulkStageResult;
  'stage.revokeAccess': BulkStageResult;
  'stage.kick': BulkStageResult;
  'audience.query': AudiencePage;
  'audience.publishCounts': Record<string, never>;
}

export interface CommandRequest<C extends Command = Command> {
  type: string;
  id: string;
  actor: User;
  command: C;
}
