import { sameCapabilities, withStageCapabilities } from './access.js';
import type { CallEvent } from './events.js';
import type { CallView, StageRequest } from './model.js';

/**
 * Applies a batch of projected events to a view. Copies each map at most once per batch, so Accept
 * all on 10,000 requests is one pass, and keeps untouched parts by reference for narrow selectors.
 * Events at or below the view's sequence number are skipped: replays after a reconnect are harmless.
 * `viewerId` is whose view it is: their capabilities follow their own stage status. `applied`, when
 * given, receives the events that were not skipped, in order.
 */
export function reduceCallView(view: CallView | null, events: readonly CallEvent[], viewerId?: string, applied?: CallEvent[]): CallView | null {
  let next = view;
  let copied: Set<string> = new Set();
  const own = <K extends 'members' | 'participants' | 'stage' | 'stage_invited'>(key: K): CallView[K] => {
    if (!copied.has(key)) {
      // Invitations are new here, keyed by user ids from the start: no prototype to write through.
      const copy = key === 'stage_invited' ? Object.assign(Object.create(null) as object, next![key]) : { ...next![key] };
      next = { ...next!, [key]: copy };
      copied.add(key);
    }
    return next![key];
  };
  // The pending requests by user id, built on the first change: a scan per change would make
  // Accept all on n requests O(n²). Written back to `next.stage_requests`, in order, by a flush.
  let requests: Map<string, StageRequest> | null = null;
  let requestsChanged = false;
  const pendingRequests = () => (requests ??= new Map(next!.stage_requests.map((r) => [r.user_id, r])));
  const flushRequests = () => {
    if (requestsChanged) next = { ...next!, stage_requests: [...requests!.values()] };
    requests = null;
    requestsChanged = false;
  };
  const dropRequest = (userId: string) => {
    if (pendingRequests().delete(userId)) requestsChanged = true;
  };
  /** Takes a user out of the call: participant, stage status, invitation and request. */
  const removeParticipant = (userId: string) => {
    if (Object.hasOwn(next!.participants, userId)) delete own('participants')[userId];
    if (Object.hasOwn(next!.stage, userId)) delete own('stage')[userId];
    if (next!.stage_invited?.[userId]) delete own('stage_invited')[userId];
    dropRequest(userId);
  };

  for (const event of events) {
    if (event.type === 'call.state') {
      if (next && event.seq < next.seq) continue;
      applied?.push(event);
      flushRequests();
      next = event.call;
      // The snapshot's maps may be shared with the sender: copy before the next write.
      copied = new Set();
      continue;
    }
    if (!next || event.seq <= next.seq) continue;
    applied?.push(event);
    if ('call' in event) {
      // A team lifted is a field gone: the event's fields are the whole of them.
      const { team: _team, ...rest } = next;
      next = { ...rest, ...event.call };
    }
    switch (event.type) {
      case 'call.user_blocked':
      case 'call.user_unblocked': {
        // Only moderators and the user themselves are told: their list is exactly what they are shown,
        // in the order of the server's views.
        const rest = (next.blocked_user_ids ?? []).filter((userId) => userId !== event.user_id);
        next = { ...next, blocked_user_ids: event.type === 'call.user_blocked' ? [...rest, event.user_id].sort() : rest };
        break;
      }
      case 'call.live_ended':
        // A manager is told of everyone removed, most of whom a crowd's view never held: only
        // what the view holds is copied and changed, so readers of the rest do not re-render.
        for (const userId of event.removed_user_ids) removeParticipant(userId);
        break;
      case 'call.ended':
        flushRequests();
        next = {
          ...next,
          participants: {},
          participant_count: 0,
          participants_count_by_role: {},
          stage: {},
          stage_requests: [],
          stage_invited: {},
        };
        break;
      case 'call.member_added':
      case 'call.member_updated':
        own('members')[event.member.user_id] = event.member;
        break;
      case 'call.member_removed':
        delete own('members')[event.user_id];
        break;
      case 'call.participant_joined':
      case 'call.participant_listed':
        own('participants')[event.participant.user_id] = event.participant;
        break;
      case 'call.participant_unlisted':
        delete own('participants')[event.user_id];
        break;
      case 'call.counts_updated':
        next = { ...next, participant_count: event.participant_count, participants_count_by_role: event.participants_count_by_role };
        break;
      case 'call.participant_left':
        removeParticipant(event.user_id);
        break;
      case 'stageStatusUpdate':
        if (event.status === 'OFF_STAGE') delete own('stage')[event.user_id];
        else own('stage')[event.user_id] = event.status;
        // Any change of status ends an invitation, unless this change is the invitation.
        if (event.invited) own('stage_invited')[event.user_id] = true;
        else if (next.stage_invited?.[event.user_id]) delete own('stage_invited')[event.user_id];
        break;
      case 'stageAccessRequestUpdate':
        for (const userId of event.removed) dropRequest(userId);
        for (const request of event.added) pendingRequests().set(request.user_id, request);
        requestsChanged ||= event.added.length > 0;
        break;
      default:
        break;
    }
    next = { ...next, seq: event.seq };
  }
  flushRequests();
  // The viewer's capabilities follow their own stage status.
  if (!next || viewerId === undefined || next === view) return next;
  const capabilities = withStageCapabilities(next.role_capabilities ?? next.own_capabilities, next.stage[viewerId]);
  return sameCapabilities(capabilities, next.own_capabilities) ? next : { ...next, own_capabilities: capabilities };
}
