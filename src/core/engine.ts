import { applyCallTypePatch, builtInCallTypes, type CallType } from './call-types.js';
import type { Command, CommandRequest, CommandResults } from './commands.js';
import { StageKitError } from './errors.js';
import type { CallEvent } from './events.js';
import type { CallRecord } from './model.js';
import { accessRefusal } from './access.js';
import { publishCounts, queryAudience } from './rules/audience.js';
import { setFeature } from './rules/features.js';
import { blockUser, removeParticipant, unblockUser } from './rules/moderation.js';
import { goLive, join, leave, stopLive } from './rules/backstage.js';
import { endCall, getOrCreate, tellMembers, update, updateMembers } from './rules/calls.js';
import { bulk, cancelRequestAccess, declineInvitation, joinStage, leaveStage, requestAccess } from './rules/stage.js';
import {
  audienceQuerySchema,
  callKeySchema,
  callTypePatchSchema,
  featureSchema,
  getOrCreateSchema,
  goLiveSchema,
  joinSchema,
  moderationSchema,
  onlyRequestedSchema,
  parseInput,
  stopLiveSchema,
  unblockSchema,
  updateCallMembersSchema,
  updateCallSchema,
  userIdsSchema,
  userSchema,
  type CallTypePatchInput,
} from './schemas.js';
import { mergeSettings } from './settings.js';
import { fieldsOf, Transaction } from './transaction.js';

export type {
  AudiencePage,
  BulkStageCommandType,
  BulkStageResult,
  Command,
  CommandRequest,
  CommandResults,
  CommandType,
  StageCommandType,
  StageOutcome,
  StageSkipReason,
} from './commands.js';
export { fieldsOf } from './transaction.js';

/**
 * Everything the engine knows: call types and calls, by name and by cid. Treated as immutable;
 * `execute` returns a new world. Servers keep their own maps and run `executeCall` on one call,
 * so a change costs the same with one call or a hundred thousand.
 */
export interface World {
  callTypes: ReadonlyMap<string, CallType>;
  calls: ReadonlyMap<string, CallRecord>;
}

export function createWorld(callTypes: ReadonlyMap<string, CallType> = builtInCallTypes()): World {
  return { callTypes, calls: new Map() };
}

export function callId(type: string, id: string): string {
  return `${type}:${id}`;
}

export interface CallOutcome<R = unknown> {
  /** The events this command produced, in order, already numbered. */
  events: CallEvent[];
  result: R;
  /** The call before and after; null when it did not exist. `after === before` when nothing changed. */
  before: CallRecord | null;
  after: CallRecord | null;
}

export interface Outcome<R = unknown> extends CallOutcome<R> {
  world: World;
}

/**
 * Runs one command on one call: validates it, checks the actor's capabilities and the rules, and
 * returns the call after it with the events that describe the change. Throws a StageKitError and
 * changes nothing when the command is refused. Pure: time comes in as `now`. `callType` is the
 * type named by `request.type` (undefined when there is none: NOT_FOUND).
 */
export function executeCall<C extends Command>(
  callType: CallType | undefined,
  before: CallRecord | null,
  request: CommandRequest<C>,
  now: number,
): CallOutcome<CommandResults[C['type']]> {
  const key = parseInput(callKeySchema, { type: request.type, id: request.id }, 'call');
  const actor = parseInput(userSchema, request.actor, 'user');
  if (!callType) throw new StageKitError('NOT_FOUND', `call type '${key.type}' does not exist`);
  const tx = new Transaction(callType, before, callId(key.type, key.id), actor, now);
  const result = run(tx, request.command);
  return { events: tx.events, result: result as CommandResults[C['type']], before, after: tx.call };
}

/**
 * `executeCall` over a whole world, for tests and tools: the next world is a copy, so this costs
 * time in proportion to the number of calls.
 */
export function execute<C extends Command>(world: World, request: CommandRequest<C>, now: number): Outcome<CommandResults[C['type']]> {
  const cid = callId(request.type, request.id);
  const before = world.calls.get(cid) ?? null;
  const outcome = executeCall(world.callTypes.get(request.type), before, request, now);
  const { after } = outcome;
  const nextWorld = after && after !== before ? { ...world, calls: new Map(world.calls).set(cid, after) } : world;
  return { ...outcome, world: nextWorld };
}

