/**
 * What drift and tamper checks read from the database (the I/O half of src/engine/drift; the
 * scoring is pure: drift-score.ts, drift-stats.ts, tamper.ts). Everything comes from the rows
 * counting already writes:
 * - the sampled frames (the first frame of each second: `input_metadata.image` holds brightness,
 *   contrast, sharpness and the view fingerprint) of `model_inference_results`: their detection
 *   confidences and count, and their boxes (the compact `boxes` array in `inference_results`, or
 *   the frame's `detection_results` rows at the `full` level and on frames with an event);
 * - `counting_hourly` for in/out per hour.
 * Every query reads a time range through the input-time index (migration 0014) and filters the
 * camera in it; a reference is read as at most REFERENCE_BUDGET sampled frames spread over its
 * hours (12 five-minute slices per hour), so a week of reference costs a few hundred small seeks.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../db/open-database';
import type { DriftFeatureName } from './drift-score';
import type { ImageSample } from './tamper';

const HOUR_MS = 3_600_000;
const SLICES_PER_HOUR = 12;
export const REFERENCE_BUDGET = 12_000;

export interface WindowKey {
  cameraId: string;
  modelId: string | null;
  modelVersion: string;
}

export interface Candidate extends WindowKey {
  sampled: number;
}

interface FrameRow {
  inference_id: string;
  input_timestamp: string;
  input_metadata: string | null;
  inference_results: string;
  confidence_scores: string | null;
}

export type FeatureSamples = Record<Exclude<DriftFeatureName, 'count_in' | 'count_out'>, number[]>;

export const emptySamples = (): FeatureSamples => ({
  brightness: [],
  contrast: [],
  sharpness: [],
  confidence: [],
  detections: [],
  box_height: [],
  box_aspect: [],
});

const SAMPLED = `input_metadata LIKE '%"image"%'`;

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export class DriftData {
  private readonly candidates: Statement;
  private readonly candidatesForCamera: Statement;
  private readonly frames: Statement;
  private readonly anyFrame: Statement;
  private readonly anyFrameOfCamera: Statement;
  private readonly boxRows: Statement;
  private readonly hourly: Statement;
  private readonly images: Statement;
  private readonly cameraNames: Statement;

  constructor(private readonly db: SqliteDatabase) {
    const cand = `SELECT camera_id AS cameraId, model_id AS modelId, model_version AS modelVersion, count(*) AS sampled
      FROM model_inference_results
      WHERE input_timestamp >= ? AND input_timestamp < ? AND camera_id IS NOT NULL AND ${SAMPLED}`;
    this.candidates = db.prepare(`${cand} GROUP BY camera_id, model_id, model_version ORDER BY camera_id, model_version`);
    this.candidatesForCamera = db.prepare(`${cand} AND camera_id = ? GROUP BY camera_id, model_id, model_version ORDER BY model_version`);
    this.frames = db.prepare(`SELECT inference_id, input_timestamp, input_metadata, inference_results, confidence_scores
      FROM model_inference_results
      WHERE input_timestamp >= ? AND input_timestamp < ? AND camera_id = ? AND model_version = ? AND ${SAMPLED}
      ORDER BY input_timestamp LIMIT ?`);
    this.anyFrame = db.prepare(`SELECT 1 FROM model_inference_results
      WHERE input_timestamp >= ? AND input_timestamp < ? AND camera_id = ? AND model_version = ? LIMIT 1`);
    this.anyFrameOfCamera = db.prepare(`SELECT 1 FROM model_inference_results
      WHERE input_timestamp >= ? AND input_timestamp < ? AND camera_id = ? LIMIT 1`);
    this.boxRows = db.prepare('SELECT bbox_width AS w, bbox_height AS h FROM detection_results WHERE inference_id = ?');
    this.hourly = db.prepare(`SELECT coalesce(sum(count_in), 0) AS countIn, coalesce(sum(count_out), 0) AS countOut
      FROM counting_hourly WHERE hour_start = ? AND camera_id = ? AND model_version = ?`);
    this.images = db.prepare(`SELECT input_timestamp AS t, model_id AS modelId, model_version AS modelVersion, json_extract(input_metadata, '$.image') AS image
      FROM model_inference_results
      WHERE input_timestamp >= ? AND input_timestamp < ? AND camera_id = ? AND ${SAMPLED}
      ORDER BY input_timestamp`);
    this.cameraNames = db.prepare('SELECT camera_id AS id, name FROM cameras');
  }

  /** Camera, model and version pairs with sampled frames in [from, to). */
  candidatesIn(from: Date, to: Date, cameraId?: string): Candidate[] {
    const args = [from.toISOString(), to.toISOString()];
    return (cameraId === undefined ? this.candidates.all(...args) : this.candidatesForCamera.all(...args, cameraId)) as Candidate[];
  }

  cameraName(cameraId: string): string {
    return this.names().get(cameraId) ?? cameraId;
  }

  names(): Map<string, string> {
    return new Map((this.cameraNames.all() as Array<{ id: string; name: string }>).map((c) => [c.id, c.name]));
  }

  hasFrames(key: WindowKey, from: Date, to: Date): boolean {
    return this.anyFrame.get(from.toISOString(), to.toISOString(), key.cameraId, key.modelVersion) !== undefined;
  }

  cameraHasFrames(cameraId: string, from: Date, to: Date): boolean {
    return this.anyFrameOfCamera.get(from.toISOString(), to.toISOString(), cameraId) !== undefined;
  }

  /** Every sampled frame of the window (at most one an hour's seconds). */
  windowSamples(key: WindowKey, from: Date, to: Date): FeatureSamples {
    const out = emptySamples();
    this.collect(out, this.frames.all(from.toISOString(), to.toISOString(), key.cameraId, key.modelVersion, 4 * 3600) as FrameRow[]);
    return out;
  }

  /**
   * The reference over these ranges (hours): the ranges holding frames of the key share
   * REFERENCE_BUDGET sampled frames, read as 12 slices per hour with their share each.
   */
  referenceSamples(key: WindowKey, ranges: ReadonlyArray<{ from: Date; to: Date }>): { samples: FeatureSamples; hours: number } {
    const out = emptySamples();
    const withData = ranges.filter((r) => this.hasFrames(key, r.from, r.to));
    if (withData.length === 0) return { samples: out, hours: 0 };
    const perSlice = Math.max(1, Math.ceil(REFERENCE_BUDGET / (withData.length * SLICES_PER_HOUR)));
    for (const r of withData) {
      const span = r.to.getTime() - r.from.getTime();
      const slices = Math.max(1, Math.round((span / HOUR_MS) * SLICES_PER_HOUR));
      for (let i = 0; i < slices; i++) {
        const a = new Date(r.from.getTime() + (span * i) / slices);
        const b = new Date(r.from.getTime() + (span * (i + 1)) / slices);
        this.collect(out, this.frames.all(a.toISOString(), b.toISOString(), key.cameraId, key.modelVersion, perSlice) as FrameRow[]);
      }
    }
    return { samples: out, hours: withData.length };
  }

  hourlyCounts(key: WindowKey, hourStart: Date): { countIn: number; countOut: number } {
    return this.hourly.get(hourStart.toISOString(), key.cameraId, key.modelVersion) as { countIn: number; countOut: number };
  }

  /** The picture statistics of a camera's sampled frames in [from, to), in time order. */
  imageSamples(cameraId: string, from: Date, to: Date): Array<ImageSample & { modelId: string | null; modelVersion: string }> {
    const rows = this.images.all(from.toISOString(), to.toISOString(), cameraId) as Array<{ t: string; modelId: string | null; modelVersion: string; image: string | null }>;
    const out: Array<ImageSample & { modelId: string | null; modelVersion: string }> = [];
    for (const r of rows) {
      const img = parse(r.image);
      if (!isObj(img)) continue;
      const brightness = num(img.brightness);
      const contrast = num(img.contrast);
      const sharpness = num(img.sharpness);
      if (brightness === null || contrast === null || sharpness === null) continue;
      out.push({ t: Date.parse(r.t), brightness, contrast, sharpness, grid: typeof img.grid === 'string' ? img.grid : null, modelId: r.modelId, modelVersion: r.modelVersion });
    }
    return out;
  }

  private collect(out: FeatureSamples, rows: FrameRow[]): void {
    for (const r of rows) {
      const meta = parse(r.input_metadata);
      const img = isObj(meta) && isObj(meta.image) ? meta.image : null;
      if (!img) continue;
      const b = num(img.brightness);
      const c = num(img.contrast);
      const s = num(img.sharpness);
      if (b !== null) out.brightness.push(b);
      if (c !== null) out.contrast.push(c);
      if (s !== null) out.sharpness.push(s);
      const conf = parse(r.confidence_scores);
      if (Array.isArray(conf)) for (const v of conf) if (typeof v === 'number') out.confidence.push(v);
      const res = parse(r.inference_results);
      const n = isObj(res) ? num(res.detections) : null;
      if (n !== null) out.detections.push(n);
      const boxes = isObj(res) && Array.isArray(res.boxes) ? res.boxes : null;
      const sizes: Array<{ w: number; h: number }> = [];
      if (boxes) {
        for (const box of boxes) if (Array.isArray(box) && typeof box[2] === 'number' && typeof box[3] === 'number') sizes.push({ w: box[2], h: box[3] });
      } else if (n !== null && n > 0) {
        // Boxes kept as rows (the `full` level, or an event's frame): never in both places.
        sizes.push(...(this.boxRows.all(r.inference_id) as Array<{ w: number; h: number }>));
      }
      for (const { w, h } of sizes) {
        if (h <= 0) continue;
        out.box_height.push(h);
        out.box_aspect.push(Number((w / h).toFixed(4)));
      }
    }
  }
}

export { HOUR_MS };
