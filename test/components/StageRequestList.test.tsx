import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, StageKitError, type Call } from '../../src/core/index.js';
import { StageCall, StageKitProvider, StageRequestList } from '../../src/components/index.js';

function Providers({ call, children }: { call: Call; children: ReactNode }) {
  return (
    <StageKitProvider>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function setup(viewerCount: number, requesting = viewerCount) {
  const clock = createManualClock('2030-01-01T00:00:00Z');
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  const cohost = backend.client({ user: { id: 'cohost' } }).call('livestream', 'show');
  await host.getOrCreate({ data: { members: [{ user_id: 'cohost', role: 'host' }] } });
  await host.join();
  await cohost.join();
  await host.goLive();
  const viewers: Call[] = [];
  for (let i = 0; i < viewerCount; i += 1) {
    const viewer = backend.client({ user: { id: `v${i}`, name: `Viewer ${i}` } }).call('livestream', 'show');
    await viewer.join();
    if (i < requesting) {
      clock.advance(1_000);
      await viewer.stage.requestAccess();
    }
    viewers.push(viewer);
  }
  return { backend, host, cohost, viewers };
}

describe('StageRequestList', () => {
  it('lists pending requests oldest first with a count, and accepts one row', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup(3);
    const { container } = render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    const section = screen.getByRole('region', { name: 'Stage requests' });
    expect(within(section).getAllByRole('listitem').map((row) => row.dataset.userId)).toEqual(['v0', 'v1', 'v2']);
    expect(screen.getByText('3 pending')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Accept Viewer 1' }));
    await waitFor(() => expect(screen.getByText('2 pending')).toBeTruthy());
    expect(backend.inspect('livestream', 'show')?.stage.get('v1')).toBe('ACCEPTED_TO_JOIN_STAGE');
    expect(container.querySelector('.stagekit-stage-request-list')?.getAttribute('data-state')).toBe('pending');
  });

  it('denies one row and moves focus to the row that takes its place', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup(3);
    render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Deny Viewer 0' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Deny Viewer 0' })).toBeNull());
    expect(backend.inspect('livestream', 'show')?.stage.get('v0')).toBeUndefined();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accept Viewer 1' }));
  });

  it('leaves focus alone after a failed decision, even when the list changes later', async () => {
    const user = userEvent.setup();
    const { host, cohost } = await setup(3);
    vi.spyOn(host.stage, 'denyAccess').mockRejectedValueOnce(new StageKitError('NETWORK', 'The connection dropped.'));
    render(
      <Providers call={host}>
        <StageRequestList />
        <button type="button">Chat</button>
      </Providers>,
    );
    // Accept all, Deny all, then Accept and Deny for Viewer 0 and Viewer 1.
    for (let i = 0; i < 6; i += 1) await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Deny Viewer 1' }));
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Could not reach the call. Check your connection.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Deny Viewer 1' }));
    for (let i = 0; i < 3; i += 1) await user.tab();
    const chat = screen.getByRole('button', { name: 'Chat' });
    expect(document.activeElement).toBe(chat);
    await act(() => cohost.stage.grantAccess(['v2']));
    expect(screen.queryByRole('button', { name: 'Accept Viewer 2' })).toBeNull();
    expect(document.activeElement).toBe(chat);
  });

  it('moves focus to the heading when a decision by keyboard empties the list', async () => {
    const user = userEvent.setup();
    const { host } = await setup(1);
    render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    for (let i = 0; i < 3; i += 1) await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Accept Viewer 0' }));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('No one is asking to join the stage.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Stage requests' }));
    // The heading takes focus without joining the tab order.
    expect(screen.getByRole('heading', { name: 'Stage requests' }).tabIndex).toBe(-1);
  });

  it('moves focus to the heading when Deny all empties the list', async () => {
    const user = userEvent.setup();
    const { host } = await setup(3);
    render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Deny all' }));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('0 pending')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Stage requests' }));
  });

  it('accepts all in one bulk call and shows the empty state', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup(4);
    const grant = vi.spyOn(host.stage, 'grantAccess');
    const { container } = render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Accept all' }));
    expect(await screen.findByText('No one is asking to join the stage.')).toBeTruthy();
    expect(grant).toHaveBeenCalledTimes(1);
    expect(grant).toHaveBeenCalledWith(['v0', 'v1', 'v2', 'v3'], { onlyRequested: true });
    const stage = backend.inspect('livestream', 'show')!.stage;
    expect(['v0', 'v1', 'v2', 'v3'].map((id) => stage.get(id))).toEqual(Array(4).fill('ACCEPTED_TO_JOIN_STAGE'));
    expect(container.querySelector('.stagekit-stage-request-list')?.getAttribute('data-state')).toBe('empty');
    expect((screen.getByRole('button', { name: 'Accept all' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('denies all in one bulk call', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup(3);
    render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Deny all' }));
    expect(await screen.findByText('0 pending')).toBeTruthy();
    expect(backend.inspect('livestream', 'show')?.stage_requests.toArray()).toEqual([]);
  });

  it("follows another manager's decisions", async () => {
    const { host, cohost } = await setup(2);
    render(
      <Providers call={host}>
        <StageRequestList />
      </Providers>,
    );
    await act(() => cohost.stage.grantAccess(['v0']));
    expect(screen.queryByRole('button', { name: 'Accept Viewer 0' })).toBeNull();
    expect(screen.getByText('1 pending')).toBeTruthy();
  });

  it('renders nothing for a viewer', async () => {
    const { viewers } = await setup(2);
    const { container } = render(
      <Providers call={viewers[0]!}>
        <StageRequestList />
      </Providers>,
    );
    expect(container.innerHTML).toBe('');
  });

  it('renders only the visible rows of a long queue, and scrolls through it', async () => {
    const { host, viewers } = await setup(300);
    expect(viewers).toHaveLength(300);
    render(
      <Providers call={host}>
        <StageRequestList height={220} rowHeight={44} overscan={2} />
      </Providers>,
    );
    const rows = () => screen.getAllByRole('listitem');
    expect(rows().length).toBeLessThanOrEqual(10);
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe('300');
    expect(rows()[0]!.getAttribute('aria-posinset')).toBe('1');
    const scroller = screen.getByRole('list').parentElement as HTMLElement;
    act(() => {
      scroller.scrollTop = 44 * 200;
      scroller.dispatchEvent(new Event('scroll'));
    });
    expect(rows().some((row) => row.dataset.userId === 'v200')).toBe(true);
    expect(rows().length).toBeLessThanOrEqual(12);
  });

  it('takes labels', async () => {
    const { host } = await setup(1);
    render(
      <Providers call={host}>
        <StageRequestList labels={{ acceptAll: 'Let everyone up', requestCount: (n) => `${n} waiting` }} />
      </Providers>,
    );
    expect(screen.getByRole('button', { name: 'Let everyone up' })).toBeTruthy();
    expect(screen.getByText('1 waiting')).toBeTruthy();
  });
});
