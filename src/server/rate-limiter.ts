/** A token bucket per key: `burst` actions at once, refilled at `burst` per `windowMs`. */
export interface RateLimiter {
  /** Takes one token; returns 0 when allowed, else the milliseconds until one is free. */
  take(key: string): number;
  /** Keys with a bucket that is not yet full again. */
  readonly size: number;
}

export function createRateLimiter(options: { burst: number; windowMs: number; now: () => number }): RateLimiter {
  const { burst, windowMs, now } = options;
  const perMs = burst / windowMs;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let sweptAt = now();

  /**
   * A bucket left alone for a whole window has refilled, which is the same as having none: one
   * sweep per window forgets those, so keys seen once do not stay forever.
   */
  const sweep = (time: number) => {
    if (time - sweptAt < windowMs && time >= sweptAt) return;
    sweptAt = time;
    for (const [key, bucket] of buckets) if (time - bucket.at >= windowMs) buckets.delete(key);
  };

  return {
    take(key) {
      const time = now();
      sweep(time);
      const bucket = buckets.get(key) ?? { tokens: burst, at: time };
      // A clock set backwards must not mint tokens.
      const elapsed = Math.max(0, time - bucket.at);
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perMs);
      bucket.at = time;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        // A full bucket holds nothing worth remembering.
        if (bucket.tokens >= burst) buckets.delete(key);
        else buckets.set(key, bucket);
        return 0;
      }
      buckets.set(key, bucket);
      return Math.ceil((1 - bucket.tokens) / perMs);
    },
    get size() {
      return buckets.size;
    },
  };
}
