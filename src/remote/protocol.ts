export { CLOSE_CODES, UNAUTHENTICATED_CLOSE_CODE, type ClientMessage, type ServerMessage } from '../core/socket-protocol.js';

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
