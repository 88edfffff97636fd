'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { BulkStageResult, CallEvent } from '../core/index.js';
import { useCallFor } from './context.js';
import { useCallEvent, useLatest } from './useCallEvent.js';
import { useCommitEffect } from './useCommitEffect.js';

/**
 * What a notice tells. Viewers: `approved`, `invited`, `denied`, `revoked`, `removed` (about
 * themselves), and `callRemoved` / `blocked` when a moderator took them out of the call. Managers: `request` (someone asks), `withdrawn`, `declined`, and `decided` when
 * their own bulk decision skipped someone another manager had already decided.
 */
export type StageNoticeKind =
  | 'approved'
  | 'invited'
  | 'denied'
  | 'revoked'
  | 'removed'
  | 'callRemoved'
  | 'blocked'
  | 'request'
  | 'withdrawn'
  | 'declined'
  | 'decided';


export interface StageNotice {
  /** Unique within the hook: a key for lists and for `dismiss`. */
  id: number;
  kind: StageNoticeKind;
  /** Whom the notice is about (yourself for viewers' kinds). */
  user_id: string;
  /** Their display name at the time, or their id. */
  name: string;
  /** `decided`: who had decided, and their name. */
  by?: string;
  byName?: string;
  /** `request`: how many requests are waiting. */
  pending?: number;
  /** `declined`: whether it was an invitation (else an approval of their own request). */
  invited?: boolean;
  /** `callRemoved`, `blocked`: why, as the moderator said. */
  reason?: string;
}

export interface UseStageNoticesOptions {
  /** The kinds to turn into notices; all by default. */
  kinds?: readonly StageNoticeKind[];
  /** How many notices are kept; the oldest goes first (default 5). */
  max?: number;
}

export interface UseStageNoticesResult {
  /** Oldest first. */
  notices: readonly StageNotice[];
  dismiss(id: number): void;
}

const OWN_NOTICES: Partial<Record<CallEvent['type'], StageNoticeKind>> = {
  stageRequestApproved: 'approved',
  stageRequestRejected: 'denied',
  stageAccessRevoked: 'revoked',
  stageRemoved: 'removed',
  'call.participant_removed': 'callRemoved',
  'call.user_blocked': 'blocked',
};
const OTHERS_NOTICES: Partial<Record<CallEvent['type'], StageNoticeKind>> = {
  stageRequestWithdrawn: 'withdrawn',
  stageInvitationDeclined: 'declined',
};

const BULK_DECISIONS = new Set(['stage.acceptRequests', 'stage.grantAccess', 'stage.denyAccess']);
const DECIDERS_KEPT = 1000;


/**
 * Stage news for the signed-in user, from the call's events and their own bulk decisions.
 * Nothing expires by itself (timed messages fail people who read slowly): each is dismissed,
 * or pushed out by newer ones past `max`. A manager has one `request` notice at a time, the newest.
 */
export function useStageNotices({ kinds, max = 5 }: UseStageNoticesOptions = {}): UseStageNoticesResult {
  const call = useCallFor('useStageNotices');
  const queryClient = useQueryClient();
  const [notices, setNotices] = useState<StageNotice[]>([]);
  const nextId = useRef(0);
  // Who last decided each request, so a skipped decision can name them.
  const deciders = useRef(new Map<string, string>());
  // The names requests came with, for news about them once the request is gone.
  const names = useRef(new Map<string, string>());
  /**
   * A user's name: from the participants you are shown, the pending requests, or a request seen
   * earlier — a viewer in a crowd is not among the participants a host is shown.
   */
  const nameOf = (userId: string): string => {
    const view = call.getState().call;
    return (
      view?.participants[userId]?.name ??
      view?.stage_requests.find((request) => request.user_id === userId)?.name ??
      names.current.get(userId) ??
      userId
    );
  };

  const add = (notice: Omit<StageNotice, 'id'>) => {
    if (kinds && !kinds.includes(notice.kind)) return;
    nextId.current += 1;
    const made = { ...notice, id: nextId.current };
    setNotices((current) => {
      const kept = made.kind === 'request' ? current.filter((n) => n.kind !== 'request') : current;
      return [...kept, made].slice(-max);
    });
  };

  const keep = (map: Map<string, string>, userId: string, value: string) => {
    map.delete(userId);
    map.set(userId, value);
    if (map.size > DECIDERS_KEPT) map.delete(map.keys().next().value!);
  };

  useCallEvent('*', (event: CallEvent) => {
    if (event.type === 'newStageRequest') {
      const { user_id, name = user_id } = event.request;
      if (event.request.name !== undefined) keep(names.current, user_id, event.request.name);
      add({ kind: 'request', user_id, name, pending: event.count });
      return;
    }
    if (event.type === 'stageAccessRequestUpdate') {
      // A request decided or withdrawn has no Accept left to offer; the count follows the queue.
      const gone = event.removed;
      if (gone.length === 0) return;
      setNotices((current) =>
        current.some((n) => n.kind === 'request')
          ? current.flatMap((n) =>
              n.kind !== 'request' ? [n] : gone.includes(n.user_id) ? [] : [{ ...n, pending: Math.max(0, n.pending! - gone.length) }],
            )
          : current,
      );
      return;
    }
    if (!('user_id' in event)) return;
    const userId = event.user_id;
    if ('name' in event && event.name !== undefined) keep(names.current, userId, event.name);
    if (event.type === 'stageRequestApproved' || event.type === 'stageRequestRejected') keep(deciders.current, userId, event.by);
    if (event.type === 'stageRequestWithdrawn') keep(deciders.current, userId, userId);
    // Viewers hear about themselves; managers about others.
    const kind = userId === call.user.id ? OWN_NOTICES[event.type] : OTHERS_NOTICES[event.type];
    if (!kind) return;
    add({
      // Only your own approval makes a notice: an invitation is one too.
      kind: event.type === 'stageRequestApproved' && event.invited ? 'invited' : kind,
      user_id: userId,
      name: nameOf(userId),
      ...(event.type === 'stageInvitationDeclined' && { invited: event.invited }),
      ...('reason' in event && event.reason !== undefined && { reason: event.reason }),
    });
  });

  // Bulk decisions made anywhere under this provider, for this call: name who got there first.
  const decided = (result: BulkStageResult) => {
    for (const outcome of result.results) {
      if (outcome.applied || (outcome.reason !== 'ALREADY_ACCEPTED' && outcome.reason !== 'NO_PENDING_REQUEST')) continue;
      const by = deciders.current.get(outcome.user_id);
      // A withdrawn request was already announced; a decision of one's own is no news.
      if (!by || by === outcome.user_id || by === call.user.id) continue;
      add({ kind: 'decided', user_id: outcome.user_id, name: nameOf(outcome.user_id), by, byName: nameOf(by) });
    }
  };
  const onDecided = useLatest(decided);
  useCommitEffect(
    () =>
      queryClient.getMutationCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'success') return;
        const key = event.mutation.options.mutationKey;
        if (!key || key[0] !== 'stagekit' || key[1] !== call.cid || !BULK_DECISIONS.has(key[2] as string)) return;
        onDecided.current(event.action.data as BulkStageResult);
      }),
    [queryClient, call],
  );

  const dismiss = useCallback((id: number) => setNotices((current) => current.filter((n) => n.id !== id)), []);
  return { notices, dismiss };
}
