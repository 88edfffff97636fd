import { isBlocked, MAX_BLOCKED } from '../access.js';
import { forbidden, invalidState, StageKitError } from '../errors.js';
import type { ModerationParsed } from '../schemas.js';
import type { Transaction } from '../transaction.js';

// Keeping a call civil: removing a participant, blocking a user from the call and letting them back.
// All three need `block-users`: removing someone is the lighter form of the same act (they may come
// back), while `remove-call-member` changes whom the call is for, not who is in it.

function notYourself(tx: Transaction, userId: string, action: string): void {
  if (userId === tx.actor.id) {
    throw new StageKitError('INVALID_INPUT', `invalid input: ${action} yourself is not possible`, {
      fields: [{ path: 'input.user_id', message: 'must not be your own user id' }],
    });
  }
}

/**
 * No one moderates someone who holds more than they do (a host cannot remove or block an admin),
 * as no one hands out a role that grants more than they hold. Someone not in the call is judged
 * by their member role alone; a global admin outside it is never kept out anyway.
 */
function notAbove(tx: Transaction, userId: string, action: string): void {
  const holds = tx.actorCapabilities();
  const missing = tx.capabilitiesOf(userId, tx.participant(userId)?.role).find((capability) => !holds.includes(capability));
  if (missing) throw forbidden(missing, `${action} '${userId}'`);
}

export function removeParticipant(tx: Transaction, input: ModerationParsed): void {
  tx.notEnded('removing a participant');
  tx.require('block-users', 'removing a participant');
  notYourself(tx, input.user_id, 'removing');
  notAbove(tx, input.user_id, 'removing');
  if (!tx.participant(input.user_id)) throw invalidState(`'${input.user_id}' is not in the call`);
  // The user hears why before they hear they left, so a notice can say so.
  tx.emit({ type: 'call.participant_removed', user_id: input.user_id, by: tx.actor.id, ...(input.reason !== undefined && { reason: input.reason }) });
  tx.removeParticipant(input.user_id, 'removed');
}

export function blockUser(tx: Transaction, input: ModerationParsed): void {
  const call = tx.existing();
  tx.require('block-users', 'blocking a user');
  notYourself(tx, input.user_id, 'blocking');
  notAbove(tx, input.user_id, 'blocking');
  if (isBlocked(call, input.user_id)) throw invalidState(`'${input.user_id}' is already blocked`);
  const blocked = call.blocked ?? {};
  if (Object.keys(blocked).length >= MAX_BLOCKED) throw invalidState(`a call may block at most ${MAX_BLOCKED} users`);
  tx.patch({ blocked: { ...blocked, [input.user_id]: true } });
  tx.emit({ type: 'call.user_blocked', user_id: input.user_id, by: tx.actor.id, ...(input.reason !== undefined && { reason: input.reason }) });
  // Leaving takes their stage status and any pending request with them.
  tx.removeParticipant(input.user_id, 'removed');
}

export function unblockUser(tx: Transaction, input: { user_id: string }): void {
  const call = tx.existing();
  tx.require('block-users', 'unblocking a user');
  if (!isBlocked(call, input.user_id)) throw invalidState(`'${input.user_id}' is not blocked`);
  const { [input.user_id]: _gone, ...blocked } = call.blocked!;
  tx.patch({ blocked });
  tx.emit({ type: 'call.user_unblocked', user_id: input.user_id, by: tx.actor.id });
}
