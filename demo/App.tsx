import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import {
  BackstageGate,
  BroadcastIndicator,
  EndCallButton,
  FeatureToggles,
  GoLiveButton,
  JoinAheadCountdown,
  JoinCallButton,
  LiveBadge,
  ModerationActions,
  AudienceCount,
  AudienceList,
  OnStageList,
  RecordingIndicator,
  StageCall,
  StageKitProvider,
  StageNotifications,
  StageRequestList,
  StageStatusBadge,
  StageStrip,
  StageToggle,
  useBackstage,
  useCall,
  useCallState,
  useCallStatus,
} from '../src/components/index.js';
import type { Participant } from '../src/core/index.js';
import { createRemoteClient, type RemoteClient } from '../src/remote/index.js';

/** Starts two minutes after scheduling; the doors open a minute ahead. */
const SHOW = { startsInSeconds: 120, joinAheadSeconds: 60 };

const page: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'flex-start',
  gap: 12,
  maxWidth: 560,
  margin: '24px auto',
  padding: 16,
  fontFamily: 'var(--stagekit-font)',
  color: 'var(--stagekit-text)',
};
const row: CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, margin: 0 };

export function App() {
  const params = new URLSearchParams(window.location.search);
  const as = params.get('as');
  if (as === 'host') return <Window userId="host" name="Host" seat="host" />;
  if (as === 'viewer') {
    const name = params.get('name') || 'Viewer';
    return <Window userId={name.toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'viewer'} name={name} seat="viewer" />;
  }
  return <Landing />;
}

function Landing() {
  const open = (query: string) => window.open(`/?${query}`, '_blank', 'popup,width=520,height=760');
  return (
    <main style={page}>
      <h1 style={{ margin: 0 }}>stagekit demo</h1>
      <p style={row}>Each window is its own client of the reference server. Open a host and a viewer or two side by side.</p>
      <div style={row}>
        <button type="button" onClick={() => open('as=host')}>
          Open the host window
        </button>
        <button type="button" onClick={() => open('as=viewer&name=Ana')}>
          Open a viewer window (Ana)
        </button>
        <button type="button" onClick={() => open('as=viewer&name=Ben')}>
          Open a viewer window (Ben)
        </button>
      </div>
    </main>
  );
}

/** Fetches a dev token for the user and keeps one remote client for the window's life. */
function useRemoteClient(userId: string, name: string): RemoteClient | null {
  const [client, setClient] = useState<RemoteClient | null>(null);
  useEffect(() => {
    let made: RemoteClient | null = null;
    let cancelled = false;
    fetch(`/dev/token?user_id=${encodeURIComponent(userId)}&name=${encodeURIComponent(name)}`)
      .then((response) => response.json() as Promise<{ token: string }>)
      .then(({ token }) => {
        if (cancelled) return;
        made = createRemoteClient({ url: window.location.origin, token });
        setClient(made);
      });
    return () => {
      cancelled = true;
      made?.disconnect();
    };
  }, [userId, name]);
  return client;
}

/** The show every window follows, from the demo server's own route (see demo/demo-routes.ts). */
interface Show {
  type: string;
  id: string;
  exists: boolean;
}

/**
 * Polls GET /demo/show, which answers 200 whether or not the show exists yet, so a window waiting
 * for the host logs no failed requests; a new show (after End call) reaches every window this way.
 */
function useShow(): { show: Show | null; startNewShow: () => void } {
  const [show, setShow] = useState<Show | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = (await (await fetch('/demo/show')).json()) as Show;
        if (!stopped) setShow((shown) => (shown && shown.id === next.id && shown.exists === next.exists ? shown : next));
      } catch {
        // The dev server restarting: try again on the next tick.
      }
      if (!stopped) timer = setTimeout(poll, 1_000);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  const startNewShow = () => {
    void fetch('/demo/show', { method: 'POST' })
      .then((response) => response.json() as Promise<Show>)
      .then(setShow);
  };
  return { show, startNewShow };
}

