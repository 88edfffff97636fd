import { WebSocket } from 'ws';
import { StageKitError, type CallEvent, type User } from '../../src/core/index.js';
import type { ServerMessage } from '../../src/remote/index.js';
import { expectInSync, startServer, type TestServer } from './harness.js';

// Removing a participant and blocking a user, over the wire: who is told, who is refused, and
// that every client's store agrees with the server afterwards.

let test: TestServer;
afterEach(() => test.close());

const HOST: User = { id: 'hana' };
const COHOST: User = { id: 'carl' };
const VIEWER: User = { id: 'vera' };
const TROLL: User = { id: 'tom', name: 'Tom' };

interface RawSocket {
  messages: ServerMessage[];
  send(message: unknown): void;
}

async function rawSocket(user: User): Promise<RawSocket> {
  const socket = new WebSocket(`${test.url.replace('http', 'ws')}/video/connect`);
  const messages: ServerMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as ServerMessage));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const raw = { messages, send: (message: unknown) => socket.send(JSON.stringify(message)) };
  raw.send({ type: 'auth', token: await test.token(user) });
  await vi.waitFor(() => expect(messages.map((m) => m.type)).toContain('ready'));
  return raw;
}

const eventsOf = (raw: RawSocket): CallEvent[] => raw.messages.flatMap((m) => (m.type === 'events' ? m.events : []));

async function refusal(promise: Promise<unknown>): Promise<StageKitError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StageKitError);
  return error as StageKitError;
}

/** A live show: the host, a co-host member, a viewer and the troll all in it, each with a client. */
async function liveShow() {
  test = await startServer();
  const [host, cohost, viewer, troll] = await Promise.all([HOST, COHOST, VIEWER, TROLL].map((user) => test.client(user)));
  const hostCall = host!.call('livestream', 'show');
  await hostCall.getOrCreate({ data: { members: [{ user_id: COHOST.id, role: 'host' }] } });
  await hostCall.goLive();
  await hostCall.join();
  for (const client of [cohost!, viewer!, troll!]) await client.call('livestream', 'show').join();
  await troll!.call('livestream', 'show').stage.requestAccess();
  return { host: host!, cohost: cohost!, viewer: viewer!, troll: troll! };
}

