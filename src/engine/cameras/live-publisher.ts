/**
 * What the operator sees of one camera while it runs: counts when they change, boxes at most
 * every frameEventMinMs, and a small JPEG of the same frame *with that frame's boxes* at most
 * every previewMinMs — never a raw frame. Keeps the last of each for the Live page's snapshot.
 *
 * Pairing: a preview carries the index of the frame it shows and the boxes found in it, so the
 * renderer never draws boxes over another frame's picture. The frame is only lent for the
 * outcome call, so the downscale to tile width is made then; the JPEG encoding (the larger cost:
 * jpeg-js is plain JavaScript) is deferred to the next turn of the event loop, which runs while
 * onnxruntime works on the next frame on its own threads. An encoding still pending when the
 * next preview is due skips that one: previews never queue up. `previewCost()` says what they cost.
 */
import type { LiveBox, LiveCountsEvent, LiveFrameEvent, LivePreviewEvent } from '../../shared/dto';
import type { LiveLineCountDto } from '../../shared/dto-cameras';
import type { LetterboxParams } from '../inference/preprocess';
import type { Logger } from '../log';
import type { FrameOutcome } from '../pipeline/frame-processor';
import { xyxyToXywh } from '../vision/box';
import type { RgbFrame } from '../vision/detections';
import type { EventBus } from '../wiring/event-bus';
import { downscalePreview, encodePreviewPixels } from './preview-encoder';

export interface LivePublisherOptions {
  cameraId: string;
  events: EventBus;
  log: Logger;
  frameEventMinMs: number;
  /** 0 = no previews. */
  previewMinMs: number;
  previewWidth: number;
  previewQuality: number;
  /** This camera's stored crossings since `sinceIso` (the dashboard's totals), read once at start. */
  countsSince?: (sinceIso: string) => { in: number; out: number };
}

/**
 * Frames come at the processed rate with jitter: a gap a little under the minimum still counts,
 * so 5 fps of frames give 5 previews a second rather than every other one.
 */
const RATE_SLACK = 0.75;

/** The local calendar day of `ms` (the engine's clock and zone), YYYY-MM-DD. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function localMidnight(ms: number): Date {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d;
}

export interface PreviewCost {
  previews: number;
  /** Mean ms per preview on the frame loop's thread while the frame is lent. */
  downscaleMs: number | null;
  /** Mean ms per preview of JPEG encoding (deferred, overlapping the next inference). */
  encodeMs: number | null;
  /** Mean data-URL length in characters. */
  meanChars: number | null;
  /** Previews skipped because the previous one was still being encoded. */
  skipped: number;
}

export class LivePublisher {
  private lastFrameEventAt = -Infinity;
  private lastPreviewAt = -Infinity;
  private lastOccupancy: number | null = null;
  private counts: LiveCountsEvent | null = null;
  private frame: LiveFrameEvent | null = null;
  private preview: LivePreviewEvent | null = null;
  private encoding = false;
  private stopped = false;
  private cost = { previews: 0, downscaleMs: 0, encodeMs: 0, chars: 0, skipped: 0 };
  /** Today's totals are the running totals minus these; reset to the running totals at midnight. */
  private day: { key: string; baseIn: number; baseOut: number } | null = null;
  private lastTotals = { in: 0, out: 0 };

  constructor(private readonly o: LivePublisherOptions) {}

  get lastCounts(): LiveCountsEvent | null {
    return this.counts;
  }

  get lastFrame(): LiveFrameEvent | null {
    return this.frame;
  }

  get lastPreview(): LivePreviewEvent | null {
    return this.preview;
  }

  /** No event after this (a pending encoding is dropped). */
  stop(): void {
    this.stopped = true;
  }

  previewCost(): PreviewCost {
    const n = this.cost.previews;
    const mean = (v: number): number | null => (n === 0 ? null : Math.round((v / n) * 100) / 100);
    return { previews: n, downscaleMs: mean(this.cost.downscaleMs), encodeMs: mean(this.cost.encodeMs), meanChars: n === 0 ? null : Math.round(this.cost.chars / n), skipped: this.cost.skipped };
  }

