import { StageKitError } from '../errors.js';
import type { CallEventBody } from '../events.js';
import { listingFor } from '../listing.js';
import type { CallRecord } from '../model.js';
import { own } from '../own.js';
import { PersistentMap } from '../persistent-map.js';
import type { CallCreateDataParsed, GetOrCreateParsed, UpdateCallMembersParsed, UpdateCallParsed } from '../schemas.js';
import { mergeOverrides, mergeSettings } from '../settings.js';
import { StageRequestQueue } from '../stage-request-queue.js';
import type { Transaction } from '../transaction.js';

// A call's life as a record: creating it, changing its fields and members, ending it.

export function getOrCreate(tx: Transaction, data: CallCreateDataParsed | undefined): boolean {
  if (tx.call) {
    tx.require('read-call', 'reading a call');
    return false;
  }
  tx.require('create-call', 'creating a call');
  const { actor, nowIso } = tx;
  if (data?.created_by_id !== undefined && data.created_by_id !== actor.id && actor.role !== 'admin') {
    throw new StageKitError('INVALID_INPUT', 'invalid input: data.created_by_id must be your own user id', {
      fields: [{ path: 'input.data.created_by_id', message: 'must be your own user id' }],
    });
  }
  requireOwnTeam(tx, data?.team);
  const createdBy = data?.created_by_id ?? actor.id;
  // The creator may hand out roles up to what they will hold themselves: their own and a host's.
  const creatorHolds = [...tx.actorCapabilities(), ...(own(tx.callType.grants, 'host') ?? [])];
  for (const member of data?.members ?? []) if (member.role !== undefined) tx.requireAssignable(member.role, creatorHolds);
  const override = data?.settings_override ?? {};
  const settings = mergeSettings(tx.callType.settings, override);
  const members: CallRecord['members'] = {};
  for (const member of data?.members ?? []) {
    members[member.user_id] = { user_id: member.user_id, role: member.role ?? 'call_member', custom: member.custom ?? {}, created_at: nowIso };
  }
  // The creator hosts their own call unless the members list gives them another role.
  if (!own(members, createdBy)) members[createdBy] = { user_id: createdBy, role: 'host', custom: {}, created_at: nowIso };
  const at = tx.cid.indexOf(':');
  tx.call = {
    cid: tx.cid,
    type: tx.cid.slice(0, at),
    id: tx.cid.slice(at + 1),
    created_by: createdBy,
    created_at: nowIso,
    updated_at: nowIso,
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
    ...(data?.team != null && { team: data.team }),
    members,
    participants: PersistentMap.empty(),
    participants_by_role: {},
    counts: { participant_count: 0, participants_count_by_role: {} },
    listing: listingFor('counts', 0, settings.audience.list_all_up_to),
    stage: PersistentMap.empty(),
    on_stage: PersistentMap.empty(),
    stage_requests: StageRequestQueue.empty(),
    seq: 0,
  };
  tx.emit({ type: 'call.created', call: tx.fields() });
  return true;
}

/** A call can be restricted only to a team its restrictor belongs to (or by a global admin): no one locks themselves out. */
function requireOwnTeam(tx: Transaction, team: string | null | undefined): void {
  if (team == null || tx.actor.role === 'admin' || tx.actor.teams?.includes(team)) return;
  throw new StageKitError('FORBIDDEN', `restricting a call to the team '${team}' needs you to belong to it`);
}

/** `ring` / `notify` of a get-or-create: the call's members but the caller are told, by event. */
export function tellMembers(tx: Transaction, input: GetOrCreateParsed, created: boolean): void {
  if (!input.ring && !input.notify) return;
  // Anyone may ring the members of a call they create; ringing an existing call's members is running
  // it, and an ended call has nothing to ring anyone into.
  if (!created) {
    tx.notEnded('ringing or notifying the members of a call');
    tx.require('update-call', 'ringing or notifying the members of a call');
  }
  const userIds = Object.keys(tx.existing().members).filter((userId) => userId !== tx.actor.id);
  if (userIds.length === 0) return;
  if (input.ring) tx.emit({ type: 'call.ring', user_ids: userIds, by: tx.actor.id });
  if (input.notify) tx.emit({ type: 'call.notification', user_ids: userIds, by: tx.actor.id });
}

