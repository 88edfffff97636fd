import { randomBytes } from 'node:crypto';
import { createPostgresStorage, type PostgresStorage, type PostgresStorageOptions } from '../../src/server/index.js';

/** The database the server-postgres project runs the server's suites on (scripts/with-postgres.sh sets it). */
export const databaseUrl = process.env.STAGEKIT_TEST_DATABASE_URL ?? '';
/** Whether this run puts the harness's servers on Postgres. */
export const usePostgres = process.env.STAGEKIT_TEST_STORAGE === 'postgres';

if (usePostgres && !databaseUrl) throw new Error('the server-postgres project needs STAGEKIT_TEST_DATABASE_URL: run it with `bash scripts/with-postgres.sh`');

const open = new Set<PostgresStorage>();
afterAll(async () => {
  for (const storage of open) await storage.close();
  open.clear();
});

/** A fresh schema of its own, so tests never see each other's calls. */
export function freshSchema(): string {
  return `t_${randomBytes(6).toString('hex')}`;
}

/**
 * A Postgres storage on a fresh schema, its schema dropped when it is closed. `closeAfterAll`:
 * closed after the file's tests, for a storage kept across servers.
 */
export async function postgresTestStorage(options: Partial<PostgresStorageOptions> & { closeAfterAll?: boolean } = {}): Promise<PostgresStorage> {
  const { closeAfterAll, ...rest } = options;
  const schema = rest.schema ?? freshSchema();
  const storage = await createPostgresStorage({ connectionString: databaseUrl, schema, poolSize: 4, ...rest });
  const close = storage.close.bind(storage);
  let closed = false;
  storage.close = async () => {
    if (closed) return;
    closed = true;
    await close();
    await dropSchema(schema);
  };
  if (closeAfterAll) open.add(storage);
  return storage;
}

export async function dropSchema(schema: string): Promise<void> {
  // Loaded only here: the server's suites in memory never load pg.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
