import { connect } from 'node:net';
import { SignJWT } from 'jose';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../src/remote/index.js';
import { CLOSE_CODES } from '../../src/server/index.js';
import { SECRET, startServer, type TestServer } from './harness.js';

// Each finding of the server's adversarial review, replayed: none may crash the server, lift a
// user's capabilities, or grow its memory without bound.

let test: TestServer;
afterEach(() => test.close());

const host = { id: 'hana' };
const bob = { id: 'bob' };

interface RawSocket {
  socket: WebSocket;
  messages: ServerMessage[];
  closed: Promise<number>;
  send(message: unknown): void;
}

async function openSocket(): Promise<RawSocket> {
  const socket = new WebSocket(`${test.url.replace('http', 'ws')}/video/connect`);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, messages, closed, send: (message: unknown) => socket.send(JSON.stringify(message)) };
}

async function authedSocket(user: { id: string }): Promise<RawSocket> {
  const raw = await openSocket();
  raw.send({ type: 'auth', token: await test.token(user) });
  await vi.waitFor(() => expect(raw.messages.map((m) => m.type)).toContain('ready'));
  return raw;
}

/** Sends raw bytes to the server and resolves with the first line it answers. */
function rawHttp(request: string): Promise<string> {
  const { port } = new URL(test.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

async function liveCall(id: string): Promise<void> {
  expect((await test.request('POST', `/video/call/livestream/${id}`, { as: host })).status).toBe(201);
  expect((await test.request('POST', `/video/call/livestream/${id}/go_live`, { as: host })).status).toBe(200);
}

it('answers an upgrade with an unreadable target 400 and stays up', async () => {
  test = await startServer();
  const line = await rawHttp(
    'GET //x:99999/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  );
  expect(line).toBe('HTTP/1.1 400 Bad Request');
  expect((await test.request('GET', '/time')).status).toBe(200);
});

it('refuses a member named after an object prototype member, so no one inherits capabilities', async () => {
  test = await startServer();
  const created = await test.request('POST', '/video/call/livestream/proto', {
    as: host,
    body: { data: { members: [{ user_id: '__proto__', custom: { role: 'admin' } }] } },
  });
  expect(created.status).toBe(400);
  expect(created.body).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'input.data.members.0.user_id', message: 'is a reserved name' }] });

  await liveCall('proto');
  const custom = { id: 'custom' };
  expect((await test.request('POST', '/video/call/livestream/proto/join', { as: custom })).status).toBe(200);
  const end = await test.request('POST', '/video/call/livestream/proto/mark_ended', { as: custom });
  expect(end).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', capability: 'end-call' } });
});

