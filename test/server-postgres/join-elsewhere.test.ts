import type { User } from '../../src/core/index.js';
import { LIFTED, startCluster, type Cluster } from './cluster.js';

// Behind a balancer, a remote client's actions (HTTP) and its WebSocket may reach different
// processes. The process that took a join over HTTP must not make the user leave for not watching
// through it, when they watch through another.

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster(2, { limits: { ...LIFTED, unwatchedJoinGraceMs: 500 } });
});
afterAll(() => cluster?.close());

const host: User = { id: 'host' };
const path = '/video/call/livestream/elsewhere';

it('keeps a user who joined over HTTP through one process and watches through the other', async () => {
  expect((await cluster.request(0, 'POST', path, host, {})).status).toBe(201);
  expect((await cluster.request(0, 'POST', `${path}/go_live`, host, {})).status).toBe(200);
  const viewer: User = { id: 'viewer' };
  // The client watches through process 1 ...
  const client = await cluster.client(viewer, 1);
  const call = client.call('livestream', 'elsewhere');
  await call.get();
  // ... and its join reaches process 0.
  expect((await cluster.request(0, 'POST', `${path}/join`, viewer, {})).status).toBe(200);
  await vi.waitFor(() => expect(call.getState().call?.participants.viewer).toBeDefined(), { timeout: 3000, interval: 20 });

  // Longer than process 0 waits for someone who joined through it to watch.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(call.getState().call?.participants.viewer).toBeDefined();
  const { body } = await cluster.request(1, 'GET', path, host);
  expect(body.call).toMatchObject({ participant_count: 1 });
}, 30_000);