  /** The running totals (resumed ones included), pushed at start and whenever they change. */
  publishCounts(lines: LiveLineCountDto[], initial = false, now = Date.now()): void {
    const totals = lines.reduce((s, l) => ({ in: s.in + l.in, out: s.out + l.out }), { in: 0, out: 0 });
    if (initial || this.day === null) {
      let stored = { in: 0, out: 0 };
      try {
        stored = this.o.countsSince?.(localMidnight(now).toISOString()) ?? stored;
      } catch (err) {
        this.o.log.warn({ cameraId: this.o.cameraId, err: err instanceof Error ? err.message : String(err) }, "cannot read today's stored counts");
      }
      this.day = { key: localDay(now), baseIn: totals.in - stored.in, baseOut: totals.out - stored.out };
    } else {
      this.rollDay(now);
    }
    this.lastTotals = totals;
    const day = this.day;
    this.counts = {
      cameraId: this.o.cameraId,
      in: totals.in,
      out: totals.out,
      occupancy: this.lastOccupancy,
      at: new Date(now).toISOString(),
      lines: lines.map((l) => ({ lineId: l.lineId, name: l.name, in: l.in, out: l.out })),
      today: { day: day.key, in: Math.max(0, totals.in - day.baseIn), out: Math.max(0, totals.out - day.baseOut) },
    };
    if (!initial) this.o.log.debug({ cameraId: this.o.cameraId, ...totals }, 'counts changed');
    this.o.events.emit('live:counts', this.counts);
  }

  /** A new local day: what was counted before now (the last published totals) is yesterday's. */
  private rollDay(now: number): boolean {
    const key = localDay(now);
    if (!this.day || this.day.key === key) return false;
    this.day = { key, baseIn: this.lastTotals.in, baseOut: this.lastTotals.out };
    return true;
  }

  /** One processed frame: counts if they changed, boxes and a preview when their time has come. */
  onOutcome(outcome: FrameOutcome, frame: RgbFrame, letterbox: LetterboxParams, lines: () => LiveLineCountDto[], now = Date.now()): void {
    const dayChanged = this.day !== null && this.day.key !== localDay(now);
    if (dayChanged || outcome.crossings.length > 0 || outcome.occupancy !== this.lastOccupancy) {
      this.lastOccupancy = outcome.occupancy;
      this.publishCounts(lines(), false, now);
    }
    const framesDue = now - this.lastFrameEventAt >= this.o.frameEventMinMs * RATE_SLACK;
    // Previews cost a JPEG encode each: made only while someone watches.
    const previewDue = this.o.previewMinMs > 0 && now - this.lastPreviewAt >= this.o.previewMinMs * RATE_SLACK && this.o.events.watched;
    if (!framesDue && !previewDue) return;
    const boxes = liveBoxes(outcome);
    const at = new Date(now).toISOString();
    if (framesDue) {
      this.lastFrameEventAt = now;
      this.frame = { cameraId: this.o.cameraId, frameIndex: outcome.frameIndex, width: letterbox.srcWidth, height: letterbox.srcHeight, boxes, at };
      this.o.events.emit('live:frame', this.frame);
    }
    if (!previewDue) return;
    if (this.encoding) {
      this.cost.skipped++;
      return;
    }
    this.lastPreviewAt = now;
    let pixels;
    const t0 = performance.now();
    try {
      // The frame's buffer is only lent for this call: its pixels are read now.
      pixels = downscalePreview(frame, letterbox, this.o.previewWidth);
    } catch (err) {
      this.o.log.warn({ cameraId: this.o.cameraId, err: err instanceof Error ? err.message : String(err) }, 'preview encoding failed');
      return;
    }
    const downscaleMs = performance.now() - t0;
    const base = { cameraId: this.o.cameraId, at, frameIndex: outcome.frameIndex, width: letterbox.srcWidth, height: letterbox.srcHeight, boxes, model: { modelId: outcome.model.modelId, versionNumber: outcome.model.versionNumber } };
    this.encoding = true;
    setImmediate(() => {
      this.encoding = false;
      if (this.stopped) return;
      const t1 = performance.now();
      try {
        const jpegDataUrl = encodePreviewPixels(pixels, this.o.previewQuality);
        this.cost.previews++;
        this.cost.downscaleMs += downscaleMs;
        this.cost.encodeMs += performance.now() - t1;
        this.cost.chars += jpegDataUrl.length;
        this.preview = { ...base, jpegDataUrl };
        this.o.events.emit('live:preview', this.preview);
      } catch (err) {
        this.o.log.warn({ cameraId: this.o.cameraId, err: err instanceof Error ? err.message : String(err) }, 'preview encoding failed');
      }
    });
  }
}

/** Confirmed tracks only (unconfirmed detections would flicker on the overlay), in source pixels. */
function liveBoxes(outcome: FrameOutcome): LiveBox[] {
  const d = outcome.detections;
  const boxes: LiveBox[] = [];
  for (let i = 0; i < d.length; i++) {
    const trackId = d.trackerId?.[i] ?? -1;
    if (trackId < 0) continue;
    const [x, y, w, h] = xyxyToXywh(d.xyxy, i);
    boxes.push({
      trackId,
      bbox: [Math.round(x), Math.round(y), Math.round(w), Math.round(h)],
      confidence: Math.round(d.confidence[i]! * 100) / 100,
    });
  }
  return boxes;
}
