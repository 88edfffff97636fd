import { useId, useState, useSyncExternalStore, type CSSProperties, type ReactNode } from 'react';
import {
  BackstageGate,
  BroadcastIndicator,
  EndCallButton,
  FeatureToggles,
  ModerationActions,
  RecordingIndicator,
  GoLiveButton,
  JoinAheadCountdown,
  JoinCallButton,
  LiveBadge,
  AudienceCount,
  AudienceList,
  OnStageList,
  StageCall,
  StageNotifications,
  StageRequestList,
  StageStatusBadge,
  StageStrip,
  StageToggle,
  useCallPhase,
  useCallState,
} from '../src/components/index.js';
import type { Call, ManualClock, Participant } from '../src/core/index.js';
import { useScenario } from '../.storybook/scenario.js';

/** The show the host schedules: five minutes out, doors open two minutes ahead. */
export const SHOW = { startsInSeconds: 300, joinAheadSeconds: 120 };

const panel: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'flex-start',
  gap: 12,
  padding: 16,
  border: '1px solid var(--stagekit-border)',
  borderRadius: 'var(--stagekit-radius)',
  background: 'var(--stagekit-bg)',
  fontFamily: 'var(--stagekit-font)',
  color: 'var(--stagekit-text)',
};
const row: CSSProperties = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, margin: 0 };

function Panel({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} style={panel}>
      <h2 id={headingId} style={{ margin: 0, fontSize: '1.15em' }}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function ClockControls({ clock }: { clock: ManualClock }) {
  const now = useSyncExternalStore(clock.subscribe, clock.now);
  const time = new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone: 'UTC' }).format(now);
  return (
    <fieldset style={{ ...row, fontFamily: 'var(--stagekit-font)', border: 0, padding: 0 }}>
      <legend style={{ float: 'left', marginRight: 8 }}>Clock</legend>
      <span>
        Time: <time dateTime={new Date(now).toISOString()}>{time} UTC</time>
      </span>
      <button type="button" onClick={() => clock.advance(10_000)}>
        +10 s
      </button>
      <button type="button" onClick={() => clock.advance(60_000)}>
        +1 min
      </button>
      <button type="button" onClick={() => clock.advance(300_000)}>
        +5 min
      </button>
    </fieldset>
  );
}

function ScheduleButton({ host, viewers, clock }: { host: Call; viewers: Call[]; clock: ManualClock }) {
  const [error, setError] = useState<string | null>(null);
  const schedule = async () => {
    try {
      await host.getOrCreate({
        data: {
          starts_at: new Date(clock.now() + SHOW.startsInSeconds * 1000),
          settings_override: { backstage: { join_ahead_time_seconds: SHOW.joinAheadSeconds } },
        },
      });
      await host.join();
      // Viewers open the call's page: they load its state and follow it from then on.
      await Promise.all(viewers.map((viewer) => viewer.get()));
    } catch (caught) {
      setError(String(caught));
    }
  };
  return (
    <>
      <p style={row}>No show yet. Schedule one five minutes from now, with the doors opening two minutes ahead.</p>
      <button type="button" onClick={schedule}>
        Schedule the show
      </button>
      {error && <p role="alert">{error}</p>}
    </>
  );
}

/** Remove from call and Block, at the end of each audience row. */
const moderation = (participant: Participant) => <ModerationActions userId={participant.user_id} name={participant.name} />;

/** The countdown while there is one to show: once live (or ended) the badge beside it says so. */
function CountdownUntilLive({ label }: { label?: string }) {
  const { phase } = useCallPhase();
  if (phase === 'live' || phase === 'ended') return null;
  return (
    <div style={row}>
      {label} <JoinAheadCountdown />
    </div>
  );
}

function HostControls() {
  return (
    <>
      <div style={row}>
        <LiveBadge /><RecordingIndicator /><BroadcastIndicator /><AudienceCount /><CountdownUntilLive label="Viewers see:" />
      </div>
      <div style={row}>
        <GoLiveButton showOptions confirmStop />
        <EndCallButton />
      </div>
      <FeatureToggles />
      <StageNotifications aria-label="Hana's notifications" />
      <StageRequestList height={160} />
      <OnStageList />
      <AudienceList height={132} rowActions={moderation} />
    </>
  );
}

function Loaded({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  return useCallState((state) => state.call !== null) ? children : fallback;
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
      <StageNotifications aria-label={`${name}'s notifications`} />
    </>
  );
}

/**
 * A host and two viewers on one in-memory backend, each through their own client, and a clock
 * that moves only when told to.
 */
export function Studio() {
  const { calls, clock } = useScenario();
  const host = calls.hana!;
  const viewers = [
    { call: calls.ana!, name: 'Ana' },
    { call: calls.ben!, name: 'Ben' },
  ];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <ClockControls clock={clock} />
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 16, alignItems: 'start' }}>
        <StageCall call={host} load="none">
          <Panel title="Host: Hana">
            <Loaded fallback={<ScheduleButton host={host} viewers={viewers.map((viewer) => viewer.call)} clock={clock} />}>
              <HostControls />
            </Loaded>
          </Panel>
        </StageCall>
        {viewers.map(({ call, name }) => (
          <StageCall key={name} call={call} load="none">
            <Panel title={`Viewer: ${name}`}>
              <Loaded fallback={<p style={row}>Nothing scheduled yet.</p>}>
                <ViewerControls name={name} />
              </Loaded>
            </Panel>
          </StageCall>
        ))}
      </div>
    </div>
  );
}
