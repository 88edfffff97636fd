import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { createManualClock, type CallEvent, type User } from '../../src/core/index.js';
import { createHub, createPostgresStorage, type Hub, type PostgresStorage, type PostgresStorageOptions, type Subscriber } from '../../src/server/index.js';
import { databaseUrl, freshSchema, postgresTestStorage } from '../server/postgres-test-storage.js';

// Several processes on one database, each a hub over a storage of its own on one schema: what one
// process does wrong (freezes mid-change, forgets late, listens late) must not cost the others.

const host: User = { id: 'host' };
const clock = createManualClock('2030-01-01T00:00:00Z');
const hubs: Hub[] = [];
afterEach(() => {
  for (const hub of hubs.splice(0)) hub.close();
});

async function processes(count: number, options: Partial<PostgresStorageOptions> & { endedCallRetentionMs?: number; callsPerUser?: number } = {}): Promise<{ schema: string; storages: PostgresStorage[]; hubs: Hub[] }> {
  const { endedCallRetentionMs, callsPerUser, ...storageOptions } = options;
  const schema = freshSchema();
  const storages: PostgresStorage[] = [];
  for (let i = 0; i < count; i += 1) storages.push(await postgresTestStorage({ schema, closeAfterAll: true, onError: () => undefined, ...storageOptions }));
  const started = storages.map((storage) => createHub({ storage, clock, countsIntervalMs: 60_000, ...(endedCallRetentionMs && { endedCallRetentionMs }), ...(callsPerUser && { callsPerUser }) }));
  hubs.push(...started);
  await Promise.all(started.map((hub) => hub.ready));
  return { schema, storages, hubs: started };
}

