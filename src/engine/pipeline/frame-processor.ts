import type { CountingRow, DetectionRow, FrameResult, TrackingRow } from '../db/result-rows';
import type { ResultWriter } from '../db/result-writer';
import { LineZone, type CrossingEvent } from '../counting/line-zone';
import { PolygonZone } from '../counting/polygon-zone';
import type { PersonDetector } from '../inference/person-detector';
import { letterboxParams, type LetterboxParams } from '../inference/preprocess';
import { ByteTracker, type ByteTrackerOptions } from '../tracking/byte-tracker';
import type { TrackSnapshot } from '../tracking/track';
import type { Detections, RgbFrame } from '../vision/detections';
import { frameFingerprint } from './frame-fingerprint';
import { mapDetectionsToSource } from '../inference/map-to-source';

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

export interface ModelRef {
  modelId: string;
  versionNumber: string;
}

export interface FrameProcessorOptions {
  cameraId: string | null;
  /** Unique per run, so ids of several runs in one database never collide. */
  runId: string;
  sourceWidth: number;
  sourceHeight: number;
  /** Frames processed per second (tracker velocities and lost-track buffer scale with it). */
  fps: number;
  lines: LineSpec[];
  zones?: ZoneSpec[];
  detector: PersonDetector;
  model: ModelRef;
  writer: ResultWriter | null;
  /** Wall-clock time of frame 0 (recordings); live sources stamp frames with the current time. */
  startedAt: Date;
  live: boolean;
  tracker?: ByteTrackerOptions;
  /** Running counts to start from, per line index (a restarted camera resumes its totals). */
  initialCounts?: Array<{ in: number; out: number }>;
  /** Detections below this confidence are tracked but not stored. Default 0.25. */
  storeThreshold?: number;
}

export interface CountEvent {
  direction: 'in' | 'out';
  track: number;
  frame: number;
  time_s: number;
  line: string;
  lineId: number | null;
  countingEventId: string;
}

export interface FrameOutcome {
  frameIndex: number;
  detections: Detections;
  tracks: TrackSnapshot[];
  events: CountEvent[];
  zoneEntries: number;
  zoneExits: number;
  occupancy: number | null;
  ms: { detect: number; infer: number; track: number; total: number };
}

const TRACK_POINTS_STORED = 16;
const PERSON_CLASS_NAMES = ['person'];

/**
 * One camera's (or recording's) per-frame work after capture: detect → map boxes to source pixels
 * → track → count on lines and zones → build the seed's rows and hand them to the batched writer.
 * The detector can be swapped between two frames (hot swap) without touching tracker or counters.
 */
export class FrameProcessor {
  private detector: PersonDetector;
  private model: ModelRef;
  private pendingSwap: { detector: PersonDetector; model: ModelRef; done: (old: PersonDetector) => void } | null = null;
  private readonly tracker: ByteTracker;
  private readonly lineZones: LineZone[];
  private readonly polygonZones: PolygonZone[];
  private readonly offsets: Array<{ in: number; out: number }>;
  /** LineZone id (what crossing events carry) → index into o.lines. */
  private readonly lineIndexOf: Map<string, number>;
  private letterbox: LetterboxParams;
  private frames = 0;
  private rssMb = 0;

  constructor(private readonly o: FrameProcessorOptions) {
    this.detector = o.detector;
    this.model = o.model;
    this.tracker = new ByteTracker({ ...o.tracker, fps: o.fps });
    this.lineZones = o.lines.map((l, i) => new LineZone({ x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2, id: lineKey(l, i), classes: [0] }));
    this.lineIndexOf = new Map(o.lines.map((l, i) => [lineKey(l, i), i]));
    this.polygonZones = (o.zones ?? []).map(
      (z, i) => new PolygonZone({ points: z.polygon.map(([x, y]) => [x, y] as [number, number]), id: String(z.id ?? `zone${i}`), classes: [0] }),
    );
    this.offsets = o.lines.map((_, i) => ({ in: o.initialCounts?.[i]?.in ?? 0, out: o.initialCounts?.[i]?.out ?? 0 }));
    this.letterbox = letterboxParams(o.sourceWidth, o.sourceHeight, o.detector.info.inputWidth, o.detector.info.inputHeight);
  }

  /** Size the capture must deliver: the model's input, already letterboxed by ffmpeg. */
  get inputSize(): { width: number; height: number } {
    return { width: this.detector.info.inputWidth, height: this.detector.info.inputHeight };
  }

  get currentModel(): ModelRef {
    return this.model;
  }

  get processedFrames(): number {
    return this.frames;
  }

