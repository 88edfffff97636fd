import type { Pool } from 'pg';
import { withConnection } from './postgres-connection.js';

/**
 * The tables the Postgres storage keeps, as numbered steps. A step never changes once released; a
 * new need is a new step. Each runs once per database, in order, recorded in `migrations`.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS call_types (
     version bigint PRIMARY KEY,
     name text NOT NULL,
     body jsonb NOT NULL
   );
   CREATE INDEX IF NOT EXISTS call_types_by_name ON call_types (name, version);
   CREATE TABLE IF NOT EXISTS calls (
     cid text PRIMARY KEY,
     type text NOT NULL,
     created_by text NOT NULL,
     seq bigint NOT NULL,
     ended_at timestamptz,
     snapshot jsonb NOT NULL,
     snapshot_seq bigint NOT NULL
   );
   CREATE INDEX IF NOT EXISTS calls_by_creator ON calls (created_by);
   CREATE INDEX IF NOT EXISTS calls_by_type ON calls (type);
   CREATE TABLE IF NOT EXISTS call_log (
     cid text NOT NULL,
     seq bigint NOT NULL,
     from_seq bigint NOT NULL,
     command jsonb NOT NULL,
     batch jsonb NOT NULL,
     PRIMARY KEY (cid, seq)
   );
   CREATE TABLE IF NOT EXISTS processes (
     id text PRIMARY KEY,
     heartbeat_at timestamptz NOT NULL
   );
   CREATE TABLE IF NOT EXISTS presence (
     cid text NOT NULL,
     user_id text NOT NULL,
     process_id text NOT NULL,
     actor jsonb NOT NULL,
     PRIMARY KEY (cid, user_id)
   );
   CREATE INDEX IF NOT EXISTS presence_by_process ON presence (process_id);`,
];

/** Any number: it only has to differ from the locks a call's decision takes (64-bit hashes of cids). */
const MIGRATION_LOCK = 0x5354_4b4d;

/**
 * Brings the schema up to date. Safe when several processes start at once: the first to take the
 * lock migrates, the others wait for it and then find nothing left to do.
 */
export async function migrate(pool: Pool, schema: string): Promise<void> {
  await withConnection(pool, () => undefined, async (client) => {
    // A step may take long on a large database, and so may waiting for another process's steps:
    // the pool's limit on a statement is for changes to calls, not for this.
    await client.query('SET statement_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(schema)}`);
      await client.query('CREATE TABLE IF NOT EXISTS migrations (step integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ step: number }>('SELECT step FROM migrations');
      const done = new Set(rows.map((row) => row.step));
      for (const [index, sql] of MIGRATIONS.entries()) {
        if (done.has(index + 1)) continue;
        await client.query('BEGIN');
        try {
          await client.query(sql);
          await client.query('INSERT INTO migrations (step) VALUES ($1)', [index + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      await client.query('RESET statement_timeout');
    }
  });
}

/** A schema name as an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
