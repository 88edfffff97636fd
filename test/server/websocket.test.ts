import { WebSocket } from 'ws';
import type { ServerMessage } from '../../src/remote/index.js';
import { CLOSE_CODES } from '../../src/server/index.js';
import { expectInSync, startServer, type TestServer } from './harness.js';

// The WebSocket on its own: auth, subscriptions, heartbeats and the limits on connections.

let test: TestServer;
afterEach(() => test.close());

interface RawSocket {
  socket: WebSocket;
  messages: ServerMessage[];
  closed: Promise<number>;
  send(message: unknown): void;
}

/** A bare socket that answers nothing on its own: not even heartbeats. */
async function rawSocket(token?: string): Promise<RawSocket> {
  const socket = new WebSocket(`${test.url.replace('http', 'ws')}/video/connect`);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const raw = { socket, messages, closed, send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)) };
  if (token) await authenticate(raw, token);
  return raw;
}

async function authenticate(raw: RawSocket, token: string): Promise<void> {
  raw.send({ type: 'auth', token });
  await vi.waitFor(() => expect(raw.messages.map((m) => m.type)).toContain('ready'));
}

it('drops a connection that stops answering heartbeats, and its user leaves the call and the stage', async () => {
  test = await startServer({ heartbeatMs: 50, dropGraceMs: 0 });
  const olga = await test.client({ id: 'olga' });
  const host = olga.call('livestream', 'hb');
  await host.getOrCreate();
  await host.join();
  await host.goLive();
  await test.request('POST', '/video/call/livestream/hb/join', { as: { id: 'bob' } });
  await test.request('POST', '/video/call/livestream/hb/stage/request', { as: { id: 'bob' } });

  const bob = await rawSocket(await test.token({ id: 'bob' }));
  bob.send({ type: 'subscribe', call_type: 'livestream', call_id: 'hb' });
  await vi.waitFor(() => expect(host.getState().call!.stage_requests.map((r) => r.user_id)).toEqual(['bob']));

  // Bob never answers a ping: two silent heartbeats later he is gone, and so is his request.
  expect(await bob.closed).toBe(1006);
  expect(bob.messages.some((message) => message.type === 'ping')).toBe(true);
  await vi.waitFor(() => expect(test.server.hub.inspect('livestream', 'hb')!.participants.has('bob')).toBe(false));
  await vi.waitFor(() => expect(host.getState().call!.stage_requests).toEqual([]));
  expect(test.server.hub.inspect('livestream', 'hb')!.stage.get('bob')).toBeUndefined();
  // Olga's client answered every heartbeat meanwhile and is still in.
  expect(olga.connection).toBe('connected');
  expect(host.getState().call!.participants.olga).toBeDefined();
  await expectInSync(test, [olga], 'livestream', 'hb');
});

it('keeps a participant in the call while they come back within the grace period', async () => {
  test = await startServer({ dropGraceMs: 60_000 });
  const bob = await test.client({ id: 'bob' });
  const call = bob.call('default', 'grace');
  await call.join({ create: true });
  test.server.dropConnections();
  await vi.waitFor(() => expect(test.server.connections().length).toBe(1));
  await expectInSync(test, [bob], 'default', 'grace');
  expect(test.server.hub.inspect('default', 'grace')!.participants.get('bob')).toBeDefined();
});

it('leaves a participant when their last connection watching the call goes, not before', async () => {
  test = await startServer({ dropGraceMs: 0 });
  const token = await test.token({ id: 'bob' });
  await test.request('POST', '/video/call/default/two/join', { as: { id: 'bob' }, body: { create: true } });
  const first = await rawSocket(token);
  const second = await rawSocket(token);
  for (const raw of [first, second]) raw.send({ type: 'subscribe', call_type: 'default', call_id: 'two' });
  await vi.waitFor(() => expect(second.messages.some((m) => m.type === 'events')).toBe(true));
  first.socket.terminate();
  await first.closed;
  // The second tab still watches: bob stays.
  await vi.waitFor(() => expect(test.server.connections().length).toBe(1));
  expect(test.server.hub.inspect('default', 'two')!.participants.get('bob')).toBeDefined();
  second.socket.close();
  await vi.waitFor(() => expect(test.server.hub.inspect('default', 'two')!.participants.get('bob')).toBeUndefined());
});

