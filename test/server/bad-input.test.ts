import { startServer, type TestServer } from './harness.js';

// Bad requests get the right status and an error naming what was wrong, and change nothing.

const olga = { id: 'olga' };
const MAX_BODY = 4096;

let test: TestServer;
beforeEach(async () => {
  test = await startServer({ limits: { maxBodyBytes: MAX_BODY, stageRequestBurst: 3, stageRequestWindowMs: 60_000 } });
  await test.server.hub.dispatch(olga, 'livestream', 'show', { type: 'getOrCreate' });
  await test.server.hub.dispatch(olga, 'livestream', 'show', { type: 'join' });
});
afterEach(() => test.close());

const path = (rest = '') => `/video/call/livestream/show${rest}`;

async function refused(method: string, url: string, init: Parameters<TestServer['request']>[2]) {
  const before = test.server.hub.revision();
  const response = await test.request(method, url, init);
  expect(test.server.hub.revision()).toBe(before);
  expect(response.body.message).toEqual(expect.any(String));
  return response;
}

it('answers malformed JSON with 400 naming the body', async () => {
  for (const raw of ['{', '{"data": }', "{'data': {}}", 'undefined', '{"a":1}}']) {
    const { status, body } = await refused('PATCH', path(), { as: olga, raw });
    expect({ status, code: body.code, fields: body.fields }).toEqual({ status: 400, code: 'INVALID_INPUT', fields: [{ path: 'body', message: 'is not valid JSON' }] });
  }
});

it('names each field of the wrong type', async () => {
  const { status, body } = await refused('PATCH', path(), {
    as: olga,
    body: { starts_at: 5, settings_override: { backstage: { enabled: 'yes', join_ahead_time_seconds: -1 } } },
  });
  expect(status).toBe(400);
  expect((body.fields as { path: string }[]).map((field) => field.path).sort()).toEqual([
    'input.settings_override.backstage.enabled',
    'input.settings_override.backstage.join_ahead_time_seconds',
    'input.starts_at',
  ]);
  const bulk = await refused('POST', path('/stage/grant'), { as: olga, body: { user_ids: 'bob' } });
  expect(bulk.status).toBe(400);
  expect(bulk.body.fields).toEqual([{ path: 'user_ids', message: 'must be a list of user ids' }]);
  for (const raw of ['[]', '"text"', '42', 'null', 'true']) {
    const notAnObject = await refused('POST', path('/go_live'), { as: olga, raw });
    expect(notAnObject.body.fields).toEqual([{ path: 'input', message: 'must be a JSON object' }]);
  }
});

it('names unknown fields instead of ignoring them', async () => {
  const cases: [string, string, unknown, string][] = [
    ['POST', '/video/call/livestream/new', { data: { colour: 'red' } }, 'input.data.colour'],
    // `ring` and `notify` are the reference's own options; anything else beside `data` is not.
    ['POST', '/video/call/livestream/new', { data: {}, ring: true, push: true }, 'input.push'],
    ['PATCH', '', { settings_override: { backstage: { join_ahead: 300 } } }, 'input.settings_override.backstage.join_ahead'],
    ['POST', '/go_live', { start_hls: true, start_everything: true }, 'input.start_everything'],
    ['POST', '/stop_live', { continue_hsl: true }, 'input.continue_hsl'],
    ['POST', '/stage/grant', { user_ids: ['bob'], reason: 'x' }, 'input.reason'],
    // A client cannot make its own leave look like a dropped connection.
    ['POST', '/leave', { reason: 'dropped' }, 'input.reason'],
    ['POST', '/mark_ended', { force: true }, 'input.force'],
  ];
  for (const [method, rest, input, field] of cases) {
    const url = rest.startsWith('/video') ? rest : path(rest);
    const { status, body } = await refused(method, url, { as: olga, body: input });
    expect({ status, fields: body.fields }).toEqual({ status: 400, fields: [{ path: field, message: 'is not a known field' }] });
  }
});

