import {
  builtInCallTypes,
  callId,
  executeCall,
  firstView,
  projectEvents,
  projectEventsWithoutView,
  StageKitError,
  updateCallType,
  viewOf,
  type CallEvent,
  type CallRecord,
  type Command,
  type CommandResults,
  type User,
} from '../core/index.js';
import { watchAccessMoved, watchRefusal } from '../core/access.js';
import { own } from '../core/own.js';
import { CallWatchers, countsChanged, dutiesOf, NO_DUTIES, routeOf, SYSTEM_ACTOR } from '../core/routing.js';
import type { CallType } from '../core/call-types.js';
import { createCallCoordinator, type Census } from './call-coordinator.js';
import { catchUp } from './catch-up.js';
import { slim, type Change } from './change.js';
import { isSharedStorage } from './storage.js';

import type { DispatchOptions, DispatchResult, Hub, HubOptions, Subscriber } from './hub-types.js';

export type { DispatchOptions, DispatchResult, Hub, HubOptions, Subscriber } from './hub-types.js';

/** Events whose projection depends on the watcher's capabilities alone, never on who they are. */
const SAME_FOR_EVERYONE: ReadonlySet<string> = new Set(['call.updated', 'call.live_started', 'call.ended', 'call.counts_updated', 'call.feature_changed']);

/** While a storm goes on, counts every 2.5 s at 10,000 watchers: a tenth of the server's time or so. */
const COUNTS_MS_PER_WATCHER = 0.25;

