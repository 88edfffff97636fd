import * as fc from 'fast-check';
import {
  capabilitiesOf,
  createManualClock,
  createMemoryBackend,
  joinWindow,
  StageKitError,
  viewOf,
  type Call,
  type CallRecord,
  type CallView,
  type Capability,
  type MemoryBackend,
} from '../../src/core/index.js';

// Random action sequences by random users on the memory backend, with the rules checked after
// every step. Users: alice creates and hosts, carol co-hosts, root is a global admin, and bob,
// dan and erin are plain viewers whose member role the hosts may change.

const START = '2030-01-01T00:00:00.000Z';
const T0 = Date.parse(START);
const ID = 'show';
const USERS = [
  { id: 'alice' },
  { id: 'carol' },
  { id: 'root', role: 'admin' },
  { id: 'bob' },
  { id: 'dan' },
  { id: 'erin', name: 'Erin' },
] as const;
const USER_IDS = USERS.map((user) => user.id);
const VIEWER_GRANTS: Capability[] = ['create-call', 'read-call', 'join-call', 'request-stage'];

const user = fc.constantFrom(...USER_IDS);
// Mostly the users an action is meant for, sometimes anyone, so refusals keep coming too.
const viewer = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('bob', 'dan', 'erin') }, { weight: 1, arbitrary: user });
const manager = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('alice', 'carol', 'root') }, { weight: 1, arbitrary: user });
const someUsers = fc.array(
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom('bob', 'dan', 'erin') }, { weight: 1, arbitrary: fc.constantFrom(...USER_IDS, 'ghost') }),
  { minLength: 1, maxLength: 5 },
);
const flag = fc.option(fc.boolean(), { nil: undefined });

const action = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('join' as const), user: viewer }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), user }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('goLive' as const),
      user: manager,
      input: fc.record({ start_hls: flag, start_recording: flag, start_transcription: flag, start_closed_caption: flag }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stopLive' as const),
      user: manager,
      input: fc.record({
        continue_hls: flag,
        continue_recording: flag,
        continue_transcription: flag,
        continue_closed_caption: flag,
      }),
    }),
  },
  // Rare, since an ended call refuses almost everything that follows.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endCall' as const), user, dice: fc.integer({ min: 0, max: 3 }) }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'requestAccess' as const,
        'cancelRequestAccess' as const,
        'declineInvitation' as const,
        'stageJoin' as const,
        'stageLeave' as const,
      ),
      user: viewer,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constantFrom('grant' as const, 'deny' as const, 'revoke' as const, 'kick' as const), user: manager, ids: someUsers }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      user: manager,
      startsInSeconds: fc.option(fc.integer({ min: -100, max: 1000 }), { nil: undefined }),
      joinAhead: fc.option(fc.constantFrom(0, 60, 300), { nil: undefined }),
      backstage: fc.option(fc.boolean(), { nil: undefined }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('member' as const),
      user: manager,
      target: fc.constantFrom('bob', 'dan', 'erin', 'carol'),
      role: fc.constantFrom('host', 'call_member', null),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('callType' as const),
      userGrants: fc.constantFrom<Capability[][]>(
        ['request-stage'],
        ['request-stage'],
        ['request-stage', 'join-backstage'],
        ['request-stage', 'join-stage'],
        ['join-stage'],
        [],
      ),
      joinAhead: fc.option(fc.constantFrom(0, 100, 300), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('feature' as const),
      user: manager,
      feature: fc.constantFrom('hls' as const, 'recording' as const, 'transcribing' as const, 'captioning' as const),
      on: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom('remove' as const, 'block' as const, 'unblock' as const),
      user: manager,
      target: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('bob', 'dan', 'erin') }, { weight: 1, arbitrary: user }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 200_000 }) }) },
);

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

const setup = fc.record({
  type: fc.constantFrom('livestream', 'livestream', 'audio_room', 'default'),
  startsInSeconds: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  joinAhead: fc.constantFrom(0, 60, 300),
  // Often start from a live call with the viewers in it, where the stage has something to do.
  liveWithViewers: fc.boolean(),
  // Crowds (everyone counted), small rooms (everyone listed), and rooms of 2 or 3 that the six
  // users take past their limit and back, both ways.
  listAllUpTo: fc.constantFrom<number | undefined>(undefined, 0, 2, 3, 100),
});

