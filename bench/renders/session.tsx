import { act, Profiler, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createManualClock, createMemoryBackend, type Call } from '../../src/core/index.js';
import {
  useBackstage,
  useCallState,
  useCallStatus,
  useGoLive,
  useHasCapability,
  useIsInCall,
  useJoinAheadCountdown,
  useJoinCall,
  useLeaveCall,
  useOnStage,
  useAcceptStageRequests,
  useIsInvitedToStage,
  useStageActions,
  useStageNotices,
  useStageRequests,
  useStageStatus,
  useStopLive,
  BackstageGate,
  GoLiveButton,
  JoinAheadCountdown,
  JoinCallButton,
  KickButton,
  LiveBadge,
  OnStageList,
  StageCall,
  StageKitProvider,
  StageNotifications,
  StageRequestList,
  StageStatusBadge,
  StageToggle,
} from '../../src/components/index.js';

const T0 = '2030-01-01T00:00:00.000Z';
export const VIEWERS = 200;

export interface ComponentCommits {
  name: string;
  commits: number;
  /** Commits in a step where none of the hook values the component reads changed. */
  unneeded: number;
  unneededAt: string[];
  /** Commits after which the component's DOM was exactly what it was before. */
  invisible: number;
  invisibleAt: string[];
}

export interface SessionResult {
  steps: number;
  requests: number;
  grants: number;
  components: ComponentCommits[];
}

/** One profiled component, in its own element so its DOM can be compared before and after each step. */
function Probe({ id, onCommit, children }: { id: string; onCommit: (id: string) => void; children: ReactNode }) {
  return (
    <div data-probe={id}>
      <Profiler id={id} onRender={() => onCommit(id)}>
        {children}
      </Profiler>
    </div>
  );
}

const mutation = (m: { status: string; error: unknown }) => [m.status, m.error];
const stageMutations = (a: ReturnType<typeof useStageActions>) => Object.values(a).map(mutation);

/*
 * The data each component reads: the same public hooks it calls, with the same arguments. A
 * witness calls them beside the component and records their values after every render.
 */
const reads: Record<string, (userId?: string) => unknown> = {
  GoLiveButton: () => [useHasCapability('update-call'), useBackstage(), mutation(useGoLive()), mutation(useStopLive())],
  StageRequestList: () => [useHasCapability('manage-stage'), useStageRequests(), stageMutations(useStageActions())],
  JoinAheadCountdown: () => useJoinAheadCountdown(),
  StageToggle: () => [
    useStageStatus(),
    useHasCapability('request-stage'),
    useHasCapability('join-stage'),
    useIsInCall(),
    useIsInvitedToStage(),
    stageMutations(useStageActions()),
  ],
  StageStatusBadge: (userId) => [useStageStatus(userId), useIsInvitedToStage(userId)],
  StageNotifications: () => [useStageNotices().notices, mutation(useAcceptStageRequests())],
  LiveBadge: () => useBackstage(),
  BackstageGate: () => [useBackstage(), useCallStatus()],
  JoinCallButton: () => [useIsInCall(), useBackstage(), mutation(useJoinCall()), mutation(useLeaveCall())],
  OnStageList: () => useOnStage(),
  KickButton: (userId) => [
    useHasCapability('manage-stage'),
    useStageStatus(userId),
    useCallState((state) => state.call?.participants[userId!]?.name ?? userId),
    stageMutations(useStageActions()),
  ],
};

function Witness({ id, component, userId, seen }: { id: string; component: string; userId?: string; seen: Map<string, string> }) {
  seen.set(id, JSON.stringify(reads[component]!(userId)));
  return null;
}

function kit(prefix: string, call: Call, onCommit: (id: string) => void, seen: Map<string, string>, manager: boolean) {
  const probes: [string, string, string | undefined, () => ReactNode][] = [
    ['GoLiveButton', 'GoLiveButton', undefined, () => <GoLiveButton />],
    ['StageRequestList', 'StageRequestList', undefined, () => <StageRequestList />],
    ['JoinAheadCountdown', 'JoinAheadCountdown', undefined, () => <JoinAheadCountdown />],
    ['StageToggle', 'StageToggle', undefined, () => <StageToggle />],
    ['StageStatusBadge (own)', 'StageStatusBadge', undefined, () => <StageStatusBadge />],
    ['StageStatusBadge (v1)', 'StageStatusBadge', 'v1', () => <StageStatusBadge userId="v1" />],
    ['LiveBadge', 'LiveBadge', undefined, () => <LiveBadge />],
    [
      'BackstageGate',
      'BackstageGate',
      undefined,
      () => (
        <BackstageGate>
          <span>in the call</span>
        </BackstageGate>
      ),
    ],
    ['JoinCallButton', 'JoinCallButton', undefined, () => <JoinCallButton />],
    ['OnStageList', 'OnStageList', undefined, () => <OnStageList />],
    ['StageNotifications', 'StageNotifications', undefined, () => <StageNotifications />],
  ];
  if (manager) probes.push(['KickButton (v1)', 'KickButton', 'v1', () => <KickButton userId="v1" />]);
  return (
    <StageKitProvider>
      <StageCall call={call} load="none">
        {probes.map(([name, , , render]) => (
          <Probe key={name} id={`${prefix} ${name}`} onCommit={onCommit}>
            {render()}
          </Probe>
        ))}
        {probes.map(([name, component, userId]) => (
          <Witness key={`${name} witness`} id={`${prefix} ${name}`} component={component} userId={userId} seen={seen} />
        ))}
      </StageCall>
    </StageKitProvider>
  );
}

