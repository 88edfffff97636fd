import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import { StageCall, StageKitProvider, StageNotifications, StageRequestList } from '../../src/components/index.js';

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
  const other = backend.client({ user: { id: 'other', name: 'Ola' } }).call('livestream', 'show');
  await host.getOrCreate({ data: { members: [{ user_id: 'cohost', role: 'host' }] } });
  await host.join();
  await host.goLive();
  await cohost.join();
  await viewer.join();
  await other.join();
  return { backend, host, cohost, viewer, other };
}

const notices = () => screen.queryAllByRole('listitem').map((item) => [item.dataset.kind, item.querySelector('span:not(.stagekit-avatar)')!.textContent]);
const announcement = (container: HTMLElement) => container.querySelector('[aria-live="polite"]')!.textContent;

describe('StageNotifications for viewers', () => {
  it('tells a viewer they were approved, then removed from the stage', async () => {
    const { host, viewer } = await setup();
    const { container } = render(
      <Providers call={viewer}>
        <StageNotifications />
      </Providers>,
    );
    await act(() => viewer.stage.requestAccess());
    expect(notices()).toEqual([]);
    await act(() => host.stage.grantAccess(['viewer']));
    expect(notices()).toEqual([['approved', 'Your request was accepted. You can join the stage.']]);
    expect(announcement(container)).toBe('Your request was accepted. You can join the stage.');
    await act(() => viewer.stage.join());
    await act(() => host.stage.kick(['viewer']));
    expect(notices().at(-1)).toEqual(['removed', 'You were removed from the stage.']);
    expect(announcement(container)).toBe('You were removed from the stage.');
  });

  it('tells a viewer they were invited, then that the invitation was withdrawn', async () => {
    const { host, viewer } = await setup();
    render(
      <Providers call={viewer}>
        <StageNotifications />
      </Providers>,
    );
    await act(() => host.stage.grantAccess(['viewer']));
    await act(() => host.stage.revokeAccess(['viewer']));
    expect(notices()).toEqual([
      ['invited', 'You are invited to join the stage.'],
      ['revoked', 'Your invitation to the stage was withdrawn.'],
    ]);
  });

  it('tells a viewer their request was denied, and nothing about other viewers', async () => {
    const { host, viewer, other } = await setup();
    render(
      <Providers call={viewer}>
        <StageNotifications />
      </Providers>,
    );
    await act(() => other.stage.requestAccess());
    await act(() => host.stage.grantAccess(['other']));
    await act(() => viewer.stage.requestAccess());
    await act(() => host.stage.denyAccess(['viewer']));
    expect(notices()).toEqual([['denied', 'Your request to join the stage was declined.']]);
  });
});

