import {
  callId,
  createCall,
  createManualClock,
  createWorld,
  execute,
  executeCall,
  projectEvents,
  viewOf,
  type Command,
  type User,
} from '../src/core/index.js';
import { STORY_START, type Scenario } from './scenario.js';

/**
 * A live call whose host faces `requests` pending stage requests, with the real engine behind
 * the host's actions. The crowd is written into the call at once: asking one by one would take
 * the engine minutes at 10,000, since every action copies the call's participants.
 */
export function crowdedScenario(requests: number): Scenario {
  const clock = createManualClock(STORY_START);
  const host: User = { id: 'hana', name: 'Hana' };
  const type = 'livestream';
  const id = 'show';
  const cid = callId(type, id);
  let world = createWorld();
  const run = (actor: User, command: Command) => {
    const outcome = execute(world, { type, id, actor, command }, clock.now());
    world = outcome.world;
    return outcome;
  };
  run(host, { type: 'getOrCreate' });
  run(host, { type: 'join' });
  run(host, { type: 'goLive' });

  const record = world.calls.get(cid)!;
  const at = new Date(clock.now()).toISOString();
  let participants = record.participants;
  const stage = { ...record.stage };
  const stage_requests = [];
  for (let i = 1; i <= requests; i++) {
    const user_id = `viewer-${i}`;
    const name = `Viewer ${i}`;
    participants = participants.set(user_id, { user_id, name, role: 'user', joined_at: at });
    stage[user_id] = 'REQUESTED_TO_JOIN_STAGE';
    stage_requests.push({ user_id, name, requested_at: at });
  }
  world = { ...world, calls: new Map(world.calls).set(cid, { ...record, participants, stage, stage_requests }) };

  const handle = createCall({
    type,
    id,
    user: host,
    clock,
    send: (command) => {
      try {
        const outcome = run(host, command);
        if (outcome.after) {
          const callType = world.callTypes.get(type)!;
          const input = { before: outcome.before, after: outcome.after, beforeType: callType, afterType: callType, events: outcome.events };
          handle.receive(projectEvents(input, host));
        }
        return Promise.resolve(outcome.result as never);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  });
  const after = world.calls.get(cid)!;
  handle.receive([{ type: 'call.state', call: viewOf(after, world.callTypes.get(type)!, host), cid, seq: after.seq, created_at: at }]);
  return { clock, backend: null, calls: { hana: handle.call }, call: handle.call };
}

/**
 * A live call with `viewers` in its audience, each joined through the engine (a join costs the
 * same in any crowd), watched by its host.
 */
export function audienceScenario(viewers: number): Scenario {
  const clock = createManualClock(STORY_START);
  const host: User = { id: 'hana', name: 'Hana' };
  const type = 'livestream';
  const id = 'show';
  const cid = callId(type, id);
  let world = createWorld();
  const run = (actor: User, command: Command) => {
    const outcome = execute(world, { type, id, actor, command }, clock.now());
    world = outcome.world;
    return outcome;
  };
  run(host, { type: 'join', input: { create: true } });
  run(host, { type: 'goLive' });
  const callType = world.callTypes.get(type)!;
  let call = world.calls.get(cid)!;
  for (let i = 1; i <= viewers; i++) {
    call = executeCall(callType, call, { type, id, actor: { id: `viewer-${i}`, name: `Viewer ${i}` }, command: { type: 'join' } }, clock.now()).after!;
  }
  world = { ...world, calls: new Map(world.calls).set(cid, call) };
  run(host, { type: 'audience.publishCounts' });
  const handle = createCall({
    type,
    id,
    user: host,
    clock,
    send: (command) => {
      try {
        const outcome = run(host, command);
        if (outcome.after && outcome.after !== outcome.before) {
          const input = { before: outcome.before, after: outcome.after, beforeType: callType, afterType: callType, events: outcome.events };
          handle.receive(projectEvents(input, host));
        }
        return Promise.resolve(outcome.result as never);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  });
  const after = world.calls.get(cid)!;
  handle.receive([{ type: 'call.state', call: viewOf(after, callType, host), cid, seq: after.seq, created_at: new Date(clock.now()).toISOString() }]);
  return { clock, backend: null, calls: { hana: handle.call }, call: handle.call };
}
