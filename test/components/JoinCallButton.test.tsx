import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import { JoinCallButton, StageCall, StageKitProvider, type StageKitMessages } from '../../src/components/index.js';

function Providers({ call, children, messages }: { call: Call; children: ReactNode; messages?: Partial<StageKitMessages> }) {
  return (
    <StageKitProvider messages={messages}>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function setup() {
  const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z') });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer', name: 'Vik' } }).call('livestream', 'show');
  await host.getOrCreate();
  await host.join();
  await host.goLive();
  await viewer.get();
  return { backend, host, viewer };
}

describe('JoinCallButton', () => {
  it('keeps keyboard focus on the button while a slow join is pending', async () => {
    const user = userEvent.setup();
    const { backend, viewer } = await setup();
    const joinCall = viewer.join.bind(viewer);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const join = vi.spyOn(viewer, 'join').mockImplementation(async (...args) => {
      await slow;
      return joinCall(...args);
    });
    const { container } = render(
      <Providers call={viewer}>
        <JoinCallButton />
      </Providers>,
    );
    const root = container.firstElementChild as HTMLElement;
    await user.tab();
    const button = screen.getByRole('button', { name: 'Join' }) as HTMLButtonElement;
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('true'));
    expect(button.textContent).toBe('Joining…');
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(root.hasAttribute('data-pending')).toBe(true);
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    expect(join).toHaveBeenCalledTimes(1);
    release();
    await waitFor(() => expect(button.hasAttribute('aria-disabled')).toBe(false));
    expect(root.dataset.state).toBe('joined');
    expect(backend.inspect('livestream', 'show')?.participants.get('viewer')).toBeDefined();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Leave' }));
  });

  it('stays disabled while the viewer may not join yet', async () => {
    const { host, viewer } = await setup();
    await host.stopLive();
    render(
      <Providers call={viewer}>
        <JoinCallButton />
      </Providers>,
    );
    expect((screen.getByRole('button', { name: 'Join' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('takes the leave label from the messages, with leaveLabel still overriding it', async () => {
    const { viewer } = await setup();
    await viewer.join();
    const { rerender } = render(
      <Providers call={viewer} messages={{ leaveCall: 'Exit the show' }}>
        <JoinCallButton />
      </Providers>,
    );
    expect(screen.getByRole('button', { name: 'Exit the show' })).toBeTruthy();
    rerender(
      <Providers call={viewer} messages={{ leaveCall: 'Exit the show' }}>
        <JoinCallButton labels={{ leaveCall: 'Step out' }} />
      </Providers>,
    );
    expect(screen.getByRole('button', { name: 'Step out' })).toBeTruthy();
    rerender(
      <Providers call={viewer} messages={{ leaveCall: 'Exit the show' }}>
        <JoinCallButton labels={{ leaveCall: 'Step out' }} leaveLabel="Leave the call" />
      </Providers>,
    );
    expect(screen.getByRole('button', { name: 'Leave the call' })).toBeTruthy();
  });
});
