/**
 * Login throttling: after `maxFailures` failures for the same username (or the same client address)
 * within `windowMs`, further attempts are refused until the window has passed.
 * Kept in memory: a restart forgets it, which only ever makes the server more lenient.
 */
export interface LoginThrottle {
  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfterMs(keys: readonly string[], now: number): number;
  recordFailure(keys: readonly string[], now: number): void;
  reset(keys: readonly string[]): void;
}

export function createLoginThrottle(maxFailures = 5, windowMs = 15 * 60_000): LoginThrottle {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const list = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  };
  return {
    retryAfterMs(keys, now) {
      let wait = 0;
      for (const key of keys) {
        const list = recent(key, now);
        if (list.length >= maxFailures) wait = Math.max(wait, list[list.length - maxFailures]! + windowMs - now);
      }
      return wait;
    },
    recordFailure(keys, now) {
      for (const key of keys) failures.set(key, [...recent(key, now), now]);
    },
    reset(keys) {
      for (const key of keys) failures.delete(key);
    },
  };
}