  /**
   * Queues a detector swap for the next frame boundary. The new detector must be loaded and warm;
   * `done` receives the old one to dispose of once no frame uses it.
   */
  swapDetector(detector: PersonDetector, model: ModelRef): Promise<PersonDetector> {
    if (detector.info.inputWidth !== this.detector.info.inputWidth || detector.info.inputHeight !== this.detector.info.inputHeight) {
      // Capture delivers frames of the old model's size; a different input size needs a capture restart.
      return Promise.reject(new Error(`new model input ${detector.info.inputWidth}x${detector.info.inputHeight} differs from the running ${this.detector.info.inputWidth}x${this.detector.info.inputHeight}`));
    }
    return new Promise((resolve) => {
      this.pendingSwap = { detector, model, done: resolve };
    });
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
    if (this.pendingSwap) {
      const swap = this.pendingSwap;
      this.pendingSwap = null;
      const old = this.detector;
      this.detector = swap.detector;
      this.model = swap.model;
      this.letterbox = letterboxParams(this.o.sourceWidth, this.o.sourceHeight, swap.detector.info.inputWidth, swap.detector.info.inputHeight);
      swap.done(old);
    }
    const t0 = performance.now();
    const model = this.model;
    const { detections, ms } = await this.detector.detect(frame);
    const t1 = performance.now();
    mapDetectionsToSource(detections, this.letterbox);
    const tracked = this.tracker.update(detections, frame.index, frame.timeS);
    const tracks = this.tracker.activeTracks();
    const crossings: CrossingEvent[] = [];
    for (const z of this.lineZones) {
      for (const e of z.trigger(tracked, frame.index, frame.timeS).events) crossings.push(e);
    }
    let zoneEntries = 0;
    let zoneExits = 0;
    const zoneEvents: Array<{ kind: 'entry' | 'exit'; trackId: number; zone: number }> = [];
    this.polygonZones.forEach((z, zi) => {
      const r = z.trigger(tracked, frame.index, frame.timeS);
      zoneEntries += r.entered.length;
      zoneExits += r.exited.length;
      for (const t of r.entered) zoneEvents.push({ kind: 'entry', trackId: t, zone: zi });
      for (const t of r.exited) zoneEvents.push({ kind: 'exit', trackId: t, zone: zi });
    });
    const t2 = performance.now();
    this.frames++;

    const frameTime = this.o.live ? new Date() : new Date(this.o.startedAt.getTime() + frame.timeS * 1000);
    const inferenceId = `${this.o.runId}:${frame.index}`;
    const events: CountEvent[] = crossings.map((c, n) => {
      const li = this.lineIndexOf.get(c.lineId) ?? 0;
      return {
        direction: c.direction,
        track: c.trackId,
        frame: frame.index,
        time_s: Math.round(frame.timeS * 1000) / 1000,
        line: this.o.lines[li]!.name,
        lineId: this.o.lines[li]!.id,
        countingEventId: `${inferenceId}:c${n}`,
      };
    });
    if (this.o.writer) {
      this.o.writer.enqueue(
        this.buildRows({ frame, frameTime, inferenceId, tracked, tracks, crossings, events, zoneEvents, inferMs: ms.total, model }),
      );
    }
    const total = performance.now() - t0;
    return {
      frameIndex: frame.index,
      detections: tracked,
      tracks,
      events,
      zoneEntries,
      zoneExits,
      occupancy: this.occupancy(),
      ms: { detect: t1 - t0, infer: ms.infer, track: t2 - t1, total },
    };
  }

