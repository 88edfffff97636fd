import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, type ReactNode } from 'react';
import { createManualClock, createMemoryBackend, StageKitError, type Call } from '../../src/core/index.js';
import { EndCallButton, StageCall, StageKitProvider } from '../../src/components/index.js';
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
  await host.goLive();
  await viewer.join();
  return { backend, host, viewer };
}

describe('EndCallButton', () => {
  it('ends the call for everyone after a confirmation, by keyboard', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    const { container } = render(
      <Providers call={host}>
        <EndCallButton confirm />
      </Providers>,
    );
    const root = container.firstElementChild as HTMLElement;
    expect(root.dataset.state).toBe('active');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('group', { name: 'End the call for everyone? No one can rejoin.' })).toBeTruthy();
    // Escape cancels and gives focus back.
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'End call' }));
    expect(backend.inspect('livestream', 'show')?.ended_at).toBeNull();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'End call' }));
    expect(root.dataset.confirming).toBe('');
    settle();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(root.dataset.state).toBe('ended'));
    expect(backend.inspect('livestream', 'show')?.ended_at).not.toBeNull();
    expect(viewer.getState().call?.participants).toEqual({});
    expect((screen.getByRole('button', { name: 'End call' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('confirms by default, and a double click opens the question without answering it', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    render(
      <Providers call={host}>
        <EndCallButton />
      </Providers>,
    );
    await user.dblClick(screen.getByRole('button', { name: 'End call' }));
    expect(screen.getByRole('group', { name: 'End the call for everyone? No one can rejoin.' })).toBeTruthy();
    expect(backend.inspect('livestream', 'show')?.ended_at).toBeNull();
    settle();
    await user.click(screen.getByRole('button', { name: 'End call' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')?.ended_at).not.toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a viewer no control, or a disabled one when asked', async () => {
    const { viewer } = await setup();
    const { container, rerender } = render(
      <Providers call={viewer}>
        <EndCallButton />
      </Providers>,
    );
    expect(container.innerHTML).toBe('');
    rerender(
      <Providers call={viewer}>
        <EndCallButton whenForbidden="disable" />
      </Providers>,
    );
    expect((screen.getByRole('button', { name: 'End call' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a failed end, keeps the call going, and takes labels, className and a ref', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    vi.spyOn(host, 'endCall').mockRejectedValueOnce(new StageKitError('NETWORK', 'The connection dropped.'));
    const ref = createRef<HTMLDivElement>();
    render(
      <Providers call={host}>
        <EndCallButton
          ref={ref}
          confirm={false}
          className={({ state }) => `is-${state}`}
          labels={{ endCall: 'Close the show', errors: { NETWORK: 'Lost the connection; try again.' } }}
        />
      </Providers>,
    );
    expect(ref.current?.className).toBe('stagekit-end-call-button is-active');
    await user.click(screen.getByRole('button', { name: 'Close the show' }));
    // The code's words from the messages, never the error's own sentence.
    expect((await screen.findByRole('alert')).textContent).toBe('Lost the connection; try again.');
    expect(screen.getByRole('button', { name: 'Close the show' }).getAttribute('aria-describedby')).toBe(screen.getByRole('alert').id);
    expect(backend.inspect('livestream', 'show')?.ended_at).toBeNull();
  });
});