export function createHub(options: HubOptions): Hub {
  const { storage, clock } = options;
  const endedCallRetentionMs = options.endedCallRetentionMs ?? 10 * 60_000;
  const maxCalls = options.maxCalls ?? 100_000;
  const callsPerUser = options.callsPerUser ?? 100;
  const membersPerCall = options.membersPerCall ?? 10_000;
  // Changed in place, one entry per change: a change costs the same with one call or 100,000.
  const callTypes = new Map(options.callTypes ?? builtInCallTypes());
  const calls = new Map<string, CallRecord>();
  // Calls held per creator, for the per-user cap.
  const createdBy = new Map<string, number>();
  let revision = 0;
  // Per call, each subscriber and whether it has had a view to apply events to, found by user and
  // by whether they manage the stage: most changes in a crowd reach one or two of them.
  const subscriptions = new Map<string, CallWatchers<Subscriber, { primed: boolean }>>();
  // Calls whose counts changed and are due to be told, a few times a second at most.
  const countTimers = new Map<string, { timer: ReturnType<typeof setTimeout>; firstAt: number; at: number }>();
  const countsIntervalMs = options.countsIntervalMs ?? 250;
  const endedTimers = new Map<string, ReturnType<typeof setTimeout>>();
  // Calls a subscription is being started on: others' changes to them are followed from the read on,
  // not from when the subscription is in place, else one told in between would reach no one.
  const subscribing = new Map<string, number>();
  let tail: Promise<unknown> = Promise.resolve();
  const maxQueued = options.maxQueued ?? 10_000;
  let queued = 0;

  /** Counts a request while it waits and runs; refuses it when too many already do. */
  function admit<T>(command: Command, run: () => Promise<T>): Promise<T> {
    if (queued >= maxQueued && command.type !== 'leave') {
      return Promise.reject(new StageKitError('RATE_LIMITED', 'the server is busy; try again in a moment'));
    }
    queued += 1;
    const running = run();
    void running.then(
      () => (queued -= 1),
      () => (queued -= 1),
    );
    return running;
  }

  // Under a shared storage, the tasks of one call wait only for that call's: the database's lock on
  // the call orders its changes, so a call slow to decide (busy elsewhere, locked) holds up no other.
  const callTails = new Map<string, Promise<unknown>>();

  /** Runs tasks one at a time, in order, so every change sees the one before it: after every call's. */
  function serial<T>(task: () => T | Promise<T>): Promise<T> {
    const run = Promise.all([tail, ...callTails.values()]).then(task);
    tail = run.catch(() => undefined);
    return run;
  }

  /** Runs a task of one call after that call's before it (and after every task of all calls). */
  function serialOn<T>(cid: string, task: () => T | Promise<T>): Promise<T> {
    if (!coordinator) return serial(task);
    const run = Promise.all([tail, callTails.get(cid)]).then(task);
    const done = run.catch(() => undefined);
    callTails.set(cid, done);
    void done.then(() => {
      if (callTails.get(cid) === done) callTails.delete(cid);
    });
    return run;
  }

  // With a storage several processes share, each change is decided against the call as stored.
  const coordinator = isSharedStorage(storage)
    ? createCallCoordinator(storage, {
        callTypes,
        cached: (cid) => calls.get(cid),
        watched: (cid) => subscriptions.has(cid) || subscribing.has(cid),
        watchedBy: (cid, userId) => subscriptions.get(cid)?.watchedBy(userId) ?? false,
        watchedCalls: () => subscriptions.keys(),
        absorb,
        reset,
        serial,
        serialOn,
        onError: options.onError ?? (() => undefined),
        leave: (user, type, id) => hub.dispatch(user, type, id, { type: 'leave', reason: 'dropped' }, { view: false }),
      })
    : null;

  const ready = serial(async () => {
    const loaded = await storage.load();
    coordinator?.start();
    if (!loaded) return;
    for (const type of loaded.callTypes) callTypes.set(type.name, type);
    for (const call of loaded.calls) hold(call);
    for (const call of loaded.calls) if (call.ended_at !== null) forgetLater(call.cid);
  });

  const iso = () => new Date(clock.now()).toISOString();

  function hold(call: CallRecord): void {
    if (!calls.has(call.cid)) createdBy.set(call.created_by, (createdBy.get(call.created_by) ?? 0) + 1);
    calls.set(call.cid, call);
  }

  function release(cid: string): void {
    const call = calls.get(cid);
    if (!call) return;
    calls.delete(cid);
    const count = (createdBy.get(call.created_by) ?? 1) - 1;
    if (count > 0) createdBy.set(call.created_by, count);
    else createdBy.delete(call.created_by);
  }

  function snapshot(call: CallRecord, type: CallType, user: User): CallEvent {
    return { type: 'call.state', call: viewOf(call, type, user), cid: call.cid, seq: call.seq, created_at: iso() };
  }

  function stop(subscriber: Subscriber, cid: string, error?: StageKitError): void {
    removeSubscription(subscriber, cid);
    try {
      subscriber.stopped?.(cid, error);
    } catch {
      // As in delivering: one broken subscriber must not stop the others.
    }
  }

  function publish(change: Change): void {
    const { before, after } = change;
    const subs = subscriptions.get(after.cid);
    if (!subs) return;
    // Who may watch moves only with members, blocks, the team, the call type, or someone joining or leaving.
    const accessMoved = !before || watchAccessMoved(before, after) || change.beforeType !== change.afterType;
    // What each watcher is sent about others moves only with members or the call type, not with a
    // block or a team: a block in a crowd is news to the blocked user and the moderators alone.
    const dutiesMoved = !before || before.members !== after.members || change.beforeType !== change.afterType;
    if (dutiesMoved) for (const subscriber of subs.watchers()) subs.setDuties(subscriber, dutiesOf(change.afterType, after, subscriber.user));
    // A change that reads the same to everyone of one role (going live, an update, the counts) is
    // projected once per role, not once per watcher: ten thousand viewers share one projection.
    const byRole = !accessMoved && change.events.every((event) => SAME_FOR_EVERYONE.has(event.type)) ? new Map<string, CallEvent[]>() : null;
    for (const subscriber of subs.targets(routeOf(change.events))) {
      const state = subs.get(subscriber);
      if (!state) continue;
      try {
        publishTo(change, subscriber, state, accessMoved, byRole);
      } catch {
        // A projection that fails for one watcher must not cost the others their events; this
        // one is stopped and told, so it resubscribes and gets a whole view instead of a gap.
        stop(subscriber, after.cid, new StageKitError('INVALID_STATE', 'the call could not be sent; subscribe again'));
      }
    }
  }

  function publishTo(
    change: Change,
    subscriber: Subscriber,
    state: { primed: boolean },
    accessMoved: boolean,
    byRole: Map<string, CallEvent[]> | null,
  ): void {
    const { before, after } = change;
    const { user } = subscriber;
    const recheck = !state.primed || accessMoved || before?.participants.get(user.id) !== after.participants.get(user.id);
    const refusal = recheck && watchRefusal(change.afterType, after, user);
    if (refusal) {
      // Someone in the call only by being in it still sees their own leaving, unless their
      // capabilities moved too (then what they would be sent is a whole view).
      const last = state.primed ? projectEventsWithoutView(change, user) : null;
      if (last && last.length > 0) deliverSafely(subscriber, after.cid, after.seq, last);
      stop(subscriber, after.cid, refusal);
      return;
    }
    let events: CallEvent[];
    if (state.primed && byRole && !recheck) {
      const role = `${user.role ?? ''}\u0000${own(after.members, user.id)?.role ?? ''}`;
      let shared = byRole.get(role);
      if (!shared) byRole.set(role, (shared = projectEvents(change, user)));
      events = shared;
    } else if (state.primed) events = projectEvents(change, user);
    else {
      // Subscribed before the call existed: its first view is a whole one.
      events = firstView(after, change.afterType, user, change.events, iso());
      state.primed = true;
    }
    deliverSafely(subscriber, after.cid, after.seq, events);
  }

  async function commit(changes: Change[], changedType?: CallType): Promise<void> {
    await store(changes, changedType);
    await countNow(changes);
  }

  /** With no interval, the counts follow each change at once, in the same turn. */
  async function countNow(changes: readonly Change[]): Promise<void> {
    if (countsIntervalMs <= 0) {
      for (const change of changes) if (countsChanged(change.after) && calls.get(change.after.cid) === change.after) await publishCountsNow(change.after);
    }
  }

  async function publishCountsNow(call: CallRecord): Promise<void> {
    const callType = callTypes.get(call.type);
    if (!callType) return;
    if (coordinator) {
      // Another process may have told them already: then the command finds nothing to tell.
      const now = clock.now();
      await coordinator.decide(call.cid, SYSTEM_ACTOR, { type: 'audience.publishCounts' }, now, (current) =>
        decideOn(call.type, call.id, current, SYSTEM_ACTOR, { type: 'audience.publishCounts' }, now, null),
      );
      return;
    }
    const outcome = executeCall(callType, call, { type: call.type, id: call.id, actor: SYSTEM_ACTOR, command: { type: 'audience.publishCounts' } }, clock.now());
    if (outcome.after && outcome.events.length > 0) {
      await store([{ before: outcome.before, after: outcome.after, beforeType: callType, afterType: callType, events: outcome.events }]);
    }
  }

  async function store(changes: Change[], changedType?: CallType): Promise<void> {
    const stored = changes.filter((change) => change.events.length > 0);
    if (stored.length === 0 && !changedType) return;
    await storage.commit(stored.map(slim), {
      calls: stored.map((change) => change.after),
      ...(changedType && { callTypes: [changedType] }),
    });
    if (changedType) callTypes.set(changedType.name, changedType);
    absorb(stored, true);
  }

  /**
   * Holds and publishes committed changes, in order. `decidedHere`: decided here, so this process tells
   * the counts they moved (another process's changes are counted by that process).
   */
  function absorb(changes: readonly Change[], decidedHere: boolean): void {
    if (decidedHere) revision += 1;
    for (const change of changes) hold(change.after);
    for (const change of changes) {
      publish(change);
      if (change.after.ended_at !== null && !change.before?.ended_at) forgetLater(change.after.cid);
      else if (decidedHere && countsIntervalMs > 0 && countsChanged(change.after)) countLater(change.after.cid);
    }
  }

  /** A call read afresh from a shared storage: each watcher gets a whole view, or is stopped. */
  function reset(cid: string, record: CallRecord | null): void {
    if (record) hold(record);
    else release(cid);
    const subs = subscriptions.get(cid);
    if (!subs) return;
    const callType = record && callTypes.get(record.type);
    for (const subscriber of subs.watchers()) {
      const refusal = record && callType ? watchRefusal(callType, record, subscriber.user) : null;
      if (!record || !callType) stop(subscriber, cid);
      else if (refusal) stop(subscriber, cid, refusal);
      else {
        subs.set(subscriber, { primed: true }, dutiesOf(callType, record, subscriber.user));
        deliverSafely(subscriber, cid, record.seq, [snapshot(record, callType, subscriber.user)]);
      }
    }
  }

  /** Runs a command on a call as a shared storage holds it; throws to refuse. */
  function decideOn(type: string, id: string, current: CallRecord | null, actor: User, command: Command, now: number, census: Census | null) {
    const callType = callTypes.get(type);
    // The time the log keeps with the command: deciding it again elsewhere must give the same change.
    const outcome = executeCall(callType, current, { type, id, actor, command }, now);
    let change: Change | null = null;
    if (outcome.after && callType && outcome.events.length > 0) {
      checkCaps(outcome.before, outcome.after, census);
      change = { before: outcome.before, after: outcome.after, beforeType: callType, afterType: callType, events: outcome.events };
    }
    return { change, result: outcome.result, after: outcome.after };
  }

  /**
   * Tells a call's watchers its counts once a burst of changes has paused for `countsIntervalMs`,
   * so the count is exact soon after a storm settles. While changes keep coming, it is told at the
   * longest every few seconds, less often the more watch (every 2.5 s at 10,000), so telling the
   * count costs a bounded share of the server's time however large the audience.
   */
  function countLater(cid: string): void {
    const now = Date.now();
    const pending = countTimers.get(cid);
    const firstAt = pending?.firstAt ?? now;
    const longestMs = Math.max(countsIntervalMs, (subscriptions.get(cid)?.size ?? 0) * COUNTS_MS_PER_WATCHER);
    const at = Math.min(now + countsIntervalMs, firstAt + longestMs);
    if (pending) {
      if (pending.at === at) return;
      clearTimeout(pending.timer);
    }
    const timer = setTimeout(() => {
      countTimers.delete(cid);
      const call = calls.get(cid);
      if (!call) return;
      dispatchSystem(call).catch(() => {
        // The call went meanwhile; there is nothing to count.
      });
    }, at - now);
    timer.unref?.();
    countTimers.set(cid, { timer, firstAt, at });
  }

  /** Tells the counts of a call as it is when its turn comes. */
  function dispatchSystem(call: CallRecord): Promise<unknown> {
    return serialOn(call.cid, async () => {
      const current = calls.get(call.cid);
      if (current) await publishCountsNow(current);
    });
  }

  /** Refuses a change that would take the server or the call past a cap; nothing is committed. */
  function checkCaps(before: CallRecord | null, after: CallRecord, census: Census | null = null): void {
    if (!before) {
      // A shared storage counts the calls of every process.
      if ((census?.calls ?? calls.size) >= maxCalls) throw new StageKitError('RATE_LIMITED', `the server holds its maximum of ${maxCalls} calls; try again later`);
      if ((census?.byCreator ?? createdBy.get(after.created_by) ?? 0) >= callsPerUser) {
        throw new StageKitError('RATE_LIMITED', `a user may have at most ${callsPerUser} calls; end one and wait for it to be forgotten`);
      }
    }
    if (after.members !== before?.members && Object.keys(after.members).length > membersPerCall) {
      throw new StageKitError('INVALID_INPUT', `a call may have at most ${membersPerCall} members`, {
        fields: [{ path: 'input.members', message: `would take the call past ${membersPerCall} members` }],
      });
    }
  }

  /** An ended call goes, with its stream and log, once the retention period has passed. */
  function forgetLater(cid: string): void {
    clearTimeout(endedTimers.get(cid));
    const timer = setTimeout(() => {
      endedTimers.delete(cid);
      void serialOn(cid, async () => {
        // Under a shared storage the call may have been forgotten and made again elsewhere meanwhile.
        if (coordinator && (await coordinator.refresh(cid))?.ended_at === null) return;
        for (const subscriber of subscriptions.get(cid)?.watchers() ?? []) stop(subscriber, cid);
        if (storage.dropCall) await storage.dropCall(cid);
        else await storage.dropEvents?.(cid);
        release(cid);
        revision += 1;
      }).catch(() => {
        // A storage that failed to forget keeps the call; the next start retries.
      });
    }, endedCallRetentionMs);
    timer.unref?.();
    endedTimers.set(cid, timer);
  }

  /** Reads a call for a new subscription, its changes heard meanwhile followed once it is in place. */
  async function startWatching<T>(cid: string, read: () => Promise<T>): Promise<T> {
    subscribing.set(cid, (subscribing.get(cid) ?? 0) + 1);
    try {
      return await read();
    } finally {
      const left = subscribing.get(cid)! - 1;
      if (left > 0) subscribing.set(cid, left);
      else subscribing.delete(cid);
    }
  }

  function removeSubscription(subscriber: Subscriber, cid: string): void {
    const subs = subscriptions.get(cid);
    if (!subs) return;
    subs.delete(subscriber);
    if (subs.size === 0) subscriptions.delete(cid);
  }

  function dispatchNow<C extends Command>(actor: User, type: string, id: string, command: C, dispatchOptions: DispatchOptions): Promise<DispatchResult<CommandResults[C['type']]>> {
    // A query reads the call as it is and changes nothing: it waits for no one's turn, and no
    // one waits for it (a page of a large audience takes tens of milliseconds).
    if (command.type === 'audience.query') {
      // Under a shared storage the call is first brought up to date, in turn.
      const current = coordinator ? serialOn(callId(type, id), () => coordinator.refresh(callId(type, id))) : ready;
      return current.then(() => {
        const call = calls.get(callId(type, id)) ?? null;
        const outcome = executeCall(callTypes.get(type), call, { type, id, actor, command }, clock.now());
        return { result: outcome.result, call: null, seq: call?.seq ?? 0 };
      });
    }
    const cid = callId(type, id);
    return serialOn(cid, async () => {
      if (coordinator) {
        const now = clock.now();
        const decided = await coordinator.decide(cid, actor, command, now, (current, census) => decideOn(type, id, current, actor, command, now, census));
        await countNow(decided.change ? [decided.change] : []);
        const call = decided.after;
        const callType = callTypes.get(type);
        const view = dispatchOptions.view !== false && call && callType && mayWatch(callType, call, actor);
        return { result: decided.result as never, call: view ? viewOf(call, callType, actor) : null, seq: call?.seq ?? 0 };
      }
      const callType = callTypes.get(type);
      const outcome = executeCall(callType, calls.get(cid) ?? null, { type, id, actor, command }, clock.now());
      const changes: Change[] = [];
      if (outcome.after && callType && outcome.events.length > 0) {
        checkCaps(outcome.before, outcome.after);
        changes.push({ before: outcome.before, after: outcome.after, beforeType: callType, afterType: callType, events: outcome.events });
      }
      await commit(changes);
      const call = outcome.after;
      const view = dispatchOptions.view !== false && call && callType && mayWatch(callType, call, actor);
      return { result: outcome.result, call: view ? viewOf(call, callType, actor) : null, seq: call?.seq ?? 0 };
    });
  }

  const hub: Hub = {
    clock,
    ready,
    dispatch(actor, type, id, command, dispatchOptions = {}) {
      return admit(command, () => dispatchNow(actor, type, id, command, dispatchOptions));
    },
    updateCallType(name, patch) {
      return serial(async () => {
        if (coordinator) return coordinator.updateCallType(name, patch, clock.now());
        const outcome = updateCallType(callTypes, calls.values(), name, patch, clock.now());
        const afterType = outcome.callType;
        await commit(
          outcome.changes.map((change) => ({ ...change, afterType })),
          afterType,
        );
        return afterType;
      });
    },
    subscribe(subscriber, type, id, since) {
      const cid = callId(type, id);
      return serialOn(cid, async () => {
        const callType = callTypes.get(type);
        if (!callType) throw new StageKitError('NOT_FOUND', `call type '${type}' does not exist`);
        // Unsubscribed, or gone, while this waited its turn: nothing to start.
        if (subscriber.wants?.(cid) === false) return;
        const call = coordinator ? await startWatching(cid, () => coordinator.refresh(cid, subscriber.user)) : calls.get(cid);
        const refusal = call && watchRefusal(callType, call, subscriber.user);
        if (refusal) throw refusal;
        let subs = subscriptions.get(cid);
        if (!subs) subscriptions.set(cid, (subs = new CallWatchers()));
        subs.set(subscriber, { primed: !!call }, call ? dutiesOf(callType, call, subscriber.user) : NO_DUTIES);
        if (!call) {
          deliverSafely(subscriber, cid, 0, []);
          return;
        }
        deliverSafely(subscriber, cid, call.seq, await catchUp(storage, call, callType, subscriber.user, since, snapshot));
      });
    },
    unsubscribe: removeSubscription,
    answersFor: (user, type, id) => (isSharedStorage(storage) ? storage.answersFor(callId(type, id), user.id) : Promise.resolve(true)),
    inspect: (type, id) => calls.get(callId(type, id)),
    callType: (name) => callTypes.get(name),
    revision: () => revision,
    callCount: () => calls.size,
    close() {
      for (const timer of endedTimers.values()) clearTimeout(timer);
      endedTimers.clear();
      for (const { timer } of countTimers.values()) clearTimeout(timer);
      countTimers.clear();
    },
  };
  return hub;

}

/** Whether a user may be sent a call's events: not kept out, and in the call or holding `read-call`. */
function mayWatch(type: CallType, call: CallRecord, user: User): boolean {
  return watchRefusal(type, call, user) === null;
}

function deliverSafely(subscriber: Subscriber, cid: string, seq: number, events: CallEvent[]): void {
  try {
    subscriber.deliver(cid, seq, events);
  } catch {
    // One broken subscriber must not stop the others; its connection's own handling drops it.
  }
}
