/**
 * Failed sign-ins, counted per user name and per address. The first few failures cost nothing;
 * after that each key is locked for a time that doubles with every further failure (capped), and
 * a locked key is answered RATE_LIMITED (HTTP 429) without checking the password at all, so even
 * the right password waits until the back-off has passed. Memory only: bounded, and a restart
 * forgets it (the audit log keeps every failure).
 */
import type { Clock } from './clock';

export interface BackoffPolicy {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

interface Entry {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

const MAX_KEYS = 10_000;

export class SignInLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
  ) {}

  /** Milliseconds until any of `keys` may try again (0: now). */
  retryAfterMs(keys: readonly string[]): number {
    const now = this.clock();
    let wait = 0;
    for (const key of keys) {
      const e = this.fresh(key, now);
      if (e && e.lockedUntil > now) wait = Math.max(wait, e.lockedUntil - now);
    }
    return wait;
  }

  fail(keys: readonly string[]): number {
    const now = this.clock();
    let failures = 0;
    for (const key of keys) {
      const e = this.fresh(key, now) ?? { failures: 0, lastFailureAt: now, lockedUntil: 0 };
      e.failures += 1;
      e.lastFailureAt = now;
      const over = e.failures - this.policy.freeFailures;
      if (over >= 0) e.lockedUntil = now + Math.min(this.policy.baseDelayMs * 2 ** over, this.policy.maxDelayMs);
      this.entries.delete(key);
      this.entries.set(key, e);
      failures = Math.max(failures, e.failures);
    }
    // Oldest first in a Map: drop those when an attacker sprays names.
    while (this.entries.size > MAX_KEYS) this.entries.delete(this.entries.keys().next().value as string);
    return failures;
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.entries.delete(key);
  }

  private fresh(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && now - e.lastFailureAt > this.policy.forgetAfterMs && e.lockedUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
}
