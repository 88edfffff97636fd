import { createManualClock, createMemoryBackend } from '../../src/core/index.js';

// The README's "core in thirty lines", run as written, so the first example a reader meets works.
it('runs the README example end to end', async () => {
  const clock = createManualClock('2030-01-01T00:00:00Z');
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'alice' } }).call('livestream', 'launch');
  const viewer = backend.client({ user: { id: 'bob' } }).call('livestream', 'launch');

  await host.getOrCreate({
    data: {
      starts_at: new Date(clock.now() + 500_000),
      settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 300 } },
    },
  });
  await host.join();
  await viewer.get();
  clock.advance(200_000);
  await viewer.join();
  await viewer.stage.requestAccess();
  const granted = await host.stage.grantAccess(['bob']);
  expect(granted.applied).toBe(1);
  await viewer.stage.join();
  expect(viewer.getState().call?.stage.bob).toBe('ON_STAGE');
  await host.goLive({ start_hls: true });
  await host.stopLive({ continue_hls: true });
  expect(viewer.getState().call).toMatchObject({ backstage: true, hls: true, participants: { alice: expect.anything() } });
  expect(viewer.getState().call?.participants.bob).toBeUndefined();
  await host.endCall();
  expect(viewer.getState().call?.ended_at).toBe('2030-01-01T00:03:20.000Z');
});
