/**
 * One camera's health figures: input and processed rate, drops, latency, reconnects, as the
 * Health page and camera_health_samples show them. Fed by the frame loop's outcomes; the source's
 * own figures come from FrameLoop.stats().
 */
import type { CameraHealthDto, CameraState } from '../../shared/dto';
import type { FrameLoopStats } from '../pipeline/frame-loop';
import type { FrameOutcome } from '../pipeline/frame-processor';
import { MeanWindow, RateMeter } from './rate-meter';

const ROUND = (v: number | null, d = 2): number | null => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);

export class CameraHealthMeter {
  private readonly processedMeter = new RateMeter(5000);
  private readonly latency = new MeanWindow(20);
  private readonly inferLatency = new MeanWindow(20);
  private lastFrameAt: number | null = null;
  /** Reconnects counted outside the loop: a supervisor given up and relaunched later. */
  private extraReconnects = 0;

  markProcessed(outcome: FrameOutcome, now = Date.now()): void {
    this.lastFrameAt = now;
    this.processedMeter.mark(now);
    // The wait for the shared detector is part of what this camera experiences as latency.
    this.latency.add(outcome.ms.detect);
    this.inferLatency.add(outcome.ms.infer);
  }

  markRelaunch(): void {
    this.extraReconnects++;
  }

  health(o: { cameraId: string; name: string; state: CameraState; reason: string }, loop: FrameLoopStats | null, now = Date.now()): CameraHealthDto {
    // A camera that is not delivering frames processes none, whatever the window still holds.
    const flowing = o.state === 'live' || o.state === 'stalled';
    return {
      cameraId: o.cameraId,
      name: o.name,
      state: o.state,
      reason: o.reason,
      inputFps: flowing ? ROUND(loop?.source?.inputFps ?? 0) : 0,
      processedFps: flowing ? ROUND(this.processedMeter.rate(now)) : 0,
      droppedFrames: (loop?.framesDropped ?? 0) + (loop?.skipped ?? 0),
      inferenceLatencyMs: ROUND(this.latency.mean(), 1),
      reconnectCount: this.extraReconnects + (loop?.reconnects ?? 0),
      lastFrameAt: lastOf(this.lastFrameAt, loop?.source?.lastFrameAt ?? null),
      sampledAt: new Date(now).toISOString(),
    };
  }

  /** Mean model-only latency, for benchmarks and logs. */
  modelMs(): number | null {
    return ROUND(this.inferLatency.mean(), 1);
  }
}

/** The later of the last processed frame and the last frame the source delivered (skipped ones too). */
function lastOf(a: number | null, b: number | null): string | null {
  const t = a === null ? b : b === null ? a : Math.max(a, b);
  return t === null ? null : new Date(t).toISOString();
}
