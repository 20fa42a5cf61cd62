/**
 * One still picture of a camera, for drawing its counting lines and zones on (the camera form's
 * `cameras:frame`). Two connections at most: the probe learns the native size (lines and zones
 * are in those pixels), then the same supervised capture every camera uses delivers one frame,
 * scaled down to `maxWidth`, which becomes a JPEG. A recording is read from its start, once. A
 * failure is an answer (reason + message, classified as the live supervisor would), never a throw.
 */
import { CameraSupervisor } from '../capture/camera-supervisor';
import { CaptureError, type CaptureErrorReason } from '../capture/capture-error';
import { probeSource } from '../capture/probe-source';
import { SourceError, type CameraSource } from '../capture/source';
import { letterboxParams } from '../inference/preprocess';
import { scrubText } from '../log';
import type { RgbFrame } from '../vision/detections';
import type { CameraFrameDto } from '../../shared/dto-cameras';
import { CAPTURE_ERROR_REASONS, isOneOf } from '../../shared/enums';
import { encodePreview } from './preview-encoder';

export interface StillOptions {
  timeoutMs: number;
  /** The picture's width at most (its height keeps the camera's aspect ratio). */
  maxWidth: number;
  quality?: number;
}

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

function failure(err: unknown, elapsedMs: number): CameraFrameDto {
  const reason = err instanceof CaptureError ? err.reason : err instanceof SourceError ? 'unsupported' : 'unknown';
  return { ok: false, reason, message: scrubText(err instanceof Error ? err.message : String(err)), jpegDataUrl: null, width: null, height: null, from: null, elapsedMs };
}

/** The first frame the supervised capture delivers, copied out of its pool; rejects on failure or timeout. */
function firstFrame(source: CameraSource, width: number, height: number, timeoutMs: number): Promise<RgbFrame> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const sup = new CameraSupervisor({
      source,
      width,
      height,
      fps: 5,
      letterbox: true,
      queueCapacity: 1,
      pacer: null,
      maxPermanentFailures: 1,
      onFrame: (frame) => settle(() => resolve({ ...frame, data: Uint8Array.from(frame.data) })),
    });
    const timer = setTimeout(() => settle(() => reject(new CaptureError('timeout', `no picture within ${Math.round(timeoutMs / 1000)} s`))), timeoutMs);
    function settle(fn: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void sup.stop().then(fn, fn);
    }
    sup.on('state', (s) => {
      const ended = s.state === 'stopped' && s.reason === 'ended';
      if (s.state !== 'failed' && s.state !== 'reconnecting' && !ended) return;
      // The first failure is the answer: a still does not wait through the reconnect ladder.
      const reason: CaptureErrorReason = ended ? 'unsupported' : isOneOf(CAPTURE_ERROR_REASONS, s.reason) ? s.reason : 'crashed';
      const message = ended ? 'no picture in this source' : s.message.replace(/; retrying in [\d.]+ s$/, '');
      settle(() => reject(new CaptureError(reason, message)));
    });
    sup.start();
  });
}

export async function grabStill(source: CameraSource, o: StillOptions): Promise<CameraFrameDto> {
  const t0 = performance.now();
  const elapsed = (): number => Math.round(performance.now() - t0);
  // A recording is read from its first frame, once, as fast as it decodes.
  const once: CameraSource = source.kind === 'file' ? { ...source, loop: false, realtime: false } : source;
  try {
    const info = await probeSource(once, { timeoutMs: o.timeoutMs });
    const width = even(Math.min(o.maxWidth, info.width));
    const height = even((width * info.height) / info.width);
    const frame = await firstFrame(once, width, height, Math.max(1000, o.timeoutMs - elapsed()));
    const jpegDataUrl = encodePreview(frame, letterboxParams(info.width, info.height, width, height), { width, quality: o.quality ?? 80 });
    return { ok: true, reason: null, message: `${info.width}x${info.height}`, jpegDataUrl, width: info.width, height: info.height, from: 'still', elapsedMs: elapsed() };
  } catch (err) {
    return failure(err, elapsed());
  }
}
