import type { SqliteDatabase } from '../db/open-database';
import type { PersonDetector } from '../inference/person-detector';
import { ModelDeploymentsRepository } from '../db/repositories/model-deployments-repository';
import type { FrameProcessor, ModelRef } from '../pipeline/frame-processor';
import { loadVerifiedDetector, recordLoadFailure, type LoadVerifiedOptions } from './model-loader';
import { describeError } from './registry-error';

export interface HotSwapOptions extends LoadVerifiedOptions {
  /** Warm-up runs before the switch (the first runs pay for memory planning). Default 1. */
  warmupRuns?: number;
  /** Dispose of the replaced detector once no frame uses it. Default true. */
  disposeOld?: boolean;
  /** Called once the new model is loaded and warm, just before the switch is queued. */
  onReady?: () => void;
}

export type HotSwapResult =
  /** `detector` now runs in the processor; its owner disposes of it when the camera stops. */
  | { ok: true; previous: ModelRef; current: ModelRef; swappedAtFrame: number; detector: PersonDetector }
  | { ok: false; error: { code: string; message: string }; current: ModelRef };

/**
 * Switches a running camera to another registered version without stopping it: the new session is
 * loaded (checksum verified) and warmed while the old one keeps counting, then FrameProcessor
 * switches between two frames, so no frame is skipped or counted twice and the tracker and
 * counters carry on. If the new model cannot be loaded, the old one simply keeps running and the
 * failure is recorded ('load_failed'); nothing is thrown.
 */
export async function hotSwapModel(db: SqliteDatabase, processor: FrameProcessor, target: ModelRef, opts: HotSwapOptions = {}): Promise<HotSwapResult> {
  const { warmupRuns = 1, disposeOld = true, onReady, ...loadOptions } = opts;
  const current = processor.currentModel;
  let loaded;
  try {
    loaded = await loadVerifiedDetector(db, target.modelId, target.versionNumber, { purpose: 'hot swap', ...loadOptions });
  } catch (err) {
    return { ok: false, error: describeError(err), current };
  }
  try {
    await loaded.detector.warmup(warmupRuns);
  } catch (err) {
    await loaded.detector.dispose();
    recordLoadFailure(db, target, err, { cameraId: opts.cameraId, purpose: 'hot swap warm-up', path: loaded.path });
    return { ok: false, error: describeError(err), current };
  }
  onReady?.();
  let old;
  try {
    old = await processor.swapDetector(loaded.detector, target);
  } catch (err) {
    await loaded.detector.dispose();
    recordLoadFailure(db, target, err, { cameraId: opts.cameraId, purpose: 'hot swap', path: loaded.path });
    return { ok: false, error: describeError(err), current };
  }
  const swappedAtFrame = processor.processedFrames;
  if (disposeOld) await old.dispose();
  new ModelDeploymentsRepository(db).recordEvent({
    eventType: 'swapped',
    cameraId: opts.cameraId ?? null,
    modelType: 'detection',
    modelId: target.modelId,
    versionNumber: target.versionNumber,
    previousModelId: current.modelId,
    previousVersionNumber: current.versionNumber,
    reason: 'hot swap',
    details: { swappedAtFrame },
  });
  return { ok: true, previous: current, current: target, swappedAtFrame, detector: loaded.detector };
}
