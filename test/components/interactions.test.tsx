import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call, type CallEvent } from '../../src/core/index.js';
import {
  JoinCallButton,
  StageCall,
  StageKitProvider,
  StageRequestList,
  StageStatusBadge,
  StageToggle,
  useCallEvent,
} from '../../src/components/index.js';
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
  const host = backend.client({ user: { id: 'host', name: 'Hana' } }).call('livestream', 'show');
  const cohost = backend.client({ user: { id: 'cohost', name: 'Cora' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer', name: 'Vik' } }).call('livestream', 'show');
  await host.getOrCreate({ data: { members: [{ user_id: 'cohost', role: 'host' }] } });
  await host.join();
  await host.goLive();
  await cohost.join();
  await viewer.join();
  return { backend, host, cohost, viewer };
}

describe('invitations in StageToggle and StageStatusBadge', () => {
  it('lets an invited viewer accept: Join stage puts them on stage', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    const { container } = render(
      <Providers call={viewer}>
        <StageToggle />
        <StageStatusBadge />
      </Providers>,
    );
    await act(() => host.stage.grantAccess(['viewer']));
    const root = container.querySelector('.stagekit-stage-toggle') as HTMLElement;
    expect(root.hasAttribute('data-invited')).toBe(true);
    expect(screen.getByText('Invited to stage')).toBeTruthy();
    settle();
    await user.click(screen.getByRole('button', { name: 'Join stage' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')?.stage.get('viewer')).toBe('ON_STAGE'));
  });

  it('lets an invited viewer decline: back off stage, and the host is told', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    const heard: string[] = [];
    host.on('stageInvitationDeclined', (event) => heard.push(`${event.user_id} ${event.invited}`));
    render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    await act(() => host.stage.grantAccess(['viewer']));
    settle();
    await user.click(screen.getByRole('button', { name: 'Decline' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Request to join stage' })).toBeTruthy());
    expect(backend.inspect('livestream', 'show')?.stage.get('viewer')).toBeUndefined();
    expect(heard).toEqual(['viewer true']);
  });

  it('follows a host revoking the invitation, and shows managers who was invited', async () => {
    const { host, viewer } = await setup();
    render(
      <Providers call={host}>
        <StageStatusBadge userId="viewer" />
      </Providers>,
    );
    render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    await act(() => host.stage.grantAccess(['viewer']));
    expect(screen.getByText('Invited to stage')).toBeTruthy();
    await act(() => host.stage.revokeAccess(['viewer']));
    expect(screen.getByRole('button', { name: 'Request to join stage' })).toBeTruthy();
    expect(screen.getByText('Off stage')).toBeTruthy();
  });
});

describe('double clicks and late clicks', () => {
  it('sends one request for two clicks a few ms apart', async () => {
    const { viewer } = await setup();
    const request = vi.spyOn(viewer.stage, 'requestAccess');
    render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    const button = screen.getByRole('button', { name: 'Request to join stage' });
    // Both clicks land before React re-renders with the pending state.
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel request' })).toBeTruthy());
    expect(request).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('ignores a click on Join that arrives as the button turns into Leave', async () => {
    const user = userEvent.setup();
    const { backend, viewer } = await setup();
    await viewer.leave();
    render(
      <Providers call={viewer}>
        <JoinCallButton />
      </Providers>,
    );
    await user.dblClick(screen.getByRole('button', { name: 'Join' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Leave' })).toBeTruthy());
    expect(backend.inspect('livestream', 'show')?.participants.get('viewer')).toBeDefined();
    // Once the new label has been there a moment, it acts.
    settle();
    await user.click(screen.getByRole('button', { name: 'Leave' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')?.participants.get('viewer')).toBeUndefined());
  });

  it('ignores a click right after another host changed the label under the pointer', async () => {
    const user = userEvent.setup();
    const { host, viewer } = await setup();
    const cancel = vi.spyOn(viewer.stage, 'cancelRequestAccess');
    const join = vi.spyOn(viewer.stage, 'join');
    await viewer.stage.requestAccess();
    render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    await act(() => host.stage.grantAccess(['viewer']));
    await user.click(screen.getByRole('button', { name: 'Join stage' }));
    expect(join).not.toHaveBeenCalled();
    expect(cancel).not.toHaveBeenCalled();
  });
});

describe('errors a person can read', () => {
  it('clears an error once the stage status it was about changes', async () => {
    const user = userEvent.setup();
    const { host, viewer } = await setup();
    await host.stage.grantAccess(['viewer']);
    render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    // The view says ACCEPTED, but the server has already moved on: the join is refused.
    vi.spyOn(viewer.stage, 'join').mockRejectedValueOnce(Object.assign(new Error('x'), { code: 'INVALID_STATE' }));
    settle();
    await user.click(screen.getByRole('button', { name: 'Join stage' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not possible right now. Try again in a moment.');
    await act(() => host.stage.revokeAccess(['viewer']));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('clears an error on the next action', async () => {
    const user = userEvent.setup();
    const { viewer } = await setup();
    const { StageKitError } = await import('../../src/core/index.js');
    vi.spyOn(viewer.stage, 'requestAccess').mockRejectedValueOnce(new StageKitError('RATE_LIMITED', 'too many stage requests; try again in 3 s'));
    render(
      <Providers call={viewer}>
        <StageToggle />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Request to join stage' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many tries. Wait a moment.');
    await user.click(screen.getByRole('button', { name: 'Request to join stage' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel request' })).toBeTruthy());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says which requests a bulk decision skipped, and why', async () => {
    const user = userEvent.setup();
    const { host, cohost, backend } = await setup();
    const bob = backend.client({ user: { id: 'bob', name: 'Bob' } }).call('livestream', 'show');
    await bob.join();
    await bob.stage.requestAccess();
    const { viewer } = { viewer: backend.client({ user: { id: 'viewer', name: 'Vik' } }).call('livestream', 'show') };
    await viewer.stage.requestAccess();
    // Cora accepts Bob just as Hana denies everyone she sees.
    const deny = host.stage.denyAccess.bind(host.stage);
    vi.spyOn(host.stage, 'denyAccess').mockImplementationOnce(async (ids) => {
      await cohost.stage.grantAccess(['bob'], { onlyRequested: true });
      return deny(ids);
    });
    render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Deny all' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Done for 1, skipped 1: Bob was already accepted.'));
  });
});

describe('useCallEvent', () => {
  it('calls the latest handler without subscribing again', async () => {
    const { host, viewer } = await setup();
    const on = vi.spyOn(viewer, 'on');
    const seen: string[] = [];
    const { rerender } = renderHook(({ tag }) => useCallEvent('stageStatusUpdate', (event: CallEvent) => seen.push(`${tag} ${event.type}`)), {
      initialProps: { tag: 'first' },
      wrapper: ({ children }) => <Providers call={viewer}>{children}</Providers>,
    });
    rerender({ tag: 'second' });
    await act(() => host.stage.grantAccess(['viewer']));
    expect(seen).toEqual(['second stageStatusUpdate']);
    expect(on).toHaveBeenCalledTimes(1);
  });
});
