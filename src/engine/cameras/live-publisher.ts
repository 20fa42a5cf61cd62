/**
 * What the operator sees of one camera while it runs: counts when they change, boxes at most
 * every frameEventMinMs, a small JPEG at most every previewMinMs — never a raw frame. Keeps the
 * last of each for the Live page's snapshot.
 */
import type { LiveCountsEvent, LiveFrameEvent, LivePreviewEvent } from '../../shared/dto';
import type { LiveLineCountDto } from '../../shared/dto-cameras';
import type { LetterboxParams } from '../inference/preprocess';
import type { Logger } from '../log';
import type { FrameOutcome } from '../pipeline/frame-processor';
import type { RgbFrame } from '../vision/detections';
import type { EventBus } from '../wiring/event-bus';
import { encodePreview } from './preview-encoder';

export interface LivePublisherOptions {
  cameraId: string;
  events: EventBus;
  log: Logger;
  frameEventMinMs: number;
  /** 0 = no previews. */
  previewMinMs: number;
  previewWidth: number;
  previewQuality: number;
}

export class LivePublisher {
  private lastFrameEventAt = 0;
  private lastPreviewAt = 0;
  private lastOccupancy: number | null = null;
  private counts: LiveCountsEvent | null = null;
  private frame: LiveFrameEvent | null = null;
  private preview: LivePreviewEvent | null = null;

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

  /** The running totals (resumed ones included), pushed at start and whenever they change. */
  publishCounts(lines: LiveLineCountDto[], initial = false): void {
    const totals = lines.reduce((s, l) => ({ in: s.in + l.in, out: s.out + l.out }), { in: 0, out: 0 });
    this.counts = { cameraId: this.o.cameraId, in: totals.in, out: totals.out, occupancy: this.lastOccupancy, at: new Date().toISOString() };
    if (!initial) this.o.log.debug({ cameraId: this.o.cameraId, ...totals }, 'counts changed');
    this.o.events.emit('live:counts', this.counts);
  }

  /** One processed frame: counts if they changed, boxes and a preview when their time has come. */
  onOutcome(outcome: FrameOutcome, frame: RgbFrame, letterbox: LetterboxParams, lines: () => LiveLineCountDto[], now = Date.now()): void {
    if (outcome.crossings.length > 0 || outcome.occupancy !== this.lastOccupancy) {
      this.lastOccupancy = outcome.occupancy;
      this.publishCounts(lines());
    }
    if (now - this.lastFrameEventAt >= this.o.frameEventMinMs) {
      this.lastFrameEventAt = now;
      this.publishBoxes(outcome, letterbox, now);
    }
    if (this.o.previewMinMs > 0 && now - this.lastPreviewAt >= this.o.previewMinMs) {
      this.lastPreviewAt = now;
      try {
        // The frame's buffer is only lent for this call: the JPEG is made now.
        const jpegDataUrl = encodePreview(frame, letterbox, { width: this.o.previewWidth, quality: this.o.previewQuality });
        this.preview = { cameraId: this.o.cameraId, jpegDataUrl, at: new Date(now).toISOString() };
        this.o.events.emit('live:preview', this.preview);
      } catch (err) {
        this.o.log.warn({ cameraId: this.o.cameraId, err: err instanceof Error ? err.message : String(err) }, 'preview encoding failed');
      }
    }
  }

  private publishBoxes(outcome: FrameOutcome, letterbox: LetterboxParams, now: number): void {
    const d = outcome.detections;
    const boxes: LiveFrameEvent['boxes'] = [];
    for (let i = 0; i < d.length; i++) {
      const trackId = d.trackerId?.[i] ?? -1;
      if (trackId < 0) continue; // unconfirmed detections would flicker on the overlay
      const k = i * 4;
      const x = d.xyxy[k]!;
      const y = d.xyxy[k + 1]!;
      boxes.push({
        trackId,
        bbox: [Math.round(x), Math.round(y), Math.round(d.xyxy[k + 2]! - x), Math.round(d.xyxy[k + 3]! - y)],
        confidence: Math.round(d.confidence[i]! * 100) / 100,
      });
    }
    this.frame = { cameraId: this.o.cameraId, frameIndex: outcome.frameIndex, width: letterbox.srcWidth, height: letterbox.srcHeight, boxes, at: new Date(now).toISOString() };
    this.o.events.emit('live:frame', this.frame);
  }
}
