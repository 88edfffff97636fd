import type { Clock } from '../core/clock.js';

/** A clock that reads the server's time: this device's clock plus a measured offset. */
export interface ServerClock extends Clock {
  subscribe(listener: () => void): () => void;
  /** Milliseconds the server is ahead of this device. */
  readonly offset: number;
  /** Measures the offset with a round trip: `fetchNow` returns the server's time. */
  sample(fetchNow: () => Promise<number>): Promise<void>;
  /** Takes the server's word for its time, sent one way (a jump, or a first guess). */
  heard(serverNow: number, options?: { jumped?: boolean }): void;
}

/** Offsets closer than this count as the same; smaller wobbles are network noise, not a jump. */
const NOTICEABLE_MS = 250;
/** A one-way reading this far off the measured offset means the server's clock moved. */
const DRIFTED_MS = 2000;

export function createServerClock(localNow: () => number = Date.now): ServerClock {
  let offset = 0;
  let measured = false;
  // Bumped on each jump, so a round trip that started before it cannot undo it.
  let epoch = 0;
  const listeners = new Set<() => void>();

  const set = (next: number) => {
    const moved = Math.abs(next - offset) >= NOTICEABLE_MS;
    offset = next;
    if (moved) for (const listener of [...listeners]) listener();
  };

  return {
    now: () => localNow() + offset,
    get offset() {
      return offset;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async sample(fetchNow) {
      const startedEpoch = epoch;
      const sent = localNow();
      const serverNow = await fetchNow();
      const received = localNow();
      if (epoch !== startedEpoch) return;
      // The server read its clock about halfway through the round trip.
      set(serverNow + (received - sent) / 2 - received);
      measured = true;
    },
    heard(serverNow, options = {}) {
      const estimate = serverNow - localNow();
      if (options.jumped) {
        epoch += 1;
        set(estimate);
      } else if (!measured || Math.abs(estimate - offset) > DRIFTED_MS) set(estimate);
    },
  };
}
