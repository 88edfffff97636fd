import {
  builtInCallTypes,
  callId,
  createCall,
  createManualClock,
  executeCall,
  projectEvents,
  viewOf,
  type CallRecord,
  type Command,
  type User,
} from '../src/core/index.js';
import { STORY_START, type Scenario } from './scenario.js';

const TYPE = 'livestream';
const ID = 'show';
const HOST: User = { id: 'hana', name: 'Hana' };

/**
 * A live call seeded by `seed`, watched by its host through a call handle with the real engine
 * behind every action: large crowds are set up without a client per person.
 */
function hostedScenario(seed: (call: CallRecord, at: string, run: (actor: User, command: Command) => CallRecord) => CallRecord): Scenario {
  const clock = createManualClock(STORY_START);
  const callType = builtInCallTypes().get(TYPE)!;
  const at = new Date(clock.now()).toISOString();
  let call: CallRecord | null = null;
  const execute = (actor: User, command: Command) => {
    const outcome = executeCall(callType, call, { type: TYPE, id: ID, actor, command }, clock.now());
    call = outcome.after;
    return outcome;
  };
  const run = (actor: User, command: Command) => execute(actor, command).after!;
  run(HOST, { type: 'join', input: { create: true } });
  run(HOST, { type: 'goLive' });
  call = seed(call!, at, run);

  const handle = createCall({
    type: TYPE,
    id: ID,
    user: HOST,
    clock,
    send: (command) => {
      try {
        const outcome = execute(HOST, command);
        if (outcome.after && outcome.after !== outcome.before) {
          const input = { before: outcome.before, after: outcome.after, beforeType: callType, afterType: callType, events: outcome.events };
          handle.receive(projectEvents(input, HOST));
        }
        return Promise.resolve(outcome.result as never);
      } catch (error) {
        return Promise.reject(error);
      }
    },
  });
  const seeded = call as CallRecord;
  handle.receive([{ type: 'call.state', call: viewOf(seeded, callType, HOST), cid: callId(TYPE, ID), seq: seeded.seq, created_at: at }]);
  return { clock, backend: null, calls: { hana: handle.call }, call: handle.call };
}

/**
 * A live call whose host faces `requests` pending stage requests. The requests are written into
 * the call at once, as a queue that built up over a show.
 */
export function crowdedScenario(requests: number): Scenario {
  return hostedScenario((record, at) => {
    let participants = record.participants;
    let stage = record.stage;
    let stage_requests = record.stage_requests;
    for (let i = 1; i <= requests; i++) {
      const user_id = `viewer-${i}`;
      const name = `Viewer ${i}`;
      participants = participants.set(user_id, { user_id, name, role: 'user', joined_at: at });
      stage = stage.set(user_id, 'REQUESTED_TO_JOIN_STAGE');
      stage_requests = stage_requests.add({ user_id, name, requested_at: at });
    }
    return { ...record, participants, stage, stage_requests };
  });
}

/** A live call with `viewers` in its audience, each joined through the engine, and its counts told. */
export function audienceScenario(viewers: number): Scenario {
  return hostedScenario((_record, _at, run) => {
    for (let i = 1; i <= viewers; i++) run({ id: `viewer-${i}`, name: `Viewer ${i}` }, { type: 'join' });
    return run(HOST, { type: 'audience.publishCounts' });
  });
}
