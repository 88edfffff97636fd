import type { CallRecord } from '../core/index.js';
import type { CallType } from '../core/call-types.js';
import type { CallAccess, EventBatch, ServerStorage, StoredWorld } from './storage.js';

export interface MemoryStorageOptions {
  /** Events kept per call for resuming clients; older ones fall back to a snapshot. Default 2,000. */
  retainEvents?: number;
  /**
   * Bytes of events (as JSON) kept per call, members lists of member changes included; older
   * ones fall back to a snapshot. A single batch over it is not kept at all. Default 1 MiB.
   */
  retainBytes?: number;
}

/** The memory storage answers at once, so its log reads synchronously. */
export interface MemoryStorage extends ServerStorage {
  load(): StoredWorld | null;
  batchesSince(cid: string, since: number): readonly EventBatch[] | null;
}

interface Stored {
  batch: EventBatch;
  bytes: number;
}

interface Log {
  stored: Stored[];
  /** The log holds every batch after this sequence number. */
  since: number;
  events: number;
  bytes: number;
}

/** The default storage: everything in memory, gone when the process ends. */
export function createMemoryStorage(options: MemoryStorageOptions = {}): MemoryStorage {
  const retainEvents = options.retainEvents ?? 2000;
  const retainBytes = options.retainBytes ?? 1024 * 1024;
  const logs = new Map<string, Log>();
  // Kept so that a server started again on the same storage (in tests) finds what it left.
  const calls = new Map<string, CallRecord>();
  const callTypes = new Map<string, CallType>();
  return {
    load: () => (calls.size === 0 && callTypes.size === 0 ? null : { calls: [...calls.values()], callTypes: [...callTypes.values()] }),
    commit(batches, changed = {}) {
      for (const call of changed.calls ?? []) calls.set(call.cid, call);
      for (const type of changed.callTypes ?? []) callTypes.set(type.name, type);
      for (const batch of batches) {
        const from = (batch.events[0]?.seq ?? batch.seq) - 1;
        let log = logs.get(batch.cid);
        // A log that would have a gap (it was dropped, or began mid-call) starts over.
        if (!log || log.stored.length === 0 || log.stored[log.stored.length - 1]!.batch.seq !== from) {
          logs.set(batch.cid, (log = { stored: [], since: from, events: 0, bytes: 0 }));
        }
        const bytes = sizeOf(batch);
        log.stored.push({ batch, bytes });
        log.events += batch.events.length;
        log.bytes += bytes;
        // The newest batch goes too when it alone is over the budget: the budget is the bound.
        while (log.stored.length > 0 && (log.events > retainEvents || log.bytes > retainBytes)) {
          const oldest = log.stored.shift()!;
          log.events -= oldest.batch.events.length;
          log.bytes -= oldest.bytes;
          log.since = oldest.batch.seq;
        }
      }
    },
    batchesSince(cid, since) {
      const log = logs.get(cid);
      if (!log || since < log.since) return null;
      return log.stored.filter((stored) => stored.batch.seq > since).map((stored) => stored.batch);
    },
    dropEvents(cid) {
      logs.delete(cid);
    },
    dropCall(cid) {
      logs.delete(cid);
      calls.delete(cid);
    },
  };
}

/**
 * Roughly what a batch holds on to: its events as JSON, and a changed members list. The list is
 * counted by its length: its members' data is shared with the call (a changed member's is in the
 * events already), and serialising ten thousand members on every change would cost more than
 * keeping them.
 */
function sizeOf(batch: EventBatch): number {
  let bytes = JSON.stringify(batch.events).length;
  if (batch.access) {
    bytes += membersBytes(batch.access.after.members);
    if (batch.access.before.members !== batch.access.after.members) bytes += membersBytes(batch.access.before.members);
  }
  return bytes;
}

/** What one entry of a members map costs to keep: its key and its slot. */
const MEMBER_BYTES = 120;

function membersBytes(members: CallAccess['members']): number {
  return Object.keys(members).length * MEMBER_BYTES;
}
