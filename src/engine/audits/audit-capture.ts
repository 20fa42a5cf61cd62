/**
 * Captures audit items on the one frame path (docs/ARCHITECTURE.md, "The one frame path"): a
 * listener on FrameLoop's 'outcome' event, used by live cameras (camera-runtime.ts) and by
 * `count --camera … --db F` (run-count.ts). While `audit.enabled` is on it stores, for a share
 * `audit.sample_rate` of the crossings, the frame of the crossing as a small evidence picture
 * (audit-picture.ts: people pixelated, the counted track's box and path and the lines drawn), and
 * for `audit.no_crossing_per_hour` frames an hour with no crossing (one at a random moment of
 * each slot of 3600/N seconds of the camera's time) the same picture without a track, to catch
 * misses. Nothing else of the frame is kept; the lent frame is read synchronously and dropped.
 * A failure here never stops counting (onError).
 */
import type { SqliteDatabase } from '../db/open-database';
import { inferenceIdOf } from '../db/frame-rows';
import type { SettingsRepository } from '../db/repositories/settings-repository';
import { letterboxParams, type LetterboxParams } from '../inference/preprocess';
import type { FrameLoop } from '../pipeline/frame-loop';
import type { FrameOutcome } from '../pipeline/frame-processor';
import type { RgbFrame } from '../vision/detections';
import { renderEvidence, type Box } from './audit-picture';
import { readAuditSettings, type AuditSettings } from './audit-settings';

export interface AuditCaptureOptions {
  db: SqliteDatabase;
  settings: Pick<SettingsRepository, 'get'>;
  cameraId: string;
  /** The loop's storage runId: the counting event ids are `<runId>:<frame>:c<n>`. */
  runId: string;
  /** A recording's frame 0 in wall-clock time, or 'live' (the frame's time is now). */
  timeZero: Date | 'live';
  now?: () => Date;
  random?: () => number;
  onError?: (err: Error) => void;
}

const SETTINGS_REFRESH_MS = 5000;
const DAY_MS = 86_400_000;

export class AuditCapture {
  private cached: AuditSettings | null = null;
  private cachedAt = 0;
  private lb: LetterboxParams | undefined;
  private slot = -1;
  private slotTarget = 0;
  private slotTaken = false;
  private readonly insert;
  private readonly now: () => Date;
  private readonly random: () => number;
  captured = 0;

  constructor(private readonly o: AuditCaptureOptions) {
    this.now = o.now ?? (() => new Date());
    this.random = o.random ?? Math.random;
    this.insert = o.db.prepare(`INSERT INTO audit_items
      (camera_id, model_id, model_version, kind, counting_event_id, direction, line_name, track_id, people, captured_at, picture, picture_width, picture_height, expires_at)
      VALUES (@cameraId, @modelId, @modelVersion, @kind, @eventId, @direction, @line, @trackId, @people, @capturedAt, @picture, @width, @height, @expiresAt)`);
  }

  private settings(): AuditSettings {
    const t = Date.now();
    if (!this.cached || t - this.cachedAt > SETTINGS_REFRESH_MS) {
      this.cached = readAuditSettings(this.o.settings);
      this.cachedAt = t;
    }
    return this.cached;
  }

  /** One processed frame (synchronous: the frame is lent). */
  onOutcome(outcome: FrameOutcome, frame: RgbFrame, loop: Pick<FrameLoop, 'processor'>): void {
    try {
      const s = this.settings();
      if (!s.enabled) return;
      const processor = loop.processor;
      if (!processor) return;
      const at = this.o.timeZero === 'live' ? this.now() : new Date(this.o.timeZero.getTime() + outcome.timeS * 1000);
      const wanted: Array<{ index: number } | null> = [];
      for (let i = 0; i < outcome.crossings.length; i++) if (s.sampleRate >= 1 || this.random() < s.sampleRate) wanted.push({ index: i });
      if (outcome.crossings.length === 0 && s.noCrossingPerHour > 0) {
        const slotMs = 3_600_000 / s.noCrossingPerHour;
        const slot = Math.floor(at.getTime() / slotMs);
        if (slot !== this.slot) {
          this.slot = slot;
          this.slotTarget = slot * slotMs + this.random() * slotMs;
          this.slotTaken = false;
        }
        if (!this.slotTaken && at.getTime() >= this.slotTarget) {
          this.slotTaken = true;
          wanted.push(null);
        }
      }
      if (wanted.length === 0) return;
      const src = processor.sourceSize;
      const lb = (this.lb =
        this.lb && this.lb.srcWidth === src.width && this.lb.srcHeight === src.height && this.lb.dstWidth === frame.width && this.lb.dstHeight === frame.height
          ? this.lb
          : letterboxParams(src.width, src.height, frame.width, frame.height));
      const people: Box[] = [];
      const d = outcome.detections;
      for (let i = 0; i < d.length; i++) people.push([d.xyxy[i * 4]!, d.xyxy[i * 4 + 1]!, d.xyxy[i * 4 + 2]!, d.xyxy[i * 4 + 3]!]);
      const lines = processor.lines.map((l) => ({ x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 }));
      const expiresAt = new Date(this.now().getTime() + s.retentionDays * DAY_MS).toISOString();
      for (const w of wanted) {
        const x = w ? outcome.crossings[w.index]! : null;
        const track = x ? outcome.tracks.find((t) => t.id === x.track) : undefined;
        const pic = renderEvidence(frame, lb, s.pictureWidth, {
          people,
          lines,
          track: x && track ? { box: track.xyxy, path: track.trajectory.map((p) => [p.x, p.y] as const), direction: x.direction === 'out' ? 'out' : 'in' } : null,
        });
        this.insert.run({
          cameraId: this.o.cameraId,
          modelId: outcome.model.modelId === 'unregistered' ? null : outcome.model.modelId,
          modelVersion: outcome.model.versionNumber,
          kind: x ? 'crossing' : 'no_crossing',
          eventId: x ? `${inferenceIdOf(this.o.runId, outcome.frameIndex)}:c${w!.index}` : null,
          direction: x ? (x.direction === 'out' ? 'out' : 'in') : null,
          line: x ? x.line : null,
          trackId: x ? x.track : null,
          people: d.length,
          capturedAt: at.toISOString(),
          picture: pic.jpeg,
          width: pic.width,
          height: pic.height,
          expiresAt,
        });
        this.captured++;
      }
    } catch (err) {
      this.o.onError?.(err instanceof Error ? err : new Error(String(err)));
    }
  }
}

/** Subscribes a capture to the loop's 'outcome' event. */
export function attachAuditCapture(loop: FrameLoop, o: AuditCaptureOptions): AuditCapture {
  const capture = new AuditCapture(o);
  loop.on('outcome', (outcome, frame) => capture.onOutcome(outcome, frame, loop));
  return capture;
}
