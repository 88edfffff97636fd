import type pg from 'pg';

/**
 * A connection taken from the pool for one task. pg's pool stops listening for a connection's
 * errors while it is out, and an `error` event no one hears ends the process: a connection the
 * database drops between two queries (a failover, a restart) must be an error answered, not a
 * crash. The connection is then not given back for reuse.
 */
export async function withConnection<T>(pool: pg.Pool, onError: (error: unknown) => void, task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost = false;
  const heard = (error: unknown) => {
    lost = true;
    onError(error);
  };
  client.on('error', heard);
  let failed = false;
  try {
    return await task(client);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    client.off('error', heard);
    // A connection whose query failed midway may be in any state: it is not reused either.
    client.release(lost || failed ? true : undefined);
  }
}
