import { capabilitiesOf } from './access.js';
import type { Capability } from './capabilities.js';
import { applyCallTypePatch, builtInCallTypes, type CallType } from './call-types.js';
import { forbidden, invalidState, notFound, StageKitError } from './errors.js';
import type { CallEvent, CallEventBody, ParticipantLeftReason } from './events.js';
import { joinVerdict } from './join-window.js';
import type { CallFields, CallRecord, StageRequest, StageStatus, User } from './model.js';
import {
  callKeySchema,
  callTypePatchSchema,
  getOrCreateSchema,
  goLiveSchema,
  joinSchema,
  parseInput,
  stopLiveSchema,
  updateCallMembersSchema,
  updateCallSchema,
  onlyRequestedSchema,
  userIdsSchema,
  userSchema,
  type CallCreateDataParsed,
  type CallTypePatchInput,
  type GoLiveParsed,
  type StopLiveParsed,
  type UpdateCallMembersParsed,
  type UpdateCallParsed,
  type GetOrCreateInput,
  type GoLiveInput,
  type JoinInput,
  type StopLiveInput,
  type UpdateCallInput,
  type UpdateCallMembersInput,
} from './schemas.js';
import { own } from './own.js';
import { mergeOverrides, mergeSettings } from './settings.js';

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
  | { type: StageCommandType }
  /**
   * `only_requested` (grant only): accept pending requests and nothing else, so a grant racing
   * another manager's deny is a clean skip instead of an invitation.
   */
  | { type: BulkStageCommandType; user_ids: string[]; only_requested?: boolean };

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
  'stage.requestAccess': { status: StageStatus };
  'stage.cancelRequestAccess': { status: StageStatus };
  'stage.declineInvitation': { status: StageStatus };
  'stage.join': { status: StageStatus };
  'stage.leave': { status: StageStatus };
  'stage.grantAccess': BulkStageResult;
  'stage.denyAccess': BulkStageResult;
  'stage.revokeAccess': BulkStageResult;
  'stage.kick': BulkStageResult;
}

export interface CommandRequest<C extends Command = Command> {
  type: string;
  id: string;
  actor: User;
  command: C;
}

export interface Outcome<R = unknown> extends CallOutcome<R> {
  world: World;
}

