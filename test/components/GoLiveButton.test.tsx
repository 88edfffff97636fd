import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, type ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import { GoLiveButton, StageCall, StageKitProvider } from '../../src/components/index.js';
import { settle } from './settle.js';

function Providers({ call, children }: { call: Call; children: ReactNode }) {
  return (
    <StageKitProvider>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function setup() {
  const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer' } }).call('livestream', 'show');
  await host.getOrCreate();
  await host.join();
  await viewer.get();
  return { backend, host, viewer };
}

describe('GoLiveButton', () => {
  it('lets a host go live and stop, changing the shared backend', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    const { container } = render(
      <Providers call={host}>
        <GoLiveButton />
      </Providers>,
    );
    const root = container.firstElementChild as HTMLElement;
    expect(root.dataset.state).toBe('backstage');
    await user.click(screen.getByRole('button', { name: 'Go live' }));
    await waitFor(() => expect(root.dataset.state).toBe('live'));
    expect(backend.inspect('livestream', 'show')?.backstage).toBe(false);
    settle();
    await user.click(screen.getByRole('button', { name: 'Stop live' }));
    await waitFor(() => expect(root.dataset.state).toBe('backstage'));
    expect(backend.inspect('livestream', 'show')?.backstage).toBe(true);
  });

  it('shows a viewer no control, or a disabled one when asked', async () => {
    const { viewer } = await setup();
    const { container, rerender } = render(
      <Providers call={viewer}>
        <GoLiveButton />
      </Providers>,
    );
    expect(container.innerHTML).toBe('');
    rerender(
      <Providers call={viewer}>
        <GoLiveButton whenForbidden="disable" />
      </Providers>,
    );
    expect((screen.getByRole('button', { name: 'Go live' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('starts HLS and recording when the host ticks them, and keeps HLS on stop when asked', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    render(
      <Providers call={host}>
        <GoLiveButton showOptions />
      </Providers>,
    );
    await user.click(screen.getByRole('checkbox', { name: 'Start HLS broadcast' }));
    await user.click(screen.getByRole('checkbox', { name: 'Start recording' }));
    await user.click(screen.getByRole('button', { name: 'Go live' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')).toMatchObject({ hls: true, recording: true }));
    expect((screen.getByRole('checkbox', { name: 'Keep HLS broadcast running' }) as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByRole('checkbox', { name: 'Keep HLS broadcast running' }));
    settle();
    await user.click(screen.getByRole('button', { name: 'Stop live' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')).toMatchObject({ backstage: true, hls: true, recording: false }));
  });

  it('asks for confirmation before stopping, by keyboard', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    await host.goLive();
    render(
      <Providers call={host}>
        <GoLiveButton confirmStop />
      </Providers>,
    );
    const confirmation = () => screen.queryByRole('group', { name: 'Stop the livestream? Viewers will be removed.' });
    await user.tab();
    const stop = screen.getByRole('button', { name: 'Stop live' });
    expect(document.activeElement).toBe(stop);
    await user.keyboard('{Enter}');
    expect(confirmation()).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop live' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Keep streaming' }));
    await user.keyboard('{Enter}');
    expect(confirmation()).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop live' }));
    expect(backend.inspect('livestream', 'show')?.backstage).toBe(false);
    settle();
    await user.keyboard('{Enter}');
    expect(confirmation()).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(confirmation()).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop live' }));
    expect(backend.inspect('livestream', 'show')?.backstage).toBe(false);
    settle();
    await user.keyboard('{Enter}');
    // An Enter the moment the question appears is the same keypress twice, not an answer.
    await user.keyboard('{Enter}');
    expect(confirmation()).toBeTruthy();
    expect(backend.inspect('livestream', 'show')?.backstage).toBe(false);
    settle();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(backend.inspect('livestream', 'show')?.backstage).toBe(true));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Go live' })));
  });

  it('does not take a second Enter as the call goes live for a wish to stop it', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    const { container } = render(
      <Providers call={host}>
        <GoLiveButton confirmStop />
      </Providers>,
    );
    const root = container.firstElementChild as HTMLElement;
    const confirmation = () => screen.queryByRole('group', { name: 'Stop the livestream? Viewers will be removed.' });
    await user.tab();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(root.dataset.state).toBe('live'));
    // The key pressed twice: the second lands on Stop live, which took Go live's place.
    await user.keyboard('{Enter}');
    expect(confirmation()).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop live' }));
    // Read, then pressed: the question is asked.
    settle();
    await user.keyboard('{Enter}');
    expect(confirmation()).toBeTruthy();
    expect(backend.inspect('livestream', 'show')?.backstage).toBe(false);
  });

  it('keeps keyboard focus on the button while going live is pending', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    const goLive = host.goLive.bind(host);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const spy = vi.spyOn(host, 'goLive').mockImplementation(async (...args) => {
      await slow;
      return goLive(...args);
    });
    const { container } = render(
      <Providers call={host}>
        <GoLiveButton />
      </Providers>,
    );
    const root = container.firstElementChild as HTMLElement;
    await user.tab();
    const button = screen.getByRole('button', { name: 'Go live' }) as HTMLButtonElement;
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('true'));
    expect(button.textContent).toBe('Going live…');
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(root.hasAttribute('data-pending')).toBe(true);
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    expect(spy).toHaveBeenCalledTimes(1);
    release();
    await waitFor(() => expect(button.hasAttribute('aria-disabled')).toBe(false));
    expect(backend.inspect('livestream', 'show')?.backstage).toBe(false);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Stop live' }));
  });

  it('renders nothing on a call without backstage, or a disabled button when asked', async () => {
    const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
    const host = backend.client({ user: { id: 'host' } }).call('livestream', 'open-mic');
    await host.getOrCreate({ data: { settings_override: { backstage: { enabled: false } } } });
    await host.join();
    const { container, rerender } = render(
      <Providers call={host}>
        <GoLiveButton />
      </Providers>,
    );
    expect(container.innerHTML).toBe('');
    rerender(
      <Providers call={host}>
        <GoLiveButton whenForbidden="disable" />
      </Providers>,
    );
    expect((screen.getByRole('button') as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the error of a refused action', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    // The host may go live but not record.
    backend.updateCallType('livestream', { grants: { host: ['read-call', 'join-call', 'join-backstage', 'update-call'] } });
    render(
      <Providers call={host}>
        <GoLiveButton startRecording />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Go live' }));
    const alert = await screen.findByRole('alert');
    // Words a person reads, by code, never the engine's sentence.
    expect(alert.textContent).toBe('You may not do that in this call.');
    expect(alert.dataset.code).toBe('FORBIDDEN');
    expect(backend.inspect('livestream', 'show')?.backstage).toBe(true);
  });

  it('takes labels, merges className and forwards its ref', async () => {
    const { host } = await setup();
    const ref = createRef<HTMLDivElement>();
    render(
      <Providers call={host}>
        <GoLiveButton ref={ref} className={({ state }) => `mine-${state}`} labels={{ goLive: 'Start the show' }} />
      </Providers>,
    );
    expect(screen.getByRole('button', { name: 'Start the show' })).toBeTruthy();
    expect(ref.current?.className).toBe('stagekit-go-live-button mine-backstage');
  });
});
