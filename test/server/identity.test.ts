import { SignJWT, UnsecuredJWT } from 'jose';
import { WebSocket } from 'ws';
import { createToken } from '../../src/server/index.js';
import { SECRET, startServer, type TestServer } from './harness.js';

// Who acts comes from the token alone: no body field, header or forged token lets one user act as another.

const olga = { id: 'olga' };
const tess = { id: 'tess' };
const uma = { id: 'uma' };

let test: TestServer;
beforeEach(async () => {
  test = await startServer();
  await test.server.hub.dispatch(olga, 'livestream', 'show', { type: 'getOrCreate' });
  await test.server.hub.dispatch(olga, 'livestream', 'show', { type: 'join' });
  await test.server.hub.dispatch(olga, 'livestream', 'show', { type: 'goLive' });
  await test.server.hub.dispatch(tess, 'livestream', 'show', { type: 'join' });
  await test.server.hub.dispatch(tess, 'livestream', 'show', { type: 'stage.requestAccess' });
});
afterEach(() => test.close());

/** Claims to be olga, signed with nothing the server knows. */
const FORGED = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoib2xnYSJ9.c2lnbmF0dXJl';

const path = (rest = '') => `/video/call/livestream/show${rest}`;

async function expectUnchanged(run: () => Promise<void>): Promise<void> {
  const before = test.server.hub.revision();
  await run();
  expect(test.server.hub.revision()).toBe(before);
}

it('acts as the token user whatever the body says', async () => {
  await expectUnchanged(async () => {
    const { status, body } = await test.request('POST', path('/stage/cancel'), { as: uma, body: { user_id: 'tess' } });
    expect(status).toBe(400);
    expect(body.fields).toEqual([{ path: 'input.user_id', message: 'is not a known field' }]);
  });
  // Without the field, uma cancels uma's own (absent) request: tess's stays.
  await expectUnchanged(async () => {
    expect((await test.request('POST', path('/stage/cancel'), { as: uma })).status).toBe(409);
  });
  expect(test.server.hub.inspect('livestream', 'show')!.stage.get('tess')).toBe('REQUESTED_TO_JOIN_STAGE');
  await expectUnchanged(async () => {
    const { status, body } = await test.request('POST', '/video/call/livestream/other', { as: uma, body: { data: { created_by_id: 'olga' } } });
    expect(status).toBe(400);
    expect(body.fields).toEqual([{ path: 'input.data.created_by_id', message: 'must be your own user id' }]);
  });
  await expectUnchanged(async () => {
    expect((await test.request('POST', path('/leave'), { as: uma, body: { user_id: 'tess' } })).status).toBe(400);
  });
  expect(test.server.hub.inspect('livestream', 'show')!.participants.get('tess')).toBeDefined();
});

it('refuses tokens it did not sign, or that were changed, expired or name no one', async () => {
  const tokens: Record<string, string> = {
    'another secret': await createToken('a-different-secret-16+', { user_id: 'olga' }),
    unsigned: new UnsecuredJWT({ user_id: 'olga' }).encode(),
    expired: await createToken(SECRET, { user_id: 'olga' }, { expiresIn: -10 }),
    'no user': await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET)),
    'a bad user id': await new SignJWT({ user_id: 'no spaces allowed' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET)),
    garbage: 'not-a-token',
  };
  // The payload swapped for another user's, the signature kept.
  const [header, , signature] = (await test.token(uma)).split('.');
  const payload = Buffer.from(JSON.stringify({ user_id: 'olga', sub: 'olga' })).toString('base64url');
  tokens['a changed payload'] = `${header}.${payload}.${signature}`;

  for (const [what, token] of Object.entries(tokens)) {
    await expectUnchanged(async () => {
      const { status, body } = await test.request('POST', path('/mark_ended'), { auth: `Bearer ${token}` });
      expect({ what, status, code: body.code }).toEqual({ what, status: 401, code: 'UNAUTHENTICATED' });
    });
  }
  for (const auth of ['', 'Bearer ', 'Basic b2xnYTpvbGdh']) {
    expect((await test.request('POST', path('/mark_ended'), { auth })).status).toBe(401);
  }
  // The reference examples send the bare token, without "Bearer".
  expect((await test.request('GET', path(), { auth: await test.token(olga) })).status).toBe(200);
});

it('takes the global role from the token only', async () => {
  await expectUnchanged(async () => {
    const { status } = await test.request('PUT', '/video/calltypes/livestream', { as: uma, body: { grants: { user: ['manage-stage'] } } });
    expect(status).toBe(403);
  });
  const { status } = await test.request('PUT', '/video/calltypes/livestream', { as: { id: 'root', role: 'admin' }, body: { grants: {} } });
  expect(status).toBe(200);
});

it('closes a WebSocket whose token is forged, and streams to each user only their own view', async () => {
  const forged = new WebSocket(`${test.url.replace('http', 'ws')}/video/connect`);
  const closed = new Promise<number>((resolve) => forged.on('close', (code) => resolve(code)));
  forged.on('open', () => forged.send(JSON.stringify({ type: 'auth', token: FORGED })));
  expect(await closed).toBe(4001);

  const viewer = await test.client(uma);
  await viewer.call('livestream', 'show').get();
  const view = viewer.call('livestream', 'show').getState().call!;
  expect(view.stage_requests).toEqual([]);
  expect(view.stage).toEqual({});
  const host = await test.client(olga);
  await host.call('livestream', 'show').get();
  expect(host.call('livestream', 'show').getState().call!.stage_requests.map((r) => r.user_id)).toEqual(['tess']);
});
