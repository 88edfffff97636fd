import { PersistentMap, type CallRecord, type Participant, type StageRequest, type StageStatus } from '../core/index.js';
import { StageRequestQueue } from '../core/stage-request-queue.js';
import { stageFromStatuses } from '../core/stage-statuses.js';

/**
 * A call's record as JSON keeps it: the participants' map as an array of entries, the stage as a
 * plain object of statuses by user id, the pending requests as an array, oldest first, and the
 * invitations as an object of user ids (as they were before the engine held them in persistent
 * maps, so snapshots stored then load as they are).
 */
export interface StoredRecord extends Omit<CallRecord, 'participants' | 'stage' | 'on_stage' | 'stage_requests' | 'stage_invited'> {
  participants: [string, Participant][];
  stage: Record<string, StageStatus>;
  stage_requests: StageRequest[];
  stage_invited?: Record<string, true>;
}

export function toStored(record: CallRecord): StoredRecord {
  // Who is ON_STAGE is derived from the statuses, so it is not stored.
  const { on_stage: _derived, stage_invited, ...rest } = record;
  return {
    ...rest,
    participants: [...record.participants],
    stage: record.stage.toJSON(),
    stage_requests: [...record.stage_requests],
    ...(stage_invited && { stage_invited: stage_invited.toJSON() }),
  };
}

export function fromStored(stored: StoredRecord): CallRecord {
  const { stage_invited, ...rest } = stored;
  const record: CallRecord = {
    ...rest,
    participants: PersistentMap.from(stored.participants),
    ...stageFromStatuses(stored.stage),
    stage_requests: StageRequestQueue.from(stored.stage_requests),
    ...(stage_invited && { stage_invited: PersistentMap.from(Object.keys(stage_invited).map((userId) => [userId, true] as const)) }),
  };
  // Counts told are compared by identity while nothing moved (countsChanged): keep it so.
  const told = record.counts.participants_count_by_role;
  const roles = Object.keys(told);
  if (roles.length === Object.keys(record.participants_by_role).length && roles.every((role) => Object.hasOwn(record.participants_by_role, role) && record.participants_by_role[role] === told[role])) {
    record.counts = { ...record.counts, participants_count_by_role: record.participants_by_role };
  }
  return record;
}
