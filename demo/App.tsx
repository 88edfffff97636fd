import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import {
  BackstageGate,
  EndCallButton,
  GoLiveButton,
  JoinAheadCountdown,
  JoinCallButton,
  LiveBadge,
  OnStageList,
  StageCall,
  StageKitProvider,
  StageNotifications,
  StageRequestList,
  StageStatusBadge,
  StageToggle,
  useCall,
  useCallState,
  useCallStatus,
} from '../src/components/index.js';
import { StageKitError, type Call } from '../src/core/index.js';
import { createRemoteClient, type RemoteClient } from '../src/remote/index.js';

/** One show per server run: the host schedules it, viewers follow it. */
const CALL = { type: 'livestream', id: 'demo' };
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

function Window({ userId, name, seat }: { userId: string; name: string; seat: 'host' | 'viewer' }) {
  const client = useRemoteClient(userId, name);
  if (!client) return <main style={page}>Connecting…</main>;
  return (
    <StageKitProvider client={client}>
      <StageCall type={CALL.type} id={CALL.id} load="none">
        <main style={page}>
          <h1 style={{ margin: 0, fontSize: '1.3em' }}>
            {seat === 'host' ? 'Host' : 'Viewer'}: {name}
          </h1>
          <ConnectionLine />
          {seat === 'host' ? (
            <Loaded fallback={<ScheduleButton />}>
              <HostControls />
            </Loaded>
          ) : (
            <Loaded fallback={<p style={row}>Nothing scheduled yet. Open the host window and schedule the show.</p>}>
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

/** Loads the call until it exists: viewers may arrive before the host schedules. */
function useLoadWhenScheduled(call: Call) {
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = () => {
      call.get().catch((error: unknown) => {
        if (!stopped && error instanceof StageKitError && error.code === 'NOT_FOUND') timer = setTimeout(attempt, 2_000);
      });
    };
    attempt();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [call]);
}

function Loaded({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  useLoadWhenScheduled(useCall());
  return useCallState((state) => state.call !== null) ? children : fallback;
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

function HostControls() {
  return (
    <>
      <div style={row}>
        <LiveBadge /> Viewers see: <JoinAheadCountdown />
      </div>
      <div style={row}>
        <JoinCallButton leaveLabel="Leave the call" />
        <GoLiveButton showOptions confirmStop />
        <EndCallButton />
      </div>
      <StageNotifications />
      <StageRequestList height={200} />
      <OnStageList />
    </>
  );
}

function ViewerControls({ name }: { name: string }) {
  return (
    <>
      <div style={row}>
        <LiveBadge /> <StageStatusBadge />
      </div>
      <BackstageGate aria-label={`${name}'s waiting room`}>
        <JoinAheadCountdown />
        <JoinCallButton leaveLabel="Leave the call" />
        <StageToggle />
      </BackstageGate>
      <StageNotifications />
    </>
  );
}