/** Parses a command's input and hands it to the rule module that owns it. */
function run(tx: Transaction, command: Command): unknown {
  // A blocked user, or one outside the call's team, is refused whatever they ask; but someone in
  // the call may always leave it (one outside a team set on it meanwhile must be able to go, and be
  // dropped). The backend's own bookkeeping (publishing counts) acts for no one.
  const leaving = command.type === 'leave' && tx.call?.participants.has(tx.actor.id) === true;
  const refusal = tx.call && command.type !== 'audience.publishCounts' && !leaving ? accessRefusal(tx.call, tx.actor) : null;
  if (refusal) throw refusal;
  switch (command.type) {
    case 'getOrCreate': {
      const input = parseInput(getOrCreateSchema, command.input, 'input');
      const created = getOrCreate(tx, input.data);
      tellMembers(tx, input, created);
      return { created };
    }
    case 'get':
      tx.existing();
      tx.require('read-call', 'reading a call');
      return {};
    case 'join': {
      const input = parseInput(joinSchema, command.input, 'input');
      const created = !tx.call && input.create ? getOrCreate(tx, input.data) : false;
      join(tx);
      return { created };
    }
    case 'leave':
      leave(tx, command.reason ?? 'left');
      return {};
    case 'update':
      update(tx, parseInput(updateCallSchema, command.input, 'input'));
      return {};
    case 'updateCallMembers':
      updateMembers(tx, parseInput(updateCallMembersSchema, command.input, 'input'));
      return {};
    case 'goLive':
      goLive(tx, parseInput(goLiveSchema, command.input, 'input'));
      return {};
    case 'stopLive':
      stopLive(tx, parseInput(stopLiveSchema, command.input, 'input'));
      return {};
    case 'endCall':
      endCall(tx);
      return {};
    case 'feature.start':
    case 'feature.stop':
      setFeature(tx, parseInput(featureSchema, command.feature, 'feature'), command.type === 'feature.start');
      return {};
    case 'moderation.remove':
      removeParticipant(tx, parseInput(moderationSchema, command.input, 'input'));
      return {};
    case 'moderation.block':
      blockUser(tx, parseInput(moderationSchema, command.input, 'input'));
      return {};
    case 'moderation.unblock':
      unblockUser(tx, parseInput(unblockSchema, command.input, 'input'));
      return {};
    case 'stage.requestAccess':
      return { status: requestAccess(tx) };
    case 'stage.cancelRequestAccess':
      return { status: cancelRequestAccess(tx) };
    case 'stage.declineInvitation':
      return { status: declineInvitation(tx) };
    case 'stage.join':
      return { status: joinStage(tx) };
    case 'stage.leave':
      return { status: leaveStage(tx) };
    case 'stage.grantAccess':
    case 'stage.denyAccess':
    case 'stage.revokeAccess':
    case 'stage.kick':
      return bulk(
        tx,
        command.type,
        parseInput(userIdsSchema, command.user_ids, 'user_ids'),
        parseInput(onlyRequestedSchema, command.only_requested, 'only_requested') ?? false,
      );
    case 'audience.query':
      return queryAudience(tx, parseInput(audienceQuerySchema, command.input ?? {}, 'input'));
    case 'audience.publishCounts':
      publishCounts(tx);
      return {};
    default:
      throw new StageKitError('INVALID_INPUT', `unknown command '${(command as { type: unknown }).type}'`, {
        fields: [{ path: 'command', message: 'is not a known command' }],
      });
  }
}

export interface CallTypeChange {
  before: CallRecord;
  after: CallRecord;
  events: CallEvent[];
  beforeType: CallType;
}

/**
 * Changes a call type and re-applies the rules to its calls (a lost grant can remove a participant
 * or a request). Returns the new type and, per call of that type, the call after and its events;
 * the caller stores them.
 */
export function updateCallType(
  callTypes: ReadonlyMap<string, CallType>,
  calls: Iterable<CallRecord>,
  name: string,
  patchInput: CallTypePatchInput,
  now: number,
): { callType: CallType; changes: CallTypeChange[] } {
  const patch = parseInput(callTypePatchSchema, patchInput, 'input');
  const current = callTypes.get(name);
  if (!current) throw new StageKitError('NOT_FOUND', `call type '${name}' does not exist`);
  const nextType = applyCallTypePatch(current, patch);
  const changes: CallTypeChange[] = [];
  for (const before of calls) {
    if (before.type !== name) continue;
    const tx = new Transaction(nextType, before, before.cid, { id: before.created_by }, now);
    const settings = mergeSettings(nextType.settings, before.settings_override);
    tx.call = { ...before, settings };
    // Every watcher re-reads its capabilities from this event's projection.
    tx.emit({ type: 'call.updated', call: fieldsOf(tx.call) });
    tx.normalizeAll();
    changes.push({ before, after: tx.call!, events: tx.events, beforeType: current });
  }
  return { callType: nextType, changes };
}