async function perform(step: Action, calls: Record<string, Call>, backend: MemoryBackend, type: string): Promise<void> {
  const clock = backend.clock as ReturnType<typeof createManualClock>;
  switch (step.kind) {
    case 'advance':
      clock.advance(step.ms);
      return;
    case 'callType':
      backend.updateCallType(type, {
        grants: { user: [...VIEWER_GRANTS.filter((c) => c !== 'request-stage'), ...step.userGrants] },
        ...(step.joinAhead !== undefined && { settings: { backstage: { join_ahead_time_seconds: step.joinAhead } } }),
      });
      return;
    case 'join':
      await calls[step.user]!.join();
      return;
    case 'leave':
      await calls[step.user]!.leave();
      return;
    case 'goLive':
      await calls[step.user]!.goLive(step.input);
      return;
    case 'stopLive':
      await calls[step.user]!.stopLive(step.input);
      return;
    case 'endCall':
      if (step.dice > 0) return;
      await calls[step.user]!.endCall();
      return;
    case 'requestAccess':
      await calls[step.user]!.stage.requestAccess();
      return;
    case 'cancelRequestAccess':
      await calls[step.user]!.stage.cancelRequestAccess();
      return;
    case 'declineInvitation':
      await calls[step.user]!.stage.declineInvitation();
      return;
    case 'stageJoin':
      await calls[step.user]!.stage.join();
      return;
    case 'stageLeave':
      await calls[step.user]!.stage.leave();
      return;
    case 'grant':
      await calls[step.user]!.stage.grantAccess(step.ids);
      return;
    case 'deny':
      await calls[step.user]!.stage.denyAccess(step.ids);
      return;
    case 'revoke':
      await calls[step.user]!.stage.revokeAccess(step.ids);
      return;
    case 'kick':
      await calls[step.user]!.stage.kick(step.ids);
      return;
    case 'update':
      await calls[step.user]!.update({
        ...(step.startsInSeconds !== undefined && { starts_at: new Date(clock.now() + step.startsInSeconds * 1000) }),
        ...((step.joinAhead !== undefined || step.backstage !== undefined) && {
          settings_override: {
            backstage: {
              ...(step.joinAhead !== undefined && { join_ahead_time_seconds: step.joinAhead }),
              ...(step.backstage !== undefined && { enabled: step.backstage }),
            },
          },
        }),
      });
      return;
    case 'feature':
      await (step.on ? calls[step.user]!.startFeature(step.feature) : calls[step.user]!.stopFeature(step.feature));
      return;
    case 'remove':
      await calls[step.user]!.removeParticipant(step.target, { reason: 'test' });
      return;
    case 'block':
      await calls[step.user]!.blockUser(step.target);
      return;
    case 'unblock':
      await calls[step.user]!.unblockUser(step.target);
      return;
    case 'member':
      await calls[step.user]!.updateCallMembers(
        step.role === null ? { remove_members: [step.target] } : { update_members: [{ user_id: step.target, role: step.role }] },
      );
      return;
  }
}

function capsOf(backend: MemoryBackend, call: CallRecord, userId: string): Capability[] {
  const role = USERS.find((u) => u.id === userId) as { role?: string } | undefined;
  return capabilitiesOf(backend.getCallType(call.type)!, call, userId, role?.role);
}

/** Every rule the call breaks, in words; empty when it keeps them all. */
function brokenRules(backend: MemoryBackend, call: CallRecord, now: number): string[] {
  const broken: string[] = [];
  const requested = [...call.stage.keys()].filter((id) => call.stage.get(id) === 'REQUESTED_TO_JOIN_STAGE');
  const queued = call.stage_requests.toArray().map((r) => r.user_id);
  // The queue and the statuses tell the same story, so no one is both on stage and requesting.
  if ([...queued].sort().join() !== [...requested].sort().join()) broken.push(`queue ${queued} but requesting ${requested}`);
  if (new Set(queued).size !== queued.length) broken.push(`queue holds a user twice: ${queued}`);
  for (const id of queued) if (call.stage.get(id) === 'ON_STAGE') broken.push(`${id} is on stage and requesting`);
  for (const id of call.stage.keys()) if (!call.participants.has(id)) broken.push(`${id} has a stage status outside the call`);
  // Who is ON_STAGE is kept beside the statuses, and must name exactly those ON_STAGE there.
  const onStage = [...call.stage.keys()].filter((id) => call.stage.get(id) === 'ON_STAGE').sort();
  if ([...call.on_stage.keys()].sort().join() !== onStage.join()) broken.push(`on stage ${[...call.on_stage.keys()]} but statuses say ${onStage}`);

  // The counts are told after each change here, and are exact: everyone, by call role.
  const byRole: Record<string, number> = {};
  for (const [id, participant] of call.participants) {
    const role = call.members[id]?.role ?? participant.role;
    byRole[role] = (byRole[role] ?? 0) + 1;
  }
  if (call.counts.participant_count !== call.participants.size) broken.push(`counted ${call.counts.participant_count}, not ${call.participants.size}`);
  if (JSON.stringify(Object.entries(call.counts.participants_count_by_role).sort()) !== JSON.stringify(Object.entries(byRole).sort())) {
    broken.push(`counted ${JSON.stringify(call.counts.participants_count_by_role)} by role, not ${JSON.stringify(byRole)}`);
  }

  const window = joinWindow(call, now);
  for (const id of Object.keys(call.blocked ?? {})) if (call.participants.has(id)) broken.push(`${id} is blocked and in the call`);
  for (const id of call.participants.keys()) {
    const caps = capsOf(backend, call, id);
    const status = call.stage.get(id) ?? 'OFF_STAGE';
    if (call.ended_at !== null && !caps.includes('join-ended-call')) broken.push(`${id} is in an ended call`);
    if (call.ended_at === null && window.inBackstage && !caps.includes('join-backstage') && window.phase !== 'doors-open') {
      broken.push(`${id} is in backstage without join-backstage and with the doors ${window.phase}`);
    }
    if (call.ended_at === null && caps.includes('join-stage') && status !== 'ACCEPTED_TO_JOIN_STAGE' && status !== 'ON_STAGE') {
      broken.push(`${id} holds join-stage but is ${status}`);
    }
    if (status === 'REQUESTED_TO_JOIN_STAGE' && (!caps.includes('request-stage') || caps.includes('join-stage'))) {
      broken.push(`${id} is requesting with ${caps}`);
    }
  }
  return broken;
}

