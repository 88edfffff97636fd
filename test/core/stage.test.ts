import { createManualClock, createMemoryBackend, createWorld, execute, StageKitError } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';

describe('the stage for a user without join-stage', () => {
  it('walks OFF → REQUESTED → ACCEPTED → ON_STAGE → OFF through request, grant, join and leave', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob', name: 'Bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    expect(viewer.getState().call!.stage.bob).toBeUndefined();

    clock.advance(1_000);
    expect(await viewer.stage.requestAccess()).toEqual({ status: 'REQUESTED_TO_JOIN_STAGE' });
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBe('REQUESTED_TO_JOIN_STAGE');
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toEqual([
      { user_id: 'bob', name: 'Bob', requested_at: new Date(clock.now()).toISOString() },
    ]);
    expect(viewer.getState().call!.stage.bob).toBe('REQUESTED_TO_JOIN_STAGE');

    await host.stage.grantAccess(['bob']);
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBe('ACCEPTED_TO_JOIN_STAGE');
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toEqual([]);
    expect(viewer.getState().call!.stage.bob).toBe('ACCEPTED_TO_JOIN_STAGE');

    expect(await viewer.stage.join()).toEqual({ status: 'ON_STAGE' });
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBe('ON_STAGE');

    expect(await viewer.stage.leave()).toEqual({ status: 'OFF_STAGE' });
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    expect(viewer.getState().call!.stage.bob).toBeUndefined();
  });

  it('cancels a pending request back to OFF_STAGE and drops it from the queue', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    await viewer.stage.requestAccess();

    expect(await viewer.stage.cancelRequestAccess()).toEqual({ status: 'OFF_STAGE' });
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toEqual([]);
    expect(host.getState().call!.stage_requests).toEqual([]);
  });

  it('lets an accepted user decline with cancelRequestAccess', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    await host.stage.grantAccess(['bob']);

    expect(await viewer.stage.cancelRequestAccess()).toEqual({ status: 'OFF_STAGE' });
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
  });

  it('refuses each step out of order with INVALID_STATE and leaves the call as it was', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();

    let before = backend.inspect('livestream', 'show');
    await expect(viewer.stage.join()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(viewer.stage.leave()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(viewer.stage.cancelRequestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);

    await viewer.stage.requestAccess();
    before = backend.inspect('livestream', 'show');
    await expect(viewer.stage.requestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(viewer.stage.join()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(viewer.stage.leave()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);

    await host.stage.grantAccess(['bob']);
    before = backend.inspect('livestream', 'show');
    await expect(viewer.stage.requestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(viewer.stage.leave()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);

    await viewer.stage.join();
    before = backend.inspect('livestream', 'show');
    await expect(viewer.stage.join()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(viewer.stage.requestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(viewer.stage.cancelRequestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
    expect(viewer.getState().call!.stage.bob).toBe('ON_STAGE');
  });

  it('needs the user to be in the call for every stage action of their own', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();
    await viewer.get();
    const before = backend.inspect('livestream', 'show');

    await expect(viewer.stage.requestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(viewer.stage.join()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('needs request-stage to ask for the stage, and names it', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({
      clock,
      callTypes: { livestream: { grants: { user: ['create-call', 'read-call', 'join-call'] } } },
    });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();
    await viewer.join();
    const before = backend.inspect('livestream', 'show');

    const refusal = await viewer.stage.requestAccess().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StageKitError);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', capability: 'request-stage' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('refuses a request once the queue holds max_pending_requests', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { settings_override: { stage: { max_pending_requests: 1 } } } });
    await host.goLive();
    await bob.join();
    await carol.join();
    await bob.stage.requestAccess();
    const before = backend.inspect('livestream', 'show');

    await expect(carol.stage.requestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);

    await bob.stage.cancelRequestAccess();
    await carol.stage.requestAccess();
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray().map((r) => r.user_id)).toEqual(['carol']);
  });

  it('keeps pending requests oldest first', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewers = ['dan', 'bob', 'carol'].map((id) => backend.client({ user: { id } }).call('livestream', 'show'));
    await host.join({ create: true });
    await host.goLive();
    for (const viewer of viewers) {
      await viewer.join();
      clock.advance(1_000);
      await viewer.stage.requestAccess();
    }

    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray().map((r) => r.user_id)).toEqual(['dan', 'bob', 'carol']);
    expect(host.getState().call!.stage_requests.map((r) => r.user_id)).toEqual(['dan', 'bob', 'carol']);
  });
});

describe('the stage for a user with join-stage', () => {
  it('rests at ACCEPTED from joining the call, goes on stage without asking, and back to ACCEPTED on leaving', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.join({ create: true });
    expect(backend.inspect('livestream', 'show')!.stage.get('alice')).toBe('ACCEPTED_TO_JOIN_STAGE');
    expect(host.getState().call!.stage.alice).toBe('ACCEPTED_TO_JOIN_STAGE');

    expect(await host.stage.join()).toEqual({ status: 'ON_STAGE' });
    expect(await host.stage.leave()).toEqual({ status: 'ACCEPTED_TO_JOIN_STAGE' });
    expect(backend.inspect('livestream', 'show')!.stage.get('alice')).toBe('ACCEPTED_TO_JOIN_STAGE');
  });

  it('answers requestAccess with ACCEPTED and never enters the request queue', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.join({ create: true });

    expect(await host.stage.requestAccess()).toEqual({ status: 'ACCEPTED_TO_JOIN_STAGE' });
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toEqual([]);
    await host.stage.join();
    await expect(host.stage.requestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('cannot be brought below ACCEPTED: cancel is refused, deny skipped, kick returns to ACCEPTED', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await alice.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
    await alice.join();
    await carol.join();

    await expect(carol.stage.cancelRequestAccess()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await alice.stage.denyAccess(['carol'])).toEqual({
      results: [{ user_id: 'carol', applied: false, reason: 'HOLDS_JOIN_STAGE', status: 'ACCEPTED_TO_JOIN_STAGE' }],
      applied: 0,
      skipped: 1,
    });
    expect(await alice.stage.grantAccess(['carol'])).toMatchObject({
      results: [{ user_id: 'carol', applied: false, reason: 'ALREADY_ACCEPTED' }],
    });

    await carol.stage.join();
    expect(await alice.stage.kick(['carol'])).toEqual({
      results: [{ user_id: 'carol', applied: true, status: 'ACCEPTED_TO_JOIN_STAGE' }],
      applied: 1,
      skipped: 0,
    });
    expect(backend.inspect('livestream', 'show')!.stage.get('carol')).toBe('ACCEPTED_TO_JOIN_STAGE');
  });

  it('gives every user ACCEPTED on a default call, where users hold join-stage', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('default', 'standup');
    const bob = backend.client({ user: { id: 'bob' } }).call('default', 'standup');
    await alice.join({ create: true });
    await bob.join();

    expect(backend.inspect('default', 'standup')!.stage.toJSON()).toEqual({
      alice: 'ACCEPTED_TO_JOIN_STAGE',
      bob: 'ACCEPTED_TO_JOIN_STAGE',
    });
    expect(await bob.stage.join()).toEqual({ status: 'ON_STAGE' });
  });
});

describe('managing the stage', () => {
  it('grants as an invitation to a user who did not ask', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();

    expect(await host.stage.grantAccess(['bob'])).toEqual({
      results: [{ user_id: 'bob', applied: true, status: 'ACCEPTED_TO_JOIN_STAGE' }],
      applied: 1,
      skipped: 0,
    });
    expect(viewer.getState().call!.stage.bob).toBe('ACCEPTED_TO_JOIN_STAGE');
    await viewer.stage.join();
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBe('ON_STAGE');
  });

  it('denies a pending request back to OFF_STAGE', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    await viewer.stage.requestAccess();

    expect(await host.stage.denyAccess(['bob'])).toEqual({
      results: [{ user_id: 'bob', applied: true, status: 'OFF_STAGE' }],
      applied: 1,
      skipped: 0,
    });
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toEqual([]);
    expect(viewer.getState().call!.stage.bob).toBeUndefined();
    // A denied user may ask again.
    await viewer.stage.requestAccess();
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBe('REQUESTED_TO_JOIN_STAGE');
  });

  it('kicks a user off the stage to OFF_STAGE', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    await host.stage.grantAccess(['bob']);
    await viewer.stage.join();

    expect(await host.stage.kick(['bob'])).toEqual({
      results: [{ user_id: 'bob', applied: true, status: 'OFF_STAGE' }],
      applied: 1,
      skipped: 0,
    });
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    expect(viewer.getState().call!.stage.bob).toBeUndefined();
    await expect(viewer.stage.join()).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('needs manage-stage for grant, deny and kick, and names it', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await bob.join();
    await carol.join();
    await carol.stage.requestAccess();
    const before = backend.inspect('livestream', 'show');

    for (const action of [bob.stage.grantAccess, bob.stage.denyAccess, bob.stage.kick]) {
      const refusal = await action(['carol']).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(StageKitError);
      expect(refusal).toMatchObject({ code: 'FORBIDDEN', capability: 'manage-stage' });
    }
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('reports per id what a bulk grant did: applied, skipped with a reason, duplicates once', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    const dan = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
    const erin = backend.client({ user: { id: 'erin' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    for (const viewer of [bob, carol, dan, erin]) await viewer.join();
    await bob.stage.requestAccess();
    await carol.stage.requestAccess();
    await host.stage.grantAccess(['dan']);
    await dan.stage.join();
    await host.stage.grantAccess(['erin']);

    const result = await host.stage.grantAccess(['bob', 'carol', 'bob', 'dan', 'erin', 'ghost', 'alice']);
    expect(result).toEqual({
      results: [
        { user_id: 'bob', applied: true, status: 'ACCEPTED_TO_JOIN_STAGE' },
        { user_id: 'carol', applied: true, status: 'ACCEPTED_TO_JOIN_STAGE' },
        { user_id: 'dan', applied: false, reason: 'ALREADY_ON_STAGE', status: 'ON_STAGE' },
        { user_id: 'erin', applied: false, reason: 'ALREADY_ACCEPTED', status: 'ACCEPTED_TO_JOIN_STAGE' },
        { user_id: 'ghost', applied: false, reason: 'NOT_IN_CALL', status: 'OFF_STAGE' },
        { user_id: 'alice', applied: false, reason: 'ALREADY_ACCEPTED', status: 'ACCEPTED_TO_JOIN_STAGE' },
      ],
      applied: 2,
      skipped: 4,
    });
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toEqual([]);
    expect(host.getState().call!.stage_requests).toEqual([]);
  });

  it('reports per id what a bulk deny and a bulk kick did', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    const dan = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    for (const viewer of [bob, carol, dan]) await viewer.join();
    await bob.stage.requestAccess();
    await host.stage.grantAccess(['carol']);
    await carol.stage.join();

    expect(await host.stage.denyAccess(['bob', 'carol', 'dan', 'ghost'])).toEqual({
      results: [
        { user_id: 'bob', applied: true, status: 'OFF_STAGE' },
        { user_id: 'carol', applied: false, reason: 'ALREADY_ON_STAGE', status: 'ON_STAGE' },
        { user_id: 'dan', applied: false, reason: 'NO_PENDING_REQUEST', status: 'OFF_STAGE' },
        { user_id: 'ghost', applied: false, reason: 'NOT_IN_CALL', status: 'OFF_STAGE' },
      ],
      applied: 1,
      skipped: 3,
    });
    expect(await host.stage.kick(['carol', 'bob', 'carol'])).toEqual({
      results: [
        { user_id: 'carol', applied: true, status: 'OFF_STAGE' },
        { user_id: 'bob', applied: false, reason: 'NOT_ON_STAGE', status: 'OFF_STAGE' },
      ],
      applied: 1,
      skipped: 1,
    });
    expect(backend.inspect('livestream', 'show')!.stage.toJSON()).toEqual({ alice: 'ACCEPTED_TO_JOIN_STAGE' });
  });

  it('changes nothing when every id of a bulk action is skipped', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await bob.join();
    const before = backend.inspect('livestream', 'show');

    expect(await host.stage.kick(['bob', 'ghost'])).toMatchObject({ applied: 0, skipped: 2 });
    expect(await host.stage.denyAccess(['bob'])).toMatchObject({ applied: 0, skipped: 1 });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('gives a second manager approving an already approved request a clean skip', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await alice.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
    await alice.goLive();
    await alice.join();
    await carol.join();
    await bob.join();
    await bob.stage.requestAccess();

    await alice.stage.grantAccess(['bob']);
    const before = backend.inspect('livestream', 'show');
    expect(await carol.stage.grantAccess(['bob'])).toEqual({
      results: [{ user_id: 'bob', applied: false, reason: 'ALREADY_ACCEPTED', status: 'ACCEPTED_TO_JOIN_STAGE' }],
      applied: 0,
      skipped: 1,
    });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('gives a second manager denying an already approved request a clean skip, not a reversal', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await alice.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
    await alice.goLive();
    await alice.join();
    await carol.join();
    await bob.join();
    await bob.stage.requestAccess();

    await alice.stage.grantAccess(['bob']);
    const before = backend.inspect('livestream', 'show');
    expect(await carol.stage.denyAccess(['bob'])).toEqual({
      results: [{ user_id: 'bob', applied: false, reason: 'ALREADY_ACCEPTED', status: 'ACCEPTED_TO_JOIN_STAGE' }],
      applied: 0,
      skipped: 1,
    });
    expect(backend.inspect('livestream', 'show')).toBe(before);
    expect(bob.getState().call!.stage.bob).toBe('ACCEPTED_TO_JOIN_STAGE');
  });

  it('gives a second manager denying an already denied request a clean skip', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const alice = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const carol = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await alice.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
    await alice.goLive();
    await alice.join();
    await carol.join();
    await bob.join();
    await bob.stage.requestAccess();

    await alice.stage.denyAccess(['bob']);
    const before = backend.inspect('livestream', 'show');
    expect(await carol.stage.denyAccess(['bob'])).toEqual({
      results: [{ user_id: 'bob', applied: false, reason: 'NO_PENDING_REQUEST', status: 'OFF_STAGE' }],
      applied: 0,
      skipped: 1,
    });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('gives a manager acting on a request the user already cancelled a clean skip', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await bob.join();
    await bob.stage.requestAccess();
    await bob.stage.cancelRequestAccess();
    const before = backend.inspect('livestream', 'show');

    expect(await host.stage.denyAccess(['bob'])).toMatchObject({
      results: [{ user_id: 'bob', applied: false, reason: 'NO_PENDING_REQUEST' }],
    });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });
});

describe('leaving the call', () => {
  it('resets the stage status of a user on stage, and they come back OFF_STAGE', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    await host.stage.grantAccess(['bob']);
    await viewer.stage.join();

    await viewer.leave();
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    expect(host.getState().call!.stage.bob).toBeUndefined();
    await viewer.join();
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    await expect(viewer.stage.join()).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('withdraws a pending request', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await viewer.join();
    await viewer.stage.requestAccess();

    await viewer.leave();
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toEqual([]);
    expect(backend.inspect('livestream', 'show')!.stage.get('bob')).toBeUndefined();
    expect(host.getState().call!.stage_requests).toEqual([]);
  });

  it('brings a join-stage holder back at ACCEPTED after leaving from the stage', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.stage.join();

    await host.leave();
    expect(backend.inspect('livestream', 'show')!.stage.toJSON()).toEqual({});
    await host.join();
    expect(backend.inspect('livestream', 'show')!.stage.toJSON()).toEqual({ alice: 'ACCEPTED_TO_JOIN_STAGE' });
  });
});

describe('grant limited to pending requests', () => {
  it('accepts a pending request, and skips a user whose request another manager denied', async () => {
    const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
    const olga = backend.client({ user: { id: 'olga' } }).call('livestream', 'race');
    const hana = backend.client({ user: { id: 'hana' } }).call('livestream', 'race');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'race');
    const carl = backend.client({ user: { id: 'carl' } }).call('livestream', 'race');
    await olga.getOrCreate({ data: { members: [{ user_id: 'hana', role: 'host' }] } });
    await olga.join();
    await hana.join();
    await olga.goLive();
    await bob.join();
    await carl.join();
    await bob.stage.requestAccess();
    await carl.stage.requestAccess();
    await hana.stage.denyAccess(['bob']);
    const result = await olga.stage.grantAccess(['bob', 'carl'], { onlyRequested: true });
    expect(result.results).toEqual([
      { user_id: 'bob', applied: false, reason: 'NO_PENDING_REQUEST', status: 'OFF_STAGE' },
      { user_id: 'carl', applied: true, status: 'ACCEPTED_TO_JOIN_STAGE' },
    ]);
    expect(backend.inspect('livestream', 'race')?.stage.get('bob')).toBeUndefined();
    // Without the limit, the same grant invites bob.
    const invite = await olga.stage.grantAccess(['bob']);
    expect(invite.applied).toBe(1);
  });

  it('rejects a flag that is not a boolean, naming it, and changes nothing', () => {
    const world = createWorld();
    const created = execute(world, { type: 'livestream', id: 'flag', actor: { id: 'olga' }, command: { type: 'join', input: { create: true } } }, 0);
    let error: unknown;
    try {
      execute(
        created.world,
        { type: 'livestream', id: 'flag', actor: { id: 'olga' }, command: { type: 'stage.grantAccess', user_ids: ['olga'], only_requested: 'yes' as never } },
        0,
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StageKitError);
    expect((error as StageKitError).code).toBe('INVALID_INPUT');
    expect((error as StageKitError).fields?.map((field) => field.path)).toEqual(['only_requested']);
  });
});