export function callId(type: string, id: string): string {
  return `${type}:${id}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface CallOutcome<R = unknown> {
  /** The events this command produced, in order, already numbered. */
  events: CallEvent[];
  result: R;
  /** The call before and after; null when it did not exist. `after === before` when nothing changed. */
  before: CallRecord | null;
  after: CallRecord | null;
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
export function execute<C extends Command>(
  world: World,
  request: CommandRequest<C>,
  now: number,
): Outcome<CommandResults[C['type']]> {
  const cid = callId(request.type, request.id);
  const before = world.calls.get(cid) ?? null;
  const outcome = executeCall(world.callTypes.get(request.type), before, request, now);
  const { after } = outcome;
  const nextWorld = after && after !== before ? { ...world, calls: new Map(world.calls).set(cid, after) } : world;
  return { ...outcome, world: nextWorld };
}

function run(tx: Transaction, command: Command): unknown {
  switch (command.type) {
    case 'getOrCreate': {
      const input = parseInput(getOrCreateSchema, command.input, 'input');
      return { created: tx.getOrCreate(input.data) };
    }
    case 'get':
      tx.existing();
      tx.require('read-call', 'reading a call');
      return {};
    case 'join': {
      const input = parseInput(joinSchema, command.input, 'input');
      let created = false;
      if (!tx.call && input.create) created = tx.getOrCreate(input.data);
      tx.join();
      return { created };
    }
    case 'leave':
      tx.leave(command.reason ?? 'left');
      return {};
    case 'update':
      tx.update(parseInput(updateCallSchema, command.input, 'input'));
      return {};
    case 'updateCallMembers':
      tx.updateMembers(parseInput(updateCallMembersSchema, command.input, 'input'));
      return {};
    case 'goLive':
      tx.goLive(parseInput(goLiveSchema, command.input, 'input'));
      return {};
    case 'stopLive':
      tx.stopLive(parseInput(stopLiveSchema, command.input, 'input'));
      return {};
    case 'endCall':
      tx.endCall();
      return {};
    case 'stage.requestAccess':
      return { status: tx.requestAccess() };
    case 'stage.cancelRequestAccess':
      return { status: tx.cancelRequestAccess() };
    case 'stage.declineInvitation':
      return { status: tx.declineInvitation() };
    case 'stage.join':
      return { status: tx.joinStage() };
    case 'stage.leave':
      return { status: tx.leaveStage() };
    case 'stage.grantAccess':
    case 'stage.denyAccess':
    case 'stage.revokeAccess':
    case 'stage.kick':
      return tx.bulk(
        command.type,
        parseInput(userIdsSchema, command.user_ids, 'user_ids'),
        parseInput(onlyRequestedSchema, command.only_requested, 'only_requested') ?? false,
      );
    default:
      throw new StageKitError('INVALID_INPUT', `unknown command '${(command as { type: unknown }).type}'`, {
        fields: [{ path: 'command', message: 'is not a known command' }],
      });
  }
}

/** Changes a call by copy-on-write and records the events it produced. */
class Transaction {
  readonly events: CallEvent[] = [];
  private seq: number;
  private readonly nowIso: string;

  constructor(
    readonly callType: CallType,
    public call: CallRecord | null,
    readonly cid: string,
    readonly actor: User,
    readonly now: number,
  ) {
    this.seq = call?.seq ?? 0;
    this.nowIso = iso(now);
  }

  existing(): CallRecord {
    if (!this.call) throw notFound(this.cid);
    return this.call;
  }

  capabilitiesOf(userId: string, globalRole: string | undefined): Capability[] {
    return capabilitiesOf(this.callType, this.call, userId, globalRole);
  }

  actorCapabilities(): Capability[] {
    return this.capabilitiesOf(this.actor.id, this.actor.role);
  }

  require(capability: Capability, action: string): void {
    if (!this.actorCapabilities().includes(capability)) throw forbidden(capability, action);
  }

  /**
   * A role may be handed out only by someone who holds everything it grants, so no one raises
   * themselves or another past their own capabilities (a host cannot make anyone `admin`).
   */
  requireAssignable(role: string, holds: readonly Capability[]): void {
    const missing = (own(this.callType.grants, role) ?? []).find((capability) => !holds.includes(capability));
    if (missing) throw forbidden(missing, `giving the role '${role}'`);
  }

  emit(body: CallEventBody): void {
    this.seq += 1;
    this.events.push({ ...body, cid: this.cid, seq: this.seq, created_at: this.nowIso } as CallEvent);
    if (this.call) this.call = { ...this.call, seq: this.seq };
  }

  private patch(changes: Partial<CallRecord>): CallRecord {
    // Only a change to the call's own fields moves updated_at: those reach clients in an event
    // carrying the fields, while members, participants and the stage travel in events that do not.
    const touchesFields = Object.keys(changes).some((key) => !(key in NOT_FIELDS));
    this.call = { ...this.existing(), ...changes, ...(touchesFields && { updated_at: this.nowIso }) };
    return this.call;
  }

  private fields(): CallFields {
    return fieldsOf(this.existing());
  }

  private notEnded(action: string): CallRecord {
    const call = this.existing();
    if (call.ended_at !== null) throw new StageKitError('CALL_ENDED', `${action} is not possible: the call has ended`);
    return call;
  }

  // ---- calls -------------------------------------------------------------------------------

  getOrCreate(data: CallCreateDataParsed | undefined): boolean {
    if (this.call) {
      this.require('read-call', 'reading a call');
      return false;
    }
    this.require('create-call', 'creating a call');
    if (data?.created_by_id !== undefined && data.created_by_id !== this.actor.id && this.actor.role !== 'admin') {
      throw new StageKitError('INVALID_INPUT', 'invalid input: data.created_by_id must be your own user id', {
        fields: [{ path: 'input.data.created_by_id', message: 'must be your own user id' }],
      });
    }
    const createdBy = data?.created_by_id ?? this.actor.id;
    // The creator may hand out roles up to what they will hold themselves: their own and a host's.
    const creatorHolds = [...this.actorCapabilities(), ...(own(this.callType.grants, 'host') ?? [])];
    for (const member of data?.members ?? []) if (member.role !== undefined) this.requireAssignable(member.role, creatorHolds);
    const override = data?.settings_override ?? {};
    const settings = mergeSettings(this.callType.settings, override);
    const members: CallRecord['members'] = {};
    for (const member of data?.members ?? []) {
      members[member.user_id] = {
        user_id: member.user_id,
        role: member.role ?? 'call_member',
        custom: member.custom ?? {},
        created_at: this.nowIso,
      };
    }
    // The creator hosts their own call unless the members list gives them another role.
    if (!own(members, createdBy)) members[createdBy] = { user_id: createdBy, role: 'host', custom: {}, created_at: this.nowIso };
    const [type, id] = splitCid(this.cid);
    this.call = {
      cid: this.cid,
      type,
      id,
      created_by: createdBy,
      created_at: this.nowIso,
      updated_at: this.nowIso,
      starts_at: data?.starts_at ?? null,
      custom: data?.custom ?? {},
      settings_override: override,
      settings,
      backstage: settings.backstage.enabled,
      live_started_at: null,
      live_ended_at: null,
      ended_at: null,
      hls: false,
      recording: false,
      transcribing: false,
      captioning: false,
      members,
      participants: {},
      stage: {},
      stage_requests: [],
      seq: 0,
    };
    this.emit({ type: 'call.created', call: this.fields() });
    return true;
  }

  join(): void {
    const call = this.existing();
    if (own(call.participants, this.actor.id)) return;
    const capabilities = this.actorCapabilities();
    const verdict = joinVerdict(call, capabilities, this.now);
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
    const participant = {
      user_id: this.actor.id,
      role: this.actor.role ?? 'user',
      joined_at: this.nowIso,
      ...(this.actor.name !== undefined && { name: this.actor.name }),
    };
    this.patch({ participants: { ...call.participants, [this.actor.id]: participant } });
    this.emit({ type: 'call.participant_joined', participant });
    this.normalizeStage(this.actor.id);
  }

  leave(reason: ParticipantLeftReason): void {
    const call = this.existing();
    if (!own(call.participants, this.actor.id)) return;
    this.removeParticipant(this.actor.id, reason);
  }

  update(input: UpdateCallParsed): void {
    const call = this.existing();
    if (input.custom !== undefined || input.starts_at !== undefined) this.require('update-call', 'updating a call');
    if (input.settings_override !== undefined) this.require('update-call-settings', "changing a call's settings");
    const settingsOverride = mergeOverrides(call.settings_override, input.settings_override);
    this.patch({
      ...(input.custom !== undefined && { custom: input.custom }),
      ...(input.starts_at !== undefined && { starts_at: input.starts_at }),
      settings_override: settingsOverride,
      settings: mergeSettings(this.callType.settings, settingsOverride),
    });
    this.emit({ type: 'call.updated', call: this.fields() });
    this.normalizeAll();
  }

  updateMembers(input: UpdateCallMembersParsed): void {
    const call = this.existing();
    if (input.update_members?.length) this.require('update-call-member', 'updating call members');
    if (input.remove_members?.length) this.require('remove-call-member', 'removing call members');
    const holds = this.actorCapabilities();
    for (const member of input.update_members ?? []) {
      if (member.role !== undefined && member.role !== own(call.members, member.user_id)?.role) this.requireAssignable(member.role, holds);
    }
    // One copy of the members for the whole batch, not one per member.
    const members: CallRecord['members'] = { ...call.members };
    const bodies: CallEventBody[] = [];
    const touched = new Set<string>();
    for (const member of input.update_members ?? []) {
      const previous = own(members, member.user_id);
      const next = {
        user_id: member.user_id,
        role: member.role ?? previous?.role ?? 'call_member',
        custom: member.custom ?? previous?.custom ?? {},
        created_at: previous?.created_at ?? this.nowIso,
      };
      members[member.user_id] = next;
      bodies.push({ type: previous ? 'call.member_updated' : 'call.member_added', member: next });
      touched.add(member.user_id);
    }
    for (const userId of input.remove_members ?? []) {
      if (!own(members, userId)) continue;
      delete members[userId];
      bodies.push({ type: 'call.member_removed', user_id: userId });
      touched.add(userId);
    }
    if (bodies.length === 0) return;
    this.patch({ members });
    for (const body of bodies) this.emit(body);
    for (const userId of touched) this.normalizeStage(userId);
  }

  goLive(input: GoLiveParsed): void {
    const call = this.notEnded('going live');
    this.require('update-call', 'going live');
    if (!call.backstage) throw invalidState('the call is already live');
    const starts: [boolean | undefined, Capability, keyof CallFields][] = [
      [input.start_hls, 'start-broadcast-call', 'hls'],
      [input.start_recording, 'start-record-call', 'recording'],
      [input.start_transcription, 'start-transcription-call', 'transcribing'],
      [input.start_closed_caption, 'start-closed-captions-call', 'captioning'],
    ];
    const changes: Partial<CallRecord> = { backstage: false, live_started_at: this.nowIso };
    for (const [asked, capability, field] of starts) {
      if (!asked) continue;
      this.require(capability, `starting ${field}`);
      (changes as Record<string, unknown>)[field] = true;
    }
    this.patch(changes);
    this.emit({ type: 'call.live_started', call: this.fields() });
  }

  stopLive(input: StopLiveParsed): void {
    const call = this.notEnded('stopping live');
    this.require('update-call', 'stopping live');
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
    const changes: Partial<CallRecord> = { backstage: true, live_ended_at: this.nowIso };
    for (const [keep, capability, field] of stops) {
      if (keep || !call[field]) continue;
      this.require(capability, `stopping ${field}`);
      changes[field] = false;
    }
    const removed = Object.values(call.participants)
      .filter((p) => !this.capabilitiesOf(p.user_id, p.role).includes('join-backstage'))
      .map((p) => p.user_id);
    const gone = new Set(removed);
    this.patch({
      ...changes,
      participants: omitKeys(call.participants, gone),
      stage: omitKeys(call.stage, gone),
      stage_requests: call.stage_requests.filter((r) => !gone.has(r.user_id)),
    });
    this.emit({ type: 'call.live_ended', call: this.fields(), removed_user_ids: removed });
  }

  endCall(): void {
    const call = this.existing();
    this.require('end-call', 'ending a call');
    if (call.ended_at !== null) throw new StageKitError('CALL_ENDED', 'the call has already ended');
    this.patch({
      ended_at: this.nowIso,
      backstage: true,
      hls: false,
      recording: false,
      transcribing: false,
      captioning: false,
      participants: {},
      stage: {},
      stage_requests: [],
    });
    this.emit({ type: 'call.ended', call: this.fields() });
  }

  // ---- stage -------------------------------------------------------------------------------

  private statusOf(userId: string): StageStatus {
    return own(this.existing().stage, userId) ?? 'OFF_STAGE';
  }

  private participantOrThrow(action: string) {
    const call = this.notEnded(action);
    const participant = own(call.participants, this.actor.id);
    if (!participant) throw invalidState(`${action} needs you to join the call first`);
    return participant;
  }

  private holdsJoinStage(userId: string): boolean {
    const participant = own(this.existing().participants, userId);
    return !!participant && this.capabilitiesOf(userId, participant.role).includes('join-stage');
  }

  /** The status a participant rests at off stage: ACCEPTED for `join-stage` holders, else OFF_STAGE. */
  private restingStatus(userId: string): StageStatus {
    return this.holdsJoinStage(userId) ? 'ACCEPTED_TO_JOIN_STAGE' : 'OFF_STAGE';
  }

  private setStatus(userId: string, status: StageStatus): void {
    const call = this.existing();
    const previous = this.statusOf(userId);
    if (previous === status) return;
    const stage = { ...call.stage };
    if (status === 'OFF_STAGE') delete stage[userId];
    else stage[userId] = status;
    const hadRequest = previous === 'REQUESTED_TO_JOIN_STAGE';
    this.patch({
      stage,
      ...(hadRequest && { stage_requests: call.stage_requests.filter((r) => r.user_id !== userId) }),
      ...this.invitedPatch([userId], []),
    });
    this.emit({ type: 'stageStatusUpdate', user_id: userId, status, previous });
    if (hadRequest) this.emit({ type: 'stageAccessRequestUpdate', added: [], removed: [userId] });
  }

  private invited(userId: string): boolean {
    return own(this.existing().stage_invited, userId) === true;
  }

  /** The `stage_invited` change that marks `added` as invited and forgets `dropped`; empty when nothing changes. */
  private invitedPatch(dropped: string[], added: string[]): Partial<CallRecord> {
    const current = this.existing().stage_invited ?? {};
    const leaving = dropped.filter((userId) => Object.hasOwn(current, userId));
    if (leaving.length === 0 && added.length === 0) return {};
    const next: Record<string, true> = Object.assign(Object.create(null) as Record<string, true>, current);
    for (const userId of leaving) delete next[userId];
    for (const userId of added) next[userId] = true;
    return { stage_invited: next };
  }

  requestAccess(): StageStatus {
    this.participantOrThrow('requesting the stage');
    const status = this.statusOf(this.actor.id);
    if (this.holdsJoinStage(this.actor.id)) {
      if (status === 'ON_STAGE') throw invalidState('you are already on the stage');
      this.setStatus(this.actor.id, 'ACCEPTED_TO_JOIN_STAGE');
      return 'ACCEPTED_TO_JOIN_STAGE';
    }
    this.require('request-stage', 'requesting the stage');
    if (status !== 'OFF_STAGE') throw invalidState(`a stage request needs OFF_STAGE, not ${status}`);
    const call = this.existing();
    if (call.stage_requests.length >= call.settings.stage.max_pending_requests) {
      throw invalidState('the stage queue is full; try again later');
    }
    const request: StageRequest = {
      user_id: this.actor.id,
      requested_at: this.nowIso,
      ...(own(call.participants, this.actor.id)?.name !== undefined && { name: own(call.participants, this.actor.id)!.name! }),
    };
    this.patch({
      stage: { ...call.stage, [this.actor.id]: 'REQUESTED_TO_JOIN_STAGE' },
      stage_requests: [...call.stage_requests, request],
    });
    this.emit({ type: 'stageStatusUpdate', user_id: this.actor.id, status: 'REQUESTED_TO_JOIN_STAGE', previous: status });
    this.emit({ type: 'stageAccessRequestUpdate', added: [request], removed: [] });
    this.emit({ type: 'newStageRequest', request, count: this.existing().stage_requests.length });
    return 'REQUESTED_TO_JOIN_STAGE';
  }

  cancelRequestAccess(): StageStatus {
    this.participantOrThrow('cancelling a stage request');
    const status = this.statusOf(this.actor.id);
    // An accepted user may still say no through the older cancel path: it is the same decision.
    if (status === 'ACCEPTED_TO_JOIN_STAGE' && !this.holdsJoinStage(this.actor.id)) return this.declineInvitation();
    if (status !== 'REQUESTED_TO_JOIN_STAGE') throw invalidState(`there is no stage request to cancel (status ${status})`);
    this.setStatus(this.actor.id, 'OFF_STAGE');
    this.emit({ type: 'stageRequestWithdrawn', user_id: this.actor.id });
    return 'OFF_STAGE';
  }

  /** ACCEPTED (invited, or approved after asking) → OFF_STAGE; the managers are told. */
  declineInvitation(): StageStatus {
    this.participantOrThrow('declining the stage');
    const status = this.statusOf(this.actor.id);
    if (status !== 'ACCEPTED_TO_JOIN_STAGE') throw invalidState(`there is no invitation to decline (status ${status})`);
    if (this.holdsJoinStage(this.actor.id)) throw invalidState('you may always join the stage; there is no invitation to decline');
    const invited = this.invited(this.actor.id);
    this.setStatus(this.actor.id, 'OFF_STAGE');
    this.emit({ type: 'stageInvitationDeclined', user_id: this.actor.id, invited });
    return 'OFF_STAGE';
  }

  joinStage(): StageStatus {
    this.participantOrThrow('joining the stage');
    const status = this.statusOf(this.actor.id);
    if (status === 'ON_STAGE') throw invalidState('you are already on the stage');
    if (status !== 'ACCEPTED_TO_JOIN_STAGE') {
      throw invalidState(
        status === 'REQUESTED_TO_JOIN_STAGE'
          ? 'your stage request is waiting for a host'
          : 'joining the stage needs an accepted request',
      );
    }
    this.setStatus(this.actor.id, 'ON_STAGE');
    return 'ON_STAGE';
  }

  leaveStage(): StageStatus {
    this.participantOrThrow('leaving the stage');
    if (this.statusOf(this.actor.id) !== 'ON_STAGE') throw invalidState('you are not on the stage');
    const next = this.restingStatus(this.actor.id);
    this.setStatus(this.actor.id, next);
    return next;
  }

  bulk(type: BulkStageCommandType, userIds: string[], onlyRequested: boolean): BulkStageResult {
    this.notEnded('managing the stage');
    this.require('manage-stage', 'managing the stage');
    const results: StageOutcome[] = [];
    const seen = new Set<string>();
    const removedRequests: string[] = [];
    const invitedNow: string[] = [];
    const changed: string[] = [];
    const call = this.existing();
    const stage = { ...call.stage };
    const statusEvents: CallEventBody[] = [];
    const decisionEvents: CallEventBody[] = [];
    const by = this.actor.id;
    for (const userId of userIds) {
      if (seen.has(userId)) continue;
      seen.add(userId);
      const status = own(stage, userId) ?? 'OFF_STAGE';
      const skip = (reason: StageSkipReason) => results.push({ user_id: userId, applied: false, reason, status });
      if (!own(call.participants, userId)) {
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
        else if (this.holdsJoinStage(userId)) skip('HOLDS_JOIN_STAGE');
        // Only a pending request can be denied: a second manager denying what another already
        // granted must not reverse that decision. Taking a grant back is `revokeAccess`.
        else if (status === 'ACCEPTED_TO_JOIN_STAGE') skip('ALREADY_ACCEPTED');
        else next = 'OFF_STAGE';
      } else if (type === 'stage.revokeAccess') {
        if (status === 'ON_STAGE') skip('ALREADY_ON_STAGE');
        else if (status !== 'ACCEPTED_TO_JOIN_STAGE') skip('NOT_ACCEPTED');
        else if (this.holdsJoinStage(userId)) skip('HOLDS_JOIN_STAGE');
        else next = 'OFF_STAGE';
      } else if (status !== 'ON_STAGE') skip('NOT_ON_STAGE');
      else next = this.restingStatus(userId);
      if (next === null) continue;
      if (next === 'OFF_STAGE') delete stage[userId];
      else stage[userId] = next;
      if (status === 'REQUESTED_TO_JOIN_STAGE') removedRequests.push(userId);
      // A grant to someone who had not asked is an invitation; the user and managers can tell.
      const invited = type === 'stage.grantAccess' && status === 'OFF_STAGE';
      if (invited) invitedNow.push(userId);
      changed.push(userId);
      results.push({ user_id: userId, applied: true, status: next });
      statusEvents.push({ type: 'stageStatusUpdate', user_id: userId, status: next, previous: status, ...(invited && { invited: true as const }) });
      if (type === 'stage.grantAccess') decisionEvents.push({ type: 'stageRequestApproved', user_id: userId, by, ...(invited && { invited: true as const }) });
      if (type === 'stage.denyAccess') decisionEvents.push({ type: 'stageRequestRejected', user_id: userId, by });
      if (type === 'stage.revokeAccess') decisionEvents.push({ type: 'stageAccessRevoked', user_id: userId, by });
      if (type === 'stage.kick') decisionEvents.push({ type: 'stageRemoved', user_id: userId, by });
    }
    const applied = results.filter((r) => r.applied).length;
    if (applied > 0) {
      const removed = new Set(removedRequests);
      this.patch({
        stage,
        ...(removed.size > 0 && { stage_requests: call.stage_requests.filter((r) => !removed.has(r.user_id)) }),
        ...this.invitedPatch(changed, invitedNow),
      });
      for (const body of statusEvents) this.emit(body);
      if (removed.size > 0) this.emit({ type: 'stageAccessRequestUpdate', added: [], removed: removedRequests });
      for (const body of decisionEvents) this.emit(body);
    }
    return { results, applied, skipped: results.length - applied };
  }

  // ---- invariants after capability changes -------------------------------------------------

  private removeParticipant(userId: string, reason: ParticipantLeftReason): void {
    if (this.statusOf(userId) !== 'OFF_STAGE') this.setStatus(userId, 'OFF_STAGE');
    const { [userId]: _gone, ...participants } = this.existing().participants;
    this.patch({ participants });
    this.emit({ type: 'call.participant_left', user_id: userId, reason });
  }

  /**
   * Brings one participant back within the rules after their capabilities changed: out of a
   * backstage call they may no longer be in, up to ACCEPTED when they now hold `join-stage`, and
   * out of the request queue when they no longer hold `request-stage`.
   */
  private normalizeStage(userId: string): void {
    const call = this.existing();
    const participant = own(call.participants, userId);
    if (!participant) return;
    const capabilities = this.capabilitiesOf(userId, participant.role);
    if (!joinVerdict(call, capabilities, this.now).allowed) {
      this.removeParticipant(userId, 'removed');
      return;
    }
    const status = this.statusOf(userId);
    if (capabilities.includes('join-stage')) {
      if (status === 'OFF_STAGE' || status === 'REQUESTED_TO_JOIN_STAGE') this.setStatus(userId, 'ACCEPTED_TO_JOIN_STAGE');
    } else if (status === 'REQUESTED_TO_JOIN_STAGE' && !capabilities.includes('request-stage')) {
      this.setStatus(userId, 'OFF_STAGE');
    }
  }

  normalizeAll(): void {
    for (const userId of Object.keys(this.existing().participants)) this.normalizeStage(userId);
  }
}

const NOT_FIELDS: Record<Exclude<keyof CallRecord, keyof CallFields>, true> = {
  members: true,
  participants: true,
  stage: true,
  stage_requests: true,
  stage_invited: true,
  seq: true,
};

function splitCid(cid: string): [string, string] {
  const at = cid.indexOf(':');
  return [cid.slice(0, at), cid.slice(at + 1)];
}

function omitKeys<T>(record: Record<string, T>, keys: Set<string>): Record<string, T> {
  if (keys.size === 0) return record;
  const next: Record<string, T> = {};
  for (const key in record) if (!keys.has(key)) next[key] = record[key] as T;
  return next;
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

export function fieldsOf(call: CallRecord): CallFields {
  const { members: _m, participants: _p, stage: _s, stage_requests: _r, stage_invited: _i, seq: _q, ...fields } = call;
  return fields;
}

