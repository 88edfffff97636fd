import type { CallEvent, CallRecord } from '../core/index.js';
import type { CallType } from '../core/call-types.js';

/** What a user's capabilities on a call derive from: its members and its call type. */
export interface CallAccess {
  members: CallRecord['members'];
  type: CallType;
}

/**
 * One change to one call, as the log keeps it for resuming clients: the events, and only when
 * the change could move someone's capabilities (members or call type changed), what those
 * derive from before and after, so a resuming user whose capabilities moved gets a snapshot.
 * Never whole call records: a log of joins would otherwise pin a participant map per join.
 */
export interface EventBatch {
  cid: string;
  /** The call's sequence number after the change. */
  seq: number;
  events: readonly CallEvent[];
  access?: { before: CallAccess; after: CallAccess };
}

/** What a storage hands back on start: the call types it knows and the calls it holds. */
export interface StoredWorld {
  callTypes: readonly CallType[];
  calls: readonly CallRecord[];
}

/** What one commit changes: the calls after the change, and call types that changed. */
export interface StoredChanges {
  calls?: readonly CallRecord[];
  callTypes?: readonly CallType[];
}

/**
 * Where the server keeps calls, call types and each call's recent events. The server runs one
 * change at a time and awaits `commit` before it answers or publishes, so a durable store may be
 * async. Each commit names only what changed, so its cost does not grow with the number of calls.
 */
export interface ServerStorage {
  /** What to start from; null for a fresh start. Called once, when the server starts. */
  load(): Promise<StoredWorld | null> | StoredWorld | null;
  /** Records the batches of a change (one per changed call) and the records they led to. */
  commit(batches: readonly EventBatch[], changed?: StoredChanges): Promise<void> | void;
  /**
   * The batches of a call whose last sequence number is above `since`, oldest first; null when
   * the log no longer reaches back that far (the client then gets a snapshot instead).
   */
  batchesSince(cid: string, since: number): Promise<readonly EventBatch[] | null> | readonly EventBatch[] | null;
  /** Forgets a call's event log, some time after the call ended; resuming clients get a snapshot. */
  dropEvents?(cid: string): Promise<void> | void;
  /** Forgets an ended call altogether, once its retention has passed. */
  dropCall?(cid: string): Promise<void> | void;
}
