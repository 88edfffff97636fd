import { connect } from 'node:net';
import * as fc from 'fast-check';
import { WebSocket } from 'ws';
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
  ...['broadcasting', 'recording', 'transcription', 'closed_captions'].flatMap((f): [string, string][] => [
    ['POST', `/start_${f}`],
    ['POST', `/stop_${f}`],
  ]),
  ...['remove_participant', 'block', 'unblock'].map((a): [string, string] => ['POST', `/${a}`]),
];

const KEYS = [
  'data', 'starts_at', 'created_by_id', 'custom', 'settings_override', 'members', 'user_id', 'role', 'backstage', 'enabled',
  'join_ahead_time_seconds', 'audio', 'mic_default_on', 'video', 'camera_default_on', 'stage', 'max_pending_requests',
  'update_members', 'remove_members', 'start_hls', 'start_recording', 'start_transcription', 'start_closed_caption',
  'continue_hls', 'continue_recording', 'continue_transcription', 'continue_closed_caption', 'create', 'user_ids',
  'settings', 'grants', 'host', 'user', '__proto__', 'constructor', 'reason', 'team', 'ring', 'notify', 'recording', 'mode',
  'quality', 'audio_only',
];

const leaf = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.double(),
  fc.constantFrom('', 'bob', 'alice', 'host', 'admin', '__proto__', 'constructor', 'toString', 'custom', '2030-01-01T00:00:10Z', 'not a date', ...CAPABILITIES),
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
  fc.constantFrom('{}', '{"user_ids":["bob"]}', '{"data":{}}', '{"custom":{"n":1}}', '{"start_hls":true}', '{"user_id":"bob"}', '{"user_id":"olga","reason":"x"}'),
  shaped.map((value) => JSON.stringify(value)),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '{', 'null', '[]', '{"data":', '\u0000', '{"user_ids":["bob","bob"]}'),
);

// Mostly the existing call, so requests get past routing to the rules.
const callType = fc.oneof(
  { weight: 6, arbitrary: fc.constant('livestream') },
  { weight: 2, arbitrary: fc.constantFrom('default', 'audio_room', 'development', 'nope') },
  { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) },
);
const callIdArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('fz') },
  { weight: 2, arbitrary: fc.constantFrom('new', 'other') },
  { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'prototype') },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 10 }) },
);

let test: TestServer;
const unexpected: unknown[] = [];
let tokens: string[] = [];
beforeAll(async () => {
  test = await startServer({ onError: (error) => unexpected.push(error), limits: { maxBodyBytes: 2048, socketMessageBurst: 10_000 } });
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

/** Sends raw bytes and resolves once the server answers or closes (or after a moment of silence). */
function rawRequest(bytes: string): Promise<string> {
  const { port } = new URL(test.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, 200);
    socket.on('data', (chunk) => {
      answer += String(chunk);
      clearTimeout(timer);
      done();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.on('error', () => undefined);
  });
}

it('never fails on an upgrade request, whatever its target and headers', async () => {
  const target = fc.oneof(
    fc.constantFrom('/video/connect', '/api/v2/video/connect', '//x:99999/', '//', '/%', 'http://[::1', '*', '/video/connect?x=%zz', 'http://a:b@c:99999/'),
    fc.string({ minLength: 1, maxLength: 30 }).map((text) => text.replace(/[\s]/g, '')).filter((text) => text.length > 0),
  );
  const header = fc.constantFrom(
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Version: 99',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Key: ',
    'Sec-WebSocket-Protocol: ,,,',
    'Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=99',
    'Host: ',
  );
  await fc.assert(
    fc.asyncProperty(target, fc.uniqueArray(header, { maxLength: 5 }), async (path, headers) => {
      await rawRequest(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`);
    }),
    { numRuns: 150 },
  );
  expect((await test.request('GET', '/time')).status).toBe(200);
  expect(unexpected).toEqual([]);
});

it('never fails on a WebSocket message, whatever it is sent', async () => {
  const message = fc.oneof(
    shaped.map((value) => JSON.stringify(value)),
    fc.record({
      type: fc.constantFrom('auth', 'subscribe', 'unsubscribe', 'pong', 'nope', '__proto__'),
      call_type: fc.oneof(callType, fc.integer()),
      call_id: fc.oneof(callIdArb, fc.constant(null)),
      since: fc.oneof(fc.integer({ min: -5, max: 1_000 }), fc.double(), fc.constant('1')),
      token: fc.constantFrom('', 'a.b.c'),
    }, { requiredKeys: ['type'] }).map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 40 }),
  );
  const socket = new WebSocket(`${test.url.replace('http', 'ws')}/video/connect`);
  const answers: { type: string; error?: { code: string; message: string } }[] = [];
  socket.on('message', (data) => answers.push(JSON.parse(String(data)) as (typeof answers)[number]));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'auth', token: tokens[1] }));
  await vi.waitFor(() => expect(answers.map((a) => a.type)).toContain('ready'));
  await fc.assert(
    fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 3 }), async (messages) => {
      if (socket.readyState !== socket.OPEN) return;
      for (const text of messages) socket.send(text);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }),
    { numRuns: 200 },
  );
  expect(socket.readyState).toBe(socket.OPEN);
  socket.close();
  for (const answer of answers.filter((a) => a.type === 'error')) expect(CODES.has(answer.error!.code)).toBe(true);
  expect((await test.request('GET', '/time')).status).toBe(200);
  expect(unexpected).toEqual([]);
});
