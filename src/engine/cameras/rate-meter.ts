/** Events per second over a sliding time window (processed fps on the health page). */
export class RateMeter {
  private readonly stamps: number[] = [];
  private firstAt: number | null = null;

  constructor(
    private readonly windowMs = 5000,
    private readonly maxStamps = 1024,
  ) {}

  mark(now = Date.now()): void {
    this.firstAt ??= now;
    this.stamps.push(now);
    if (this.stamps.length > this.maxStamps) this.stamps.shift();
  }

  /** Decays to 0 within one window after the events stop. */
  rate(now = Date.now()): number {
    while (this.stamps.length > 0 && now - this.stamps[0]! >= this.windowMs) this.stamps.shift();
    if (this.firstAt !== null && now - this.firstAt >= this.windowMs) return (this.stamps.length * 1000) / this.windowMs;
    // Young meter: the window is not filled yet, so measure between the first and last event.
    if (this.stamps.length < 2) return 0;
    const span = this.stamps.at(-1)! - this.stamps[0]!;
    return span > 0 ? ((this.stamps.length - 1) * 1000) / span : 0;
  }
}

/** Mean of the last `size` values (inference latency). */
export class MeanWindow {
  private readonly values: number[] = [];

  constructor(private readonly size = 20) {}

  add(v: number): void {
    if (!Number.isFinite(v)) return;
    this.values.push(v);
    if (this.values.length > this.size) this.values.shift();
  }

  mean(): number | null {
    if (this.values.length === 0) return null;
    return this.values.reduce((s, v) => s + v, 0) / this.values.length;
  }
}