  private buildRows(a: {
    frame: RgbFrame;
    frameTime: Date;
    inferenceId: string;
    tracked: Detections;
    tracks: TrackSnapshot[];
    crossings: CrossingEvent[];
    events: CountEvent[];
    zoneEvents: Array<{ kind: 'entry' | 'exit'; trackId: number; zone: number }>;
    inferMs: number;
    model: ModelRef;
  }): FrameResult {
    const { frame, tracked, inferenceId } = a;
    const iso = a.frameTime.toISOString();
    const storeThreshold = this.o.storeThreshold ?? 0.25;
    const detections: DetectionRow[] = [];
    const detectionIdOf = new Map<number, string>();
    const boxes: number[][] = [];
    const scores: number[] = [];
    let confSum = 0;
    for (let i = 0; i < tracked.length; i++) {
      const conf = tracked.confidence[i]!;
      const tid = tracked.trackerId?.[i] ?? -1;
      if (conf < storeThreshold && tid < 0) continue;
      const o = i * 4;
      const x = tracked.xyxy[o]!;
      const y = tracked.xyxy[o + 1]!;
      const w = tracked.xyxy[o + 2]! - x;
      const h = tracked.xyxy[o + 3]! - y;
      const detectionId = `${inferenceId}:d${i}`;
      detectionIdOf.set(i, detectionId);
      const cls = tracked.classId[i]!;
      detections.push({
        detectionId,
        objectClass: this.className(cls),
        confidenceScore: round2(conf),
        bboxX: x,
        bboxY: y,
        bboxWidth: w,
        bboxHeight: h,
        objectAttributes: tid >= 0 ? { trackId: tid } : null,
        detectionQuality: round2(conf),
      });
      boxes.push([Math.round(x), Math.round(y), Math.round(w), Math.round(h), round2(conf), cls, tid]);
      scores.push(round2(conf));
      confSum += conf;
    }
    const trackRows: TrackingRow[] = [];
    for (const t of a.tracks) {
      if (t.detectionIndex < 0) continue;
      trackRows.push({
        trackId: String(t.id),
        detectionId: detectionIdOf.get(t.detectionIndex) ?? null,
        trackingConfidence: round2(t.confidence),
        positionX: t.anchor[0],
        positionY: t.anchor[1],
        velocityX: round2(t.velocityX),
        velocityY: round2(t.velocityY),
        speed: round2(t.speed),
        trackingStatus: 'active',
        trackAgeFrames: t.ageFrames,
        trajectoryPoints: t.trajectory.slice(-TRACK_POINTS_STORED).map((p) => ({
          x: Math.round(p.x),
          y: Math.round(p.y),
          timestamp: new Date(this.o.startedAt.getTime() + p.timeS * 1000).toISOString(),
        })),
      });
    }
    const trackById = new Map(a.tracks.map((t) => [t.id, t]));
    const lineTotals = a.crossings.length > 0 ? this.lineCounts() : [];
    const counts: CountingRow[] = a.crossings.map((c, n) => {
      const li = this.lineIndexOf.get(c.lineId) ?? 0;
      const totals = lineTotals[li]!;
      const track = trackById.get(c.trackId);
      return {
        countingEventId: a.events[n]!.countingEventId,
        eventType: 'cross_line',
        direction: c.direction,
        trackId: String(c.trackId),
        detectionId: track && track.detectionIndex >= 0 ? (detectionIdOf.get(track.detectionIndex) ?? null) : null,
        entryPoint: { x: Math.round(c.previousAnchor[0]), y: Math.round(c.previousAnchor[1]) },
        exitPoint: { x: Math.round(c.anchor[0]), y: Math.round(c.anchor[1]) },
        pathTrajectory: track ? track.trajectory.map((p) => [Math.round(p.x), Math.round(p.y), p.frameIndex]) : null,
        currentCountIn: totals.in,
        currentCountOut: totals.out,
        currentTotal: totals.in + totals.out,
        eventConfidence: round2(c.confidence),
        processingTimeMs: Math.round(a.inferMs),
        lineId: this.o.lines[li]!.id,
      };
    });
    a.zoneEvents.forEach((z, n) => {
      counts.push({
        countingEventId: `${inferenceId}:z${n}`,
        eventType: z.kind,
        direction: z.kind === 'entry' ? 'in' : 'out',
        trackId: String(z.trackId),
        entryPoint: { zone: this.o.zones?.[z.zone]?.name ?? `zone${z.zone}`, zoneId: this.o.zones?.[z.zone]?.id ?? null },
        currentTotal: this.polygonZones[z.zone]?.occupancy ?? null,
      });
    });
    return {
      inference: {
        inferenceId,
        modelId: a.model.modelId,
        modelVersion: a.model.versionNumber,
        inputDataHash: frameFingerprint(frame),
        inputMetadata: { width: this.o.sourceWidth, height: this.o.sourceHeight, modelInput: [frame.width, frame.height], frameIndex: frame.index, timeS: frame.timeS },
        inputTimestamp: iso,
        inferenceResults: { boxes },
        confidenceScores: scores,
        processingTimeMs: Math.round(a.inferMs),
        resultQualityScore: scores.length > 0 ? round2(confSum / scores.length) : null,
        resultValidationStatus: 'valid',
        memoryUsageMb: this.residentMb(),
        batchSize: 1,
        cameraId: this.o.cameraId,
        frameIndex: frame.index,
      },
      detections,
      tracks: trackRows,
      counts,
    };
  }

  /** Resident memory, re-read every 10 frames: each read is a /proc file read on Linux. */
  private residentMb(): number {
    if (this.frames % 10 === 1 || this.rssMb === 0) this.rssMb = Math.round((process.memoryUsage.rss() / 1048576) * 100) / 100;
    return this.rssMb;
  }

  private className(cls: number): string {
    return this.detector.info.classNames[cls] ?? PERSON_CLASS_NAMES[cls] ?? `class_${cls}`;
  }
}

function lineKey(line: LineSpec, index: number): string {
  return String(line.id ?? `line${index}`);
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
