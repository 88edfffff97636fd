/** Where the kit reads the time. Injected everywhere so tests and stories can control it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Called when the time jumps (a manual clock advanced); real clocks never call it. */
  subscribe?(listener: () => void): () => void;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface ManualClock extends Clock {
  set(time: number | Date | string): void;
  advance(ms: number): void;
  subscribe(listener: () => void): () => void;
}

/** A clock that moves only when told to: for tests, stories and demos. */
export function createManualClock(start: number | Date | string = 0): ManualClock {
  let time = toMillis(start);
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  return {
    now: () => time,
    set(next) {
      time = toMillis(next);
      notify();
    },
    advance(ms) {
      time += ms;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function toMillis(value: number | Date | string): number {
  return typeof value === 'number' ? value : new Date(value).getTime();
}
