import { CAPABILITIES, type Capability } from './capabilities.js';
import type { CallType } from './call-types.js';
import { StageKitError } from './errors.js';
import type { CallRecord, StageStatus, User } from './model.js';
import { own } from './own.js';

export const DEFAULT_ROLE = 'user';

/**
 * What a user may do on a call: the call type's grants for their global role plus those for their
 * member role. Derived on every use, never stored, so a changed grant takes effect at once.
 */
export function capabilitiesOf(
  type: CallType,
  call: Pick<CallRecord, 'members'> | null,
  userId: string,
  globalRole: string | undefined,
): Capability[] {
  const held = new Set<Capability>(own(type.grants, globalRole ?? DEFAULT_ROLE) ?? []);
  const memberRole = own(call?.members, userId)?.role;
  if (memberRole !== undefined) for (const capability of own(type.grants, memberRole) ?? []) held.add(capability);
  // Canonical order, so two derivations of the same set compare equal element by element.
  return CAPABILITIES.filter((capability) => held.has(capability));
}

export function sameCapabilities(a: readonly Capability[], b: readonly Capability[]): boolean {
  return a.length === b.length && a.every((capability, index) => capability === b[index]);
}

/** What being on stage brings: whoever is ON_STAGE may publish, whatever their role grants. */
export const ON_STAGE_CAPABILITIES: readonly Capability[] = ['send-audio', 'send-video'];

/**
 * A user's capabilities with their stage status laid over their roles' grants: ON_STAGE adds
 * `send-audio` and `send-video`; any other status leaves the roles' grants as they are.
 */
export function withStageCapabilities(roleCapabilities: readonly Capability[], status: StageStatus | undefined): Capability[] {
  if (status !== 'ON_STAGE' || ON_STAGE_CAPABILITIES.every((c) => roleCapabilities.includes(c))) return roleCapabilities as Capability[];
  const held = new Set<Capability>([...roleCapabilities, ...ON_STAGE_CAPABILITIES]);
  return CAPABILITIES.filter((capability) => held.has(capability));
}

/** Most users one call may block. */
export const MAX_BLOCKED = 10_000;

export function isBlocked(call: Pick<CallRecord, 'blocked'>, userId: string): boolean {
  return !!call.blocked && Object.hasOwn(call.blocked, userId);
}

/**
 * Why a user may not touch a call at all, whatever their capabilities: they are blocked from it,
 * or it is for a team they are not in. Null when nothing keeps them out. Global admins run any
 * call, so neither keeps them out: a host cannot lock out whoever may have to step in.
 */
export function accessRefusal(call: Pick<CallRecord, 'blocked' | 'team'>, user: User): StageKitError | null {
  if (user.role === 'admin') return null;
  if (isBlocked(call, user.id)) return new StageKitError('FORBIDDEN', 'you are blocked from this call', { refusal: 'blocked' });
  const { team } = call;
  if (team !== undefined && !user.teams?.includes(team)) {
    return new StageKitError('FORBIDDEN', `this call is only for members of the team '${team}'`, { refusal: 'team' });
  }
  return null;
}

/**
 * Why a user may not be sent a call's events: kept out of it (above), or neither in it nor
 * holding `read-call`. Null when they may watch.
 */
export function watchRefusal(type: CallType, call: CallRecord, user: User): StageKitError | null {
  const refusal = accessRefusal(call, user);
  if (refusal || call.participants.has(user.id) || capabilitiesOf(type, call, user.id, user.role).includes('read-call')) return refusal;
  return new StageKitError('FORBIDDEN', "watching a call needs the 'read-call' capability", { capability: 'read-call' });
}

/** Whether a change may have moved who may watch the call: its members, blocks or team. */
export function watchAccessMoved(before: CallRecord, after: CallRecord): boolean {
  return before.members !== after.members || before.blocked !== after.blocked || before.team !== after.team;
}
