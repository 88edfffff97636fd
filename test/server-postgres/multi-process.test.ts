import type { CallEvent, CallView, User } from '../../src/core/index.js';
import type { RemoteClient, ServerMessage } from '../../src/remote/index.js';
import { LIFTED, startCluster, type Cluster } from './cluster.js';

// Three real server processes on one database: clients spread across them see the same events in
// the same order, and racing decisions made through different processes end with one each.

let cluster: Cluster;
beforeAll(async () => {
  // Racers join over REST and never watch: a long grace keeps them in the call meanwhile.
  cluster = await startCluster(3, { countsIntervalMs: 50, limits: { ...LIFTED, unwatchedJoinGraceMs: 600_000 } });
});
afterAll(() => cluster?.close());
afterEach(() => {
  // Nothing went wrong inside the processes that the answers did not show.
  if (cluster.faults.length > 0) throw new Error(`the servers reported: ${cluster.faults.join('\n')}`);
});

const hosts: User[] = [{ id: 'h0' }, { id: 'h1' }, { id: 'h2' }];

/** A view without what differs by when it was read: its `seq`. */
function comparable(view: CallView | null | undefined): Omit<CallView, 'seq'> | null {
  if (!view) return null;
  const { seq: _seq, ...rest } = view;
  return rest;
}

/** The events a client was sent after its first snapshot, as `seq type user`. */
function eventsAfterSnapshot(log: ServerMessage[]): { from: number; lines: string[] } {
  const events = log.flatMap((message) => (message.type === 'events' ? message.events : [])) as CallEvent[];
  const first = events.findIndex((event) => event.type === 'call.state');
  const from = events[first]?.seq ?? 0;
  const lines = events.slice(first + 1).map((event) => `${event.seq} ${event.type} ${(event as { user_id?: string }).user_id ?? ''}`);
  return { from, lines };
}

async function viewOver(index: number, user: User, id: string): Promise<CallView> {
  const { status, body } = await cluster.request(index, 'GET', `/video/call/livestream/${id}`, user);
  expect(status).toBe(200);
  return body.call as CallView;
}

/** Every client's store equals the view of the call another process answers for its user. */
async function expectAgreed(clients: RemoteClient[], at: (i: number) => number, id: string): Promise<void> {
  await vi.waitFor(
    async () => {
      for (const [i, client] of clients.entries()) {
        const store = client.call('livestream', id).getState().call;
        const fresh = await viewOver((at(i) + 1) % 3, client.user, id);
        expect({ [client.user.id]: comparable(store) }).toEqual({ [client.user.id]: comparable(fresh) });
      }
    },
    { timeout: 20_000, interval: 50 },
  );
}

it('sends clients on three processes the same events in the same order', async () => {
  const logs = hosts.map(() => [] as ServerMessage[]);
  const hostClients = await Promise.all(hosts.map((user, i) => cluster.client(user, i, { log: logs[i]! })));
  const [owner, ...others] = hostClients.map((client) => client.call('livestream', 'spread'));
  await owner!.getOrCreate({ data: { members: [{ user_id: 'h1', role: 'host' }, { user_id: 'h2', role: 'host' }] } });
  for (const call of others) await call!.get();
  await Promise.all([owner, ...others].map((call) => call!.join()));
  await owner!.goLive();

  const viewers: User[] = Array.from({ length: 9 }, (_, i) => ({ id: `viewer-${i}` }));
  const viewerClients = await Promise.all(viewers.map((user, i) => cluster.client(user, i % 3)));
  const viewerCalls = viewerClients.map((client) => client.call('livestream', 'spread'));
  await Promise.all(viewerCalls.map((call) => call.join()));
  await Promise.all(viewerCalls.map((call) => call.stage.requestAccess()));
  // Two managers on two processes decide at once: one grants the even ones, the other denies the odd.
  await Promise.all([
    others[0]!.stage.grantAccess(viewers.filter((_, i) => i % 2 === 0).map((user) => user.id)),
    others[1]!.stage.denyAccess(viewers.filter((_, i) => i % 2 === 1).map((user) => user.id)),
  ]);
  await Promise.all(viewerCalls.filter((_, i) => i % 2 === 0).map((call) => call.stage.join()));
  await Promise.all(viewerCalls.slice(0, 3).map((call) => call.leave()));

  const all = [...hostClients, ...viewerClients];
  await expectAgreed(all, (i) => (i < 3 ? i : (i - 3) % 3), 'spread');
  const onStage = hostClients[0]!.call('livestream', 'spread').getState().call!.stage;
  // The even viewers went on stage; viewers 0 and 2 then left the call.
  expect(Object.entries(onStage).filter(([, status]) => status === 'ON_STAGE').map(([userId]) => userId).sort()).toEqual(['viewer-4', 'viewer-6', 'viewer-8']);

  // The managers, each on a process of its own, were sent the same events in the same order.
  const streams = logs.map(eventsAfterSnapshot);
  const from = Math.max(...streams.map((stream) => stream.from));
  const since = (stream: { lines: string[] }) => stream.lines.filter((line) => Number(line.split(' ')[0]) > from);
  expect(since(streams[0]!).length).toBeGreaterThan(20);
  expect(since(streams[1]!)).toEqual(since(streams[0]!));
  expect(since(streams[2]!)).toEqual(since(streams[0]!));
  // No event twice, none out of order.
  for (const stream of streams) {
    const seqs = stream.lines.map((line) => Number(line.split(' ')[0]));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(stream.lines).size).toBe(stream.lines.length);
  }
});

