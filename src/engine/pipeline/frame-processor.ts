/**
 * The pure heart of the frame path: detect → map boxes to source pixels → track → count on lines
 * and zones. No I/O and no clock of its own: capture, storage, memory sampling and live events
 * belong to FrameLoop, which calls process() once per frame. Pure code (lint-enforced), so it is
 * deterministic and testable with any FrameDetector.
 */
import { LineZone, type CrossingEvent, type LineCounterOptions } from '../counting/line-zone';
import { PolygonZone } from '../counting/polygon-zone';
import { mapDetectionsToSource } from '../inference/map-to-source';
import { letterboxParams, type LetterboxParams } from '../inference/preprocess';
import { ByteTracker, type ByteTrackerOptions } from '../tracking/byte-tracker';
import type { TrackSnapshot } from '../tracking/track';
import type { Detections, RgbFrame } from '../vision/detections';
import type { FrameDetector } from '../vision/frame-detector';
import type { CrossingDirection, ZoneEventType } from '../../shared/enums';

export interface LineSpec {
  /** Database id of the counting line, null for an ad-hoc line (CLI `count --line`). */
  id: number | null;
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface ZoneSpec {
  id: number | null;
  name: string;
  polygon: ReadonlyArray<readonly [number, number]>;
}

/** The registered model version whose results these are. */
export interface ModelRef {
  modelId: string;
  versionNumber: string;
}

export interface FrameProcessorOptions {
  sourceWidth: number;
  sourceHeight: number;
  /** Frames processed per second (tracker velocities and lost-track buffer scale with it). */
  fps: number;
  lines: LineSpec[];
  zones?: ZoneSpec[];
  detector: FrameDetector;
  model: ModelRef;
  tracker?: ByteTrackerOptions;
  /** Line-counter tuning (hysteresis, memory), the same for every line of this camera. */
  lineCounter?: LineCounterOptions;
  /** Running counts to start from, per line index (a restarted camera resumes its totals). */
  initialCounts?: ReadonlyArray<{ in: number; out: number }>;
  /**
   * Size of the frames process() is given, when it is not this detector's input: a shadow model
   * runs on the frames captured for the production model (the detector letterboxes them itself
   * and returns boxes in the frame's pixels, mapped back to the source from this size).
   */
  frameSize?: { width: number; height: number };
}

/** A line crossing as the contract, the CLI and the live view see it. */
export interface CountEvent {
  direction: CrossingDirection;
  track: number;
  frame: number;
  time_s: number;
  line: string;
  lineId: number | null;
}

/** A crossing with what its stored row needs: the anchors, the line and the totals after it. */
export interface CrossingOutcome extends CountEvent {
  lineIndex: number;
  previousAnchor: readonly [number, number];
  anchor: readonly [number, number];
  confidence: number;
  totals: { in: number; out: number };
}

export interface ZoneEventOutcome {
  kind: ZoneEventType;
  trackId: number;
  zoneIndex: number;
  /** The zone's occupancy after this frame. */
  occupancy: number;
}

export interface FrameOutcome {
  frameIndex: number;
  timeS: number;
  /** The model that processed this frame (a hot swap changes it between two frames). */
  model: ModelRef;
  /** Every detection, in source pixels, with trackerId set for confirmed tracks. */
  detections: Detections;
  tracks: TrackSnapshot[];
  crossings: CrossingOutcome[];
  zoneEvents: ZoneEventOutcome[];
  occupancy: number | null;
  ms: { detect: number; infer: number; track: number; total: number };
}

export interface SwapDone {
  /** The detector that ran until the swap; its owner disposes of it. */
  previous: FrameDetector;
  previousModel: ModelRef;
  /** Index of the first frame the new detector processed. */
  atFrame: number;
}

/** A swap dropped before its frame came (the loop stopped, or a later swap replaced it). */
export class SwapCancelled extends Error {
  constructor(reason: string) {
    super(`swap cancelled: ${reason}`);
    this.name = 'SwapCancelled';
  }
}

interface PendingSwap {
  detector: FrameDetector;
  model: ModelRef;
  done: (d: SwapDone) => void;
  fail: (err: Error) => void;
}

/** Points of a track's path the frame path keeps (a longer path keeps its newest points). */
export const PATH_POINTS_KEPT = 1024;

export class FrameProcessor {
  private detector: FrameDetector;
  private model: ModelRef;
  private pendingSwap: PendingSwap | null = null;
  private readonly tracker: ByteTracker;
  private readonly lineZones: LineZone[];
  private readonly polygonZones: PolygonZone[];
  private readonly offsets: Array<{ in: number; out: number }>;
  /** LineZone id (what crossing events carry) → index into o.lines. */
  private readonly lineIndexOf: Map<string, number>;
  private readonly letterbox: LetterboxParams;
  private frames = 0;

  constructor(private readonly o: FrameProcessorOptions) {
    this.detector = o.detector;
    this.model = o.model;
    // Each counting event stores its track's whole path (counting_results.path_trajectory), so
    // the tracker keeps more than its default 64 points: 1024 are 3.4 minutes at 5 fps.
    this.tracker = new ByteTracker({ trajectoryLength: PATH_POINTS_KEPT, ...o.tracker, fps: o.fps });
    this.lineZones = o.lines.map((l, i) => new LineZone({ ...o.lineCounter, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, id: lineKey(l, i), classes: [0] }));
    this.lineIndexOf = new Map(o.lines.map((l, i) => [lineKey(l, i), i]));
    this.polygonZones = (o.zones ?? []).map(
      (z, i) => new PolygonZone({ points: z.polygon.map(([x, y]) => [x, y] as [number, number]), id: String(z.id ?? `zone${i}`), classes: [0] }),
    );
    this.offsets = o.lines.map((_, i) => ({ in: o.initialCounts?.[i]?.in ?? 0, out: o.initialCounts?.[i]?.out ?? 0 }));
    const frame = o.frameSize ?? { width: o.detector.info.inputWidth, height: o.detector.info.inputHeight };
    this.letterbox = letterboxParams(o.sourceWidth, o.sourceHeight, frame.width, frame.height);
  }

