import { createStore, type StoreApi } from 'zustand/vanilla';
import { reduceCallView } from './call-view-reducer.js';
import type { Clock } from './clock.js';
import type { AudiencePage, BulkStageResult, Command, CommandResults } from './engine.js';
import type { CallEvent, CallEventOf, CallEventType } from './events.js';
import type { CallSideEffect, CallView, StageStatus, User } from './model.js';
import type {
  AudienceQueryInput,
  GetOrCreateInput,
  GoLiveInput,
  JoinInput,
  StopLiveInput,
  UpdateCallInput,
  UpdateCallMembersInput,
} from './schemas.js';

export type ConnectionState = 'connected' | 'connecting' | 'disconnected';

/** What a client's call store holds. Hooks select narrow slices of it. */
export interface CallStoreState {
  /** The user this client acts as. */
  user: User;
  /** This user's view of the call; null until the call is loaded (`get`, `getOrCreate` or `join`). */
  call: CallView | null;
  connection: ConnectionState;
}

export interface CallStage {
  requestAccess(): Promise<{ status: StageStatus }>;
  cancelRequestAccess(): Promise<{ status: StageStatus }>;
  /** ACCEPTED → OFF_STAGE: turns down an invitation (or an approval); the managers are told. */
  declineInvitation(): Promise<{ status: StageStatus }>;
  join(): Promise<{ status: StageStatus }>;
  leave(): Promise<{ status: StageStatus }>;
  /**
   * Accepts requests, or invites users who did not ask. With `{ onlyRequested: true }` it accepts
   * pending requests only, skipping anyone whose request was meanwhile decided or withdrawn.
   */
  grantAccess(userIds: string[], options?: { onlyRequested?: boolean }): Promise<BulkStageResult>;
  denyAccess(userIds: string[]): Promise<BulkStageResult>;
  /** Takes back invitations and approvals of users not yet on stage (ACCEPTED → OFF_STAGE). */
  revokeAccess(userIds: string[]): Promise<BulkStageResult>;
  kick(userIds: string[]): Promise<BulkStageResult>;
}

/** A call as one client sees and drives it. The same shape over the memory backend and the server. */
export interface Call {
  readonly type: string;
  readonly id: string;
  readonly cid: string;
  readonly user: User;
  /** The clock this call's times are read against (the server's, for a remote call). */
  readonly clock: Clock;
  /** The zustand vanilla store holding this user's view. */
  readonly store: StoreApi<CallStoreState>;
  getState(): CallStoreState;
  subscribe(listener: (state: CallStoreState, previous: CallStoreState) => void): () => void;
  getOrCreate(input?: GetOrCreateInput): Promise<{ created: boolean }>;
  get(): Promise<void>;
  join(input?: JoinInput): Promise<{ created: boolean }>;
  leave(): Promise<void>;
  update(input: UpdateCallInput): Promise<void>;
  updateCallMembers(input: UpdateCallMembersInput): Promise<void>;
  goLive(input?: GoLiveInput): Promise<void>;
  stopLive(input?: StopLiveInput): Promise<void>;
  endCall(): Promise<void>;
  /**
   * Starts HLS (`hls`), recording, transcription (`transcribing`) or captions (`captioning`) at
   * any time before the call ends, live or not; needs the feature's start capability.
   */
  startFeature(feature: CallSideEffect): Promise<void>;
  stopFeature(feature: CallSideEffect): Promise<void>;
  /** Takes a participant out of the call (`block-users`); they may join again. */
  removeParticipant(userId: string, options?: { reason?: string }): Promise<void>;
  /** Keeps a user out of the call, joining and watching, until unblocked (`block-users`); removes them now. */
  blockUser(userId: string, options?: { reason?: string }): Promise<void>;
  unblockUser(userId: string): Promise<void>;
  readonly stage: CallStage;
  /**
   * One page of the audience, for those who manage the stage: participants whose name or id
   * contains `q`, in name order, after the cursor `after` (the `next` of an earlier page).
   */
  queryAudience(input?: AudienceQueryInput): Promise<AudiencePage>;
  /**
   * Listens to the events this user may see, in order, each after the store has applied it; `'*'`
   * for all of them. Replays the store skips are not delivered. Returns the unsubscribe function.
   */
  on<T extends CallEventType>(type: T, listener: (event: CallEventOf<T>) => void): () => void;
  on(type: '*', listener: (event: CallEvent) => void): () => void;
}

