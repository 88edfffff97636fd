import type { CallSideEffect, Command, User } from '../../src/core/index.js';
import { startServer, type TestServer } from './harness.js';

// Every action × role × phase over HTTP, against outcomes worked out here from the rules (issue 2
// and the README), not from the server's answers. Arrangements go straight to the hub; only the
// action under test crosses the wire.

type Role = 'user' | 'call_member' | 'host' | 'admin';
type Phase = 'scheduled' | 'doors-open' | 'live' | 'stopped' | 'ended';
type Expected = { status: 200 | 201 } | { status: 403 | 409; code: string; capability?: string };

const ROLES: Role[] = ['user', 'call_member', 'host', 'admin'];
const PHASES: Phase[] = ['scheduled', 'doors-open', 'live', 'stopped', 'ended'];

const ACTORS: Record<Role, User> = {
  user: { id: 'uma' },
  call_member: { id: 'cora' },
  host: { id: 'hana' },
  admin: { id: 'adam', role: 'admin' },
};
const OWNER: User = { id: 'olga' };
const TARGET: User = { id: 'tess' };

interface Action {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: (id: string) => string;
  body?: unknown;
  /** What the actor does first, where the action needs it (best effort: refusals are fine). */
  prepare?: Command['type'][];
  /** Whether the stage target must hold a request (grant, deny), an invitation (revoke) or be on stage (kick). */
  target?: 'requested' | 'invited' | 'on-stage' | 'in-call' | 'blocked';
  /** A feature the owner starts last, so there is something to stop. */
  running?: CallSideEffect;
}

const FEATURES: [CallSideEffect, path: string, start: string, stop: string][] = [
  ['hls', 'broadcasting', 'start-broadcast-call', 'stop-broadcast-call'],
  ['recording', 'recording', 'start-record-call', 'stop-record-call'],
  ['transcribing', 'transcription', 'start-transcription-call', 'stop-transcription-call'],
  ['captioning', 'closed_captions', 'start-closed-captions-call', 'stop-closed-captions-call'],
];

const call = (id: string, rest = '') => `/video/call/livestream/${id}${rest}`;

const ACTIONS: Action[] = [
  { name: 'get', method: 'GET', path: (id) => call(id) },
  { name: 'getOrCreate (existing)', method: 'POST', path: (id) => call(id), body: {} },
  { name: 'join', method: 'POST', path: (id) => call(id, '/join'), body: {} },
  { name: 'leave', method: 'POST', path: (id) => call(id, '/leave'), prepare: ['join'] },
  { name: 'update custom', method: 'PATCH', path: (id) => call(id), body: { custom: { title: 'x' } } },
  { name: 'update settings', method: 'PATCH', path: (id) => call(id), body: { settings_override: { audio: { mic_default_on: false } } } },
  { name: 'update members', method: 'POST', path: (id) => call(id, '/members'), body: { update_members: [{ user_id: 'zed' }] } },
  { name: 'remove members', method: 'POST', path: (id) => call(id, '/members'), body: { remove_members: ['cora'] } },
  { name: 'go live', method: 'POST', path: (id) => call(id, '/go_live'), body: {} },
  { name: 'stop live', method: 'POST', path: (id) => call(id, '/stop_live'), body: {} },
  { name: 'end call', method: 'POST', path: (id) => call(id, '/mark_ended') },
  { name: 'stage request', method: 'POST', path: (id) => call(id, '/stage/request'), prepare: ['join'] },
  { name: 'stage cancel', method: 'POST', path: (id) => call(id, '/stage/cancel'), prepare: ['join', 'stage.requestAccess'] },
  { name: 'stage decline', method: 'POST', path: (id) => call(id, '/stage/decline'), prepare: ['join', 'stage.grantAccess'] },
  { name: 'stage join', method: 'POST', path: (id) => call(id, '/stage/join'), prepare: ['join', 'stage.grantAccess'] },
  { name: 'stage leave', method: 'POST', path: (id) => call(id, '/stage/leave'), prepare: ['join', 'stage.grantAccess', 'stage.join'] },
  { name: 'stage grant', method: 'POST', path: (id) => call(id, '/stage/grant'), body: { user_ids: ['tess'] }, target: 'requested' },
  { name: 'stage deny', method: 'POST', path: (id) => call(id, '/stage/deny'), body: { user_ids: ['tess'] }, target: 'requested' },
  { name: 'stage revoke', method: 'POST', path: (id) => call(id, '/stage/revoke'), body: { user_ids: ['tess'] }, target: 'invited' },
  { name: 'stage kick', method: 'POST', path: (id) => call(id, '/stage/kick'), body: { user_ids: ['tess'] }, target: 'on-stage' },
  ...FEATURES.flatMap(([feature, path]): Action[] => [
    { name: `start ${path}`, method: 'POST', path: (id) => call(id, `/start_${path}`) },
    { name: `stop ${path}`, method: 'POST', path: (id) => call(id, `/stop_${path}`), running: feature },
  ]),
  { name: 'remove participant', method: 'POST', path: (id) => call(id, '/remove_participant'), body: { user_id: 'tess' }, target: 'in-call' },
  { name: 'block', method: 'POST', path: (id) => call(id, '/block'), body: { user_id: 'tess', reason: 'spam' }, target: 'in-call' },
  { name: 'unblock', method: 'POST', path: (id) => call(id, '/unblock'), body: { user_id: 'tess' }, target: 'blocked' },
  { name: 'change call type', method: 'PUT', path: () => '/video/calltypes/livestream', body: { settings: { audio: { mic_default_on: true } } } },
];

