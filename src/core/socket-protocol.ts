import type { StageKitErrorJSON } from './errors.js';
import type { CallEvent } from './events.js';
import type { User } from './model.js';

// The WebSocket protocol between the reference server and the remote client, declared once for
// both sides. Every message is one JSON object with a `type`.

/** What a client sends. */
export type ClientMessage =
  /** The first message: the same token as the HTTP requests. */
  | { type: 'auth'; token: string }
  /** Starts (or resumes, with `since`: the last sequence number seen) the events of one call. */
  | { type: 'subscribe'; call_type: string; call_id: string; since?: number }
  | { type: 'unsubscribe'; call_type: string; call_id: string }
  /** The answer to a `ping`. */
  | { type: 'pong' };

/** What the server sends. */
export type ServerMessage =
  /** Authenticated: who the token says you are, the server's time and the heartbeat interval. */
  | { type: 'ready'; user: User; now: number; heartbeat_ms: number }
  /**
   * Events of one call, projected for this user. `seq` is the call's sequence number after them:
   * resume from it. `events` may be empty when everything in the batch was hidden from this user.
   */
  | { type: 'events'; cid: string; seq: number; events: CallEvent[] }
  /** Sent every heartbeat; answer with `pong` or the connection is dropped. */
  | { type: 'ping'; now: number }
  /** The server's clock jumped (a manual clock in tests and demos). */
  | { type: 'time'; now: number }
  /** A refused message; with `cid` when it concerned one call's subscription. */
  | { type: 'error'; cid?: string; error: StageKitErrorJSON };

/**
 * The close code of a refused token (missing, malformed, expired or wrongly signed): reconnecting
 * will not help. On its own so a client carries this code and not the server's others.
 */
export const UNAUTHENTICATED_CLOSE_CODE = 4001;

/** WebSocket close codes the server uses. */
export const CLOSE_CODES = {
  /** The token is missing, malformed, expired or wrongly signed: reconnecting will not help. */
  unauthenticated: UNAUTHENTICATED_CLOSE_CODE,
  /** The user has too many open connections, or the server as many as it holds. */
  tooManyConnections: 4029,
  /** The connection sent messages faster than its allowance. */
  tooManyMessages: 4030,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;
