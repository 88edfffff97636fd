import { createManualClock, createMemoryBackend, StageKitError, type CallEvent, type CallSideEffect, type User } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';

const FEATURES: [CallSideEffect, start: string, stop: string][] = [
  ['hls', 'start-broadcast-call', 'stop-broadcast-call'],
  ['recording', 'start-record-call', 'stop-record-call'],
  ['transcribing', 'start-transcription-call', 'stop-transcription-call'],
  ['captioning', 'start-closed-captions-call', 'stop-closed-captions-call'],
];

type Phase = 'backstage' | 'live' | 'stopped' | 'ended';

/** A livestream in the given phase, its host (alice) in it, and a viewer (bob) watching when it is live. */
async function showIn(phase: Phase) {
  const clock = createManualClock(START);
  const backend = createMemoryBackend({ clock, countsIntervalMs: 0 });
  const client = (user: User) => backend.client({ user }).call('livestream', 'show');
  const host = client({ id: 'alice' });
  await host.getOrCreate({ data: { members: [{ user_id: 'carol', role: 'host' }] } });
  await host.join();
  const viewer = client({ id: 'bob' });
  if (phase !== 'backstage') await host.goLive();
  if (phase === 'live') await viewer.join();
  if (phase === 'stopped') await host.stopLive();
  if (phase === 'ended') await host.endCall();
  return { backend, host, viewer, client, record: () => backend.inspect('livestream', 'show')! };
}

async function refusal(promise: Promise<unknown>): Promise<StageKitError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StageKitError);
  return error as StageKitError;
}

describe.each(FEATURES)('%s mid-show', (feature, startCapability, stopCapability) => {
  it.each(['backstage', 'live', 'stopped'] as const)('a host starts and stops it while the call is %s, and every watcher sees it', async (phase) => {
    const { host, client, record } = await showIn(phase);
    const cohost = client({ id: 'carol' });
    await cohost.get();
    const seen: CallEvent[] = [];
    cohost.on('call.feature_changed', (event) => seen.push(event));
    const before = record();

    await host.startFeature(feature);
    expect(record()[feature]).toBe(true);
    // Going live or not is the business of go live / stop live alone.
    expect(record().backstage).toBe(before.backstage);
    expect(host.getState().call![feature]).toBe(true);
    expect(cohost.getState().call![feature]).toBe(true);

    await host.stopFeature(feature);
    expect(record()[feature]).toBe(false);
    expect(cohost.getState().call![feature]).toBe(false);
    expect(seen.map((event) => event.type === 'call.feature_changed' && [event.feature, event.enabled])).toEqual([
      [feature, true],
      [feature, false],
    ]);
  });

  it('a viewer watching the live call sees it start', async () => {
    const { host, viewer } = await showIn('live');
    await host.startFeature(feature);
    expect(viewer.getState().call![feature]).toBe(true);
  });

  it('starting what runs, or stopping what does not, is INVALID_STATE and changes nothing', async () => {
    const { host, record } = await showIn('live');
    const stopped = await refusal(host.stopFeature(feature));
    expect(stopped.code).toBe('INVALID_STATE');
    expect(stopped.message).toMatch(/not running/);
    await host.startFeature(feature);
    const seq = record().seq;
    const started = await refusal(host.startFeature(feature));
    expect(started.code).toBe('INVALID_STATE');
    expect(started.message).toMatch(/already running/);
    expect(record().seq).toBe(seq);
  });

  it('is refused on an ended call', async () => {
    const { host, record } = await showIn('ended');
    expect((await refusal(host.startFeature(feature))).code).toBe('CALL_ENDED');
    expect(record()[feature]).toBe(false);
  });

  it(`a viewer is refused, FORBIDDEN naming '${startCapability}' and '${stopCapability}'`, async () => {
    const { host, viewer, record } = await showIn('live');
    const start = await refusal(viewer.startFeature(feature));
    expect(start).toMatchObject({ code: 'FORBIDDEN', capability: startCapability });
    await host.startFeature(feature);
    const stop = await refusal(viewer.stopFeature(feature));
    expect(stop).toMatchObject({ code: 'FORBIDDEN', capability: stopCapability });
    expect(record()[feature]).toBe(true);
  });

  it('a role granted only the start capability may start but not stop', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({
      clock,
      callTypes: { livestream: { grants: { user: ['create-call', 'read-call', 'join-call', startCapability as never] } } },
    });
    await backend.client({ user: { id: 'alice' } }).call('livestream', 'show').getOrCreate();
    const crew = backend.client({ user: { id: 'dave' } }).call('livestream', 'show');
    await crew.startFeature(feature);
    expect(backend.inspect('livestream', 'show')![feature]).toBe(true);
    expect(await refusal(crew.stopFeature(feature))).toMatchObject({ code: 'FORBIDDEN', capability: stopCapability });
  });
});

