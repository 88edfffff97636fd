import {
  callId,
  createWorld,
  execute,
  projectEvents,
  StageKitError,
  updateCallType,
  viewOf,
  type CallEvent,
  type CallRecord,
  type CallView,
  type Clock,
  type Command,
  type CommandResults,
  type User,
  type World,
} from '../core/index.js';
import { capabilitiesOf } from '../core/access.js';
import type { CallType } from '../core/call-types.js';
import type { CallTypePatchInput } from '../core/schemas.js';
import type { EventBatch, ServerStorage } from './storage.js';

/** One stream of a call's events to one user: a WebSocket subscription, or a test's listener. */
export interface Subscriber {
  readonly user: User;
  deliver(cid: string, seq: number, events: CallEvent[]): void;
}

export interface DispatchResult<R = unknown> {
  result: R;
  /** The actor's view of the call after the command; null when the call does not exist. */
  call: CallView | null;
  /** The call's sequence number after the command. */
  seq: number;
}

/**
 * The server's heart: the world, one change at a time, and the subscriptions it publishes each
 * change to. HTTP and WebSocket are thin layers over it.
 */
export interface Hub {
  readonly clock: Clock;
  /** Resolves once the storage has loaded; every other method waits for it anyway. */
  readonly ready: Promise<void>;
  dispatch<C extends Command>(actor: User, type: string, id: string, command: C): Promise<DispatchResult<CommandResults[C['type']]>>;
  updateCallType(name: string, patch: CallTypePatchInput): Promise<CallType>;
  /**
   * Starts (or restarts) a subscriber's stream of one call. With `since`, sends only the events
   * after it when the log still holds them, else a `call.state` snapshot; without, a snapshot.
   */
  subscribe(subscriber: Subscriber, type: string, id: string, since?: number): Promise<void>;
  unsubscribe(subscriber: Subscriber, cid: string): void;
  /** The authoritative record of a call, for tests and tools. */
  inspect(type: string, id: string): CallRecord | undefined;
  callType(name: string): CallType | undefined;
  /** The current world (immutable). */
  world(): World;
}

export function createHub(options: { storage: ServerStorage; clock: Clock; callTypes?: Record<string, CallType> }): Hub {
  const { storage, clock } = options;
  let world = createWorld(options.callTypes);
  // Per call, each subscriber and whether it has had a view to apply events to.
  const subscriptions = new Map<string, Map<Subscriber, { primed: boolean }>>();
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs tasks one at a time, in order, so every change sees the one before it. */
  function serial<T>(task: () => T | Promise<T>): Promise<T> {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  }

  const ready = serial(async () => {
    const loaded = await storage.load();
    if (loaded) world = loaded;
  });

  const iso = () => new Date(clock.now()).toISOString();

  function snapshot(call: CallRecord, type: CallType, user: User): CallEvent {
    return { type: 'call.state', call: viewOf(call, type, user), cid: call.cid, seq: call.seq, created_at: iso() };
  }

  function publish(batch: EventBatch): void {
    const subs = subscriptions.get(batch.after.cid);
    if (!subs) return;
    for (const [subscriber, state] of subs) {
      let events: CallEvent[];
      if (state.primed) events = projectEvents(batch, subscriber.user);
      else {
        // Subscribed before the call existed: its first view is a whole one.
        events = [snapshot(batch.after, batch.afterType, subscriber.user)];
        state.primed = true;
      }
      deliverSafely(subscriber, batch.after.cid, batch.after.seq, events);
    }
  }

  async function commit(next: World, batches: EventBatch[]): Promise<void> {
    if (batches.length > 0) await storage.commit(next, batches);
    world = next;
    for (const batch of batches) publish(batch);
  }

  return {
    clock,
    ready,
    dispatch(actor, type, id, command) {
      return serial(async () => {
        const beforeType = world.callTypes[type];
        const outcome = execute(world, { type, id, actor, command }, clock.now());
        const batches: EventBatch[] = [];
        if (outcome.after && beforeType && outcome.events.length > 0) {
          batches.push({ before: outcome.before, after: outcome.after, beforeType, afterType: beforeType, events: outcome.events });
        }
        await commit(outcome.world, batches);
        const call = outcome.after;
        return {
          result: outcome.result,
          call: call && beforeType ? viewOf(call, beforeType, actor) : null,
          seq: call?.seq ?? 0,
        };
      });
    },
    updateCallType(name, patch) {
      return serial(async () => {
        const outcome = updateCallType(world, name, patch, clock.now());
        const afterType = outcome.world.callTypes[name]!;
        const batches = outcome.changes.map((change) => ({ ...change, afterType }));
        if (batches.length === 0) {
          // No calls of this type: nothing to publish, but the type itself must still be kept.
          await storage.commit(outcome.world, []);
          world = outcome.world;
        } else await commit(outcome.world, batches);
        return afterType;
      });
    },
    subscribe(subscriber, type, id, since) {
      return serial(async () => {
        const callType = world.callTypes[type];
        if (!callType) throw new StageKitError('NOT_FOUND', `call type '${type}' does not exist`);
        const cid = callId(type, id);
        const call = world.calls[cid];
        if (call) {
          const { user } = subscriber;
          const capabilities = capabilitiesOf(callType, call, user.id, user.role);
          if (!capabilities.includes('read-call') && !call.participants[user.id]) {
            throw new StageKitError('FORBIDDEN', "watching a call needs the 'read-call' capability", { capability: 'read-call' });
          }
        }
        let subs = subscriptions.get(cid);
        if (!subs) subscriptions.set(cid, (subs = new Map()));
        subs.set(subscriber, { primed: !!call });
        if (!call) {
          deliverSafely(subscriber, cid, 0, []);
          return;
        }
        deliverSafely(subscriber, cid, call.seq, await catchUp(call, callType, subscriber.user, since));
      });
    },
    unsubscribe(subscriber, cid) {
      const subs = subscriptions.get(cid);
      if (!subs) return;
      subs.delete(subscriber);
      if (subs.size === 0) subscriptions.delete(cid);
    },
    inspect: (type, id) => world.calls[callId(type, id)],
    callType: (name) => world.callTypes[name],
    world: () => world,
  };

  /** The events a subscriber missed since `since`, or a snapshot when they cannot be replayed. */
  async function catchUp(call: CallRecord, callType: CallType, user: User, since: number | undefined): Promise<CallEvent[]> {
    if (since === call.seq) return [];
    if (since === undefined || since > call.seq) return [snapshot(call, callType, user)];
    const batches = await storage.batchesSince(call.cid, since);
    const first = batches?.[0]?.events[0];
    if (!batches || batches.length === 0 || !first || first.seq > since + 1) return [snapshot(call, callType, user)];
    const events: CallEvent[] = [];
    for (const batch of batches) {
      for (const event of projectEvents(batch, user)) if (event.seq > since) events.push(event);
    }
    return events;
  }
}

function deliverSafely(subscriber: Subscriber, cid: string, seq: number, events: CallEvent[]): void {
  try {
    subscriber.deliver(cid, seq, events);
  } catch {
    // One broken subscriber must not stop the others; its connection's own handling drops it.
  }
}
