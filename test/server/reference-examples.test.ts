import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallEvent, CallView, User } from '../../src/core/index.js';
import { startServer, type TestServer } from './harness.js';

// Every request body in the reference documents' examples, replayed against the server: each is
// accepted and changes the call as the document says. Bodies come from the JavaScript examples
// (object literals, evaluated with the SDK's constants) and the cURL ones (JSON, once their
// comments and trailing commas are removed). The examples are server-side calls made with the
// API's own credentials, so they are replayed as a global admin named as their `created_by_id`.

// The reference documents the kit is modelled on, kept beside this test as they were published.
const SEEDS = process.env.STAGEKIT_REFERENCE_DOCS ?? join(import.meta.dirname, 'reference-examples');

type Kind = 'getOrCreate' | 'join' | 'update' | 'updateCallMembers' | 'goLive' | 'stopLive' | 'updateCallType';

interface Example {
  kind: Kind;
  body: Record<string, unknown>;
  /** Where it was found, for the test's name. */
  from: string;
}

const SDK_CONSTANTS = {
  RecordSettingsRequestModeEnum: { AVAILABLE: 'available', DISABLED: 'disabled', AUTO_ON: 'auto-on' },
  OwnCapability: { JOIN_BACKSTAGE: 'join-backstage' },
  VideoOwnCapability: { JOIN_BACKSTAGE: 'join-backstage' },
};

/** The text from `open` (an opening bracket) to its match, skipping brackets inside strings. */
function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (pairs[c]) stack.push(pairs[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return text.slice(open, i + 1);
    }
  }
  throw new Error(`unbalanced example at ${open}`);
}

/** `{ … }` object literals passed to the SDK's methods in the JavaScript examples. */
function javascriptExamples(text: string, file: string, now: number): Example[] {
  const found: Example[] = [];
  const METHOD = /\.(getOrCreate|join|update|updateCallMembers|goLive|stopLive|updateCallType)\(/g;
  for (let match = METHOD.exec(text); match; match = METHOD.exec(text)) {
    const args = balanced(text, match.index + match[0].length - 1).slice(1, -1).trim();
    // Python's keyword arguments and Go's structs are the same examples again, in other clothes.
    const literal = args.replace(/^'[^']*',\s*/, '');
    if (!literal.startsWith('{')) continue;
    const fakeDate = class extends Date {
      static override now() {
        return now;
      }
    };
    const startsAt = new Date(now + 30 * 60 * 1000);
    const names = ['Date', 'startsAt', ...Object.keys(SDK_CONSTANTS)];
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the documents' own code, run as written
    const value = new Function(...names, `return (${literal});`)(fakeDate, startsAt, ...Object.values(SDK_CONSTANTS)) as Record<string, unknown>;
    // Dates become ISO strings, as they do on the wire.
    found.push({ kind: match[1] as Kind, body: JSON.parse(JSON.stringify(value)) as Record<string, unknown>, from: `${file} js ${match[1]}` });
  }
  return found;
}

/** The `-d '…'` bodies of the cURL examples, with the endpoint each is sent to. */
function curlExamples(text: string, file: string): Example[] {
  const found: Example[] = [];
  const CURL = /curl -X (\w+) "([^"]+)"([\s\S]*?)(?=curl -X|```|$)/g;
  for (let match = CURL.exec(text); match; match = CURL.exec(text)) {
    const [, method, url, rest] = match;
    const data = /-d '([\s\S]*?)'/.exec(rest!)?.[1];
    if (data === undefined) continue;
    const json = data.replace(/#[^\n]*/g, '').replace(/,(\s*[}\]])/g, '$1');
    const body = JSON.parse(json) as Record<string, unknown>;
    const path = new URL(url!.replace(/\$\{\w+\}/g, 'x')).pathname;
    const kind: Kind = path.includes('/calltypes/')
      ? 'updateCallType'
      : path.endsWith('/stop_live')
        ? 'stopLive'
        : method === 'PATCH'
          ? 'update'
          : 'getOrCreate';
    found.push({ kind, body, from: `${file} curl ${method} ${path}` });
  }
  return found;
}

const START_MS = Date.parse('2030-01-01T00:00:00.000Z');
const seedFiles = existsSync(SEEDS) ? readdirSync(SEEDS).filter((name) => /^\d{3}_.*\.txt$/.test(name)).sort() : [];
const examples = seedFiles.flatMap((file) => {
  const text = readFileSync(join(SEEDS, file), 'utf8');
  return [...javascriptExamples(text, file, START_MS), ...curlExamples(text, file)];
});

const ADMIN: User = { id: 'john', role: 'admin' };

let test: TestServer;
afterEach(() => test?.close());

/** Sends one request as the admin; a refusal fails the replay with the server's answer. */
async function send(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const { status, body: answer } = await test.request(method, path, { as: ADMIN, ...(body !== undefined && { body }) });
  if (status !== 200 && status !== 201) throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** `source` cut down to the keys of `shape`, nested objects alike: what a body set, read back. */
function pick(source: unknown, shape: unknown): unknown {
  if (typeof shape !== 'object' || shape === null || Array.isArray(shape)) return source;
  const from = (source ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, pick(from[key], value)]));
}

