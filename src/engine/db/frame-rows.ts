/**
 * Turns one processed frame (FrameProcessor's outcome) into the seed's rows: one
 * model_inference_results row, its detection_results, tracking_results and counting_results.
 * Ids are `<run>:<frame>` based, so several runs in one database never collide and a re-run
 * appends rather than overwrites.
 *
 * Each fact is stored once (issue 11 measured ~10 KB per frame before, 70 % of it the last 16
 * trajectory points repeated on every tracking row):
 * - a track's path is its tracking rows' positions, and the whole path is stored with each of its
 *   counting events (path_trajectory); tracking_results.trajectory_points stays NULL;
 * - the boxes travel in inference_results only until the evidence filter decides where they go
 *   (detection rows, or the compact array on a sampled frame — never both);
 * - detection_quality (it was the confidence again) and object_attributes.trackId (the tracking
 *   row links track and detection) are not repeated; the frame index lives in its own column.
 */
import type { FrameOutcome } from '../pipeline/frame-processor';
import { xyxyToXywh } from '../vision/box';
import type { CountingRow, DetectionRow, FrameResult, TrackingRow } from './result-rows';

/** Detections below this confidence are tracked but not stored, unless they belong to a track. */
export const DEFAULT_STORE_THRESHOLD = 0.25;

export interface FrameRowContext {
  /** Unique per run. */
  runId: string;
  cameraId: string | null;
  /** Wall-clock time of this frame (input_timestamp). */
  frameTime: Date;
  classNames: readonly string[];
  source: { width: number; height: number };
  /** The frame as the model saw it. */
  modelInput: { width: number; height: number };
  /** The seed's input_data_hash (frameFingerprint of the frame). */
  inputDataHash: string;
  /** Resident memory of the process, sampled by the caller. */
  memoryUsageMb: number | null;
  storeThreshold?: number;
  lines: ReadonlyArray<{ id: number | null }>;
  zones: ReadonlyArray<{ id: number | null; name: string }>;
}

export function inferenceIdOf(runId: string, frameIndex: number): string {
  return `${runId}:${frameIndex}`;
}

export function buildFrameRows(outcome: FrameOutcome, c: FrameRowContext): FrameResult {
  const tracked = outcome.detections;
  const inferenceId = inferenceIdOf(c.runId, outcome.frameIndex);
  const storeThreshold = c.storeThreshold ?? DEFAULT_STORE_THRESHOLD;
  const detections: DetectionRow[] = [];
  const detectionIdOf = new Map<number, string>();
  const boxes: number[][] = [];
  const scores: number[] = [];
  let confSum = 0;
  for (let i = 0; i < tracked.length; i++) {
    const conf = tracked.confidence[i]!;
    const tid = tracked.trackerId?.[i] ?? -1;
    if (conf < storeThreshold && tid < 0) continue;
    const [x, y, w, h] = xyxyToXywh(tracked.xyxy, i);
    const detectionId = `${inferenceId}:d${i}`;
    detectionIdOf.set(i, detectionId);
    const cls = tracked.classId[i]!;
    detections.push({
      detectionId,
      objectClass: c.classNames[cls] ?? (cls === 0 ? 'person' : `class_${cls}`),
      confidenceScore: round2(conf),
      bboxX: x,
      bboxY: y,
      bboxWidth: w,
      bboxHeight: h,
    });
    // The confidence is in confidence_scores, at the same index: not repeated here.
    boxes.push([Math.round(x), Math.round(y), Math.round(w), Math.round(h), cls, tid]);
    scores.push(round2(conf));
    confSum += conf;
  }
  const trackRows: TrackingRow[] = [];
  for (const t of outcome.tracks) {
    if (t.detectionIndex < 0) continue;
    trackRows.push({
      trackId: String(t.id),
      detectionId: detectionIdOf.get(t.detectionIndex) ?? null,
      trackingConfidence: round2(t.confidence),
      positionX: t.anchor[0],
      positionY: t.anchor[1],
      // Whole pixels per second: finer means nothing at camera resolution, and SQLite stores an
      // integral REAL in 1–2 bytes instead of 8.
      velocityX: Math.round(t.velocityX),
      velocityY: Math.round(t.velocityY),
      speed: Math.round(t.speed),
      trackingStatus: 'active',
      trackAgeFrames: t.ageFrames,
    });
  }
  const trackById = new Map(outcome.tracks.map((t) => [t.id, t]));
  const inferMs = Math.round(outcome.ms.infer);
  const counts: CountingRow[] = outcome.crossings.map((x, n) => {
    const track = trackById.get(x.track);
    return {
      countingEventId: `${inferenceId}:c${n}`,
      eventType: 'cross_line',
      direction: x.direction,
      trackId: String(x.track),
      detectionId: track && track.detectionIndex >= 0 ? (detectionIdOf.get(track.detectionIndex) ?? null) : null,
      entryPoint: { x: Math.round(x.previousAnchor[0]), y: Math.round(x.previousAnchor[1]) },
      exitPoint: { x: Math.round(x.anchor[0]), y: Math.round(x.anchor[1]) },
      pathTrajectory: track ? track.trajectory.map((p) => [Math.round(p.x), Math.round(p.y), p.frameIndex]) : null,
      currentCountIn: x.totals.in,
      currentCountOut: x.totals.out,
      currentTotal: x.totals.in + x.totals.out,
      eventConfidence: round2(x.confidence),
      processingTimeMs: inferMs,
      lineId: c.lines[x.lineIndex]?.id ?? null,
    };
  });
  outcome.zoneEvents.forEach((z, n) => {
    const zone = c.zones[z.zoneIndex];
    counts.push({
      countingEventId: `${inferenceId}:z${n}`,
      eventType: z.kind,
      direction: z.kind === 'entry' ? 'in' : 'out',
      trackId: String(z.trackId),
      entryPoint: { zone: zone?.name ?? `zone${z.zoneIndex}`, zoneId: zone?.id ?? null },
      currentTotal: z.occupancy,
    });
  });
  return {
    inference: {
      inferenceId,
      modelId: outcome.model.modelId,
      modelVersion: outcome.model.versionNumber,
      inputDataHash: c.inputDataHash,
      inputMetadata: {
        width: c.source.width,
        height: c.source.height,
        modelInput: [c.modelInput.width, c.modelInput.height],
        timeS: outcome.timeS,
      },
      inputTimestamp: c.frameTime.toISOString(),
      // Rows are dated by their frame, so an imported recording lands on the dashboard at the
      // hours it was filmed (its children take this time too).
      createdAt: c.frameTime.toISOString(),
      inferenceResults: { boxes },
      confidenceScores: scores,
      processingTimeMs: inferMs,
      resultQualityScore: scores.length > 0 ? round2(confSum / scores.length) : null,
      resultValidationStatus: 'valid',
      memoryUsageMb: c.memoryUsageMb,
      batchSize: 1,
      cameraId: c.cameraId,
      frameIndex: outcome.frameIndex,
    },
    detections,
    tracks: trackRows,
    counts,
  };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
