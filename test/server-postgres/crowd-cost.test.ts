import { Client } from 'pg';
import { createManualClock } from '../../src/core/index.js';
import { createHub } from '../../src/server/index.js';
import { databaseUrl, freshSchema, postgresTestStorage } from '../server/postgres-test-storage.js';

// A join into a crowd writes one small log row, not the crowd: the call's whole record is written
// every 100 changes at most (more rarely the larger the crowd), and a new process starts from that
// snapshot and the rows after it.

it('writes the whole call only now and then, and starts again from its snapshot and log', async () => {
  const schema = freshSchema();
  const storage = await postgresTestStorage({ schema, snapshotEvery: 100 });
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    // Counts each write of a snapshot.
    await admin.query(`SET search_path TO "${schema}"`);
    await admin.query('CREATE TABLE snapshot_writes (at_seq bigint)');
    await admin.query(`CREATE FUNCTION count_snapshot() RETURNS trigger AS $$ BEGIN INSERT INTO snapshot_writes VALUES (NEW.snapshot_seq); RETURN NEW; END $$ LANGUAGE plpgsql`);
    await admin.query('CREATE TRIGGER counted AFTER UPDATE OF snapshot ON calls FOR EACH ROW EXECUTE FUNCTION count_snapshot()');

    const clock = createManualClock('2030-01-01T00:00:00Z');
    const hub = createHub({ storage, clock, countsIntervalMs: 60_000 });
    await hub.ready;
    await hub.dispatch({ id: 'host' }, 'livestream', 'crowd', { type: 'getOrCreate' });
    await hub.dispatch({ id: 'host' }, 'livestream', 'crowd', { type: 'goLive' });
    for (let i = 0; i < 450; i += 1) await hub.dispatch({ id: `viewer-${i}` }, 'livestream', 'crowd', { type: 'join' }, { view: false });
    hub.close();

    const { rows } = await admin.query<{ at_seq: string }>('SELECT at_seq FROM snapshot_writes ORDER BY at_seq');
    // 452 changes: a snapshot every 100 of them (every quarter of the crowd, once that is more).
    expect(rows.map((row) => Number(row.at_seq))).toEqual([101, 201, 301, 401]);
    const { rows: sizes } = await admin.query<{ largest: number }>(
      "SELECT max(pg_column_size(command) + pg_column_size(batch)) AS largest FROM call_log WHERE batch::text LIKE '%participant_joined%'",
    );
    expect(sizes[0]!.largest).toBeLessThan(1024);

    // Another process (a hub with nothing in memory) reads the snapshot and replays the rest.
    const restarted = createHub({ storage, clock, countsIntervalMs: 60_000 });
    await restarted.ready;
    const { seq } = await restarted.dispatch({ id: 'host' }, 'livestream', 'crowd', { type: 'get' });
    expect(seq).toBe(452);
    expect(restarted.inspect('livestream', 'crowd')!.participants.size).toBe(450);
    restarted.close();
  } finally {
    await admin.end();
    await storage.close();
  }
});
