import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { WebSocket } from 'ws';
import { STAGEKIT_ERROR_CODES, StageKitError } from '../../src/core/index.js';
import { createRemoteClient, type WebSocketConstructor } from '../../src/remote/index.js';
import { commandRequest, type CallCommand } from '../../src/remote/command-request.js';
import { createHttpTransport } from '../../src/remote/http-transport.js';
import { createServerClock } from '../../src/remote/server-clock.js';
import { userFromToken } from '../../src/remote/token-user.js';
import { startServer, type TestServer } from '../server/harness.js';

let test: TestServer;
beforeEach(async () => {
  test = await startServer({ dropGraceMs: 0 });
});
afterEach(() => test.close());

it('re-creates the server’s errors as StageKitError, with their details', async () => {
  const bob = await test.client({ id: 'bob' });
  const call = bob.call('livestream', 'errors');
  const missing = await call.get().catch((error: unknown) => error);
  expect(missing).toBeInstanceOf(StageKitError);
  expect(missing).toMatchObject({ code: 'NOT_FOUND' });

  await call.getOrCreate({ data: { members: [{ user_id: 'bob', role: 'call_member' }] } });
  await expect(call.goLive()).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'update-call' });
  const invalid = await call.update({ custom: 'no' as never }).catch((error: unknown) => error);
  expect(invalid).toBeInstanceOf(StageKitError);
  expect(invalid).toMatchObject({ code: 'INVALID_INPUT', fields: [{ path: 'input.custom', message: expect.any(String) }] });
  await expect(call.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN', opensAt: null });
});

it('reports an unreachable server as a NETWORK error', async () => {
  const client = createRemoteClient({
    url: 'http://127.0.0.1:9',
    token: await test.token({ id: 'bob' }),
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { initialDelayMs: 1_000 },
  });
  await expect(client.call('default', 'x').get()).rejects.toMatchObject({ code: 'NETWORK' });
  expect(client.connection).toBe('connecting');
  client.disconnect();
  expect(client.connection).toBe('disconnected');
});

it('shows its connection state in every call store, through a drop and a disconnect', async () => {
  const bob = await test.client({ id: 'bob' });
  const call = bob.call('default', 'states');
  await call.getOrCreate();
  const seen: string[] = [];
  call.subscribe((state, previous) => {
    if (state.connection !== previous.connection) seen.push(state.connection);
  });
  test.server.dropConnections();
  await vi.waitFor(() => expect(seen).toEqual(['connecting', 'connected']));
  bob.disconnect();
  expect(call.getState().connection).toBe('disconnected');
  await expect(call.get()).rejects.toMatchObject({ code: 'NETWORK' });
});

it('shows a call the server stopped streaming as disconnected, and says why', async () => {
  const olga = await test.client({ id: 'olga' });
  await olga.call('livestream', 'locked').getOrCreate();
  const refusals: { cid: string; error: StageKitError }[] = [];
  const bob = await test.client({ id: 'bob' }, { onSubscriptionError: (cid, error) => refusals.push({ cid, error }) });
  const call = bob.call('livestream', 'locked');
  await call.get();
  expect(call.getState().connection).toBe('connected');

  const admin = { as: { id: 'root', role: 'admin' } };
  await test.request('PUT', '/video/calltypes/livestream', { ...admin, body: { grants: { user: ['join-call'] } } });
  await vi.waitFor(() => expect(call.getState().connection).toBe('disconnected'));
  expect(refusals).toEqual([{ cid: 'livestream:locked', error: expect.objectContaining({ code: 'FORBIDDEN', capability: 'read-call' }) }]);
  expect(refusals[0]!.error).toBeInstanceOf(StageKitError);
  // The connection itself is fine, and a reconnect does not bring the refused call back.
  expect(bob.connection).toBe('connected');
  bob.reconnect();
  await vi.waitFor(() => expect(test.server.connections().filter((c) => c.user.id === 'bob')).toHaveLength(1));
  await vi.waitFor(() => expect(bob.connection).toBe('connected'));
  expect(call.getState().connection).toBe('disconnected');

  // Once the user may read the call again, the next action streams it again.
  await test.request('PUT', '/video/calltypes/livestream', { ...admin, body: { grants: { user: ['create-call', 'read-call', 'join-call', 'request-stage'] } } });
  await call.get();
  await vi.waitFor(() => expect(call.getState().connection).toBe('connected'));
});

it('re-creates every error code the server may send', async () => {
  for (const code of STAGEKIT_ERROR_CODES) {
    const http = createHttpTransport({
      baseUrl: 'http://server',
      token: 't',
      fetch: async () => new Response(JSON.stringify({ code, message: 'refused' }), { status: 400 }),
    });
    await expect(http({ method: 'GET', path: '/x' })).rejects.toMatchObject({ code, message: 'refused' });
  }
});

