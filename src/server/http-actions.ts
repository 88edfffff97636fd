import { StageKitError, type Command } from '../core/index.js';
import { FEATURE_PATHS } from '../core/call-features.js';

// The REST actions on a call: which engine command each path becomes, and which per-user limit it
// counts against. The HTTP app routes them; this file is the one place to add an action.

/** The body of a call action: what the engine's command gets from it. */
type CommandFromBody = (body: Record<string, unknown> | undefined) => Command;

const noBody =
  (command: Command): CommandFromBody =>
  (body) => {
    expectEmpty(body);
    return command;
  };

export const withInput =
  <T extends 'getOrCreate' | 'join' | 'update' | 'updateCallMembers' | 'goLive' | 'stopLive'>(type: T): CommandFromBody =>
  (body) =>
    ({ type, input: body }) as Command;

const withUserIds =
  (type: 'stage.grantAccess' | 'stage.denyAccess' | 'stage.revokeAccess' | 'stage.kick'): CommandFromBody =>
  (body) => {
    const { user_ids, only_requested, ...rest } = body ?? {};
    // Only a grant can be limited to pending requests; the engine checks the flag's type.
    const grant = type === 'stage.grantAccess';
    rejectUnknown(grant || only_requested === undefined ? rest : { ...rest, only_requested });
    return { type, user_ids: user_ids as string[], ...(grant && only_requested !== undefined && { only_requested: only_requested as boolean }) };
  };

const withModeration =
  (type: 'moderation.remove' | 'moderation.block' | 'moderation.unblock'): CommandFromBody =>
  (body) =>
    ({ type, input: body }) as Command;

/** `start_broadcasting`, `stop_recording`, …: the features as the reference API names them, no body. */
const FEATURE_ACTIONS = Object.fromEntries(
  Object.entries(FEATURE_PATHS).flatMap(([feature, path]) => [
    [`start_${path}`, noBody({ type: 'feature.start', feature } as Command)],
    [`stop_${path}`, noBody({ type: 'feature.stop', feature } as Command)],
  ]),
);

/** `POST /video/call/{type}/{id}/{action}`: the reference paths, one engine command each. */
export const CALL_ACTIONS: Record<string, CommandFromBody> = {
  go_live: withInput('goLive'),
  stop_live: withInput('stopLive'),
  join: withInput('join'),
  leave: noBody({ type: 'leave' }),
  mark_ended: noBody({ type: 'endCall' }),
  members: withInput('updateCallMembers'),
  'stage/request': noBody({ type: 'stage.requestAccess' }),
  'stage/cancel': noBody({ type: 'stage.cancelRequestAccess' }),
  'stage/decline': noBody({ type: 'stage.declineInvitation' }),
  'stage/join': noBody({ type: 'stage.join' }),
  'stage/leave': noBody({ type: 'stage.leave' }),
  'stage/grant': withUserIds('stage.grantAccess'),
  'stage/deny': withUserIds('stage.denyAccess'),
  'stage/revoke': withUserIds('stage.revokeAccess'),
  'stage/kick': withUserIds('stage.kick'),
  ...FEATURE_ACTIONS,
  remove_participant: withModeration('moderation.remove'),
  block: withModeration('moderation.block'),
  unblock: withModeration('moderation.unblock'),
};

export type Limited =
  | 'requests'
  | 'callReads'
  | 'stageRequests'
  | 'callCreates'
  | 'callUpdates'
  | 'memberUpdates'
  | 'joinsAndLeaves'
  | 'stageMoves'
  | 'liveToggles'
  | 'featureToggles'
  | 'moderation'
  | 'stageDecisions';

/** Every action that reaches others watching a call, or creates state, is limited per user. */
export const LIMITED_ACTIONS = new Map<string, Limited>([
  ['stage/request', 'stageRequests'],
  ['stage/cancel', 'stageRequests'],
  // Declining reaches every manager, as a request does.
  ['stage/decline', 'stageRequests'],
  ['stage/join', 'stageMoves'],
  ['stage/leave', 'stageMoves'],
  ['stage/grant', 'stageDecisions'],
  ['stage/deny', 'stageDecisions'],
  ['stage/revoke', 'stageDecisions'],
  ['stage/kick', 'stageDecisions'],
  ['go_live', 'liveToggles'],
  ['stop_live', 'liveToggles'],
  ['mark_ended', 'liveToggles'],
  ['join', 'joinsAndLeaves'],
  ['leave', 'joinsAndLeaves'],
  ['members', 'memberUpdates'],
  ...Object.keys(FEATURE_ACTIONS).map((action): [string, Limited] => [action, 'featureToggles']),
  // Each reaches the user concerned and every moderator, and a block is kept in the call.
  ['remove_participant', 'moderation'],
  ['block', 'moderation'],
  ['unblock', 'moderation'],
]);

export const LIMIT_NAMES: Record<Limited, string> = {
  requests: 'requests',
  callReads: 'reads of a call',
  stageRequests: 'stage requests',
  callCreates: 'calls created',
  callUpdates: 'call updates',
  memberUpdates: 'member updates',
  joinsAndLeaves: 'joins and leaves',
  stageMoves: 'stage joins and leaves',
  liveToggles: 'go-lives, stop-lives and ends',
  featureToggles: 'starts and stops of broadcasting, recording, transcription and captions',
  moderation: 'removals, blocks and unblocks',
  stageDecisions: 'stage decisions',
};

export function rejectUnknown(rest: Record<string, unknown>): void {
  const unknown = Object.keys(rest);
  if (unknown.length === 0) return;
  const fields = unknown.map((name) => ({ path: `input.${name}`, message: 'is not a known field' }));
  throw new StageKitError('INVALID_INPUT', `invalid input: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, { fields });
}

/** Actions without input take no body, or an empty object; anything else is named, not ignored. */
function expectEmpty(body: Record<string, unknown> | undefined): void {
  rejectUnknown(body ?? {});
}