it('refuses a token whose user is named after an object prototype member', async () => {
  test = await startServer();
  await liveCall('open');
  const token = await new SignJWT({ user_id: 'constructor' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
  const { status, body } = await test.request('GET', '/video/call/livestream/open', { auth: `Bearer ${token}` });
  expect(status).toBe(401);
  expect(body).toMatchObject({ code: 'UNAUTHENTICATED' });
});

it('answers a call type named after an object prototype member as bad input, not a failure', async () => {
  test = await startServer();
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const { status, body } = await test.request('POST', `/video/call/${name}/x`, { as: host });
    expect({ name, status, code: body.code }).toEqual({ name, status: 400, code: 'INVALID_INPUT' });
  }
});

it('refuses a member role named after an object prototype member, and watchers keep receiving events', async () => {
  test = await startServer();
  await liveCall('roles');
  const watcher = await test.client(bob);
  const call = watcher.call('livestream', 'roles');
  await call.get();
  const refused = await test.request('POST', '/video/call/livestream/roles/members', {
    as: host,
    body: { update_members: [{ user_id: 'carl', role: 'toString' }] },
  });
  expect(refused).toMatchObject({ status: 400, body: { fields: [{ path: 'input.update_members.0.role', message: 'is a reserved name' }] } });
  await test.request('PATCH', '/video/call/livestream/roles', { as: host, body: { custom: { after: true } } });
  await vi.waitFor(() => expect(call.getState().call?.custom).toEqual({ after: true }));
});

it('sends a re-subscribed call once, and cuts off a client that stops reading', async () => {
  test = await startServer({ limits: { maxBufferedBytes: 256 * 1024 } });
  await liveCall('flood');
  const reader = await authedSocket(bob);
  for (let i = 0; i < 50; i += 1) reader.send({ type: 'subscribe', call_type: 'livestream', call_id: 'flood' });
  await vi.waitFor(() => expect(reader.messages.filter((m) => m.type === 'events')).toHaveLength(1));

  // Stops reading: what the server sends piles up in its buffer until the high-water mark.
  reader.socket.pause();
  const big = 'x'.repeat(15_000);
  for (let i = 0; i < 2_000 && test.server.connections().length > 0; i += 1) {
    await test.server.hub.dispatch(host, 'livestream', 'flood', { type: 'update', input: { custom: { big, i } } }, { view: false });
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await vi.waitFor(() => expect(test.server.connections()).toHaveLength(0));
});

it('lets an unsubscribe that overtakes its subscribe win, on the same connection', async () => {
  test = await startServer();
  await liveCall('churn');
  await liveCall('barrier');
  const raw = await authedSocket(bob);
  for (let i = 0; i < 20; i += 1) {
    raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'churn' });
    raw.send({ type: 'unsubscribe', call_type: 'livestream', call_id: 'churn' });
  }
  await test.request('PATCH', '/video/call/livestream/churn', { as: host, body: { custom: { later: 1 } } });
  raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'barrier' });
  await vi.waitFor(() => expect(raw.messages.some((m) => m.type === 'events' && m.cid === 'livestream:barrier')).toBe(true));
  const churned = raw.messages.flatMap((m) => (m.type === 'events' && m.cid === 'livestream:churn' ? m.events : []));
  expect(churned.map((event) => event.type)).not.toContain('call.updated');
  expect([...test.server.connections()[0]!.calls]).toEqual(['livestream:barrier']);
});

it('caps the members of a call', async () => {
  test = await startServer({ limits: { membersPerCall: 50 } });
  await liveCall('big');
  const members = Array.from({ length: 60 }, (_, i) => ({ user_id: `m${i}` }));
  const { status, body } = await test.request('POST', '/video/call/livestream/big/members', { as: host, body: { update_members: members } });
  expect(status).toBe(400);
  expect(body).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('at most 50 members') });
  expect(Object.keys(test.server.hub.inspect('livestream', 'big')!.members)).toEqual(['hana']);

  // A whole batch within the cap is one change.
  const before = test.server.hub.revision();
  const fine = await test.request('POST', '/video/call/livestream/big/members', { as: host, body: { update_members: members.slice(0, 40) } });
  expect(fine.status).toBe(200);
  expect(test.server.hub.revision()).toBe(before + 1);
});

it('caps the calls a user may have and the calls the server holds', async () => {
  test = await startServer({ limits: { callsPerUser: 2, maxCalls: 3 } });
  expect((await test.request('POST', '/video/call/default/a', { as: host })).status).toBe(201);
  expect((await test.request('POST', '/video/call/default/b', { as: host })).status).toBe(201);
  expect(await test.request('POST', '/video/call/default/c', { as: host })).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
  expect((await test.request('POST', '/video/call/default/c', { as: bob })).status).toBe(201);
  expect(await test.request('POST', '/video/call/default/d', { as: { id: 'carl' } })).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
  expect(test.server.hub.callCount()).toBe(3);
});

it('limits stage joins and leaves, and going live and back', async () => {
  test = await startServer({ limits: { stageMoveBurst: 4, liveToggleBurst: 3 } });
  await liveCall('toggle');
  await test.request('POST', '/video/call/livestream/toggle/join', { as: host });
  const statuses: number[] = [];
  for (let i = 0; i < 6; i += 1) {
    statuses.push((await test.request('POST', `/video/call/livestream/toggle/stage/${i % 2 === 0 ? 'join' : 'leave'}`, { as: host })).status);
  }
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  const toggles: number[] = [];
  for (let i = 0; i < 4; i += 1) {
    toggles.push((await test.request('POST', `/video/call/livestream/toggle/${i % 2 === 0 ? 'stop_live' : 'go_live'}`, { as: host })).status);
  }
  // The first go-live of liveCall counted too.
  expect(toggles).toEqual([200, 200, 429, 429]);
});

