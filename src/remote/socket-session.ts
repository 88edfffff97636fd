import type { ConnectionState } from '../core/call.js';
import type { StageKitError } from '../core/errors.js';
import { UNAUTHENTICATED_CLOSE_CODE, type ClientMessage, type ServerMessage, type WebSocketConstructor, type WebSocketLike } from './protocol.js';
import { readServerMessage } from './server-message.js';

export interface ReconnectOptions {
  /** First wait before reconnecting, in ms (default 250); doubles per failed attempt. */
  initialDelayMs?: number;
  /** Longest wait between attempts, in ms (default 10 s). */
  maxDelayMs?: number;
}

export interface SocketSessionOptions extends ReconnectOptions {
  url: string;
  token: string;
  WebSocket: WebSocketConstructor;
  /**
   * Every message, `ready` included: it comes each time the server accepts the connection, first
   * or again, once the state reads connected (resubscribe there).
   */
  onMessage(message: ServerMessage): void;
  onState(state: ConnectionState): void;
  /** A frame that is not a well-formed message: it was ignored. */
  onMalformed?(error: StageKitError): void;
}

export interface SocketSession {
  /** Sends now if connected; otherwise drops the message (the next `ready` is where to send again). */
  send(message: ClientMessage): void;
  /** Closes the connection now and reconnects, as after a network failure. */
  reconnect(): void;
  close(): void;
}

const ignore = () => undefined;

/**
 * One WebSocket that stays open: it authenticates with the token, answers heartbeats, notices a
 * silent server, and reconnects with exponential backoff and jitter until closed.
 */
export function createSocketSession(options: SocketSessionOptions): SocketSession {
  const initialDelay = options.initialDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 10_000;
  let socket: WebSocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceLimit = 0;

  const setState = (next: ConnectionState) => {
    if (state === next) return;
    state = next;
    options.onState(next);
  };

  /** Stops listening to the current socket and closes it (a closed socket ignores the close). */
  const detach = (code?: number, reason?: string) => {
    const current = socket;
    if (!current) return;
    socket = null;
    clearTimeout(silenceTimer);
    current.onopen = current.onmessage = current.onclose = null;
    // Not null: closing a socket still connecting reports an error, which must land somewhere.
    current.onerror = ignore;
    try {
      current.close(code, reason);
    } catch {
      // Already closing.
    }
  };

  const drop = () => {
    if (!socket) return;
    detach();
    scheduleRetry();
  };

  const scheduleRetry = () => {
    if (closed) return;
    setState('connecting');
    clearTimeout(retryTimer);
    // A wait between half the ceiling and all of it keeps a crowd of clients from reconnecting in
    // step after a server restart.
    const ceiling = Math.min(maxDelay, initialDelay * 2 ** attempt);
    attempt += 1;
    retryTimer = setTimeout(open, (ceiling * (1 + Math.random())) / 2);
  };

  const open = () => {
    if (closed) return;
    let current: WebSocketLike;
    try {
      current = new options.WebSocket(options.url);
    } catch {
      scheduleRetry();
      return;
    }
    socket = current;
    current.onopen = () => {
      current.send(JSON.stringify({ type: 'auth', token: options.token } satisfies ClientMessage));
    };
    current.onmessage = (event) => {
      let message: ServerMessage | null = null;
      try {
        message = readServerMessage(event.data);
      } catch (error) {
        options.onMalformed?.(error as StageKitError);
      }
      if (message?.type === 'ready') {
        attempt = 0;
        silenceLimit = message.heartbeat_ms * 2 + 1000;
        setState('connected');
      }
      // Whatever it sent, the server is there; silent for over two heartbeats, it is gone, whatever
      // the socket says.
      clearTimeout(silenceTimer);
      if (silenceLimit > 0) silenceTimer = setTimeout(drop, silenceLimit);
      if (!message) return;
      if (message.type === 'ping') current.send(JSON.stringify({ type: 'pong' } satisfies ClientMessage));
      options.onMessage(message);
    };
    // A close event follows an error; reconnecting happens there.
    current.onerror = ignore;
    current.onclose = (event) => {
      detach();
      if (event.code === UNAUTHENTICATED_CLOSE_CODE) {
        closed = true;
        setState('disconnected');
        return;
      }
      scheduleRetry();
    };
  };

  open();

  return {
    send(message) {
      if (socket && state === 'connected') socket.send(JSON.stringify(message));
    },
    reconnect() {
      if (closed) return;
      attempt = 0;
      drop();
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      detach(1000, 'client closed');
      setState('disconnected');
    },
  };
}
