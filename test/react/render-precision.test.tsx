import { act, render } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { createManualClock, createMemoryBackend } from '../../src/core/index.js';
import {
  StageCall,
  StageKitProvider,
  useBackstage,
  useCallMembers,
  useJoinAheadCountdown,
  useOnStage,
  useOwnCapabilities,
  useParticipantCount,
  useParticipants,
  useStageRequests,
  useStageStatus,
} from '../../src/react/index.js';

const T0 = '2030-01-01T00:00:00.000Z';

const readers = {
  statusOfA: function useStatusOfA() {
    return useStageStatus('a');
  },
  statusOfB: function useStatusOfB() {
    return useStageStatus('b');
  },
  requests: function useRequestCount() {
    return useStageRequests().length;
  },
  countdown: function useSeconds() {
    return useJoinAheadCountdown().secondsRemaining;
  },
  backstage: function useCanJoin() {
    return useBackstage().canJoinNow;
  },
  capabilities: function useCapabilityCount() {
    return useOwnCapabilities().length;
  },
  members: function useMemberCount() {
    return useCallMembers().length;
  },
  participants: function useShownParticipants() {
    return useParticipants().length;
  },
  count: function useCount() {
    return useParticipantCount();
  },
  onStage: function useOnStageCount() {
    return useOnStage().length;
  },
};
type ReaderName = keyof typeof readers;

/** Renders one profiled component per hook and counts each one's commits. */
function renderReaders(call: Parameters<typeof StageCall>[0]['call']) {
  const commits = Object.fromEntries(Object.keys(readers).map((name) => [name, 0])) as Record<ReaderName, number>;
  const components = Object.entries(readers).map(([name, read]) => {
    function Reader() {
      return <span>{String(read())}</span>;
    }
    return (
      <Profiler key={name} id={name} onRender={() => (commits[name as ReaderName] += 1)}>
        <Reader />
      </Profiler>
    );
  });
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <StageKitProvider>
      <StageCall call={call!} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
  render(<Wrapper>{components}</Wrapper>);
  const reset = () => {
    for (const name of Object.keys(commits)) commits[name as ReaderName] = 0;
  };
  const rendered = () => Object.entries(commits).filter(([, n]) => n > 0).map(([name]) => name).sort();
  reset();
  return { commits, reset, rendered };
}

async function setup() {
  const clock = createManualClock(T0);
  // Counts told right after each change, so a commit follows the change that caused it.
  const backend = createMemoryBackend({ clock, countsIntervalMs: 0 });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  const a = backend.client({ user: { id: 'a' } }).call('livestream', 'show');
  const b = backend.client({ user: { id: 'b' } }).call('livestream', 'show');
  const c = backend.client({ user: { id: 'c' } }).call('livestream', 'show');
  await host.getOrCreate({
    data: {
      starts_at: new Date(clock.now() + 600_000),
      settings_override: { backstage: { join_ahead_time_seconds: 300 } },
    },
  });
  await host.join();
  clock.advance(300_000);
  await a.join();
  await b.join();
  await c.get();
  return { clock, host, a, b, c };
}

describe('render precision', () => {
  it("re-renders nothing that reads only user A when user B's status changes", async () => {
    const { host, b } = await setup();
    const { rendered, reset } = renderReaders(host);
    await act(() => b.stage.requestAccess());
    expect(rendered()).toEqual(['requests', 'statusOfB']);
    reset();
    await act(() => host.stage.grantAccess(['b']));
    expect(rendered()).toEqual(['requests', 'statusOfB']);
    reset();
    // On stage, b is shown to everyone: the participants follow.
    await act(() => b.stage.join());
    expect(rendered()).toEqual(['onStage', 'participants', 'statusOfB']);
  });

  it('re-renders only request readers on a new request seen by a viewer-side reader', async () => {
    const { a, b } = await setup();
    const { rendered } = renderReaders(a);
    // A viewer does not see B's request at all: nothing of A's re-renders.
    await act(() => b.stage.requestAccess());
    expect(rendered()).toEqual([]);
  });

  it('re-renders only countdown readers on a countdown tick', async () => {
    const { clock, host } = await setup();
    const { rendered, commits } = renderReaders(host);
    act(() => clock.advance(1_000));
    expect(rendered()).toEqual(['countdown']);
    expect(commits.countdown).toBe(1);
  });

  it('re-renders nothing on events no hook reads', async () => {
    const { host } = await setup();
    const { rendered } = renderReaders(host);
    await act(() => host.update({ custom: { title: 'Launch' } }));
    expect(rendered()).toEqual([]);
  });

  it('re-renders only the count when a viewer joins a livestream, where viewers are counted', async () => {
    const { host, c } = await setup();
    const { rendered } = renderReaders(host);
    await act(() => c.join());
    expect(rendered()).toEqual(['count']);
  });

  it('re-renders schedule readers when the call goes live, and the removed viewers\' readers on stop', async () => {
    const { host, b } = await setup();
    await b.stage.requestAccess();
    const { rendered, reset } = renderReaders(host);
    await act(() => host.goLive());
    expect(rendered()).toEqual(['backstage', 'countdown']);
    reset();
    await act(() => host.stopLive());
    // B is removed with their request; A too. Viewers of a livestream are counted, not shown.
    expect(rendered()).toEqual(['backstage', 'count', 'countdown', 'requests', 'statusOfB']);
  });
});