/** What a store implementation provides: a way to send commands. Events come back through `receive`. */
export type SendCommand = <C extends Command>(command: C) => Promise<CommandResults[C['type']]>;

export interface CallHandle {
  call: Call;
  /** Applies projected events (one batch, one store update). */
  receive(events: readonly CallEvent[]): void;
  setConnection(connection: ConnectionState): void;
}

export function createCall(options: {
  type: string;
  id: string;
  user: User;
  clock: Clock;
  send: SendCommand;
  connection?: ConnectionState;
}): CallHandle {
  const { type, id, user, clock, send } = options;
  const store = createStore<CallStoreState>(() => ({ user, call: null, connection: options.connection ?? 'connected' }));
  const done = () => undefined;
  const listeners = new Set<{ type: string; listener: (event: CallEvent) => void }>();
  const on = (eventType: string, listener: (event: CallEvent) => void) => {
    // An entry of its own, so one listener added twice is two subscriptions, each with its own unsubscribe.
    const entry = { type: eventType, listener };
    listeners.add(entry);
    return () => {
      listeners.delete(entry);
    };
  };
  const call: Call = {
    type,
    id,
    cid: `${type}:${id}`,
    user,
    clock,
    store,
    getState: store.getState,
    subscribe: store.subscribe,
    getOrCreate: (input) => send({ type: 'getOrCreate', input }),
    get: () => send({ type: 'get' }).then(done),
    join: (input) => send({ type: 'join', input }),
    leave: () => send({ type: 'leave' }).then(done),
    update: (input) => send({ type: 'update', input }).then(done),
    updateCallMembers: (input) => send({ type: 'updateCallMembers', input }).then(done),
    goLive: (input) => send({ type: 'goLive', input }).then(done),
    stopLive: (input) => send({ type: 'stopLive', input }).then(done),
    endCall: () => send({ type: 'endCall' }).then(done),
    startFeature: (feature) => send({ type: 'feature.start', feature }).then(done),
    stopFeature: (feature) => send({ type: 'feature.stop', feature }).then(done),
    removeParticipant: (user_id, extra) => send({ type: 'moderation.remove', input: { user_id, ...extra } }).then(done),
    blockUser: (user_id, extra) => send({ type: 'moderation.block', input: { user_id, ...extra } }).then(done),
    unblockUser: (user_id) => send({ type: 'moderation.unblock', input: { user_id } }).then(done),
    stage: {
      requestAccess: () => send({ type: 'stage.requestAccess' }),
      cancelRequestAccess: () => send({ type: 'stage.cancelRequestAccess' }),
      declineInvitation: () => send({ type: 'stage.declineInvitation' }),
      join: () => send({ type: 'stage.join' }),
      leave: () => send({ type: 'stage.leave' }),
      grantAccess: (userIds, grant) =>
        send({ type: 'stage.grantAccess', user_ids: userIds, ...(grant?.onlyRequested && { only_requested: true }) }),
      denyAccess: (userIds) => send({ type: 'stage.denyAccess', user_ids: userIds }),
      revokeAccess: (userIds) => send({ type: 'stage.revokeAccess', user_ids: userIds }),
      kick: (userIds) => send({ type: 'stage.kick', user_ids: userIds }),
    },
    queryAudience: (input) => send({ type: 'audience.query', input }),
    on: on as Call['on'],
  };
  return {
    call,
    receive(events) {
      const current = store.getState().call;
      // The events the reducer applied, in order: a replay it skips is not news to listeners.
      const applied: CallEvent[] = [];
      const next = reduceCallView(current, events, user.id, applied);
      if (next !== current) store.setState({ call: next });
      for (const event of applied) {
        // The event's own listeners first, then those of every event.
        for (const eventType of [event.type, '*']) {
          for (const entry of [...listeners]) {
            if (entry.type !== eventType) continue;
            try {
              entry.listener(event);
            } catch (error) {
              // One listener's failure must not cost the others (or the store) their events.
              void Promise.reject(error);
            }
          }
        }
      }
    },
    setConnection(connection) {
      if (store.getState().connection !== connection) store.setState({ connection });
    },
  };
}