it('takes one auth per connection, and a second one costs no connection slot', async () => {
  test = await startServer({ limits: { connectionsPerUser: 1 } });
  const token = await test.token(bob);
  const raw = await openSocket();
  raw.send({ type: 'auth', token });
  raw.send({ type: 'auth', token });
  expect(await raw.closed).toBe(CLOSE_CODES.unauthenticated);
  await vi.waitFor(() => expect(test.server.connections()).toHaveLength(0));
  // The one slot bob has is free again.
  await authedSocket(bob);
  expect(test.server.connections()).toHaveLength(1);
});

it('closes a connection that sends messages faster than its allowance', async () => {
  test = await startServer({ limits: { socketMessageBurst: 10 } });
  const raw = await authedSocket(bob);
  for (let i = 0; i < 30; i += 1) raw.send({ type: 'pong' });
  expect(await raw.closed).toBe(CLOSE_CODES.tooManyMessages);
});

it('drops a participant who joined over HTTP and never watched the call', async () => {
  test = await startServer({ limits: { unwatchedJoinGraceMs: 30 } });
  await liveCall('ghost');
  expect((await test.request('POST', '/video/call/livestream/ghost/join', { as: bob })).status).toBe(200);
  expect(test.server.hub.inspect('livestream', 'ghost')!.participants.get('bob')).toBeDefined();
  await vi.waitFor(() => expect(test.server.hub.inspect('livestream', 'ghost')!.participants.get('bob')).toBeUndefined());
});

it('drops a participant who stopped watching the call, after the grace period', async () => {
  test = await startServer({ dropGraceMs: 30 });
  await liveCall('gone');
  const raw = await authedSocket(bob);
  raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'gone' });
  await vi.waitFor(() => expect(raw.messages.some((m) => m.type === 'events')).toBe(true));
  expect((await test.request('POST', '/video/call/livestream/gone/join', { as: bob })).status).toBe(200);
  raw.send({ type: 'unsubscribe', call_type: 'livestream', call_id: 'gone' });
  await vi.waitFor(() => expect(test.server.hub.inspect('livestream', 'gone')!.participants.get('bob')).toBeUndefined());
});

it('reads starts_at only as strict ISO 8601 with a time zone', async () => {
  test = await startServer();
  for (const starts_at of ['1', '2030-02-30T10:00:00Z', 'March 7, 2031', '2030-03-07T10:00:00', '2030-03-07']) {
    const { status, body } = await test.request('POST', `/video/call/livestream/s${idFrom(starts_at)}`, { as: host, body: { data: { starts_at } } });
    expect({ starts_at, status, path: (body.fields as { path: string }[] | undefined)?.[0]?.path }).toEqual({ starts_at, status: 400, path: 'input.data.starts_at' });
  }
  const fine = await test.request('POST', '/video/call/livestream/fine', { as: host, body: { data: { starts_at: '2030-03-07T10:00:00+02:00' } } });
  expect(fine.status).toBe(201);
  expect((fine.body.call as { starts_at: string }).starts_at).toBe('2030-03-07T08:00:00.000Z');
});

/** A call id from any text: letters and digits only. */
function idFrom(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, '');
}

it('keeps publishing to every other watcher when projecting for one of them fails', async () => {
  test = await startServer();
  await liveCall('isolate');
  const good: string[] = [];
  const stopped: string[] = [];
  await test.server.hub.subscribe({ user: bob, deliver: (_cid, _seq, events) => good.push(...events.map((e) => e.type)) }, 'livestream', 'isolate');
  // A watcher whose projection fails once it has subscribed.
  let broken = false;
  const flaky = {
    get user() {
      if (broken) throw new Error('a projection that fails');
      return { id: 'carl' };
    },
    deliver() {},
    stopped: (cid: string) => stopped.push(cid),
  };
  await test.server.hub.subscribe(flaky, 'livestream', 'isolate');
  broken = true;
  await test.request('PATCH', '/video/call/livestream/isolate', { as: host, body: { custom: { n: 1 } } });
  expect(good).toContain('call.updated');
  expect(stopped).toEqual(['livestream:isolate']);
});

