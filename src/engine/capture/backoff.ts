/** Restart delays: quick first retries for a blip, exponential growth for a real outage. Pure. */

export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  factor: number;
  maxMs: number;
  /** ± fraction of the delay, so cameras that failed together do not retry in lock-step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = { initialMs: 500, factor: 2, maxMs: 30_000, jitter: 0.2 };

/** Delay before retry number `attempt` (0 = first retry): 0.5 s, 1 s, 2 s, … capped, jittered. */
export function backoffDelay(attempt: number, options: Partial<BackoffOptions> = {}, random: () => number = Math.random): number {
  const o = { ...DEFAULT_BACKOFF, ...options };
  if (!(o.initialMs >= 0) || !(o.factor >= 1) || !(o.maxMs >= 0) || !(o.jitter >= 0 && o.jitter <= 1)) {
    throw new RangeError('backoff: initialMs >= 0, factor >= 1, maxMs >= 0, 0 <= jitter <= 1');
  }
  // Cap the exponent so a camera down for days does not overflow to Infinity.
  const base = Math.min(o.maxMs, o.initialMs * o.factor ** Math.min(Math.max(0, attempt), 60));
  const jittered = base * (1 + o.jitter * (2 * random() - 1));
  return Math.round(Math.min(o.maxMs, Math.max(0, jittered)));
}
