import { projectEventsWithoutView, type CallEvent, type CallRecord, type User } from '../core/index.js';
import type { CallType } from '../core/call-types.js';
import type { ServerStorage } from './storage.js';

/**
 * The events a subscriber missed since `since`, or a snapshot when they cannot be replayed:
 * the log no longer reaches back, or the user's capabilities moved on the way.
 */
export async function catchUp(
storage: ServerStorage,
call: CallRecord,
callType: CallType,
user: User,
since: number | undefined,
snapshot: (call: CallRecord, type: CallType, user: User) => CallEvent,
): Promise<CallEvent[]> {
  if (since === call.seq) return [];
  if (since === undefined || since > call.seq) return [snapshot(call, callType, user)];
  const batches = await storage.batchesSince(call.cid, since);
  const first = batches?.[0]?.events[0];
  if (!batches || batches.length === 0 || !first || first.seq > since + 1) return [snapshot(call, callType, user)];
  // Between changes that move capabilities, the user's are the ones they hold now.
  const now = { members: call.members };
  const events: CallEvent[] = [];
  for (const batch of batches) {
    // The log may already hold changes past the call as read (another process's, told next): they
    // reach the subscriber when they are told, not twice.
    if (batch.seq > call.seq) break;
    const { access } = batch;
    const projected = projectEventsWithoutView(
      access
        ? { before: access.before, after: access.after, beforeType: access.before.type, afterType: access.after.type, events: batch.events }
        : { before: null, after: now, beforeType: callType, afterType: callType, events: batch.events },
      user,
    );
    if (!projected) return [snapshot(call, callType, user)];
    // Someone shown and then hidden again: a replay would tell a newcomer of them, a view does not.
    if (projected.some((event) => event.type === 'call.participant_unlisted' && event.seq > since)) return [snapshot(call, callType, user)];
    for (const event of projected) if (event.seq > since) events.push(event);
  }
  return events;
}