it('limits the actions one call takes from everyone together', async () => {
  test = await startServer({ limits: { callActionBurst: 5 } });
  await liveCall('budget');
  const statuses: number[] = [];
  for (let i = 0; i < 6; i += 1) statuses.push((await test.request('POST', '/video/call/livestream/budget/join', { as: { id: `v${i}` } })).status);
  // go_live took one of the five.
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
});

// The second round: a review of the hardened server.

it('caps what one member may carry, and refuses reserved keys in custom data', async () => {
  test = await startServer();
  const tooBig = await test.request('POST', '/video/call/default/fat', { as: host, body: { data: { members: [{ user_id: 'bob', custom: { note: 'x'.repeat(2_000) } }] } } });
  expect(tooBig).toMatchObject({ status: 400, body: { fields: [{ path: 'input.data.members.0.custom', message: 'must be at most 1024 characters as JSON' }] } });
  const reserved = await test.request('POST', '/video/call/default/keys', { as: host, raw: '{"data":{"custom":{"__proto__":{"admin":true}}}}' });
  expect(reserved).toMatchObject({ status: 400, body: { fields: [{ path: 'input.data.custom', message: 'must not use a reserved name as a key' }] } });
});

it('names at most twenty problems however many a request has', async () => {
  test = await startServer();
  const members = Array.from({ length: 1_000 }, () => ({ user_id: '!' }));
  const { status, body } = await test.request('POST', '/video/call/default/many', { as: host, body: { data: { members } } });
  expect(status).toBe(400);
  expect(body.fields).toHaveLength(20);
  expect(body.message).toMatch(/and 980 more$/);
  const tooMany = await test.request('POST', '/video/call/default/many', { as: host, body: { data: { members: [...members, ...members] } } });
  expect(tooMany.body.fields).toEqual([{ path: 'input.data.members', message: 'must hold at most 1000 items' }]);
});

it('lets no one hand out a role that grants more than they hold', async () => {
  test = await startServer();
  await liveCall('roles');
  const promote = await test.request('POST', '/video/call/livestream/roles/members', { as: host, body: { update_members: [{ user_id: 'hana', role: 'admin' }] } });
  expect(promote).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', capability: 'join-ended-call' } });
  const selfMade = await test.request('POST', '/video/call/livestream/own', { as: bob, body: { data: { members: [{ user_id: 'bob', role: 'admin' }] } } });
  expect(selfMade).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  // Within what they hold, a host still makes others hosts.
  const cohost = await test.request('POST', '/video/call/livestream/roles/members', { as: host, body: { update_members: [{ user_id: 'bob', role: 'host' }] } });
  expect(cohost.status).toBe(200);
});

it('sends a whole view once, however many subscribe and unsubscribe pairs came before it', async () => {
  test = await startServer();
  await liveCall('views');
  await test.request('PATCH', '/video/call/livestream/views', { as: host, body: { custom: { text: 'y'.repeat(10_000) } } });
  const raw = await authedSocket(bob);
  let bytes = 0;
  raw.socket.on('message', (data) => (bytes += String(data).length));
  for (let i = 0; i < 20; i += 1) {
    raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'views' });
    raw.send({ type: 'unsubscribe', call_type: 'livestream', call_id: 'views' });
  }
  raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'views' });
  await vi.waitFor(() => expect(raw.messages.some((m) => m.type === 'events' && m.cid === 'livestream:views')).toBe(true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(raw.messages.filter((m) => m.type === 'events')).toHaveLength(1);
  expect(bytes).toBeLessThan(20_000);
});

it('gives a user one allowance of sign-ins, however often they reconnect', async () => {
  test = await startServer({ limits: { connectBurst: 3 } });
  for (let i = 0; i < 3; i += 1) (await authedSocket(bob)).socket.close();
  const fourth = await openSocket();
  fourth.send({ type: 'auth', token: await test.token(bob) });
  expect(await fourth.closed).toBe(CLOSE_CODES.tooManyConnections);
});

it('caps the sockets waiting to sign in', async () => {
  test = await startServer({ limits: { maxUnauthenticated: 2 } });
  await openSocket();
  await openSocket();
  await expect(openSocket()).rejects.toThrow(/503/);
});
