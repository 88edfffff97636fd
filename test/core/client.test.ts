import {
  createManualClock,
  createMemoryBackend,
  reduceCallView,
  StageKitError,
  viewOf,
  type CallEvent,
} from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';

describe('a client’s call store', () => {
  it('stays null until the call is loaded, then follows other clients’ actions synchronously', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    expect(viewer.getState()).toMatchObject({ user: { id: 'bob' }, call: null, connection: 'connected' });

    await viewer.get();
    const updates: boolean[] = [];
    viewer.subscribe((state) => updates.push(state.call!.backstage));
    void host.goLive();
    expect(updates).toEqual([false]);
  });

  it('returns the same call object for the same call', () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const client = backend.client({ user: { id: 'alice' } });
    expect(client.call('livestream', 'show')).toBe(client.call('livestream', 'show'));
    expect(client.call('livestream', 'show').cid).toBe('livestream:show');
  });

  it('keeps every view equal to the engine’s projection as time passes and the stage moves', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const dan = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
    await host.join({ create: true });
    await dan.get();
    clock.advance(1_000);
    await host.goLive();
    clock.advance(1_000);
    await bob.join();
    clock.advance(1_000);
    await bob.stage.requestAccess();
    clock.advance(1_000);
    await host.stage.grantAccess(['bob']);
    clock.advance(1_000);
    await bob.stage.join();
    clock.advance(1_000);
    await host.updateCallMembers({ update_members: [{ user_id: 'dan', custom: { vip: true } }] });

    const call = backend.inspect('livestream', 'show')!;
    const type = backend.getCallType('livestream')!;
    for (const [client, user] of [
      [host, { id: 'alice' }],
      [bob, { id: 'bob' }],
      [dan, { id: 'dan' }],
    ] as const) {
      const { seq: _seq, ...view } = client.getState().call!;
      const { seq: _expectedSeq, ...expected } = viewOf(call, type, user);
      expect(view).toEqual(expected);
    }
    // The call's own fields last changed when it went live; stage moves do not touch them.
    expect(call.updated_at).toBe('2030-01-01T00:00:01.000Z');
  });

  it('rejects actions with a NETWORK StageKitError once disconnected, having left the call as dropped', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('default', 'standup');
    const bobClient = backend.client({ user: { id: 'bob' } });
    const bob = bobClient.call('default', 'standup');
    await host.join({ create: true });
    await bob.join();

    bobClient.disconnect();
    expect(backend.inspect('default', 'standup')!.participants.get('bob')).toBeUndefined();
    expect(host.getState().call!.participants.bob).toBeUndefined();
    expect(bob.getState().connection).toBe('disconnected');

    const error = await bob.join().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(StageKitError);
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect(backend.inspect('default', 'standup')!.participants.get('bob')).toBeUndefined();

    // A disconnected client hears nothing more.
    const bobView = bob.getState();
    await host.update({ custom: { topic: 'later' } });
    expect(bob.getState()).toBe(bobView);
  });
});

describe('the view reducer', () => {
  it('skips events at or below the sequence number it holds, so replays are harmless', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'alice' } }).call('default', 'standup');
    await host.join({ create: true });
    const view = host.getState().call!;
    const replay: CallEvent[] = [
      { type: 'call.participant_left', user_id: 'alice', reason: 'left', listed: true, cid: view.cid, seq: view.seq, created_at: START },
      { type: 'call.member_removed', user_id: 'alice', cid: view.cid, seq: view.seq - 1, created_at: START },
    ];

    expect(reduceCallView(view, replay)).toBe(view);
    const next = reduceCallView(view, [{ ...replay[0]!, seq: view.seq + 1 }])!;
    expect(next.participants.alice).toBeUndefined();
    expect(next.stage.alice).toBeUndefined();
    expect(next.seq).toBe(view.seq + 1);
    // The view it was given is left as it was.
    expect(view.participants.alice).toBeDefined();
  });

  it('ignores events until a view arrives, then starts from the snapshot', () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'alice' } }).call('default', 'standup');
    void host.join({ create: true });
    const snapshot = host.getState().call!;
    const early: CallEvent = { type: 'call.member_removed', user_id: 'alice', cid: snapshot.cid, seq: 99, created_at: START };

    expect(reduceCallView(null, [early])).toBeNull();
    expect(reduceCallView(null, [{ type: 'call.state', call: snapshot, cid: snapshot.cid, seq: snapshot.seq, created_at: START }])).toBe(
      snapshot,
    );
  });
});
