import { createCall, type Call, type CallHandle, type ConnectionState } from '../core/call.js';
import type { StageKitClient } from '../core/client.js';
import type { Command } from '../core/engine.js';
import { StageKitError } from '../core/errors.js';
import type { User } from '../core/model.js';
import { commandRequest, type CallCommand } from './command-request.js';
import { createHttpTransport } from './http-transport.js';
import type { WebSocketConstructor } from './protocol.js';
import { createServerClock, type ServerClock } from './server-clock.js';
import { createSocketSession, type ReconnectOptions } from './socket-session.js';
import { userFromToken } from './token-user.js';

export interface RemoteClientOptions {
  /** The server's base URL, e.g. `https://stage.example.com` (a path prefix is kept). */
  url: string;
  /** The user's token, minted by the server's secret. Identity comes from it alone. */
  token: string;
  /** The WebSocket class; the global one by default (pass `ws`'s in Node 20). */
  WebSocket?: WebSocketConstructor;
  fetch?: typeof fetch;
  reconnect?: ReconnectOptions;
  /**
   * Called when the server refuses or stops streaming a call's events (say, the user lost
   * `read-call`); that call's store then reads `connection: 'disconnected'` until a later
   * action of the call is streamed again.
   */
  onSubscriptionError?: (cid: string, error: StageKitError) => void;
  /**
   * Longest an action waits, after the server answered, for its own events to reach this
   * client's store before resolving anyway (default 10 s). Normally they arrive first.
   */
  syncTimeoutMs?: number;
  /**
   * Called with a message from the server this client could not read (not JSON, a known message
   * missing what the client computes with, or events a store could not apply): it was ignored and
   * changed nothing. A NETWORK StageKitError naming what was wrong.
   */
  onMessageError?: (error: StageKitError) => void;
}

/** A client of the reference server, the same shape as the memory backend's. */
export interface RemoteClient extends StageKitClient {
  readonly clock: ServerClock;
  /** The WebSocket's state; each call's store carries it too. */
  readonly connection: ConnectionState;
  /** Drops the WebSocket and reconnects at once, resuming every call from its last event. */
  reconnect(): void;
}

/** A call this client has handed out: its handle, and how far its events have come. */
interface Tracked extends CallHandle {
  type: string;
  id: string;
  /** The call's sequence number this client has caught up to, including events hidden from it. */
  seq: number;
  /** Whether the server should stream this call's events: set by the first action that succeeds. */
  watched: boolean;
  /** The server refused or stopped the stream: the store reads disconnected whatever the socket's state. */
  refused: boolean;
  waiters: Set<{ seq: number; resolve: () => void }>;
}

/**
 * Connects to the reference server: actions go over HTTP, events come back over one WebSocket
 * and update each call's store. An action resolves once its own events are in the store, so
 * `await call.goLive()` reads the same afterwards as with the memory backend.
 */
