import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { StageKitError, type Command, type User } from '../core/index.js';
import type { Hub } from './hub.js';
import { HTTP_STATUS } from './http-status.js';
import type { ServerLimits } from './limits.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { createToken } from './token.js';
import { createTokenVerifier } from './token-verifier.js';
import { CALL_ACTIONS, LIMIT_NAMES, LIMITED_ACTIONS, rejectUnknown, withInput, type Limited } from './http-actions.js';

export interface HttpAppOptions {
  hub: Hub;
  key: Uint8Array;
  limits: ServerLimits;
  /** Allowed origins for browsers; `*` by default, since requests carry a token, not cookies. */
  corsOrigin?: string | string[];
  /** Serve `GET /dev/token` (see the server's `devTokens` option); needs `secret`. */
  devTokens?: boolean;
  secret?: string;
  /** Called with any error that is not a StageKitError (answered 500). */
  onError?: (error: unknown) => void;
  /** Checks a token; one shared with the socket server checks a viewer's token once for both. */
  verify?: (token: string | undefined | null) => Promise<User>;
  /** Called after a user joined a call over HTTP, so one who never watches it can be dropped. */
  onJoined?: (user: User, type: string, id: string) => void;
}

type Env = { Variables: { user: User } };

/** The REST API: the reference paths under `/video`, also under `/api/v2/video` as in its examples. */
export function createHttpApp(options: HttpAppOptions): Hono<Env> {
  const { hub, key, limits } = options;
  const verify = options.verify ?? createTokenVerifier(key);
  const limiter = (burst: number, windowMs: number) => createRateLimiter({ burst, windowMs, now: () => hub.clock.now() });
  const limiters: Record<Limited, RateLimiter> = {
    requests: limiter(limits.requestBurst, limits.requestWindowMs),
    callReads: limiter(limits.callReadBurst, limits.callReadWindowMs),
    stageRequests: limiter(limits.stageRequestBurst, limits.stageRequestWindowMs),
    callCreates: limiter(limits.callCreateBurst, limits.callCreateWindowMs),
    callUpdates: limiter(limits.callUpdateBurst, limits.callUpdateWindowMs),
    memberUpdates: limiter(limits.memberUpdateBurst, limits.memberUpdateWindowMs),
    joinsAndLeaves: limiter(limits.joinLeaveBurst, limits.joinLeaveWindowMs),
    stageMoves: limiter(limits.stageMoveBurst, limits.stageMoveWindowMs),
    liveToggles: limiter(limits.liveToggleBurst, limits.liveToggleWindowMs),
    featureToggles: limiter(limits.featureToggleBurst, limits.featureToggleWindowMs),
    moderation: limiter(limits.moderationBurst, limits.moderationWindowMs),
    stageDecisions: limiter(limits.stageDecisionBurst, limits.stageDecisionWindowMs),
  };
  // One budget per call for everyone's actions together: many users each within their own
  // allowance still cannot flood one call's watchers.
  const callActions = limiter(limits.callActionBurst, limits.callActionWindowMs);

  /** Takes one of the user's tokens for `what`, or refuses with 429 and when to try again. */
  function limit(c: Context<Env>, what: Limited): void {
    refuseAfter(c, limiters[what].take(c.get('user').id), `too many ${LIMIT_NAMES[what]}`);
  }

  /** Takes one of the call's tokens for any action that changes it. */
  function limitCall(c: Context<Env>, type: string, id: string): void {
    refuseAfter(c, callActions.take(`${type}:${id}`), 'too many actions on this call');
  }

  function refuseAfter(c: Context<Env>, waitMs: number, what: string): void {
    if (waitMs === 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    c.header('Retry-After', String(seconds));
    throw new StageKitError('RATE_LIMITED', `${what}; try again in ${seconds} s`);
  }

  /** A call that does not exist yet counts against creating calls; one that does, against reading calls. */
  function limitCreate(c: Context<Env>, type: string, id: string): void {
    limit(c, hub.inspect(type, id) ? 'callReads' : 'callCreates');
  }

  const api = new Hono<Env>();

  api.use('/video/*', async (c, next) => {
    c.set('user', await verify(bearerToken(c.req.header('authorization'))));
    // Every request counts, before its body is read: a refusal must not cost more than an answer.
    limit(c, 'requests');
    await next();
  });

  api.get('/video/call/:type/:id', async (c) => {
    const { type, id } = c.req.param();
    limit(c, 'callReads');
    return answer(c, await hub.dispatch(c.get('user'), type, id, { type: 'get' }));
  });

  api.post('/video/call/:type/:id', async (c) => {
    const { type, id } = c.req.param();
    limitCreate(c, type, id);
    const body = await readBody(c);
    // Ringing the members of a call that exists is running it, and reaches up to every member.
    if ((body?.ring === true || body?.notify === true) && hub.inspect(type, id)) {
      limit(c, 'callUpdates');
      limitCall(c, type, id);
    }
    const command = withInput('getOrCreate')(body);
    return answer(c, await hub.dispatch(c.get('user'), type, id, command));
  });

  // The audience, a page at a time, for those who manage the stage.
  api.get('/video/call/:type/:id/participants', async (c) => {
    const { type, id } = c.req.param();
    limit(c, 'callReads');
    const { q, after, limit: size, ...rest } = c.req.query();
    rejectUnknown(rest);
    const input = {
      ...(q !== undefined && { q }),
      ...(after !== undefined && { after }),
      ...(size !== undefined && { limit: /^\d{1,4}$/.test(size) ? Number(size) : size }),
    };
    const { result } = await hub.dispatch(c.get('user'), type, id, { type: 'audience.query', input } as Command, { view: false });
    return c.json(result);
  });

  api.patch('/video/call/:type/:id', async (c) => {
    const { type, id } = c.req.param();
    limit(c, 'callUpdates');
    limitCall(c, type, id);
    const command = withInput('update')(await readBody(c));
    return answer(c, await hub.dispatch(c.get('user'), type, id, command));
  });

  for (const [action, toCommand] of Object.entries(CALL_ACTIONS)) {
    // The client has no use for a view in a stage action's answer, nor in a member update's, where
    // a view would carry every member (up to the cap) back for a change of a few.
    const withView = !action.startsWith('stage/') && action !== 'members';
    api.post(`/video/call/:type/:id/${action}`, async (c) => {
      const { type, id } = c.req.param();
      const limited = LIMITED_ACTIONS.get(action);
      if (limited) limit(c, limited);
      limitCall(c, type, id);
      const body = await readBody(c);
      const command = toCommand(body);
      if (action === 'join' && body?.create === true && !hub.inspect(type, id)) limit(c, 'callCreates');
      const user = c.get('user');
      const dispatched = await hub.dispatch(user, type, id, command, { view: withView });
      if (action === 'join') options.onJoined?.(user, type, id);
      return answer(c, dispatched);
    });
  }

  api.put('/video/calltypes/:name', async (c) => {
    const user = c.get('user');
    if (user.role !== 'admin') {
      throw new StageKitError('FORBIDDEN', "changing a call type needs the global role 'admin'");
    }
    limit(c, 'callUpdates');
    const callType = await hub.updateCallType(c.req.param('name'), (await readBody(c)) as never);
    return c.json({ call_type: callType });
  });

  const app = new Hono<Env>();
  app.use(
    '*',
    cors({
      origin: options.corsOrigin ?? '*',
      allowHeaders: ['Authorization', 'Content-Type'],
      allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'OPTIONS'],
      maxAge: 600,
    }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: (c) =>
        c.json(
          new StageKitError('INVALID_INPUT', `the request body is larger than ${limits.maxBodyBytes} bytes`, {
            fields: [{ path: 'body', message: `must be at most ${limits.maxBodyBytes} bytes` }],
          }).toJSON(),
          413,
        ),
    }),
  );
  // The server's time, for clients correcting their countdowns: `now` in ms since the epoch.
  app.get('/time', (c) => c.json({ now: hub.clock.now() }));
  if (options.devTokens && options.secret) {
    const secret = options.secret;
    app.get('/dev/token', async (c) => {
      const { user_id, role, name, teams } = c.req.query();
      const claims = { user_id: user_id ?? '', ...(role && { role }), ...(name && { name }), ...(teams && { teams: teams.split(',') }) };
      return c.json({ token: await createToken(secret, claims) });
    });
  }
  app.route('/', api);
  app.route('/api/v2', api);

  app.notFound((c) =>
    c.json(new StageKitError('NOT_FOUND', `there is no endpoint ${c.req.method} ${new URL(c.req.url).pathname}`).toJSON(), 404),
  );
  app.onError((error, c) => {
    if (error instanceof StageKitError) return c.json(error.toJSON(), HTTP_STATUS[error.code]);
    if (error instanceof HTTPException) {
      const status = error.status === 413 ? 413 : 400;
      return c.json(new StageKitError('INVALID_INPUT', error.message || 'the request could not be read').toJSON(), status);
    }
    // A client that went away mid-request is not the server's fault, and not worth a log line.
    if (!clientAborted(error)) options.onError?.(error);
    return c.json({ code: 'INTERNAL', message: 'the server failed to handle this request' }, 500);
  });
  return app;
}