it('refuses oversized bodies with 413, with or without a length', async () => {
  const big = { custom: { text: 'x'.repeat(MAX_BODY) } };
  const { status, body } = await refused('PATCH', path(), { as: olga, body: big });
  expect({ status, code: body.code }).toEqual({ status: 413, code: 'INVALID_INPUT' });

  // Chunked, so the size is known only while reading.
  const before = test.server.hub.revision();
  const encoded = new TextEncoder().encode(JSON.stringify(big));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < encoded.length; at += 1024) controller.enqueue(encoded.slice(at, at + 1024));
      controller.close();
    },
  });
  const response = await fetch(test.url + path(), {
    method: 'PATCH',
    headers: { authorization: `Bearer ${await test.token(olga)}`, 'content-type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  expect(response.status).toBe(413);
  expect(test.server.hub.revision()).toBe(before);
  // Just under the limit is fine.
  expect((await test.request('PATCH', path(), { as: olga, body: { custom: { text: 'x'.repeat(MAX_BODY - 40) } } })).status).toBe(200);
});

it('answers unknown calls, call types, endpoints and bad ids', async () => {
  expect((await refused('GET', '/video/call/livestream/nope', { as: olga })).body.code).toBe('NOT_FOUND');
  expect((await refused('POST', '/video/call/nope/x', { as: olga })).status).toBe(404);
  expect((await refused('POST', '/video/call/livestream/nope/go_live', { as: olga })).status).toBe(404);
  expect((await refused('POST', path('/dance'), { as: olga })).status).toBe(404);
  expect((await refused('DELETE', path(), { as: olga })).status).toBe(404);
  const { status, body } = await refused('POST', '/video/call/livestream/has%20space', { as: olga });
  expect(status).toBe(400);
  expect((body.fields as { path: string }[])[0]!.path).toBe('call.id');
});

it('limits stage requests per user, and lets them through again once the window has passed', async () => {
  await test.server.hub.dispatch(olga, 'livestream', 'show', { type: 'goLive' });
  const bob = { id: 'bob' };
  await test.server.hub.dispatch(bob, 'livestream', 'show', { type: 'join' });
  const statuses = [];
  for (const step of ['request', 'cancel', 'request']) statuses.push((await test.request('POST', path(`/stage/${step}`), { as: bob })).status);
  expect(statuses).toEqual([200, 200, 200]);
  const { status, body } = await refused('POST', path('/stage/cancel'), { as: bob });
  expect({ status, code: body.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
  // Another user has their own allowance.
  await test.server.hub.dispatch({ id: 'carl' }, 'livestream', 'show', { type: 'join' });
  expect((await test.request('POST', path('/stage/request'), { as: { id: 'carl' } })).status).toBe(200);
  test.clock.advance(20_000);
  expect((await test.request('POST', path('/stage/cancel'), { as: bob })).status).toBe(200);
});

it('serves its time for clock correction', async () => {
  const { status, body } = await test.request('GET', '/time', {});
  expect({ status, now: body.now }).toEqual({ status: 200, now: test.clock.now() });
});

it('accepts the reference examples as written, under /api/v2 and with an api_key', async () => {
  const token = await test.token(olga);
  const { status } = await test.request('POST', '/api/v2/video/call/livestream/test-outgoing-call?api_key=k', {
    auth: token,
    raw: JSON.stringify({
      data: {
        starts_at: '2022-01-01T00:00:00Z',
        created_by_id: 'olga',
        settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 300 } },
      },
    }),
  });
  expect(status).toBe(201);
  expect((await test.request('POST', '/api/v2/video/call/livestream/test-outgoing-call/stop_live', { auth: token })).body.code).toBe('INVALID_STATE');
  expect(
    (await test.request('PATCH', '/api/v2/video/call/livestream/test-outgoing-call', { auth: token, body: { settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 300 } } } })).status,
  ).toBe(200);
});
