/** The picture retention of audits: at start and hourly (the switch-off is a trigger, migration 0017). */
import type { AuditService } from './audit-service';

export class AuditRetentionScheduler {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly service: Pick<AuditService, 'purge'>,
    private readonly o: { intervalMs?: number; onError?: (err: Error) => void; onPurge?: (n: number) => void } = {},
  ) {}

  runNow(): void {
    try {
      const n = this.service.purge(new Date());
      if (n > 0) this.o.onPurge?.(n);
    } catch (err) {
      this.o.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
  }

  start(): void {
    if (this.timer) return;
    this.runNow();
    this.timer = setInterval(() => this.runNow(), this.o.intervalMs ?? 3_600_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
