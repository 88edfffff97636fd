import { WebSocket } from 'ws';
import type { ServerMessage } from '../../src/remote/index.js';
import { CLOSE_CODES } from '../../src/server/index.js';
import { startServer, type TestServer } from './harness.js';

// Who may be sent a call's events, checked whenever something is about to be sent, and how many
// calls one connection may watch.

let test: TestServer;
afterEach(() => test.close());

interface RawSocket {
  socket: WebSocket;
  messages: ServerMessage[];
  send(message: unknown): void;
}

async function rawSocket(token: string): Promise<RawSocket> {
  const socket = new WebSocket(`${test.url.replace('http', 'ws')}/video/connect`);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const raw = { socket, messages, send: (message: unknown) => socket.send(JSON.stringify(message)) };
  raw.send({ type: 'auth', token });
  await vi.waitFor(() => expect(messages.map((m) => m.type)).toContain('ready'));
  return raw;
}

const errorsOf = (raw: RawSocket) =>
  raw.messages.flatMap((m) => (m.type === 'error' ? [{ cid: m.cid, code: m.error.code, capability: m.error.capability }] : []));
const eventsOf = (raw: RawSocket, cid: string) => raw.messages.flatMap((m) => (m.type === 'events' && m.cid === cid ? m.events : []));

/** Everything the hub published before this point has reached `raw`: one socket keeps its order. */
async function settled(raw: RawSocket, id: string): Promise<void> {
  raw.send({ type: 'subscribe', call_type: 'default', call_id: id });
  await vi.waitFor(() => expect(raw.messages.some((m) => m.type === 'events' && m.cid === `default:${id}`)).toBe(true));
}

it('caps the calls one connection watches, counting each call once', async () => {
  test = await startServer({ limits: { subscriptionsPerConnection: 2 } });
  const raw = await rawSocket(await test.token({ id: 'bob' }));
  for (const id of ['a', 'b', 'c', 'a']) raw.send({ type: 'subscribe', call_type: 'default', call_id: id });
  await vi.waitFor(() => expect(errorsOf(raw)).toHaveLength(1));
  // Subscribing again to a watched call changes nothing: no second snapshot, no second slot.
  await vi.waitFor(() => expect(raw.messages.filter((m) => m.type === 'events')).toHaveLength(2));
  expect(errorsOf(raw)).toEqual([{ cid: 'default:c', code: 'RATE_LIMITED', capability: undefined }]);
  expect(raw.messages.find((m) => m.type === 'error')).toMatchObject({ error: { message: expect.stringContaining('at most 2 calls') } });
  expect([...test.server.connections()[0]!.calls].sort()).toEqual(['default:a', 'default:b']);

  // Letting one go makes room.
  raw.send({ type: 'unsubscribe', call_type: 'default', call_id: 'b' });
  raw.send({ type: 'subscribe', call_type: 'default', call_id: 'c' });
  await vi.waitFor(() => expect(raw.messages.some((m) => m.type === 'events' && m.cid === 'default:c')).toBe(true));
  expect(errorsOf(raw)).toHaveLength(1);
});

it('does not send a call created after subscribing to someone without read-call', async () => {
  test = await startServer({ callTypes: { locked: { grants: { user: ['join-call'], admin: ['create-call', 'read-call', 'update-call'] } } } });
  const olga = { id: 'olga', role: 'admin' };
  const bob = await rawSocket(await test.token({ id: 'bob' }));
  bob.send({ type: 'subscribe', call_type: 'locked', call_id: 'secret' });
  await vi.waitFor(() => expect(bob.messages.some((m) => m.type === 'events')).toBe(true));

  const created = await test.request('POST', '/video/call/locked/secret', { as: olga, body: { data: { custom: { code: 'hunter2' } } } });
  expect(created.status).toBe(201);
  await vi.waitFor(() => expect(errorsOf(bob)).toEqual([{ cid: 'locked:secret', code: 'FORBIDDEN', capability: 'read-call' }]));
  await test.request('PATCH', '/video/call/locked/secret', { as: olga, body: { custom: { code: 'hunter3' } } });
  await settled(bob, 'sync');
  expect(eventsOf(bob, 'locked:secret')).toEqual([]);
  expect(JSON.stringify(bob.messages)).not.toContain('hunter');
  expect(test.server.connections()[0]!.calls.has('locked:secret')).toBe(false);
});

it('stops streaming to a watcher whose grants no longer include read-call, and says so', async () => {
  test = await startServer();
  const olga = { id: 'olga' };
  await test.request('POST', '/video/call/livestream/show', { as: olga });
  const bob = await rawSocket(await test.token({ id: 'bob' }));
  bob.send({ type: 'subscribe', call_type: 'livestream', call_id: 'show' });
  await vi.waitFor(() => expect(eventsOf(bob, 'livestream:show').map((e) => e.type)).toEqual(['call.state']));

  const changed = await test.request('PUT', '/video/calltypes/livestream', { as: { id: 'root', role: 'admin' }, body: { grants: { user: ['join-call'] } } });
  expect(changed.status).toBe(200);
  await vi.waitFor(() => expect(errorsOf(bob)).toEqual([{ cid: 'livestream:show', code: 'FORBIDDEN', capability: 'read-call' }]));
  await test.request('PATCH', '/video/call/livestream/show', { as: olga, body: { custom: { after: true } } });
  await settled(bob, 'sync');
  // Only the first snapshot: neither the new view nor the update after it.
  expect(eventsOf(bob, 'livestream:show').map((e) => e.type)).toEqual(['call.state']);
  expect(test.server.connections()[0]!.calls.has('livestream:show')).toBe(false);
});

it('lets someone in the call without read-call see their own leaving, then nothing more', async () => {
  test = await startServer({ dropGraceMs: 60_000 });
  await test.request('PUT', '/video/calltypes/default', { as: { id: 'root', role: 'admin' }, body: { grants: { user: ['create-call', 'join-call'] } } });
  const olga = { id: 'olga' };
  const bobUser = { id: 'bob' };
  await test.request('POST', '/video/call/default/room', { as: olga });
  expect((await test.request('POST', '/video/call/default/room/join', { as: bobUser })).status).toBe(200);
  const bob = await rawSocket(await test.token(bobUser));
  bob.send({ type: 'subscribe', call_type: 'default', call_id: 'room' });
  await vi.waitFor(() => expect(eventsOf(bob, 'default:room').map((e) => e.type)).toEqual(['call.state']));

  const left = await test.request('POST', '/video/call/default/room/leave', { as: bobUser });
  expect(left.status).toBe(200);
  // Out of the call and without read-call: no view in the answer either.
  expect(left.body).not.toHaveProperty('call');
  await vi.waitFor(() => expect(errorsOf(bob)).toEqual([{ cid: 'default:room', code: 'FORBIDDEN', capability: 'read-call' }]));
  const seen = eventsOf(bob, 'default:room').map((e) => e.type);
  expect(seen).toContain('call.participant_left');
  await test.request('PATCH', '/video/call/default/room', { as: olga, body: { custom: { later: true } } });
  await settled(bob, 'sync');
  expect(eventsOf(bob, 'default:room').map((e) => e.type)).toEqual(seen);
});

it('closes with the documented codes only', () => {
  expect(CLOSE_CODES).toEqual({ unauthenticated: 4001, tooManyConnections: 4029, tooManyMessages: 4030, goingAway: 1001 });
});