export function update(tx: Transaction, input: UpdateCallParsed): void {
  const call = tx.existing();
  if (input.custom !== undefined || input.starts_at !== undefined || input.team !== undefined) tx.require('update-call', 'updating a call');
  if (input.settings_override !== undefined) tx.require('update-call-settings', "changing a call's settings");
  requireOwnTeam(tx, input.team);
  const settingsOverride = mergeOverrides(call.settings_override, input.settings_override);
  const settings = mergeSettings(tx.callType.settings, settingsOverride);
  // Backstage enabled on a call that has never gone live puts it in backstage, as if it had been
  // created so; a call that has gone live stays live until a stop-live.
  const intoBackstage = !call.backstage && !call.settings.backstage.enabled && settings.backstage.enabled && call.live_started_at === null;
  const { team: _team, ...withoutTeam } = call;
  if (input.team !== undefined) tx.call = input.team === null ? { ...withoutTeam } : { ...call, team: input.team };
  tx.patch({
    ...(input.custom !== undefined && { custom: input.custom }),
    ...(input.starts_at !== undefined && { starts_at: input.starts_at }),
    ...(intoBackstage && { backstage: true }),
    settings_override: settingsOverride,
    settings,
  });
  tx.emit({ type: 'call.updated', call: tx.fields() });
  tx.normalizeAll();
}

export function updateMembers(tx: Transaction, input: UpdateCallMembersParsed): void {
  const call = tx.existing();
  if (input.update_members?.length) tx.require('update-call-member', 'updating call members');
  if (input.remove_members?.length) tx.require('remove-call-member', 'removing call members');
  const holds = tx.actorCapabilities();
  for (const member of input.update_members ?? []) {
    if (member.role !== undefined && member.role !== own(call.members, member.user_id)?.role) tx.requireAssignable(member.role, holds);
  }
  // Who is shown and counted as what, before: members are listed, and counted by their member role.
  const touched = new Set<string>([...(input.update_members ?? []).map((m) => m.user_id), ...(input.remove_members ?? [])]);
  const before = new Map<string, { listed: boolean; role: string }>();
  for (const userId of touched) {
    const participant = tx.participant(userId);
    if (participant) before.set(userId, { listed: tx.listed(userId), role: tx.callRole(userId, participant) });
  }
  // One copy of the members for the whole batch, not one per member.
  const members: CallRecord['members'] = { ...call.members };
  const bodies: CallEventBody[] = [];
  for (const member of input.update_members ?? []) {
    const previous = own(members, member.user_id);
    const next = {
      user_id: member.user_id,
      role: member.role ?? previous?.role ?? 'call_member',
      custom: member.custom ?? previous?.custom ?? {},
      created_at: previous?.created_at ?? tx.nowIso,
    };
    members[member.user_id] = next;
    bodies.push({ type: previous ? 'call.member_updated' : 'call.member_added', member: next });
  }
  for (const userId of input.remove_members ?? []) {
    if (!own(members, userId)) continue;
    delete members[userId];
    bodies.push({ type: 'call.member_removed', user_id: userId });
  }
  if (bodies.length === 0) return;
  tx.patch({ members });
  let byRole: Record<string, number> | null = null;
  for (const [userId, was] of before) {
    const role = tx.callRole(userId, tx.participant(userId)!);
    if (role === was.role) continue;
    byRole = tx.countRole(role, 1, tx.countRole(was.role, -1, byRole ?? { ...call.participants_by_role }));
  }
  if (byRole) tx.patch({ participants_by_role: byRole });
  for (const body of bodies) tx.emit(body);
  for (const [userId, was] of before) {
    const listed = tx.listed(userId);
    if (listed && !was.listed) tx.emit({ type: 'call.participant_listed', participant: tx.participant(userId)! });
    if (!listed && was.listed) tx.emit({ type: 'call.participant_unlisted', user_id: userId });
  }
  for (const userId of touched) tx.normalizeStage(userId);
}

export function endCall(tx: Transaction): void {
  const call = tx.existing();
  tx.require('end-call', 'ending a call');
  if (call.ended_at !== null) throw new StageKitError('CALL_ENDED', 'the call has already ended');
  tx.patch({
    ended_at: tx.nowIso,
    backstage: true,
    hls: false,
    recording: false,
    transcribing: false,
    captioning: false,
    participants: PersistentMap.empty(),
    participants_by_role: {},
    counts: { participant_count: 0, participants_count_by_role: {} },
    stage: PersistentMap.empty(),
    on_stage: PersistentMap.empty(),
    stage_requests: StageRequestQueue.empty(),
  });
  tx.emit({ type: 'call.ended', call: tx.fields() });
}
