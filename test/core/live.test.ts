import { createManualClock, createMemoryBackend, StageKitError } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';
const T0 = Date.parse(START);

describe('going live', () => {
  it('leaves backstage and records when, starting no side effect unless asked', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();
    expect(backend.inspect('livestream', 'show')).toMatchObject({ backstage: true, live_started_at: null });

    clock.advance(5_000);
    await host.goLive();
    expect(backend.inspect('livestream', 'show')).toMatchObject({
      backstage: false,
      live_started_at: new Date(T0 + 5_000).toISOString(),
      hls: false,
      recording: false,
      transcribing: false,
      captioning: false,
    });
    expect(host.getState().call).toMatchObject({ backstage: false, live_started_at: new Date(T0 + 5_000).toISOString() });
  });

  it('starts exactly the side effects asked for', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();

    await host.goLive({ start_hls: true, start_transcription: true });
    expect(backend.inspect('livestream', 'show')).toMatchObject({
      hls: true,
      recording: false,
      transcribing: true,
      captioning: false,
    });
  });

  it('starts all four side effects when all are asked for', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();

    await host.goLive({ start_hls: true, start_recording: true, start_transcription: true, start_closed_caption: true });
    expect(backend.inspect('livestream', 'show')).toMatchObject({
      hls: true,
      recording: true,
      transcribing: true,
      captioning: true,
    });
  });

  it.each([
    ['start_hls', 'start-broadcast-call'],
    ['start_recording', 'start-record-call'],
    ['start_transcription', 'start-transcription-call'],
    ['start_closed_caption', 'start-closed-captions-call'],
  ] as const)('needs the start capability for %s, names it, and changes nothing without it', async (flag, capability) => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({
      clock,
      callTypes: {
        livestream: {
          grants: {
            // A producer may go live but holds no start capability.
            producer: ['read-call', 'join-call', 'join-backstage', 'update-call'],
          },
        },
      },
    });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const producer = backend.client({ user: { id: 'pat' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { members: [{ user_id: 'pat', role: 'producer' }] } });
    const before = backend.inspect('livestream', 'show');

    const refusal = await producer.goLive({ [flag]: true }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(StageKitError);
    expect(refusal).toMatchObject({ code: 'FORBIDDEN', capability });
    expect(backend.inspect('livestream', 'show')).toBe(before);

    await producer.goLive();
    expect(backend.inspect('livestream', 'show')!.backstage).toBe(false);
  });

  it('needs update-call to go live', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    const before = backend.inspect('livestream', 'show');

    await expect(viewer.goLive()).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'update-call' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('refuses to go live twice with INVALID_STATE', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();
    const before = backend.inspect('livestream', 'show');

    await expect(host.goLive({ start_hls: true })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });
});

describe('stopping live', () => {
  it('returns to backstage and removes every participant without join-backstage, with their stage state and requests', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const onStage = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const requesting = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    const watching = backend.client({ user: { id: 'dan' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await onStage.join();
    await requesting.join();
    await watching.join();
    await onStage.stage.requestAccess();
    await host.stage.grantAccess(['bob']);
    await onStage.stage.join();
    await requesting.stage.requestAccess();
    clock.advance(60_000);

    await host.stopLive();
    const call = backend.inspect('livestream', 'show')!;
    expect(call.backstage).toBe(true);
    expect(call.live_ended_at).toBe(new Date(T0 + 60_000).toISOString());
    expect([...call.participants.keys()]).toEqual(['alice']);
    expect(call.stage.toJSON()).toEqual({ alice: 'ACCEPTED_TO_JOIN_STAGE' });
    expect(call.stage_requests.toArray()).toEqual([]);

    // The removed users' own views say they are out, and the host no longer sees their request.
    expect(onStage.getState().call!.participants).toEqual({ alice: expect.any(Object) });
    expect(onStage.getState().call!.stage.bob).toBeUndefined();
    expect(requesting.getState().call!.stage.carol).toBeUndefined();
    expect(host.getState().call!.stage_requests).toEqual([]);
  });

  it('keeps new viewers out again after stopping', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const late = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();
    await viewer.join();
    await host.stopLive();

    await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });
    await expect(late.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });
    expect([...backend.inspect('livestream', 'show')!.participants.keys()]).toEqual([]);
  });

  it('closes the join-ahead doors again, removing the viewers who came in through them', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate({
      data: { starts_at: new Date(T0 + 500_000), settings_override: { backstage: { join_ahead_time_seconds: 300 } } },
    });
    clock.advance(200_000);
    await viewer.join();
    await host.goLive();
    await host.stopLive();

    expect(backend.inspect('livestream', 'show')!.participants.get('bob')).toBeUndefined();
    clock.advance(100_000); // still inside what was the join-ahead window
    await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN', opensAt: null });
  });

  it('stops HLS, recording, transcription and captions by default', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive({ start_hls: true, start_recording: true, start_transcription: true, start_closed_caption: true });

    await host.stopLive();
    expect(backend.inspect('livestream', 'show')).toMatchObject({
      hls: false,
      recording: false,
      transcribing: false,
      captioning: false,
    });
    expect(host.getState().call).toMatchObject({ hls: false, recording: false, transcribing: false, captioning: false });
  });

  it.each([
    ['continue_hls', 'hls'],
    ['continue_recording', 'recording'],
    ['continue_transcription', 'transcribing'],
    ['continue_closed_caption', 'captioning'],
  ] as const)('keeps only what %s asks to keep', async (flag, field) => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive({ start_hls: true, start_recording: true, start_transcription: true, start_closed_caption: true });

    await host.stopLive({ [flag]: true });
    const { hls, recording, transcribing, captioning } = backend.inspect('livestream', 'show')!;
    expect({ hls, recording, transcribing, captioning }).toEqual({
      hls: field === 'hls',
      recording: field === 'recording',
      transcribing: field === 'transcribing',
      captioning: field === 'captioning',
    });
  });

  it('needs the stop capability of a running side effect it would stop', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({
      clock,
      callTypes: {
        livestream: {
          grants: { producer: ['read-call', 'join-call', 'join-backstage', 'update-call', 'stop-broadcast-call'] },
        },
      },
    });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const producer = backend.client({ user: { id: 'pat' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { members: [{ user_id: 'pat', role: 'producer' }] } });
    await host.goLive({ start_hls: true, start_recording: true });
    const before = backend.inspect('livestream', 'show');

    await expect(producer.stopLive()).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'stop-record-call' });
    expect(backend.inspect('livestream', 'show')).toBe(before);

    await producer.stopLive({ continue_recording: true });
    expect(backend.inspect('livestream', 'show')).toMatchObject({ backstage: true, hls: false, recording: true });
  });

  it('refuses to stop a call that is not live', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();
    const before = backend.inspect('livestream', 'show');

    await expect(host.stopLive()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('refuses to stop a call whose backstage is disabled, since it has nowhere to return to', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'open');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'open');
    await host.getOrCreate();
    await host.goLive();
    await viewer.join();
    await host.update({ settings_override: { backstage: { enabled: false } } });
    const before = backend.inspect('livestream', 'open');

    await expect(host.stopLive()).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(backend.inspect('livestream', 'open')).toBe(before);
  });

  it('needs update-call to stop live', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();
    await viewer.join();
    const before = backend.inspect('livestream', 'show');

    await expect(viewer.stopLive()).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'update-call' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });
});

