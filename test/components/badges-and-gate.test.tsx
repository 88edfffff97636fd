import { act, render, screen, waitFor } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import userEvent from '@testing-library/user-event';
import { createRef, type ReactNode } from 'react';
import { createManualClock, createMemoryBackend, StageKitError, type Call, type CallPhase } from '../../src/core/index.js';
import {
  BackstageGate,
  JoinCallButton,
  KickButton,
  LiveBadge,
  OnStageList,
  StageCall,
  StageKitProvider,
} from '../../src/components/index.js';

function Providers({ call, children, messages }: { call: Call; children: ReactNode; messages?: { live: string } }) {
  return (
    <StageKitProvider messages={messages}>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function setup() {
  const clock = createManualClock('2030-01-01T00:00:00Z');
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'host', name: 'Hana' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer', name: 'Vik' } }).call('livestream', 'show');
  await host.getOrCreate({
    data: { starts_at: new Date(clock.now() + 120_000), settings_override: { backstage: { join_ahead_time_seconds: 60 } } },
  });
  await host.join();
  await viewer.get();
  return { clock, backend, host, viewer };
}

describe('LiveBadge', () => {
  it('renders nothing until the call is loaded', async () => {
    const late = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
    const viewer = late.client({ user: { id: 'viewer' } }).call('default', 'room');
    const { container } = render(
      <Providers call={viewer}>
        <LiveBadge />
      </Providers>,
    );
    expect(container.innerHTML).toBe('');
    await late.client({ user: { id: 'owner' } }).call('default', 'room').getOrCreate();
    await act(() => viewer.get());
    expect(container.textContent).toBe('Live');
  });

  it('shows backstage, live and ended, with provider-level messages', async () => {
    const { host, viewer } = await setup();
    const { container } = render(
      <Providers call={viewer} messages={{ live: 'On air' }}>
        <LiveBadge />
      </Providers>,
    );
    const badge = container.firstElementChild as HTMLElement;
    expect([badge.dataset.state, badge.textContent]).toEqual(['backstage', 'Backstage']);
    await act(() => host.goLive());
    expect([badge.dataset.state, badge.textContent]).toEqual(['live', 'On air']);
    await act(() => host.endCall());
    expect([badge.dataset.state, badge.textContent]).toEqual(['ended', 'Ended']);
  });
});

describe('BackstageGate', () => {
  it('keeps a viewer in the waiting room until the doors open, then lets them join', async () => {
    const user = userEvent.setup();
    const { clock, backend, viewer } = await setup();
    render(
      <Providers call={viewer}>
        <BackstageGate>
          <p>Inside the show</p>
          <JoinCallButton />
        </BackstageGate>
      </Providers>,
    );
    const room = screen.getByRole('region', { name: 'Waiting room' });
    expect(room.dataset.state).toBe('scheduled');
    expect(room.textContent).toContain('Doors open in 1:00');
    expect(screen.queryByText('Inside the show')).toBeNull();
    act(() => clock.advance(60_000));
    expect(screen.getByText('Inside the show')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')?.participants.get('viewer')).toBeDefined());
    expect(screen.getByRole('button', { name: 'Leave' })).toBeTruthy();
  });

  it('lets a host straight in', async () => {
    const { host } = await setup();
    render(
      <Providers call={host}>
        <BackstageGate>
          <p>Inside the show</p>
        </BackstageGate>
      </Providers>,
    );
    expect(screen.getByText('Inside the show')).toBeTruthy();
  });

  it('shows the waiting room again when the host stops live', async () => {
    const { host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    render(
      <Providers call={viewer}>
        <BackstageGate>
          <p>Inside the show</p>
        </BackstageGate>
      </Providers>,
    );
    expect(screen.getByText('Inside the show')).toBeTruthy();
    await act(() => host.stopLive());
    expect(screen.queryByText('Inside the show')).toBeNull();
    expect(screen.getByRole('region', { name: 'Waiting room' })).toBeTruthy();
  });
});

describe('BackstageGate announcements, errors and className', () => {
  it('announces the doors opening through a live region that outlives the swap, and not the first phase', async () => {
    const { clock, host, viewer } = await setup();
    const { container } = render(
      <Providers call={viewer}>
        <BackstageGate>
          <p>Inside the show</p>
        </BackstageGate>
      </Providers>,
    );
    const announcer = container.querySelector(':scope > [aria-live="polite"]')!;
    expect(announcer.textContent).toBe('');
    // The countdown on screen announces its own phase changes; the gate stays quiet meanwhile.
    act(() => clock.advance(1_000));
    expect(announcer.textContent).toBe('');
    act(() => clock.advance(59_000));
    expect(screen.getByText('Inside the show')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Waiting room' })).toBeNull();
    expect(announcer.isConnected).toBe(true);
    expect(announcer.textContent).toBe('Doors are open');
    await act(() => host.goLive());
    expect(announcer.textContent).toBe('Live');
    await act(() => host.endCall());
    expect(screen.getByRole('region', { name: 'Waiting room' })).toBeTruthy();
    expect(announcer.isConnected).toBe(true);
    expect(announcer.textContent).toBe('Ended');
  });

  it('announces nothing when the phase settles after hydration', async () => {
    const { clock, viewer } = await setup();
    clock.advance(60_000);
    const ui = (
      <Providers call={viewer}>
        <BackstageGate>
          <p>Inside the show</p>
        </BackstageGate>
      </Providers>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(ui);
    document.body.append(container);
    expect(container.textContent).not.toContain('Inside the show');
    render(ui, { container, hydrate: true });
    await waitFor(() => expect(screen.getByText('Inside the show')).toBeTruthy());
    expect(container.querySelector(':scope > [aria-live="polite"]')!.textContent).toBe('');
  });

  it('shows why loading the call failed', async () => {
    const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
    const viewer = backend.client({ user: { id: 'viewer' } }).call('no-such-type', 'show');
    render(
      <StageKitProvider>
        <StageCall call={viewer}>
          <BackstageGate>
            <p>Inside the show</p>
          </BackstageGate>
        </StageCall>
      </StageKitProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This call no longer exists.');
    const room = screen.getByRole('region', { name: 'Waiting room' });
    expect(room.dataset.state).toBe('error');
    expect(room.textContent).not.toContain('Loading…');
  });

  it('gives a className function the phase', async () => {
    const { viewer } = await setup();
    const className = vi.fn<(state: { phase: CallPhase }) => string>((state) => `gate-${state.phase}`);
    render(
      <Providers call={viewer}>
        <BackstageGate className={className}>
          <p>Inside the show</p>
        </BackstageGate>
      </Providers>,
    );
    expect(screen.getByRole('region', { name: 'Waiting room' }).className).toBe('stagekit-backstage-gate gate-scheduled');
    expect(className.mock.calls.map(([state]) => state)).toEqual(className.mock.calls.map(() => ({ phase: 'scheduled' })));
  });
});

describe('OnStageList and KickButton', () => {
  it('moves focus to the heading when a kick by keyboard removes the focused row', async () => {
    const user = userEvent.setup();
    const { host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    await viewer.stage.requestAccess();
    await host.stage.grantAccess(['viewer']);
    await viewer.stage.join();
    render(
      <Providers call={host}>
        <OnStageList />
      </Providers>,
    );
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Take Vik off stage' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByText('No one is on stage.')).toBeTruthy());
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'On stage' }));
  });

  it('lets a host remove an on-stage viewer, and shows a viewer no kick control', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    await viewer.stage.requestAccess();
    await host.stage.grantAccess(['viewer']);
    await viewer.stage.join();
    render(
      <>
        <Providers call={host}>
          <OnStageList title="Host view" />
        </Providers>
        <Providers call={viewer}>
          <OnStageList title="Viewer view" />
        </Providers>
      </>,
    );
    const hostList = screen.getByRole('region', { name: 'Host view' });
    const viewerList = screen.getByRole('region', { name: 'Viewer view' });
    expect(viewerList.textContent).toContain('Vik');
    expect(viewerList.querySelector('button')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Take Vik off stage' }));
    await waitFor(() => expect(hostList.dataset.state).toBe('empty'));
    expect(viewerList.dataset.state).toBe('empty');
    expect(hostList.textContent).toContain('No one is on stage.');
    expect(screen.queryAllByRole('list')).toEqual([]);
    expect(backend.inspect('livestream', 'show')?.stage.get('viewer')).toBeUndefined();
  });

  it('shows a failed kick, described by the button, and forwards its ref to the root', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    await viewer.stage.requestAccess();
    await host.stage.grantAccess(['viewer']);
    await viewer.stage.join();
    vi.spyOn(host.stage, 'kick').mockRejectedValueOnce(new StageKitError('NETWORK', 'The connection dropped.'));
    const ref = createRef<HTMLDivElement>();
    render(
      <Providers call={host}>
        <KickButton ref={ref} userId="viewer" className={({ pending }) => (pending ? 'kicking' : 'idle')} />
      </Providers>,
    );
    const button = screen.getByRole('button', { name: 'Take Vik off stage' });
    expect(ref.current?.className).toBe('stagekit-kick-button idle');
    expect(ref.current?.contains(button)).toBe(true);
    await user.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not reach the call. Check your connection.');
    expect(button.getAttribute('aria-describedby')).toBe(alert.id);
    expect(backend.inspect('livestream', 'show')?.stage.get('viewer')).toBe('ON_STAGE');
    await user.click(button);
    await waitFor(() => expect(backend.inspect('livestream', 'show')?.stage.get('viewer')).toBeUndefined());
  });

  it('says when no one is on stage, in strings the messages can replace', async () => {
    const { host } = await setup();
    const { rerender } = render(
      <Providers call={host}>
        <OnStageList />
      </Providers>,
    );
    const list = screen.getByRole('region', { name: 'On stage' });
    expect(list.dataset.state).toBe('empty');
    expect(list.textContent).toContain('No one is on stage.');
    rerender(
      <Providers call={host}>
        <OnStageList labels={{ onStage: 'Speakers', nobodyOnStage: 'No speakers yet.' }} />
      </Providers>,
    );
    expect(screen.getByRole('region', { name: 'Speakers' }).textContent).toContain('No speakers yet.');
  });

  it('renders a kick control only for users on stage', async () => {
    const { host, viewer } = await setup();
    await host.goLive();
    await viewer.join();
    const { container } = render(
      <Providers call={host}>
        <KickButton userId="viewer" />
      </Providers>,
    );
    expect(container.innerHTML).toBe('');
  });
});
