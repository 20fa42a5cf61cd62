import { parseIso } from '../../shared/timestamps';
import { errorMessage } from './db-error';
import type { SqliteDatabase } from './open-database';
import {
  lastRetentionRun,
  runRetentionChunked,
  storedRetentionOverrides,
  type RetentionOverrides,
  type RetentionResult,
  type RetentionRunOptions,
} from './retention';

/** The seed's cron '0 3 * * *': the next `hour`:00 local time strictly after `now`. */
export function nextRetentionRun(now: Date, hour = 3): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be 0..23, got ${hour}`);
  const next = new Date(now.getTime());
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) {
    // Advance by calendar day, not 24 h, so a DST change does not move the run off `hour`.
    next.setDate(next.getDate() + 1);
    next.setHours(hour, 0, 0, 0);
  }
  return next;
}

export interface RetentionSchedulerOptions {
  /** Local hour of the nightly run (default 3, as in the seed). */
  hour?: number;
  now?: () => Date;
  onRun?: (result: RetentionResult) => void;
  onError?: (error: Error) => void;
  /**
   * The periods, read at each run so a changed setting applies the next night without a restart
   * (default: the `retention.*` settings stored in the database).
   */
  overrides?: () => RetentionOverrides;
  /** Chunk sizing and pauses of runRetentionChunked (tests). */
  run?: Omit<RetentionRunOptions, 'overrides' | 'shouldStop'>;
}

const DAY_MS = 86_400_000;
/**
 * Timers follow a monotonic clock that stops while a laptop sleeps, so a single 20-hour timeout
 * can fire hours late. Waking at least hourly and comparing the wall clock keeps the run on time.
 */
const MAX_SLEEP_MS = 3_600_000;

/**
 * Runs retention every night at `hour`:00 local time, and at start when the last completed run
 * is over a day old (the app was off at 03:00). A run is chunked and yields between chunks
 * (runRetentionChunked), so the cameras keep counting while it works; stop() ends a run in
 * progress between two chunks and resolves once it has.
 */
export class RetentionScheduler {
  private timer: NodeJS.Timeout | null = null;
  private dueAt = 0;
  private inFlight: Promise<void> | null = null;
  private stopping = false;
  private readonly now: () => Date;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly opts: RetentionSchedulerOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Scheduled (between start() and stop()). */
  get running(): boolean {
    return this.timer !== null || (this.inFlight !== null && !this.stopping);
  }

  /** A run is in progress now. */
  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** Schedules the nightly run; catches up at once when the last completed run is over 24 h old. */
  start(): void {
    if (this.timer || this.inFlight) return;
    this.stopping = false;
    const last = lastRetentionRun(this.db, 'completed');
    const now = this.now();
    const missed = !last || now.getTime() - parseIso(last.startedAt).getTime() > DAY_MS;
    this.dueAt = missed ? now.getTime() : nextRetentionRun(now, this.opts.hour).getTime();
    this.arm();
  }

  /** Unschedules; a run in progress stops after its current chunk (the promise waits for that). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  /** Resolves when no run is in progress (tests, and callers that must not overlap one). */
  async idle(): Promise<void> {
    await this.inFlight;
  }

  /** The next planned run (while started). */
  nextRunAt(): Date | null {
    return this.timer || this.inFlight ? new Date(this.dueAt) : null;
  }

  private arm(): void {
    const wait = Math.max(0, Math.min(this.dueAt - this.now().getTime(), MAX_SLEEP_MS));
    this.timer = setTimeout(() => this.tick(), wait);
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    const now = this.now();
    if (now.getTime() < this.dueAt) {
      this.arm();
      return;
    }
    this.dueAt = nextRetentionRun(now, this.opts.hour).getTime();
    this.inFlight = this.runOnce(now).finally(() => {
      this.inFlight = null;
      if (!this.stopping) this.arm();
    });
  }

  private async runOnce(now: Date): Promise<void> {
    try {
      const overrides = this.opts.overrides ? this.opts.overrides() : storedRetentionOverrides(this.db);
      const result = await runRetentionChunked(this.db, now, { ...this.opts.run, overrides, shouldStop: () => this.stopping });
      if (result.status === 'completed') this.opts.onRun?.(result);
    } catch (err) {
      this.opts.onError?.(err instanceof Error ? err : new Error(errorMessage(err)));
    }
  }
}
