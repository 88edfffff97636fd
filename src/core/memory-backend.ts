import type { CallHandle } from './call.js';
import { createCall } from './call.js';
import { applyCallTypePatch, builtInCallTypes, type CallType } from './call-types.js';
import type { StageKitClient } from './client.js';
import { systemClock, type Clock } from './clock.js';
import { callId, createWorld, execute, updateCallType, type Command } from './engine.js';
import { StageKitError } from './errors.js';
import type { CallEvent } from './events.js';
import type { CallRecord, User } from './model.js';
import { projectEvents, viewOf } from './projection.js';
import { callKeySchema, callTypePatchSchema, parseInput, userSchema, type CallTypePatchInput } from './schemas.js';
import { DEFAULT_SETTINGS } from './settings.js';

export interface MemoryBackendOptions {
  clock?: Clock;
  /** Call types to add, or changes to the built-in ones, by name. */
  callTypes?: Record<string, CallTypePatchInput>;
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
    types[name] = applyCallTypePatch(types[name] ?? { name, settings: DEFAULT_SETTINGS, grants: {} }, parsed);
  }
  let world = createWorld(types);
  const watchers = new Map<string, Set<Watcher>>();

  function publish(cid: string, before: CallRecord | null, after: CallRecord, beforeType: CallType, events: CallEvent[]) {
    const afterType = world.callTypes[after.type]!;
    for (const watcher of watchers.get(cid) ?? []) {
      watcher.handle.receive(projectEvents({ before, after, beforeType, afterType, events }, watcher.user));
    }
  }

  function dispatch(watcher: Watcher, type: string, id: string, command: Command): unknown {
    const callType = world.callTypes[type];
    const outcome = execute(world, { type, id, actor: watcher.user, command }, clock.now());
    world = outcome.world;
    const cid = callId(type, id);
    if (outcome.after && callType) publish(cid, outcome.before, outcome.after, callType, outcome.events);
    let set = watchers.get(cid);
    if (!set) watchers.set(cid, (set = new Set()));
    if (!set.has(watcher) && outcome.after) {
      set.add(watcher);
      const after = outcome.after;
      const snapshot: CallEvent = {
        type: 'call.state',
        call: viewOf(after, world.callTypes[type]!, watcher.user),
        cid,
        seq: after.seq,
        created_at: new Date(clock.now()).toISOString(),
      };
      watcher.handle.receive([snapshot]);
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
            if (world.calls[callId(type, id)]?.participants[user.id]) {
              dispatch(watcher, type, id, { type: 'leave', reason: 'dropped' });
            }
            watchers.get(callId(type, id))?.delete(watcher);
            watcher.handle.setConnection('disconnected');
          }
          connected = false;
        },
      };
      return client;
    },
    updateCallType(name, patch) {
      const result = updateCallType(world, name, patch, clock.now());
      const beforeType = world.callTypes[name]!;
      world = result.world;
      for (const change of result.changes) publish(change.after.cid, change.before, change.after, beforeType, change.events);
    },
    getCallType: (name) => world.callTypes[name],
    inspect: (type, id) => world.calls[callId(type, id)],
  };
}
