import { createRateLimiter } from '../../src/server/rate-limiter.js';
import { startServer, type TestServer } from './harness.js';

// Per-user limits on the actions that create state or reach everyone watching a call.

let test: TestServer;
afterEach(() => test.close());

const olga = { id: 'olga' };
const bob = { id: 'bob' };

it('limits the calls a user creates, not the calls they get', async () => {
  test = await startServer({ limits: { callCreateBurst: 2 } });
  expect((await test.request('POST', '/video/call/default/a', { as: olga })).status).toBe(201);
  expect((await test.request('POST', '/video/call/default/b', { as: olga })).status).toBe(201);
  const refused = await test.request('POST', '/video/call/default/c', { as: olga });
  expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', message: expect.stringContaining('calls created') } });
  // A join that would create counts too; getting an existing call does not.
  expect((await test.request('POST', '/video/call/default/d/join', { as: olga, body: { create: true } })).status).toBe(429);
  expect((await test.request('POST', '/video/call/default/a', { as: olga })).status).toBe(200);
  expect(test.server.hub.inspect('default', 'c')).toBeUndefined();
  expect(test.server.hub.inspect('default', 'd')).toBeUndefined();
  // Another user has their own allowance, and olga's refills with time.
  expect((await test.request('POST', '/video/call/default/c', { as: bob })).status).toBe(201);
  test.clock.advance(60_000);
  expect((await test.request('POST', '/video/call/default/e', { as: olga })).status).toBe(201);
});

it('limits updates and member changes, answering when to retry', async () => {
  test = await startServer({ limits: { callUpdateBurst: 2, callUpdateWindowMs: 10_000, memberUpdateBurst: 1 } });
  await test.request('POST', '/video/call/default/u', { as: olga });
  for (const round of [1, 2]) expect((await test.request('PATCH', '/video/call/default/u', { as: olga, body: { custom: { round } } })).status).toBe(200);
  const response = await fetch(`${test.url}/video/call/default/u`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${await test.token(olga)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ custom: { round: 3 } }),
  });
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe('5');
  expect(test.server.hub.inspect('default', 'u')!.custom).toEqual({ round: 2 });

  const members = { update_members: [{ user_id: 'bob', role: 'call_member' }] };
  expect((await test.request('POST', '/video/call/default/u/members', { as: olga, body: members })).status).toBe(200);
  expect((await test.request('POST', '/video/call/default/u/members', { as: olga, body: { remove_members: ['bob'] } })).status).toBe(429);
  expect(test.server.hub.inspect('default', 'u')!.members.bob).toBeDefined();
});

it('limits joins and leaves together', async () => {
  test = await startServer({ limits: { joinLeaveBurst: 3 } });
  await test.request('POST', '/video/call/default/j', { as: olga });
  for (const action of ['join', 'leave', 'join']) expect((await test.request('POST', `/video/call/default/j/${action}`, { as: bob })).status).toBe(200);
  const refused = await test.request('POST', '/video/call/default/j/leave', { as: bob });
  expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', message: expect.stringContaining('joins and leaves') } });
  expect(test.server.hub.inspect('default', 'j')!.participants.get('bob')).toBeDefined();
});

it('forgets the buckets of users who went quiet', () => {
  let now = 0;
  const limiter = createRateLimiter({ burst: 5, windowMs: 1_000, now: () => now });
  for (let user = 0; user < 1_000; user += 1) expect(limiter.take(`user-${user}`)).toBe(0);
  expect(limiter.size).toBe(1_000);
  now += 1_000;
  expect(limiter.take('someone')).toBe(0);
  expect(limiter.size).toBe(1);
  // A bucket still refilling is kept: its user has less than a full allowance.
  for (let take = 0; take < 5; take += 1) limiter.take('busy');
  now += 500;
  limiter.take('other');
  expect(limiter.take('busy')).toBe(0);
  expect(limiter.take('busy')).toBe(0);
  expect(limiter.take('busy')).toBeGreaterThan(0);
});

it('answers busy past the requests it may hold waiting, never refusing a leave, and takes more once they ran', async () => {
  test = await startServer({ limits: { maxQueued: 3 } });
  await test.server.hub.dispatch(olga, 'default', 'crowd', { type: 'join', input: { create: true } }, { view: false });
  const viewers = Array.from({ length: 10 }, (_, i) => ({ id: `viewer-${i}` }));
  const joins = viewers.map((viewer) => test.server.hub.dispatch(viewer, 'default', 'crowd', { type: 'join' }, { view: false }));
  const leave = test.server.hub.dispatch(olga, 'default', 'crowd', { type: 'leave' }, { view: false });
  const outcomes = await Promise.allSettled(joins);
  const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
  expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
  expect(refused).toHaveLength(7);
  expect(refused[0]).toMatchObject({ reason: { code: 'RATE_LIMITED', message: expect.stringContaining('busy') } });
  // Olga's leave came with the queue full, and was taken all the same.
  await leave;
  const call = test.server.hub.inspect('default', 'crowd')!;
  expect(call.participants.has('olga')).toBe(false);
  expect(call.participants.size).toBe(3);
  // Once those ran, the server takes requests again.
  await test.server.hub.dispatch(viewers[9]!, 'default', 'crowd', { type: 'join' }, { view: false });
  expect(test.server.hub.inspect('default', 'crowd')?.participants.size).toBe(4);
});
