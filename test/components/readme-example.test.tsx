import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryBackend } from '../../src/core/index.js';
import { BackstageGate, GoLiveButton, StageCall, StageKitProvider, StageRequestList, StageToggle } from '../../src/components/index.js';

// The README's React example, as written: the creator gets host controls on first load.
it('renders the README example with host controls and goes live', async () => {
  const user = userEvent.setup();
  const backend = createMemoryBackend();
  const client = backend.client({ user: { id: 'alice', name: 'Alice' } });
  render(
    <StageKitProvider client={client}>
      <StageCall type="livestream" id="launch" load="getOrCreate">
        <GoLiveButton showOptions confirmStop />
        <StageRequestList />
        <BackstageGate>
          <StageToggle />
        </BackstageGate>
      </StageCall>
    </StageKitProvider>,
  );
  await user.click(await screen.findByRole('button', { name: 'Go live' }));
  await waitFor(() => expect(backend.inspect('livestream', 'launch')?.backstage).toBe(false));
  expect(screen.getByRole('region', { name: 'Stage requests' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Request to join stage' })).toBeTruthy();
});
