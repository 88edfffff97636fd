import { vi } from 'vitest';
import { SETTLE_MS } from '../../src/components/action-guard.js';

/**
 * Moves `Date` past the moment a control ignores clicks after its label changed, as a person
 * reading the new label would take. Only `Date` moves: timers and promises run as before.
 */
export function settle(): void {
  vi.setSystemTime(Date.now() + SETTLE_MS + 1);
}
