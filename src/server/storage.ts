import type { CallEvent, CallRecord, Command, User } from '../core/index.js';
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

/**
 * A command as a shared storage's log keeps it: enough for another process to decide it again
 * and arrive at the same change, since the engine is pure. `$callType` re-applies a changed call
 * type to the call.
 */
export interface LoggedCommand {
  actor: User;
  command: Command | { type: '$callType'; callType: CallType };
  now: number;
  /** The version of the call types it was decided with. */
  types: number;
}

/** One change of one call in a shared log: how it was decided, and what it sent. */
export interface LogRow {
  seq: number;
  command: LoggedCommand;
  batch: EventBatch;
}

/** What a process reads of a call under a shared storage, inside a transaction or a consistent read. */
export interface SharedReader {
  /**
   * In one read: the call's sequence number as stored (null: no such call), the newest version of
   * the call types, and the call's log rows after `since` (none when `since` is null).
   */
  state(cid: string, since: number | null): Promise<{ head: number | null; typesVersion: number; rows: LogRow[] }>;
  /** The newest version of the call types (0: as configured). */
  typesVersion(): Promise<number>;
  /** The call types as of a version, by name. */
  callTypes(version: number): Promise<CallType[]>;
  /** The last snapshot of a call, with the sequence number it was taken at. */
  snapshot(cid: string): Promise<CallRecord | null>;
  /** The call's log rows after `since`, oldest first. */
  rows(cid: string, since: number): Promise<LogRow[]>;
}

/** What a process may write while it holds a call's lock. */
export interface SharedWriter extends SharedReader {
  /** Calls held in all, and by one creator: the caps on creating a call hold across processes. */
  census(createdBy: string): Promise<{ calls: number; byCreator: number }>;
  /** Records one change: its log row, the call's new sequence number, a snapshot now and then. */
  append(after: CallRecord, row: LogRow): Promise<void>;
  /** Records a new version of a call type; resolves with the version. */
  putCallType(type: CallType): Promise<number>;
  /** The calls of a type. */
  callsOfType(name: string): Promise<string[]>;
  /**
   * Records that a user is in the call through this process (`here`), or no longer in it: if this
   * process dies, live ones make them leave, as a dropped connection would.
   */
  present(cid: string, user: User, here: boolean): Promise<void>;
}

/**
 * A storage several server processes share (Postgres). The hub decides each change inside
 * `decide`, under a lock on the call that holds across processes, and learns of others' changes
 * from `listen`.
 */
export interface SharedStorage extends ServerStorage {
  readonly shared: true;
  /** Runs `task` in one transaction holding the call's lock (null: the call types' lock). */
  decide<T>(cid: string | null, task: (writer: SharedWriter) => Promise<T>): Promise<T>;
  /** Runs `task` over one consistent view of the storage, taking no lock. */
  read<T>(task: (reader: SharedReader) => Promise<T>): Promise<T>;
  /** Tells of changes committed by any process: a call's new sequence number, or new call types. */
  listen(listener: SharedListener): void;
  /** A user in a call reached it again through this process: it answers for them from now on. */
  claim(cid: string, userId: string): Promise<void>;
  /** Whether no other process answers for a user in a call: one they watch through, or joined through. */
  answersFor(cid: string, userId: string): Promise<boolean>;
  /** Ends the storage's connections. */
  close(): Promise<void>;
  /** Whether `close` was called: work still queued then fails, and is no fault worth reporting. */
  readonly closed: boolean;
}

export interface SharedListener {
  changed(cid: string, seq: number): void;
  callTypesChanged(): void;
  /** A process forgot an ended call; others may still hold it without having heard it end. */
  forgotten(cid: string): void;
  /** Notifications may have been missed (the listening connection was lost and is back). */
  resync(): void;
  /** Users in calls through a process that stopped beating: they leave, as if they had dropped. */
  orphaned(users: readonly { cid: string; user: User }[]): void;
}

export function isSharedStorage(storage: ServerStorage): storage is SharedStorage {
  return (storage as Partial<SharedStorage>).shared === true;
}