it('caps connections per user', async () => {
  test = await startServer({ limits: { connectionsPerUser: 2 } });
  const token = await test.token({ id: 'bob' });
  await rawSocket(token);
  await rawSocket(token);
  const third = await rawSocket();
  third.send({ type: 'auth', token });
  expect(await third.closed).toBe(CLOSE_CODES.tooManyConnections);
  expect(third.messages).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'RATE_LIMITED' }) }]);
  // Another user is not affected.
  await rawSocket(await test.token({ id: 'carl' }));
  expect(test.server.connections().map((c) => c.user.id).sort()).toEqual(['bob', 'bob', 'carl']);
});

it('closes a connection that does not authenticate in time, or starts with anything else', async () => {
  test = await startServer({ authTimeoutMs: 30 });
  const silent = await rawSocket();
  expect(await silent.closed).toBe(CLOSE_CODES.unauthenticated);
  const eager = await rawSocket();
  eager.send({ type: 'subscribe', call_type: 'default', call_id: 'x' });
  expect(await eager.closed).toBe(CLOSE_CODES.unauthenticated);
});

it('answers bad messages and refused subscriptions with an error, and keeps the connection', async () => {
  test = await startServer();
  await test.server.hub.dispatch({ id: 'olga' }, 'livestream', 'secret', { type: 'getOrCreate' });
  await test.request('PUT', '/video/calltypes/livestream', { as: { id: 'root', role: 'admin' }, body: { grants: { user: ['join-call'] } } });
  const raw = await rawSocket(await test.token({ id: 'bob' }));
  raw.send('{not json');
  raw.send({ type: 'subscribe', call_type: 'livestream' });
  raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'x', since: -1, extra: true });
  raw.send({ type: 'subscribe', call_type: 'nope', call_id: 'x' });
  raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'secret' });
  await vi.waitFor(() => expect(raw.messages.filter((m) => m.type === 'error')).toHaveLength(5));
  const errors = raw.messages.flatMap((m) => (m.type === 'error' ? [{ cid: m.cid, code: m.error.code, capability: m.error.capability }] : []));
  expect(errors).toEqual([
    { cid: undefined, code: 'INVALID_INPUT', capability: undefined },
    { cid: undefined, code: 'INVALID_INPUT', capability: undefined },
    { cid: undefined, code: 'INVALID_INPUT', capability: undefined },
    { cid: 'nope:x', code: 'NOT_FOUND', capability: undefined },
    { cid: 'livestream:secret', code: 'FORBIDDEN', capability: 'read-call' },
  ]);
  expect(raw.socket.readyState).toBe(WebSocket.OPEN);
});

it('tells every client when its clock jumps', async () => {
  test = await startServer();
  const bob = await test.client({ id: 'bob' });
  const jumps = vi.fn<() => void>();
  bob.clock.subscribe(jumps);
  test.clock.advance(3_600_000);
  await vi.waitFor(() => expect(jumps).toHaveBeenCalled());
  expect(Math.abs(bob.clock.now() - test.clock.now())).toBeLessThan(1_000);
});

it("sends one call's changes made in one turn as one message, in order", async () => {
  test = await startServer();
  const host = { id: 'host' };
  await test.request('POST', '/video/call/livestream/turn', { as: host, body: {} });
  const raw = await rawSocket(await test.token(host));
  raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'turn' });
  await vi.waitFor(() => expect(raw.messages.filter((m) => m.type === 'events')).toHaveLength(1));
  const hub = test.server.hub;
  await Promise.all([
    hub.dispatch(host, 'livestream', 'turn', { type: 'join' }),
    hub.dispatch(host, 'livestream', 'turn', { type: 'goLive' }),
    hub.dispatch(host, 'livestream', 'turn', { type: 'update', input: { custom: { title: 'Launch' } } }),
  ]);
  await vi.waitFor(() => expect(raw.messages.filter((m) => m.type === 'events')).toHaveLength(2));
  const batch = raw.messages.filter((m) => m.type === 'events')[1] as Extract<ServerMessage, { type: 'events' }>;
  expect(batch.events.map((event) => event.type)).toEqual([
    'call.participant_joined',
    'stageStatusUpdate',
    'call.counts_updated',
    'call.live_started',
    'call.updated',
  ]);
  expect(batch.seq).toBe(batch.events[batch.events.length - 1]!.seq);
  expect(batch.events.map((event) => event.seq)).toEqual([...batch.events.map((event) => event.seq)].sort((a, b) => a - b));
});