describe('going live and back many times', () => {
  it('lets a call go live and stop three times, admitting and removing viewers each round', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.join({ create: true });

    for (let round = 1; round <= 3; round += 1) {
      clock.advance(10_000);
      await expect(viewer.join()).rejects.toMatchObject({ code: 'NOT_YET_OPEN' });
      await host.goLive({ start_hls: true });
      const liveAt = new Date(clock.now()).toISOString();
      await viewer.join();
      await viewer.stage.requestAccess();
      expect(backend.inspect('livestream', 'show')).toMatchObject({ backstage: false, hls: true, live_started_at: liveAt });

      clock.advance(10_000);
      await host.stopLive();
      const call = backend.inspect('livestream', 'show')!;
      expect(call).toMatchObject({
        backstage: true,
        hls: false,
        live_started_at: liveAt,
        live_ended_at: new Date(clock.now()).toISOString(),
      });
      expect([...call.participants.keys()]).toEqual(['alice']);
      expect(call.stage_requests.toArray()).toEqual([]);
      expect(viewer.getState().call!.stage.bob).toBeUndefined();
    }
  });

  it('lets a host keep HLS running across a stop and start it again without error', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive({ start_hls: true });
    await host.stopLive({ continue_hls: true });
    expect(backend.inspect('livestream', 'show')).toMatchObject({ backstage: true, hls: true });

    await host.goLive({ start_hls: true, start_recording: true });
    expect(backend.inspect('livestream', 'show')).toMatchObject({ backstage: false, hls: true, recording: true });
  });
});

describe('ending a call', () => {
  it('removes everyone, clears the stage and requests, and stops every side effect', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    const other = backend.client({ user: { id: 'carol' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive({ start_hls: true, start_recording: true });
    await viewer.join();
    await other.join();
    await viewer.stage.requestAccess();
    await host.stage.grantAccess(['bob']);
    await viewer.stage.join();
    await other.stage.requestAccess();
    clock.advance(1_000);

    await host.endCall();
    const call = backend.inspect('livestream', 'show')!;
    expect(call).toMatchObject({
      ended_at: new Date(T0 + 1_000).toISOString(),
      hls: false,
      recording: false,
    });
    expect(call.participants.size).toBe(0);
    expect(call.stage.size).toBe(0);
    expect(call.stage_requests.toArray()).toEqual([]);
    expect(viewer.getState().call).toMatchObject({ ended_at: call.ended_at, participants: {}, stage: {} });
    expect(host.getState().call!.stage_requests).toEqual([]);
  });

  it('refuses to act on an ended call: going live, stopping, stage actions and ending again', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    await host.join({ create: true });
    await host.goLive();
    await host.endCall();
    const before = backend.inspect('livestream', 'show');

    await expect(host.goLive()).rejects.toMatchObject({ code: 'CALL_ENDED' });
    await expect(host.stopLive()).rejects.toMatchObject({ code: 'CALL_ENDED' });
    await expect(host.endCall()).rejects.toMatchObject({ code: 'CALL_ENDED' });
    await expect(host.stage.grantAccess(['bob'])).rejects.toMatchObject({ code: 'CALL_ENDED' });
    await expect(host.stage.requestAccess()).rejects.toMatchObject({ code: 'CALL_ENDED' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });

  it('needs end-call', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'show');
    await host.getOrCreate();
    await host.goLive();
    await viewer.join();
    const before = backend.inspect('livestream', 'show');

    await expect(viewer.endCall()).rejects.toMatchObject({ code: 'FORBIDDEN', capability: 'end-call' });
    expect(backend.inspect('livestream', 'show')).toBe(before);
  });
});