export function createRemoteClient(options: RemoteClientOptions): RemoteClient {
  const baseUrl = options.url.replace(/\/+$/, '');
  const user: User = userFromToken(options.token);
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!WebSocketImpl) throw new TypeError('createRemoteClient needs a WebSocket class: pass { WebSocket } from the "ws" package in Node');
  const syncTimeoutMs = options.syncTimeoutMs ?? 10_000;
  const http = createHttpTransport({ baseUrl, token: options.token, fetch: fetchImpl });
  const clock = createServerClock();
  const calls = new Map<string, Tracked>();
  let connection: ConnectionState = 'connecting';
  let closed = false;

  const subscribe = (tracked: Tracked) => {
    const hasView = tracked.call.getState().call !== null;
    session.send({
      type: 'subscribe',
      call_type: tracked.type,
      call_id: tracked.id,
      // Without a view there is nothing to apply missed events to: ask for a snapshot.
      ...(hasView && { since: tracked.seq }),
    });
  };

  const session = createSocketSession({
    url: `${baseUrl.replace(/^http/i, 'ws')}/video/connect`,
    token: options.token,
    WebSocket: WebSocketImpl,
    ...options.reconnect,
    onMessage(message) {
      switch (message.type) {
        case 'events': {
          const tracked = calls.get(message.cid);
          if (!tracked) return;
          if (tracked.refused) {
            tracked.refused = false;
            tracked.setConnection(connection);
          }
          try {
            tracked.receive(message.events);
          } catch {
            // The store is updated once per batch, after the whole batch applied: it is unchanged.
            options.onMessageError?.(new StageKitError('NETWORK', `the server sent events for ${message.cid} this client could not apply; they were ignored`));
            return;
          }
          tracked.seq = Math.max(tracked.seq, message.seq);
          for (const waiter of tracked.waiters) if (waiter.seq <= tracked.seq) waiter.resolve();
          return;
        }
        case 'time':
          clock.heard(message.now, { jumped: true });
          return;
        case 'ping':
          clock.heard(message.now);
          return;
        case 'error': {
          // A refused subscription: nothing more will arrive for that call, so nothing should wait.
          const tracked = message.cid ? calls.get(message.cid) : undefined;
          if (!tracked) return;
          tracked.watched = false;
          tracked.refused = true;
          tracked.setConnection('disconnected');
          for (const waiter of tracked.waiters) waiter.resolve();
          options.onSubscriptionError?.(tracked.call.cid, StageKitError.fromJSON(message.error));
          return;
        }
        case 'ready':
          clock.heard(message.now);
          // A round trip to the server's clock measures better than the one-way reading.
          clock
            .sample(async () => {
              const response = await fetchImpl(`${baseUrl}/time`);
              const body = (await response.json()) as { now?: unknown };
              if (typeof body.now !== 'number') throw new Error('no time');
              return body.now;
            })
            .catch(() => {
              // The one-way reading from `ready` stands until the next reconnect.
            });
          for (const tracked of calls.values()) if (tracked.watched) subscribe(tracked);
      }
    },
    onMalformed: options.onMessageError,
    onState(state) {
      connection = state;
      for (const tracked of calls.values()) {
        if (!tracked.refused || state === 'disconnected') tracked.setConnection(state);
        // Disconnected, no events will come: no action should wait for them.
        if (state === 'disconnected') for (const waiter of tracked.waiters) waiter.resolve();
      }
    },
  });

  const send = async (tracked: Tracked, command: Command): Promise<unknown> => {
    if (closed) throw new StageKitError('NETWORK', 'this client is disconnected');
    // A call's methods send no command of the backends' own (publishing the counts).
    const body = await http(commandRequest(tracked.type, tracked.id, command as CallCommand));
    const { call: _view, seq, ...result } = body;
    if (!tracked.watched) {
      tracked.watched = true;
      subscribe(tracked);
    }
    // Resolves once the store has caught up to `seq`, or when waiting longer cannot help: the
    // action has just asked for the stream, and a closed client reads disconnected.
    if (typeof seq === 'number' && tracked.seq < seq && connection !== 'disconnected') {
      await new Promise<void>((resolve) => {
        const waiter = {
          seq,
          resolve: () => {
            clearTimeout(timer);
            tracked.waiters.delete(waiter);
            resolve();
          },
        };
        const timer = setTimeout(waiter.resolve, syncTimeoutMs);
        tracked.waiters.add(waiter);
      });
    }
    return result;
  };

  const client: RemoteClient = {
    user,
    clock,
    get connection() {
      return connection;
    },
    call(type: string, id: string): Call {
      // The core's callId, the key the server's messages carry; written out so no engine code loads.
      const cid = `${type}:${id}`;
      let tracked = calls.get(cid);
      if (!tracked) {
        const entry: Tracked = {
          ...createCall({ type, id, user, clock, connection, send: (command) => send(entry, command) as never }),
          type,
          id,
          seq: 0,
          watched: false,
          refused: false,
          waiters: new Set(),
        };
        calls.set(cid, (tracked = entry));
      }
      return tracked.call;
    },
    reconnect: session.reconnect,
    disconnect() {
      if (closed) return;
      for (const tracked of calls.values()) {
        if (tracked.call.getState().call?.participants[user.id]) {
          // Best effort: the server also removes a participant whose connection is gone.
          http(commandRequest(tracked.type, tracked.id, { type: 'leave' })).catch(() => undefined);
        }
      }
      closed = true;
      session.close();
    },
  };
  return client;
}
