import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import {
  AudienceList,
  BroadcastIndicator,
  FeatureToggles,
  JoinCallButton,
  ModerationActions,
  OnStageList,
  RecordingIndicator,
  StageCall,
  StageKitProvider,
  StageNotifications,
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
  const backend = createMemoryBackend({ clock: createManualClock('2030-01-01T00:00:00Z'), countsIntervalMs: 0 });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  const viewer = backend.client({ user: { id: 'viewer', name: 'Vik' } }).call('livestream', 'show');
  await host.getOrCreate();
  await host.join();
  await host.goLive();
  await viewer.join();
  return { backend, host, viewer };
}

describe('FeatureToggles', () => {
  it('starts and stops recording mid-show, as a pressed toggle, and every indicator follows', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    render(
      <>
        <Providers call={host}>
          <FeatureToggles />
        </Providers>
        <Providers call={viewer}>
          <RecordingIndicator data-testid="viewer-recording" />
        </Providers>
      </>,
    );
    const group = screen.getByRole('group', { name: 'Show features' });
    expect(within(group).getAllByRole('button').map((button) => button.textContent)).toEqual(['Broadcast', 'Record', 'Transcribe', 'Captions']);
    const record = within(group).getByRole('button', { name: 'Record' });
    expect(record.getAttribute('aria-pressed')).toBe('false');
    const indicator = screen.getByTestId('viewer-recording');
    expect(indicator.dataset.state).toBe('off');
    expect(indicator.textContent).toBe('');

    await user.click(record);
    await waitFor(() => expect(record.getAttribute('aria-pressed')).toBe('true'));
    expect(backend.inspect('livestream', 'show')).toMatchObject({ recording: true, backstage: false });
    expect(indicator.dataset.state).toBe('on');
    expect(screen.getByRole('status').textContent).toBe('Recording');

    settle();
    await user.click(record);
    await waitFor(() => expect(record.getAttribute('aria-pressed')).toBe('false'));
    expect(backend.inspect('livestream', 'show')!.recording).toBe(false);
    expect(indicator.dataset.state).toBe('off');
  });

  it('does one thing for a double click', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    render(
      <Providers call={host}>
        <FeatureToggles features={['hls']} />
      </Providers>,
    );
    const seen: boolean[] = [];
    host.on('call.feature_changed', (event) => seen.push(event.enabled));
    await user.dblClick(screen.getByRole('button', { name: 'Broadcast' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Broadcast' }).getAttribute('aria-pressed')).toBe('true'));
    expect(seen).toEqual([true]);
    expect(backend.inspect('livestream', 'show')!.hls).toBe(true);
  });

  it('renders nothing for a viewer, and a disabled toggle with whenForbidden="disable"', async () => {
    const { viewer } = await setup();
    const { container } = render(
      <Providers call={viewer}>
        <FeatureToggles />
      </Providers>,
    );
    expect(container.querySelector('.stagekit-feature-toggles')).toBeNull();
    render(
      <Providers call={viewer}>
        <FeatureToggles whenForbidden="disable" features={['recording']} />
      </Providers>,
    );
    expect((screen.getByRole('button', { name: 'Record' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps focus on a toggle the user may start but not stop, which then does nothing', async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    const grants = backend.getCallType('livestream')!.grants.host!.filter((capability) => capability !== 'stop-record-call');
    backend.updateCallType('livestream', { grants: { host: grants } });
    render(
      <Providers call={host}>
        <FeatureToggles features={['recording']} />
      </Providers>,
    );
    const record = screen.getByRole('button', { name: 'Record' });
    await user.click(record);
    await waitFor(() => expect(record.getAttribute('aria-pressed')).toBe('true'));
    expect(document.activeElement).toBe(record);
    expect(record.getAttribute('aria-disabled')).toBe('true');
    await user.click(record);
    await settle();
    expect(backend.inspect('livestream', 'show')!.recording).toBe(true);
  });

  it('shows a refusal in words, and renders nothing once the call ended', async () => {
    const user = userEvent.setup();
    const { host } = await setup();
    await host.update({ settings_override: { recording: { mode: 'disabled' } } });
    const { container } = render(
      <Providers call={host}>
        <FeatureToggles features={['recording']} />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Record' }));
    expect((await screen.findByRole('alert')).dataset.code).toBe('INVALID_STATE');
    await act(() => host.endCall());
    expect(container.querySelector('.stagekit-feature-toggles')).toBeNull();
  });
});

describe('BroadcastIndicator', () => {
  it('says Broadcasting while HLS runs, for a viewer', async () => {
    const { host, viewer } = await setup();
    render(
      <Providers call={viewer}>
        <BroadcastIndicator />
      </Providers>,
    );
    const status = screen.getByRole('status');
    expect(status.dataset.state).toBe('off');
    await act(() => host.startFeature('hls'));
    expect(status.textContent).toBe('Broadcasting');
    expect(status.className).toBe('stagekit-broadcast-indicator');
  });
});

describe('moderation in the lists', () => {
  it('removes an on-stage guest from the call, and they are told', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    await host.stage.grantAccess(['viewer']);
    await viewer.stage.join();
    render(
      <>
        <Providers call={host}>
          <OnStageList />
        </Providers>
        <Providers call={viewer}>
          <StageNotifications />
        </Providers>
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'Remove from call: Vik' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')!.participants.has('viewer')).toBe(false));
    // Shown in the list of notices and announced by its live region.
    expect((await screen.findAllByText('You were removed from the call.')).length).toBeGreaterThan(0);
    // A host sees no controls about themselves.
    expect(screen.queryByRole('button', { name: 'Block host' })).toBeNull();
  });

  it('blocks only after a confirmation; Cancel changes nothing', async () => {
    const user = userEvent.setup();
    const { backend, host, viewer } = await setup();
    render(
      <>
        <Providers call={host}>
          {/* A host of a crowd is not shown each viewer: the list that offers them names them. */}
          <ModerationActions userId="viewer" name="Vik" />
        </Providers>
        <Providers call={viewer}>
          <StageNotifications />
        </Providers>
      </>,
    );
    await user.click(screen.getByRole('button', { name: 'Block Vik' }));
    const question = screen.getByRole('group', { name: /Block Vik\?/ });
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(backend.inspect('livestream', 'show')!.blocked).toBeUndefined();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Block Vik' }));

    settle();
    await user.click(screen.getByRole('button', { name: 'Block Vik' }));
    await user.click(within(screen.getByRole('group', { name: /Block Vik\?/ })).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')!.blocked).toEqual({ viewer: true }));
    expect(backend.inspect('livestream', 'show')!.participants.has('viewer')).toBe(false);
    expect((await screen.findAllByText('You were blocked from this call.')).length).toBeGreaterThan(0);
  });

  it('tells a blocked viewer who tries to join again that they are blocked', async () => {
    const user = userEvent.setup();
    const { host, viewer } = await setup();
    await host.blockUser('viewer');
    render(
      <Providers call={viewer}>
        <JoinCallButton />
      </Providers>,
    );
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You are blocked from this call.');
  });

  it("blocks from the host's audience list when its rows carry ModerationActions", async () => {
    const user = userEvent.setup();
    const { backend, host } = await setup();
    render(
      <Providers call={host}>
        <AudienceList rowActions={(participant) => <ModerationActions userId={participant.user_id} name={participant.name} />} />
      </Providers>,
    );
    const row = (await screen.findByText('Vik')).closest('li')!;
    await user.click(within(row).getByRole('button', { name: 'Block Vik' }));
    await user.click(within(row).getByRole('button', { name: 'Block' }));
    await waitFor(() => expect(backend.inspect('livestream', 'show')!.blocked).toEqual({ viewer: true }));
    expect(backend.inspect('livestream', 'show')!.participants.has('viewer')).toBe(false);
    // The host's own row has no controls about themselves.
    const own = screen.getByText('host').closest('li')!;
    expect(within(own).queryByRole('button', { name: /^Block/ })).toBeNull();
  });

  it('renders nothing for someone without block-users', async () => {
    const { viewer } = await setup();
    const { container } = render(
      <Providers call={viewer}>
        <ModerationActions userId="host" />
      </Providers>,
    );
    expect(container.innerHTML).toBe('');
  });
});
