import { projectEventsWithoutView, type CallEvent, type User } from '../../src/core/index.js';
import type { RemoteClient, ServerMessage } from '../../src/remote/index.js';
import type { ServerStorage } from '../../src/server/index.js';
import { expectInSync, startServer, testStorage, type TestServer } from './harness.js';
import { recordingWebSocket } from './recording-socket.js';

// Sockets dropped again and again during a burst of events: every client resumes from its last
// sequence number and ends with the server's state, having seen each event exactly once.

const host: User = { id: 'olga' };
const viewers: User[] = [{ id: 'v1' }, { id: 'v2' }, { id: 'v3' }];

let test: TestServer;
let storage: ServerStorage;
beforeAll(async () => {
  storage = await testStorage({ retainEvents: 100_000 });
});
beforeEach(async () => {
  // A generous grace: a dropped viewer comes back in time and stays in the call.
  test = await startServer({ storage, dropGraceMs: 60_000, limits: { stageRequestBurst: 100_000, callUpdateBurst: 100_000, joinLeaveBurst: 100_000 } });
});
afterEach(() => test.close());

/** The events `user` should have seen of a call, from its snapshot at `fromSeq` on. */
async function projectedLog(user: User, cid: string, fromSeq: number): Promise<CallEvent[]> {
  const batches = (await storage.batchesSince(cid, 0)) ?? [];
  // Everyone holds every capability on a development call: none moves, so nothing turns into a snapshot.
  const type = test.server.hub.callType('development')!;
  const project = (events: readonly CallEvent[]) => projectEventsWithoutView({ before: null, after: { members: {} }, beforeType: type, afterType: type, events }, user)!;
  return batches.flatMap((batch) => project(batch.events)).filter((event) => event.seq > fromSeq);
}

it('resumes every client without losing or repeating an event', async () => {
  const logs = new Map<string, ServerMessage[]>();
  const clients: RemoteClient[] = [];
  for (const user of [host, ...viewers]) {
    const log: ServerMessage[] = [];
    logs.set(user.id, log);
    clients.push(await test.client(user, { WebSocket: recordingWebSocket(log) }));
  }
  const [hostCall, ...viewerCalls] = clients.map((client) => client.call('development', 'burst'));
  await hostCall!.getOrCreate();
  await hostCall!.join();
  for (const call of viewerCalls) await call.join();

  let drops = 0;
  const hostScript = async () => {
    for (let round = 0; round < 40; round += 1) {
      await hostCall!.update({ custom: { round } });
      if (round % 3 === 0) await hostCall!.stage.grantAccess(['v1', 'v2', 'v3']);
      if (round % 5 === 0) await hostCall!.stage.kick(['v1', 'v2', 'v3']);
      // Every few steps, cut every socket at once, as a network failure would.
      if (round % 4 === 0) drops += test.server.dropConnections();
    }
  };
  const viewerScript = (call: (typeof viewerCalls)[number], client: RemoteClient, index: number) => async () => {
    for (let round = 0; round < 25; round += 1) {
      await call.stage.join().catch(() => undefined);
      await call.stage.leave().catch(() => undefined);
      await call.update({ custom: { by: client.user.id, round } }).catch(() => undefined);
      if ((round + index) % 6 === 0) client.reconnect();
    }
  };
  await Promise.all([hostScript(), ...viewerCalls.map((call, index) => viewerScript(call, clients[index + 1]!, index)())]);
  expect(drops).toBeGreaterThan(0);

  await expectInSync(test, clients, 'development', 'burst');
  const record = test.server.hub.inspect('development', 'burst')!;
  expect(record.seq).toBeGreaterThan(150);

  for (const client of clients) {
    const messages = logs.get(client.user.id)!.filter((message) => message.type === 'events' && message.cid === record.cid);
    const received = messages.flatMap((message) => (message.type === 'events' ? message.events : []));
    // The first subscription brings a snapshot; after it, every event once, in order, no snapshot.
    const [first, ...rest] = received;
    expect(first?.type).toBe('call.state');
    expect(rest.map((event) => event.type)).not.toContain('call.state');
    expect(rest).toEqual(await projectedLog(client.user, record.cid, first!.seq));
    const reconnects = logs.get(client.user.id)!.filter((message) => message.type === 'ready').length;
    expect(reconnects).toBeGreaterThan(3);
  }
});

it('sends a snapshot to a client too far behind for the log', async () => {
  await test.close();
  const shortStorage = await testStorage({ retainEvents: 5 });
  test = await startServer({ storage: shortStorage, dropGraceMs: 60_000 });
  const log: ServerMessage[] = [];
  const network = { offline: false };
  const viewer = await test.client(viewers[0]!, { WebSocket: recordingWebSocket(log, network) });
  const hostClient = await test.client(host);
  await hostClient.call('default', 'far').getOrCreate();
  await viewer.call('default', 'far').get();

  // The viewer goes away; twenty updates later the log no longer reaches back to it.
  network.offline = true;
  test.server.dropConnections((connection) => connection.user.id === 'v1');
  await vi.waitFor(() => expect(viewer.connection).toBe('connecting'));
  for (let round = 0; round < 20; round += 1) await hostClient.call('default', 'far').update({ custom: { round } });
  network.offline = false;
  await expectInSync(test, [viewer, hostClient], 'default', 'far');
  const events = log.flatMap((message) => (message.type === 'events' ? message.events : []));
  expect(events.filter((event) => event.type === 'call.state')).toHaveLength(2);
  expect(viewer.call('default', 'far').getState().call!.custom).toEqual({ round: 19 });
});
