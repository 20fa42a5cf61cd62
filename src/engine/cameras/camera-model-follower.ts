/**
 * Keeps a camera on the model it should run. The registry decides (a deploy, a canary, a
 * rollback); this notices the change and swaps through the one hot swap (registry/hot-swap.ts),
 * with the new detector taken from the engine's shared pool — capture, tracker and totals
 * untouched. A model that fails to load is not retried at every check (each try is recorded).
 */
import type { SqliteDatabase } from '../db/open-database';
import type { Logger } from '../log';
import type { FrameProcessor } from '../pipeline/frame-processor';
import { hotSwap, type DetectorLease } from '../registry/hot-swap';
import type { Camera } from '../db/repositories/cameras-repository';
import type { DetectorPool } from './detector-pool';
import { resolveCameraModel, type ModelChoice, type ModelResolver } from './model-resolver';

const MODEL_RETRY_MS = 60_000;

export type FollowResult = 'unchanged' | 'swapped' | 'restart';

export class CameraModelFollower {
  private leaseRef: DetectorLease | undefined;
  private swapping = false;
  private failed: { key: string; at: number } | null = null;
  private readonly resolver: ModelResolver;

  constructor(
    private readonly o: { db: SqliteDatabase; pool: DetectorPool; log: Logger; cameraId: string; modelFor?: ModelResolver },
  ) {
    this.resolver = o.modelFor ?? resolveCameraModel;
  }

  /** The detector the camera runs now. */
  get lease(): DetectorLease | undefined {
    return this.leaseRef;
  }

  /** ModelChoice.key of the model the camera runs. */
  get key(): string | null {
    return this.leaseRef?.key ?? null;
  }

  /** Loads (or shares) the camera's model for its start. */
  async acquire(camera: Pick<Camera, 'cameraId' | 'modelId' | 'modelVersion'>): Promise<DetectorLease> {
    const lease = await this.o.pool.acquire(this.resolver(this.o.db, camera));
    this.leaseRef?.release();
    this.leaseRef = lease;
    return lease;
  }

  /**
   * 'restart' when the change cannot be made in place: no processor yet, or a model with another
   * input size (capture must deliver frames of another size).
   */
  async follow(camera: Pick<Camera, 'cameraId' | 'modelId' | 'modelVersion'>, processor: FrameProcessor | undefined, now = Date.now()): Promise<FollowResult> {
    const running = this.leaseRef;
    if (!running || this.swapping) return 'unchanged';
    let choice: ModelChoice;
    try {
      choice = this.resolver(this.o.db, camera);
    } catch (err) {
      this.o.log.warn({ cameraId: this.o.cameraId, err: errText(err) }, 'cannot resolve the camera model; keeping the running one');
      return 'unchanged';
    }
    if (choice.key === running.key) return 'unchanged';
    if (this.failed?.key === choice.key && now - this.failed.at < MODEL_RETRY_MS) return 'unchanged';
    if (!processor) return 'restart';
    this.swapping = true;
    try {
      let sizeMismatch = false;
      const result = await hotSwap(this.o.db, processor, running, async () => {
        const lease = await this.o.pool.acquire(choice);
        const a = lease.detector.info;
        const b = running.detector.info;
        if (a.inputWidth !== b.inputWidth || a.inputHeight !== b.inputHeight) {
          sizeMismatch = true;
          lease.release();
          throw new Error(`${choice.label} takes ${a.inputWidth}x${a.inputHeight} frames, the camera runs ${b.inputWidth}x${b.inputHeight}`);
        }
        return lease;
      }, { cameraId: this.o.cameraId });
      if (result.ok) {
        this.leaseRef = result.lease;
        this.o.log.info({ cameraId: this.o.cameraId, from: running.key, to: result.lease.key, atFrame: result.swappedAtFrame }, 'camera model swapped');
        return 'swapped';
      }
      if (sizeMismatch) return 'restart';
      if (this.leaseRef === running) {
        this.failed = { key: choice.key, at: now };
        this.o.log.error({ cameraId: this.o.cameraId, model: choice.label, err: result.error.message }, 'new model failed to load; the running model keeps counting');
      }
      return 'unchanged';
    } finally {
      this.swapping = false;
    }
  }

  release(): void {
    this.leaseRef?.release();
    this.leaseRef = undefined;
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
