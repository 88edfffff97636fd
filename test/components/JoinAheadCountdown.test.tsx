import { act, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import { JoinAheadCountdown, StageCall, StageKitProvider, formatDuration } from '../../src/components/index.js';

function Providers({ call, children }: { call: Call; children: ReactNode }) {
  return (
    <StageKitProvider>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function setup(data: { startsInSeconds?: number; joinAhead?: number }) {
  const clock = createManualClock('2030-01-01T00:00:00Z');
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer' } }).call('livestream', 'show');
  await host.getOrCreate({
    data: {
      ...(data.startsInSeconds !== undefined && { starts_at: new Date(clock.now() + data.startsInSeconds * 1000) }),
      settings_override: { backstage: { join_ahead_time_seconds: data.joinAhead ?? 0 } },
    },
  });
  await viewer.get();
  return { clock, host, viewer };
}

describe('JoinAheadCountdown', () => {
  it('reads "Doors open in", then "Starts in", then "Live", then "Ended"', async () => {
    const { clock, host, viewer } = await setup({ startsInSeconds: 500, joinAhead: 300 });
    const { container } = render(
      <Providers call={viewer}>
        <JoinAheadCountdown locale="en" />
      </Providers>,
    );
    const root = container.firstElementChild as HTMLElement;
    expect(screen.getByRole('timer').textContent).toBe('Doors open in 3:20');
    expect(root.dataset.state).toBe('scheduled');
    act(() => clock.advance(155_000));
    expect(screen.getByRole('timer').textContent).toBe('Doors open in 0:45');
    act(() => clock.advance(45_000));
    expect(screen.getByRole('timer').textContent).toBe('Starts in 5:00');
    expect(root.dataset.state).toBe('doors-open');
    await act(() => host.goLive());
    expect(screen.getByRole('timer').textContent).toBe('Live');
    await act(() => host.endCall());
    expect(screen.getByRole('timer').textContent).toBe('Ended');
    expect(root.dataset.state).toBe('ended');
  });

  it('announces phase changes, not seconds', async () => {
    const { clock, viewer } = await setup({ startsInSeconds: 65, joinAhead: 60 });
    const { container } = render(
      <Providers call={viewer}>
        <JoinAheadCountdown />
      </Providers>,
    );
    const live = container.querySelector('[aria-live="polite"]')!;
    const announced = live.textContent;
    act(() => clock.advance(1_000));
    expect(live.textContent).toBe(announced);
    expect(screen.getByRole('timer').getAttribute('aria-live')).toBeNull();
    act(() => clock.advance(4_000));
    expect(live.textContent).not.toBe(announced);
    expect(live.textContent).toBe('Doors are open');
  });

  it('waits for the host when there is no join-ahead time and the start has passed', async () => {
    const { clock, viewer } = await setup({ startsInSeconds: 10 });
    render(
      <Providers call={viewer}>
        <JoinAheadCountdown />
      </Providers>,
    );
    expect(screen.getByRole('timer').textContent).toBe('Starts in 0:10');
    act(() => clock.advance(10_000));
    expect(screen.getByRole('timer').textContent).toBe('Waiting for the host to go live');
  });

  it('says when a call has no start time', async () => {
    const { viewer } = await setup({});
    render(
      <Providers call={viewer}>
        <JoinAheadCountdown />
      </Providers>,
    );
    expect(screen.getByRole('timer').textContent).toBe('Not scheduled yet');
  });

  it('formats in the locale and takes labels', async () => {
    const { viewer } = await setup({ startsInSeconds: 3725 + 300, joinAhead: 300 });
    render(
      <Providers call={viewer}>
        <JoinAheadCountdown locale="ar-EG" labels={{ doorsOpenIn: (time) => `Einlass in ${time}` }} />
      </Providers>,
    );
    expect(screen.getByRole('timer').textContent).toBe(`Einlass in ${formatDuration(3725, 'ar-EG')}`);
    expect(formatDuration(3725, 'en')).toBe('1:02:05');
    expect(formatDuration(3725, 'ar-EG')).not.toBe('1:02:05');
  });
});

describe('JoinAheadCountdown before the call is loaded', () => {
  it('says it is loading, then shows the phase without announcing it', async () => {
    const clock = createManualClock('2030-01-01T00:00:00Z');
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
    await host.getOrCreate({ data: { starts_at: new Date(clock.now() + 60_000) } });
    const viewer = backend.client({ user: { id: 'viewer' } }).call('livestream', 'show');
    const { container } = render(
      <Providers call={viewer}>
        <JoinAheadCountdown />
      </Providers>,
    );
    const root = container.firstElementChild as HTMLElement;
    expect(root.dataset.state).toBe('loading');
    expect(screen.getByRole('timer').textContent).toBe('Loading…');
    await act(() => viewer.get());
    expect(screen.getByRole('timer').textContent).toBe('Starts in 1:00');
    expect(container.querySelector('[aria-live="polite"]')!.textContent).toBe('');
    await act(() => host.goLive());
    expect(container.querySelector('[aria-live="polite"]')!.textContent).toBe('Live');
  });
});
