import type { DetectorLease } from '../registry/hot-swap';
import type { LoadedModel, ModelChoice } from './model-resolver';


export interface DetectorPoolOptions {
  /** An unused detector is kept this long, so a camera restarted after an edit does not reload it. */
  lingerMs?: number;
}

interface Entry {
  loading: Promise<LoadedModel>;
  refs: number;
  timer: NodeJS.Timeout | null;
}

/**
 * One detector per model, shared by every camera that uses it. A session holds the model's
 * weights and arena (~100 MB for YOLOv8n) and its detect() calls are serialised anyway, so a
 * second session for a second camera would cost memory without adding throughput on a small CPU.
 */
export class DetectorPool {
  private readonly entries = new Map<string, Entry>();
  private closed = false;

  constructor(private readonly o: DetectorPoolOptions = {}) {}

  get size(): number {
    return this.entries.size;
  }

  async acquire(choice: ModelChoice): Promise<DetectorLease> {
    if (this.closed) throw new Error('detector pool is closed');
    const key = choice.key;
    let entry = this.entries.get(key);
    if (!entry) {
      const loading = (async () => {
        const loaded = await choice.load();
        try {
          await loaded.detector.warmup(1); // the first camera frame must not pay for kernel selection
          return loaded;
        } catch (err) {
          await loaded.detector.dispose();
          throw err;
        }
      })();
      const created: Entry = { loading, refs: 0, timer: null };
      entry = created;
      this.entries.set(key, created);
      // A failed load must not be cached: the next acquire tries again (file fixed, disk back).
      loading.catch(() => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      });
    }
    entry.refs++;
    if (entry.timer) {
      clearTimeout(entry.timer);
      entry.timer = null;
    }
    let loaded: LoadedModel;
    try {
      loaded = await entry.loading;
    } catch (err) {
      entry.refs--;
      throw err;
    }
    let released = false;
    const e = entry;
    return {
      key,
      detector: loaded.detector,
      model: loaded.model,
      release: () => {
        if (released) return;
        released = true;
        e.refs--;
        if (e.refs > 0 || this.closed) return;
        e.timer = setTimeout(() => {
          if (e.refs > 0 || this.entries.get(key) !== e) return;
          this.entries.delete(key);
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
