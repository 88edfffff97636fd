import { createPostgresStorage, createStageKitServer, type ServerLimits } from '../../src/server/index.js';

// One reference server process on a shared Postgres schema (or in memory without a database), for
// the tests and the bench that run several of them. Started by `server-processes.mjs`; its
// settings come as JSON in argv[2].

interface ChildConfig {
  databaseUrl?: string;
  schema?: string;
  secret: string;
  port?: number;
  limits?: Partial<ServerLimits>;
  countsIntervalMs?: number;
  dropGraceMs?: number;
  heartbeatIntervalMs?: number;
  staleAfterMs?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
// Nothing to tell once the parent has gone (the process is then on its way out).
const send = (message: unknown) => {
  if (process.connected) process.send?.(message);
};
const storage = config.databaseUrl
  ? await createPostgresStorage({
  connectionString: config.databaseUrl,
  schema: config.schema,
  poolSize: 8,
  ...(config.heartbeatIntervalMs !== undefined && { heartbeatIntervalMs: config.heartbeatIntervalMs }),
  ...(config.staleAfterMs !== undefined && { staleAfterMs: config.staleAfterMs }),
  onError: (error) => send({ type: 'fault', error: String((error as Error)?.stack ?? error) }),
})
  : null;
const server = createStageKitServer({
  secret: config.secret,
  ...(storage && { storage }),
  heartbeatMs: 60_000,
  ...(config.limits && { limits: config.limits }),
  ...(config.countsIntervalMs !== undefined && { countsIntervalMs: config.countsIntervalMs }),
  ...(config.dropGraceMs !== undefined && { dropGraceMs: config.dropGraceMs }),
  onError: (error) => send({ type: 'fault', error: String((error as Error)?.stack ?? error) }),
});
const { url, port } = await server.listen({ port: config.port ?? 0, host: '127.0.0.1' });
send({ type: 'listening', url, port });
process.on('disconnect', () => {
  void server
    .close()
    .then(() => storage?.close())
    .finally(() => process.exit(0));
});