describe('blocking a user', () => {
  it('removes them with their stage request, tells them why, and every other view agrees with the server', async () => {
    const { host, cohost, viewer, troll } = await liveShow();
    const trollEvents: CallEvent[] = [];
    troll.call('livestream', 'show').on('*', (event) => trollEvents.push(event));

    await host.call('livestream', 'show').blockUser(TROLL.id, { reason: 'spam' });

    const record = test.server.hub.inspect('livestream', 'show')!;
    expect(record.participants.has(TROLL.id)).toBe(false);
    expect(record.stage.get(TROLL.id)).toBeUndefined();
    expect(record.stage_requests.toArray()).toEqual([]);
    // Why first, then their request withdrawn, then out.
    await vi.waitFor(() => expect(trollEvents.map((event) => event.type)).toEqual(['call.user_blocked', 'stageStatusUpdate', 'call.participant_left']));
    expect(trollEvents[0]).toMatchObject({ user_id: TROLL.id, by: HOST.id, reason: 'spam' });
    // Moderators see the block list; a viewer does not.
    await expectInSync(test, [host, cohost, viewer], 'livestream', 'show');
    expect(host.call('livestream', 'show').getState().call!.blocked_user_ids).toEqual([TROLL.id]);
    expect(cohost.call('livestream', 'show').getState().call!.blocked_user_ids).toEqual([TROLL.id]);
    expect(viewer.call('livestream', 'show').getState().call!.blocked_user_ids).toEqual([]);
  });

  it('refuses them on join, on subscribe and on every action, and their socket stops receiving the call', async () => {
    const { host, troll } = await liveShow();
    const raw = await rawSocket(TROLL);
    raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'show' });
    await vi.waitFor(() => expect(eventsOf(raw).map((event) => event.type)).toContain('call.state'));

    await host.call('livestream', 'show').blockUser(TROLL.id);
    // Told of the block, then stopped with the reason.
    await vi.waitFor(() => expect(raw.messages.some((m) => m.type === 'error')).toBe(true));
    expect(raw.messages.find((m) => m.type === 'error')).toMatchObject({ cid: 'livestream:show', error: { code: 'FORBIDDEN', message: 'you are blocked from this call', refusal: 'blocked' } });
    expect(eventsOf(raw).map((event) => event.type)).toContain('call.user_blocked');

    const heard = eventsOf(raw).length;
    await host.call('livestream', 'show').update({ custom: { title: 'after the block' } });
    await host.call('livestream', 'show').startFeature('recording');
    // The socket still works for other calls, and has heard nothing more of this one.
    raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'elsewhere' });
    await vi.waitFor(() => expect(raw.messages.some((m) => m.type === 'events' && m.cid === 'livestream:elsewhere')).toBe(true));
    expect(eventsOf(raw).filter((event) => event.cid === 'livestream:show')).toHaveLength(heard);

    // Subscribing again is refused.
    raw.send({ type: 'subscribe', call_type: 'livestream', call_id: 'show' });
    await vi.waitFor(() => expect(raw.messages.filter((m) => m.type === 'error')).toHaveLength(2));

    const call = troll.call('livestream', 'show');
    for (const action of [
      () => call.join(),
      () => call.get(),
      () => call.getOrCreate(),
      () => call.stage.requestAccess(),
      () => call.leave(),
      () => call.queryAudience(),
    ]) {
      expect(await refusal(action())).toMatchObject({ code: 'FORBIDDEN', message: 'you are blocked from this call', refusal: 'blocked' });
    }
    const { status, body } = await test.request('POST', '/video/call/livestream/show/join', { as: TROLL, body: {} });
    expect({ status, code: body.code, refusal: body.refusal }).toEqual({ status: 403, code: 'FORBIDDEN', refusal: 'blocked' });
    expect(test.server.hub.inspect('livestream', 'show')!.participants.has(TROLL.id)).toBe(false);
  });

  it('unblocking lets them back, and their store follows the call again', async () => {
    const { host, viewer, troll } = await liveShow();
    await host.call('livestream', 'show').blockUser(TROLL.id);
    expect((await refusal(troll.call('livestream', 'show').join())).code).toBe('FORBIDDEN');

    await host.call('livestream', 'show').unblockUser(TROLL.id);
    expect(test.server.hub.inspect('livestream', 'show')!.blocked).toEqual({});
    await troll.call('livestream', 'show').join();
    expect(test.server.hub.inspect('livestream', 'show')!.participants.has(TROLL.id)).toBe(true);
    await host.call('livestream', 'show').startFeature('hls');
    await expectInSync(test, [host, viewer, troll], 'livestream', 'show');
    expect(troll.call('livestream', 'show').getState().call!.hls).toBe(true);
  });

  it('is for holders of block-users: a viewer is refused, naming it; blocking twice or yourself is refused', async () => {
    const { host, viewer } = await liveShow();
    expect(await refusal(viewer.call('livestream', 'show').blockUser(TROLL.id))).toMatchObject({ code: 'FORBIDDEN', capability: 'block-users' });
    expect(await refusal(viewer.call('livestream', 'show').removeParticipant(TROLL.id))).toMatchObject({ code: 'FORBIDDEN', capability: 'block-users' });
    expect((await refusal(host.call('livestream', 'show').blockUser(HOST.id))).code).toBe('INVALID_INPUT');
    await host.call('livestream', 'show').blockUser(TROLL.id);
    expect((await refusal(host.call('livestream', 'show').blockUser(TROLL.id))).code).toBe('INVALID_STATE');
    expect((await refusal(host.call('livestream', 'show').unblockUser(VIEWER.id))).code).toBe('INVALID_STATE');
  });
});