it('ends each of 1,000 grant-or-deny races across processes with one decision', async () => {
  const owner = await cluster.client(hosts[0]!, 0);
  const managers = [owner, await cluster.client(hosts[1]!, 1), await cluster.client(hosts[2]!, 2)];
  const calls = managers.map((client) => client.call('livestream', 'races'));
  await calls[0]!.getOrCreate({ data: { members: [{ user_id: 'h1', role: 'host' }, { user_id: 'h2', role: 'host' }] } });
  await calls[0]!.goLive();
  await calls[1]!.get();
  await calls[2]!.get();

  const viewers: User[] = Array.from({ length: 1000 }, (_, i) => ({ id: `racer-${i}` }));
  const path = '/video/call/livestream/races';
  await inBatches(viewers, 25, async (user, i) => {
    expect((await cluster.request(i % 3, 'POST', `${path}/join`, user, {})).status).toBe(200);
    expect((await cluster.request((i + 1) % 3, 'POST', `${path}/stage/request`, user)).status).toBe(200);
  });

  // Each request is granted through one process and denied through another, at the same moment.
  const outcomes = new Map<string, { granted: boolean; denied: boolean }>();
  await inBatches(viewers, 25, async (user, i) => {
    const [grant, deny] = await Promise.all([
      cluster.request(i % 3, 'POST', `${path}/stage/grant`, hosts[i % 3]!, { user_ids: [user.id], only_requested: true }),
      cluster.request((i + 1) % 3, 'POST', `${path}/stage/deny`, hosts[(i + 1) % 3]!, { user_ids: [user.id] }),
    ]);
    expect([grant.status, deny.status]).toEqual([200, 200]);
    outcomes.set(user.id, { granted: grant.body.applied === 1, denied: deny.body.applied === 1 });
  });
  const decided = [...outcomes.values()];
  expect(decided.filter((o) => o.granted === o.denied)).toEqual([]);
  // Both ways won some races: they really ran at once.
  expect(decided.filter((o) => o.granted).length).toBeGreaterThan(0);

  const stage = (await viewOver(2, hosts[2]!, 'races')).stage;
  const expected = new Map([...outcomes].map(([userId, outcome]) => [userId, outcome.granted ? 'ACCEPTED_TO_JOIN_STAGE' : undefined]));
  expect(new Map([...outcomes.keys()].map((userId) => [userId, stage[userId]]))).toEqual(expected);
  // Every manager, whichever process it is on, holds that same state.
  await expectAgreed(managers, (i) => i, 'races');
}, 180_000);

async function inBatches<T>(items: T[], size: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map((item, offset) => task(item, start + offset)));
  }
}

it('changes a call type for every process, its calls and the calls made after', async () => {
  const admin: User = { id: 'admin', role: 'admin' };
  const watcher = await cluster.client({ id: 'typewatcher' }, 1);
  expect((await cluster.request(2, 'POST', '/video/call/default/before-change', admin, {})).status).toBe(201);
  const call = watcher.call('default', 'before-change');
  await call.get();
  expect(call.getState().call!.settings.audio.mic_default_on).toBe(true);

  const { status } = await cluster.request(0, 'PUT', '/video/calltypes/default', admin, { settings: { audio: { mic_default_on: false } } });
  expect(status).toBe(200);
  // The watcher, on another process, is told; a third process answers with the new settings, for
  // the call that was there and for one made after.
  await vi.waitFor(() => expect(call.getState().call!.settings.audio.mic_default_on).toBe(false), { timeout: 10_000 });
  const existing = await cluster.request(2, 'GET', '/video/call/default/before-change', admin);
  expect((existing.body.call as CallView).settings.audio.mic_default_on).toBe(false);
  const made = await cluster.request(1, 'POST', '/video/call/default/after-change', admin, {});
  expect((made.body.call as CallView).settings.audio.mic_default_on).toBe(false);
});
