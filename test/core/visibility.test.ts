import {
  createManualClock,
  createMemoryBackend,
  createWorld,
  execute,
  projectEvents,
  viewOf,
  type CallView,
  type World,
} from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';
const T0 = Date.parse(START);

/** Every status in `view` that belongs to someone other than `self` and is not ON_STAGE. */
function othersHiddenStatuses(view: CallView, self: string): string[] {
  return Object.entries(view.stage)
    .filter(([id, status]) => id !== self && status !== 'ON_STAGE')
    .map(([id, status]) => `${id}:${status}`);
}

describe("a viewer's view", () => {
  it('never holds other users’ pending requests or REQUESTED/ACCEPTED statuses, at any moment', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const dan = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await dan.join();
    const seen: string[] = [];
    const seenRequests: number[] = [];
    dan.subscribe((state) => {
      seen.push(...othersHiddenStatuses(state.call!, 'dan'));
      seenRequests.push(state.call!.stage_requests.length);
    });

    await bob.join();
    await bob.stage.requestAccess();
    await host.stage.grantAccess(['bob']);
    await bob.stage.join();
    await dan.stage.requestAccess();

    expect(seen).toEqual([]);
    expect(seenRequests.every((n) => n === 0)).toBe(true);
    expect(seenRequests.length).toBeGreaterThan(0);
    // What dan may see: bob on stage, and dan's own request.
    expect(dan.getState().call!.stage).toEqual({ bob: 'ON_STAGE', dan: 'REQUESTED_TO_JOIN_STAGE' });
  });

  it('holds the user’s own status but no request list', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await bob.join();

    await bob.stage.requestAccess();
    expect(bob.getState().call!.stage).toEqual({ bob: 'REQUESTED_TO_JOIN_STAGE' });
    expect(bob.getState().call!.stage_requests).toEqual([]);
    expect(backend.inspect('livestream', 'show')!.stage_requests.toArray()).toHaveLength(1);
  });

  it('is the same for a viewer who loads the call late as for one who watched it happen', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const early = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
    const late = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
    await host.join({ create: true });
    await early.get();
    await host.goLive();
    await bob.join();
    await bob.stage.requestAccess();
    await host.stage.grantAccess(['bob']);
    await bob.stage.join();

    await late.get();
    expect(late.getState().call).toEqual(early.getState().call);
    expect(late.getState().call!.stage).toEqual({ bob: 'ON_STAGE' });
  });
});

describe("a manager's view", () => {
  it('holds every status and the pending requests', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const bob = backend.client({ user: { id: 'bob', name: 'Bob' } }).call('livestream', 'show');
    const dan = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await bob.join();
    await dan.join();

    await bob.stage.requestAccess();
    await host.stage.grantAccess(['dan']);
    const view = host.getState().call!;
    expect(view.stage).toEqual({
      alice: 'ACCEPTED_TO_JOIN_STAGE',
      bob: 'REQUESTED_TO_JOIN_STAGE',
      dan: 'ACCEPTED_TO_JOIN_STAGE',
    });
    expect(view.stage_requests).toEqual([{ user_id: 'bob', name: 'Bob', requested_at: START }]);
    expect(view.own_capabilities).toContain('manage-stage');
  });
});

