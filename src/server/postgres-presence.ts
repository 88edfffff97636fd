import type pg from 'pg';
import type { User } from '../core/index.js';
import { withConnection } from './postgres-connection.js';

export interface PresenceOptions {
  pool: pg.Pool;
  processId: string;
  /** How often this process says it is alive, in ms. */
  intervalMs: number;
  /** How long without a beat before a process counts as dead and its users leave, in ms. */
  staleAfterMs: number;
  orphaned(users: { cid: string; user: User }[]): void;
  onError(error: unknown): void;
}

/**
 * Each process beats in `processes` every few seconds; each sweeps the processes that stopped
 * beating (killed, or cut off) and hands their users over to leave. Deleting the dead process's
 * rows is what claims them, so of several live processes exactly one makes each user leave.
 */
export function startPresence(options: PresenceOptions): { stop(): void; beat(): Promise<void> } {
  const { pool, processId } = options;
  let stopped = false;
  // Since when this process has beaten without missing: it judges others only once it has beaten
  // for as long as they may miss, so after the database was away (no one could beat), the first
  // back does not take all the others for dead.
  let beatingSince: number | null = null;

  async function beat(): Promise<void> {
    await pool.query(
      'INSERT INTO processes (id, heartbeat_at) VALUES ($1, now()) ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()',
      [processId],
    );
    beatingSince ??= Date.now();
    if (Date.now() - beatingSince < options.staleAfterMs) return;
    const users = await withConnection(pool, options.onError, async (client) => {
      await client.query('BEGIN');
      try {
        const dead = await client.query<{ id: string }>(
          "DELETE FROM processes WHERE heartbeat_at < now() - $1 * interval '1 millisecond' RETURNING id",
          [options.staleAfterMs],
        );
        let orphans: { cid: string; user: User }[] = [];
        if (dead.rows.length > 0) {
          const { rows } = await client.query<{ cid: string; actor: User }>(
            'DELETE FROM presence WHERE process_id = ANY($1) RETURNING cid, actor',
            [dead.rows.map((row) => row.id)],
          );
          orphans = rows.map((row) => ({ cid: row.cid, user: row.actor }));
        }
        await client.query('COMMIT');
        return orphans;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    if (users.length > 0) options.orphaned(users);
  }

  const tick = () => {
    if (stopped) return;
    beat()
      .catch((error: unknown) => {
        beatingSince = null;
        options.onError(error);
      })
      .finally(() => {
        if (!stopped) setTimeout(tick, options.intervalMs).unref?.();
      });
  };
  tick();
  return {
    stop() {
      stopped = true;
    },
    beat,
  };
}
