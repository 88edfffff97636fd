import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { CallType } from '../core/call-types.js';
import { StageKitError } from '../core/index.js';
import { fromStored, toStored, type StoredRecord } from './call-record-json.js';
import { withConnection } from './postgres-connection.js';
import { startPresence } from './postgres-presence.js';
import { migrate, quoteIdent } from './postgres-schema.js';
import type { EventBatch, LogRow, SharedListener, SharedReader, SharedStorage, SharedWriter, StoredWorld } from './storage.js';

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database`. */
  connectionString: string;
  /** The schema the tables live in (default `stagekit`); made on start. */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Changes of a call kept in its log beyond its snapshot, for resuming clients (default 2,000 events). */
  retainEvents?: number;
  /**
   * A call's snapshot is rewritten after this many changes (default 100), or after a quarter of its
   * participants' count of them if more, so a crowd's joins cost a few entries of snapshot each.
   */
  snapshotEvery?: number;
  /** How often this process tells the others it is alive, in ms (default 3 s). */
  heartbeatIntervalMs?: number;
  /**
   * How long a process may miss beating before the others make its users leave, in ms (default
   * 15 s: longer than a server's default drop grace of 10 s plus a few beats).
   */
  staleAfterMs?: number;
  /**
   * How long one statement may run, a lock be waited for, or a transaction stay open without a
   * statement, in ms (default 10 s). Without it a process frozen in the middle of a change (paused,
   * its event loop blocked, cut off with its connection still open) would hold the call's lock for
   * ever, and every process that then touched the call would wait with all its other calls behind.
   */
  statementTimeoutMs?: number;
  /** Database errors the storage recovers from (a lost listening connection); console by default. */
  onError?: (error: unknown) => void;
}

/** The Postgres storage; pg's own types stay inside, so an app needs pg's types only if it uses them. */
export type PostgresStorage = SharedStorage;

/** A fixed key for the call types' lock; calls lock on 64-bit hashes of their ids. */
const CALL_TYPES_LOCK = 0x5354_4b54;
/** Creations of calls take turns on this lock, so the caps on calls hold. */
const CENSUS_LOCK = 0x5354_4b43;
/** Begins the notification that a call was forgotten; a change's is `<seq>:<cid>`. */
const FORGOTTEN = 'forgotten:';

/**
 * Calls, call types and each call's log in PostgreSQL, shared by any number of server processes.
 * A change writes one log row (the command and its events) and the call's sequence number; the
 * call's whole record is written only every so many changes, so a join into a crowd stays cheap.
 */
export async function createPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  // Loaded here, not on import: pg is an optional peer, needed only by servers that use Postgres.
  const { default: pg } = await import('pg');
  const schema = options.schema ?? 'stagekit';
  const retainEvents = options.retainEvents ?? 2000;
  const snapshotEvery = options.snapshotEvery ?? 100;
  const onError = options.onError ?? ((error: unknown) => console.error('stagekit-server (postgres):', error));
  // Every connection works in the kit's schema, and is named after it: an operator (or a test)
  // can tell the kit's connections apart in pg_stat_activity.
  const connection = {
    connectionString: options.connectionString,
    options: `-c search_path=${quoteIdent(schema)}`,
    application_name: `stagekit:${schema}`.slice(0, 63),
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    idle_in_transaction_session_timeout: options.statementTimeoutMs ?? 10_000,
  };
  // A request waits for a connection no longer than a statement may run: then it is answered as the
  // database being unavailable, instead of waiting without end behind a stuck pool.
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10, connectionTimeoutMillis: options.statementTimeoutMs ?? 10_000 });
  // An idle connection that drops is replaced on the next query; it must not end the process.
  pool.on('error', (error) => onError(error));
  const channel = `stagekit:${schema}`;
  let closed = false;
  let listenClient: pg.Client | null = null;
  let listener: SharedListener | null = null;
  const processId = randomUUID();
  let presence: ReturnType<typeof startPresence> | null = null;
  try {
    await migrate(pool, schema);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }

  function readerOver(client: pg.PoolClient): SharedReader {
    return {
      async state(cid, since) {
        const { rows } = await client.query<{ head: string | null; types: string; rows: { seq: string; command: LogRow['command']; batch: EventBatch }[] }>(
          `SELECT (SELECT seq FROM calls WHERE cid = $1) AS head,
                  (SELECT coalesce(max(version), 0) FROM call_types) AS types,
                  (SELECT coalesce(json_agg(json_build_object('seq', seq, 'command', command, 'batch', batch) ORDER BY seq), '[]')
                     FROM call_log WHERE cid = $1 AND seq > $2) AS rows`,
          [cid, since ?? Number.MAX_SAFE_INTEGER],
        );
        const row = rows[0]!;
        return {
          head: row.head === null ? null : Number(row.head),
          typesVersion: Number(row.types),
          rows: row.rows.map((logged) => ({ seq: Number(logged.seq), command: logged.command, batch: logged.batch })),
        };
      },
      async typesVersion() {
        const { rows } = await client.query<{ version: string | null }>('SELECT max(version) AS version FROM call_types');
        return Number(rows[0]?.version ?? 0);
      },
      async callTypes(version) {
        const { rows } = await client.query<{ body: CallType }>(
          'SELECT DISTINCT ON (name) body FROM call_types WHERE version <= $1 ORDER BY name, version DESC',
          [version],
        );
        return rows.map((row) => row.body);
      },
      async snapshot(cid) {
        const { rows } = await client.query<{ snapshot: StoredRecord }>('SELECT snapshot FROM calls WHERE cid = $1', [cid]);
        return rows[0] ? fromStored(rows[0].snapshot) : null;
      },
      async rows(cid, since) {
        const { rows } = await client.query<{ seq: string; command: LogRow['command']; batch: EventBatch }>(
          'SELECT seq, command, batch FROM call_log WHERE cid = $1 AND seq > $2 ORDER BY seq',
          [cid, since],
        );
        return rows.map((row) => ({ seq: Number(row.seq), command: row.command, batch: row.batch }));
      },
    };
  }

  function writerOver(client: pg.PoolClient): SharedWriter {
    return {
      ...readerOver(client),
      async census(createdBy) {
        // Asked only when creating a call: creations take turns until they commit, so two at once
        // (through two processes, or two calls of one) cannot both find room under a cap.
        await client.query(`SELECT pg_advisory_xact_lock(${CENSUS_LOCK})`);
        const { rows } = await client.query<{ calls: string; by_creator: string }>(
          'SELECT count(*) AS calls, count(*) FILTER (WHERE created_by = $1) AS by_creator FROM calls',
          [createdBy],
        );
        return { calls: Number(rows[0]?.calls ?? 0), byCreator: Number(rows[0]?.by_creator ?? 0) };
      },
      async append(after, row) {
        const from = (row.batch.events[0]?.seq ?? row.seq) - 1;
        // One round trip for a change's usual writes: the log row, the call's head, the notification
        // (sent when the transaction commits).
        const { rows } = await client.query<{ snapshot_seq: string | null }>(
          `WITH logged AS (INSERT INTO call_log (cid, seq, from_seq, command, batch) VALUES ($1, $2, $3, $4, $5)),
                moved AS (UPDATE calls SET seq = $2, ended_at = $6 WHERE cid = $1 RETURNING snapshot_seq)
           SELECT (SELECT snapshot_seq FROM moved) AS snapshot_seq, pg_notify($7, $8)`,
          [after.cid, row.seq, from, JSON.stringify(row.command), JSON.stringify(row.batch), after.ended_at, channel, `${after.seq}:${after.cid}`],
        );
        const snapshotSeq = rows[0]?.snapshot_seq == null ? null : Number(rows[0].snapshot_seq);
        const every = Math.max(snapshotEvery, Math.ceil(after.participants.size / 4));
        if (snapshotSeq === null) {
          // A new call: its first snapshot is the record it was created as.
          await client.query(
            'INSERT INTO calls (cid, type, created_by, seq, ended_at, snapshot, snapshot_seq) VALUES ($1, $2, $3, $4, $5, $6, $4)',
            [after.cid, after.type, after.created_by, after.seq, after.ended_at, JSON.stringify(toStored(after))],
          );
        } else if (after.seq - snapshotSeq >= every || (after.ended_at !== null && snapshotSeq < after.seq)) {
          await client.query('UPDATE calls SET snapshot = $2, snapshot_seq = $3 WHERE cid = $1', [after.cid, JSON.stringify(toStored(after)), after.seq]);
          // The log keeps a tail for resuming clients; restarting needs only what follows the snapshot.
          await client.query('DELETE FROM call_log WHERE cid = $1 AND seq <= $2', [after.cid, after.seq - retainEvents]);
        }
      },
      async putCallType(type) {
        const { rows } = await client.query<{ version: string }>(
          'INSERT INTO call_types (version, name, body) SELECT coalesce(max(version), 0) + 1, $1, $2 FROM call_types RETURNING version',
          [type.name, JSON.stringify(type)],
        );
        await client.query('SELECT pg_notify($1, $2)', [channel, 'types']);
        return Number(rows[0]!.version);
      },
      async present(cid, user, here) {
        if (here) {
          await client.query(
            'INSERT INTO presence (cid, user_id, process_id, actor) VALUES ($1, $2, $3, $4) ON CONFLICT (cid, user_id) DO UPDATE SET process_id = $3, actor = $4',
            [cid, user.id, processId, JSON.stringify(user)],
          );
        } else await client.query('DELETE FROM presence WHERE cid = $1 AND user_id = $2', [cid, user.id]);
      },
      async callsOfType(name) {
        const { rows } = await client.query<{ cid: string }>('SELECT cid FROM calls WHERE type = $1 ORDER BY cid', [name]);
        return rows.map((row) => row.cid);
      },
    };
  }

  async function withClient<T>(task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    if (closed) throw new StageKitError('NETWORK', 'the server is shutting down');
    try {
      return await withConnection(pool, onError, task);
    } catch (error) {
      // A refusal decided inside is the kit's own; anything else is the database's.
      throw error instanceof StageKitError ? error : unavailable(error);
    }
  }

  function unavailable(error: unknown): StageKitError {
    onError(error);
    return new StageKitError('NETWORK', 'the database is unavailable; try again');
  }

  async function transaction<T>(client: pg.PoolClient, begin: string, task: () => Promise<T>, lock?: bigint): Promise<T> {
    // The lock goes with BEGIN, in one round trip: a key is a number, safe to write into the text.
    await client.query(lock === undefined ? begin : `${begin}; SELECT pg_advisory_xact_lock(${lock})`);
    try {
      const result = await task();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  async function listenOn(): Promise<void> {
    if (closed || !listener) return;
    const client = new pg.Client(connection);
    let lost = false;
    const reconnect = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (error) onError(error);
      client.end().catch(() => undefined);
      if (listenClient === client) listenClient = null;
      if (closed) return;
      // Back after a second; whatever was told meanwhile is caught up by the resync.
      setTimeout(() => void listenOn(), 1000).unref?.();
    };
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      if (payload === 'types') listener?.callTypesChanged();
      else if (payload.startsWith(FORGOTTEN)) listener?.forgotten(payload.slice(FORGOTTEN.length));
      else {
        const colon = payload.indexOf(':');
        listener?.changed(payload.slice(colon + 1), Number(payload.slice(0, colon)));
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(channel)}`);
      listenClient = client;
      listener?.resync();
    } catch (error) {
      reconnect(error);
    }
  }

  return {
    shared: true as const,
    async load(): Promise<StoredWorld> {
      // Calls are read when first needed: a process starts without reading every call.
      const version = await withClient((client) => readerOver(client).typesVersion());
      const callTypes = await withClient((client) => readerOver(client).callTypes(version));
      return { callTypes, calls: [] };
    },
    commit() {
      throw new Error('a shared storage records changes through decide()');
    },
    batchesSince(cid, since) {
      return withClient(async (client) => {
        const { rows } = await client.query<{ batch: EventBatch }>('SELECT batch FROM call_log WHERE cid = $1 AND seq > $2 ORDER BY seq', [cid, since]);
        return rows.map((row) => row.batch);
      });
    },
    dropCall(cid) {
      return withClient(async (client) => {
        // Only an ended call: another process may have forgotten it already and a new one been
        // made under its id, which a process that learnt late of the end must not take with it.
        await transaction(
          client,
          'BEGIN',
          async () => {
            const { rowCount } = await client.query('DELETE FROM calls WHERE cid = $1 AND ended_at IS NOT NULL', [cid]);
            if (!rowCount) return;
            await client.query('DELETE FROM call_log WHERE cid = $1', [cid]);
            await client.query('DELETE FROM presence WHERE cid = $1', [cid]);
            // A version that knows no such word reads a change of no number to the call: nothing to do.
            await client.query('SELECT pg_notify($1, $2)', [channel, `${FORGOTTEN}${cid}`]);
          },
          lockKey(cid),
        );
      });
    },
    decide(cid, task) {
      return withClient((client) => transaction(client, 'BEGIN', () => task(writerOver(client)), lockKey(cid)));
    },
    read(task) {
      // One snapshot of the database for the whole read: a log trimmed meanwhile is not seen half-done.
      return withClient((client) => transaction(client, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', () => task(readerOver(client))));
    },
    listen(next) {
      // One listening connection per storage, whoever listens last is told.
      const first = listener === null;
      listener = next;
      if (!first) {
        next.resync();
        return;
      }
      void listenOn();
      presence = startPresence({
        pool,
        processId,
        intervalMs: options.heartbeatIntervalMs ?? 3000,
        staleAfterMs: options.staleAfterMs ?? 15_000,
        orphaned: (users) => listener?.orphaned(users),
        onError,
      });
    },
    get closed() {
      return closed;
    },
    claim(cid, userId) {
      return withClient(async (client) => {
        await client.query('UPDATE presence SET process_id = $3 WHERE cid = $1 AND user_id = $2', [cid, userId, processId]);
      });
    },
    answersFor(cid, userId) {
      return withClient(async (client) => {
        const { rows } = await client.query<{ process_id: string }>('SELECT process_id FROM presence WHERE cid = $1 AND user_id = $2', [cid, userId]);
        return !rows[0] || rows[0].process_id === processId;
      });
    },
    async close() {
      closed = true;
      presence?.stop();
      await listenClient?.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}

/**
 * The advisory lock of a call: 64 bits of a hash of its id. A lock rather than a row lock: it
 * exists before the call's row does, so two processes creating the same call also take turns.
 */
function lockKey(cid: string | null): bigint {
  if (cid === null) return BigInt(CALL_TYPES_LOCK);
  return createHash('sha256').update(cid).digest().readBigInt64BE(0);
}
