import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import { AudienceCount, AudienceList, StageCall, StageKitProvider } from '../../src/components/index.js';

function Providers({ call, children }: { call: Call; children: ReactNode }) {
  return (
    <StageKitProvider>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </StageKitProvider>
  );
}

async function show(names: string[]) {
  const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z'), countsIntervalMs: 0 });
  const host = backend.client({ user: { id: 'host', name: 'Hana' } }).call('livestream', 'show');
  await host.join({ create: true });
  await host.goLive();
  const viewers: Call[] = [];
  for (const [i, name] of names.entries()) {
    const viewer = backend.client({ user: { id: `v${i}`, name } }).call('livestream', 'show');
    await viewer.join();
    viewers.push(viewer);
  }
  return { backend, host, viewers };
}

describe('AudienceList', () => {
  it('lists the audience in name order for a host, searches it, and invites someone to the stage', async () => {
    const user = userEvent.setup();
    const { backend, host } = await show(['Zoe', 'Ben', 'Ana', 'Bea']);
    render(
      <Providers call={host}>
        <AudienceList />
      </Providers>,
    );
    const section = await screen.findByRole('region', { name: 'Audience' });
    const names = () => within(section).getAllByRole('listitem').map((row) => row.querySelector('.stagekit-audience-name')?.textContent);
    await waitFor(() => expect(names()).toEqual(['Ana', 'Bea', 'Ben', 'Hana', 'Zoe']));
    // The host holds join-stage: they may join the stage, and are not offered an invitation.
    expect(within(section.querySelector('li[data-user-id="host"]') as HTMLElement).getByText('May join the stage')).toBeTruthy();
    expect(within(section).getByText('5 watching')).toBeTruthy();

    await user.type(screen.getByRole('searchbox', { name: 'Search the audience' }), 'be');
    await waitFor(() => expect(within(section).getAllByRole('listitem').map((row) => row.dataset.userId)).toEqual(['v3', 'v1']));

    await user.click(screen.getByRole('button', { name: 'Invite Ben to the stage' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')?.stage.get('v1')).toBe('ACCEPTED_TO_JOIN_STAGE'));
    const ben = section.querySelector('li[data-user-id="v1"]') as HTMLElement;
    await waitFor(() => expect(within(ben).getByText('Invited')).toBeTruthy());
    expect(ben.dataset.stageStatus).toBe('ACCEPTED_TO_JOIN_STAGE');
    expect(within(ben).queryByRole('button')).toBeNull();
  });

  it('says when a search finds no one, and renders nothing for a viewer', async () => {
    const user = userEvent.setup();
    const { host, viewers } = await show(['Ana']);
    const { container, unmount } = render(
      <Providers call={host}>
        <AudienceList />
      </Providers>,
    );
    await screen.findAllByRole('listitem');
    await user.type(screen.getByRole('searchbox'), 'nobody');
    await screen.findByText('No one matches “nobody”.');
    expect(container.querySelector('.stagekit-audience-list')?.getAttribute('data-state')).toBe('empty');
    unmount();

    const asViewer = render(
      <Providers call={viewers[0]!}>
        <AudienceList />
      </Providers>,
    );
    expect(asViewer.container.innerHTML).toBe('');
  });

  it('renders only the rows in view of a large audience, and loads more as it scrolls', async () => {
    const { host } = await show(Array.from({ length: 300 }, (_, i) => `Viewer ${String(i).padStart(3, '0')}`));
    const { container } = render(
      <Providers call={host}>
        <AudienceList pageSize={50} height={220} rowHeight={44} />
      </Providers>,
    );
    await waitFor(() => expect(container.querySelectorAll('li').length).toBeGreaterThan(0));
    expect(container.querySelectorAll('li').length).toBeLessThanOrEqual(10);
    const scroller = container.querySelector('.stagekit-audience-scroller') as HTMLElement;
    await act(async () => {
      scroller.scrollTop = 49 * 44;
      scroller.dispatchEvent(new Event('scroll'));
    });
    // Near the end of the first page, the second comes.
    await waitFor(() => expect(container.querySelector('li[aria-posinset="51"]')).not.toBeNull());
    expect(container.querySelector('li')?.getAttribute('aria-setsize')).toBe('301');
  });
});

describe('AudienceCount', () => {
  it('shows the count in the reader’s locale and announces only a big change, not one on arrival', async () => {
    const { backend, host } = await show(Array.from({ length: 20 }, (_, i) => `Viewer ${i}`));
    const { container } = render(
      <Providers call={host}>
        <AudienceCount announceEveryMs={0} />
      </Providers>,
    );
    const count = container.querySelector('.stagekit-audience-count') as HTMLElement;
    const live = count.querySelector('[aria-live="polite"]') as HTMLElement;
    expect(count.dataset.count).toBe('21');
    expect(count.firstChild?.textContent).toBe('21 watching');
    expect(live.textContent).toBe('');
    // One more is not worth a word; a crowd arriving is.
    await act(() => backend.client({ user: { id: 'c0' } }).call('livestream', 'show').join());
    expect(count.dataset.count).toBe('22');
    expect(live.textContent).toBe('');
    await act(async () => {
      for (let i = 1; i < 200; i += 1) await backend.client({ user: { id: `c${i}` } }).call('livestream', 'show').join();
    });
    expect(count.dataset.count).toBe('221');
    expect(count.firstChild?.textContent).toBe(`${(221).toLocaleString()} watching`);
    // Announced once it had grown by a good share; what follows within that share is not read out.
    await waitFor(() => expect(live.textContent).toMatch(/ watching$/));
    const announced = Number(live.textContent!.replace(/\D/g, ''));
    expect(announced).toBeGreaterThan(200);
    expect(announced).toBeLessThanOrEqual(221);
  });
});
