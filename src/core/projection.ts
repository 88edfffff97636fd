import { capabilitiesOf, isBlocked, sameCapabilities, withStageCapabilities } from './access.js';
import type { Capability } from './capabilities.js';
import type { CallType } from './call-types.js';
import { fieldsOf } from './engine.js';
import type { CallEvent, CallEventOf } from './events.js';
import type { CallRecord, CallView, Participant, StageStatus, User } from './model.js';
import type { PersistentMap } from './persistent-map.js';

function canManage(capabilities: readonly Capability[]): boolean {
  return capabilities.includes('manage-stage');
}

/** What a user without `manage-stage` sees of someone else's status: only whether they are on stage. */
function visibleStatus(status: StageStatus, own: boolean, manager: boolean): StageStatus {
  if (own || manager) return status;
  return status === 'ON_STAGE' ? 'ON_STAGE' : 'OFF_STAGE';
}

/** One user's view of a call: the same function serves the memory backend and the server. */
export function viewOf(call: CallRecord, type: CallType, viewer: User): CallView {
  const role_capabilities = capabilitiesOf(type, call, viewer.id, viewer.role);
  const manager = canManage(role_capabilities);
  const ownStatus = call.stage.get(viewer.id);
  return {
    ...fieldsOf(call),
    members: call.members,
    participants: shownParticipants(call, viewer.id),
    ...call.counts,
    listing: call.listing,
    stage: manager ? everyStatus(call.stage) : visibleStage(call, viewer.id, ownStatus),
    stage_requests: manager ? [...call.stage_requests.toArray()] : [],
    stage_invited: invitedOf(call, manager ? null : viewer.id),
    blocked_user_ids: role_capabilities.includes('block-users') ? Object.keys(call.blocked ?? {}).sort() : isBlocked(call, viewer.id) ? [viewer.id] : [],
    own_capabilities: withStageCapabilities(role_capabilities, ownStatus),
    role_capabilities,
    seq: call.seq,
  };
}

// Every status, as managers see them: built once per version of the stage and shared by each
// manager's view of it, as views shared the record's own object before (clients copy before writing).
const everyStatusOf = new WeakMap<PersistentMap<StageStatus>, Record<string, StageStatus>>();

function everyStatus(stage: PersistentMap<StageStatus>): Record<string, StageStatus> {
  let statuses = everyStatusOf.get(stage);
  if (!statuses) everyStatusOf.set(stage, (statuses = stage.toJSON()));
  return statuses;
}

/** The statuses someone without `manage-stage` sees: everyone's ON_STAGE, and their own whatever it is. */
function visibleStage(call: CallRecord, viewerId: string, ownStatus: StageStatus | undefined): Record<string, StageStatus> {
  const stage: Record<string, StageStatus> = {};
  call.on_stage.forEach((_, userId) => {
    stage[userId] = 'ON_STAGE';
  });
  if (ownStatus !== undefined) stage[viewerId] = ownStatus;
  return stage;
}

/**
 * The participants one user is shown: everyone while the call lists all; otherwise themselves, the
 * call's members who are in it, and whoever is on stage. Built from the members and the stage, so
 * a view never grows with the audience.
 */
export function shownParticipants(call: CallRecord, viewerId: string): Record<string, Participant> {
  if (call.listing === 'all') return call.participants.toJSON();
  const shown: Record<string, Participant> = {};
  const add = (userId: string) => {
    const participant = call.participants.get(userId);
    if (participant) shown[userId] = participant;
  };
  add(viewerId);
  for (const userId in call.members) add(userId);
  call.on_stage.forEach((_, userId) => add(userId));
  return shown;
}

/** The invited users still ACCEPTED: everyone's for managers (`only` null), else only `only`'s. */
function invitedOf(call: CallRecord, only: string | null): Record<string, true> {
  // Keyed by user ids: no prototype, so a user named `__proto__` is just a user.
  const invited: Record<string, true> = Object.create(null) as Record<string, true>;
  const recorded = call.stage_invited;
  if (!recorded) return invited;
  const stillAccepted = (userId: string) => {
    if (call.stage.get(userId) === 'ACCEPTED_TO_JOIN_STAGE') invited[userId] = true;
  };
  if (only === null) recorded.forEach((_, userId) => stillAccepted(userId));
  else if (recorded.has(only)) stillAccepted(only);
  return invited;
}

export interface ProjectionInput {
  before: CallRecord | null;
  after: CallRecord;
  beforeType: CallType;
  afterType: CallType;
  events: readonly CallEvent[];
}

/**
 * What projecting a change's events needs of the call: only what capabilities derive from (its
 * members and type, before and after), so a log of changes need not keep whole call records.
 */
export interface AccessProjectionInput {
  before: Pick<CallRecord, 'members'> | null;
  after: Pick<CallRecord, 'members'>;
  beforeType: CallType;
  afterType: CallType;
  events: readonly CallEvent[];
}

/**
 * The events one user receives for a change. When the change moved the user's own capabilities,
 * a single `call.state` with their new view replaces the batch, since what they may see changed.
 */
export function projectEvents(input: ProjectionInput, viewer: User): CallEvent[] {
  const projected = projectEventsWithoutView(input, viewer);
  if (projected) return projected;
  const { after, events } = input;
  const last = events[events.length - 1]!;
  return [{ type: 'call.state', call: viewOf(after, input.afterType, viewer), cid: after.cid, seq: after.seq, created_at: last.created_at }];
}