/**
 * A scripted session: 1 host, 200 viewers joining, 500 stage requests, 50 grants, the granted
 * stepping on stage, go live, stop live. The host's components and one viewer's (v0) are mounted
 * and each is profiled across every step.
 */
export async function runSession(): Promise<SessionResult> {
  const clock = createManualClock(T0);
  const backend = createMemoryBackend({ clock });
  const host = backend.client({ user: { id: 'host' } }).call('livestream', 'show');
  await host.getOrCreate({
    data: { starts_at: new Date(clock.now() + 600_000), settings_override: { backstage: { join_ahead_time_seconds: 300 } } },
  });
  await host.join();
  clock.advance(300_000);
  const viewers = Array.from({ length: VIEWERS }, (_, i) => backend.client({ user: { id: `v${i}`, name: `Viewer ${i}` } }).call('livestream', 'show'));
  await viewers[0]!.get();

  const commits = new Map<string, number>();
  const seen = new Map<string, string>();
  const onCommit = (id: string) => commits.set(id, (commits.get(id) ?? 0) + 1);
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <>
        {kit('host:', host, onCommit, seen, true)}
        {kit('viewer v0:', viewers[0]!, onCommit, seen, false)}
      </>,
    );
  });

  const probes = [...container.querySelectorAll<HTMLElement>('[data-probe]')];
  const totals = new Map(
    probes.map((p) => [p.dataset.probe!, { commits: 0, unneeded: 0, unneededAt: [] as string[], invisible: 0, invisibleAt: [] as string[] }]),
  );
  let steps = 0;
  let requests = 0;
  let grants = 0;

  async function step(label: string, action: () => Promise<unknown>) {
    const before = new Map(probes.map((p) => [p.dataset.probe!, p.innerHTML]));
    const readBefore = new Map(seen);
    commits.clear();
    await act(async () => {
      await action();
    });
    steps += 1;
    for (const probe of probes) {
      const id = probe.dataset.probe!;
      const n = commits.get(id) ?? 0;
      if (n === 0) continue;
      const total = totals.get(id)!;
      total.commits += n;
      // More than one commit in one step is never needed: the step is one store update.
      const unneeded = n - (seen.get(id) !== readBefore.get(id) ? 1 : 0);
      if (unneeded > 0) {
        total.unneeded += unneeded;
        if (total.unneededAt.length < 3) total.unneededAt.push(label);
      }
      const invisible = n - (probe.innerHTML !== before.get(id) ? 1 : 0);
      if (invisible > 0) {
        total.invisible += invisible;
        if (total.invisibleAt.length < 3) total.invisibleAt.push(label);
      }
    }
  }

  for (const viewer of viewers) await step(`${viewer.user.id} joins`, () => viewer.join());
  const request = (viewer: Call) => {
    requests += 1;
    return step(`${viewer.user.id} requests the stage`, () => viewer.stage.requestAccess());
  };
  const granted = viewers.slice(0, 50);
  const denied = viewers.slice(50);
  for (const viewer of viewers) await request(viewer);
  for (const viewer of granted) {
    grants += 1;
    await step(`host grants ${viewer.user.id}`, () => host.stage.grantAccess([viewer.user.id]));
  }
  for (const viewer of denied) await step(`host denies ${viewer.user.id}`, () => host.stage.denyAccess([viewer.user.id]));
  for (const viewer of denied) await request(viewer);
  await step('host denies all', () => host.stage.denyAccess(denied.map((v) => v.user.id)));
  for (const viewer of denied) await request(viewer);
  for (const viewer of granted) await step(`${viewer.user.id} steps on stage`, () => viewer.stage.join());
  await step('host goes live', () => host.goLive());
  await step('host stops live', () => host.stopLive());

  await act(async () => root.unmount());
  container.remove();
  return {
    steps,
    requests,
    grants,
    components: [...totals].map(([name, t]) => ({ name, ...t })),
  };
}