describe('removing a participant', () => {
  it('takes them out and tells them why; they may come back; the others agree with the server', async () => {
    const { host, cohost, viewer, troll } = await liveShow();
    const told: CallEvent[] = [];
    troll.call('livestream', 'show').on('call.participant_removed', (event) => told.push(event));
    const viewerHeard: CallEvent[] = [];
    viewer.call('livestream', 'show').on('call.participant_removed', (event) => viewerHeard.push(event));

    await host.call('livestream', 'show').removeParticipant(TROLL.id, { reason: 'off topic' });
    expect(test.server.hub.inspect('livestream', 'show')!.participants.has(TROLL.id)).toBe(false);
    await vi.waitFor(() => expect(told).toMatchObject([{ user_id: TROLL.id, by: HOST.id, reason: 'off topic' }]));
    await expectInSync(test, [host, cohost, viewer, troll], 'livestream', 'show');
    expect(viewerHeard).toEqual([]);

    await troll.call('livestream', 'show').join();
    expect(test.server.hub.inspect('livestream', 'show')!.participants.has(TROLL.id)).toBe(true);
    expect((await refusal(host.call('livestream', 'show').removeParticipant('nobody'))).code).toBe('INVALID_STATE');
  });
});

describe('rate limits', () => {
  it('limits removals, blocks and unblocks per moderator', async () => {
    test = await startServer({ limits: { moderationBurst: 2 } });
    await test.request('POST', '/video/call/livestream/show', { as: HOST, body: {} });
    expect((await test.request('POST', '/video/call/livestream/show/block', { as: HOST, body: { user_id: 'a' } })).status).toBe(200);
    expect((await test.request('POST', '/video/call/livestream/show/unblock', { as: HOST, body: { user_id: 'a' } })).status).toBe(200);
    const third = await test.request('POST', '/video/call/livestream/show/block', { as: HOST, body: { user_id: 'a' } });
    expect({ status: third.status, code: third.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });

  it('limits feature toggles per user', async () => {
    test = await startServer({ limits: { featureToggleBurst: 2 } });
    await test.request('POST', '/video/call/livestream/show', { as: HOST, body: {} });
    expect((await test.request('POST', '/video/call/livestream/show/start_recording', { as: HOST })).status).toBe(200);
    expect((await test.request('POST', '/video/call/livestream/show/stop_recording', { as: HOST })).status).toBe(200);
    const third = await test.request('POST', '/video/call/livestream/show/start_recording', { as: HOST });
    expect({ status: third.status, code: third.body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });
});

it('tells a block in a crowd to the blocked user and the moderators, and to no viewer', async () => {
  test = await startServer();
  const { hub } = test.server;
  await hub.dispatch(HOST, 'livestream', 'crowd', { type: 'getOrCreate', input: { data: { members: [{ user_id: COHOST.id, role: 'host' }] } } });
  await hub.dispatch(HOST, 'livestream', 'crowd', { type: 'goLive' });
  // Each delivery's event types, per user ('' for an empty batch).
  const received = new Map<string, string[]>();
  const stopped: string[] = [];
  const watch = async (user: User) => {
    received.set(user.id, []);
    const subscriber = {
      user,
      deliver: (_cid: string, _seq: number, events: CallEvent[]) => void received.get(user.id)!.push(events.map((event) => event.type).join() || ''),
      stopped: () => void stopped.push(user.id),
    };
    await hub.dispatch(user, 'livestream', 'crowd', { type: 'join' }, { view: false });
    await hub.subscribe(subscriber, 'livestream', 'crowd');
  };
  await watch(COHOST);
  await watch(TROLL);
  const viewers = Array.from({ length: 50 }, (_, i) => ({ id: `viewer-${i}` }));
  for (const viewer of viewers) await watch(viewer);
  for (const id of received.keys()) received.set(id, []);
  await hub.dispatch(HOST, 'livestream', 'crowd', { type: 'moderation.block', input: { user_id: TROLL.id } }, { view: false });
  expect(received.get(COHOST.id)!.join()).toContain('call.user_blocked');
  expect(received.get(TROLL.id)!.join()).toContain('call.user_blocked');
  expect(stopped).toEqual([TROLL.id]);
  // A viewer hears only that the count moved: no empty batch for the block itself.
  for (const viewer of viewers) expect(received.get(viewer.id)).toEqual(['call.counts_updated']);
});
