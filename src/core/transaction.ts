import { capabilitiesOf } from './access.js';
import type { Capability } from './capabilities.js';
import type { CallType } from './call-types.js';
import { forbidden, invalidState, notFound, StageKitError } from './errors.js';
import type { CallEvent, CallEventBody, ParticipantLeftReason } from './events.js';
import { joinVerdict } from './join-window.js';
import { listingFor } from './listing.js';
import type { AudienceListing, CallFields, CallRecord, Participant, StageStatus, User } from './model.js';
import { own } from './own.js';
import { PersistentMap } from './persistent-map.js';
import { withStatus } from './stage-statuses.js';

export const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One command's change to one call: the rule modules (calls, backstage, stage, audience) read the
 * call and the actor's capabilities here, and change the call only through `patch` and `emit`, by
 * copy-on-write, so the call before stays as it was.
 */
export class Transaction {
  readonly events: CallEvent[] = [];
  private seq: number;
  readonly nowIso: string;
  // The record this transaction made (by `patch` or `emit`) and no one else holds yet: its sequence
  // number moves in place, so a bulk decision's ten thousand events do not copy the call each.
  private ownRecord: CallRecord | null = null;

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
    if (!this.call) return;
    if (this.call === this.ownRecord) this.call.seq = this.seq;
    else this.call = this.ownRecord = { ...this.call, seq: this.seq };
  }

  patch(changes: Partial<CallRecord>): CallRecord {
    // Only a change to the call's own fields moves updated_at: those reach clients in an event
    // carrying the fields, while members, participants and the stage travel in events that do not.
    const touchesFields = Object.keys(changes).some((key) => !NOT_FIELDS.has(key));
    this.call = this.ownRecord = { ...this.existing(), ...changes, ...(touchesFields && { updated_at: this.nowIso }) };
    return this.call;
  }

  fields(): CallFields {
    return fieldsOf(this.existing());
  }

  notEnded(action: string): CallRecord {
    const call = this.existing();
    if (call.ended_at !== null) throw new StageKitError('CALL_ENDED', `${action} is not possible: the call has ended`);
    return call;
  }

  // ---- the audience ---------------------------------------------------------------------------

  participant(userId: string): Participant | undefined {
    return this.existing().participants.get(userId);
  }

  /** A participant's call role: their member role when they are a member, else their global role. */
  callRole(userId: string, participant: Participant): string {
    return own(this.existing().members, userId)?.role ?? participant.role;
  }

  /** Whether everyone is shown this participant: everyone is, or they are a member or on stage. */
  listed(userId: string): boolean {
    const call = this.existing();
    return call.listing === 'all' || own(call.members, userId) !== undefined || call.stage.get(userId) === 'ON_STAGE';
  }

  /** Counts a participant in (+1) or out (-1) of their call role. */
  countRole(role: string, delta: 1 | -1, byRole: Record<string, number> = { ...this.existing().participants_by_role }): Record<string, number> {
    const count = (own(byRole, role) ?? 0) + delta;
    if (count > 0) byRole[role] = count;
    else delete byRole[role];
    return byRole;
  }

  /** After the audience grew or shrank: when whom everyone is shown changes, every watcher is told. */
  relist(): void {
    const call = this.existing();
    const listing: AudienceListing = listingFor(call.listing, call.participants.size, call.settings.audience.list_all_up_to);
    if (listing === call.listing) return;
    this.patch({ listing });
    this.emit({ type: 'call.listing_changed', listing });
  }

  /** Tells everyone a participant is now shown, or no longer, when their listing moved. */
  private announceListing(userId: string, wasListed: boolean): void {
    const participant = this.participant(userId);
    if (!participant) return;
    const listed = this.listed(userId);
    if (listed === wasListed) return;
    if (listed) this.emit({ type: 'call.participant_listed', participant });
    else this.emit({ type: 'call.participant_unlisted', user_id: userId });
  }

  /** Runs a change to someone's membership or stage status, then tells whether they are shown now. */
  relisting(userId: string, change: () => void): void {
    const wasListed = this.participant(userId) !== undefined && this.listed(userId);
    change();
    this.announceListing(userId, wasListed);
  }

  removeParticipant(userId: string, reason: ParticipantLeftReason): void {
    if (this.statusOf(userId) !== 'OFF_STAGE') this.setStatus(userId, 'OFF_STAGE');
    const participant = this.participant(userId);
    if (!participant) return;
    const listed = this.listed(userId);
    const call = this.existing();
    this.patch({
      participants: call.participants.delete(userId),
      participants_by_role: this.countRole(this.callRole(userId, participant), -1),
    });
    this.emit({ type: 'call.participant_left', user_id: userId, reason, listed });
    this.relist();
  }

  // ---- the stage ------------------------------------------------------------------------------

  statusOf(userId: string): StageStatus {
    return this.existing().stage.get(userId) ?? 'OFF_STAGE';
  }

  participantOrThrow(action: string): Participant {
    this.notEnded(action);
    const participant = this.participant(this.actor.id);
    if (!participant) throw invalidState(`${action} needs you to join the call first`);
    return participant;
  }

  holdsJoinStage(userId: string): boolean {
    const participant = this.participant(userId);
    return !!participant && this.capabilitiesOf(userId, participant.role).includes('join-stage');
  }

  /** The status a participant rests at off stage: ACCEPTED for `join-stage` holders, else OFF_STAGE. */
  restingStatus(userId: string): StageStatus {
    return this.holdsJoinStage(userId) ? 'ACCEPTED_TO_JOIN_STAGE' : 'OFF_STAGE';
  }

  setStatus(userId: string, status: StageStatus): void {
    const previous = this.statusOf(userId);
    if (previous === status) return;
    this.relisting(userId, () => {
      const call = this.existing();
      const hadRequest = previous === 'REQUESTED_TO_JOIN_STAGE';
      this.patch({
        ...withStatus(call, userId, status),
        ...(hadRequest && { stage_requests: call.stage_requests.delete(userId) }),
        ...this.invitedPatch([userId], []),
      });
      this.emit({ type: 'stageStatusUpdate', user_id: userId, status, previous });
      if (hadRequest) this.emit({ type: 'stageAccessRequestUpdate', added: [], removed: [userId] });
    });
  }

  invited(userId: string): boolean {
    return this.existing().stage_invited?.has(userId) ?? false;
  }

  /** The `stage_invited` change that marks `added` as invited and forgets `dropped`; empty when nothing changes. */
  invitedPatch(dropped: string[], added: string[]): Partial<CallRecord> {
    const current = this.existing().stage_invited ?? PersistentMap.empty<true>();
    const leaving = dropped.filter((userId) => current.has(userId));
    if (leaving.length === 0 && added.length === 0) return {};
    let next = current;
    for (const userId of leaving) next = next.delete(userId);
    for (const userId of added) next = next.set(userId, true);
    return { stage_invited: next };
  }

  // ---- invariants after capability changes -------------------------------------------------

  /**
   * Brings one participant back within the rules after their capabilities changed: out of a
   * backstage call they may no longer be in, up to ACCEPTED when they now hold `join-stage`, and
   * out of the request queue when they no longer hold `request-stage`.
   */
  normalizeStage(userId: string): void {
    const call = this.existing();
    const participant = this.participant(userId);
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
    for (const userId of [...this.existing().participants.keys()]) this.normalizeStage(userId);
    this.relist();
  }
}

const NOT_FIELDS: ReadonlySet<string> = new Set<Exclude<keyof CallRecord, keyof CallFields>>([
  'members',
  'participants',
  'participants_by_role',
  'counts',
  'listing',
  'stage',
  'on_stage',
  'stage_requests',
  'stage_invited',
  'blocked',
  'seq',
]);

export function fieldsOf(call: CallRecord): CallFields {
  const {
    members: _m,
    participants: _p,
    participants_by_role: _b,
    counts: _c,
    listing: _l,
    stage: _s,
    on_stage: _o,
    stage_requests: _r,
    stage_invited: _i,
    blocked: _k,
    seq: _q,
    ...fields
  } = call;
  return fields;
}