/** What the call data of a body asks for, and what the view holds of it. */
function callData(view: CallView, data: Record<string, unknown>) {
  const members = (data.members ?? []) as { user_id: string; role?: string }[];
  const wanted = {
    settings: data.settings_override ?? {},
    settings_override: data.settings_override ?? {},
    custom: data.custom,
    starts_at: data.starts_at === undefined ? undefined : Date.parse(data.starts_at as string),
    team: data.team,
    members: members.map((member) => [member.user_id, member.role ?? 'call_member']),
  };
  const observed = {
    settings: pick(view.settings, wanted.settings),
    settings_override: pick(view.settings_override, wanted.settings_override),
    custom: data.custom === undefined ? undefined : view.custom,
    starts_at: data.starts_at === undefined ? undefined : Date.parse(view.starts_at!),
    team: data.team === undefined ? undefined : view.team,
    members: members.map((member) => [member.user_id, view.members[member.user_id]?.role]),
  };
  return { observed, wanted };
}

const call = (id: string, rest = '') => `/video/call/livestream/${id}${rest}`;
const ALL_FEATURES = { start_hls: true, start_recording: true, start_transcription: true, start_closed_caption: true };

/** Replays one example on a call of its own (set up as the example presumes), and reads back its effect. */
async function replay({ kind, body, id }: Example & { id: string }): Promise<{ observed: unknown; wanted: unknown }> {
  switch (kind) {
    case 'getOrCreate':
      return callData((await send('POST', call(id), body)).call as CallView, (body.data ?? {}) as Record<string, unknown>);
    case 'join': {
      const { observed, wanted } = callData((await send('POST', call(id, '/join'), body)).call as CallView, (body.data ?? {}) as Record<string, unknown>);
      const joined = test.server.hub.inspect('livestream', id)!.participants.has(ADMIN.id);
      return { observed: { ...observed, joined }, wanted: { ...wanted, joined: true } };
    }
    case 'update':
      await send('POST', call(id), {});
      return callData((await send('PATCH', call(id), body)).call as CallView, body);
    case 'updateCallMembers': {
      await send('POST', call(id), { data: { members: [{ user_id: 'alice' }, { user_id: 'charlie' }] } });
      await send('POST', call(id, '/members'), body);
      const view = test.viewFor(ADMIN, 'livestream', id)!;
      const updated = (body.update_members ?? []) as { user_id: string; role?: string }[];
      const removed = (body.remove_members ?? []) as string[];
      return {
        observed: [...updated.map((m) => [m.user_id, view.members[m.user_id]?.role]), ...removed.map((userId) => [userId, view.members[userId]?.role])],
        wanted: [...updated.map((m) => [m.user_id, m.role ?? 'call_member']), ...removed.map((userId) => [userId, undefined])],
      };
    }
    case 'goLive': {
      await send('POST', call(id), {});
      const view = (await send('POST', call(id, '/go_live'), body)).call as CallView;
      return {
        observed: { backstage: view.backstage, hls: view.hls, recording: view.recording },
        wanted: { backstage: false, hls: !!body.start_hls, recording: !!body.start_recording },
      };
    }
    case 'stopLive': {
      await send('POST', call(id), {});
      await send('POST', call(id, '/go_live'), ALL_FEATURES);
      const view = (await send('POST', call(id, '/stop_live'), body)).call as CallView;
      return {
        observed: { backstage: view.backstage, hls: view.hls, recording: view.recording, transcribing: view.transcribing, captioning: view.captioning },
        wanted: {
          backstage: true,
          hls: !!body.continue_hls,
          recording: !!body.continue_recording,
          transcribing: !!body.continue_transcription,
          captioning: !!body.continue_closed_caption,
        },
      };
    }
    case 'updateCallType': {
      // The SDK's `name` is the path's; the rest is the body.
      const { name: _name, ...patch } = body;
      const callType = (await send('PUT', '/video/calltypes/livestream', patch)).call_type;
      return { observed: pick(callType, patch), wanted: patch };
    }
  }
}

describe('the reference documents’ examples', () => {
  it('finds the bodies of every kind the documents show', () => {
    const kinds = new Set(examples.map((example) => example.kind));
    expect([...kinds].sort()).toEqual(['getOrCreate', 'goLive', 'join', 'stopLive', 'update', 'updateCallMembers', 'updateCallType']);
    // 000 alone holds nine (JavaScript and cURL), 001 five, 002 a dozen.
    expect(examples.length).toBeGreaterThanOrEqual(25);
    expect(examples.some((example) => JSON.stringify(example.body).includes('"recording":{"mode":"disabled"}'))).toBe(true);
  });

  it.each(examples.map((example, index) => ({ ...example, id: `example-${index}` })))('$from is accepted and applied', async (example) => {
    test = await startServer();
    const { observed, wanted } = await replay(example);
    expect(observed).toEqual(wanted);
  });
});