function Window({ userId, name, seat }: { userId: string; name: string; seat: 'host' | 'viewer' }) {
  const client = useRemoteClient(userId, name);
  const { show, startNewShow } = useShow();
  if (!client || !show) return <main style={page}>Connecting…</main>;
  return (
    <StageKitProvider client={client}>
      <StageCall key={show.id} type={show.type} id={show.id} load="none">
        <main style={page}>
          <h1 style={{ margin: 0, fontSize: '1.3em' }}>
            {seat === 'host' ? 'Host' : 'Viewer'}: {name}
          </h1>
          <ConnectionLine />
          {seat === 'host' ? (
            <Loaded exists={show.exists} fallback={<ScheduleButton />}>
              <HostControls onNewShow={startNewShow} />
            </Loaded>
          ) : (
            <Loaded exists={show.exists} fallback={<p style={row}>Nothing scheduled yet. Open the host window and schedule the show.</p>}>
              <ViewerControls name={name} />
            </Loaded>
          )}
        </main>
      </StageCall>
    </StageKitProvider>
  );
}

function ConnectionLine() {
  const { connection } = useCallStatus();
  return <p style={{ ...row, opacity: 0.7 }}>Connection: {connection}</p>;
}

/** Loads the call once it exists: viewers may arrive before the host schedules. */
function Loaded({ exists, children, fallback }: { exists: boolean; children: ReactNode; fallback: ReactNode }) {
  const call = useCall();
  const loaded = useCallState((state) => state.call !== null);
  useEffect(() => {
    if (exists && !loaded) call.get().catch(() => {});
  }, [call, exists, loaded]);
  return loaded ? children : fallback;
}

function ScheduleButton() {
  const call = useCall();
  const [error, setError] = useState<string | null>(null);
  const schedule = async () => {
    try {
      await call.getOrCreate({
        data: {
          starts_at: new Date(call.clock.now() + SHOW.startsInSeconds * 1000),
          settings_override: { backstage: { enabled: true, join_ahead_time_seconds: SHOW.joinAheadSeconds } },
        },
      });
      await call.join();
    } catch (caught) {
      setError(String(caught));
    }
  };
  return (
    <>
      <p style={row}>No show yet. Schedule one two minutes from now, with the doors opening a minute ahead.</p>
      <button type="button" onClick={schedule}>
        Schedule the show
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}

function HostControls({ onNewShow }: { onNewShow: () => void }) {
  const { phase } = useBackstage();
  if (phase === 'ended') {
    return (
      <div style={row}>
        <p style={row}>The show has ended.</p>
        <button type="button" onClick={onNewShow}>
          New show
        </button>
      </div>
    );
  }
  return (
    <>
      <div style={row}>
        <LiveBadge /><RecordingIndicator /><BroadcastIndicator /><AudienceCount /><CountdownUntilLive label="Viewers see:" />
      </div>
      <SkipAhead />
      <div style={row}>
        <JoinCallButton leaveLabel="Leave the call" />
        <GoLiveButton showOptions confirmStop />
        <EndCallButton />
      </div>
      <FeatureToggles />
      <StageNotifications />
      <StageRequestList height={200} />
      <OnStageList />
      <AudienceList height={176} rowActions={moderation} />
    </>
  );
}

/** Remove and Block at the end of each audience row. */
const moderation = (participant: Participant) => <ModerationActions userId={participant.user_id} name={participant.name} />;

/** The countdown while there is one to show: once live (or ended) the badge beside it says so. */
function CountdownUntilLive({ label }: { label?: string }) {
  const { phase } = useBackstage();
  if (phase === 'live' || phase === 'ended') return null;
  return (
    <div style={row}>
      {label} <JoinAheadCountdown />
    </div>
  );
}

/** Moves the demo server's clock, so waiting for the doors and the start takes a click. */
function SkipAhead() {
  const [pending, setPending] = useState(false);
  const skip = (seconds: number) => {
    setPending(true);
    void fetch(`/demo/clock?seconds=${seconds}`, { method: 'POST' }).finally(() => setPending(false));
  };
  return (
    <p style={row}>
      Demo clock:
      <button type="button" disabled={pending} onClick={() => skip(30)}>
        Skip 30 s
      </button>
      <button type="button" disabled={pending} onClick={() => skip(60)}>
        Skip 1 min
      </button>
    </p>
  );
}

function ViewerControls({ name }: { name: string }) {
  return (
    <>
      <div style={row}>
        <LiveBadge /><RecordingIndicator /><BroadcastIndicator /><StageStatusBadge /><AudienceCount />
      </div>
      <StageStrip />
      <BackstageGate aria-label={`${name}'s waiting room`}>
        <CountdownUntilLive />
        <div style={row}>
          <JoinCallButton leaveLabel="Leave the call" />
          <StageToggle />
        </div>
      </BackstageGate>
      <StageNotifications />
    </>
  );
}
