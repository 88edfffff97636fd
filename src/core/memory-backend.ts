import type { CallHandle } from './call.js';
import { createCall } from './call.js';
import { applyCallTypePatch, builtInCallTypes, type CallType } from './call-types.js';
import type { StageKitClient } from './client.js';
import { systemClock, type Clock } from './clock.js';
import { callId, executeCall, updateCallType, type Command } from './engine.js';
import { StageKitError } from './errors.js';
import type { CallEvent } from './events.js';
import type { CallRecord, User } from './model.js';
import { accessRefusal, capabilitiesOf, watchAccessMoved } from './access.js';
import { projectEvents, viewOf } from './projection.js';
import { CallWatchers, countsChanged, dutiesOf, routeOf, SYSTEM_ACTOR } from './routing.js';
import { callKeySchema, callTypePatchSchema, parseInput, userSchema, type CallTypePatchInput } from './schemas.js';
import { DEFAULT_SETTINGS } from './settings.js';

export interface MemoryBackendOptions {
  clock?: Clock;
  /** Call types to add, or changes to the built-in ones, by name. */
  callTypes?: Record<string, CallTypePatchInput>;
  /**
   * How often at most watchers are told a call's counts, in ms (default 250): a crowd joining
   * at once is one count update, not one per join. 0 tells them right after each change.
   */
  countsIntervalMs?: number;
}

/** An in-process server: the embedded default for demos, stories and tests. */
export interface MemoryBackend {
  readonly clock: Clock;
  /** A client acting as `user`. Its calls see every other client's actions as events, synchronously. */
  client(options: { user: User }): StageKitClient;
  /** Changes a call type; calls without an override follow at once. */
  updateCallType(name: string, patch: CallTypePatchInput): void;
  getCallType(name: string): CallType | undefined;
  /** The authoritative state of a call, for tests and dev tools. */
  inspect(type: string, id: string): CallRecord | undefined;
}

interface Watcher {
  user: User;
  handle: CallHandle;
}