/**
 * `projectEvents` without building a view: null when the change moved the user's capabilities,
 * where the caller must send a whole view of the call instead.
 */
export function projectEventsWithoutView(input: AccessProjectionInput, viewer: User): CallEvent[] | null {
  const { before, after, events } = input;
  if (events.length === 0) return [];
  const capsAfter = capabilitiesOf(input.afterType, after, viewer.id, viewer.role);
  const capsBefore = before ? capabilitiesOf(input.beforeType, before, viewer.id, viewer.role) : capsAfter;
  if (!sameCapabilities(capsBefore, capsAfter)) return null;
  const manager = canManage(capsAfter);
  const moderator = capsAfter.includes('block-users');
  const out: CallEvent[] = [];
  let same = true;
  for (const event of events) {
    // Whom everyone is shown changed at once: a whole view, as when capabilities move.
    if (event.type === 'call.listing_changed') return null;
    const projected = projectEvent(event, viewer.id, manager, moderator);
    if (projected !== event) same = false;
    if (projected) out.push(projected);
  }
  // The batch itself when this user sees all of it unchanged: a server serialises it once for
  // every such watcher instead of once each.
  return same ? (events as CallEvent[]) : out;
}

function projectEvent(event: CallEvent, viewerId: string, manager: boolean, moderator: boolean): CallEvent | null {
  switch (event.type) {
    case 'call.participant_removed':
    case 'call.user_blocked':
    case 'call.user_unblocked':
      return moderator || event.user_id === viewerId ? event : null;
    case 'call.ring':
    case 'call.notification':
      return ringFor(event, viewerId);
    case 'call.participant_joined':
      return event.listed || event.participant.user_id === viewerId ? event : null;
    case 'call.participant_left':
      return event.listed || event.user_id === viewerId ? event : null;
    case 'call.participant_listed':
      return event.participant.user_id === viewerId ? null : event;
    case 'call.participant_unlisted':
      // Everyone is always shown themselves.
      return event.user_id === viewerId ? null : event;
    case 'call.live_ended': {
      const unlisted = event.unlisted_removed_user_ids;
      if (!unlisted) return event;
      // Of those nobody else was shown, each is told only of their own removal; managers, who
      // hold everyone's stage status and requests, are told of all.
      const { unlisted_removed_user_ids: _all, ...rest } = event;
      if (manager) return { ...rest, removed_user_ids: [...event.removed_user_ids, ...unlisted] };
      return unlistedSet(event).has(viewerId) ? { ...rest, removed_user_ids: [...event.removed_user_ids, viewerId] } : rest;
    }
    case 'stageStatusUpdate': {
      const own = event.user_id === viewerId;
      const status = visibleStatus(event.status, own, manager);
      const previous = visibleStatus(event.previous, own, manager);
      if (status === previous) return null;
      return status === event.status && previous === event.previous ? event : { ...event, status, previous };
    }
    case 'stageAccessRequestUpdate':
    case 'newStageRequest':
      return manager ? event : null;
    case 'stageRequestApproved':
    case 'stageRequestRejected':
    case 'stageRequestWithdrawn':
    case 'stageInvitationDeclined':
    case 'stageAccessRevoked':
    case 'stageRemoved':
      return manager || event.user_id === viewerId ? event : null;
    default:
      return event;
  }
}

const rungSets = new WeakMap<CallEvent, ReadonlySet<string>>();

/**
 * A ring or notification as one member receives it: naming only them, so ringing ten thousand
 * members sends each a few bytes, not the whole list; null for anyone not rung.
 */
function ringFor(event: CallEventOf<'call.ring' | 'call.notification'>, viewerId: string): CallEvent | null {
  let rung = rungSets.get(event);
  if (!rung) rungSets.set(event, (rung = new Set(event.user_ids)));
  if (!rung.has(viewerId)) return null;
  return event.user_ids.length === 1 ? event : { ...event, user_ids: [viewerId] };
}

const unlistedSets = new WeakMap<CallEvent, ReadonlySet<string>>();

/** The ids a stop-live removed unseen, as a set built once per event, not once per watcher. */
function unlistedSet(event: CallEventOf<'call.live_ended'>): ReadonlySet<string> {
  let set = unlistedSets.get(event);
  if (!set) unlistedSets.set(event, (set = new Set(event.unlisted_removed_user_ids)));
  return set;
}

/**
 * The first events for a watcher who had no view yet (they subscribed before the call existed):
 * a whole view, then the change's rings and notifications for them, which change no view but
 * are the news. Those come last in a change, so the view stands for the call just before them.
 */
export function firstView(call: CallRecord, type: CallType, viewer: User, events: readonly CallEvent[], created_at: string): CallEvent[] {
  const told = events.flatMap((event) => (event.type === 'call.ring' || event.type === 'call.notification' ? (ringFor(event, viewer.id) ?? []) : []));
  const seq = told.length > 0 ? told[0]!.seq - 1 : call.seq;
  return [{ type: 'call.state', call: { ...viewOf(call, type, viewer), seq }, cid: call.cid, seq, created_at }, ...told];
}
