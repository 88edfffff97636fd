import { createWorld, execute, StageKitError, type CallEventOf, type World } from '../../src/core/index.js';

// The engine is pure: each command gives the next world and the events that describe the change.

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe('events the engine emits', () => {
  it('numbers a call’s events 1, 2, 3… across commands and stamps them with the time', () => {
    let world: World = createWorld();
    const created = execute(world, { type: 'livestream', id: 'show', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0);
    world = created.world;
    expect(created.events.map((e) => [e.type, e.seq, e.cid, e.created_at])).toEqual([['call.created', 1, 'livestream:show', at(0)]]);
    expect(created.result).toEqual({ created: true });

    const joined = execute(world, { type: 'livestream', id: 'show', actor: { id: 'alice' }, command: { type: 'join' } }, T0 + 1_000);
    world = joined.world;
    // The host rests at ACCEPTED, which the join announces too.
    expect(joined.events.map((e) => [e.type, e.seq, e.created_at])).toEqual([
      ['call.participant_joined', 2, at(1_000)],
      ['stageStatusUpdate', 3, at(1_000)],
    ]);
    expect(joined.events[1]).toMatchObject({ user_id: 'alice', status: 'ACCEPTED_TO_JOIN_STAGE', previous: 'OFF_STAGE' });

    const live = execute(world, { type: 'livestream', id: 'show', actor: { id: 'alice' }, command: { type: 'goLive' } }, T0 + 2_000);
    expect(live.events.map((e) => [e.type, e.seq])).toEqual([['call.live_started', 4]]);
    expect(live.after!.seq).toBe(4);
  });

  it('numbers each call on its own', () => {
    let world: World = createWorld();
    world = execute(world, { type: 'livestream', id: 'a', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 'a', actor: { id: 'alice' }, command: { type: 'goLive' } }, T0).world;
    const other = execute(world, { type: 'livestream', id: 'b', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0);

    expect(other.events.map((e) => [e.cid, e.seq])).toEqual([['livestream:b', 1]]);
    expect(other.world.calls.get('livestream:a')!.seq).toBe(2);
  });

  it('emits a status update, a request-list update and newStageRequest for a request', () => {
    let world: World = createWorld();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'goLive' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob', name: 'Bob' }, command: { type: 'join' } }, T0).world;

    const outcome = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob', name: 'Bob' }, command: { type: 'stage.requestAccess' } }, T0 + 5);
    const request = { user_id: 'bob', name: 'Bob', requested_at: at(5) };
    expect(outcome.events).toMatchObject([
      { type: 'stageStatusUpdate', user_id: 'bob', status: 'REQUESTED_TO_JOIN_STAGE', previous: 'OFF_STAGE', seq: 4 },
      { type: 'stageAccessRequestUpdate', added: [request], removed: [], seq: 5 },
      { type: 'newStageRequest', request, count: 1, seq: 6 },
    ]);
  });

  it('emits one batch for a bulk grant: statuses, one request-list update, then the approvals', () => {
    let world: World = createWorld();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'goLive' } }, T0).world;
    for (const id of ['bob', 'carol']) {
      world = execute(world, { type: 'livestream', id: 's', actor: { id }, command: { type: 'join' } }, T0).world;
      world = execute(world, { type: 'livestream', id: 's', actor: { id }, command: { type: 'stage.requestAccess' } }, T0).world;
    }
    const seq = world.calls.get('livestream:s')!.seq;

    const outcome = execute(
      world,
      { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'stage.grantAccess', user_ids: ['bob', 'carol'] } },
      T0,
    );
    expect(outcome.events.map((e) => e.type)).toEqual([
      'stageStatusUpdate',
      'stageStatusUpdate',
      'stageAccessRequestUpdate',
      'stageRequestApproved',
      'stageRequestApproved',
    ]);
    expect(outcome.events.map((e) => e.seq)).toEqual([seq + 1, seq + 2, seq + 3, seq + 4, seq + 5]);
    expect(outcome.events[2]).toMatchObject({ added: [], removed: ['bob', 'carol'] });
    expect(outcome.events[3]).toMatchObject({ user_id: 'bob', by: 'alice' });
  });

  it('emits stageRequestRejected for a denial', () => {
    let world: World = createWorld();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'goLive' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob' }, command: { type: 'join' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob' }, command: { type: 'stage.requestAccess' } }, T0).world;

    const outcome = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'stage.denyAccess', user_ids: ['bob'] } }, T0);
    expect(outcome.events).toMatchObject([
      { type: 'stageStatusUpdate', user_id: 'bob', status: 'OFF_STAGE', previous: 'REQUESTED_TO_JOIN_STAGE' },
      { type: 'stageAccessRequestUpdate', added: [], removed: ['bob'] },
      { type: 'stageRequestRejected', user_id: 'bob', by: 'alice' },
    ]);
  });

  it('emits no events and keeps the world for a bulk action that skips everyone', () => {
    let world: World = createWorld();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0).world;

    const outcome = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'stage.kick', user_ids: ['bob'] } }, T0);
    expect(outcome.events).toEqual([]);
    expect(outcome.world).toBe(world);
  });

  it('names who stop-live removed, and ends with call.ended', () => {
    let world: World = createWorld();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'join', input: { create: true } } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'goLive' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'bob' }, command: { type: 'join' } }, T0).world;
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'dan' }, command: { type: 'join' } }, T0).world;

    const stopped = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'stopLive' } }, T0);
    // Viewers of a livestream are counted, not listed: their removal is named apart, each told their own.
    expect(stopped.events).toMatchObject([{ type: 'call.live_ended', removed_user_ids: [], call: { backstage: true } }]);
    const [liveEnded] = stopped.events as CallEventOf<'call.live_ended'>[];
    expect([...liveEnded!.unlisted_removed_user_ids!].sort()).toEqual(['bob', 'dan']);

    const ended = execute(stopped.world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'endCall' } }, T0 + 1);
    expect(ended.events).toMatchObject([{ type: 'call.ended', call: { ended_at: at(1) } }]);
  });

  it('emits member and participant events with the reason a participant left', () => {
    let world: World = createWorld();
    world = execute(world, { type: 'default', id: 'm', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0).world;
    const added = execute(
      world,
      { type: 'default', id: 'm', actor: { id: 'alice' }, command: { type: 'updateCallMembers', input: { update_members: [{ user_id: 'bob' }] } } },
      T0,
    );
    expect(added.events).toMatchObject([{ type: 'call.member_added', member: { user_id: 'bob', role: 'call_member', custom: {} } }]);
    world = added.world;

    const updated = execute(
      world,
      {
        type: 'default',
        id: 'm',
        actor: { id: 'alice' },
        command: { type: 'updateCallMembers', input: { update_members: [{ user_id: 'bob', custom: { seat: 3 } }], remove_members: ['nobody'] } },
      },
      T0,
    );
    expect(updated.events).toMatchObject([{ type: 'call.member_updated', member: { user_id: 'bob', role: 'call_member', custom: { seat: 3 } } }]);
    world = updated.world;

    world = execute(world, { type: 'default', id: 'm', actor: { id: 'bob' }, command: { type: 'join' } }, T0).world;
    const left = execute(world, { type: 'default', id: 'm', actor: { id: 'bob' }, command: { type: 'leave' } }, T0);
    expect(left.events).toMatchObject([
      { type: 'stageStatusUpdate', user_id: 'bob', status: 'OFF_STAGE', previous: 'ACCEPTED_TO_JOIN_STAGE' },
      { type: 'call.participant_left', user_id: 'bob', reason: 'left' },
    ]);

    const removed = execute(
      left.world,
      { type: 'default', id: 'm', actor: { id: 'alice' }, command: { type: 'updateCallMembers', input: { remove_members: ['bob'] } } },
      T0,
    );
    expect(removed.events).toMatchObject([{ type: 'call.member_removed', user_id: 'bob' }]);
  });

  it('throws for a refused command and leaves the world it was given untouched', () => {
    let world: World = createWorld();
    world = execute(world, { type: 'livestream', id: 's', actor: { id: 'alice' }, command: { type: 'getOrCreate' } }, T0).world;
    const snapshot = structuredClone(world.calls);

    expect(() => execute(world, { type: 'livestream', id: 's', actor: { id: 'bob' }, command: { type: 'goLive' } }, T0)).toThrow(StageKitError);
    expect(world.calls).toEqual(snapshot);
    expect(world.calls.get('livestream:s')!.seq).toBe(1);
  });
});
