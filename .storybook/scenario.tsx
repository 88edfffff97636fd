import type { Decorator, Loader } from '@storybook/react-vite';
import { createContext, useContext } from 'react';
import { StageCall, StageKitProvider } from '../src/components/index.js';
import { createManualClock, createMemoryBackend, type Call, type ManualClock, type MemoryBackend, type User } from '../src/core/index.js';

/** Every story's clock starts here, so countdowns read the same on every run. */
import { SETTLE_MS } from '../src/components/action-guard.js';

export const STORY_START = '2030-01-01T18:00:00Z';

export interface ScenarioUser extends User {
  /** Call member role, e.g. `host`. Without one, the user takes the call type's grants for their global role. */
  member?: string;
  /** In the call when the story starts. */
  joined?: boolean;
  /** Where on the stage the user stands when the story starts; the creator grants what needs granting. */
  stage?: 'requested' | 'accepted' | 'invited' | 'on-stage';
}

/**
 * A story's starting point, as `parameters.stagekit`. The first user creates the call; everyone
 * then loads it, the hosts join, the call goes live if asked, the others join and take their
 * places on the stage, the call ends if asked, and `setup` runs last for anything else.
 */
export interface ScenarioParameters {
  /** `livestream` unless given. */
  callType?: string;
  callId?: string;
  users: ScenarioUser[];
  /** Whose view the story renders: wraps it in a `<StageCall>` for that user. */
  as?: string;
  /** Create the call before the story renders; `false` leaves it to the story. */
  create?: boolean;
  /** Schedules the call this far after the story's start; unscheduled without it. */
  startsInSeconds?: number;
  /** How long before the start viewers may join; the call type's (0 for livestreams) without it. */
  joinAheadSeconds?: number;
  live?: boolean;
  ended?: boolean;
  setup?: (scenario: Scenario) => Promise<void> | void;
}

export interface Scenario {
  clock: ManualClock;
  /** Null for a call seeded without a backend (see `crowd.ts`). */
  backend: MemoryBackend | null;
  /** Each user's handle on the call, by user id. */
  calls: Record<string, Call>;
  /** The call of the `as` user. */
  call: Call | null;
}

const ScenarioContext = createContext<Scenario | null>(null);

/** The story's scenario, for stories that render more than one user's view. */
export function useScenario(): Scenario {
  const scenario = useContext(ScenarioContext);
  if (!scenario) throw new Error('useScenario needs parameters.stagekit on the story');
  return scenario;
}

export async function buildScenario(parameters: ScenarioParameters): Promise<Scenario> {
  const { callType = 'livestream', callId = 'show', users } = parameters;
  const clock = createManualClock(STORY_START);
  // Counts told right after each change, so a story reads the same on every run.
  const backend = createMemoryBackend({ clock, countsIntervalMs: 0 });
  const calls: Record<string, Call> = {};
  for (const { id, role, name } of users) {
    calls[id] = backend.client({ user: { id, ...(role && { role }), ...(name && { name }) } }).call(callType, callId);
  }
  const scenario: Scenario = { clock, backend, calls, call: parameters.as ? (calls[parameters.as] ?? null) : null };
  if (parameters.as && !scenario.call) throw new Error(`parameters.stagekit.as names '${parameters.as}', who is not among the users`);
  const creator = users[0];
  if (parameters.create === false || !creator) {
    await parameters.setup?.(scenario);
    return scenario;
  }

  const members = users.filter((u) => u.member).map((u) => ({ user_id: u.id, role: u.member! }));
  await calls[creator.id]!.getOrCreate({
    data: {
      ...(parameters.startsInSeconds !== undefined && { starts_at: new Date(clock.now() + parameters.startsInSeconds * 1000) }),
      ...(parameters.joinAheadSeconds !== undefined && {
        settings_override: { backstage: { join_ahead_time_seconds: parameters.joinAheadSeconds } },
      }),
      ...(members.length > 0 && { members }),
    },
  });
  for (const { id } of users.slice(1)) await calls[id]!.get();
  // Members join first: in backstage only they may, and going live may need them in the call.
  const joining = users.filter((u) => u.joined);
  for (const { id } of joining.filter((u) => u.member)) await calls[id]!.join();
  if (parameters.live) await calls[creator.id]!.goLive();
  for (const { id } of joining.filter((u) => !u.member)) await calls[id]!.join();
  // Invited users did not ask: the creator's grant is an invitation.
  for (const { id } of users.filter((u) => u.stage && u.stage !== 'invited')) await calls[id]!.stage.requestAccess();
  const granted = users.filter((u) => u.stage === 'accepted' || u.stage === 'invited' || u.stage === 'on-stage').map((u) => u.id);
  if (granted.length > 0) await calls[creator.id]!.stage.grantAccess(granted);
  for (const { id } of users.filter((u) => u.stage === 'on-stage')) await calls[id]!.stage.join();
  if (parameters.ended) await calls[creator.id]!.endCall();
  await parameters.setup?.(scenario);
  return scenario;
}

/** The scenario a story's loader built, for play functions that check the backend or move the clock. */
export function scenarioOf(context: { loaded: Record<string, unknown> }): Scenario {
  const scenario = context.loaded.stagekit as Scenario | undefined;
  if (!scenario) throw new Error('this story has no parameters.stagekit');
  return scenario;
}

/** Builds a fresh backend for every story render from `parameters.stagekit`. */
export const loadScenario: Loader = async ({ parameters }) => {
  const stagekit = parameters.stagekit as ScenarioParameters | undefined;
  return stagekit ? { stagekit: await buildScenario(stagekit) } : {};
};

/** Provides the scenario, and the `as` user's call, to the story. */
export const withScenario: Decorator = (Story, { loaded }) => {
  const scenario = loaded.stagekit as Scenario | undefined;
  if (!scenario) return <Story />;
  return (
    <ScenarioContext.Provider value={scenario}>
      <StageKitProvider>
        {scenario.call ? (
          <StageCall call={scenario.call} load="none">
            <Story />
          </StageCall>
        ) : (
          <Story />
        )}
      </StageKitProvider>
    </ScenarioContext.Provider>
  );
};

/**
 * Waits out the moment a control ignores clicks after its label changed, as a person reading the
 * new label would, before a play function clicks it.
 */
export function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 50));
}
