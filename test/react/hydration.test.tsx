import { act } from '@testing-library/react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import { StageCall, StageKitProvider, useBackstage, useJoinAheadCountdown } from '../../src/react/index.js';

function Countdown() {
  const { secondsRemaining, phase } = useJoinAheadCountdown();
  const { canJoinNow } = useBackstage();
  return (
    <p data-phase={phase}>
      {secondsRemaining ?? '–'} {canJoinNow ? 'open' : 'closed'}
    </p>
  );
}

function App({ call }: { call: Call }) {
  return (
    <StageKitProvider>
      <StageCall call={call} load="none">
        <Countdown />
      </StageCall>
    </StageKitProvider>
  );
}

describe('hydration', () => {
  it('does not mismatch on time-dependent values rendered at another instant', async () => {
    const clock = createManualClock('2030-01-01T00:00:00Z');
    const backend = createMemoryBackend({ clock });
    const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
    await host.getOrCreate({
      data: { starts_at: new Date(clock.now() + 500_000), settings_override: { backstage: { join_ahead_time_seconds: 300 } } },
    });
    const viewer = backend.client({ user: { id: 'viewer' } }).call('livestream', 'show');
    await viewer.get();

    const container = document.createElement('div');
    container.innerHTML = renderToString(<App call={viewer} />);
    clock.advance(250_000);
    const recoverable = vi.fn<(error: unknown) => void>();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await act(async () => {
      hydrateRoot(container, <App call={viewer} />, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    // After hydration the client shows its own time.
    expect(container.textContent).toBe('250 open');
    expect(container.querySelector('p')?.dataset.phase).toBe('doors-open');
  });
});
