import type { PersonDetector } from '../inference/person-detector';
import type { ModelRef } from '../pipeline/frame-processor';

export interface DetectorLease {
  detector: PersonDetector;
  model: ModelRef;
  release(): void;
}

export interface DetectorPoolOptions {
  load: (path: string) => Promise<PersonDetector>;
  /** Registers the loaded model (sha256 identity) and names the version results are stored under. */
  register: (detector: PersonDetector) => ModelRef;
  /** An unused detector is kept this long, so a camera restarted after an edit does not reload it. */
  lingerMs?: number;
}

interface Entry {
  loading: Promise<{ detector: PersonDetector; model: ModelRef }>;
  refs: number;
  timer: NodeJS.Timeout | null;
}

/**
 * One detector per model file, shared by every camera that uses it. A session holds the model's
 * weights and arena (~100 MB for YOLOv8n) and its detect() calls are serialised anyway, so a
 * second session for a second camera would cost memory without adding throughput on a small CPU.
 */
export class DetectorPool {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly o: DetectorPoolOptions) {}

  get size(): number {
    return this.entries.size;
  }

  async acquire(path: string): Promise<DetectorLease> {
    if (this.closed) throw new Error('detector pool is closed');
    let entry = this.entries.get(path);
    if (!entry) {
      const loading = (async () => {
        const detector = await this.o.load(path);
        try {
          await detector.warmup(1); // the first camera frame must not pay for kernel selection
          return { detector, model: this.o.register(detector) };
        } catch (err) {
          await detector.dispose();
          throw err;
        }
      })();
      entry = { loading, refs: 0, timer: null };
      this.entries.set(path, entry);
      // A failed load must not be cached: the next acquire tries again (file fixed, disk back).
      loading.catch(() => {
        if (this.entries.get(path) === entry) this.entries.delete(path);
      });
    }
    entry.refs++;
    if (entry.timer) {
      clearTimeout(entry.timer);
      entry.timer = null;
    }
    let loaded: { detector: PersonDetector; model: ModelRef };
    try {
      loaded = await entry.loading;
    } catch (err) {
      entry.refs--;
      throw err;
    }
    let released = false;
    const e = entry;
    return {
      detector: loaded.detector,
      model: loaded.model,
      release: () => {
        if (released) return;
        released = true;
        e.refs--;
        if (e.refs > 0 || this.closed) return;
        e.timer = setTimeout(() => {
          if (e.refs > 0 || this.entries.get(path) !== e) return;
          this.entries.delete(path);
          void loaded.detector.dispose();
        }, this.o.lingerMs ?? 15_000);
        e.timer.unref();
      },
    };
  }

  /** Disposes every detector (queued behind any detect() still running). */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      all.map(async (e) => {
        if (e.timer) clearTimeout(e.timer);
        try {
          await (await e.loading).detector.dispose();
        } catch {
          /* a load that failed has nothing to dispose */
        }
      }),
    );
  }
}
