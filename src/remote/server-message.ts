import { STAGEKIT_ERROR_CODES, StageKitError, type StageKitErrorJSON } from '../core/errors.js';
import type { ServerMessage } from './protocol.js';

// The server validates everything it accepts, so the client trusts what it sends and carries no
// schema library. It checks only what would corrupt a store or a clock if it were wrong: the
// message's type, and the numbers (sequence numbers, times) the client computes with.

const KNOWN_CODES: ReadonlySet<string> = new Set(STAGEKIT_ERROR_CODES);

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The wire form of a StageKitError: a code the kit knows and a message. */
export function isErrorJSON(value: unknown): value is StageKitErrorJSON {
  return isObject(value) && typeof value.code === 'string' && KNOWN_CODES.has(value.code) && typeof value.message === 'string';
}

const malformed = (what: string) => new StageKitError('NETWORK', `the server sent a malformed message: ${what}; it was ignored`);

/**
 * Reads one WebSocket frame. Answers the message, or null for a type this client does not know (a
 * newer server's); throws a NETWORK StageKitError naming what is wrong with a malformed one.
 */
export function readServerMessage(data: unknown): ServerMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(typeof data === 'string' ? data : String(data));
  } catch {
    throw malformed('not JSON');
  }
  if (!isObject(message) || typeof message.type !== 'string') throw malformed('no type');
  switch (message.type) {
    case 'ready':
      if (!isTime(message.now)) throw malformed('ready without a time (now)');
      if (!isTime(message.heartbeat_ms) || message.heartbeat_ms <= 0) throw malformed('ready without a heartbeat interval (heartbeat_ms)');
      return message as ServerMessage;
    case 'ping':
    case 'time':
      if (!isTime(message.now)) throw malformed(`${message.type} without a time (now)`);
      return message as ServerMessage;
    case 'events':
      checkEvents(message);
      return message as ServerMessage;
    case 'error':
      if (message.cid !== undefined && typeof message.cid !== 'string') throw malformed('error whose cid is not a string');
      if (!isErrorJSON(message.error)) throw malformed('error without a known code and a message');
      return message as ServerMessage;
    default:
      return null;
  }
}

/**
 * A store applies events above its sequence number and skips the rest, so an event without a
 * whole sequence number, or another call's event, would be applied wrongly or forever after.
 */
function checkEvents(message: Fields): void {
  const { cid, seq, events } = message;
  if (typeof cid !== 'string') throw malformed('events without a call id (cid)');
  if (!isSeq(seq)) throw malformed(`events for ${cid} without a sequence number (seq)`);
  if (!Array.isArray(events)) throw malformed(`events for ${cid} without an events list`);
  for (const event of events as unknown[]) {
    if (!isObject(event) || typeof event.type !== 'string') throw malformed(`an event for ${cid} without a type`);
    if (!isSeq(event.seq)) throw malformed(`a ${event.type} event for ${cid} without a sequence number`);
    if (event.cid !== cid) throw malformed(`a ${event.type} event for ${String(event.cid)} sent as one of ${cid}`);
    if (event.type === 'call.state' && !(isObject(event.call) && isSeq(event.call.seq))) {
      throw malformed(`a call.state event for ${cid} without a call view`);
    }
  }
}
