/**
 * A large file for the drift bench (drift-bench.ts) and the drift worker test: back-dated
 * inference rows of a few cameras over days, as counting stores them — at `fps` frames a second,
 * the first of each second sampled (input_metadata.image with brightness / contrast / sharpness,
 * the compact boxes array, the confidences), the others plain rows the drift queries must skip —
 * and counting_hourly rows for the in/out feature. Written like the retention bench's history:
 * INSERT … SELECT over a recursive counter, one transaction, no per-row JavaScript.
 * Brightness follows the time of day (the same hour on other days is the reference), so a
 * catch-up scores windows like a shop's, not a flat line.
 */
import type { SqliteDatabase } from '../db/open-database';
import { settleFilledFile } from './settle-filled-file';

export interface DriftHistoryOptions {
  cameras: readonly string[];
  days: number;
  /** Frames stored per second and camera; the first of each second is the sampled one. */
  fps: number;
  /** The history ends at this whole hour. */
  end: Date;
  modelVersion?: string;
}

export interface DriftHistoryCounts {
  inferences: number;
  sampled: number;
  hourly: number;
}

const HOUR_S = 3600;

export function fillDriftHistory(db: SqliteDatabase, o: DriftHistoryOptions): DriftHistoryCounts {
  const endS = Math.floor(o.end.getTime() / 1000 / HOUR_S) * HOUR_S;
  const seconds = o.days * 24 * HOUR_S;
  const startS = endS - seconds;
  const version = o.modelVersion ?? '8.0.0';
  const perCamera = seconds * o.fps;
  const iso = (expr: string): string => `strftime('%Y-%m-%dT%H:%M:%fZ', ${expr}, 'unixepoch')`;
  // Row i of a camera is second i / fps, frame i % fps of that second. (better-sqlite3 binds
  // numbers as REAL: fps is cast, or i / fps would not be the whole second.)
  const fps = 'CAST(@fps AS INTEGER)';
  const at = `(@start + (i / ${fps}) + (i % ${fps}) * (1.0 / ${fps}))`;
  const hourOfDay = `((CAST(@start AS INTEGER) / 3600 + i / ${fps} / 3600) % 24)`;
  const image = `json_object('brightness', round(90 + 40 * sin(${hourOfDay} * 0.2618) + (abs(random()) % 1000) / 100.0, 2),
      'contrast', round(42 + (abs(random()) % 800) / 100.0, 2), 'sharpness', round(310 + (abs(random()) % 6000) / 100.0, 2), 'grid', NULL)`;
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  let hourly = 0;
  db.transaction(() => {
    const insert = db.prepare(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @total)
      INSERT INTO model_inference_results (inference_id, model_id, model_version, input_timestamp, input_metadata, inference_results, confidence_scores,
        processing_time_ms, created_at, camera_id, frame_index)
      SELECT @camera || ':' || i, NULL, @version, ${iso(at)},
        CASE WHEN i % ${fps} = 0 THEN json_object('source', json_object('width', 768, 'height', 576), 'image', ${image}) END,
        CASE WHEN i % ${fps} = 0 THEN '{"detections":2,"boxes":[[100,50,60,170,0,1],[180,52,58,166,0,2]]}' ELSE '{"detections":2}' END,
        CASE WHEN i % ${fps} = 0 THEN json_array(round(0.7 + (abs(random()) % 250) / 1000.0, 3), round(0.6 + (abs(random()) % 300) / 1000.0, 3)) END,
        14, ${iso(at)}, @camera, i
      FROM n`);
    const hours = db.prepare(`WITH RECURSIVE h(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM h WHERE k + 1 < @hours)
      INSERT INTO counting_hourly (hour_start, camera_id, line_id, model_id, model_version, count_in, count_out)
      SELECT strftime('%Y-%m-%dT%H:00:00.000Z', @start + k * 3600, 'unixepoch'), @camera, 1, '', @version, 20 + (k % 24), 18 + (k % 24) FROM h`);
    for (const camera of o.cameras) {
      insert.run({ total: perCamera, start: startS, fps: o.fps, camera, version });
      hourly += hours.run({ hours: o.days * 24, start: startS, camera, version }).changes;
    }
  })();
  settleFilledFile(db);
  return { inferences: perCamera * o.cameras.length, sampled: seconds * o.cameras.length, hourly };
}
