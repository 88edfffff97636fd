import { capabilitiesOf } from './access.js';
import type { CallType } from './call-types.js';
import type { CallEvent } from './events.js';
import type { CallRecord, User } from './model.js';

/**
 * Who needs a change at all: everyone watching the call, or only the users it is about and those
 * who manage the stage. A viewer joining a crowd is news to themselves alone (everyone else gets
 * the counts later), so a backend hands that change to one watcher, not ten thousand.
 */
export type Route = { everyone: true } | { everyone: false; users: ReadonlySet<string>; managers: boolean; moderators: boolean };

const EVERYONE: Route = { everyone: true };

/** The same rule as the projection's, read from the events alone. */
export function routeOf(events: readonly CallEvent[]): Route {
  const users = new Set<string>();
  let managers = false;
  let moderators = false;
  for (const event of events) {
    switch (event.type) {
      case 'call.participant_joined':
        if (event.listed) return EVERYONE;
        users.add(event.participant.user_id);
        break;
      case 'call.participant_left':
        if (event.listed) return EVERYONE;
        users.add(event.user_id);
        break;
      case 'stageStatusUpdate':
        // Whether someone is on stage is everyone's business; the steps before it are not.
        if (event.status === 'ON_STAGE' || event.previous === 'ON_STAGE') return EVERYONE;
        users.add(event.user_id);
        managers = true;
        break;
      case 'stageAccessRequestUpdate':
      case 'newStageRequest':
        managers = true;
        break;
      case 'call.participant_removed':
      case 'call.user_blocked':
      case 'call.user_unblocked':
        // The user it names and whoever moderates: a block in a crowd reaches no viewer.
        users.add(event.user_id);
        moderators = true;
        break;
      case 'call.ring':
      case 'call.notification':
        for (const userId of event.user_ids) users.add(userId);
        break;
      case 'stageRequestApproved':
      case 'stageRequestRejected':
      case 'stageRequestWithdrawn':
      case 'stageInvitationDeclined':
      case 'stageAccessRevoked':
      case 'stageRemoved':
        users.add(event.user_id);
        managers = true;
        break;
      default:
        return EVERYONE;
    }
  }
  return { everyone: false, users, managers, moderators };
}

/**
 * The watchers of one call, found by user and by whether they manage the stage, so a change
 * routed to a few users costs a few lookups however many watch.
 */
export class CallWatchers<W extends { readonly user: User }, S> {
  // The user id as read when the watcher came, so forgetting it never reads the watcher again.
  private readonly all = new Map<W, { state: S; userId: string }>();
  private readonly byUser = new Map<string, Set<W>>();
  private readonly managing = new Set<W>();
  private readonly moderating = new Set<W>();

  get size(): number {
    return this.all.size;
  }

  get(watcher: W): S | undefined {
    return this.all.get(watcher)?.state;
  }

  has(watcher: W): boolean {
    return this.all.has(watcher);
  }

  /** Whether the user watches through at least one watcher. */
  watchedBy(userId: string): boolean {
    return this.byUser.has(userId);
  }

  set(watcher: W, state: S, duties: Duties): void {
    const id = this.all.get(watcher)?.userId ?? watcher.user.id;
    this.all.set(watcher, { state, userId: id });
    let mine = this.byUser.get(id);
    if (!mine) this.byUser.set(id, (mine = new Set()));
    mine.add(watcher);
    this.setDuties(watcher, duties);
  }

  setDuties(watcher: W, { manager, moderator }: Duties): void {
    if (manager) this.managing.add(watcher);
    else this.managing.delete(watcher);
    if (moderator) this.moderating.add(watcher);
    else this.moderating.delete(watcher);
  }

  delete(watcher: W): void {
    const entry = this.all.get(watcher);
    if (!entry) return;
    this.all.delete(watcher);
    const id = entry.userId;
    const mine = this.byUser.get(id);
    mine?.delete(watcher);
    if (mine?.size === 0) this.byUser.delete(id);
    this.managing.delete(watcher);
    this.moderating.delete(watcher);
  }

  watchers(): W[] {
    return [...this.all.keys()];
  }

  /** The watchers a change with this route reaches, each once, in a fixed order. */
  targets(route: Route): W[] {
    if (route.everyone) return this.watchers();
    const reached = new Set<W>();
    for (const userId of route.users) for (const watcher of this.byUser.get(userId) ?? []) reached.add(watcher);
    if (route.managers) for (const watcher of this.managing) reached.add(watcher);
    if (route.moderators) for (const watcher of this.moderating) reached.add(watcher);
    return [...reached];
  }
}

/**
 * What a watcher is sent about others: stage requests and decisions when they manage the stage,
 * removals and blocks when they moderate.
 */
export interface Duties {
  manager: boolean;
  moderator: boolean;
}

export const NO_DUTIES: Duties = { manager: false, moderator: false };

export function dutiesOf(type: CallType, call: CallRecord, user: User): Duties {
  const held = capabilitiesOf(type, call, user.id, user.role);
  return { manager: held.includes('manage-stage'), moderator: held.includes('block-users') };
}

/** Whether a call's counts moved since they were last told. */
export function countsChanged(call: CallRecord): boolean {
  return call.participants.size !== call.counts.participant_count || call.participants_by_role !== call.counts.participants_count_by_role;
}

/** The actor of a backend's own commands; publishing counts asks nothing of it. */
export const SYSTEM_ACTOR: User = { id: 'stagekit' };
