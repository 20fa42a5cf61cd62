/**
 * Runs the drift check in the engine (issue 13): the hourly windows a few minutes after each whole
 * hour (so the writer has flushed the hour), and the tamper scan every `tamperEveryS` seconds over
 * the time since the last scan (an alert within a minute of a camera being covered or moved).
 * Timers wake at least every `tamperEveryS`, compare the wall clock, and are unref'd; a failed
 * run is reported and the next one still happens. `now` is injectable (tests use a fake clock).
 */
import type { DriftCheckResult, DriftService, DriftSettings } from './drift-service';

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
  private readonly now: () => Date;

  constructor(
    private readonly service: DriftService,
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

  /** One pass now: the tamper scan since the last, and the hourly windows when they are due. */
  tick(): DriftCheckResult | null {
    const now = this.now();
    const hourly = now.getTime() >= this.nextHourlyAt;
    try {
      const result = this.service.check({ now, skipDrift: !hourly, tamperFrom: this.lastTamperAt ?? now, lookbackHours: hourly ? 24 : 1 });
      this.lastTamperAt = now;
      if (hourly) this.nextHourlyAt = this.hourlyAfter(now);
      this.o.onRun?.(result);
      return result;
    } catch (err) {
      if (hourly) this.nextHourlyAt = this.hourlyAfter(now);
      this.o.onError?.(err instanceof Error ? err : new Error(String(err)));
      return null;
    }
  }

  private hourlyAfter(now: Date): number {
    const delay = (this.o.hourlyDelayMin ?? 2) * 60_000;
    const next = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + delay;
    return next > now.getTime() ? next : next + HOUR_MS;
  }

  private arm(): void {
    this.timer = setTimeout(() => {
      this.tick();
      if (this.timer) this.arm();
    }, (this.o.tamperEveryS ?? 30) * 1000);
    this.timer.unref();
  }
}
