import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { applyCallTypePatch, builtInCallTypes, type CallType, type CallTypePatch } from '../core/call-types.js';
import { systemClock, type Clock } from '../core/index.js';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import { createHttpApp } from './http-app.js';
import { createHub, type Hub } from './hub.js';
import { DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { createMemoryStorage } from './memory-storage.js';
import { createSocketServer, type Connection } from './socket-server.js';
import type { ServerStorage } from './storage.js';
import { secretKey } from './token.js';
import { createTokenVerifier } from './token-verifier.js';

export interface StageKitServerOptions {
  /** The HS256 secret tokens are signed with (16 characters or more). */
  secret: string;
  /** Where time comes from; inject a manual clock in tests and demos. The system clock by default. */
  clock?: Clock;
  /** Where calls live; in memory by default. */
  storage?: ServerStorage;
  /** Call types to add, or changes to the built-in ones, by name. */
  callTypes?: Record<string, CallTypePatch>;
  limits?: Partial<ServerLimits>;
  /** Heartbeat interval in ms (default 15 s); a client silent for two intervals in a row is dropped. */
  heartbeatMs?: number;
  /** Time allowed for a new connection's `auth` message (default 10 s). */
  authTimeoutMs?: number;
  /** How often at most watchers are told a call's counts, in ms (default 250; 0: right after each change). */
  countsIntervalMs?: number;
  /** Grace before a participant whose connections all dropped leaves the call (default 10 s). */
  dropGraceMs?: number;
  /** The WebSocket path (default `/video/connect`; `/api/v2/video/connect` works too). */
  socketPath?: string;
  corsOrigin?: string | string[];
  /**
   * Serves `GET /dev/token?user_id=&role=&name=&teams=` (teams comma-separated), minting a token for anyone who asks. For demos
   * on one machine only: it hands out every identity, admin included.
   */
  devTokens?: boolean;
  /** Errors the server did not expect (answered 500); logged to the console by default. */
  onError?: (error: unknown) => void;
}

/** The server, not yet listening: mount `app` and `handleUpgrade` in a Node server of your own, or call `listen`. */
export interface StageKitServer {
  readonly hub: Hub;
  /** The REST API as a Hono app (`app.fetch` is a standard fetch handler). */
  readonly app: Hono<never>;
  /** Call from your HTTP server's `upgrade` event; answers only the WebSocket path and refuses the rest. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open, authenticated WebSocket connections. */
  connections(): readonly Connection[];
  /** Drops connections abruptly, as a network failure would (for tests and operators). */
  dropConnections(filter?: (connection: Connection) => boolean): number;
  /** Starts a Node HTTP server with the API and the WebSocket on `host:port` (port 0: any free one). */
  listen(options?: { port?: number; host?: string }): Promise<ListeningServer>;
  close(): Promise<void>;
}

export interface ListeningServer {
  /** `http://host:port`, for `createRemoteClient({ url })`. */
  readonly url: string;
  readonly port: number;
  readonly httpServer: Server;
}

export function createStageKitServer(options: StageKitServerOptions): StageKitServer {
  const key = secretKey(options.secret);
  const clock = options.clock ?? systemClock;
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const onError = options.onError ?? ((error: unknown) => console.error('stagekit-server:', error));
  const callTypes = builtInCallTypes();
  for (const [name, patch] of Object.entries(options.callTypes ?? {})) {
    callTypes.set(name, applyCallTypePatch(callTypes.get(name) ?? ({ name, settings: DEFAULT_SETTINGS, grants: {} } satisfies CallType), patch));
  }
  const hub = createHub({
    storage: options.storage ?? createMemoryStorage(),
    clock,
    callTypes,
    endedCallRetentionMs: limits.endedCallRetentionMs,
    maxCalls: limits.maxCalls,
    callsPerUser: limits.callsPerUser,
    membersPerCall: limits.membersPerCall,
    maxQueued: limits.maxQueued,
    onError,
    ...(options.countsIntervalMs !== undefined && { countsIntervalMs: options.countsIntervalMs }),
  });
  // One memory of accepted tokens: a viewer signs in over the socket and joins over HTTP.
  const verify = createTokenVerifier(key);
  const sockets = createSocketServer({
    verify,
    hub,
    key,
    limits,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    authTimeoutMs: options.authTimeoutMs ?? 10_000,
    dropGraceMs: options.dropGraceMs ?? 10_000,
    onError,
  });
  const app = createHttpApp({
    verify,
    hub,
    key,
    limits,
    onError,
    devTokens: options.devTokens ?? false,
    secret: options.secret,
    onJoined: sockets.joinedOverHttp,
    ...(options.corsOrigin !== undefined && { corsOrigin: options.corsOrigin }),
  });
  const socketPaths = new Set([options.socketPath ?? '/video/connect', '/api/v2/video/connect']);
  const servers = new Set<Server>();

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    try {
      const path = pathOf(request.url);
      if (path === null) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      if (!socketPaths.has(path)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(request, socket, head);
    } catch (error) {
      // An upgrade no one could handle is dropped; the process stays up.
      onError(error);
      socket.destroy();
    }
  }

  return {
    hub,
    app: app as unknown as Hono<never>,
    handleUpgrade,
    connections: sockets.connections,
    dropConnections: sockets.dropConnections,
    async listen({ port = 0, host = '127.0.0.1' } = {}) {
      await hub.ready;
      const httpServer = createAdaptorServer({ fetch: app.fetch }) as Server;
      httpServer.on('upgrade', handleUpgrade);
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      servers.add(httpServer);
      const address = httpServer.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return { url: `http://${shownHost}:${address.port}`, port: address.port, httpServer };
    },
    async close() {
      hub.close();
      await sockets.close();
      await Promise.all(
        [...servers].map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections?.();
            }),
        ),
      );
      servers.clear();
    },
  };
}

/** The path of a request target, or null when it cannot be read as one (`//x:99999/`, say). */
function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}
