import type { CallEvent, User } from '../../src/core/index.js';
import { createMemoryStorage, type Subscriber } from '../../src/server/index.js';
import { startServer, type TestServer } from './harness.js';

// What the event log for resuming clients keeps, and for how long.

let test: TestServer;
afterEach(() => test?.close());

/** A subscriber that records what it is sent. */
function listener(user: User): Subscriber & { received: CallEvent[][] } {
  const received: CallEvent[][] = [];
  return { user, received, deliver: (_cid, _seq, events) => void received.push(events) };
}

function updated(seq: number, size = 10): CallEvent {
  return { type: 'call.updated', cid: 'default:x', seq, created_at: '2030-01-01T00:00:00.000Z', call: { custom: { pad: 'x'.repeat(size) } } } as unknown as CallEvent;
}

it('keeps the events of a join storm, not a copy of the participants per join', async () => {
  const storage = createMemoryStorage();
  test = await startServer({ storage });
  const { hub } = test.server;
  // Everyone listed all through the storm, so resuming needs the joins themselves.
  await hub.dispatch({ id: 'olga' }, 'default', 'storm', { type: 'getOrCreate', input: { data: { settings_override: { audience: { list_all_up_to: 1000 } } } } });
  const start = hub.inspect('default', 'storm')!.seq;
  const joins = 300;
  for (let index = 0; index < joins; index += 1) await hub.dispatch({ id: `viewer-${index}` }, 'default', 'storm', { type: 'join' });

  const log = (await storage.batchesSince('default:storm', start))!;
  const events = log.flatMap((batch) => batch.events);
  expect(events.filter((event) => event.type === 'call.participant_joined')).toHaveLength(joins);
  // The log's size follows its events; with whole calls in it, it grows with the square of the joins.
  expect(JSON.stringify(log).length).toBeLessThan(2 * JSON.stringify(events).length);

  // A viewer who missed the storm still resumes from the log, event by event.
  const late = listener({ id: 'late' });
  await hub.subscribe(late, 'default', 'storm', start);
  const joined = (event: CallEvent) => event.type === 'call.participant_joined';
  expect(late.received[0]!.map((event) => event.type)).not.toContain('call.state');
  expect(late.received[0]!.filter(joined)).toEqual(events.filter(joined));
});

it('sends a snapshot instead of replaying across a change of the resuming user’s capabilities', async () => {
  test = await startServer();
  const { hub } = test.server;
  await hub.dispatch({ id: 'olga' }, 'default', 'roles', { type: 'getOrCreate' });
  const since = hub.inspect('default', 'roles')!.seq;
  await hub.dispatch({ id: 'olga' }, 'default', 'roles', { type: 'updateCallMembers', input: { update_members: [{ user_id: 'bob', role: 'host' }] } });
  await hub.dispatch({ id: 'olga' }, 'default', 'roles', { type: 'update', input: { custom: { after: 1 } } });

  const bob = listener({ id: 'bob' });
  await hub.subscribe(bob, 'default', 'roles', since);
  expect(bob.received[0]!.map((event) => event.type)).toEqual(['call.state']);
  expect(bob.received[0]![0]).toMatchObject({ call: { own_capabilities: expect.arrayContaining(['manage-stage']), custom: { after: 1 } } });

  const carl = listener({ id: 'carl' });
  await hub.subscribe(carl, 'default', 'roles', since);
  expect(carl.received[0]!.map((event) => event.type)).toEqual(['call.member_added', 'call.updated']);
});

it('holds to its byte budget, however large one batch is', () => {
  const storage = createMemoryStorage({ retainBytes: 10_000 });
  storage.commit([{ cid: 'default:x', seq: 1, events: [updated(1)] }]);
  storage.commit([{ cid: 'default:x', seq: 2, events: [updated(2)] }]);
  expect(storage.batchesSince('default:x', 0)!.map((batch) => batch.seq)).toEqual([1, 2]);

  // Too large to keep even alone: whoever is behind it gets a snapshot.
  storage.commit([{ cid: 'default:x', seq: 3, events: [updated(3, 20_000)] }]);
  expect(storage.batchesSince('default:x', 2)).toBeNull();
  expect(storage.batchesSince('default:x', 3)).toEqual([]);

  // Small batches again fill up to the budget, dropping the oldest.
  for (let seq = 4; seq < 40; seq += 1) storage.commit([{ cid: 'default:x', seq, events: [updated(seq, 1_000)] }]);
  let oldest = 39;
  while (storage.batchesSince('default:x', oldest - 1)) oldest -= 1;
  const kept = storage.batchesSince('default:x', oldest)!;
  expect(kept.length).toBeGreaterThan(5);
  expect(kept.map((batch) => batch.seq)).toEqual(Array.from({ length: 39 - oldest }, (_, index) => oldest + 1 + index));
  expect(JSON.stringify(kept.map((batch) => batch.events)).length).toBeLessThanOrEqual(10_000);
});

it('forgets an ended call, its log and its subscriptions after a while', async () => {
  const storage = createMemoryStorage();
  test = await startServer({ storage, limits: { endedCallRetentionMs: 30 } });
  const bob = await test.client({ id: 'bob' });
  const call = bob.call('default', 'over');
  await call.getOrCreate();
  await call.update({ custom: { n: 1 } });
  expect(test.server.connections()[0]!.calls.has('default:over')).toBe(true);
  await call.endCall();
  await vi.waitFor(() => expect(storage.batchesSince('default:over', 0)).toBeNull());
  expect(test.server.connections()[0]!.calls.has('default:over')).toBe(false);

  // The call itself is gone: the server holds no more for it, and it reads as not found.
  await vi.waitFor(() => expect(test.server.hub.inspect('default', 'over')).toBeUndefined());
  const { status } = await test.request('GET', '/video/call/default/over', { as: { id: 'bob' } });
  expect(status).toBe(404);
});
