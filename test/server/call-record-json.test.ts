import { callId, createWorld, execute, viewOf, type Command, type User, type World } from '../../src/core/index.js';
import { fromStored, toStored, type StoredRecord } from '../../src/server/call-record-json.js';

// A call's record as PostgreSQL keeps it. The stage is stored as a plain object of statuses and the
// pending requests as an array, oldest first, as before the engine held them in persistent maps: a
// snapshot stored by the older engine loads, and the engine now stores the very same JSON.

/** Written by the engine that kept the stage as a plain object: a live show with Bob on stage, Dan then Carol asking, Erin invited. */
const STORED_BEFORE = '{"cid":"livestream:show","type":"livestream","id":"show","created_by":"alice","created_at":"2030-01-01T00:00:01.000Z","updated_at":"2030-01-01T00:00:03.000Z","starts_at":null,"custom":{},"settings_override":{},"settings":{"backstage":{"enabled":true,"join_ahead_time_seconds":0},"audio":{"mic_default_on":true},"video":{"camera_default_on":true},"stage":{"max_pending_requests":100000},"recording":{"mode":"available","quality":"720p","audio_only":false},"audience":{"list_all_up_to":0}},"backstage":false,"live_started_at":"2030-01-01T00:00:03.000Z","live_ended_at":null,"ended_at":null,"hls":false,"recording":false,"transcribing":false,"captioning":false,"members":{"alice":{"user_id":"alice","role":"host","custom":{},"created_at":"2030-01-01T00:00:01.000Z"}},"participants":[["alice",{"user_id":"alice","role":"user","joined_at":"2030-01-01T00:00:02.000Z","name":"Alice"}],["dan",{"user_id":"dan","role":"user","joined_at":"2030-01-01T00:00:06.000Z","name":"Dan"}],["carol",{"user_id":"carol","role":"user","joined_at":"2030-01-01T00:00:05.000Z","name":"Carol"}],["bob",{"user_id":"bob","role":"user","joined_at":"2030-01-01T00:00:04.000Z","name":"Bob"}],["erin",{"user_id":"erin","role":"user","joined_at":"2030-01-01T00:00:07.000Z","name":"Erin"}]],"participants_by_role":{"host":1,"user":4},"counts":{"participant_count":0,"participants_count_by_role":{}},"listing":"counts","stage":{"alice":"ACCEPTED_TO_JOIN_STAGE","dan":"REQUESTED_TO_JOIN_STAGE","bob":"ON_STAGE","carol":"REQUESTED_TO_JOIN_STAGE","erin":"ACCEPTED_TO_JOIN_STAGE"},"stage_requests":[{"user_id":"dan","requested_at":"2030-01-01T00:00:08.000Z","name":"Dan"},{"user_id":"carol","requested_at":"2030-01-01T00:00:10.000Z","name":"Carol"}],"seq":24,"stage_invited":{"erin":true}}';

/** The same show, played through the engine as it is now. */
function playShow(): World {
  let world = createWorld();
  let now = Date.parse('2030-01-01T00:00:00.000Z');
  const run = (actor: User, command: Command) => {
    now += 1000;
    world = execute(world, { type: 'livestream', id: 'show', actor, command }, now).world;
  };
  const host = { id: 'alice', name: 'Alice' };
  run(host, { type: 'getOrCreate' });
  run(host, { type: 'join' });
  run(host, { type: 'goLive' });
  for (const [id, name] of [['bob', 'Bob'], ['carol', 'Carol'], ['dan', 'Dan'], ['erin', 'Erin']] as const) run({ id, name }, { type: 'join' });
  run({ id: 'dan' }, { type: 'stage.requestAccess' });
  run({ id: 'bob' }, { type: 'stage.requestAccess' });
  run({ id: 'carol' }, { type: 'stage.requestAccess' });
  run(host, { type: 'stage.grantAccess', user_ids: ['bob'] });
  run({ id: 'bob' }, { type: 'stage.join' });
  run(host, { type: 'stage.grantAccess', user_ids: ['erin'] });
  return world;
}

const CID = callId('livestream', 'show');

