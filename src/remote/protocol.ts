import type { CallEvent, StageKitErrorJSON, User } from '../core/index.js';

// The WebSocket protocol as the client sees it; the server's `protocol.ts` is the other half.

export type ClientMessage =
  | { type: 'auth'; token: string }
  | { type: 'subscribe'; call_type: string; call_id: string; since?: number }
  | { type: 'unsubscribe'; call_type: string; call_id: string }
  | { type: 'pong' };

export type ServerMessage =
  | { type: 'ready'; user: User; now: number; heartbeat_ms: number }
  | { type: 'events'; cid: string; seq: number; events: CallEvent[] }
  | { type: 'ping'; now: number }
  | { type: 'time'; now: number }
  | { type: 'error'; cid?: string; error: StageKitErrorJSON };

/** Close code for a refused token: reconnecting with the same token cannot help. */
export const CLOSE_UNAUTHENTICATED = 4001;

/** The part of the browser's WebSocket the client uses; `ws` in Node provides it too. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;
