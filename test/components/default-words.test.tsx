import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import {
  BackstageGate,
  EndCallButton,
  GoLiveButton,
  JoinCallButton,
  LiveBadge,
  OnStageList,
  StageCall,
  StageKitProvider,
  StageRequestList,
  StageStatusBadge,
  StageToggle,
  defaultMessages,
} from '../../src/components/index.js';

// Each component carries only its own group of default words, so these check that every
// component still shows the kit's words without a provider, and the provider's words with one.

/** A call with no StageKitProvider above it: only TanStack Query, which the actions need. */
function WithoutProvider({ call, children }: { call: Call; children: ReactNode }) {
  return (
    <QueryClientProvider client={new QueryClient()}>
      <StageCall call={call} load="none">
        {children}
      </StageCall>
    </QueryClientProvider>
  );
}

async function setup() {
  const clock = createManualClock('2030-01-01T00:00:00Z');
  const backend = createMemoryBackend({ clock });
  const startsAt = new Date(clock.now() + 500_000);
  // Doors open 600 s ahead, so the viewer is in and asking for the stage.
  const host = backend.client({ user: { id: 'host', name: 'Hana' } }).call('livestream', 'words');
  const viewer = backend.client({ user: { id: 'viewer', name: 'Vik' } }).call('livestream', 'words');
  await host.getOrCreate({ data: { starts_at: startsAt, settings_override: { backstage: { join_ahead_time_seconds: 600 } } } });
  await host.join();
  await host.stage.grantAccess(['host']);
  await host.stage.join();
  await viewer.join();
  await viewer.stage.requestAccess();
  // No join-ahead here: a viewer waits in the waiting room.
  const waiting = backend.client({ user: { id: 'viewer' } }).call('livestream', 'later');
  await backend.client({ user: { id: 'host' } }).call('livestream', 'later').getOrCreate({ data: { starts_at: startsAt } });
  await waiting.get();
  return { host, viewer, waiting };
}

describe('default words', () => {
  it('shows each component’s own words without a provider', async () => {
    const { host, viewer, waiting } = await setup();
    render(
      <WithoutProvider call={host}>
        <GoLiveButton />
        <EndCallButton />
        <StageRequestList />
        <StageStatusBadge />
        <LiveBadge />
        <OnStageList />
      </WithoutProvider>,
    );
    expect(screen.getByRole('button', { name: defaultMessages.goLive })).toBeTruthy();
    expect(screen.getByRole('button', { name: defaultMessages.endCall })).toBeTruthy();
    expect(screen.getByRole('heading', { name: defaultMessages.stageRequests })).toBeTruthy();
    expect(screen.getByRole('button', { name: defaultMessages.acceptUser('Vik') })).toBeTruthy();
    expect(screen.getByText(defaultMessages.stageStatus.ON_STAGE, { selector: '.stagekit-stage-status-badge' })).toBeTruthy();
    expect(screen.getByText(defaultMessages.backstage, { selector: '.stagekit-live-badge' })).toBeTruthy();
    expect(screen.getByRole('button', { name: defaultMessages.kickUser('Hana') })).toBeTruthy();

    render(
      <WithoutProvider call={viewer}>
        <StageToggle />
      </WithoutProvider>,
    );
    expect(screen.getByRole('button', { name: defaultMessages.cancelRequest })).toBeTruthy();

    render(
      <WithoutProvider call={waiting}>
        <JoinCallButton />
        <BackstageGate>inside</BackstageGate>
      </WithoutProvider>,
    );
    expect(screen.getByRole('button', { name: defaultMessages.joinCall })).toBeTruthy();
    expect(screen.getByRole('region', { name: defaultMessages.waitingRoom })).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toBe(defaultMessages.startsIn('8:20'));
  });

  it('shows the provider’s words over a component’s own, and its labels over both', async () => {
    const { host } = await setup();
    render(
      <StageKitProvider messages={{ goLive: 'Start the show', endCall: 'Close the show' }}>
        <StageCall call={host} load="none">
          <GoLiveButton />
          <EndCallButton labels={{ endCall: 'Wrap up' }} />
          <LiveBadge />
        </StageCall>
      </StageKitProvider>,
    );
    expect(screen.getByRole('button', { name: 'Start the show' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Wrap up' })).toBeTruthy();
    expect(screen.getByText(defaultMessages.backstage, { selector: '.stagekit-live-badge' })).toBeTruthy();
  });

  it('lays a nested provider’s words over its parent’s, keeping the parent’s others', async () => {
    const { host } = await setup();
    render(
      <StageKitProvider messages={{ goLive: 'Start the show', endCall: 'Close the show' }}>
        <StageKitProvider messages={{ endCall: 'Wrap up' }}>
          <StageCall call={host} load="none">
            <GoLiveButton />
            <EndCallButton />
            <LiveBadge />
          </StageCall>
        </StageKitProvider>
      </StageKitProvider>,
    );
    expect(screen.getByRole('button', { name: 'Start the show' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Wrap up' })).toBeTruthy();
    expect(screen.getByText(defaultMessages.backstage, { selector: '.stagekit-live-badge' })).toBeTruthy();
  });
});
