import { createManualClock, createMemoryBackend, joinWindow, systemClock } from '../../src/core/index.js';

const START = '2030-01-01T00:00:00.000Z';
const T0 = Date.parse(START);

describe('the manual clock', () => {
  it('starts where told, moves only when told, and tells its listeners', () => {
    const clock = createManualClock(START);
    const seen: number[] = [];
    const unsubscribe = clock.subscribe(() => seen.push(clock.now()));
    expect(clock.now()).toBe(T0);

    clock.advance(1_500);
    clock.set(new Date(T0 + 10_000));
    clock.set('2030-01-01T00:01:00Z');
    unsubscribe();
    clock.advance(1);

    expect(seen).toEqual([T0 + 1_500, T0 + 10_000, T0 + 60_000]);
    expect(clock.now()).toBe(T0 + 60_001);
  });

  it('is the only source of time a backend reads', async () => {
    const clock = createManualClock(START);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'show');
    expect(backend.clock).toBe(clock);

    await host.join({ create: true });
    clock.advance(42_000);
    await host.goLive();

    const call = backend.inspect('livestream', 'show')!;
    expect(call.created_at).toBe(START);
    expect(call.participants.get('alice')!.joined_at).toBe(START);
    expect(call.live_started_at).toBe('2030-01-01T00:00:42.000Z');
    expect(call.updated_at).toBe('2030-01-01T00:00:42.000Z');
  });

  it('falls back to the system clock', () => {
    const backend = createMemoryBackend();
    expect(backend.clock).toBe(systemClock);
    const before = Date.now();
    expect(systemClock.now()).toBeGreaterThanOrEqual(before);
  });
});

describe('the join window', () => {
  const base = {
    backstage: true,
    settings: {
      backstage: { enabled: true, join_ahead_time_seconds: 300 },
      audio: { mic_default_on: true },
      video: { camera_default_on: true },
      stage: { max_pending_requests: 10 },
      recording: { mode: 'available' as const, quality: '720p' as const, audio_only: false },
      audience: { list_all_up_to: 0 },
    },
    starts_at: new Date(T0 + 500_000).toISOString(),
    ended_at: null,
    live_ended_at: null,
  };

  it('counts down to the doors, then to the start, then stays open', () => {
    expect(joinWindow(base, T0 + 199_999)).toMatchObject({
      phase: 'scheduled',
      joinOpensAt: T0 + 200_000,
      nextBoundaryAt: T0 + 200_000,
      countingTo: 'doors-open',
    });
    expect(joinWindow(base, T0 + 200_000)).toMatchObject({ phase: 'doors-open', nextBoundaryAt: T0 + 500_000, countingTo: 'start' });
    expect(joinWindow(base, T0 + 600_000)).toMatchObject({ phase: 'doors-open', nextBoundaryAt: null, countingTo: null });
  });

  it('counts down to the start alone without a join-ahead time', () => {
    const noAhead = { ...base, settings: { ...base.settings, backstage: { enabled: true, join_ahead_time_seconds: 0 } } };
    expect(joinWindow(noAhead, T0)).toMatchObject({ phase: 'scheduled', joinOpensAt: null, countingTo: 'start', nextBoundaryAt: T0 + 500_000 });
    expect(joinWindow({ ...base, starts_at: null }, T0)).toMatchObject({ phase: 'unscheduled', joinOpensAt: null });
  });

  it('reads live, ended and closed-by-stop from the call', () => {
    expect(joinWindow({ ...base, backstage: false }, T0).phase).toBe('live');
    expect(joinWindow({ ...base, ended_at: START }, T0).phase).toBe('ended');
    const stopped = { ...base, live_ended_at: new Date(T0 + 250_000).toISOString() };
    expect(joinWindow(stopped, T0 + 260_000)).toMatchObject({ phase: 'scheduled', countingTo: 'start' });
    // A stop before the doors opened does not keep them shut.
    const early = { ...base, live_ended_at: new Date(T0 + 100_000).toISOString() };
    expect(joinWindow(early, T0 + 200_000).phase).toBe('doors-open');
  });
});
