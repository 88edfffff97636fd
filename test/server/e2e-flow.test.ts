import { StageKitError } from '../../src/core/index.js';
import { expectInSync, START, startServer, type TestServer } from './harness.js';

const alice = { id: 'alice', name: 'Alice' };
const bob = { id: 'bob', name: 'Bob' };
const carol = { id: 'carol' };
const dave = { id: 'dave' };

let test: TestServer;
beforeEach(async () => {
  test = await startServer();
});
afterEach(() => test.close());

it('drives a host and three viewers through schedule, join-ahead, live, the stage, stop and end', async () => {
  const clients = await Promise.all([alice, bob, carol, dave].map((user) => test.client(user)));
  const [host, viewer, other, member] = clients.map((client) => client.call('livestream', 'launch'));
  const sync = () => expectInSync(test, clients, 'livestream', 'launch');

  // Schedule: starts in 500 s, viewers may join 300 s ahead.
  const startsAt = new Date(Date.parse(START) + 500_000);
  await expect(
    host!.getOrCreate({
      data: {
        starts_at: startsAt,
        members: [{ user_id: 'dave', role: 'call_member' }],
        settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 300 } },
      },
    }),
  ).resolves.toEqual({ created: true });
  // The action resolves once its own events are in the store.
  expect(host!.getState().call?.starts_at).toBe(startsAt.toISOString());
  await host!.join();
  expect(host!.getState().call?.participants.alice).toBeDefined();

  for (const call of [viewer, other, member]) await call!.get();
  await sync();

  const refused = await viewer!.join().catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(StageKitError);
  expect(refused).toMatchObject({ code: 'NOT_YET_OPEN', opensAt: new Date(Date.parse(START) + 200_000).toISOString() });

  // 199 s: still closed; 200 s: the doors open.
  test.clock.advance(199_000);
  await expect(other!.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });
  test.clock.advance(1_000);
  await viewer!.join();
  await other!.join();
  await member!.join();
  await sync();
  // A livestream counts its viewers and lists its members: the host, and dave.
  expect(host!.getState().call).toMatchObject({ participant_count: 4, participants_count_by_role: { host: 1, user: 2, call_member: 1 } });
  expect(Object.keys(host!.getState().call!.participants).sort()).toEqual(['alice', 'dave']);

  // Every client's clock follows the server's, which jumped 200 s.
  for (const client of clients) await vi.waitFor(() => expect(Math.abs(client.clock.now() - test.clock.now())).toBeLessThan(1_000));

  await host!.goLive({ start_hls: true });
  await sync();
  for (const call of [host, viewer, other, member]) expect(call!.getState().call).toMatchObject({ backstage: false, hls: true });

  await expect(viewer!.stage.requestAccess()).resolves.toEqual({ status: 'REQUESTED_TO_JOIN_STAGE' });
  await sync();
  expect(host!.getState().call!.stage_requests.map((r) => r.user_id)).toEqual(['bob']);
  expect(viewer!.getState().call!.stage.bob).toBe('REQUESTED_TO_JOIN_STAGE');
  // Viewers never see someone else's pending request.
  expect(other!.getState().call!.stage_requests).toEqual([]);
  expect(other!.getState().call!.stage.bob).toBeUndefined();

  const granted = await host!.stage.grantAccess(['bob']);
  expect(granted).toEqual({ results: [{ user_id: 'bob', applied: true, status: 'ACCEPTED_TO_JOIN_STAGE' }], applied: 1, skipped: 0 });
  await viewer!.stage.join();
  await sync();
  for (const call of [host, viewer, other, member]) expect(call!.getState().call!.stage.bob).toBe('ON_STAGE');

  await host!.stage.kick(['bob']);
  await sync();
  for (const call of [host, viewer, other, member]) expect(call!.getState().call!.stage.bob).toBeUndefined();

  await host!.stopLive();
  await sync();
  expect(Object.keys(other!.getState().call!.participants)).toEqual(['alice']);
  expect(host!.getState().call).toMatchObject({ backstage: true, hls: false });
  await expect(other!.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });

  await host!.endCall();
  await sync();
  for (const call of [host, viewer, other, member]) {
    expect(call!.getState().call).toMatchObject({ ended_at: new Date(test.clock.now()).toISOString(), participants: {} });
  }
  await expect(viewer!.join()).rejects.toMatchObject({ code: 'CALL_ENDED' });
});