function watcher(id: string): Subscriber & { seqs: number[]; events: CallEvent[] } {
  const seqs: number[] = [];
  const events: CallEvent[] = [];
  return {
    user: { id },
    seqs,
    events,
    deliver(_cid, seq, delivered) {
      seqs.push(seq);
      events.push(...delivered);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('a process frozen in the middle of a change holds no call, nor any other process, for ever', async () => {
  const { storages, hubs: [a, b] } = await processes(2, { statementTimeoutMs: 1000 });
  await a!.dispatch(host, 'livestream', 'frozen', { type: 'getOrCreate' });
  await a!.dispatch(host, 'livestream', 'other', { type: 'getOrCreate' });
  // Process A stops between two statements of a change (paused, or its event loop blocked): its
  // transaction stays open with the call's lock.
  let thaw = () => undefined as void;
  const frozen = storages[0]!.decide('livestream:frozen', () => new Promise<void>((resolve) => (thaw = resolve)));
  await sleep(100);

  // B's change to that call goes through once the database has ended A's idle transaction.
  const started = Date.now();
  const { seq } = await b!.dispatch(host, 'livestream', 'frozen', { type: 'update', input: { custom: { after: 'freeze' } } });
  expect(seq).toBe(2);
  expect(Date.now() - started).toBeLessThan(5000);
  expect((await b!.dispatch(host, 'livestream', 'other', { type: 'update', input: { custom: { n: 1 } } })).seq).toBe(2);
  // A, woken, finds its transaction gone: what it was deciding is refused, not written.
  thaw();
  await expect(frozen).rejects.toMatchObject({ code: 'NETWORK' });
}, 20_000);

it('a change that waits too long for a call held elsewhere is refused, and other calls of the process do not wait behind it', async () => {
  const { hubs: [a] } = await processes(1, { statementTimeoutMs: 1000 });
  await a!.dispatch(host, 'livestream', 'held', { type: 'getOrCreate' });
  await a!.dispatch(host, 'livestream', 'free', { type: 'getOrCreate' });
  // Someone holds the call's lock and is busy (a long statement of an operator's, a stuck process).
  const holder = new Client({ connectionString: databaseUrl });
  await holder.connect();
  try {
    const key = createHash('sha256').update('livestream:held').digest().readBigInt64BE(0);
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(${key})`);
    const busy = holder.query('SELECT pg_sleep(3)').catch(() => undefined);

    const started = Date.now();
    const waiting = a!.dispatch(host, 'livestream', 'held', { type: 'update', input: { custom: { n: 1 } } });
    // The other call does not wait behind it.
    expect((await a!.dispatch(host, 'livestream', 'free', { type: 'update', input: { custom: { n: 1 } } })).seq).toBe(2);
    expect(Date.now() - started).toBeLessThan(500);
    await expect(waiting).rejects.toMatchObject({ code: 'NETWORK' });
    expect(Date.now() - started).toBeLessThan(5000);
    await busy;
  } finally {
    await holder.end().catch(() => undefined);
  }
}, 20_000);

it('a change made elsewhere while a process starts a subscription still reaches it', async () => {
  const { storages, hubs: [a, b] } = await processes(2);
  await a!.dispatch(host, 'livestream', 'window', { type: 'getOrCreate' });
  await a!.dispatch(host, 'livestream', 'window', { type: 'goLive' });
  // Between B reading the call for the subscription and the subscription being in place, A ends it;
  // its notification reaches B meanwhile.
  const read = storages[1]!.read.bind(storages[1]!);
  let armed = true;
  storages[1]!.read = async (task) => {
    const result = await read(task);
    if (armed) {
      armed = false;
      await a!.dispatch(host, 'livestream', 'window', { type: 'endCall' });
      await sleep(300);
    }
    return result;
  };
  const viewer = watcher('viewer');
  await b!.subscribe(viewer, 'livestream', 'window');
  expect(viewer.seqs).toEqual([2]);
  // No change follows the end: the notification heard meanwhile is the only news of it.
  await vi.waitFor(() => expect(viewer.events.map((event) => event.type)).toContain('call.ended'), { timeout: 3000, interval: 50 });
  expect(viewer.seqs).toEqual([2, 3]);
});

it('a process that learnt late of a call ending does not forget the call made again under its id', async () => {
  const { hubs: [a, b] } = await processes(2, { endedCallRetentionMs: 1000 });
  await a!.dispatch(host, 'livestream', 'again', { type: 'getOrCreate' });
  await b!.dispatch(host, 'livestream', 'again', { type: 'get' });
  await a!.dispatch(host, 'livestream', 'again', { type: 'endCall' });
  // B hears of the end only now, so forgets the call later than A does.
  await sleep(400);
  await b!.dispatch(host, 'livestream', 'again', { type: 'get' });
  await vi.waitFor(() => expect(a!.inspect('livestream', 'again')).toBeUndefined(), { timeout: 5000, interval: 20 });
  // A has forgotten the ended call; the host starts one again under the same id.
  const { result } = await a!.dispatch(host, 'livestream', 'again', { type: 'getOrCreate' });
  expect(result).toMatchObject({ created: true });
  const viewer = watcher('viewer');
  await b!.subscribe(viewer, 'livestream', 'again');
  await sleep(700);
  // B's late forgetting is of the old call: the new one stays, and so does B's subscriber.
  const { call } = await a!.dispatch(host, 'livestream', 'again', { type: 'get' });
  expect(call).toMatchObject({ ended_at: null });
  expect(b!.inspect('livestream', 'again')).toMatchObject({ ended_at: null });
  await a!.dispatch(host, 'livestream', 'again', { type: 'update', input: { custom: { still: 'here' } } });
  await vi.waitFor(() => expect(viewer.events.map((event) => event.type)).toContain('call.updated'), { timeout: 3000, interval: 50 });
});

it('a call one process only read, ended and forgotten through another, is let go by both', async () => {
  // Long enough for the calls to be made and read before the first is forgotten, on a busy machine.
  const { hubs: [a, b] } = await processes(2, { endedCallRetentionMs: 3000 });
  for (let i = 0; i < 20; i += 1) {
    await a!.dispatch(host, 'livestream', `once-${i}`, { type: 'getOrCreate' });
    // B reads each call once (a REST read), and no one watches it through B.
    await b!.dispatch(host, 'livestream', `once-${i}`, { type: 'get' });
    await a!.dispatch(host, 'livestream', `once-${i}`, { type: 'endCall' });
  }
  expect(b!.callCount()).toBe(20);
  await vi.waitFor(() => expect(a!.callCount()).toBe(0), { timeout: 10_000, interval: 50 });
  await vi.waitFor(() => expect(b!.callCount()).toBe(0), { timeout: 10_000, interval: 50 });
});

it('a user who joined through a process that then died stays in the call while they watch it through another', async () => {
  const schema = freshSchema();
  const presence = { schema, heartbeatIntervalMs: 100, staleAfterMs: 600, onError: () => undefined };
  const survivor = await postgresTestStorage({ ...presence, closeAfterAll: true });
  // The one that dies is closed without dropping the schema the other goes on with.
  const dying = await createPostgresStorage({ connectionString: databaseUrl, ...presence });
  const [a, b] = [dying, survivor].map((storage) => createHub({ storage, clock, countsIntervalMs: 60_000 }));
  hubs.push(a!, b!);
  await Promise.all([a!.ready, b!.ready]);
  await a!.dispatch(host, 'livestream', 'stay', { type: 'getOrCreate' });
  await a!.dispatch(host, 'livestream', 'stay', { type: 'goLive' });
  // The remote client's way: it reads the call and watches it (its socket on B), then joins over
  // HTTP, which the balancer sends to A.
  const viewer = watcher('viewer');
  await b!.subscribe(viewer, 'livestream', 'stay');
  await a!.dispatch(viewer.user, 'livestream', 'stay', { type: 'join' });
  await vi.waitFor(() => expect(b!.inspect('livestream', 'stay')!.participants.has('viewer')).toBe(true), { timeout: 3000, interval: 20 });
  // A dies: it beats no more. Its users leave, unless another process answers for them.
  a!.close();
  await dying.close();
  await sleep(1500);
  await b!.dispatch(host, 'livestream', 'stay', { type: 'get' });
  expect(b!.inspect('livestream', 'stay')!.participants.has('viewer')).toBe(true);
});

it('a client resuming through another process in the middle of a burst gets each event once', async () => {
  const { storages, hubs: [a, b] } = await processes(2);
  await a!.dispatch(host, 'livestream', 'burst', { type: 'getOrCreate' });
  for (let i = 1; i <= 3; i += 1) await a!.dispatch(host, 'livestream', 'burst', { type: 'update', input: { custom: { i } } });
  // While B reads the call for the resumed subscription, A goes on changing it.
  const read = storages[1]!.read.bind(storages[1]!);
  let armed = true;
  storages[1]!.read = async (task) => {
    const result = await read(task);
    if (armed) {
      armed = false;
      for (let i = 4; i <= 5; i += 1) await a!.dispatch(host, 'livestream', 'burst', { type: 'update', input: { custom: { i } } });
    }
    return result;
  };
  const viewer = watcher('viewer');
  await b!.subscribe(viewer, 'livestream', 'burst', 2);
  await vi.waitFor(() => expect(viewer.events.at(-1)?.seq).toBe(6), { timeout: 3000, interval: 50 });
  await sleep(200);
  expect(viewer.events.map((event) => event.seq)).toEqual([3, 4, 5, 6]);
});

it('after the database was away longer than a beat may be missed, no process makes the others\' users leave', async () => {
  const schema = freshSchema();
  const presence = { schema, staleAfterMs: 1000, onError: () => undefined, closeAfterAll: true };
  // A beats often and B seldom: once the database is back, A beats first.
  const storages = [await postgresTestStorage({ ...presence, heartbeatIntervalMs: 100 }), await postgresTestStorage({ ...presence, heartbeatIntervalMs: 700 })];
  const [a, b] = storages.map((storage) => createHub({ storage, clock, countsIntervalMs: 60_000 }));
  hubs.push(a!, b!);
  await Promise.all([a!.ready, b!.ready]);
  await a!.dispatch(host, 'livestream', 'outage', { type: 'getOrCreate' });
  await a!.dispatch(host, 'livestream', 'outage', { type: 'goLive' });
  await a!.dispatch({ id: 'through-a' }, 'livestream', 'outage', { type: 'join' });
  await b!.dispatch({ id: 'through-b' }, 'livestream', 'outage', { type: 'join' });
  // No process can beat for a while (the database is away, or failing over); then all can again.
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`ALTER TABLE "${schema}".processes RENAME TO processes_away`);
    await sleep(2000);
    await admin.query(`ALTER TABLE "${schema}".processes_away RENAME TO processes`);
    await sleep(2000);
    // Each process still answers for its users.
    const { rows } = await admin.query<{ user_id: string }>(`SELECT user_id FROM "${schema}".presence ORDER BY user_id`);
    expect(rows.map((row) => row.user_id)).toEqual(['through-a', 'through-b']);
  } finally {
    await admin.end();
  }
  await a!.dispatch(host, 'livestream', 'outage', { type: 'get' });
  const participants = a!.inspect('livestream', 'outage')!.participants;
  expect([participants.has('through-a'), participants.has('through-b')]).toEqual([true, true]);
});

it('a process starting while another brings the tables up to date waits for it longer than a statement may last', async () => {
  const schema = freshSchema();
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    // Another process is in the middle of a long step (the lock every process migrates under).
    await admin.query('SELECT pg_advisory_lock($1)', [0x5354_4b4d]);
    const starting = postgresTestStorage({ schema, closeAfterAll: true, statementTimeoutMs: 300, onError: () => undefined });
    await sleep(1000);
    await admin.query('SELECT pg_advisory_unlock($1)', [0x5354_4b4d]);
    const storage = await starting;
    const hub = createHub({ storage, clock });
    hubs.push(hub);
    await hub.ready;
    expect((await hub.dispatch(host, 'livestream', 'late', { type: 'getOrCreate' })).seq).toBe(1);
  } finally {
    await admin.end();
  }
});

it('no process answers any more for a user someone else removed from the call', async () => {
  const { schema, hubs: [a, b] } = await processes(2);
  const answeredFor = async () => {
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ user_id: string }>(`SELECT user_id FROM "${schema}".presence ORDER BY user_id`);
      return rows.map((row) => row.user_id);
    } finally {
      await admin.end();
    }
  };
  await a!.dispatch(host, 'livestream', 'removed', { type: 'getOrCreate' });
  await a!.dispatch(host, 'livestream', 'removed', { type: 'goLive' });
  await a!.dispatch(host, 'livestream', 'removed', { type: 'join' });
  for (const id of ['kept', 'removed', 'blocked']) await a!.dispatch({ id }, 'livestream', 'removed', { type: 'join' });
  await b!.dispatch(host, 'livestream', 'removed', { type: 'moderation.remove', input: { user_id: 'removed' } });
  await b!.dispatch(host, 'livestream', 'removed', { type: 'moderation.block', input: { user_id: 'blocked' } });
  expect(await answeredFor()).toEqual(['host', 'kept']);
});

it('a user at their cap of calls creating several at once through several processes gets one', async () => {
  const { hubs: [a, b] } = await processes(2, { callsPerUser: 3 });
  await a!.dispatch(host, 'livestream', 'cap-1', { type: 'getOrCreate' });
  await b!.dispatch(host, 'livestream', 'cap-2', { type: 'getOrCreate' });
  const tries = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => (i % 2 ? a! : b!).dispatch(host, 'livestream', `cap-more-${i}`, { type: 'getOrCreate' })));
  expect(tries.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  expect(tries.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason.code)).toEqual(Array(7).fill('RATE_LIMITED'));
});
