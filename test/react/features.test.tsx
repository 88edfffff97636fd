import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import {
  StageCall,
  StageKitProvider,
  useBlockedUsers,
  useBlockUser,
  useCallFeature,
  useCallFeatures,
  useToggleRecording,
  useUnblockUser,
} from '../../src/react/index.js';

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
  const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00.000Z') });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer' } }).call('livestream', 'show');
  await host.getOrCreate();
  await viewer.get();
  return { backend, host, viewer };
}

describe('feature hooks', () => {
  it('useToggleRecording starts with true, stops with false, and turns it over with no argument; the state hooks follow', async () => {
    const { backend, host, viewer } = await setup();
    const { result } = renderHook(() => ({ toggle: useToggleRecording(), features: useCallFeatures() }), { wrapper: wrapperFor(host) });
    const watched = renderHook(() => useCallFeature('recording'), { wrapper: wrapperFor(viewer) });
    expect(result.current.features).toEqual({ hls: false, recording: false, transcribing: false, captioning: false });

    await act(() => result.current.toggle.mutateAsync(true));
    expect(backend.inspect('livestream', 'show')!.recording).toBe(true);
    expect(result.current.features.recording).toBe(true);
    expect(watched.result.current).toBe(true);

    await act(() => result.current.toggle.mutateAsync());
    expect(backend.inspect('livestream', 'show')!.recording).toBe(false);
    expect(watched.result.current).toBe(false);

    // Asking to stop what is stopped is reported, not thrown.
    act(() => result.current.toggle.mutate(false));
    await waitFor(() => expect(result.current.toggle.error?.code).toBe('INVALID_STATE'));
  });

  it('keeps the same features object while nothing about them changes', async () => {
    const { host } = await setup();
    const { result } = renderHook(() => useCallFeatures(), { wrapper: wrapperFor(host) });
    const first = result.current;
    await act(() => host.update({ custom: { title: 'new' } }));
    expect(result.current).toBe(first);
  });
});

describe('moderation hooks', () => {
  it('block and unblock a user; the host sees the list, the viewer does not see others', async () => {
    const { backend, host } = await setup();
    const other = backend.client({ user: { id: 'other' } }).call('livestream', 'show');
    await other.get();
    const { result } = renderHook(() => ({ block: useBlockUser(), unblock: useUnblockUser(), blocked: useBlockedUsers() }), { wrapper: wrapperFor(host) });
    const seen = renderHook(() => useBlockedUsers(), { wrapper: wrapperFor(other) });
    await act(() => result.current.block.mutateAsync({ user_id: 'viewer', reason: 'spam' }));
    expect(result.current.blocked).toEqual(['viewer']);
    expect(seen.result.current).toEqual([]);
    await act(() => result.current.unblock.mutateAsync({ user_id: 'viewer' }));
    expect(result.current.blocked).toEqual([]);
  });
});
