import { STAGEKIT_ERROR_CODES, StageKitError, type StageKitErrorJSON } from '../core/errors.js';
import type { ServerMessage } from './protocol.js';

// The server validates everything it accepts, so the client trusts what it sends and carries no
// schema library. It checks only what would corrupt a store or a clock if it were wrong: the
// message's type, and the numbers (sequence numbers, times) the client computes with.

const KNOWN_CODES: readonly unknown[] = STAGEKIT_ERROR_CODES;

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isTime = (value: unknown): value is number => Number.isFinite(value);

/** The wire form of a StageKitError: a code the kit knows and a message. */
export function isErrorJSON(value: unknown): value is StageKitErrorJSON {
  return isObject(value) && KNOWN_CODES.includes(value.code) && typeof value.message === 'string';
}

/**
 * Reads one WebSocket frame. Answers the message, or null for a type this client does not know (a
 * newer server's); throws a NETWORK StageKitError naming a malformed one.
 */
export function readServerMessage(data: unknown): ServerMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(String(data));
  } catch {
    // Reported below, with anything else that is not an object.
  }
  const known = isObject(message) ? wellFormed(message) : false;
  if (known === false) {
    const what = isObject(message) ? `a malformed '${String(message.type)}' message` : 'a frame that is not a JSON object';
    throw new StageKitError('NETWORK', `the server sent ${what}; it was ignored`);
  }
  return known ? (message as ServerMessage) : null;
}

/** Whether a message carries, well formed, what the client computes with; null for an unknown type. */
function wellFormed(message: Fields): boolean | null {
  const { cid } = message;
  switch (message.type) {
    case 'ready':
      return isTime(message.now) && isTime(message.heartbeat_ms) && message.heartbeat_ms > 0;
    case 'ping':
    case 'time':
      return isTime(message.now);
    case 'events':
      // A store applies events above its sequence number and skips the rest, so an event without
      // a whole sequence number, or another call's event, would be applied wrongly or forever after.
      return (
        typeof cid === 'string' &&
        isSeq(message.seq) &&
        Array.isArray(message.events) &&
        message.events.every(
          (event: unknown) =>
            isObject(event) &&
            typeof event.type === 'string' &&
            event.cid === cid &&
            isSeq(event.seq) &&
            (event.type !== 'call.state' || (isObject(event.call) && isSeq(event.call.seq))),
        )
      );
    case 'error':
      return (cid === undefined || typeof cid === 'string') && isErrorJSON(message.error);
    default:
      return null;
  }
}