const ok: Expected = { status: 200 };
const forbidden = (capability?: string): Expected => ({ status: 403, code: 'FORBIDDEN', ...(capability && { capability }) });
const conflict = (code: 'INVALID_STATE' | 'NOT_YET_OPEN' | 'CALL_ENDED'): Expected => ({ status: 409, code });

/**
 * The rules, restated. On livestream calls `user` and `call_member` hold create-call, read-call,
 * join-call and request-stage; `host` holds everything but join-ended-call; a global `admin`
 * holds everything.
 */
function expected(action: string, role: Role, phase: Phase): Expected {
  const runsCall = role === 'host' || role === 'admin';
  const ended = phase === 'ended';
  // After the arrangement: hosts are in any call not ended (join-backstage); viewers only while
  // the doors are open or the call is live (a stop-live removes them and closes the doors).
  const participant = runsCall ? !ended : phase === 'doors-open' || phase === 'live';
  switch (action) {
    case 'get':
    case 'getOrCreate (existing)':
    case 'leave':
      return ok;
    case 'join':
      if (ended) return role === 'admin' ? ok : conflict('CALL_ENDED');
      return !runsCall && (phase === 'scheduled' || phase === 'stopped') ? conflict('NOT_YET_OPEN') : ok;
    case 'update custom':
      return runsCall ? ok : forbidden('update-call');
    case 'update settings':
      return runsCall ? ok : forbidden('update-call-settings');
    case 'update members':
      return runsCall ? ok : forbidden('update-call-member');
    case 'remove members':
      return runsCall ? ok : forbidden('remove-call-member');
    case 'go live':
      if (ended) return conflict('CALL_ENDED');
      if (!runsCall) return forbidden('update-call');
      return phase === 'live' ? conflict('INVALID_STATE') : ok;
    case 'stop live':
      if (ended) return conflict('CALL_ENDED');
      if (!runsCall) return forbidden('update-call');
      return phase === 'live' ? ok : conflict('INVALID_STATE');
    case 'end call':
      if (!runsCall) return forbidden('end-call');
      return ended ? conflict('CALL_ENDED') : ok;
    case 'stage request':
    case 'stage join':
    case 'stage leave':
      if (ended) return conflict('CALL_ENDED');
      return participant ? ok : conflict('INVALID_STATE');
    case 'stage cancel':
    case 'stage decline':
      if (ended) return conflict('CALL_ENDED');
      // Holders of join-stage rest at ACCEPTED and have no request to cancel.
      return participant && !runsCall ? ok : conflict('INVALID_STATE');
    case 'stage grant':
    case 'stage deny':
    case 'stage revoke':
    case 'stage kick':
      if (ended) return conflict('CALL_ENDED');
      return runsCall ? ok : forbidden('manage-stage');
    case 'remove participant':
      if (ended) return conflict('CALL_ENDED');
      if (!runsCall) return forbidden('block-users');
      // The viewer removed is in the call only while the doors are open or it is live.
      return phase === 'doors-open' || phase === 'live' ? ok : conflict('INVALID_STATE');
    case 'block':
    case 'unblock':
      // A block outlives the call's end: the blocked may not join it even with join-ended-call.
      return runsCall ? ok : forbidden('block-users');
    case 'change call type':
      return role === 'admin' ? ok : forbidden();
  }
  for (const [, path, start, stop] of FEATURES) {
    // Any phase but ended, live or not: each gated by its own capability, which hosts hold.
    if (action !== `start ${path}` && action !== `stop ${path}`) continue;
    if (ended) return conflict('CALL_ENDED');
    return runsCall ? ok : forbidden(action.startsWith('start') ? start : stop);
  }
  throw new Error(`no rule for ${action}`);
}

