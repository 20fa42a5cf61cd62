import type { PersonDetector } from './person-detector';

export interface RawInferenceResult {
  /** Mean session.run time per frame, excluding pre- and post-processing. */
  msPerFrame: number;
  frames: number;
  minMs: number;
  maxMs: number;
}

/**
 * The model's bare cost on this machine for `bench`: one warm-up run (not counted, it pays for
 * memory planning), then `frames` timed runs on the detector's current input buffer.
 */
export async function measureRawInference(detector: PersonDetector, frames = 20): Promise<RawInferenceResult> {
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`frames must be a positive integer (got ${frames})`);
  await detector.inferOnce();
  let sum = 0;
  let minMs = Infinity;
  let maxMs = 0;
  for (let i = 0; i < frames; i++) {
    const ms = await detector.inferOnce();
    sum += ms;
    minMs = Math.min(minMs, ms);
    maxMs = Math.max(maxMs, ms);
  }
  return { msPerFrame: sum / frames, frames, minMs, maxMs };
}
