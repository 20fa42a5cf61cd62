/**
 * Scheduled backups: every `backup.interval_hours` (read at each run) after the newest backup in
 * the folder, never earlier than a few minutes after start so the cameras start first. Timers are
 * unref'd (they never keep a process alive) and stop() waits for a backup in progress, so the
 * engine closes its connection only after it.
 */
import { errorMessage } from '../db-error';
import type { SqliteDatabase } from '../open-database';
import { DEFAULT_BACKUP_INTERVAL_HOURS, DEFAULT_BACKUP_KEEP, listBackupFiles } from './backup-files';
import { createBackup, type CreatedBackup } from './create-backup';

export interface BackupSchedulerOptions {
  dir: string;
  intervalHours?: () => number;
  keep?: () => number;
  now?: () => Date;
  onRun?: (backup: CreatedBackup) => void;
  onError?: (error: Error) => void;
}

const HOUR_MS = 3_600_000;
/** The first scheduled backup waits this long after start. */
export const BACKUP_START_DELAY_MS = 5 * 60_000;
/** Wake at least hourly and compare the wall clock (monotonic timers stop while a PC sleeps). */
const MAX_SLEEP_MS = HOUR_MS;

export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private dueAt = 0;
  private inFlight: Promise<void> | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly opts: BackupSchedulerOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  private intervalMs(): number {
    const h = this.opts.intervalHours?.() ?? DEFAULT_BACKUP_INTERVAL_HOURS;
    return (Number.isFinite(h) && h > 0 ? h : DEFAULT_BACKUP_INTERVAL_HOURS) * HOUR_MS;
  }

  start(): void {
    if (this.timer) return;
    const now = this.now().getTime();
    const newest = listBackupFiles(this.opts.dir)[0];
    const next = newest ? Date.parse(newest.takenAt) + this.intervalMs() : now;
    this.dueAt = Math.max(next, now + BACKUP_START_DELAY_MS);
    this.arm();
  }

  /** Stops the schedule; resolves once a backup in progress has finished. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  nextRunAt(): Date | null {
    return this.timer ? new Date(this.dueAt) : null;
  }

  private arm(): void {
    const wait = Math.max(0, Math.min(this.dueAt - this.now().getTime(), MAX_SLEEP_MS));
    this.timer = setTimeout(() => this.tick(), wait);
    this.timer.unref();
  }

  private tick(): void {
    const now = this.now();
    if (now.getTime() >= this.dueAt && !this.inFlight) {
      this.dueAt = now.getTime() + this.intervalMs();
      this.inFlight = createBackup(this.db, { dir: this.opts.dir, keep: this.opts.keep?.() ?? DEFAULT_BACKUP_KEEP, now })
        .then((b) => this.opts.onRun?.(b))
        .catch((err: unknown) => this.opts.onError?.(err instanceof Error ? err : new Error(errorMessage(err))))
        .finally(() => {
          this.inFlight = null;
        });
    }
    if (this.timer) this.arm();
  }

  /** Test seam: the backup started by the last tick, if any. */
  get pending(): Promise<void> | null {
    return this.inFlight;
  }
}
