import type { CallEvent, CallRecord, World } from '../core/index.js';
import type { CallType } from '../core/call-types.js';

/**
 * One change to one call: the events it produced and the call before and after, which is what
 * projecting the events for each user needs (a user whose capabilities changed gets a snapshot).
 */
export interface EventBatch {
  before: CallRecord | null;
  after: CallRecord;
  beforeType: CallType;
  afterType: CallType;
  events: CallEvent[];
}

/**
 * Where the server keeps the world and each call's recent events. The server runs one change at
 * a time and awaits `commit` before it answers or publishes, so a durable store may be async.
 */
export interface ServerStorage {
  /** The world to start from; null for a fresh one. Called once, when the server starts. */
  load(): Promise<WorldSnapshot | null> | WorldSnapshot | null;
  /** Records the next world and the batches that led to it (one per changed call). */
  commit(world: World, batches: readonly EventBatch[]): Promise<void> | void;
  /**
   * The batches of a call whose last sequence number is above `since`, oldest first; null when
   * the log no longer reaches back that far (the client then gets a snapshot instead).
   */
  batchesSince(cid: string, since: number): Promise<readonly EventBatch[] | null> | readonly EventBatch[] | null;
}

export type WorldSnapshot = World;
