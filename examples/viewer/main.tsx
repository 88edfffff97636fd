import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createManualClock, createMemoryBackend } from 'stagekit';
import { StageCall, StageKitProvider } from 'stagekit/react';
import { Viewer } from './Viewer.js';

// The backend here is the in-memory one, with a host driven by the buttons below, so the page runs
// on its own; in an app the viewer's client would be `createRemoteClient({ url, token })`.
const clock = createManualClock(Date.now());
const backend = createMemoryBackend({ clock });
const host = backend.client({ user: { id: 'hana', name: 'Hana' } }).call('livestream', 'show');
await host.getOrCreate({
  data: {
    starts_at: new Date(clock.now() + 90_000),
    settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 60 } },
  },
});
await host.join();
const viewer = backend.client({ user: { id: 'vic', name: 'Vic' } });

function HostPanel() {
  const act = (action: () => Promise<unknown>) => () => void action().catch((error: unknown) => alert(String(error)));
  return (
    <aside aria-label="The host, for this example">
      <button type="button" onClick={() => clock.advance(30_000)}>
        Move the clock 30 s
      </button>
      <button type="button" onClick={act(() => host.goLive())}>
        Host: go live
      </button>
      <button type="button" onClick={act(() => host.stage.grantAccess(['vic'], { onlyRequested: true }))}>
        Host: accept Vic's request
      </button>
      <button type="button" onClick={act(() => host.endCall())}>
        Host: end the call
      </button>
    </aside>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>Viewer (hooks only)</h1>
      <StageKitProvider client={viewer}>
        <StageCall type="livestream" id="show">
          <Viewer />
        </StageCall>
      </StageKitProvider>
      <HostPanel />
    </main>
  </StrictMode>,
);