function answer(c: Context<Env>, dispatched: { result: unknown; call: unknown; seq: number }) {
  // No view for a user who may not watch the call (a leave of a call they could see only from inside).
  const body = { ...(dispatched.result as object), ...(dispatched.call !== null && { call: dispatched.call }), seq: dispatched.seq };
  const created = (dispatched.result as { created?: boolean }).created === true;
  return c.json(body, created ? 201 : 200);
}

/** `Authorization: Bearer <token>`, or the bare token as the reference examples send it. */
function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return (match?.[1] ?? header).trim() || undefined;
}

/**
 * The JSON body, or undefined when there is none. Every body is a JSON object: other JSON (an
 * array, above all, which a lenient object check would read as `{}`) is refused here.
 */
async function readBody(c: Context<Env>): Promise<Record<string, unknown> | undefined> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StageKitError('INVALID_INPUT', `the request body is not valid JSON: ${detail}`, {
      fields: [{ path: 'body', message: 'is not valid JSON' }],
    });
  }
  return expectObject(body);
}

function expectObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new StageKitError('INVALID_INPUT', 'invalid input: input must be a JSON object', {
      fields: [{ path: 'input', message: 'must be a JSON object' }],
    });
  }
  return body as Record<string, unknown>;
}

function clientAborted(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || message === 'aborted';
}