describe('StageNotifications for hosts', () => {
  it('shows a new request with the pending count and an Accept that accepts it', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer, other } = await setup();
    const { container } = render(
      <Providers call={host}>
        <StageNotifications />
      </Providers>,
    );
    await act(() => other.stage.requestAccess());
    await act(() => viewer.stage.requestAccess());
    // One request notice, the newest, with how many wait.
    expect(notices()).toEqual([['request', 'Vik asks to join the stage (2 waiting).']]);
    expect(announcement(container)).toBe('Vik asks to join the stage (2 waiting).');
    await user.click(screen.getByRole('button', { name: 'Accept Vik' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')?.stage.get('viewer')).toBe('ACCEPTED_TO_JOIN_STAGE'));
    // Decided, it offers nothing more.
    expect(notices()).toEqual([]);
  });

  it('tells hosts when a request is withdrawn and when an invitation is declined', async () => {
    const { host, viewer, other } = await setup();
    render(
      <Providers call={host}>
        <StageNotifications />
      </Providers>,
    );
    await act(() => viewer.stage.requestAccess());
    await act(() => viewer.stage.cancelRequestAccess());
    await act(() => host.stage.grantAccess(['other']));
    await act(() => other.stage.declineInvitation());
    expect(notices()).toEqual([
      ['withdrawn', 'Vik withdrew their request.'],
      ['declined', 'Ola declined the invitation.'],
    ]);
  });

  it('names the host who had already decided a request a bulk decision skipped', async () => {
    const user = userEvent.setup();
    const { host, cohost, viewer } = await setup();
    await viewer.stage.requestAccess();
    render(
      <Providers call={host}>
        <StageRequestList />
        <StageNotifications kinds={['decided']} />
      </Providers>,
    );
    const deny = host.stage.denyAccess.bind(host.stage);
    vi.spyOn(host.stage, 'denyAccess').mockImplementationOnce(async (ids) => {
      await cohost.stage.grantAccess(ids, { onlyRequested: true });
      return deny(ids);
    });
    await user.click(screen.getByRole('button', { name: 'Deny Vik' }));
    await waitFor(() => expect(notices()).toEqual([['decided', 'Vik: already decided by Cora.']]));
  });
});

describe('StageNotifications as a control', () => {
  it('dismisses by button and by Escape, moving focus to the next notice', async () => {
    const user = userEvent.setup();
    const { host, viewer } = await setup();
    render(
      <Providers call={viewer}>
        <StageNotifications />
      </Providers>,
    );
    await act(() => host.stage.grantAccess(['viewer']));
    await act(() => host.stage.revokeAccess(['viewer']));
    await act(() => host.stage.grantAccess(['viewer']));
    expect(notices().map(([kind]) => kind)).toEqual(['invited', 'revoked', 'invited']);
    await user.click(screen.getAllByRole('button', { name: /^Dismiss/ })[0]!);
    expect(notices().map(([kind]) => kind)).toEqual(['revoked', 'invited']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Dismiss: Your invitation to the stage was withdrawn.' }));
    await user.keyboard('{Escape}');
    expect(notices().map(([kind]) => kind)).toEqual(['invited']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Dismiss: You are invited to join the stage.' }));
    await user.keyboard('{Enter}');
    expect(notices()).toEqual([]);
    // Focus stays in the notifications, not on the page body.
    expect(document.activeElement?.tagName).toBe('UL');
  });

  it('takes its strings from messages, shows only the chosen kinds, and keeps at most max', async () => {
    const { host, viewer } = await setup();
    render(
      <StageKitProvider messages={{ noticeInvited: 'Come on stage!' }}>
        <StageCall call={viewer} load="none">
          <StageNotifications kinds={['invited']} max={2} />
        </StageCall>
      </StageKitProvider>,
    );
    for (let i = 0; i < 3; i += 1) {
      await act(() => host.stage.grantAccess(['viewer']));
      await act(() => host.stage.revokeAccess(['viewer']));
    }
    expect(notices()).toEqual([
      ['invited', 'Come on stage!'],
      ['invited', 'Come on stage!'],
    ]);
    const region = screen.getByRole('region', { name: 'Stage notifications' });
    expect(region.dataset.count).toBe('2');
    expect(within(region).getAllByRole('listitem')).toHaveLength(2);
  });

  it('announces news worded as the last again: the same viewer asking a second time', async () => {
    const { host, viewer } = await setup();
    const { container } = render(
      <Providers call={host}>
        <StageNotifications />
      </Providers>,
    );
    const announced = () => container.querySelector('[aria-live="polite"]')!.firstChild!;
    await act(() => viewer.stage.requestAccess());
    const first = announced();
    expect(first.textContent).toBe('Vik asks to join the stage (1 waiting).');
    await act(() => viewer.stage.cancelRequestAccess());
    await act(() => viewer.stage.requestAccess());
    // The same words in a new node: a live region reads what is added, not text that did not change.
    expect(announced().textContent).toBe('Vik asks to join the stage (1 waiting).');
    expect(announced()).not.toBe(first);
  });

  it('announces each notice once: dismissing announces nothing new', async () => {
    const user = userEvent.setup();
    const { host, viewer } = await setup();
    const { container } = render(
      <Providers call={viewer}>
        <StageNotifications />
      </Providers>,
    );
    await act(() => host.stage.grantAccess(['viewer']));
    await act(() => host.stage.revokeAccess(['viewer']));
    const region = container.querySelector('[aria-live="polite"]')!;
    const before = region.textContent;
    await user.click(screen.getAllByRole('button', { name: /^Dismiss/ })[1]!);
    expect(region.textContent).toBe(before);
    expect(container.querySelectorAll('[aria-live]')).toHaveLength(1);
  });
});