export function createMemoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const clock = options.clock ?? systemClock;
  const types = builtInCallTypes();
  for (const [name, patch] of Object.entries(options.callTypes ?? {})) {
    parseInput(callKeySchema, { type: name, id: 'x' }, 'callTypes');
    const parsed = parseInput(callTypePatchSchema, patch, `callTypes.${name}`);
    types.set(name, applyCallTypePatch(types.get(name) ?? { name, settings: DEFAULT_SETTINGS, grants: {} }, parsed));
  }
  // Calls by cid, changed in place: one change costs the same however many calls there are.
  const records = new Map<string, CallRecord>();
  const watchers = new Map<string, CallWatchers<Watcher, true>>();
  const countsIntervalMs = options.countsIntervalMs ?? 250;
  const countTimers = new Map<string, unknown>();

  // Deliveries run in order through one queue: an action started by a store listener while a
  // batch is being handed out waits its turn, so every watcher sees every batch in sequence.
  const deliveries: (() => void)[] = [];
  let delivering = false;
  function deliver(...batch: (() => void)[]) {
    // A whole batch joins the queue before any of it runs, so no watcher's handling can cut in.
    deliveries.push(...batch);
    if (delivering) return;
    delivering = true;
    try {
      while (deliveries.length > 0) {
        try {
          deliveries.shift()!();
        } catch (error) {
          // A listener's error must not cost the other watchers their events; it is reported
          // asynchronously, as an unhandled rejection, instead.
          void Promise.reject(error);
        }
      }
    } finally {
      delivering = false;
    }
  }

  function publish(cid: string, before: CallRecord | null, after: CallRecord, beforeType: CallType, events: CallEvent[]) {
    const set = watchers.get(cid);
    if (!set) return;
    const afterType = types.get(after.type)!;
    const accessMoved = !before || watchAccessMoved(before, after) || beforeType !== afterType;
    // Duties move with members or the call type only, not with a block or a team.
    if (!before || before.members !== after.members || beforeType !== afterType) {
      for (const watcher of set.watchers()) set.setDuties(watcher, dutiesOf(afterType, after, watcher.user));
    }
    // Only the watchers the change is news to: a viewer joining a crowd reaches one client.
    const batch = set.targets(routeOf(events)).map(
      (watcher) => () => watcher.handle.receive(projectEvents({ before, after, beforeType, afterType, events }, watcher.user)),
    );
    deliver(...batch);
    // Someone just blocked (or outside a team the call now has) hears this change, then no more:
    // their store stops following the call, and if they were still in it they leave, as they do
    // on the server once their stream is stopped.
    if (!accessMoved) return;
    for (const watcher of set.watchers()) {
      if (!accessRefusal(after, watcher.user)) continue;
      set.delete(watcher);
      deliver(() => watcher.handle.setConnection('disconnected'));
      const { type, id } = watcher.handle.call;
      if (records.get(cid)?.participants.has(watcher.user.id)) run(watcher.user, type, id, { type: 'leave', reason: 'dropped' });
    }
  }

  function watch(watcher: Watcher, cid: string, call: CallRecord, callType: CallType) {
    let set = watchers.get(cid);
    if (!set) watchers.set(cid, (set = new CallWatchers()));
    if (set.has(watcher)) return;
    // Only users who may read the call watch it: a refused `get` must not leak it through another action.
    if (accessRefusal(call, watcher.user) || !capabilitiesOf(callType, call, watcher.user.id, watcher.user.role).includes('read-call')) return;
    set.set(watcher, true, dutiesOf(callType, call, watcher.user));
    const snapshot: CallEvent = {
      type: 'call.state',
      call: viewOf(call, callType, watcher.user),
      cid,
      seq: call.seq,
      created_at: new Date(clock.now()).toISOString(),
    };
    deliver(() => watcher.handle.receive([snapshot]));
  }

  function run(actor: User, type: string, id: string, command: Command) {
    const callType = types.get(type);
    const cid = callId(type, id);
    const outcome = executeCall(callType, records.get(cid) ?? null, { type, id, actor, command }, clock.now());
    if (outcome.after && outcome.after !== outcome.before) records.set(cid, outcome.after);
    if (outcome.after && callType && outcome.events.length > 0) {
      publish(cid, outcome.before, outcome.after, callType, outcome.events);
      if (countsChanged(outcome.after)) countLater(type, id);
    }
    return outcome;
  }

  /** Tells a call's watchers its counts: at once with `countsIntervalMs: 0`, else once per interval. */
  function countLater(type: string, id: string) {
    const cid = callId(type, id);
    if (countsIntervalMs <= 0) {
      run(SYSTEM_ACTOR, type, id, { type: 'audience.publishCounts' });
      return;
    }
    if (countTimers.has(cid)) return;
    const timer = host.setTimeout(() => {
      countTimers.delete(cid);
      run(SYSTEM_ACTOR, type, id, { type: 'audience.publishCounts' });
    }, countsIntervalMs);
    (timer as { unref?: () => void } | undefined)?.unref?.();
    countTimers.set(cid, timer);
  }

  function dispatch(watcher: Watcher, type: string, id: string, command: Command): unknown {
    const outcome = run(watcher.user, type, id, command);
    if (outcome.after) {
      const callType = types.get(type);
      // The call as it is now: counts told right after the change are part of it.
      if (callType) watch(watcher, callId(type, id), records.get(callId(type, id)) ?? outcome.after, callType);
    }
    return outcome.result;
  }

  return {
    clock,
    client({ user: rawUser }) {
      const user = parseInput(userSchema, rawUser, 'user');
      const calls = new Map<string, Watcher>();
      let connected = true;
      const client: StageKitClient = {
        user,
        clock,
        call(type, id) {
          const cid = callId(type, id);
          let watcher = calls.get(cid);
          if (!watcher) {
            const self = {} as Watcher;
            self.user = user;
            self.handle = createCall({
              type,
              id,
              user,
              clock,
              connection: connected ? 'connected' : 'disconnected',
              send: (command) => {
                try {
                  // The kit's one error class, so callers can switch on `code` as they do for a remote store.
                  if (!connected) throw new StageKitError('NETWORK', 'this client is disconnected');
                  return Promise.resolve(dispatch(self, type, id, command) as never);
                } catch (error) {
                  return Promise.reject(error);
                }
              },
            });
            calls.set(cid, (watcher = self));
          }
          return watcher.handle.call;
        },
        disconnect() {
          if (!connected) return;
          for (const watcher of calls.values()) {
            const { type, id } = watcher.handle.call;
            if (records.get(callId(type, id))?.participants.has(user.id)) {
              dispatch(watcher, type, id, { type: 'leave', reason: 'dropped' });
            }
            const set = watchers.get(callId(type, id));
            set?.delete(watcher);
            if (set?.size === 0) watchers.delete(callId(type, id));
            watcher.handle.setConnection('disconnected');
          }
          connected = false;
        },
      };
      return client;
    },
    updateCallType(name, patch) {
      const result = updateCallType(types, records.values(), name, patch, clock.now());
      types.set(name, result.callType);
      for (const change of result.changes) records.set(change.after.cid, change.after);
      for (const change of result.changes) {
        publish(change.after.cid, change.before, change.after, change.beforeType, change.events);
        // A lost grant can take people out of a call: its counts move as with any other change.
        if (countsChanged(change.after)) countLater(change.after.type, change.after.id);
      }
    },
    getCallType: (name) => types.get(name),
    inspect: (type, id) => records.get(callId(type, id)),
  };
}




/** The host's timers (a browser's or Node's): the core names no DOM or Node types. */
const host = globalThis as unknown as { setTimeout(callback: () => void, ms: number): unknown };
