import type { CallEvent, CallRecord } from '../core/index.js';
import type { CallType } from '../core/call-types.js';
import type { EventBatch } from './storage.js';

/** One change to one call with everything publishing it needs; only its slim `EventBatch` is kept. */
export interface Change {
  before: CallRecord | null;
  after: CallRecord;
  beforeType: CallType;
  afterType: CallType;
  events: CallEvent[];
}

/** What the log keeps of a change: its events, and what capabilities derive from when that moved. */
export function slim(change: Change): EventBatch {
  const { before, after } = change;
  const batch: EventBatch = { cid: after.cid, seq: after.seq, events: change.events };
  if (before && (before.members !== after.members || change.beforeType !== change.afterType)) {
    batch.access = { before: { members: before.members, type: change.beforeType }, after: { members: after.members, type: change.afterType } };
  }
  return batch;
}
