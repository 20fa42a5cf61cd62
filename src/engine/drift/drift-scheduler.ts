/**
 * Runs the drift check in the engine (issue 13): the hourly windows a few minutes after each whole
 * hour (so the writer has flushed the hour), and the tamper scan every `tamperEveryS` seconds over
 * the time since the last scan (an alert within a minute of a camera being covered or moved).
 * Timers wake at least every `tamperEveryS`, compare the wall clock, and are unref'd; a failed
 * run is reported and the next one still happens. `now` is injectable (tests use a fake clock).
 *
 * The check itself runs wherever its checker runs it: in the engine a worker thread
 * (drift-worker-checker.ts), so a tick only hands the ranges over and awaits the answer. One check
 * at a time: a tick that finds the previous one still running leaves its range to the next tick
 * (the tamper range starts where the last started check ended, so nothing is skipped).
 */
import type { DriftCheckOptions, DriftCheckResult, DriftSettings } from './drift-service';

/** DriftService (inline), or a DriftChecker (drift-checker.ts). */
export interface DriftCheckRunner {
  check(o: DriftCheckOptions): DriftCheckResult | Promise<DriftCheckResult>;
}

const HOUR_MS = 3_600_000;

export interface DriftSchedulerOptions {
  now?: () => Date;
  /** Seconds between tamper scans (default 30). */
  tamperEveryS?: number;
  /** Minutes after the hour the hourly check runs (default 2). */
  hourlyDelayMin?: number;
  settings: () => DriftSettings;
  onRun?: (result: DriftCheckResult) => void;
  onError?: (error: Error) => void;
}

export class DriftScheduler {
  private timer: NodeJS.Timeout | null = null;
  private lastTamperAt: Date | null = null;
  private nextHourlyAt = 0;
  private running = false;
  private readonly now: () => Date;

  constructor(
    private readonly service: DriftCheckRunner,
    private readonly o: DriftSchedulerOptions,
  ) {
    this.now = o.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    const now = this.now();
    this.lastTamperAt = new Date(now.getTime() - (this.o.tamperEveryS ?? 30) * 1000);
    this.nextHourlyAt = this.hourlyAfter(now);
    this.arm();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The next hourly check (while started). */
  nextHourlyRunAt(): Date | null {
    return this.timer ? new Date(this.nextHourlyAt) : null;
  }

  /**
   * One pass now: the tamper scan since the last, and the hourly windows when they are due. The
   * ranges are taken when the pass starts, so the next tick's begin where this one's end.
   * Resolves to null when the pass failed or the previous one was still running.
   */
  async tick(): Promise<DriftCheckResult | null> {
    if (this.running) return null;
    const now = this.now();
    const hourly = now.getTime() >= this.nextHourlyAt;
    const tamperFrom = this.lastTamperAt ?? now;
    this.lastTamperAt = now;
    if (hourly) this.nextHourlyAt = this.hourlyAfter(now);
    this.running = true;
    try {
      const result = await this.service.check({ now, skipDrift: !hourly, tamperFrom, lookbackHours: hourly ? 24 : 1 });
      this.o.onRun?.(result);
      return result;
    } catch (err) {
      // The tamper range is scanned again by the next tick (a failed hourly pass waits an hour).
      this.lastTamperAt = tamperFrom;
      this.o.onError?.(err instanceof Error ? err : new Error(String(err)));
      return null;
    } finally {
      this.running = false;
    }
  }

  private hourlyAfter(now: Date): number {
    const delay = (this.o.hourlyDelayMin ?? 2) * 60_000;
    const next = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + delay;
    return next > now.getTime() ? next : next + HOUR_MS;
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      void this.tick();
      if (this.timer) this.arm();
    }, (this.o.tamperEveryS ?? 30) * 1000);
    this.timer.unref();
  }
}
