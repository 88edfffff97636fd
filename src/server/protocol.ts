import * as v from 'valibot';
import type { CallEvent, StageKitErrorJSON, User } from '../core/index.js';

// The WebSocket protocol, server side. Every message is one JSON object with a `type`.

const callName = v.pipe(v.string(), v.maxLength(64));

/** What a client may send. Anything else is answered with an `error` message. */
export const clientMessageSchema = v.variant('type', [
  /** The first message: the same token as the HTTP requests. */
  v.strictObject({ type: v.literal('auth'), token: v.pipe(v.string(), v.maxLength(8192)) }),
  /** Starts (or resumes, with `since`: the last sequence number seen) the events of one call. */
  v.strictObject({
    type: v.literal('subscribe'),
    call_type: callName,
    call_id: callName,
    since: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  v.strictObject({ type: v.literal('unsubscribe'), call_type: callName, call_id: callName }),
  /** The answer to a `ping`. */
  v.strictObject({ type: v.literal('pong') }),
]);

export type ClientMessage = v.InferOutput<typeof clientMessageSchema>;

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

/** WebSocket close codes the server uses. */
export const CLOSE_CODES = {
  /** The token is missing, malformed, expired or wrongly signed: reconnecting will not help. */
  unauthenticated: 4001,
  /** The user has too many open connections. */
  tooManyConnections: 4029,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;
