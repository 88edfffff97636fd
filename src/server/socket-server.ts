import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as v from 'valibot';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { callId, StageKitError, type CallEvent, type User } from '../core/index.js';
import type { Hub, Subscriber } from './hub.js';
import { createRateLimiter } from './rate-limiter.js';
import type { ServerLimits } from './limits.js';
import { clientMessageSchema, CLOSE_CODES, type ServerMessage } from './protocol.js';
import { createTokenVerifier } from './token-verifier.js';

export interface SocketServerOptions {
  hub: Hub;
  key: Uint8Array;
  limits: ServerLimits;
  /** How often the server pings; a connection silent for two intervals in a row is dropped. */
  heartbeatMs: number;
  /** How long a connection may take to send its `auth` message. */
  authTimeoutMs: number;
  /**
   * How long a participant whose last connection watching a call dropped may take to come back
   * before they leave the call (reason `dropped`), with their stage status. 0 leaves at once.
   */
  dropGraceMs: number;
  onError?: (error: unknown) => void;
  /** Checks a token; one shared with the HTTP app checks a viewer's token once for both. */
  verify?: (token: string | undefined | null) => Promise<User>;
}

export interface SocketServer {
  /** Hands an HTTP upgrade request on the WebSocket path to the server. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /**
   * A user joined a call over HTTP: unless a connection of theirs watches it within the grace
   * period, they leave it (reason `dropped`), as if their connection had dropped.
   */
  joinedOverHttp(user: User, type: string, id: string): void;
  /** Open, authenticated connections. */
  connections(): readonly Connection[];
  /** Drops connections abruptly (no close handshake), as a network failure would. */
  dropConnections(filter?: (connection: Connection) => boolean): number;
  close(): Promise<void>;
}

export interface Connection {
  readonly user: User;
  /** The calls this connection watches, by cid. */
  readonly calls: ReadonlySet<string>;
}

interface Live extends Connection, Subscriber {
  socket: WebSocket;
  wants(cid: string): boolean;
  calls: Set<string>;
  /** Whether anything arrived since the last ping. */
  alive: boolean;
  /** Heartbeats in a row with nothing from the client. */
  missed: number;
}

/**
 * When writing waiting events gives other requests a turn: after a slice of time in which much was
 * written (a large change to many watchers), or after a longer one in any case. A go-live's small
 * message to ten thousand viewers goes out in one pass; a members list to a thousand yields often.
 */
const FLUSH_SLICE_MS = 16;
const FLUSH_SLICE_BYTES = 2 * 1024 * 1024;
const FLUSH_LONGEST_MS = 250;

/** What waits to be sent to one socket: a message, or one call's batches of events in a row. */
type Outgoing = { message: ServerMessage } | { cid: string; seq: number; batches: CallEvent[][] };

/**
 * A batch's events as JSON, and the last message built with it as bytes, kept per batch: watchers
 * sent the very same batches (the hub hands one array to everyone who sees all of it) share one
 * serialisation and one encoding, instead of one each.
 */
interface Serialised {
  json: string;
  message?: { cid: string; seq: number; batches: readonly CallEvent[][]; data: Buffer };
}
const serialised = new WeakMap<CallEvent[], Serialised>();

function serialisedOf(batch: CallEvent[]): Serialised {
  let entry = serialised.get(batch);
  if (!entry) serialised.set(batch, (entry = { json: JSON.stringify(batch) }));
  return entry;
}

/** One message for a run of one call's batches, built once for every watcher with the same run. */
function eventsMessage({ cid, seq, batches }: { cid: string; seq: number; batches: CallEvent[][] }): Buffer {
  const last = serialisedOf(batches[batches.length - 1]!);
  const built = last.message;
  if (built && built.cid === cid && built.seq === seq && built.batches.length === batches.length && built.batches.every((batch, i) => batch === batches[i])) {
    return built.data;
  }
  const parts = batches.map((batch) => serialisedOf(batch).json.slice(1, -1)).filter((part) => part.length > 0);
  const data = Buffer.from(`{"type":"events","cid":${JSON.stringify(cid)},"seq":${seq},"events":[${parts.join(',')}]}`);
  last.message = { cid, seq, batches, data };
  return data;
}

