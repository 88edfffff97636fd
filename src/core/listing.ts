import type { AudienceListing } from './model.js';

/**
 * Whom everyone is shown, as the audience grows and shrinks: everyone while the call has at most
 * `listAllUpTo` participants, counts above it. It goes back to everyone only below 80 % of the
 * limit, so a call hovering at the limit does not send every watcher a whole view on each join.
 */
export function listingFor(current: AudienceListing, size: number, listAllUpTo: number): AudienceListing {
  if (listAllUpTo <= 0) return 'counts';
  if (current === 'all') return size > listAllUpTo ? 'counts' : 'all';
  return size <= Math.floor(listAllUpTo * 0.8) ? 'all' : 'counts';
}