it('stops for good on a refused token', async () => {
  const client = createRemoteClient({
    url: test.url,
    token: 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiYm9iIn0.c2lnbmF0dXJl',
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    reconnect: { initialDelayMs: 5 },
  });
  expect(client.user).toEqual({ id: 'bob' });
  await vi.waitFor(() => expect(client.connection).toBe('disconnected'));
  await expect(client.call('default', 'x').getOrCreate()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});

it('leaves the calls it is in when disconnected', async () => {
  const olga = await test.client({ id: 'olga' });
  const bob = await test.client({ id: 'bob' });
  await olga.call('default', 'bye').join({ create: true });
  await bob.call('default', 'bye').join();
  bob.disconnect();
  await vi.waitFor(() => expect(olga.call('default', 'bye').getState().call!.participants.bob).toBeUndefined());
});

it('resolves an action only once its own events are in the store', async () => {
  const olga = await test.client({ id: 'olga' });
  const call = olga.call('livestream', 'ryw');
  await call.getOrCreate();
  expect(call.getState().call).not.toBeNull();
  for (let round = 0; round < 20; round += 1) {
    await call.update({ custom: { round } });
    expect(call.getState().call!.custom).toEqual({ round });
  }
});

it('maps every command to a reference path', () => {
  const commands: CallCommand[] = [
    { type: 'getOrCreate' },
    { type: 'get' },
    { type: 'join' },
    { type: 'leave' },
    { type: 'update', input: {} },
    { type: 'updateCallMembers', input: {} },
    { type: 'goLive' },
    { type: 'stopLive' },
    { type: 'endCall' },
    { type: 'stage.requestAccess' },
    { type: 'stage.cancelRequestAccess' },
    { type: 'stage.join' },
    { type: 'stage.leave' },
    { type: 'stage.grantAccess', user_ids: ['a'] },
    { type: 'stage.denyAccess', user_ids: ['a'] },
    { type: 'stage.kick', user_ids: ['a'] },
  ];
  expect(commands.map((command) => { const r = commandRequest('live stream', 'a/b', command); return `${r.method} ${r.path}`; })).toEqual([
    'POST /video/call/live%20stream/a%2Fb',
    'GET /video/call/live%20stream/a%2Fb',
    'POST /video/call/live%20stream/a%2Fb/join',
    'POST /video/call/live%20stream/a%2Fb/leave',
    'PATCH /video/call/live%20stream/a%2Fb',
    'POST /video/call/live%20stream/a%2Fb/members',
    'POST /video/call/live%20stream/a%2Fb/go_live',
    'POST /video/call/live%20stream/a%2Fb/stop_live',
    'POST /video/call/live%20stream/a%2Fb/mark_ended',
    'POST /video/call/live%20stream/a%2Fb/stage/request',
    'POST /video/call/live%20stream/a%2Fb/stage/cancel',
    'POST /video/call/live%20stream/a%2Fb/stage/join',
    'POST /video/call/live%20stream/a%2Fb/stage/leave',
    'POST /video/call/live%20stream/a%2Fb/stage/grant',
    'POST /video/call/live%20stream/a%2Fb/stage/deny',
    'POST /video/call/live%20stream/a%2Fb/stage/kick',
  ]);
});

it('reads the user from the token', async () => {
  expect(userFromToken(await test.token({ id: 'ann', role: 'admin', name: 'Ann Ö' }))).toEqual({ id: 'ann', role: 'admin', name: 'Ann Ö' });
  expect(() => userFromToken('nope')).toThrow(StageKitError);
});

it('reads a token payload of any length, which base64url leaves unpadded', () => {
  for (const id of ['a', 'ab', 'abc', 'abcd', 'ü-ø']) {
    const payload = Buffer.from(JSON.stringify({ user_id: id })).toString('base64url');
    expect(userFromToken(`x.${payload}.sig`)).toEqual({ id });
  }
});

describe('server clock', () => {
  it('corrects by half the round trip, and lets a jump win over a round trip already under way', async () => {
    let local = 1_000;
    const clock = createServerClock(() => local);
    await clock.sample(async () => {
      local += 100;
      return 50_000;
    });
    // The server read 50 000 halfway through: at local 1 100 it is 50 050.
    expect(clock.now()).toBe(50_050);

    const listener = vi.fn<() => void>();
    clock.subscribe(listener);
    let answer!: (now: number) => void;
    const slow = clock.sample(() => new Promise((settle) => (answer = settle)));
    clock.heard(900_000 + local, { jumped: true });
    expect(listener).toHaveBeenCalledTimes(1);
    answer(60_000);
    await slow;
    expect(clock.now()).toBe(900_000 + local);
    // A one-way reading close to the measured offset is noise, not a jump.
    clock.heard(clock.now() + 300);
    expect(clock.now()).toBe(900_000 + local);
  });
});

it('runs in browsers: imports nothing from Node, ws or React', () => {
  const dir = resolve(import.meta.dirname, '../../src/remote');
  for (const file of readdirSync(dir)) {
    const source = readFileSync(resolve(dir, file), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
    for (const specifier of imports) expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\//);
    expect(imports.filter((specifier) => specifier.includes('/server/') || specifier.includes('/react/'))).toEqual([]);
  }
});
