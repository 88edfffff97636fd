import * as fc from 'fast-check';
import { CAPABILITIES } from '../../src/core/index.js';
import { startServer, type TestServer } from './harness.js';

// Random requests to every endpoint — random paths, bodies near and far from the real shapes,
// good and bad tokens — never make the server fail: every answer is a status it documents, and
// every refusal a well-formed error.

const DOCUMENTED = new Set([200, 201, 400, 401, 403, 404, 409, 413, 429]);
const CODES = new Set(['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_STATE', 'NOT_YET_OPEN', 'CALL_ENDED', 'RATE_LIMITED']);

const ENDPOINTS: [string, string][] = [
  ['GET', ''],
  ['POST', ''],
  ['PATCH', ''],
  ...['go_live', 'stop_live', 'join', 'leave', 'mark_ended', 'members'].map((a): [string, string] => ['POST', `/${a}`]),
  ...['request', 'cancel', 'join', 'leave', 'grant', 'deny', 'kick'].map((a): [string, string] => ['POST', `/stage/${a}`]),
];

const KEYS = [
  'data', 'starts_at', 'created_by_id', 'custom', 'settings_override', 'members', 'user_id', 'role', 'backstage', 'enabled',
  'join_ahead_time_seconds', 'audio', 'mic_default_on', 'video', 'camera_default_on', 'stage', 'max_pending_requests',
  'update_members', 'remove_members', 'start_hls', 'start_recording', 'start_transcription', 'start_closed_caption',
  'continue_hls', 'continue_recording', 'continue_transcription', 'continue_closed_caption', 'create', 'user_ids',
  'settings', 'grants', 'host', 'user', '__proto__', 'constructor',
];

const leaf = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.double(),
  fc.constantFrom('', 'bob', 'alice', 'host', 'admin', '2030-01-01T00:00:10Z', 'not a date', ...CAPABILITIES),
  fc.string({ maxLength: 12 }),
  fc.constant(null),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

/** JSON values shaped like the real bodies: known keys with random values, nested. */
const shaped = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
  object: fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('value'), { maxKeys: 5 }),
  array: fc.array(tie('value'), { maxLength: 4 }),
})).value;

const rawBody = fc.oneof(
  fc.constantFrom('{}', '{"user_ids":["bob"]}', '{"data":{}}', '{"custom":{"n":1}}', '{"start_hls":true}'),
  shaped.map((value) => JSON.stringify(value)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '{', 'null', '[]', '{"data":', '\u0000', '{"user_ids":["bob","bob"]}'),
);

// Mostly the existing call, so requests get past routing to the rules.
const callType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('livestream') },
  { weight: 2, arbitrary: fc.constantFrom('default', 'audio_room', 'development', 'nope') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) },
);
const callIdArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('fz') },
  { weight: 2, arbitrary: fc.constantFrom('new', 'other') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) },
);

let test: TestServer;
const unexpected: unknown[] = [];
let tokens: string[] = [];
beforeAll(async () => {
  test = await startServer({ onError: (error) => unexpected.push(error), limits: { maxBodyBytes: 2048 } });
  await test.server.hub.dispatch({ id: 'olga' }, 'livestream', 'fz', { type: 'getOrCreate' });
  await test.server.hub.dispatch({ id: 'olga' }, 'livestream', 'fz', { type: 'join' });
  tokens = await Promise.all([{ id: 'olga' }, { id: 'bob' }, { id: 'adam', role: 'admin' }, { id: 'x', name: 'X' }].map((user) => test.token(user)));
});
afterAll(() => test.close());

it('never fails on any endpoint, whatever it is sent', async () => {
  const request = fc.record({
    endpoint: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...ENDPOINTS) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('PUT', 'GET'), fc.constant('calltypes')) },
    ),
    type: callType,
    id: callIdArb,
    body: fc.option(rawBody, { nil: undefined }),
    auth: fc.oneof(
      { weight: 5, arbitrary: fc.nat({ max: 3 }).map((index) => `Bearer ${tokens[index]}`) },
      { weight: 1, arbitrary: fc.oneof(fc.constant(''), fc.string({ maxLength: 30 }), fc.constant('Bearer a.b.c')) },
    ),
  });
  await fc.assert(
    fc.asyncProperty(request, async ({ endpoint: [method, rest], type, id, body, auth }) => {
      const path =
        rest === 'calltypes'
          ? `/video/calltypes/${encodeURIComponent(type)}`
          : `/video/call/${encodeURIComponent(type)}/${encodeURIComponent(id)}${rest}`;
      const response = await test.server.app.request(path, {
        method,
        headers: { authorization: auth, 'content-type': 'application/json' },
        ...(body !== undefined && method !== 'GET' && { body }),
      });
      const json = (await response.json()) as Record<string, unknown>;
      const refused = response.status >= 400;
      expect({
        request: `${method} ${path} ${body}`,
        documented: DOCUMENTED.has(response.status),
        // A refusal is a well-formed error; a success is anything.
        wellFormed: !refused || (CODES.has(json.code as string) && typeof json.message === 'string'),
      }).toEqual({ request: `${method} ${path} ${body}`, documented: true, wellFormed: true });
    }),
    { numRuns: 600 },
  );
  expect(unexpected).toEqual([]);
});
