import type { User } from '../../src/core/index.js';
import { startServer, type TestServer } from './harness.js';

// The adversarial review of features mid-show, moderation, team-only calls and ringing, replayed:
// no one locks out those above them, no one outside a call's team stays in it, and ringing is
// limited like the other actions that reach many users.

let test: TestServer;
afterEach(() => test.close());

const HOST: User = { id: 'hana', teams: ['blue'] };
const ADMIN: User = { id: 'ada', role: 'admin' };

const post = (path: string, as: User, body?: unknown) => test.request('POST', `/video/call/livestream/${path}`, { as, body });

async function liveShow(id: string): Promise<void> {
  expect((await post(id, HOST)).status).toBe(201);
  expect((await post(`${id}/go_live`, HOST)).status).toBe(200);
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
