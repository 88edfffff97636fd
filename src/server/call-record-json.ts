import { PersistentMap, type CallRecord, type Participant, type StageStatus } from '../core/index.js';

/**
 * A call's record as JSON keeps it: the participants' map as an array of entries, the stage as a
 * plain object of statuses by user id (as it was before the engine held it in a persistent map, so
 * snapshots stored then load as they are).
 */
export interface StoredRecord extends Omit<CallRecord, 'participants' | 'stage'> {
  participants: [string, Participant][];
  stage: Record<string, StageStatus>;
}

export function toStored(record: CallRecord): StoredRecord {
  return { ...record, participants: [...record.participants], stage: record.stage.toJSON() };
}

export function fromStored(stored: StoredRecord): CallRecord {
  const record: CallRecord = { ...stored, participants: PersistentMap.from(stored.participants), stage: PersistentMap.from(Object.entries(stored.stage)) };
  // Counts told are compared by identity while nothing moved (countsChanged): keep it so.
  const told = record.counts.participants_count_by_role;
  const roles = Object.keys(told);
  if (roles.length === Object.keys(record.participants_by_role).length && roles.every((role) => Object.hasOwn(record.participants_by_role, role) && record.participants_by_role[role] === told[role])) {
    record.counts = { ...record.counts, participants_count_by_role: record.participants_by_role };
  }
  return record;
}
