import { Client } from 'pg';
import { createManualClock, type User } from '../../src/core/index.js';
import { createHub, type Subscriber } from '../../src/server/index.js';
import { databaseUrl, freshSchema, postgresTestStorage } from '../server/postgres-test-storage.js';

const clock = createManualClock('2030-01-01T00:00:00Z');
const host: User = { id: 'host' };

it('figures', async () => {
  const schema = freshSchema();
  const sa = await postgresTestStorage({ schema, closeAfterAll: true });
  const sb = await postgresTestStorage({ schema, closeAfterAll: true });
  const a = createHub({ storage: sa, clock, countsIntervalMs: 60_000 });
  const b = createHub({ storage: sb, clock, countsIntervalMs: 60_000 });
  await a.ready; await b.ready;
  await a.dispatch(host, 'livestream', 'crowd', { type: 'getOrCreate' });
  await a.dispatch(host, 'livestream', 'crowd', { type: 'goLive' });
  let t = performance.now();
  const N = 2000;
  // joins in parallel batches through A
  for (let i = 0; i < N; i += 100) await Promise.all(Array.from({ length: 100 }, (_, j) => a.dispatch({ id: `v-${i + j}` }, 'livestream', 'crowd', { type: 'join' }, { view: false })));
  console.log('joins/s one process', (N / (performance.now() - t)) * 1000);
  // B watches the call
  let delivered = 0;
  const sub: Subscriber = { user: { id: 'w' }, deliver() { delivered += 1; } };
  await b.subscribe(sub, 'livestream', 'crowd');
  // measure B's catch-up cost per change made by A
  t = performance.now();
  for (let i = N; i < N + 500; i += 100) await Promise.all(Array.from({ length: 100 }, (_, j) => a.dispatch({ id: `v-${i + j}` }, 'livestream', 'crowd', { type: 'join' }, { view: false })));
  const aTime = performance.now() - t;
  await vi.waitFor(() => expect(b.inspect('livestream', 'crowd')!.seq).toBe(a.inspect('livestream', 'crowd')!.seq), { timeout: 30000 });
  console.log('500 joins through A while B watches: ms', aTime, 'B caught up after', performance.now() - t, 'delivered', delivered);
  // head of line: hammer crowd from both, measure a quiet call on B
  await b.dispatch(host, 'livestream', 'quiet', { type: 'getOrCreate' });
  const hammer = Promise.all([a, b].flatMap((hub, h) => Array.from({ length: 200 }, (_, j) => hub.dispatch({ id: `h-${h}-${j}` }, 'livestream', 'crowd', { type: 'join' }, { view: false }))));
  t = performance.now();
  await b.dispatch(host, 'livestream', 'quiet', { type: 'update', input: { custom: { x: 1 } } });
  console.log('quiet call update behind 200 hot joins per process: ms', performance.now() - t);
  await hammer;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`SET search_path TO "${schema}"`);
  const { rows } = await admin.query(`SELECT pg_column_size(snapshot) AS size, length(snapshot::text) AS text, seq, snapshot_seq FROM calls WHERE cid = 'livestream:crowd'`);
  const { rows: log } = await admin.query(`SELECT count(*), sum(pg_column_size(batch)+pg_column_size(command)) AS bytes FROM call_log`);
  console.log('snapshot', rows, 'log', log);
  await admin.end();
  a.close(); b.close();
}, 300_000);
