import { executeCall, StageKitError, updateCallType, type CallRecord, type Command, type User } from '../core/index.js';
import type { CallType } from '../core/call-types.js';
import type { CallTypePatchInput } from '../core/schemas.js';
import { slim, type Change } from './change.js';
import type { LogRow, SharedReader, SharedStorage } from './storage.js';

/** What the coordinator needs of the hub: its cache of calls and types, and how it publishes. */
export interface CoordinatorHost {
  /** The hub's call types, changed in place when another process changes one. */
  readonly callTypes: Map<string, CallType>;
  cached(cid: string): CallRecord | undefined;
  /** Whether anyone here watches the call: only then are others' changes read at once. */
  watched(cid: string): boolean;
  /** Whether the user watches the call through this process. */
  watchedBy(cid: string, userId: string): boolean;
  /** Holds and publishes changes, in order, as the hub does its own. */
  absorb(changes: readonly Change[], own: boolean): void;
  /** The call was read afresh rather than followed change by change: its watchers get a whole view. */
  reset(cid: string, record: CallRecord | null): void;
  watchedCalls(): Iterable<string>;
  /** Runs a task in the hub's one-at-a-time queue, after every call's tasks. */
  serial<T>(task: () => Promise<T>): Promise<T>;
  /** Runs a task in one call's queue: after that call's tasks, beside other calls'. */
  serialOn<T>(cid: string, task: () => Promise<T>): Promise<T>;
  onError(error: unknown): void;
  /** Makes a user leave a call as if their connection had dropped. */
  leave(user: User, type: string, id: string): Promise<unknown>;
}

/** Calls held in all and by one creator, for the caps on creating a call. */
export interface Census {
  calls: number;
  byCreator: number;
}

/** What deciding a command gave: its change (none when nothing changed) and its result. */
export interface Decided<R> {
  change: Change | null;
  result: R;
  after: CallRecord | null;
}

interface CaughtUp {
  record: CallRecord | null;
  changes: Change[];
  reset: boolean;
}

/**
 * The hub's side of a storage shared by several processes. Every change is decided inside one
 * transaction holding the call's lock: the call is brought up to date from the log (others'
 * changes decided again: the engine is pure, so they come out the same, checked by their sequence
 * numbers), the command runs, and its change is logged. Others' changes reach this process's
 * watchers through notifications, read from the log in order.
 */
