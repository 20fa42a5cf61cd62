/**
 * The evidence level (setting `storage.evidence`, `count --evidence`): how much per-frame detail
 * of a counting run reaches the database. It sits between the frame's rows (buildFrameRows) and
 * the ResultWriter, on the one frame path.
 *
 * - Every level stores every frame's model_inference_results row (with its confidence scores and
 *   the number of detections) and every counting event, with the counted track's full path in
 *   counting_results.path_trajectory. Hourly aggregates (counting_hourly) follow the events.
 * - `full`: every frame's detection_results and tracking_results rows.
 * - `events`: the detection and tracking rows of each counted track on the frames around its
 *   event (`eventFrames` before and after), and for monitoring (drift, audits) one sampled frame
 *   per `sampleEveryS` seconds whose boxes go into that frame's inference_results as the compact
 *   `boxes` array the model produced (null in place of a box that is also a detection row).
 * - `summary`: no detection or tracking rows; events keep their path but not a detection_id.
 * - Below `full`, input_metadata carries the frame size only on the sampled frames (once a
 *   second; it is the run's, not the frame's) and the frame's time in the source on every frame.
 *
 * The frames around an event include frames before it, so the filter holds the last
 * `eventFrames` frames' rows back until it knows — at most `maxHoldMs` of wall time; flush()
 * releases them (end of a run, camera stop), after which frames pass straight through.
 */
import type { EvidenceLevel } from '../../shared/enums';
import type { JsonValue } from './json-column';
import type { CountingRow, DetectionRow, FrameResult, TrackingRow } from './result-rows';

export interface EvidenceFilterOptions {
  level: EvidenceLevel;
  /** Where the chosen rows go (the ResultWriter's enqueue). */
  sink: (frame: FrameResult) => void;
  /** Frames kept before and after each counting event at the `events` level (default 1). */
  eventFrames?: number;
  /** Seconds between the sampled frames of the `events` level (default 1). */
  sampleEveryS?: number;
  /**
   * Wall-clock bound on holding frames back (default 1000 ms): a camera that stalls right after
   * a crossing must not keep that count off the dashboard until its next frame.
   */
  maxHoldMs?: number;
}

interface HeldFrame {
  frame: FrameResult;
  sampled: boolean;
  /** Tracks whose rows this frame keeps (events level). */
  keep: Set<string>;
}

/**
 * The crossing frame with the one before and the one after: the two positions that make the
 * crossing and the confirmation. Each further frame costs ~10 % of the `events` budget at 5 fps.
 */
export const DEFAULT_EVENT_FRAMES = 1;
export const DEFAULT_SAMPLE_EVERY_S = 1;
export const DEFAULT_MAX_HOLD_MS = 1000;

export class EvidenceFilter {
  private readonly held: HeldFrame[] = [];
  /** Counted tracks and how many more frames keep their rows. */
  private readonly after = new Map<string, number>();
  private readonly eventFrames: number;
  private readonly sampleEveryS: number;
  private nextSampleS = Number.NEGATIVE_INFINITY;
  private passThrough = false;
  private holdTimer: NodeJS.Timeout | null = null;

  constructor(private readonly o: EvidenceFilterOptions) {
    this.eventFrames = o.eventFrames ?? DEFAULT_EVENT_FRAMES;
    this.sampleEveryS = o.sampleEveryS ?? DEFAULT_SAMPLE_EVERY_S;
    if (!Number.isInteger(this.eventFrames) || this.eventFrames < 0) throw new RangeError(`eventFrames must be a whole number >= 0, got ${this.eventFrames}`);
    if (!(this.sampleEveryS > 0)) throw new RangeError(`sampleEveryS must be > 0, got ${this.sampleEveryS}`);
  }

  get level(): EvidenceLevel {
    return this.o.level;
  }

  /** Frames waiting for the frames after them. */
  get heldFrames(): number {
    return this.held.length;
  }

  /** One processed frame's rows, in frame order; `timeS` is its time in the source. */
  /**
   * Whether the frame at `timeS` will be a sampled one (the first of its second), without
   * changing anything: the frame loop measures the picture (brightness, sharpness) only then.
   */
  wouldSample(timeS: number): boolean {
    return timeS >= this.nextSampleS || timeS < this.nextSampleS - this.sampleEveryS;
  }

