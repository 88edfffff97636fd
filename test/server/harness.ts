import { WebSocket } from 'ws';
import { createManualClock, viewOf, type CallView, type ManualClock, type User } from '../../src/core/index.js';
import { createRemoteClient, type RemoteClient, type RemoteClientOptions, type WebSocketConstructor } from '../../src/remote/index.js';
import { createMemoryStorage, createStageKitServer, createToken, type ServerStorage, type StageKitServer, type StageKitServerOptions } from '../../src/server/index.js';
import { postgresTestStorage, usePostgres } from './postgres-test-storage.js';

export const SECRET = 'test-secret-of-at-least-16-chars';
export const START = '2030-01-01T00:00:00.000Z';

export interface TestServer {
  server: StageKitServer;
  url: string;
  clock: ManualClock;
  token(user: User): Promise<string>;
  /** A remote client for `user`, closed with the server. */
  client(user: User, options?: Partial<RemoteClientOptions>): Promise<RemoteClient>;
  /** Sends one REST request as `user` (or with a raw Authorization header). */
  request(method: string, path: string, options?: { as?: User; auth?: string; body?: unknown; raw?: string }): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The server's view of a call for `user`: what their store must end up equal to. */
  viewFor(user: User, type: string, id: string): CallView | null;
  close(): Promise<void>;
}

/** Starts a real server on 127.0.0.1 with a manual clock; each test builds its own. */
export async function startServer(options: Partial<StageKitServerOptions> = {}): Promise<TestServer> {
  const clock = createManualClock(START);
  // Under the server-postgres project each server without a storage of its own gets a fresh schema.
  const owned = !options.storage && usePostgres ? await postgresTestStorage() : null;
  // Counts follow each change at once, so a test reads exact counts; one test checks the coalescing.
  const server = createStageKitServer({
    secret: SECRET,
    clock,
    heartbeatMs: 60_000,
    countsIntervalMs: 0,
    onError: (error) => {
      throw error;
    },
    ...(owned && { storage: owned }),
    ...options,
  });
  const { url } = await server.listen({ port: 0, host: '127.0.0.1' });
  const clients: RemoteClient[] = [];
  const token = (user: User) =>
    createToken(SECRET, { user_id: user.id, ...(user.role && { role: user.role }), ...(user.name && { name: user.name }), ...(user.teams && { teams: user.teams }) });
  return {
    server,
    url,
    clock,
    token,
    async client(user, clientOptions = {}) {
      const client = createRemoteClient({
        url,
        token: await token(user),
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        reconnect: { initialDelayMs: 5, maxDelayMs: 50 },
        syncTimeoutMs: 5_000,
        ...clientOptions,
      });
      clients.push(client);
      await vi.waitFor(() => expect(client.connection).toBe('connected'));
      return client;
    },
    async request(method, path, { as, auth, body, raw } = {}) {
      const headers: Record<string, string> = {};
      if (auth !== undefined) headers.authorization = auth;
      else if (as) headers.authorization = `Bearer ${await token(as)}`;
      const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
      if (payload !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(url + path, { method, headers, ...(payload !== undefined && { body: payload }) });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    viewFor(user, type, id) {
      const record = server.hub.inspect(type, id);
      const callType = server.hub.callType(type);
      return record && callType ? viewOf(record, callType, user) : null;
    },
    async close() {
      for (const client of clients) client.disconnect();
      await server.close();
      await owned?.close();
    },
  };
}

/**
 * The storage a test keeps beyond one server: in memory, or under the server-postgres project a
 * Postgres storage on a fresh schema (closed after the file's tests).
 */
export async function testStorage(options: { retainEvents?: number } = {}): Promise<ServerStorage> {
  return usePostgres ? await postgresTestStorage({ ...options, snapshotEvery: Math.min(100, options.retainEvents ?? 100), closeAfterAll: true }) : createMemoryStorage(options);
}

/**
 * A view without its `seq`: a user's view carries the number of the last event they were shown,
 * which lags the call's own when the latest events were hidden from them (others' requests).
 */
export function withoutSeq(view: CallView | null | undefined): Omit<CallView, 'seq'> | null | undefined {
  if (!view) return view;
  const { seq: _seq, ...rest } = view;
  return rest;
}

/** Waits until every client's store holds exactly the server's view of the call for its user. */
export async function expectInSync(test: TestServer, clients: RemoteClient[], type: string, id: string): Promise<void> {
  await vi.waitFor(
    () => {
      for (const client of clients) {
        expect(withoutSeq(client.call(type, id).getState().call), `${client.user.id}'s view`).toEqual(withoutSeq(test.viewFor(client.user, type, id)));
      }
    },
    { timeout: 5_000, interval: 5 },
  );
}
