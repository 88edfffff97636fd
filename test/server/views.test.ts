import { startServer, type TestServer } from './harness.js';

// An action's answer carries the actor's view of the call only when they may watch the call.

let test: TestServer;
afterEach(() => test.close());

it('answers no view to a user without read-call who is not in the call', async () => {
  test = await startServer();
  await test.request('PUT', '/video/calltypes/livestream', { as: { id: 'root', role: 'admin' }, body: { grants: { user: ['create-call', 'join-call'] } } });
  await test.request('POST', '/video/call/livestream/private', { as: { id: 'olga', role: 'admin' }, body: { data: { custom: { code: 'hunter2' } } } });

  const left = await test.request('POST', '/video/call/livestream/private/leave', { as: { id: 'bob' } });
  expect(left.status).toBe(200);
  expect(left.body).toEqual({ seq: expect.any(Number) });
  expect(JSON.stringify(left.body)).not.toContain('hunter2');
});

it('answers the view to whoever may read the call, and none for stage actions', async () => {
  test = await startServer();
  const created = await test.request('POST', '/video/call/default/open', { as: { id: 'olga' } });
  expect(created.body.call).toMatchObject({ cid: 'default:open' });
  const joined = await test.request('POST', '/video/call/default/open/join', { as: { id: 'bob' } });
  expect(joined.body.call).toMatchObject({ participants: { bob: expect.any(Object) } });
  const requested = await test.request('POST', '/video/call/default/open/stage/request', { as: { id: 'bob' } });
  expect(requested.body).not.toHaveProperty('call');

  const dispatched = await test.server.hub.dispatch({ id: 'olga' }, 'default', 'open', { type: 'stage.grantAccess', user_ids: ['bob'] }, { view: false });
  expect(dispatched.call).toBeNull();
});
