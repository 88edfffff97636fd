import { PersistentMap, type CallRecord, type Participant } from '../core/index.js';

/** A call's record as JSON keeps it: the participants' map as an array of entries. */
export interface StoredRecord extends Omit<CallRecord, 'participants'> {
  participants: [string, Participant][];
}

export function toStored(record: CallRecord): StoredRecord {
  return { ...record, participants: [...record.participants] };
}

export function fromStored(stored: StoredRecord): CallRecord {
  const record: CallRecord = { ...stored, participants: PersistentMap.from(stored.participants) };
  // Counts told are compared by identity while nothing moved (countsChanged): keep it so.
  const told = record.counts.participants_count_by_role;
  const roles = Object.keys(told);
  if (roles.length === Object.keys(record.participants_by_role).length && roles.every((role) => Object.hasOwn(record.participants_by_role, role) && record.participants_by_role[role] === told[role])) {
    record.counts = { ...record.counts, participants_count_by_role: record.participants_by_role };
  }
  return record;
}
