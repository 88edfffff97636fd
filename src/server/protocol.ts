import * as v from 'valibot';
import { CLOSE_CODES, type ClientMessage, type ServerMessage } from '../core/socket-protocol.js';

// The WebSocket protocol's server side: checking what clients send (the types live in the core).

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

// The schema must accept exactly the shared message type, so the two cannot drift apart.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesProtocol: Same<v.InferOutput<typeof clientMessageSchema>, ClientMessage> = true;
void schemaMatchesProtocol;

export { CLOSE_CODES, type ClientMessage, type ServerMessage };