describe('the call creation options of the reference table', () => {
  it('team restricts joining and watching to the team (global admins aside)', async () => {
    test = await startServer();
    const host: User = { id: 'hana', teams: ['blue'] };
    const member: User = { id: 'mia', teams: ['blue'] };
    const outsider: User = { id: 'otto', teams: ['red'] };
    const memberCall = (await test.client(member)).call('default', 'standup');
    const { status, body } = await test.request('POST', '/video/call/default/standup', {
      as: host,
      body: { ring: true, notify: true, data: { team: 'blue', members: [{ user_id: 'mia' }, { user_id: 'otto' }] } },
    });
    expect(status).toBe(201);
    expect(body.call).toMatchObject({ team: 'blue' });
    expect(test.server.hub.inspect('default', 'standup')).toMatchObject({ team: 'blue' });

    // A member of the team joins and watches; the outsider is refused, 403, and so is watching.
    await memberCall.join();
    expect(memberCall.getState().call).toMatchObject({ team: 'blue' });
    expect((await test.request('POST', '/video/call/default/standup/join', { as: ADMIN, body: {} })).status).toBe(200);
    const refusedJoin = await test.request('POST', '/video/call/default/standup/join', { as: outsider, body: {} });
    expect({ status: refusedJoin.status, code: refusedJoin.body.code, message: refusedJoin.body.message, refusal: refusedJoin.body.refusal }).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: "this call is only for members of the team 'blue'",
      refusal: 'team',
    });
    const refusedRead = await test.request('GET', '/video/call/default/standup', { as: outsider });
    expect(refusedRead.status).toBe(403);
    await expect(
      test.server.hub.subscribe({ user: outsider, deliver: () => undefined }, 'default', 'standup'),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // Creating a call for a team one is not in is refused: no one locks themselves out.
    const foreign = await test.request('POST', '/video/call/default/other', { as: outsider, body: { data: { team: 'blue' } } });
    expect(foreign.status).toBe(403);

    // Lifting the team lets everyone in again.
    await test.request('PATCH', '/video/call/default/standup', { as: host, body: { team: null } });
    expect(test.server.hub.inspect('default', 'standup')!.team).toBeUndefined();
    expect((await test.request('POST', '/video/call/default/standup/join', { as: outsider, body: {} })).status).toBe(200);
  });

  it('a development token carries the teams asked for', async () => {
    test = await startServer({ devTokens: true });
    await test.request('POST', '/video/call/default/blue-room', { as: { id: 'hana', teams: ['blue'] }, body: { data: { team: 'blue' } } });
    const mint = async (query: string) => ((await (await fetch(`${test.url}/dev/token?${query}`)).json()) as { token: string }).token;
    const joinWith = async (token: string) =>
      (await test.request('POST', '/video/call/default/blue-room/join', { auth: `Bearer ${token}`, body: {} })).status;
    expect(await joinWith(await mint('user_id=bo&teams=red,blue'))).toBe(200);
    expect(await joinWith(await mint('user_id=cy&teams=red'))).toBe(403);
  });

  it('rings and notifies the members of a new call, and only them', async () => {
    test = await startServer();
    const host: User = { id: 'hana' };
    const log: { user: string; event: CallEvent }[] = [];
    for (const user of ['mia', 'otto']) {
      await test.server.hub.subscribe(
        { user: { id: user }, deliver: (_cid, _seq, events) => events.forEach((event) => log.push({ user, event })) },
        'default',
        'ring',
      );
    }
    await test.request('POST', '/video/call/default/ring', {
      as: host,
      body: { ring: true, notify: true, data: { members: [{ user_id: 'mia' }, { user_id: 'zoe' }] } },
    });
    const told = log.filter(({ event }) => event.type === 'call.ring' || event.type === 'call.notification');
    expect(told.map(({ user, event }) => [user, event.type])).toEqual([
      ['mia', 'call.ring'],
      ['mia', 'call.notification'],
    ]);
    // Each member is told of themselves alone, however many are rung.
    expect(told[0]!.event).toMatchObject({ user_ids: ['mia'], by: 'hana' });
    // Ringing an existing call's members is for those who run it.
    const again = await test.request('POST', '/video/call/default/ring', { as: { id: 'otto' }, body: { ring: true } });
    expect({ status: again.status, capability: again.body.capability }).toEqual({ status: 403, capability: 'update-call' });
  });

  it('still refuses fields the reference does not have', async () => {
    test = await startServer();
    const { status, body } = await test.request('POST', '/video/call/default/x', { as: ADMIN, body: { data: { recording: { mode: 'disabled' } } } });
    expect({ status, code: body.code }).toEqual({ status: 400, code: 'INVALID_INPUT' });
    const bad = await test.request('POST', '/video/call/default/x', { as: ADMIN, body: { data: { settings_override: { recording: { mode: 'sometimes' } } } } });
    expect(bad.status).toBe(400);
  });
});
