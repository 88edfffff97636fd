import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import { StageCall, StageKitProvider, useBackstage, useCallPhase } from '../../src/react/index.js';

function wrapperFor(call: Call) {
  return ({ children }: { children: ReactNode }) => (
    <StageKitProvider>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function setup() {
  const clock = createManualClock('2030-01-01T00:00:00Z');
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'phase');
  const viewer = backend.client({ user: { id: 'viewer' } }).call('livestream', 'phase');
  await host.getOrCreate({ data: { starts_at: new Date(clock.now() + 500_000), settings_override: { backstage: { join_ahead_time_seconds: 300 } } } });
  await viewer.get();
  return { clock, host, viewer };
}

describe('useCallPhase', () => {
  it('reads the same phase and join verdict as useBackstage, moving with the clock', async () => {
    const { clock, host, viewer } = await setup();
    const { result } = renderHook(() => ({ phase: useCallPhase(), backstage: useBackstage() }), { wrapper: wrapperFor(viewer) });
    const same = () => expect(result.current.phase).toEqual({ phase: result.current.backstage.phase, canJoinNow: result.current.backstage.canJoinNow });
    expect(result.current.phase).toEqual({ phase: 'scheduled', canJoinNow: false });
    same();
    act(() => clock.advance(200_000));
    expect(result.current.phase).toEqual({ phase: 'doors-open', canJoinNow: true });
    same();
    await act(() => host.goLive());
    expect(result.current.phase).toEqual({ phase: 'live', canJoinNow: true });
    same();
    await act(() => host.endCall());
    expect(result.current.phase).toEqual({ phase: 'ended', canJoinNow: false });
    same();
  });
});