describe('recording settings', () => {
  it("refuses a recording while settings.recording.mode is 'disabled', mid-show or at go live", async () => {
    const { host, record } = await showIn('backstage');
    await host.update({ settings_override: { recording: { mode: 'disabled' } } });
    expect(host.getState().call!.settings.recording).toEqual({ mode: 'disabled', quality: '720p', audio_only: false });
    expect((await refusal(host.startFeature('recording'))).message).toMatch(/recording is disabled/);
    expect((await refusal(host.goLive({ start_recording: true }))).code).toBe('INVALID_STATE');
    expect(record()).toMatchObject({ recording: false, backstage: true });
  });

  it("'auto-on' starts the recording when the call goes live", async () => {
    const { host, record } = await showIn('backstage');
    await host.update({ settings_override: { recording: { mode: 'auto-on', quality: '1080p', audio_only: true } } });
    await host.goLive();
    expect(record()).toMatchObject({ recording: true, settings: { recording: { mode: 'auto-on', quality: '1080p', audio_only: true } } });
  });

  it("'auto-on' records from going live even for a host who may not start a recording by hand", async () => {
    const { backend, host, record } = await showIn('backstage');
    await host.update({ settings_override: { recording: { mode: 'auto-on' } } });
    backend.updateCallType('livestream', { grants: { host: ['read-call', 'join-call', 'join-backstage', 'update-call'] } });
    expect((await refusal(host.startFeature('recording'))).code).toBe('FORBIDDEN');
    await host.goLive();
    expect(record()).toMatchObject({ recording: true, backstage: false });
  });
});

describe('going live on a call open from the start (backstage off)', () => {
  it('records when it went live and starts the features asked for; a second go live is "already live"', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('default', 'room');
    await host.getOrCreate();
    expect(backend.inspect('default', 'room')).toMatchObject({ backstage: false, live_started_at: null });

    clock.advance(1_000);
    await host.goLive({ start_recording: true });
    expect(backend.inspect('default', 'room')).toMatchObject({ backstage: false, live_started_at: '2030-01-01T00:00:01.000Z', recording: true });
    const again = await refusal(host.goLive());
    expect(again).toMatchObject({ code: 'INVALID_STATE', message: 'the call is already live' });
  });

  it('records mid-show without going live first', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START) });
    const host = backend.client({ user: { id: 'alice' } }).call('default', 'room');
    await host.getOrCreate();
    await host.startFeature('recording');
    expect(backend.inspect('default', 'room')).toMatchObject({ recording: true, live_started_at: null });
  });

  it('enters backstage when backstage is enabled before it ever went live, and stays live after', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(START), countsIntervalMs: 0 });
    const host = backend.client({ user: { id: 'alice' } }).call('default', 'room');
    await host.getOrCreate();
    const viewer = backend.client({ user: { id: 'bob' } }).call('default', 'room');
    await viewer.join();
    await host.update({ settings_override: { backstage: { enabled: true } } });
    // In backstage now: a viewer without join-backstage is out, and may not come back until go live.
    expect(backend.inspect('default', 'room')).toMatchObject({ backstage: true });
    expect(backend.inspect('default', 'room')!.participants.has('bob')).toBe(false);
    expect((await refusal(viewer.join())).code).toBe('NOT_YET_OPEN');
    await host.goLive();
    await viewer.join();

    const live = backend.client({ user: { id: 'alice' } }).call('default', 'live-room');
    await live.getOrCreate();
    await live.goLive();
    await live.update({ settings_override: { backstage: { enabled: true } } });
    expect(backend.inspect('default', 'live-room')).toMatchObject({ backstage: false });
  });
});

describe('blocking on the memory backend', () => {
  it('refuses the blocked user everything and stops their store following the call, until unblocked', async () => {
    const { host, client, record } = await showIn('live');
    const troll = client({ id: 'tom' });
    await troll.join();
    await host.blockUser('tom', { reason: 'spam' });
    expect(record().participants.has('tom')).toBe(false);
    expect(troll.getState().call!.blocked_user_ids).toEqual(['tom']);
    expect(host.getState().call!.blocked_user_ids).toEqual(['tom']);

    await host.startFeature('recording');
    // The store heard the block, and nothing after it.
    expect(troll.getState().call!.recording).toBe(false);
    expect(await refusal(troll.join())).toMatchObject({ code: 'FORBIDDEN', message: 'you are blocked from this call' });
    expect((await refusal(troll.get())).code).toBe('FORBIDDEN');

    await host.unblockUser('tom');
    await troll.join();
    expect(troll.getState().call).toMatchObject({ recording: true, blocked_user_ids: [] });
  });
});
