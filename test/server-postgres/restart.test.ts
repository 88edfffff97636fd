import type { CallEvent, User } from '../../src/core/index.js';
import type { ServerMessage } from '../../src/remote/index.js';
import { LIFTED, startCluster, type Cluster } from './cluster.js';

// A server process killed with SIGKILL in the middle of a burst: what it answered with success is
// kept, what it refused is not, its clients resync through it once it is back, and users who were
// in calls through it leave once it has stopped beating long enough.

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const host: User = { id: 'host' };
const path = (id: string) => `/video/call/livestream/${id}`;

it('keeps every answered action and none refused across a SIGKILL, and resyncs clients', async () => {
  cluster = await startCluster(2, { limits: { ...LIFTED, unwatchedJoinGraceMs: 600_000 }, staleAfterMs: 600_000 });
  const { processes } = cluster;
  expect((await cluster.request(1, 'POST', path('crash'), host, {})).status).toBe(201);
  expect((await cluster.request(1, 'POST', `${path('crash')}/go_live`, host, {})).status).toBe(200);
  // Watchers on the process that will die, and one on the one that lives.
  const logs = [[], [], []] as ServerMessage[][];
  const watchers = await Promise.all(
    [host, { id: 'watcher-a' }, { id: 'watcher-b' }].map((user, i) => cluster!.client(user, i === 2 ? 1 : 0, { log: logs[i]! })),
  );
  for (const client of watchers) await client.call('livestream', 'crash').get();

  // A burst on the process about to die: joins that succeed, stage requests of users not in the
  // call that are refused, and updates; it is killed once part of them have been answered.
  const answered = new Map<string, 'ok' | 'refused' | 'lost'>();
  const actions = Array.from({ length: 300 }, (_, i) => i);
  let answeredCount = 0;
  const kill = (async () => {
    await vi.waitFor(() => expect(answeredCount).toBeGreaterThan(100), { timeout: 30_000, interval: 1 });
    await processes[0]!.kill();
  })();
  await Promise.all(
    [0, 1, 2, 3, 4, 5, 6, 7].map(async (lane) => {
      for (const i of actions.filter((n) => n % 8 === lane)) {
        const joiner = i % 2 === 0;
        const user = { id: joiner ? `joiner-${i}` : `outsider-${i}` };
        try {
          const { status } = await cluster!.request(0, 'POST', `${path('crash')}/${joiner ? 'join' : 'stage/request'}`, user, joiner ? {} : undefined);
          answered.set(user.id, status === 200 ? 'ok' : status >= 400 && status < 500 ? 'refused' : 'lost');
        } catch {
          answered.set(user.id, 'lost');
        }
        answeredCount += 1;
      }
    }),
  );
  await kill;
  expect([...answered.values()].filter((a) => a === 'ok').length).toBeGreaterThan(30);
  expect([...answered.values()].filter((a) => a === 'lost').length).toBeGreaterThan(0);

  // Back on its old port: it starts from the database alone.
  await cluster.restart(0);
  const kept = new Map<string, { inCall: boolean; onStage: boolean }>();
  const expected = new Map<string, { inCall: boolean; onStage: boolean }>();
  for (const [userId, outcome] of answered) {
    if (outcome === 'lost') continue;
    const { body } = await cluster.request(0, 'GET', path('crash'), { id: userId });
    const call = body.call as { participants: Record<string, unknown>; stage: Record<string, string> };
    kept.set(userId, { inCall: userId in call.participants, onStage: userId in call.stage });
    expected.set(userId, { inCall: outcome === 'ok', onStage: false });
  }
  expect(kept).toEqual(expected);

  // Each watcher resynced: its store equals what either process now answers, and no event reached
  // it twice.
  const count = (await cluster.request(1, 'GET', path('crash'), host)).body.call as { participant_count: number };
  await vi.waitFor(
    async () => {
      for (const [i, client] of watchers.entries()) {
        const store = client.call('livestream', 'crash').getState().call!;
        const fresh = (await cluster!.request(i % 2, 'GET', path('crash'), client.user)).body.call as typeof store;
        expect({ [client.user.id]: { ...store, seq: 0 } }).toEqual({ [client.user.id]: { ...fresh, seq: 0 } });
      }
    },
    { timeout: 20_000, interval: 50 },
  );
  expect(watchers[0]!.call('livestream', 'crash').getState().call!.participant_count).toBe(count.participant_count);
  for (const log of logs) {
    const events = log.flatMap((message) => (message.type === 'events' ? message.events : [])) as CallEvent[];
    const seen = events.filter((event) => event.type !== 'call.state').map((event) => `${event.seq} ${event.type}`);
    expect(new Set(seen).size).toBe(seen.length);
  }
}, 120_000);

it('makes users in a call through a killed process leave once it stops beating', async () => {
  cluster = await startCluster(2, { heartbeatIntervalMs: 200, staleAfterMs: 1500, dropGraceMs: 60_000 });
  const manager = await cluster.client(host, 1);
  const call = manager.call('livestream', 'gone');
  await call.getOrCreate();
  await call.goLive();
  await call.join();
  // Both join through the process that will die; one of them watches through the other process.
  const stranded = await cluster.client({ id: 'stranded' }, 0);
  const moved = await cluster.client({ id: 'moved' }, 1);
  expect((await cluster.request(0, 'POST', `${path('gone')}/join`, { id: 'stranded' }, {})).status).toBe(200);
  expect((await cluster.request(0, 'POST', `${path('gone')}/join`, { id: 'moved' }, {})).status).toBe(200);
  await stranded.call('livestream', 'gone').get();
  await moved.call('livestream', 'gone').get();
  await vi.waitFor(() => expect(call.getState().call!.participant_count).toBe(3));

  await cluster.processes[0]!.kill();
  // Its client cannot come back (the process is gone); after the process's beat is stale, the
  // live process makes its user leave. The one watching through the live process stays.
  stranded.disconnect();
  await vi.waitFor(() => expect(call.getState().call!.participant_count).toBe(2), { timeout: 15_000, interval: 50 });
  const { body } = await cluster.request(1, 'GET', path('gone'), { id: 'moved' });
  expect((body.call as { participants: Record<string, unknown> }).participants.moved).toBeDefined();
}, 60_000);