describe('the events each user receives', () => {
  function liveCallWithViewers(): World {
    let world: World = createWorld();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'join', input: { create: true } } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'goLive' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob' }, command: { type: 'join' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'dan' }, command: { type: 'join' } }, T0).world;
    return world;
  }

  it('shows a request to managers only, and the requester only their own status', () => {
    const world = liveCallWithViewers();
    const outcome = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob' }, command: { type: 'stage.requestAccess' } }, T0);
    const type = world.callTypes.get('livestream')!;
    const input = { before: outcome.before, after: outcome.after!, beforeType: type, afterType: type, events: outcome.events };

    expect(projectEvents(input, { id: 'alice' }).map((e) => e.type)).toEqual([
      'stageStatusUpdate',
      'stageAccessRequestUpdate',
      'newStageRequest',
    ]);
    expect(projectEvents(input, { id: 'bob' })).toMatchObject([
      { type: 'stageStatusUpdate', user_id: 'bob', status: 'REQUESTED_TO_JOIN_STAGE' },
    ]);
    expect(projectEvents(input, { id: 'dan' })).toEqual([]);
  });

  it('tells the approved user and the managers of a grant, and other viewers nothing', () => {
    let world = liveCallWithViewers();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob' }, command: { type: 'stage.requestAccess' } }, T0).world;
    const outcome = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'stage.grantAccess', user_ids: ['bob'] } }, T0);
    const type = world.callTypes.get('livestream')!;
    const input = { before: outcome.before, after: outcome.after!, beforeType: type, afterType: type, events: outcome.events };

    expect(projectEvents(input, { id: 'bob' }).map((e) => e.type)).toEqual(['stageStatusUpdate', 'stageRequestApproved']);
    expect(projectEvents(input, { id: 'alice' }).map((e) => e.type)).toEqual([
      'stageStatusUpdate',
      'stageAccessRequestUpdate',
      'stageRequestApproved',
    ]);
    expect(projectEvents(input, { id: 'dan' })).toEqual([]);
  });

  it('shows other viewers a user going on stage as OFF_STAGE → ON_STAGE, hiding the ACCEPTED step', () => {
    let world = liveCallWithViewers();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'stage.grantAccess', user_ids: ['bob'] } }, T0).world;
    const outcome = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob' }, command: { type: 'stage.join' } }, T0);
    const type = world.callTypes.get('livestream')!;
    const input = { before: outcome.before, after: outcome.after!, beforeType: type, afterType: type, events: outcome.events };

    // Whoever is on stage is shown to everyone: bob's participant record comes with his new status.
    expect(projectEvents(input, { id: 'dan' })).toMatchObject([
      { type: 'stageStatusUpdate', user_id: 'bob', status: 'ON_STAGE', previous: 'OFF_STAGE' },
      { type: 'call.participant_listed', participant: { user_id: 'bob' } },
    ]);
    expect(projectEvents(input, { id: 'alice' })).toMatchObject([
      { type: 'stageStatusUpdate', user_id: 'bob', status: 'ON_STAGE', previous: 'ACCEPTED_TO_JOIN_STAGE' },
      { type: 'call.participant_listed', participant: { user_id: 'bob' } },
    ]);
    expect(projectEvents(input, { id: 'bob' }).map((e) => e.type)).toEqual(['stageStatusUpdate']);
  });

  it('sends a whole new view to a user whose capabilities changed, instead of the raw events', () => {
    let world = liveCallWithViewers();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'dan' }, command: { type: 'stage.requestAccess' } }, T0).world;
    const outcome = execute(
      world,
      {
        type: 'livestream',
        id: 's',
        actor: { id: 'alice' },
        command: { type: 'updateCallMembers', input: { update_members: [{ user_id: 'bob', role: 'host' }] } },
      },
      T0,
    );
    const type = world.callTypes.get('livestream')!;
    const input = { before: outcome.before, after: outcome.after!, beforeType: type, afterType: type, events: outcome.events };

    const forBob = projectEvents(input, { id: 'bob' });
    expect(forBob).toEqual([
      { type: 'call.state', call: viewOf(outcome.after!, type, { id: 'bob' }), cid: 'livestream:s', seq: outcome.after!.seq, created_at: START },
    ]);
    expect(forBob[0]).toMatchObject({ call: { stage_requests: [{ user_id: 'dan' }] } });
    // A member is shown to everyone: bob, a viewer until now, is listed to dan.
    expect(projectEvents(input, { id: 'dan' }).map((e) => e.type)).toEqual(['call.member_added', 'call.participant_listed']);
  });
});