  /** Size the capture must deliver: the model's input, already letterboxed by ffmpeg. */
  get inputSize(): { width: number; height: number } {
    return { width: this.detector.info.inputWidth, height: this.detector.info.inputHeight };
  }

  get sourceSize(): { width: number; height: number } {
    return { width: this.o.sourceWidth, height: this.o.sourceHeight };
  }

  get currentModel(): ModelRef {
    return this.model;
  }

  get currentDetector(): FrameDetector {
    return this.detector;
  }

  get processedFrames(): number {
    return this.frames;
  }

  get lines(): readonly LineSpec[] {
    return this.o.lines;
  }

  get zones(): readonly ZoneSpec[] {
    return this.o.zones ?? [];
  }

  /**
   * Switches to another detector at the next frame boundary: the frame in flight finishes on the
   * old one, the next starts on the new one. The new detector must be loaded and warm and take
   * the same input size (capture delivers frames of that size). A second call before the switch
   * replaces the first, whose promise then rejects.
   */
  swapDetector(detector: FrameDetector, model: ModelRef): Promise<SwapDone> {
    const a = detector.info;
    const b = this.detector.info;
    if (a.inputWidth !== b.inputWidth || a.inputHeight !== b.inputHeight) {
      return Promise.reject(new Error(`new model input ${a.inputWidth}x${a.inputHeight} differs from the running ${b.inputWidth}x${b.inputHeight}`));
    }
    return new Promise((resolve, reject) => {
      this.cancelSwap('superseded by a later swap');
      this.pendingSwap = { detector, model, done: resolve, fail: reject };
    });
  }

  /** Drops a swap that has not happened yet (the loop stopped first); its promise rejects. */
  cancelSwap(reason: string): void {
    const pending = this.pendingSwap;
    this.pendingSwap = null;
    pending?.fail(new SwapCancelled(reason));
  }

  /** Running totals per line, including the counts resumed from storage. */
  lineCounts(): Array<{ name: string; lineId: number | null; in: number; out: number }> {
    return this.lineZones.map((z, i) => {
      const c = z.counts();
      const off = this.offsets[i]!;
      return { name: this.o.lines[i]!.name, lineId: this.o.lines[i]!.id, in: c.in + off.in, out: c.out + off.out };
    });
  }

  occupancy(): number | null {
    return this.polygonZones.length === 0 ? null : this.polygonZones.reduce((s, z) => s + z.occupancy, 0);
  }

  async process(frame: RgbFrame): Promise<FrameOutcome> {
    this.applyPendingSwap(frame.index);
    const t0 = performance.now();
    const model = this.model;
    const { detections, ms } = await this.detector.detect(frame);
    const t1 = performance.now();
    mapDetectionsToSource(detections, this.letterbox);
    const tracked = this.tracker.update(detections, frame.index, frame.timeS);
    const tracks = this.tracker.activeTracks();
    const raw: CrossingEvent[] = [];
    for (const z of this.lineZones) {
      for (const e of z.trigger(tracked, frame.index, frame.timeS).events) raw.push(e);
    }
    const zoneEvents: ZoneEventOutcome[] = [];
    this.polygonZones.forEach((z, zoneIndex) => {
      const r = z.trigger(tracked, frame.index, frame.timeS);
      for (const trackId of r.entered) zoneEvents.push({ kind: 'entry', trackId, zoneIndex, occupancy: z.occupancy });
      for (const trackId of r.exited) zoneEvents.push({ kind: 'exit', trackId, zoneIndex, occupancy: z.occupancy });
    });
    const t2 = performance.now();
    this.frames++;
    const totals = raw.length > 0 ? this.lineCounts() : [];
    const crossings = raw.map((c): CrossingOutcome => {
      const lineIndex = this.lineIndexOf.get(c.lineId) ?? 0;
      const line = this.o.lines[lineIndex]!;
      const t = totals[lineIndex]!;
      return {
        direction: c.direction,
        track: c.trackId,
        frame: frame.index,
        time_s: Math.round(frame.timeS * 1000) / 1000,
        line: line.name,
        lineId: line.id,
        lineIndex,
        previousAnchor: c.previousAnchor,
        anchor: c.anchor,
        confidence: c.confidence,
        totals: { in: t.in, out: t.out },
      };
    });
    return {
      frameIndex: frame.index,
      timeS: frame.timeS,
      model,
      detections: tracked,
      tracks,
      crossings,
      zoneEvents,
      occupancy: this.occupancy(),
      ms: { detect: t1 - t0, infer: ms.infer, track: t2 - t1, total: performance.now() - t0 },
    };
  }

  private applyPendingSwap(frameIndex: number): void {
    const swap = this.pendingSwap;
    if (!swap) return;
    this.pendingSwap = null;
    const previous = this.detector;
    const previousModel = this.model;
    this.detector = swap.detector;
    this.model = swap.model;
    swap.done({ previous, previousModel, atFrame: frameIndex });
  }
}

function lineKey(line: LineSpec, index: number): string {
  return String(line.id ?? `line${index}`);
}