export function createCallCoordinator(storage: SharedStorage, host: CoordinatorHost) {
  // The call types as configured are version 0; the storage holds each change after that.
  const configured = new Map(host.callTypes);
  let typesVersion = 0;
  // The call types as they were at recent versions, for deciding logged commands again; an older
  // one is read again from the storage when asked for, so call type changes cannot grow memory.
  const typesAt = new Map<number, Map<string, CallType>>([[0, configured]]);
  const TYPE_VERSIONS_KEPT = 32;
  function rememberTypes(version: number, types: Map<string, CallType>): void {
    typesAt.delete(version);
    typesAt.set(version, types);
    if (typesAt.size > TYPE_VERSIONS_KEPT) typesAt.delete(typesAt.keys().next().value!);
  }
  // Calls with a read of others' changes queued: one at a time per call.
  const pending = new Set<string>();

  async function typesOf(reader: SharedReader, version: number): Promise<Map<string, CallType>> {
    if (version === typesVersion) return host.callTypes;
    let types = typesAt.get(version);
    if (!types) {
      types = new Map(configured);
      for (const type of await reader.callTypes(version)) types.set(type.name, type);
      rememberTypes(version, types);
    }
    return types;
  }

  async function syncTypes(reader: SharedReader, known?: number): Promise<void> {
    const version = known ?? (await reader.typesVersion());
    if (version <= typesVersion) return;
    const types = await typesOf(reader, version);
    // Another call's catching up may have read a later version meanwhile.
    if (version <= typesVersion) return;
    for (const [name, type] of types) host.callTypes.set(name, type);
    typesVersion = version;
    rememberTypes(version, new Map(host.callTypes));
  }

  /** Decides a logged command again on the record it was first decided on. */
  async function replay(reader: SharedReader, start: CallRecord, rows: readonly LogRow[]): Promise<Change[] | null> {
    const changes: Change[] = [];
    let record = start;
    for (const row of rows) {
      const { actor, command, now, types } = row.command;
      let change: Change;
      if (command.type === '$callType') {
        const beforeType = (await typesOf(reader, types - 1)).get(record.type) ?? command.callType;
        const retyped = updateCallType(new Map([[record.type, command.callType]]), [record], record.type, {}, now).changes[0];
        if (!retyped) return null;
        change = { ...retyped, beforeType, afterType: command.callType };
      } else {
        const callType = (await typesOf(reader, types)).get(record.type);
        let outcome;
        try {
          outcome = executeCall(callType, record, { type: record.type, id: record.id, actor, command }, now);
        } catch {
          return null;
        }
        if (!outcome.after || !callType) return null;
        change = { before: record, after: outcome.after, beforeType: callType, afterType: callType, events: outcome.events };
      }
      // The same command on the same record must give the same numbered events; else read afresh.
      if (change.after.seq !== row.seq) return null;
      changes.push(change);
      record = change.after;
    }
    return changes;
  }

  /** The call as stored, reached from the cached record when the log allows, else from its snapshot. */
  async function catchUp(reader: SharedReader, cid: string, cached: CallRecord | null): Promise<CaughtUp> {
    // One round trip while the call's lock is held: its head, the types' version, what follows the cache.
    const { head, typesVersion: version, rows } = await reader.state(cid, cached ? cached.seq : null);
    await syncTypes(reader, version);
    if (head === null) return { record: null, changes: [], reset: cached !== null };
    if (cached && cached.seq === head) return { record: cached, changes: [], reset: false };
    if (cached && cached.seq < head) {
      if (rows[0] && (rows[0].batch.events[0]?.seq ?? rows[0].seq) === cached.seq + 1) {
        const changes = await replay(reader, cached, rows);
        if (changes) return { record: changes.at(-1)?.after ?? cached, changes, reset: false };
      }
    }
    const snapshot = await reader.snapshot(cid);
    if (!snapshot) return { record: null, changes: [], reset: cached !== null };
    const changes = await replay(reader, snapshot, await reader.rows(cid, snapshot.seq));
    if (!changes) throw new StageKitError('INVALID_STATE', `the log of ${cid} could not be replayed`);
    return { record: changes.at(-1)?.after ?? snapshot, changes: [], reset: true };
  }

  function settle(cid: string, caught: CaughtUp): void {
    if (caught.reset) host.reset(cid, caught.record);
    else if (caught.changes.length > 0) {
      host.absorb(caught.changes, false);
      claimJoined(cid, caught.changes);
    }
  }

  /**
   * Users whom another process's change put in the call while they watch it here (the remote
   * client joins over HTTP, which a balancer may send anywhere): this process answers for them,
   * so they stay should the process they joined through die.
   */
  function claimJoined(cid: string, changes: readonly Change[]): void {
    for (const change of changes) {
      for (const event of change.events) {
        if (event.type !== 'call.participant_joined' || !host.watchedBy(cid, event.participant.user_id)) continue;
        storage.claim(cid, event.participant.user_id).catch(report);
      }
    }
  }

  /**
   * Brings one call up to date from the storage and publishes what others changed. In the hub's
   * queue. `watcher`: someone in the call watching it through this process, which then answers
   * for them should the process they joined through die.
   */
  async function refresh(cid: string, watcher?: User): Promise<CallRecord | null> {
    const caught = await storage.read((reader) => catchUp(reader, cid, host.cached(cid) ?? null));
    settle(cid, caught);
    if (watcher && caught.record?.participants.has(watcher.id)) await storage.claim(cid, watcher.id);
    return caught.record;
  }

  /** A fault in work the listener started; none once the storage is closing, as its work then fails. */
  function report(error: unknown): void {
    if (!storage.closed) host.onError(error);
  }

  function refreshLater(cid: string): void {
    if (pending.has(cid)) return;
    pending.add(cid);
    host
      .serialOn(cid, () => {
        pending.delete(cid);
        return refresh(cid);
      })
      .catch(report);
  }

  return {
    refresh,
    /** Listens for others' changes; call once the hub has loaded. */
    start(): void {
      storage.listen({
        changed(cid, seq) {
          const cached = host.cached(cid);
          if (host.watched(cid) && (!cached || cached.seq < seq)) refreshLater(cid);
        },
        forgotten(cid) {
          // Held here without having heard the call end (no one watched it): read it, find it gone, let it go.
          if (host.cached(cid)) refreshLater(cid);
        },
        callTypesChanged() {
          host.serial(() => storage.read(syncTypes)).catch(report);
        },
        orphaned(users) {
          for (const { cid, user } of users) {
            const colon = cid.indexOf(':');
            host.leave(user, cid.slice(0, colon), cid.slice(colon + 1)).catch((error: unknown) => {
              // Not in the call any more, or the call is gone: nothing to do.
              if (!(error instanceof StageKitError)) report(error);
            });
          }
        },
        resync() {
          host.serial(() => storage.read(syncTypes)).catch(report);
          for (const cid of host.watchedCalls()) refreshLater(cid);
        },
      });
    },
    /**
     * Decides one command: in one transaction holding the call's lock, catches the call up, runs
     * `run` on it (which throws to refuse), and logs the change. In the hub's queue.
     */
    async decide<R>(cid: string, actor: User, command: Command, now: number, run: (current: CallRecord | null, census: Census | null) => Decided<R>): Promise<Decided<R>> {
      const { caught, decided, refusal } = await storage.decide(cid, async (writer) => {
        const current = await catchUp(writer, cid, host.cached(cid) ?? null);
        // Only a command that may create the call counts the calls (under the one lock creations
        // share): reading or joining a call that is not there must not queue behind every creation.
        const census = current.record === null && mayCreate(command) ? await writer.census(actor.id) : null;
        let outcome: Decided<R>;
        try {
          outcome = run(current.record, census);
        } catch (error) {
          // Refused: nothing is written, but what was caught up is still news.
          return { caught: current, decided: null, refusal: error };
        }
        if (outcome.change) {
          const row: LogRow = { seq: outcome.change.after.seq, command: { actor, command, now, types: typesVersion }, batch: slim(outcome.change) };
          await writer.append(outcome.change.after, row);
          // Who is in the call through this process, for the others to clear up if it dies.
          const { before, after } = outcome.change;
          const wasIn = !!before?.participants.has(actor.id);
          if (wasIn !== after.participants.has(actor.id)) await writer.present(cid, actor, !wasIn);
          // Someone made to leave by another (removed, blocked): no process answers for them now.
          for (const event of outcome.change.events) {
            if (event.type === 'call.participant_left' && event.user_id !== actor.id) await writer.present(cid, { id: event.user_id }, false);
          }
        }
        return { caught: current, decided: outcome, refusal: null };
      });
      settle(cid, caught);
      if (!decided) throw refusal;
      if (decided.change) host.absorb([decided.change], true);
      return decided;
    },
    /** Changes a call type for every process, then re-applies it to each of its calls, one by one. */
    async updateCallType(name: string, patch: CallTypePatchInput, now: number): Promise<CallType> {
      const { callType, cids } = await storage.decide(null, async (writer) => {
        await syncTypes(writer);
        const next = updateCallType(host.callTypes, [], name, patch, now).callType;
        typesVersion = await writer.putCallType(next);
        host.callTypes.set(name, next);
        rememberTypes(typesVersion, new Map(host.callTypes));
        return { callType: next, cids: await writer.callsOfType(name) };
      });
      for (const cid of cids) {
        const { caught, change } = await storage.decide(cid, async (writer) => {
          const current = await catchUp(writer, cid, host.cached(cid) ?? null);
          const record = current.record;
          if (!record) return { caught: current, change: null };
          const beforeType = (await typesOf(writer, typesVersion - 1)).get(name) ?? callType;
          const retyped = updateCallType(new Map([[name, callType]]), [record], name, {}, now).changes[0];
          if (!retyped || retyped.events.length === 0) return { caught: current, change: null };
          const retypedChange: Change = { ...retyped, beforeType, afterType: callType };
          const actor = { id: record.created_by };
          const command = { type: '$callType' as const, callType };
          await writer.append(retypedChange.after, { seq: retypedChange.after.seq, command: { actor, command, now, types: typesVersion }, batch: slim(retypedChange) });
          return { caught: current, change: retypedChange };
        });
        settle(cid, caught);
        if (change) host.absorb([change], true);
      }
      return callType;
    },
  };
}

export type CallCoordinator = ReturnType<typeof createCallCoordinator>;

/** Whether a command creates its call when it does not exist: get-or-create, or a join told to. */
function mayCreate(command: Command): boolean {
  return command.type === 'getOrCreate' || (command.type === 'join' && (command as { input?: { create?: unknown } }).input?.create === true);
}
