import {
  callId,
  createManualClock,
  createMemoryBackend,
  createWorld,
  execute,
  type Call,
  type Command,
  type User,
  type World,
} from '../../src/core/index.js';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const TYPE = 'livestream';
const ID = 'bench';
const HOST: User = { id: 'host' };

export const viewerIds = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);

/**
 * A live call with a host and `users` joined viewers, built through the pure engine; also times the
 * joins, overall and for the last thousand (the cost per join grows with the call). A `default` call
 * is open from the start and gives everyone `join-stage`, so each joiner gets a stage status too.
 */
export function liveWorld(users: number, type: string = TYPE): { world: World; joinMs: number; lastThousandMs: number } {
  let world = createWorld();
  const run = (actor: User, command: Command) => {
    world = execute(world, { type, id: ID, actor, command }, T0).world;
  };
  run(HOST, { type: 'getOrCreate' });
  run(HOST, { type: 'join' });
  if (type === TYPE) run(HOST, { type: 'goLive' });
  const ids = viewerIds(users);
  const start = performance.now();
  let lastThousand = start;
  ids.forEach((id, i) => {
    if (i === users - 1000) lastThousand = performance.now();
    run({ id }, { type: 'join' });
  });
  const end = performance.now();
  return { world, joinMs: end - start, lastThousandMs: end - lastThousand };
}

export interface Throughput {
  commands: number;
  transitions: number;
  ms: number;
}

/**
 * Each viewer in turn walks the whole stage cycle: request, granted by the host, joins the stage,
 * leaves it. Every command moves one stage status, so commands and transitions are the same count.
 */
export function engineCycles(world: World, ids: readonly string[]): Throughput {
  let w = world;
  const run = (actor: User, command: Command) => {
    w = execute(w, { type: TYPE, id: ID, actor, command }, T0).world;
  };
  const start = performance.now();
  for (const id of ids) {
    const viewer = { id };
    run(viewer, { type: 'stage.requestAccess' });
    run(HOST, { type: 'stage.grantAccess', user_ids: [id] });
    run(viewer, { type: 'stage.join' });
    run(viewer, { type: 'stage.leave' });
  }
  return { commands: ids.length * 4, transitions: ids.length * 4, ms: performance.now() - start };
}

/** Every viewer requests, then one bulk grant accepts them all: one command, `ids.length` transitions. */
export function engineBulkGrant(world: World, ids: readonly string[]): { requestMs: number; grantMs: number; transitions: number } {
  let w = world;
  const start = performance.now();
  for (const id of ids) w = execute(w, { type: TYPE, id: ID, actor: { id }, command: { type: 'stage.requestAccess' } }, T0).world;
  const requested = performance.now();
  const outcome = execute(w, { type: TYPE, id: ID, actor: HOST, command: { type: 'stage.grantAccess', user_ids: [...ids] } }, T0);
  const done = performance.now();
  return { requestMs: requested - start, grantMs: done - requested, transitions: outcome.result.applied };
}

/** The host invites each viewer in turn, one command each: the invitations out grow to `ids.length`. */
export function engineInvites(world: World, ids: readonly string[]): { ms: number } {
  let w = world;
  const start = performance.now();
  for (const id of ids) w = execute(w, { type: TYPE, id: ID, actor: HOST, command: { type: 'stage.grantAccess', user_ids: [id] } }, T0).world;
  return { ms: performance.now() - start };
}

export function participantCount(world: World, type: string = TYPE): number {
  return world.calls.get(callId(type, ID))!.participants.size;
}

/**
 * The in-memory store with `users` joined clients, each watching the call as a real client does.
 * Returns the calls and each join's time; stops early (complete: false) when `budgetMs` runs out.
 */
export async function memoryStore(users: number, budgetMs: number) {
  const clock = createManualClock(T0);
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: HOST }).call(TYPE, ID);
  await host.getOrCreate();
  await host.join();
  await host.goLive();
  const viewers: Call[] = [];
  const start = performance.now();
  const joinMs: number[] = [];
  for (const id of viewerIds(users)) {
    const t = performance.now();
    const call = backend.client({ user: { id } }).call(TYPE, ID);
    await call.join();
    viewers.push(call);
    joinMs.push(performance.now() - t);
    if (performance.now() - start > budgetMs) return { host, viewers, joinMs, complete: false as const };
  }
  return { host, viewers, joinMs, complete: true as const };
}

/** The same stage cycle as `engineCycles`, through the memory store: every change fans out to every client. */
export async function memoryCycles(host: Call, viewers: readonly Call[]): Promise<Throughput> {
  const start = performance.now();
  for (const viewer of viewers) {
    await viewer.stage.requestAccess();
    await host.stage.grantAccess([viewer.user.id]);
    await viewer.stage.join();
    await viewer.stage.leave();
  }
  return { commands: viewers.length * 4, transitions: viewers.length * 4, ms: performance.now() - start };
}