function removeQueued(waiting: Outgoing[], cid: string): void {
  for (let i = waiting.length - 1; i >= 0; i -= 1) {
    const outgoing = waiting[i]!;
    if ('batches' in outgoing && outgoing.cid === cid) waiting.splice(i, 1);
  }
}

/** A token bucket for one connection's messages. */
interface MessageBudget {
  tokens: number;
  at: number;
}

/** One WebSocket per client: authenticated by its first message, then a stream of events per call it watches. */
export function createSocketServer(options: SocketServerOptions): SocketServer {
  const { hub, key, limits } = options;
  const verify = options.verify ?? createTokenVerifier(key);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const live = new Set<Live>();
  const byUser = new Map<string, Set<Live>>();
  const dropTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let closed = false;
  // Sockets open but not yet signed in: capped on their own, below the connection cap.
  let unauthenticated = 0;
  const realTime = () => Date.now();
  // Per user, across their connections: reconnecting must not buy a fresh allowance.
  const userMessages = createRateLimiter({ burst: limits.socketMessageBurst, windowMs: limits.socketMessageWindowMs, now: realTime });
  const userConnects = createRateLimiter({ burst: limits.connectBurst, windowMs: limits.connectWindowMs, now: realTime });
  const userSubscribes = createRateLimiter({ burst: limits.subscribeBurst, windowMs: limits.subscribeWindowMs, now: realTime });

  // Events wait for the end of the event-loop turn, and consecutive batches of one call leave as one
  // message: in a join storm a viewer gets one frame and makes one store update for many joins.
  // Any other message first sends what waits, so the order on the wire is the order of sending.
  const outboxes = new WeakMap<WebSocket, Outgoing[]>();
  // Sockets with events waiting, in the order they got them. Drained in slices of a few
  // milliseconds, each in its own turn of the event loop: sending one change to ten thousand
  // watchers must not keep every other request waiting until the last of them is written.
  const toFlush = new Set<WebSocket>();
  let written = 0;
  const drain = () => {
    const start = performance.now();
    written = 0;
    for (const socket of toFlush) {
      try {
        flush(socket);
      } catch (error) {
        options.onError?.(error);
        socket.terminate();
      }
      const elapsed = performance.now() - start;
      if ((elapsed > FLUSH_SLICE_MS && written > FLUSH_SLICE_BYTES) || elapsed > FLUSH_LONGEST_MS) break;
    }
    if (toFlush.size > 0) setImmediate(drain);
  };
  const flush = (socket: WebSocket) => {
    toFlush.delete(socket);
    const waiting = outboxes.get(socket);
    if (!waiting) return;
    outboxes.delete(socket);
    for (const outgoing of waiting) {
      if (socket.readyState !== socket.OPEN) return;
      if ('message' in outgoing) write(socket, JSON.stringify(outgoing.message));
      else write(socket, eventsMessage(outgoing));
    }
  };
  /**
   * Sends one message unless the client has fallen too far behind reading: past the high-water
   * mark it is cut off (it resumes from its last sequence number when it reconnects), so a
   * client that never reads cannot grow the server's memory.
   */
  const write = (socket: WebSocket, data: string | Buffer) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount + data.length > limits.maxBufferedBytes) {
      socket.terminate();
      return;
    }
    written += data.length;
    socket.send(data, { binary: false });
  };
  /** Forgets what waits for a call the socket no longer watches. */
  const dropQueued = (socket: WebSocket, cid: string) => {
    const waiting = outboxes.get(socket);
    if (waiting) removeQueued(waiting, cid);
  };
  const send = (socket: WebSocket, message: ServerMessage) => {
    if (message.type !== 'events') {
      flush(socket);
      write(socket, JSON.stringify(message));
      return;
    }
    let waiting = outboxes.get(socket);
    if (!waiting) {
      outboxes.set(socket, (waiting = []));
      toFlush.add(socket);
      if (toFlush.size === 1) setImmediate(drain);
    }
    // A whole view makes whatever waits for the same call obsolete: it goes, and only the view is sent.
    if (message.events[0]?.type === 'call.state') removeQueued(waiting, message.cid);
    const last = waiting[waiting.length - 1];
    if (last && 'batches' in last && last.cid === message.cid) {
      last.seq = message.seq;
      last.batches.push(message.events);
    } else waiting.push({ cid: message.cid, seq: message.seq, batches: [message.events] });
  };

  // Two silent intervals in a row, not one, so a client that was merely slow once stays.
  const heartbeat = setInterval(() => {
    for (const connection of live) {
      try {
        if (connection.alive) connection.missed = 0;
        else if ((connection.missed += 1) >= 2) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        send(connection.socket, { type: 'ping', now: hub.clock.now() });
      } catch (error) {
        options.onError?.(error);
      }
    }
  }, options.heartbeatMs);
  heartbeat.unref?.();

  // A manual clock that jumps tells every client, so countdowns follow at once.
  const stopClockWatch = hub.clock.subscribe?.(() => {
    try {
      for (const connection of live) send(connection.socket, { type: 'time', now: hub.clock.now() });
    } catch (error) {
      options.onError?.(error);
    }
  });

  wss.on('connection', (socket: WebSocket) => {
    let connection: Live | null = null;
    // One auth per connection: a second one while the first is checked is a protocol error.
    let authenticating = false;
    const budget: MessageBudget = { tokens: limits.socketMessageBurst, at: Date.now() };
    unauthenticated += 1;
    let counted = true;
    const authenticated = () => {
      if (counted) unauthenticated -= 1;
      counted = false;
    };
    // Told why, then cut off a moment later: a close handshake with a silent peer would hold the slot 30 s more.
    const authTimer = setTimeout(() => {
      socket.close(CLOSE_CODES.unauthenticated, 'no auth message');
      setTimeout(() => socket.terminate(), 1_000).unref?.();
    }, options.authTimeoutMs);
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      clearTimeout(authTimer);
      authenticated();
      if (connection) forget(connection);
    });
    socket.on('message', (data: RawData, isBinary: boolean) => {
      try {
        // Each connection has its allowance, and so does each user across their connections.
        if (!takeMessage(budget) || (connection && userMessages.take(connection.user.id) > 0)) {
          socket.close(CLOSE_CODES.tooManyMessages, 'too many messages');
          return;
        }
        if (connection) connection.alive = true;
        receive(data, isBinary);
      } catch (error) {
        // Nothing a client sends may take the process down.
        options.onError?.(error);
        socket.terminate();
      }
    });

    function receive(data: RawData, isBinary: boolean): void {
      let message: v.InferOutput<typeof clientMessageSchema>;
      try {
        message = parseMessage(data, isBinary);
      } catch (error) {
        send(socket, { type: 'error', error: toError(error, options.onError).toJSON() });
        return;
      }
      if (connection) {
        handle(connection, message);
        return;
      }
      if (message.type !== 'auth' || authenticating) {
        socket.close(CLOSE_CODES.unauthenticated, authenticating ? 'one auth message per connection' : 'the first message must be auth');
        return;
      }
      authenticating = true;
      clearTimeout(authTimer);
      verify(message.token)
        .then(
          (user) => {
            if (socket.readyState !== socket.OPEN) return;
            authenticated();
            const mine = byUser.get(user.id);
            if ((mine && mine.size >= limits.connectionsPerUser) || userConnects.take(user.id) > 0) {
              send(socket, { type: 'error', error: tooManyConnections(limits.connectionsPerUser).toJSON() });
              socket.close(CLOSE_CODES.tooManyConnections, 'too many connections');
              return;
            }
            connection = admit(socket, user);
          },
          (error: unknown) => {
            send(socket, { type: 'error', error: toError(error, options.onError).toJSON() });
            socket.close(CLOSE_CODES.unauthenticated, 'invalid token');
          },
        )
        .catch((error: unknown) => {
          options.onError?.(error);
          socket.terminate();
        });
    }
  });

  /** Takes one message from a connection's allowance; false when it has none left. */
  function takeMessage(budget: MessageBudget): boolean {
    const now = Date.now();
    const perMs = limits.socketMessageBurst / limits.socketMessageWindowMs;
    budget.tokens = Math.min(limits.socketMessageBurst, budget.tokens + Math.max(0, now - budget.at) * perMs);
    budget.at = now;
    if (budget.tokens < 1) return false;
    budget.tokens -= 1;
    return true;
  }

  function admit(socket: WebSocket, user: User): Live {
    const connection: Live = {
      socket,
      user,
      calls: new Set(),
      alive: true,
      missed: 0,
      deliver(cid: string, seq: number, events: CallEvent[]) {
        send(socket, { type: 'events', cid, seq, events });
      },
      wants(cid: string) {
        return live.has(connection) && connection.calls.has(cid);
      },
      stopped(cid: string, error?: StageKitError) {
        connection.calls.delete(cid);
        if (!error) return;
        send(socket, { type: 'error', cid, error: error.toJSON() });
        // Someone still in a call they may no longer watch (a team was set on it) is gone, as when
        // their connection drops; one whose stream merely failed is asked to subscribe again.
        if (error.code === 'FORBIDDEN' && !watching(user.id, cid) && inCall(user.id, cid)) scheduleDrop(user, cid, options.dropGraceMs);
      },
    };
    live.add(connection);
    let mine = byUser.get(user.id);
    if (!mine) byUser.set(user.id, (mine = new Set()));
    mine.add(connection);
    send(socket, { type: 'ready', user, now: hub.clock.now(), heartbeat_ms: options.heartbeatMs });
    return connection;
  }

  function handle(connection: Live, message: v.InferOutput<typeof clientMessageSchema>): void {
    switch (message.type) {
      case 'auth':
        send(connection.socket, { type: 'error', error: new StageKitError('INVALID_STATE', 'already authenticated').toJSON() });
        return;
      case 'pong':
        return;
      case 'subscribe': {
        const cid = callId(message.call_type, message.call_id);
        // Watching already: the stream goes on; a second snapshot would only cost memory.
        if (connection.calls.has(cid)) return;
        // A subscription may cost a whole view of the call: each user has an allowance of them.
        const waitMs = userSubscribes.take(connection.user.id);
        if (waitMs > 0) {
          send(connection.socket, { type: 'error', cid, error: new StageKitError('RATE_LIMITED', `too many subscriptions; try again in ${Math.ceil(waitMs / 1000)} s`).toJSON() });
          return;
        }
        if (connection.calls.size >= limits.subscriptionsPerConnection) {
          send(connection.socket, { type: 'error', cid, error: tooManySubscriptions(limits.subscriptionsPerConnection).toJSON() });
          return;
        }
        connection.calls.add(cid);
        hub.subscribe(connection, message.call_type, message.call_id, message.since).then(
          () => {
            // The connection may have closed, or unsubscribed, while the subscription waited its turn.
            if (!connection.wants(cid)) hub.unsubscribe(connection, cid);
            // Watching again: no longer gone. Only a subscription that succeeds counts, so someone
            // refused (outside a team set on the call) cannot stay in it by asking again and again.
            else cancelDrop(connection.user.id, cid);
          },
          (error: unknown) => {
            connection.calls.delete(cid);
            hub.unsubscribe(connection, cid);
            send(connection.socket, { type: 'error', cid, error: toError(error, options.onError).toJSON() });
            // Refused (blocked, outside a team): gone after the grace, as a dropped connection is. Any
            // other failure (the database away a moment) leaves them be: their socket is fine.
            const refused = error instanceof StageKitError && error.code === 'FORBIDDEN';
            if (refused && !watching(connection.user.id, cid) && inCall(connection.user.id, cid) && !dropPending(connection.user.id, cid)) {
              scheduleDrop(connection.user, cid, options.dropGraceMs);
            }
          },
        );
        return;
      }
      case 'unsubscribe': {
        const cid = callId(message.call_type, message.call_id);
        if (!connection.calls.delete(cid)) return;
        hub.unsubscribe(connection, cid);
        dropQueued(connection.socket, cid);
        // Someone in the call who stops watching it is treated as gone, as when their connection drops.
        if (!watching(connection.user.id, cid) && inCall(connection.user.id, cid)) scheduleDrop(connection.user, cid, options.dropGraceMs);
        return;
      }
    }
  }

  function forget(connection: Live): void {
    live.delete(connection);
    const mine = byUser.get(connection.user.id);
    mine?.delete(connection);
    if (mine?.size === 0) byUser.delete(connection.user.id);
    for (const cid of connection.calls) {
      hub.unsubscribe(connection, cid);
      if (!closed && !watching(connection.user.id, cid) && inCall(connection.user.id, cid)) scheduleDrop(connection.user, cid, options.dropGraceMs);
    }
  }

  /** Whether the user is in the call: only then is there anyone to drop when they stop watching. */
  function inCall(userId: string, cid: string): boolean {
    const at = cid.indexOf(':');
    return !!hub.inspect(cid.slice(0, at), cid.slice(at + 1))?.participants.has(userId);
  }

  function watching(userId: string, cid: string): boolean {
    for (const other of byUser.get(userId) ?? []) if (other.calls.has(cid)) return true;
    return false;
  }

  function scheduleDrop(user: User, cid: string, graceMs: number): void {
    const timerKey = `${user.id}\n${cid}`;
    clearTimeout(dropTimers.get(timerKey));
    const leave = () => {
      dropTimers.delete(timerKey);
      if (closed || watching(user.id, cid)) return;
      const at = cid.indexOf(':');
      const [type, id] = [cid.slice(0, at), cid.slice(at + 1)];
      if (!hub.inspect(type, id)?.participants.has(user.id)) return;
      // Behind a balancer they may have come back, or be watching, through another process.
      hub
        .answersFor(user, type, id)
        .then((answers) => (answers ? hub.dispatch(user, type, id, { type: 'leave', reason: 'dropped' }, { view: false }) : null))
        .catch((error: unknown) => {
          // A call that ended or went away meanwhile has no one left to drop.
          if (!(error instanceof StageKitError)) options.onError?.(error);
        });
    };
    if (graceMs <= 0) leave();
    else {
      const timer = setTimeout(leave, graceMs);
      timer.unref?.();
      dropTimers.set(timerKey, timer);
    }
  }

  function dropPending(userId: string, cid: string): boolean {
    return dropTimers.has(`${userId}\n${cid}`);
  }

  function cancelDrop(userId: string, cid: string): void {
    const timerKey = `${userId}\n${cid}`;
    clearTimeout(dropTimers.get(timerKey));
    dropTimers.delete(timerKey);
  }

  return {
    handleUpgrade(request, socket, head) {
      if (wss.clients.size >= limits.maxConnections || unauthenticated >= limits.maxUnauthenticated) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    joinedOverHttp(user, type, id) {
      const cid = callId(type, id);
      if (!closed && !watching(user.id, cid)) scheduleDrop(user, cid, limits.unwatchedJoinGraceMs);
    },
    connections: () => [...live],
    dropConnections(filter = () => true) {
      let dropped = 0;
      for (const connection of live) {
        if (!filter(connection)) continue;
        connection.socket.terminate();
        dropped += 1;
      }
      return dropped;
    },
    async close() {
      closed = true;
      clearInterval(heartbeat);
      stopClockWatch?.();
      for (const timer of dropTimers.values()) clearTimeout(timer);
      dropTimers.clear();
      for (const socket of wss.clients) socket.close(CLOSE_CODES.goingAway, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const socket of wss.clients) socket.terminate();
    },
  };
}

