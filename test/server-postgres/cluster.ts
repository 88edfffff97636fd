import { WebSocket } from 'ws';
import type { User } from '../../src/core/index.js';
import { createRemoteClient, type RemoteClient, type RemoteClientOptions, type ServerMessage, type WebSocketConstructor } from '../../src/remote/index.js';
import { createToken, type ServerLimits } from '../../src/server/index.js';
import { databaseUrl, dropSchema, freshSchema } from '../server/postgres-test-storage.js';
import { recordingWebSocket } from '../server/recording-socket.js';
import { removeBundle, startServerProcess, type ServerProcess } from './server-processes.mjs';

export const SECRET = 'cluster-secret-of-at-least-16-chars';

/** Allowances no test here reaches: the races are many users' and managers' at once. */
export const LIFTED: Partial<ServerLimits> = Object.fromEntries(
  ['stageRequestBurst', 'callCreateBurst', 'callUpdateBurst', 'memberUpdateBurst', 'joinLeaveBurst', 'stageMoveBurst', 'liveToggleBurst', 'stageDecisionBurst', 'callActionBurst', 'socketMessageBurst', 'connectBurst', 'subscribeBurst', 'requestBurst', 'callReadBurst'].map((name) => [name, 1_000_000]),
);

export interface Cluster {
  /** The processes' schema; their connections are named `stagekit:<schema>`. */
  schema: string;
  processes: ServerProcess[];
  /** What the processes reported through onError. */
  faults: string[];
  /** Starts process `index` again (on its old port, so its clients find it), after a kill. */
  restart(index: number): Promise<ServerProcess>;
  client(user: User, index: number, options?: { log?: ServerMessage[] } & Partial<RemoteClientOptions>): Promise<RemoteClient>;
  request(index: number, method: string, path: string, as: User, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export function token(user: User): Promise<string> {
  return createToken(SECRET, { user_id: user.id, ...(user.role && { role: user.role }) });
}

/** `count` server processes on one fresh schema of the test database. */
export async function startCluster(count: number, config: Record<string, unknown> = {}): Promise<Cluster> {
  const schema = freshSchema();
  const faults: string[] = [];
  const settings = { databaseUrl, schema, secret: SECRET, limits: LIFTED, ...config };
  // All at once: the first to take the migration lock makes the schema, the others wait and find it.
  const processes = await Promise.all(Array.from({ length: count }, () => startServerProcess(settings, faults)));
  const clients: RemoteClient[] = [];
  return {
    schema,
    processes,
    faults,
    async restart(index) {
      const started = await startServerProcess({ ...settings, port: processes[index]!.port }, faults);
      processes[index] = started;
      return started;
    },
    async client(user, index, { log, ...options } = {}) {
      const client = createRemoteClient({
        url: processes[index]!.url,
        token: await token(user),
        WebSocket: log ? recordingWebSocket(log) : (WebSocket as unknown as WebSocketConstructor),
        reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
        syncTimeoutMs: 10_000,
        ...options,
      });
      clients.push(client);
      await vi.waitFor(() => expect(client.connection).toBe('connected'), { timeout: 10_000 });
      return client;
    },
    async request(index, method, path, as, body) {
      const response = await fetch(processes[index]!.url + path, {
        method,
        headers: { authorization: `Bearer ${await token(as)}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
    async close() {
      for (const client of clients) client.disconnect();
      await Promise.all(processes.map((process) => process.stop()));
      await removeBundle();
      await dropSchema(schema);
    },
  };
}
