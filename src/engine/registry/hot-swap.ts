/**
 * The one hot swap: a running frame loop switches to another model version without stopping.
 * Live cameras (following a deploy, canary or rollback) and tests use it alike:
 *   1. the new detector is obtained loaded, verified and warm (from the camera engine's shared
 *      pool, or straight from the registry) while the old one keeps counting;
 *   2. FrameProcessor switches between two frames, so no frame is skipped or counted twice and
 *      tracker and counters carry on;
 *   3. the old detector is released, and a 'swapped' event records both versions and the frame.
 * A model that cannot be loaded leaves the old one running; the failure is recorded
 * ('load_failed', by the loader) and returned, never thrown.
 */
import type { SqliteDatabase } from '../db/open-database';
import { repositoriesFor } from '../db/repositories';
import type { PersonDetector } from '../inference/person-detector';
import { SwapCancelled, type FrameProcessor, type ModelRef } from '../pipeline/frame-processor';
import { loadVerifiedDetector, recordLoadFailure, type LoadVerifiedOptions } from './model-loader';
import { describeError } from './registry-error';

/** A loaded, warm detector and the version it runs, owned until release(). */
export interface DetectorLease {
  /** Same key → same model (the camera engine's pool shares one detector per key). */
  key: string;
  detector: PersonDetector;
  model: ModelRef;
  release(): void;
}

export interface HotSwapOptions {
  cameraId?: string | null;
  /** Called once the new model is loaded and warm, just before the switch is queued. */
  onReady?: () => void;
}

export type HotSwapResult =
  /** `lease` now runs in the processor; the caller owns it. */
  | { ok: true; previous: ModelRef; current: ModelRef; swappedAtFrame: number; lease: DetectorLease }
  | { ok: false; error: { code: string; message: string }; current: ModelRef };

/**
 * Swaps `running` (the lease the processor runs now) for the one `acquire` gives. On success the
 * old lease is released; on failure the new one is, and the processor is untouched.
 */
export async function hotSwap(
  db: SqliteDatabase,
  processor: FrameProcessor,
  running: DetectorLease,
  acquire: () => Promise<DetectorLease>,
  opts: HotSwapOptions = {},
): Promise<HotSwapResult> {
  const current = processor.currentModel;
  let incoming: DetectorLease;
  try {
    incoming = await acquire();
  } catch (err) {
    return { ok: false, error: describeError(err), current };
  }
  opts.onReady?.();
  let done;
  try {
    done = await processor.swapDetector(incoming.detector, incoming.model);
  } catch (err) {
    incoming.release();
    // A swap the camera's stop overtook is no failure of the model.
    if (!(err instanceof SwapCancelled)) recordLoadFailure(db, incoming.model, err, { cameraId: opts.cameraId, purpose: 'hot swap', path: incoming.detector.info.path });
    return { ok: false, error: describeError(err), current };
  }
  running.release();
  repositoriesFor(db).modelDeployments.recordEvent({
    eventType: 'swapped',
    cameraId: opts.cameraId ?? null,
    modelType: 'detection',
    modelId: incoming.model.modelId,
    versionNumber: incoming.model.versionNumber,
    previousModelId: done.previousModel.modelId,
    previousVersionNumber: done.previousModel.versionNumber,
    reason: 'hot swap',
    details: { swappedAtFrame: done.atFrame, fromKey: running.key, toKey: incoming.key },
  });
  return { ok: true, previous: done.previousModel, current: incoming.model, swappedAtFrame: done.atFrame, lease: incoming };
}

/**
 * A registered version as a lease of its own (not shared): loaded with its checksum verified and
 * warmed, disposed of on release. For runs outside the camera engine's pool (tests, tools).
 */
export async function registryLease(
  db: SqliteDatabase,
  ref: ModelRef,
  opts: LoadVerifiedOptions & { warmupRuns?: number } = {},
): Promise<DetectorLease> {
  const { warmupRuns = 1, ...loadOptions } = opts;
  const loaded = await loadVerifiedDetector(db, ref.modelId, ref.versionNumber, { purpose: 'hot swap', ...loadOptions });
  try {
    // The first runs pay for memory planning: not on the first frame after the switch.
    await loaded.detector.warmup(warmupRuns);
  } catch (err) {
    await loaded.detector.dispose();
    recordLoadFailure(db, ref, err, { cameraId: opts.cameraId, purpose: 'hot swap warm-up', path: loaded.path });
    throw err;
  }
  return leaseOf(loaded.detector, loaded.ref);
}

/** Wraps a detector the caller loaded; release() disposes of it. */
export function leaseOf(detector: PersonDetector, model: ModelRef): DetectorLease {
  let released = false;
  return {
    key: `${model.modelId}@${model.versionNumber}#${detector.info.sha256}`,
    detector,
    model,
    release: () => {
      if (released) return;
      released = true;
      void detector.dispose();
    },
  };
}