function parseMessage(data: RawData, isBinary: boolean) {
  if (isBinary) throw new StageKitError('INVALID_INPUT', 'messages must be JSON text', { fields: [{ path: 'message', message: 'must be text' }] });
  let json: unknown;
  try {
    json = JSON.parse(String(data));
  } catch {
    throw new StageKitError('INVALID_INPUT', 'the message is not valid JSON', { fields: [{ path: 'message', message: 'is not valid JSON' }] });
  }
  const result = v.safeParse(clientMessageSchema, json);
  if (result.success) return result.output;
  const fields = result.issues.map((issue) => ({
    path: ['message', v.getDotPath(issue)].filter(Boolean).join('.'),
    message: issue.expected === 'never' ? 'is not a known field' : issue.message,
  }));
  throw new StageKitError('INVALID_INPUT', `invalid message: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, { fields });
}

/** The error to send for a refused message; anything but a StageKitError is a fault, and reported. */
function toError(error: unknown, onError?: (error: unknown) => void): StageKitError {
  if (error instanceof StageKitError) return error;
  onError?.(error);
  return new StageKitError('INVALID_STATE', 'the server could not handle this message');
}

function tooManyConnections(limit: number): StageKitError {
  return new StageKitError('RATE_LIMITED', `a user may hold at most ${limit} open connections`);
}

function tooManySubscriptions(limit: number): StageKitError {
  return new StageKitError('RATE_LIMITED', `a connection may watch at most ${limit} calls at once; unsubscribe from one first`);
}
