/**
 * A token bucket shared by all camera supervisors: when a switch reboots and twenty cameras drop
 * at once, their ffmpeg restarts are spread out (`ratePerSec` after an initial `burst`) instead of
 * forking twenty decoders in the same instant on a small shop PC.
 */

export interface RestartPacerOptions {
  /** Sustained restarts per second across all cameras (default 2). */
  ratePerSec?: number;
  /** Restarts allowed back-to-back before pacing starts (default 4). */
  burst?: number;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class RestartPacer {
  readonly ratePerSec: number;
  readonly burst: number;
  private readonly now: () => number;
  private tokens: number;
  private refilledAt: number;
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(o: RestartPacerOptions = {}) {
    this.ratePerSec = o.ratePerSec ?? 2;
    this.burst = o.burst ?? 4;
    if (!(this.ratePerSec > 0)) throw new RangeError('ratePerSec must be > 0');
    if (!Number.isInteger(this.burst) || this.burst < 1) throw new RangeError('burst must be an integer >= 1');
    this.now = o.now ?? Date.now;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Restarts waiting for a token. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves when this restart may go ahead (FIFO); rejects with the abort reason. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i !== -1) this.waiters.splice(i, 1);
          reject(signal?.reason);
          this.schedule();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.refilledAt) / 1000) * this.ratePerSec);
    this.refilledAt = t;
  }

  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.waiters.length === 0) return;
    this.refill();
    const waitMs = Math.max(0, ((1 - this.tokens) / this.ratePerSec) * 1000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refill();
      while (this.waiters.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        const w = this.waiters.shift()!;
        w.signal?.removeEventListener('abort', w.onAbort);
        w.resolve();
      }
      this.schedule();
    }, Math.ceil(waitMs));
  }
}

/** The pacer all supervisors share unless given their own. */
export const sharedRestartPacer = new RestartPacer();
