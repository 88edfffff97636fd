import type { Capability } from './capabilities.js';
import type { CallSettings, CallSettingsOverride } from './settings.js';

export const STAGE_STATUSES = ['OFF_STAGE', 'REQUESTED_TO_JOIN_STAGE', 'ACCEPTED_TO_JOIN_STAGE', 'ON_STAGE'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** Who acts: the identity a client was created with (or, on the server, the token carried). */
export interface User {
  id: string;
  /** Global role; `user` unless said otherwise. */
  role?: string;
  name?: string;
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
}

/** The authoritative state of one call, as the engine holds it. */
export interface CallRecord extends CallFields {
  members: Record<string, Member>;
  participants: Record<string, Participant>;
  /** Stage status of participants; absent means OFF_STAGE. */
  stage: Record<string, StageStatus>;
  /** Pending requests, oldest first. */
  stage_requests: StageRequest[];
  /**
   * Users ACCEPTED because a manager invited them (they had not asked); an ACCEPTED user not
   * here asked and was approved, or holds `join-stage`. Entries for users no longer ACCEPTED
   * mean nothing. Absent in records stored before invitations were told apart.
   */
  stage_invited?: Record<string, true>;
  /** Sequence number of the last event this call produced. */
  seq: number;
}

/** One user's view of a call: what that user may see, and nothing else. */
export interface CallView extends CallFields {
  members: Record<string, Member>;
  participants: Record<string, Participant>;
  /** Statuses this user may see: their own, everyone's ON_STAGE, and all of them for managers. */
  stage: Record<string, StageStatus>;
  /** Pending requests, oldest first; empty unless the user holds `manage-stage`. */
  stage_requests: StageRequest[];
  /** ACCEPTED users who were invited rather than approved: yourself, or everyone for managers. */
  stage_invited: Record<string, true>;
  /** What you may do: your roles' grants, plus `send-audio` and `send-video` while you are ON_STAGE. */
  own_capabilities: Capability[];
  /** What your roles grant, before the stage adds to it. */
  role_capabilities: Capability[];
  seq: number;
}
