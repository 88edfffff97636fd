// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { createManualClock, createMemoryBackend } from '../../src/core/index.js';

describe('server rendering', () => {
  it('imports and renders with no window', async () => {
    expect(typeof window).toBe('undefined');
    const { StageCall, StageKitProvider, useBackstage, useJoinAheadCountdown, useStageStatus } = await import(
      '../../src/react/index.js'
    );
    const clock = createManualClock('2030-01-01T00:00:00Z');
    const backend = createMemoryBackend({ clock });
    const call = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
    await call.getOrCreate({ data: { starts_at: new Date(clock.now() + 60_000) } });
    function Page() {
      const status = useStageStatus();
      const { canJoinNow } = useBackstage();
      const { secondsRemaining } = useJoinAheadCountdown();
      return <p>{`${status} ${canJoinNow} ${secondsRemaining}`}</p>;
    }
    const html = renderToString(
      <StageKitProvider>
        <StageCall call={call} load="none">
          <Page />
        </StageCall>
      </StageKitProvider>,
    );
    // Store-backed values render from the initial state, time-dependent ones as unknown.
    expect(html).toContain('OFF_STAGE false null');
  });
});