  push(frame: FrameResult, timeS: number): void {
    // A source restarted from 0 (or a clock step back) starts sampling afresh.
    if (timeS < this.nextSampleS - this.sampleEveryS) this.nextSampleS = Number.NEGATIVE_INFINITY;
    const sampled = timeS >= this.nextSampleS;
    if (sampled) this.nextSampleS = (Math.floor(timeS / this.sampleEveryS) + 1) * this.sampleEveryS;
    if (this.o.level === 'full') {
      this.o.sink(leanFrame(frame, null, { boxes: false, metadata: true }));
      return;
    }
    const eventTracks = new Set<string>();
    for (const c of frame.counts) if (c.trackId) eventTracks.add(c.trackId);
    const keep = new Set(eventTracks);
    for (const [track, left] of this.after) {
      keep.add(track);
      if (left <= 1) this.after.delete(track);
      else this.after.set(track, left - 1);
    }
    for (const track of eventTracks) {
      if (this.eventFrames > 0) this.after.set(track, this.eventFrames);
      for (const h of this.held) h.keep.add(track);
    }
    this.held.push({ frame, sampled, keep });
    const holdBack = this.passThrough ? 0 : this.eventFrames;
    while (this.held.length > holdBack) this.emit(this.held.shift()!);
    this.armHoldTimer();
  }

  /** Releases every held frame; frames pushed afterwards (one still in flight) pass at once. */
  flush(): void {
    this.passThrough = true;
    this.release();
  }

  /** Releases the held frames now but keeps holding later ones (a source that paused). */
  release(): void {
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
    while (this.held.length > 0) this.emit(this.held.shift()!);
  }

  /** Fires only when no frame came for maxHoldMs: while frames flow, the window decides. */
  private armHoldTimer(): void {
    if (this.held.length === 0) return;
    if (this.holdTimer) {
      this.holdTimer.refresh();
      return;
    }
    this.holdTimer = setTimeout(() => {
      this.holdTimer = null;
      this.release();
    }, this.o.maxHoldMs ?? DEFAULT_MAX_HOLD_MS);
    this.holdTimer.unref();
  }

  private emit(h: HeldFrame): void {
    if (this.o.level === 'summary') this.o.sink(leanFrame(h.frame, new Set(), { boxes: false, metadata: h.sampled }));
    else this.o.sink(leanFrame(h.frame, h.keep, { boxes: h.sampled, metadata: h.sampled }));
  }
}

/**
 * The frame's rows with detail only for the tracks in `keep` (null: everything). `sampled.boxes`:
 * the frame's boxes stay as the compact array in inference_results — where a box is also a
 * detection row (an event on a sampled frame), its place in the array holds null, so no box is
 * stored twice and the array still lines up with confidence_scores. `sampled.metadata`: the whole
 * input_metadata (the source's and the model's frame size, the same on every frame of a run) —
 * else only the frame's time in the source.
 */
function leanFrame(frame: FrameResult, keep: ReadonlySet<string> | null, sampled: { boxes: boolean; metadata: boolean }): FrameResult {
  const tracks: TrackingRow[] = keep === null ? frame.tracks : frame.tracks.filter((t) => keep.has(t.trackId));
  let detections: DetectionRow[];
  if (keep === null) detections = frame.detections;
  else {
    const wanted = new Set<string>();
    for (const t of tracks) if (t.detectionId) wanted.add(t.detectionId);
    detections = frame.detections.filter((d) => wanted.has(d.detectionId));
  }
  const stored = new Set(detections.map((d) => d.detectionId));
  const counts: CountingRow[] = frame.counts.map((c) => (c.detectionId && !stored.has(c.detectionId) ? { ...c, detectionId: null } : c));
  // frame.detections and the boxes array are in the same order (buildFrameRows).
  const asRows = sampled.boxes && keep !== null ? frame.detections.map((d) => stored.has(d.detectionId)) : null;
  return {
    inference: {
      ...frame.inference,
      inferenceResults: leanResults(frame.inference.inferenceResults, asRows),
      inputMetadata: sampled.metadata ? frame.inference.inputMetadata : leanMetadata(frame.inference.inputMetadata),
    },
    detections,
    tracks,
    counts,
  };
}

function leanMetadata(metadata: JsonValue | null | undefined): JsonValue | null {
  if (metadata === null || metadata === undefined || typeof metadata !== 'object' || Array.isArray(metadata)) return metadata ?? null;
  return 'timeS' in metadata ? { timeS: metadata['timeS'] ?? null } : metadata;
}

/** `asRows`: null drops the boxes (they are rows, or not kept); else the array, rows as null. */
function leanResults(results: JsonValue, asRows: boolean[] | null): JsonValue {
  if (results === null || typeof results !== 'object' || Array.isArray(results)) return results;
  const boxes = results['boxes'];
  if (!Array.isArray(boxes)) return results;
  if (asRows === null) return { detections: boxes.length };
  return { detections: boxes.length, boxes: boxes.map((b, i) => (asRows[i] ? null : b)) };
}
