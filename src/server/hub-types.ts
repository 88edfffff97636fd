import type { CallEvent, CallRecord, CallView, Clock, Command, CommandResults, StageKitError, User } from '../core/index.js';
import type { CallType } from '../core/call-types.js';
import type { CallTypePatchInput } from '../core/schemas.js';
import type { ServerStorage } from './storage.js';

// What the hub offers and what it is made with; the hub itself is in hub.ts.

/** One stream of a call's events to one user: a WebSocket subscription, or a test's listener. */
export interface Subscriber {
  readonly user: User;
  /**
   * Whether the subscriber still wants the call when its subscription's turn comes: false when it
   * unsubscribed or went away meanwhile, so a late subscription never outlives either.
   */
  wants?(cid: string): boolean;
  deliver(cid: string, seq: number, events: CallEvent[]): void;
  /**
   * The hub ended this stream: with the error to tell the user when they may no longer watch
   * the call, without one when the call ended a while ago and its stream was closed.
   */
  stopped?(cid: string, error?: StageKitError): void;
}

export interface DispatchResult<R = unknown> {
  result: R;
  /**
   * The actor's view of the call after the command; null when the call does not exist, when
   * the actor may not watch it (no `read-call` and not in the call), or when not asked for.
   */
  call: CallView | null;
  /** The call's sequence number after the command. */
  seq: number;
}

export interface DispatchOptions {
  /** Whether to build the actor's view of the call for the answer (default true). */
  view?: boolean;
}

export interface HubOptions {
  storage: ServerStorage;
  clock: Clock;
  callTypes?: ReadonlyMap<string, CallType>;
  /** Calls the server holds at once, ended ones included until they are forgotten (default 100,000). */
  maxCalls?: number;
  /** Calls one user may have created that the server still holds (default 100). */
  callsPerUser?: number;
  /** Members one call may have (default 10,000). */
  membersPerCall?: number;
  /**
   * Changes and queries waiting their turn at once, beyond which more are refused as busy (default
   * 10,000): what a flood of clients can make the server hold is bounded. Leaving is never refused.
   */
  maxQueued?: number;
  /** How often at most a call's watchers are told its counts, in ms of real time (default 250). */
  countsIntervalMs?: number;
  /**
   * How long after a call ends its event log and its subscriptions are kept, in ms of real time
   * (default 10 minutes). Late subscribers still get a snapshot.
   */
  endedCallRetentionMs?: number;
  /** Errors of a shared storage the hub recovers from (a notification it could not follow). */
  onError?: (error: unknown) => void;
}

/**
 * The server's heart: the world, one change at a time, and the subscriptions it publishes each
 * change to. HTTP and WebSocket are thin layers over it.
 */
export interface Hub {
  readonly clock: Clock;
  /** Resolves once the storage has loaded; every other method waits for it anyway. */
  readonly ready: Promise<void>;
  dispatch<C extends Command>(actor: User, type: string, id: string, command: C, options?: DispatchOptions): Promise<DispatchResult<CommandResults[C['type']]>>;
  updateCallType(name: string, patch: CallTypePatchInput): Promise<CallType>;
  /**
   * Starts (or restarts) a subscriber's stream of one call. With `since`, sends only the events
   * after it when the log still holds them, else a `call.state` snapshot; without, a snapshot.
   * Watching needs `read-call` or being in the call, checked again before anything is sent.
   */
  subscribe(subscriber: Subscriber, type: string, id: string, since?: number): Promise<void>;
  unsubscribe(subscriber: Subscriber, cid: string): void;
  /**
   * Whether this process answers for a user in a call, so may make them leave when their
   * connection drops: always with a storage of its own; with a shared one, unless another process
   * does (they watch, or joined, through it).
   */
  answersFor(user: User, type: string, id: string): Promise<boolean>;
  /** The authoritative record of a call, for tests and tools. */
  inspect(type: string, id: string): CallRecord | undefined;
  callType(name: string): CallType | undefined;
  /** How many changes the hub has committed: unchanged by anything refused. */
  revision(): number;
  /** How many calls the hub holds. */
  callCount(): number;
  /** Stops the timers that forget ended calls. */
  close(): void;
}