let test: TestServer;
let counter = 0;
beforeAll(async () => {
  // One owner arranges every cell's call, and the HTTP budgets are the rate-limit tests' concern.
  test = await startServer({ limits: { stageRequestBurst: 10_000, callsPerUser: 10_000, liveToggleBurst: 10_000, stageMoveBurst: 10_000, stageDecisionBurst: 10_000, joinLeaveBurst: 10_000, memberUpdateBurst: 10_000, callUpdateBurst: 10_000, callCreateBurst: 10_000, featureToggleBurst: 10_000, moderationBurst: 10_000 } });
});
afterAll(() => test.close());

async function attempt(user: User, id: string, command: Command): Promise<void> {
  await test.server.hub.dispatch(user, 'livestream', id, command).catch(() => undefined);
}

/** A call in `phase`, with the actor and a stage target set up for `action`. */
async function arrange(phase: Phase, actor: User, action: Action): Promise<string> {
  const id = `matrix-${(counter += 1)}`;
  const now = test.clock.now();
  // Scheduled: the doors open in 700 s. Otherwise they are open now (starts in 100 s, 300 s ahead).
  const startsAt = new Date(now + (phase === 'scheduled' ? 1_000_000 : 100_000)).toISOString();
  await test.server.hub.dispatch(OWNER, 'livestream', id, {
    type: 'getOrCreate',
    input: {
      data: {
        starts_at: startsAt,
        members: [
          { user_id: 'cora', role: 'call_member' },
          { user_id: 'hana', role: 'host' },
        ],
        settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 300 } },
      },
    },
  });
  await attempt(OWNER, id, { type: 'join' });
  if (phase === 'live' || phase === 'stopped' || phase === 'ended') await attempt(OWNER, id, { type: 'goLive' });
  if (action.target) {
    await attempt(TARGET, id, { type: 'join' });
    if (action.target === 'requested') await attempt(TARGET, id, { type: 'stage.requestAccess' });
    else if (action.target === 'blocked') await attempt(OWNER, id, { type: 'moderation.block', input: { user_id: 'tess' } });
    else if (action.target === 'in-call') {
      // In the call, and nothing more.
    } else if (action.target === 'invited') await attempt(OWNER, id, { type: 'stage.grantAccess', user_ids: ['tess'] });
    else {
      await attempt(OWNER, id, { type: 'stage.grantAccess', user_ids: ['tess'] });
      await attempt(TARGET, id, { type: 'stage.join' });
    }
  }
  for (const step of action.prepare ?? []) {
    if (step === 'stage.grantAccess') await attempt(OWNER, id, { type: 'stage.grantAccess', user_ids: [actor.id] });
    else await attempt(actor, id, { type: step } as Command);
  }
  if (phase === 'stopped') await attempt(OWNER, id, { type: 'stopLive' });
  if (action.running) await attempt(OWNER, id, { type: 'feature.start', feature: action.running });
  if (phase === 'ended') await attempt(OWNER, id, { type: 'endCall' });
  return id;
}

const cells = PHASES.flatMap((phase) => ACTIONS.flatMap((action) => ROLES.map((role) => ({ phase, action, role }))));

it.each(cells)('$phase: $action.name by $role', async ({ phase, action, role }) => {
  const actor = ACTORS[role];
  const id = await arrange(phase, actor, action);
  const worldBefore = test.server.hub.revision();
  const want = expected(action.name, role, phase);

  const { status, body } = await test.request(action.method, action.path(id), { as: actor, ...(action.body !== undefined && { body: action.body }) });

  // 200 and 201 (created) both allow; a refusal is compared whole, with its capability if named.
  const outcome =
    status < 300 ? { status: 200 } : { status, code: body.code, ...('capability' in want && { capability: body.capability }) };
  expect({ ...outcome, body: status < 300 ? 'ok' : typeof body.message }).toEqual({ ...want, body: want.status === 200 ? 'ok' : 'string' });
  // A refusal changes nothing: not the call, not the call types.
  expect(want.status === 200 || test.server.hub.revision() === worldBefore).toBe(true);
});

it('covers every reference endpoint', () => {
  const paths = new Set(ACTIONS.map((action) => `${action.method} ${action.path(':id').replace(/^\/video\/call\/livestream\/:id/, '')}`));
  for (const endpoint of ['GET ', 'POST ', 'PATCH ', 'POST /join', 'POST /leave', 'POST /members', 'POST /go_live', 'POST /stop_live', 'POST /mark_ended']) {
    expect(paths).toContain(endpoint);
  }
  for (const stage of ['request', 'cancel', 'decline', 'join', 'leave', 'grant', 'deny', 'revoke', 'kick']) expect(paths).toContain(`POST /stage/${stage}`);
  expect(paths).toContain('PUT /video/calltypes/livestream');
  for (const [, path] of FEATURES) for (const verb of ['start', 'stop']) expect(paths).toContain(`POST /${verb}_${path}`);
  for (const moderation of ['remove_participant', 'block', 'unblock']) expect(paths).toContain(`POST /${moderation}`);
});
