import type { AudiencePage } from '../commands.js';
import type { Participant, ParticipantCounts } from '../model.js';
import { own } from '../own.js';
import type { AudienceQueryInput } from '../schemas.js';
import type { Transaction } from '../transaction.js';

// The audience as a whole: its counts, told to everyone a few times a second at most, and pages of
// it for those who manage the stage, found by name or id.

const DEFAULT_PAGE = 50;

/** Emits the counts when they differ from those last published; the backends call it on a timer. */
export function publishCounts(tx: Transaction): void {
  const call = tx.existing();
  const counts: ParticipantCounts = { participant_count: call.participants.size, participants_count_by_role: call.participants_by_role };
  if (sameCounts(counts, call.counts)) return;
  tx.patch({ counts });
  tx.emit({ type: 'call.counts_updated', ...counts });
}

function sameCounts(a: ParticipantCounts, b: ParticipantCounts): boolean {
  if (a.participant_count !== b.participant_count) return false;
  const roles = Object.keys(a.participants_count_by_role);
  if (roles.length !== Object.keys(b.participants_count_by_role).length) return false;
  return roles.every((role) => own(b.participants_count_by_role, role) === a.participants_count_by_role[role]);
}

/**
 * One page of participants whose name or id contains `q` (ignoring case), in name order, after the
 * cursor `after`. One pass over the audience, keeping only the page: no sort of the whole crowd.
 */
export function queryAudience(tx: Transaction, input: AudienceQueryInput): AudiencePage {
  tx.require('manage-stage', 'looking through the audience');
  const call = tx.existing();
  const needle = input.q?.trim().toLowerCase() ?? '';
  const limit = input.limit ?? DEFAULT_PAGE;
  const after = input.after ?? '';
  let total = 0;
  // The page so far, sorted by key; at most `limit + 1` long, so a full page tells there is more.
  const page: { key: string; participant: Participant }[] = [];
  call.participants.forEach((participant) => {
    const { key, name, id } = searchable(participant);
    if (needle && !name.includes(needle) && !id.includes(needle)) return;
    total += 1;
    if (key <= after) return;
    if (page.length > limit && key >= page[page.length - 1]!.key) return;
    page.splice(insertionIndex(page, key), 0, { key, participant });
    if (page.length > limit + 1) page.pop();
  });
  const more = page.length > limit;
  const shown = page.slice(0, limit);
  return { participants: shown.map((entry) => entry.participant), next: more ? shown[shown.length - 1]!.key : null, total };
}

interface Searchable {
  /** Name first (as people look for someone), the id to keep equal names apart and in a fixed order. */
  key: string;
  name: string;
  id: string;
}

// Participants are immutable records: what a search compares is worked out once per participant.
const searchables = new WeakMap<Participant, Searchable>();

function searchable(participant: Participant): Searchable {
  let entry = searchables.get(participant);
  if (!entry) {
    const name = (participant.name ?? '').toLowerCase();
    const id = participant.user_id.toLowerCase();
    entry = { key: `${name || id}\u0000${participant.user_id}`, name, id };
    searchables.set(participant, entry);
  }
  return entry;
}

function insertionIndex(page: readonly { key: string }[], key: string): number {
  let low = 0;
  let high = page.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (page[middle]!.key < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
