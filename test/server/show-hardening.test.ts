import { WebSocket } from 'ws';
import type { User } from '../../src/core/index.js';
import type { ServerMessage } from '../../src/remote/index.js';
import { startServer, type TestServer } from './harness.js';

// The adversarial review of features mid-show, moderation, team-only calls and ringing, replayed:
// no one locks out those above them, no one outside a call's team stays in it, and ringing is
// limited like the other actions that reach many users.

let test: TestServer;
afterEach(() => test.close());

const HOST: User = { id: 'hana', teams: ['blue'] };
const ADMIN: User = { id: 'ada', role: 'admin' };
const OUTSIDER: User = { id: 'eve' };

const post = (path: string, as: User, body?: unknown) => test.request('POST', `/video/call/livestream/${path}`, { as, body });

async function liveShow(id: string): Promise<void> {
  expect((await post(id, HOST)).status).toBe(201);
  expect((await post(`${id}/go_live`, HOST)).status).toBe(200);
}

async function watching(user: User, id: string): Promise<ServerMessage[] & { send(message: unknown): void }> {
  const socket = new WebSocket(`${test.url.replace('http', 'ws')}/video/connect`);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'auth', token: await test.token(user) }));
  await vi.waitFor(() => expect(messages.some((m) => m.type === 'ready')).toBe(true));
  socket.send(JSON.stringify({ type: 'subscribe', call_type: 'livestream', call_id: id }));
  await vi.waitFor(() => expect(messages.some((m) => m.type === 'events')).toBe(true));
  return Object.assign(messages, { send: (message: unknown) => socket.send(JSON.stringify(message)) });
}

it('lets no host block or remove a global admin, and no block keeps an admin out of a call', async () => {
  test = await startServer();
  await liveShow('show');
  expect((await post('show/join', ADMIN)).status).toBe(200);
  const block = await post('show/block', HOST, { user_id: ADMIN.id });
  expect(block.status).toBe(403);
  expect(block.body).toMatchObject({ code: 'FORBIDDEN', capability: 'join-ended-call' });
  expect((await post('show/remove_participant', HOST, { user_id: ADMIN.id })).status).toBe(403);
  expect(test.server.hub.inspect('livestream', 'show')!.participants.has(ADMIN.id)).toBe(true);
  // An admin out of the call is not known as one to the host, but their block does not hold them.
  expect((await post('show/leave', ADMIN)).status).toBe(200);
  expect((await post('show/block', HOST, { user_id: ADMIN.id })).status).toBe(200);
  expect((await post('show/join', ADMIN)).status).toBe(200);
  expect((await post('show/unblock', ADMIN, { user_id: ADMIN.id })).status).toBe(200);
});

it('names a reason given to an unblock as unknown, since no one would be told it', async () => {
  test = await startServer();
  await liveShow('why');
  expect((await post('why/block', HOST, { user_id: OUTSIDER.id, reason: 'spam' })).status).toBe(200);
  const unblock = await post('why/unblock', HOST, { user_id: OUTSIDER.id, reason: 'sorry' });
  expect(unblock.status).toBe(400);
  expect(unblock.body.fields).toEqual([expect.objectContaining({ path: 'input.reason' })]);
  expect((await post('why/unblock', HOST, { user_id: OUTSIDER.id })).status).toBe(200);
});

it('lets someone outside a team set mid-show leave, and drops them once their stream stops', async () => {
  test = await startServer({ dropGraceMs: 30 });
  await liveShow('team');
  const leaver: User = { id: 'otto' };
  for (const user of [OUTSIDER, leaver]) expect((await post('team/join', user)).status).toBe(200);
  const messages = await watching(OUTSIDER, 'team');
  expect((await post('team/stage/grant', HOST, { user_ids: [OUTSIDER.id] })).status).toBe(200);
  expect((await post('team/stage/join', OUTSIDER)).status).toBe(200);

  expect((await test.request('PATCH', '/video/call/livestream/team', { as: HOST, body: { team: 'blue' } })).status).toBe(200);
  expect((await post('team/stage/leave', OUTSIDER)).status).toBe(403);
  expect((await post('team/leave', leaver)).status).toBe(200);
  await vi.waitFor(() => expect(messages.some((m) => m.type === 'error' && m.error.code === 'FORBIDDEN')).toBe(true));
  await vi.waitFor(() => {
    const call = test.server.hub.inspect('livestream', 'team')!;
    expect([...call.participants.keys()]).toEqual([]);
    expect(call.stage.toJSON()).toEqual({});
  });
});

it('drops someone outside a team set mid-show however often they ask to watch again', async () => {
  test = await startServer({ dropGraceMs: 100, limits: { subscribeBurst: 1_000, socketMessageBurst: 1_000 } });
  await liveShow('again');
  expect((await post('again/join', OUTSIDER)).status).toBe(200);
  const socket = await watching(OUTSIDER, 'again');
  expect((await test.request('PATCH', '/video/call/livestream/again', { as: HOST, body: { team: 'blue' } })).status).toBe(200);
  const asking = setInterval(() => socket.send({ type: 'subscribe', call_type: 'livestream', call_id: 'again' }), 20);
  try {
    await vi.waitFor(() => expect(test.server.hub.inspect('livestream', 'again')!.participants.has(OUTSIDER.id)).toBe(false), { timeout: 2_000 });
  } finally {
    clearInterval(asking);
  }
  expect(socket.filter((m) => m.type === 'error').length).toBeGreaterThan(2);
});

it('switches backstage on over a full open room in one pass, not one per participant', async () => {
  test = await startServer();
  const { hub } = test.server;
  await hub.dispatch(HOST, 'default', 'room', { type: 'getOrCreate', input: {} });
  // In a meeting everyone holds join-stage, so each participant has a stage status to drop.
  for (let i = 0; i < 2_000; i++) await hub.dispatch({ id: `guest-${i}` }, 'default', 'room', { type: 'join', input: {} }, { view: false });
  const started = performance.now();
  await hub.dispatch(HOST, 'default', 'room', { type: 'update', input: { settings_override: { backstage: { enabled: true } } } }, { view: false });
  // Copying the stage once per participant took seconds here, with every other request waiting.
  expect(performance.now() - started).toBeLessThan(1_000);
  const call = hub.inspect('default', 'room')!;
  expect(call.participants.size).toBe(0);
  expect(call.stage.toJSON()).toEqual({});
}, 30_000);

it('counts ringing the members of a call that exists as updating it', async () => {
  test = await startServer({ limits: { callUpdateBurst: 1 } });
  const data = { members: [{ user_id: 'bo' }, { user_id: 'cy' }] };
  expect((await post('ring', HOST, { data, ring: true })).status).toBe(201);
  expect((await post('ring', HOST, { ring: true })).status).toBe(200);
  const again = await post('ring', HOST, { notify: true });
  expect(again.status).toBe(429);
  expect(again.body.message).toMatch(/call updates/);
  // Reading the call is not ringing it.
  expect((await post('ring', HOST)).status).toBe(200);
});

it('rings no one into a call that has ended', async () => {
  test = await startServer();
  expect((await post('over', HOST, { data: { members: [{ user_id: 'bo' }] } })).status).toBe(201);
  expect((await post('over/mark_ended', HOST)).status).toBe(200);
  const seq = test.server.hub.inspect('livestream', 'over')!.seq;
  const ring = await post('over', HOST, { ring: true, notify: true });
  expect({ status: ring.status, code: ring.body.code }).toEqual({ status: 409, code: 'CALL_ENDED' });
  expect(test.server.hub.inspect('livestream', 'over')!.seq).toBe(seq);
});
