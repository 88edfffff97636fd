import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef, type ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import { StageCall, StageKitProvider, StageStatusBadge, StageToggle } from '../../src/components/index.js';
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
  const viewer = backend.client({ user: { id: 'viewer', name: 'Vik' } }).call('livestream', 'show');
  await host.getOrCreate();
  await host.join();
  await host.goLive();
  await viewer.join();
  return { backend, host, viewer };
}

describe('StageToggle', () => {
  it('walks a viewer through request, acceptance, join and leave', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    const { container } = render(
      <Providers call={viewer}>
        <StageToggle />
        <StageStatusBadge />
      </Providers>,
    );
    const root = container.querySelector('.stagekit-stage-toggle') as HTMLElement;
    const badge = container.querySelector('.stagekit-stage-status-badge') as HTMLElement;
    expect(root.dataset.state).toBe('off-stage');
    expect(badge.textContent).toBe('Off stage');
    await user.click(screen.getByRole('button', { name: 'Request to join stage' }));
    await waitFor(() => expect(root.dataset.state).toBe('requested'));
    expect(badge.dataset.state).toBe('requested');
    expect(backend.inspect('livestream', 'show')?.stage_requests.toArray().map((r) => r.user_id)).toEqual(['viewer']);
    expect(screen.getByRole('button', { name: 'Cancel request' })).toBeTruthy();
    await act(() => host.stage.grantAccess(['viewer']));
    expect(root.dataset.state).toBe('accepted');
    // Asked and approved: not an invitation.
    expect(badge.textContent).toBe('Approved');
    expect(root.hasAttribute('data-invited')).toBe(false);
    settle();
    await user.click(screen.getByRole('button', { name: 'Join stage' }));
    await waitFor(() => expect(root.dataset.state).toBe('on-stage'));
    expect(badge.textContent).toBe('On stage');
    settle();
    await user.click(screen.getByRole('button', { name: 'Leave stage' }));
    await waitFor(() => expect(root.dataset.state).toBe('off-stage'));
    expect(backend.inspect('livestream', 'show')?.stage.get('viewer')).toBeUndefined();
  });

  it('cancels a request by keyboard', async () => {
    const user = userEvent.setup();
    const { backend, viewer } = await setup();
    await viewer.stage.requestAccess();
    render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel request' }));
    await user.keyboard(' ');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Request to join stage' })).toBeTruthy());
    expect(backend.inspect('livestream', 'show')?.stage_requests.toArray()).toEqual([]);
  });

  it('keeps keyboard focus on the button while a slow request is pending', async () => {
    const user = userEvent.setup();
    const { viewer } = await setup();
    const requestAccess = viewer.stage.requestAccess.bind(viewer.stage);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const request = vi.spyOn(viewer.stage, 'requestAccess').mockImplementation(async () => {
      await slow;
      return requestAccess();
    });
    const { container } = render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    const root = container.firstElementChild as HTMLElement;
    await user.tab();
    const button = screen.getByRole('button', { name: 'Request to join stage' }) as HTMLButtonElement;
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBe('true'));
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(root.hasAttribute('data-pending')).toBe(true);
    expect(document.activeElement).toBe(button);
    await user.keyboard('{Enter}');
    expect(request).toHaveBeenCalledTimes(1);
    release();
    await waitFor(() => expect(button.hasAttribute('aria-disabled')).toBe(false));
    expect(root.dataset.state).toBe('requested');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel request' }));
  });

  it('is disabled until the viewer is in the call, and hidden without a stage capability', async () => {
    const { backend, viewer } = await setup();
    await viewer.leave();
    const { rerender, container } = render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    expect((screen.getByRole('button', { name: 'Request to join stage' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => backend.updateCallType('livestream', { grants: { user: ['read-call', 'join-call'] } }));
    rerender(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    await waitFor(() => expect(container.innerHTML).toBe(''));
  });

  it('shows the error of a refused request', async () => {
    const user = userEvent.setup();
    const { backend, viewer } = await setup();
    backend.updateCallType('livestream', { settings: { stage: { max_pending_requests: 0 } } });
    render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Request to join stage' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not possible right now. Try again in a moment.');
    expect(backend.inspect('livestream', 'show')?.stage.get('viewer')).toBeUndefined();
  });

  it('takes labels, a className function and a ref', async () => {
    const { viewer } = await setup();
    const ref = createRef<HTMLDivElement>();
    render(
      <Providers call={viewer}>
        <StageToggle ref={ref} className={({ state }) => `is-${state}`} labels={{ requestStage: 'Raise hand' }} />
      </Providers>,
    );
    expect(screen.getByRole('button', { name: 'Raise hand' })).toBeTruthy();
    expect(ref.current?.className).toBe('stagekit-stage-toggle is-off-stage');
  });
});
