import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { Profiler, StrictMode, type ReactNode } from 'react';
import { createManualClock, createMemoryBackend, StageKitError, type Call } from '../../src/core/index.js';
import {
  StageCall,
  StageKitProvider,
  useBackstage,
  useCall,
  useCallMembers,
  useCallStatus,
  useGoLive,
  useHasCapability,
  useJoinAheadCountdown,
  useJoinCall,
  useMessages,
  useOnStage,
  useOwnCapabilities,
  useParticipants,
  useStageActions,
  useStageRequests,
  useStageStatus,
} from '../../src/react/index.js';

const T0 = '2030-01-01T00:00:00.000Z';

function wrapperFor(call: Call) {
  return ({ children }: { children: ReactNode }) => (
    <StageKitProvider>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function setup(options: { startsInSeconds?: number; joinAhead?: number } = {}) {
  const clock = createManualClock(T0);
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'host', name: 'Hana' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer', name: 'Vik' } }).call('livestream', 'show');
  const other = backend.client({ user: { id: 'other', name: 'Ola' } }).call('livestream', 'show');
  await host.getOrCreate({
    data: {
      ...(options.startsInSeconds !== undefined && { starts_at: new Date(clock.now() + options.startsInSeconds * 1000) }),
      settings_override: { backstage: { join_ahead_time_seconds: options.joinAhead ?? 0 } },
    },
  });
  await host.join();
  await viewer.get();
  await other.get();
  return { clock, backend, host, viewer, other };
}

describe('providers', () => {
  it('names the hook and the provider when a hook is used outside', () => {
    // React 18 also logs the thrown error; nothing else may be logged.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useStageStatus())).toThrow(/useStageStatus must be used inside <StageCall>/);
    expect(() => renderHook(() => useGoLive())).toThrow(/useGoLive must be used inside <StageCall>/);
    for (const args of errors.mock.calls) expect(String(args[0])).toMatch(/(useStageStatus|useGoLive) must be used inside <StageCall>|The above error occurred/);
    errors.mockRestore();
  });

  it('loads the call once through <StageCall type id>, also under StrictMode', async () => {
    const clock = createManualClock(T0);
    const backend = createMemoryBackend({ clock });
    await backend.client({ user: { id: 'host' } }).call('default', 'room').getOrCreate();
    const client = backend.client({ user: { id: 'viewer' } });
    const get = vi.spyOn(client.call('default', 'room'), 'get');
    function Status() {
      const { status } = useCallStatus();
      return <p>{status}</p>;
    }
    render(
      <StrictMode>
        <StageKitProvider client={client}>
          <StageCall type="default" id="room">
            <Status />
          </StageCall>
        </StageKitProvider>
      </StrictMode>,
    );
    expect(await screen.findByText('ready')).toBeTruthy();
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('reports a load error with the core error code', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(T0) });
    const client = backend.client({ user: { id: 'viewer' } });
    const { result } = renderHook(() => useCallStatus(), {
      wrapper: ({ children }) => (
        <StageKitProvider client={client}>
          <StageCall type="livestream" id="missing">
            {children}
          </StageCall>
        </StageKitProvider>
      ),
    });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toBeInstanceOf(StageKitError);
    expect(result.current.error?.code).toBe('NOT_FOUND');
  });
});

describe('state hooks', () => {
  it("follows a host's grant in the viewer's status", async () => {
    const { host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    const { result } = renderHook(() => useStageStatus(), { wrapper: wrapperFor(viewer) });
    expect(result.current).toBe('OFF_STAGE');
    await act(() => viewer.stage.requestAccess());
    expect(result.current).toBe('REQUESTED_TO_JOIN_STAGE');
    await act(() => host.stage.grantAccess(['viewer']));
    expect(result.current).toBe('ACCEPTED_TO_JOIN_STAGE');
    await act(() => viewer.stage.join());
    expect(result.current).toBe('ON_STAGE');
  });

  it("shows other users' pending requests to managers only", async () => {
    const { host, viewer, other } = await setup();
    await host.goLive();
    await viewer.join();
    await other.join();
    const asHost = renderHook(() => ({ requests: useStageRequests(), otherStatus: useStageStatus('other') }), {
      wrapper: wrapperFor(host),
    });
    const asViewer = renderHook(() => ({ requests: useStageRequests(), otherStatus: useStageStatus('other') }), {
      wrapper: wrapperFor(viewer),
    });
    await act(() => other.stage.requestAccess());
    expect(asHost.result.current.requests.map((r) => r.user_id)).toEqual(['other']);
    expect(asHost.result.current.otherStatus).toBe('REQUESTED_TO_JOIN_STAGE');
    expect(asViewer.result.current.requests).toEqual([]);
    expect(asViewer.result.current.otherStatus).toBe('OFF_STAGE');
  });

  it('flips canJoinNow exactly at the join-ahead boundary', async () => {
    const { clock, viewer } = await setup({ startsInSeconds: 500, joinAhead: 300 });
    const { result } = renderHook(() => useBackstage(), { wrapper: wrapperFor(viewer) });
    expect(result.current).toMatchObject({ enabled: true, isBackstage: true, isLive: false, canJoinNow: false, phase: 'scheduled' });
    expect(result.current.joinOpensAt?.toISOString()).toBe('2030-01-01T00:03:20.000Z');
    act(() => clock.advance(199_999));
    expect(result.current.canJoinNow).toBe(false);
    act(() => clock.advance(1));
    expect(result.current.canJoinNow).toBe(true);
    expect(result.current.phase).toBe('doors-open');
  });

  it('counts down to the doors, then to the start, then shows live', async () => {
    const { clock, host, viewer } = await setup({ startsInSeconds: 500, joinAhead: 300 });
    const { result } = renderHook(() => useJoinAheadCountdown(), { wrapper: wrapperFor(viewer) });
    expect(result.current).toMatchObject({ phase: 'scheduled', countingTo: 'doors-open', secondsRemaining: 200 });
    act(() => clock.advance(500));
    expect(result.current.secondsRemaining).toBe(200);
    act(() => clock.advance(500));
    expect(result.current.secondsRemaining).toBe(199);
    act(() => clock.advance(199_000));
    expect(result.current).toMatchObject({ phase: 'doors-open', countingTo: 'start', secondsRemaining: 300 });
    await act(() => host.goLive());
    expect(result.current).toMatchObject({ phase: 'live', countingTo: null, secondsRemaining: null });
  });

  it('ticks with real timers while counting, and not at all once live', async () => {
    vi.useFakeTimers({ now: new Date(T0) });
    try {
      const backend = createMemoryBackend();
      const host = backend.client({ user: { id: 'host' } }).call('livestream', 'timed');
      const viewer = backend.client({ user: { id: 'viewer' } }).call('livestream', 'timed');
      await host.getOrCreate({ data: { starts_at: new Date(Date.now() + 5_000) } });
      await viewer.get();
      let renders = 0;
      const { result } = renderHook(
        () => {
          renders += 1;
          return useJoinAheadCountdown();
        },
        { wrapper: wrapperFor(viewer) },
      );
      expect(result.current.secondsRemaining).toBe(5);
      const before = renders;
      for (let second = 0; second < 3; second += 1) act(() => vi.advanceTimersByTime(1_000));
      expect(result.current.secondsRemaining).toBe(2);
      expect(renders - before).toBe(3);
      act(() => vi.advanceTimersByTime(400));
      expect(renders - before).toBe(3);
      await act(() => host.goLive());
      const afterLive = renders;
      act(() => vi.advanceTimersByTime(10_000));
      expect(renders).toBe(afterLive);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads capabilities, members, participants and who is on stage', async () => {
    const { host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    const { result } = renderHook(
      () => ({
        caps: useOwnCapabilities(),
        canManage: useHasCapability('manage-stage'),
        canRequest: useHasCapability('request-stage', 'join-call'),
        members: useCallMembers(),
        participants: useParticipants(),
        onStage: useOnStage(),
        call: useCall(),
      }),
      { wrapper: wrapperFor(viewer) },
    );
    expect(result.current.caps).toContain('request-stage');
    expect(result.current.canManage).toBe(false);
    expect(result.current.canRequest).toBe(true);
    expect(result.current.members.map((m) => [m.user_id, m.role])).toEqual([['host', 'host']]);
    expect(result.current.participants.map((p) => p.user_id)).toEqual(['host', 'viewer']);
    expect(result.current.call).toBe(viewer);
    await act(() => viewer.stage.requestAccess());
    await act(() => host.stage.grantAccess(['viewer']));
    await act(() => viewer.stage.join());
    expect(result.current.onStage.map((p) => p.user_id)).toEqual(['viewer']);
    await act(() => host.stage.kick(['viewer']));
    expect(result.current.onStage).toEqual([]);
  });
});

describe('action hooks', () => {
  it("surface the core's error code and can be retried", async () => {
    const { clock, viewer } = await setup({ startsInSeconds: 500, joinAhead: 300 });
    const { result } = renderHook(() => useJoinCall(), { wrapper: wrapperFor(viewer) });
    await act(async () => {
      await result.current.mutateAsync().catch(() => {});
    });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(StageKitError));
    expect(result.current.error?.code).toBe('NOT_YET_OPEN');
    expect(result.current.error?.opensAt).toBe('2030-01-01T00:03:20.000Z');
    clock.advance(200_000);
    await act(() => result.current.mutateAsync());
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(viewer.getState().call?.participants.viewer).toBeDefined();
  });

  it('refuses a missing capability with the capability named', async () => {
    const { host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    const { result } = renderHook(() => useGoLive(), { wrapper: wrapperFor(viewer) });
    await act(async () => {
      await result.current.mutateAsync().catch(() => {});
    });
    await waitFor(() => expect(result.current.error?.code).toBe('FORBIDDEN'));
    expect(result.current.error?.capability).toBe('update-call');
    const stop = renderHook(() => useStageActions(), { wrapper: wrapperFor(viewer) });
    await act(async () => {
      await stop.result.current.grantAccess.mutateAsync(['other']).catch(() => {});
    });
    await waitFor(() => expect(stop.result.current.grantAccess.error?.code).toBe('FORBIDDEN'));
    expect(stop.result.current.grantAccess.error?.capability).toBe('manage-stage');
  });

  it('report pending, then return the per-id result of a bulk action', async () => {
    const { host, viewer, other } = await setup();
    await host.goLive();
    await viewer.join();
    await other.join();
    await viewer.stage.requestAccess();
    const { result } = renderHook(() => useStageActions(), { wrapper: wrapperFor(host) });
    let outcome: Awaited<ReturnType<typeof host.stage.grantAccess>> | undefined;
    await act(async () => {
      outcome = await result.current.grantAccess.mutateAsync(['viewer', 'other', 'nobody']);
    });
    expect(outcome?.results).toEqual([
      { user_id: 'viewer', applied: true, status: 'ACCEPTED_TO_JOIN_STAGE' },
      { user_id: 'other', applied: true, status: 'ACCEPTED_TO_JOIN_STAGE' },
      { user_id: 'nobody', applied: false, reason: 'NOT_IN_CALL', status: 'OFF_STAGE' },
    ]);
    await waitFor(() => expect(result.current.grantAccess.data?.applied).toBe(2));
  });

  it('runs an action once under StrictMode', async () => {
    const { host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    const request = vi.spyOn(viewer.stage, 'requestAccess');
    function Request() {
      const { requestAccess } = useStageActions();
      const status = useStageStatus();
      return (
        <button type="button" onClick={() => requestAccess.mutate()}>
          {status}
        </button>
      );
    }
    render(
      <StrictMode>
        <StageKitProvider>
          <StageCall call={viewer} load="none">
            <Request />
          </StageCall>
        </StageKitProvider>
      </StrictMode>,
    );
    await act(async () => screen.getByRole('button').click());
    expect(await screen.findByText('REQUESTED_TO_JOIN_STAGE')).toBeTruthy();
    expect(request).toHaveBeenCalledTimes(1);
  });
});

describe('loading and order', () => {
  it('loads afresh for a new client of the same user', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(T0) });
    await backend.client({ user: { id: 'host' } }).call('default', 'room').getOrCreate();
    const first = backend.client({ user: { id: 'viewer' } });
    const second = backend.client({ user: { id: 'viewer' } });
    function Status() {
      return <p>{useCallStatus().status}</p>;
    }
    const { rerender } = render(
      <StageKitProvider client={first}>
        <StageCall type="default" id="room">
          <Status />
        </StageCall>
      </StageKitProvider>,
    );
    expect(await screen.findByText('ready')).toBeTruthy();
    rerender(
      <StageKitProvider client={second}>
        <StageCall type="default" id="room">
          <Status />
        </StageCall>
      </StageKitProvider>,
    );
    expect(await screen.findByText('ready')).toBeTruthy();
    expect(second.call('default', 'room').getState().call).not.toBeNull();
  });

  it('lists participants and members in the order they came, numeric ids included', async () => {
    const clock = createManualClock(T0);
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'zed' } }).call('default', 'room');
    await host.getOrCreate({ data: { members: [{ user_id: 'zed', role: 'host' }] } });
    await host.join();
    for (const id of ['900', 'amy', '12']) {
      clock.advance(1_000);
      await host.updateCallMembers({ update_members: [{ user_id: id }] });
      await backend.client({ user: { id } }).call('default', 'room').join();
    }
    const { result } = renderHook(() => ({ participants: useParticipants(), members: useCallMembers() }), {
      wrapper: wrapperFor(host),
    });
    expect(result.current.participants.map((p) => p.user_id)).toEqual(['zed', '900', 'amy', '12']);
    expect(result.current.members.map((m) => m.user_id)).toEqual(['zed', '900', 'amy', '12']);
  });

  it('does not re-render message readers when an inline messages object repeats the same strings', async () => {
    const backend = createMemoryBackend({ clock: createManualClock(T0) });
    const call = backend.client({ user: { id: 'host' } }).call('default', 'room');
    await call.getOrCreate();
    let renders = 0;
    function Reader() {
      return <p>{useMessages().live}</p>;
    }
    const reader = (
      <Profiler id="reader" onRender={() => (renders += 1)}>
        <Reader />
      </Profiler>
    );
    function App({ tick }: { tick: number }) {
      return (
        <StageKitProvider call={call} messages={{ live: 'On air' }}>
          <span>{tick}</span>
          {reader}
        </StageKitProvider>
      );
    }
    const { rerender } = render(<App tick={0} />);
    expect(screen.getByText('On air')).toBeTruthy();
    const before = renders;
    rerender(<App tick={1} />);
    rerender(<App tick={2} />);
    expect(renders).toBe(before);
  });
});
