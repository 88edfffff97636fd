import type { CallEvent } from '../../src/core/index.js';
import type { Subscriber } from '../../src/server/index.js';
import { startServer, type TestServer } from './harness.js';

// A crowd over the wire: what a viewer may learn of the others, through any door.

let test: TestServer;
afterEach(() => test.close());

const host = { id: 'hana', name: 'Hana' };

function listener(user: { id: string }): Subscriber & { received: CallEvent[][] } {
  const received: CallEvent[][] = [];
  return { user, received, deliver: (_cid, _seq, events) => received.push(events) };
}

it('gives a newcomer replaying from the start a view, not the history of who was shown and hidden', async () => {
  test = await startServer();
  const { hub } = test.server;
  await hub.dispatch(host, 'livestream', 'show', { type: 'join', input: { create: true } });
  await hub.dispatch(host, 'livestream', 'show', { type: 'goLive' });
  const alice = { id: 'alice', name: 'Alice Secret' };
  await hub.dispatch(alice, 'livestream', 'show', { type: 'join' });
  await hub.dispatch(host, 'livestream', 'show', { type: 'stage.grantAccess', user_ids: ['alice'] });
  await hub.dispatch(alice, 'livestream', 'show', { type: 'stage.join' });
  await hub.dispatch(alice, 'livestream', 'show', { type: 'stage.leave' });

  const bob = listener({ id: 'bob' });
  await hub.subscribe(bob, 'livestream', 'show', 0);
  const sent = JSON.stringify(bob.received);
  expect(bob.received[0]!.map((event) => event.type)).toEqual(['call.state']);
  expect(sent).not.toContain('Alice Secret');
  expect(sent).not.toContain('"alice"');
});

it('refuses another spelling of a valid token', async () => {
  test = await startServer();
  const token = await test.token({ id: 'bob' });
  const [head, payload, signature] = token.split('.');
  for (const variant of [`${head}.${payload}.${signature!.slice(0, 5)} ${signature!.slice(5)}`, `${head}.${payload}.${signature!.slice(0, 5)}\t${signature!.slice(5)}`, `${token}==`]) {
    const { status } = await test.request('GET', '/video/call/livestream/x', { auth: `Bearer ${variant}` });
    expect({ variant, status }).toEqual({ variant, status: 401 });
  }
  expect((await test.request('GET', '/video/call/livestream/x', { auth: `Bearer ${token}` })).status).toBe(404);
});

it('answers an audience query while changes wait their turn, and reads the call as it is', async () => {
  test = await startServer();
  const { hub } = test.server;
  await hub.dispatch(host, 'livestream', 'show', { type: 'join', input: { create: true } });
  await hub.dispatch(host, 'livestream', 'show', { type: 'goLive' });
  for (let i = 0; i < 5; i += 1) await hub.dispatch({ id: `v${i}`, name: `Viewer ${i}` }, 'livestream', 'show', { type: 'join' });
  const { status, body } = await test.request('GET', '/video/call/livestream/show/participants?q=viewer&limit=2', { as: host });
  expect(status).toBe(200);
  expect(body).toMatchObject({ total: 5, participants: [{ user_id: 'v0' }, { user_id: 'v1' }], next: expect.any(String) });
  const viewer = await test.request('GET', '/video/call/livestream/show/participants', { as: { id: 'v0' } });
  expect(viewer).toMatchObject({ status: 403, body: { code: 'FORBIDDEN', capability: 'manage-stage' } });
});
