import { createManualClock, createMemoryBackend, StageKitError } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';
const T0 = Date.parse(START);

describe('joining a call in backstage', () => {
  it('admits a viewer from the join-ahead time on, not a second before (starts in 500 s, join-ahead 300 s)', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'launch');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'launch');
    await host.getOrCreate({
      data: {
        starts_at: new Date(T0 + 500_000),
        settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 300 } },
      },
    });

    clock.advance(199_000);
    const refusal = await viewer.join().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StageKitError);
    expect(refusal).toMatchObject({ code: 'NOT_YET_OPEN', opensAt: new Date(T0 + 200_000).toISOString() });
    expect(backend.inspect('livestream', 'launch')!.participants.size).toBe(0);

    clock.advance(1_000);
    await viewer.join();
    expect([...backend.inspect('livestream', 'launch')!.participants.keys()]).toEqual(['bob']);
    expect(viewer.getState().call!.participants.bob).toMatchObject({ user_id: 'bob', role: 'user' });
  });

  it('keeps a viewer out until go-live when the join-ahead time is 0, without promising a time', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { starts_at: new Date(T0 + 500_000) } });

    clock.advance(600_000); // past the start: a scheduled time alone does not open the doors
    await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN', opensAt: null });

    await host.goLive();
    await viewer.join();
    expect(backend.inspect('livestream', 'show')!.participants.get('bob')).toBeDefined();
  });

  it('keeps a viewer out of an unscheduled call with a join-ahead time until go-live', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { settings_override: { backstage: { join_ahead_time_seconds: 300 } } } });

    await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN', opensAt: null });
  });

  it('admits a join-backstage holder at once, whatever the schedule', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const creator = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const cohost = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await creator.getOrCreate({
      data: {
        starts_at: new Date(T0 + 3_600_000),
        settings_override: { backstage: { join_ahead_time_seconds: 60 } },
        members: [{ user_id: 'carol', role: 'host' }],
      },
    });

    await creator.join();
    await cohost.join();
    expect([...backend.inspect('livestream', 'show')!.participants.keys()].sort()).toEqual(['alice', 'carol']);
    expect(backend.inspect('livestream', 'show')!.backstage).toBe(true);
  });

  it('admits every join-call holder when backstage is disabled for the call', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'open');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'open');
    await host.getOrCreate({
      data: { starts_at: new Date(T0 + 3_600_000), settings_override: { backstage: { enabled: false } } },
    });

    await viewer.join();
    expect(backend.inspect('livestream', 'open')!.participants.get('bob')).toBeDefined();
  });

  it('admits every join-call holder on a call type without backstage', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('default', 'standup');
    const viewer = backend.client({ user: { id: 'bob' } }).call('default', 'standup');
    await host.getOrCreate();

    await viewer.join();
    expect(backend.inspect('default', 'standup')!.participants.get('bob')).toBeDefined();
  });

  it('refuses a user without join-call with FORBIDDEN naming it, even on a live call', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({
      clock,
      callTypes: { livestream: { grants: { user: ['create-call', 'read-call', 'request-stage'] } } },
    });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();

    const refusal = await viewer.join().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StageKitError);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', capability: 'join-call' });
    expect(backend.inspect('livestream', 'show')!.participants.get('bob')).toBeUndefined();
  });

  it('checks join-call before the backstage: a user without it hears FORBIDDEN, not NOT_YET_OPEN', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({
      clock,
      callTypes: { livestream: { grants: { user: ['create-call', 'read-call'] } } },
    });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();

    await expect(viewer.join()).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'join-call' });
  });

  it('admits only join-ended-call holders to an ended call, checked before anything else', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const admin = backend.client({ user: { id: 'root', role: 'admin' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();
    await host.endCall();

    // Even the host, who may join backstage, may not join once it has ended.
    await expect(host.join()).rejects.toMatchObject({ code: 'CALL_ENDED', capability: 'join-ended-call' });
    await expect(viewer.join()).rejects.toMatchObject({ code: 'CALL_ENDED', capability: 'join-ended-call' });
    expect(backend.inspect('livestream', 'show')!.participants.size).toBe(0);

    await admin.join();
    expect([...backend.inspect('livestream', 'show')!.participants.keys()]).toEqual(['root']);
  });

  it('refuses to join a call that does not exist unless asked to create it', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'new');

    await expect(alice.join()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(backend.inspect('livestream', 'new')).toBeUndefined();

    const result = await alice.join({ create: true });
    expect(result).toEqual({ created: true });
    const call = backend.inspect('livestream', 'new')!;
    expect(call.created_by).toBe('alice');
    expect(call.members.alice!.role).toBe('host');
    expect([...call.participants.keys()]).toEqual(['alice']);
  });

  it('joins a second time without a second participant or event', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await alice.join({ create: true });
    const before = backend.inspect('livestream', 'show');

    await alice.join();
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('reopens the doors at the join-ahead time of a new schedule after a stop-live closed them', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate({
      data: { starts_at: new Date(T0 + 500_000), settings_override: { backstage: { join_ahead_time_seconds: 300 } } },
    });
    clock.advance(250_000);
    await host.goLive();
    await host.stopLive();
    await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN', opensAt: null });

    await host.update({ starts_at: new Date(T0 + 1_000_000) });
    await expect(viewer.join()).rejects.toMatchObject({
      code: 'NOT_YET_OPEN',
      opensAt: new Date(T0 + 700_000).toISOString(),
    });
    clock.set(T0 + 700_000);
    await viewer.join();
    expect(backend.inspect('livestream', 'show')!.participants.get('bob')).toBeDefined();
  });

  it('lets a participant leave, and leaving twice is harmless', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('default', 'standup');
    const viewer = backend.client({ user: { id: 'bob' } }).call('default', 'standup');
    await host.getOrCreate();
    await viewer.join();

    await viewer.leave();
    expect(backend.inspect('default', 'standup')!.participants.get('bob')).toBeUndefined();
    expect(viewer.getState().call!.participants.bob).toBeUndefined();
    await viewer.leave();
    expect(backend.inspect('default', 'standup')!.participants.get('bob')).toBeUndefined();
  });
});
