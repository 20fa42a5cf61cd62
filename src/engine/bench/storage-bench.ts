/**
 * Bytes a counting run stores at each evidence level (issue 11's targets: ≤ 0.5 KB per processed
 * frame at `events`, `full` at least 5× below the 10–13 KB per frame measured before the lean
 * rows). The recording runs through runCount — the product's one frame path, a real database per
 * level — with the model run once: the first level's detections are replayed to the others, so
 * every level stores the same frames, tracks and crossings and only the stored detail differs.
 */
import { join } from 'node:path';
import { EVIDENCE_LEVELS, type EvidenceLevel } from '../../shared/enums';
import { databaseStats } from '../db/db-stats';
import { openDatabase } from '../db/open-database';
import { runCount, type LoadedDetector, type RunCountResult } from '../pipeline/run-count';
import type { LineSpec } from '../pipeline/frame-processor';
import type { Detections, RgbFrame } from '../vision/detections';

/** The tables a counting run grows per frame (each with its indexes, as dbstat counts them). */
export const PER_FRAME_TABLES = ['model_inference_results', 'detection_results', 'tracking_results', 'counting_results', 'counting_hourly'] as const;

export interface EvidenceLevelFigures {
  level: EvidenceLevel;
  frames: number;
  crossings: number;
  rows: Record<(typeof PER_FRAME_TABLES)[number], number>;
  /** Pages of the per-frame tables and their indexes. */
  bytes: number;
  bytesPerFrame: number;
  /** At the bench's processing rate, one camera open for an hour. */
  mbPerCameraHour: number;
  /** The whole file (schema, registry and the default model's rows included). */
  fileBytes: number;
}

export interface StorageBenchResult {
  video: string;
  fps: number;
  runs: number;
  levels: EvidenceLevelFigures[];
  /** bytes per frame at full ÷ at events. */
  fullOverEvents: number;
}

/** A detector that runs the model once per frame index and replays the answer afterwards. */
export class ReplayDetector implements LoadedDetector {
  private readonly seen = new Map<number, { detections: Detections; ms: { infer: number; total: number } }>();

  constructor(private readonly inner: LoadedDetector) {}

  get info(): LoadedDetector['info'] {
    return this.inner.info;
  }

  async detect(frame: RgbFrame): Promise<{ detections: Detections; ms: { infer: number; total: number } }> {
    let hit = this.seen.get(frame.index);
    if (!hit) {
      const r = await this.inner.detect(frame);
      hit = { detections: cloneDetections(r.detections), ms: r.ms };
      this.seen.set(frame.index, hit);
    }
    // The tracker writes its ids into the detections: each run gets its own copy.
    return { detections: cloneDetections(hit.detections), ms: hit.ms };
  }
}

function cloneDetections(d: Detections): Detections {
  return { length: d.length, xyxy: d.xyxy.slice(), confidence: d.confidence.slice(), classId: d.classId.slice() };
}

export interface StorageBenchOptions {
  video: string;
  detector: LoadedDetector;
  dir: string;
  line: LineSpec;
  /** Processing rate (default 5, a live camera's default). */
  fps?: number;
  /**
   * Runs of the recording per level, into the same database (default 2): the figures are over
   * all of them, so a table's first, part-filled pages weigh less than in one short run.
   */
  runs?: number;
  levels?: readonly EvidenceLevel[];
}

export async function runStorageBench(o: StorageBenchOptions): Promise<StorageBenchResult> {
  const fps = o.fps ?? 5;
  const replay = new ReplayDetector(o.detector);
  const levels: EvidenceLevelFigures[] = [];
  const runs = o.runs ?? 2;
  for (const level of o.levels ?? EVIDENCE_LEVELS) {
    const file = join(o.dir, `evidence-${level}.db`);
    const total = { frames: 0, in: 0, out: 0 };
    for (let i = 0; i < runs; i++) {
      // Stored under a camera, as a shop's rows are (the camera id is on every row).
      const run = await runCount({ source: o.video, lines: [o.line], dbPath: file, fps, detector: replay, evidence: level, camera: 'door' });
      total.frames += run.frames;
      total.in += run.in;
      total.out += run.out;
    }
    levels.push(measureLevel(file, level, total, fps));
  }
  const per = (l: EvidenceLevel): number => levels.find((x) => x.level === l)?.bytesPerFrame ?? Number.NaN;
  return { video: o.video, fps, runs, levels, fullOverEvents: Math.round((per('full') / per('events')) * 100) / 100 };
}

/** The run's bytes, after a checkpoint so the WAL's pages are in the file dbstat reads. */
export function measureLevel(file: string, level: EvidenceLevel, run: Pick<RunCountResult, 'frames' | 'in' | 'out'>, fps: number): EvidenceLevelFigures {
  const db = openDatabase(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const stats = databaseStats(db, file);
    const rows = Object.fromEntries(
      PER_FRAME_TABLES.map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]),
    ) as EvidenceLevelFigures['rows'];
    const bytes = stats.tables.filter((t) => (PER_FRAME_TABLES as readonly string[]).includes(t.name)).reduce((sum, t) => sum + t.bytes, 0);
    const bytesPerFrame = run.frames > 0 ? bytes / run.frames : 0;
    return {
      level,
      frames: run.frames,
      crossings: run.in + run.out,
      rows,
      bytes,
      bytesPerFrame: Math.round(bytesPerFrame),
      mbPerCameraHour: Math.round(((bytesPerFrame * fps * 3600) / 1e6) * 10) / 10,
      fileBytes: stats.sizeBytes,
    };
  } finally {
    db.close();
  }
}
