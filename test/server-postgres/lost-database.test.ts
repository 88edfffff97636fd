import { Client } from 'pg';
import type { User } from '../../src/core/index.js';
import { databaseUrl } from '../server/postgres-test-storage.js';
import { startCluster, type Cluster } from './cluster.js';

// The database drops every connection of the servers at once (a failover, a restart): requests
// meanwhile are answered with an error, never by a crashed process, and once it is back changes
// reach watchers on every process again.

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster(2);
});
afterAll(() => cluster?.close());

const host: User = { id: 'host' };
const path = '/video/call/livestream/cut';

it('answers errors while the database is gone and follows the others again once it is back', async () => {
  expect((await cluster.request(1, 'POST', path, host, {})).status).toBe(201);
  const watcher = await cluster.client({ id: 'watcher' }, 0);
  const call = watcher.call('livestream', 'cut');
  await call.get();

  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`stagekit:${cluster.schema}`]);
  await admin.end();
  expect(rowCount).toBeGreaterThan(2);

  // Every answer meanwhile is a success or a 502 with the kit's error; never a 500, never a crash.
  const answers: string[] = [];
  await vi.waitFor(
    async () => {
      const { status, body } = await cluster.request(0, 'PATCH', path, host, { custom: { round: 1 } });
      answers.push(status === 200 ? 'ok' : `${status} ${String(body.code)}`);
      expect(status).toBe(200);
    },
    { timeout: 15_000, interval: 100 },
  );
  expect(answers.filter((answer) => answer !== 'ok' && answer !== '502 NETWORK')).toEqual([]);

  // A change through the other process reaches the watcher: its process listens again.
  await vi.waitFor(
    async () => {
      const round = Date.now();
      expect((await cluster.request(1, 'PATCH', path, host, { custom: { round } })).status).toBe(200);
      await vi.waitFor(() => expect(call.getState().call?.custom).toEqual({ round }), { timeout: 2_000, interval: 20 });
    },
    { timeout: 15_000, interval: 200 },
  );
  for (const process of cluster.processes) expect(await Promise.race([process.exited, 'running'])).toBe('running');
}, 60_000);
