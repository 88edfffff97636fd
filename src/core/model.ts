import type { Capability } from './capabilities.js';
import type { PersistentMap } from './persistent-map.js';
import type { CallSettings, CallSettingsOverride } from './settings.js';
import type { StageRequestQueue } from './stage-request-queue.js';

export const STAGE_STATUSES = ['OFF_STAGE', 'REQUESTED_TO_JOIN_STAGE', 'ACCEPTED_TO_JOIN_STAGE', 'ON_STAGE'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** Who acts: the identity a client was created with (or, on the server, the token carried). */
export interface User {
  id: string;
  /** Global role; `user` unless said otherwise. */
  role?: string;
  name?: string;
  /** Teams the user belongs to (the token's `teams` claim): a call with a `team` admits only them. */
  teams?: string[];
}

export interface Member {
  user_id: string;
  role: string;
  custom: Record<string, unknown>;
  created_at: string;
}

export interface Participant {
  user_id: string;
  name?: string;
  /** The participant's global role, so others can tell hosts from viewers without a lookup. */
  role: string;
  joined_at: string;
}

export interface StageRequest {
  user_id: string;
  name?: string;
  requested_at: string;
}

export type CallSideEffect = 'hls' | 'recording' | 'transcribing' | 'captioning';

/** The top-level fields of a call: small, so events can carry them whole. */
export interface CallFields {
  cid: string;
  type: string;
  id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  starts_at: string | null;
  custom: Record<string, unknown>;
  settings_override: CallSettingsOverride;
  /** Effective settings: the call type's with the override laid over them. */
  settings: CallSettings;
  /** True while the call is not live. */
  backstage: boolean;
  live_started_at: string | null;
  live_ended_at: string | null;
  ended_at: string | null;
  hls: boolean;
  recording: boolean;
  transcribing: boolean;
  captioning: boolean;
  /** Only users of this team may join or watch the call (global admins too); absent: anyone. */
  team?: string;
}

/** How many are in a call, as watchers are told (`call.counts_updated`) a few times a second at most. */
export interface ParticipantCounts {
  /** Everyone in the call, hosts included. */
  participant_count: number;
  /** By call role: a participant's member role when they are a member, else their global role. */
  participants_count_by_role: Record<string, number>;
}

/**
 * Whom everyone is shown. `all`: every participant, to everyone (a small room). `counts`: each user
 * is shown themselves, the call's members and whoever is on stage; the rest of the audience is
 * counted, and found by querying it.
 */
export type AudienceListing = 'all' | 'counts';

/** The authoritative state of one call, as the engine holds it. */
export interface CallRecord extends CallFields {
  members: Record<string, Member>;
  /** Everyone in the call, by user id: a persistent map, so a join costs the same in any crowd. */
  participants: PersistentMap<Participant>;
  /** Participants by call role, kept as they come and go. */
  participants_by_role: Record<string, number>;
  /** The counts as last published to watchers; views carry these. */
  counts: ParticipantCounts;
  listing: AudienceListing;
  /**
   * Stage status of participants, by user id; absent means OFF_STAGE. A persistent map, as the
   * participants are, so one user's change costs the same however many hold a status.
   */
  stage: PersistentMap<StageStatus>;
  /**
   * Who of `stage` is ON_STAGE, kept beside it (src/core/stage-statuses.ts) so a viewer's view lists
   * the few on stage without a pass over everyone's status. Derived: stored records leave it out.
   */
  on_stage: PersistentMap<true>;
  /** Pending requests by user id, oldest first: a persistent queue, so a request costs the same in any queue. */
  stage_requests: StageRequestQueue;
  /**
   * Users ACCEPTED because a manager invited them (they had not asked); an ACCEPTED user not
   * here asked and was approved, or holds `join-stage`. Entries for users no longer ACCEPTED
   * mean nothing. Absent in records stored before invitations were told apart. A persistent map,
   * so one invitation costs the same however many are out.
   */
  stage_invited?: PersistentMap<true>;
  /**
   * Users kept out of the call until unblocked, by id (at most `MAX_BLOCKED`). Plain JSON so any
   * storage keeps it as it is; read with own-property lookups. Absent until someone is blocked.
   */
  blocked?: Record<string, true>;
  /** Sequence number of the last event this call produced. */
  seq: number;
}

/** One user's view of a call: what that user may see, and nothing else. */
export interface CallView extends CallFields, ParticipantCounts {
  members: Record<string, Member>;
  /**
   * The participants this user is shown: themselves, the call's members in the call and whoever is
   * on stage, or everyone while `listing` is `all`. Never the whole of a crowd.
   */
  participants: Record<string, Participant>;
  listing: AudienceListing;
  /** Statuses this user may see: their own, everyone's ON_STAGE, and all of them for managers. */
  stage: Record<string, StageStatus>;
  /** Pending requests, oldest first; empty unless the user holds `manage-stage`. */
  stage_requests: StageRequest[];
  /** ACCEPTED users who were invited rather than approved: yourself, or everyone for managers. */
  stage_invited: Record<string, true>;
  /** Blocked users: all of them for holders of `block-users`, else only yourself if you are. */
  blocked_user_ids: string[];
  /** What you may do: your roles' grants, plus `send-audio` and `send-video` while you are ON_STAGE. */
  own_capabilities: Capability[];
  /** What your roles grant, before the stage adds to it. */
  role_capabilities: Capability[];
  seq: number;
}