it('loads a record stored with the stage as a plain object, statuses, who is on stage and the queue in order', () => {
  const record = fromStored(JSON.parse(STORED_BEFORE) as StoredRecord);
  expect(record.stage.toJSON()).toEqual({
    alice: 'ACCEPTED_TO_JOIN_STAGE',
    bob: 'ON_STAGE',
    carol: 'REQUESTED_TO_JOIN_STAGE',
    dan: 'REQUESTED_TO_JOIN_STAGE',
    erin: 'ACCEPTED_TO_JOIN_STAGE',
  });
  expect(record.stage.get('bob')).toBe('ON_STAGE');
  expect([...record.on_stage.keys()]).toEqual(['bob']);
  expect(record.stage_requests.toArray().map((r) => r.user_id)).toEqual(['dan', 'carol']);
  expect(record.stage_requests.size).toBe(2);
  expect(record.participants.size).toBe(5);
  expect([...(record.stage_invited?.keys() ?? [])]).toEqual(['erin']);
});

it('loads and stores a record from before invitations were told apart with none', () => {
  const { stage_invited: _none, ...older } = JSON.parse(STORED_BEFORE) as StoredRecord;
  const record = fromStored(older);
  expect(record.stage_invited).toBeUndefined();
  expect(JSON.parse(JSON.stringify(toStored(record)))).toEqual(older);
});

it('stores a loaded record back as the same JSON', () => {
  const record = fromStored(JSON.parse(STORED_BEFORE) as StoredRecord);
  const stored = JSON.stringify(toStored(record));
  expect(JSON.parse(stored)).toEqual(JSON.parse(STORED_BEFORE));
  expect(stored).not.toContain('on_stage');
  // And again: a record loaded from what the engine now stores is the same record.
  expect(JSON.parse(JSON.stringify(toStored(fromStored(JSON.parse(stored) as StoredRecord))))).toEqual(JSON.parse(STORED_BEFORE));
});

it('stores a record the engine makes now as the same JSON the engine stored before', () => {
  const record = playShow().calls.get(CID)!;
  expect(JSON.parse(JSON.stringify(toStored(record)))).toEqual(JSON.parse(STORED_BEFORE));
});

it('shows and runs a loaded record as the record it was stored from', () => {
  const world = playShow();
  const type = world.callTypes.get('livestream')!;
  const played = world.calls.get(CID)!;
  const loaded = fromStored(JSON.parse(STORED_BEFORE) as StoredRecord);
  for (const user of [{ id: 'alice' }, { id: 'dan' }, { id: 'erin' }, { id: 'zoe' }]) expect(viewOf(loaded, type, user)).toEqual(viewOf(played, type, user));
  expect(viewOf(loaded, type, { id: 'dan' }).stage).toEqual({ bob: 'ON_STAGE', dan: 'REQUESTED_TO_JOIN_STAGE' });
  expect(viewOf(loaded, type, { id: 'alice' }).stage_requests.map((r) => r.user_id)).toEqual(['dan', 'carol']);

  // The queue keeps its order on: Carol granted, Dan still first; a new request goes last.
  const world2 = { ...world, calls: new Map(world.calls).set(CID, loaded) };
  const granted = execute(world2, { type: 'livestream', id: 'show', actor: { id: 'alice' }, command: { type: 'stage.grantAccess', user_ids: ['carol'] } }, Date.parse('2030-01-01T00:01:00.000Z')).world;
  const left = execute(granted, { type: 'livestream', id: 'show', actor: { id: 'bob' }, command: { type: 'stage.leave' } }, Date.parse('2030-01-01T00:01:01.000Z')).world;
  const asked = execute(left, { type: 'livestream', id: 'show', actor: { id: 'bob' }, command: { type: 'stage.requestAccess' } }, Date.parse('2030-01-01T00:01:02.000Z')).world;
  const after = asked.calls.get(CID)!;
  expect(after.stage_requests.toArray().map((r) => r.user_id)).toEqual(['dan', 'bob']);
  expect(after.on_stage.size).toBe(0);
  expect(after.stage.get('carol')).toBe('ACCEPTED_TO_JOIN_STAGE');
});