function withoutSeq(view: CallView): Omit<CallView, 'seq'> {
  const { seq: _seq, ...rest } = view;
  return rest;
}

/**
 * `stale`: users whose store stopped following the call when they were blocked, until their next
 * action that succeeds (which follows it again).
 */
function checkViews(backend: MemoryBackend, calls: Record<string, Call>, call: CallRecord, stale: ReadonlySet<string>): void {
  const type = backend.getCallType(call.type)!;
  const loaded = USERS.filter((u) => calls[u.id]!.getState().call !== null && !stale.has(u.id));
  // The client's view, built by its reducer from projected events, is what the engine's state projects to.
  expect(Object.fromEntries(loaded.map((u) => [u.id, withoutSeq(calls[u.id]!.getState().call!)]))).toEqual(
    Object.fromEntries(loaded.map((u) => [u.id, withoutSeq(viewOf(call, type, u))])),
  );
  // Whoever is on stage may publish, and no one else gains it from the stage: what each holds,
  // without the two publishing capabilities, is their roles' grants, in one comparison per step.
  const publishing = (caps: readonly Capability[]) => caps.includes('send-audio') && caps.includes('send-video');
  const rest = (caps: readonly Capability[]) => caps.filter((c) => c !== 'send-audio' && c !== 'send-video').join();
  const held = loaded.map((u) => {
    const own = calls[u.id]!.getState().call!.own_capabilities;
    return `${u.id} ${publishing(own)} ${rest(own)}`;
  });
  const due = loaded.map((u) => {
    const granted = capabilitiesOf(type, call, u.id, (u as { role?: string }).role);
    return `${u.id} ${call.stage.get(u.id) === 'ON_STAGE' || publishing(granted)} ${rest(granted)}`;
  });
  expect(held).toEqual(due);
  // A client may lag behind events it was not shown, never run ahead of the call.
  expect(loaded.filter((u) => calls[u.id]!.getState().call!.seq > call.seq)).toEqual([]);
}

describe('random action sequences on the memory backend', () => {
  it('keep every rule after every step, refused actions change nothing, and every view matches the engine', async () => {
    await fc.assert(
      fc.asyncProperty(setup, fc.array(action, { minLength: 1, maxLength: 40 }), async (init, steps) => {
        const clock = createManualClock(START);
        // Counts told right after each change, so every step ends with views the engine projects.
        const backend = createMemoryBackend({ clock, countsIntervalMs: 0 });
        const calls: Record<string, Call> = {};
        for (const u of USERS) calls[u.id] = backend.client({ user: u }).call(init.type, ID);
        await calls.alice!.getOrCreate({
          data: {
            starts_at: init.startsInSeconds === null ? null : new Date(T0 + init.startsInSeconds * 1000),
            settings_override: {
              backstage: { join_ahead_time_seconds: init.joinAhead },
              ...(init.listAllUpTo !== undefined && { audience: { list_all_up_to: init.listAllUpTo } }),
            },
            members: [{ user_id: 'carol', role: 'host' }],
          },
        });
        for (const u of USERS) await calls[u.id]!.get();
        if (init.liveWithViewers) {
          await calls.alice!.join();
          if (init.type !== 'default') await calls.alice!.goLive();
          for (const id of ['bob', 'dan', 'erin']) await calls[id]!.join();
        }

        const stale = new Set<string>();
        for (const step of steps) {
          const before = backend.inspect(init.type, ID)!;
          const viewsBefore = USERS.map((u) => calls[u.id]!.getState().call);
          let refused: unknown = null;
          try {
            await perform(step, calls, backend, init.type);
          } catch (error) {
            refused = error;
          }
          const after = backend.inspect(init.type, ID)!;
          const viewsAfter = USERS.map((u) => calls[u.id]!.getState().call);
          const refusalChangedSomething =
            refused !== null && (after !== before || viewsAfter.some((view, index) => view !== viewsBefore[index]));
          expect(refused === null || refused instanceof StageKitError).toBe(true);
          expect(refusalChangedSomething).toBe(false);
          expect(brokenRules(backend, after, clock.now())).toEqual([]);
          // An end call that the dice skipped sent nothing.
          if (refused === null && 'user' in step && !(step.kind === 'endCall' && step.dice > 0)) stale.delete(step.user);
          if (refused === null && step.kind === 'block') stale.add(step.target);
          checkViews(backend, calls, after, stale);
        }
      }),
      { numRuns: 300 },
    );
    // 300 runs take about two seconds alone and are CPU-bound: on a machine busy with other
    // suites they can take many times that, so the limit is wide rather than the runs fewer.
  }, 90_000);
});
