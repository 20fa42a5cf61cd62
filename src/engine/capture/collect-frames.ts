import { CameraSupervisor } from './camera-supervisor';
import { CaptureError, type CaptureErrorReason } from './capture-error';
import type { CameraSource } from './source';
import type { RgbFrame } from '../vision/detections';

/**
 * The first `count` frames of a recording, copied out of the frame pool: for the few still frames
 * a check compares models on (the registry's shadow stage). Read through the same supervised
 * source as every other frame, with back-pressure, so no frame is skipped.
 */
export function collectFrames(source: CameraSource, o: { width: number; height: number; fps: number; count: number }): Promise<RgbFrame[]> {
  const frames: RgbFrame[] = [];
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      void sup.stop().then(fn, fn);
    };
    const sup = new CameraSupervisor({
      source,
      width: o.width,
      height: o.height,
      fps: o.fps,
      letterbox: true,
      queueCapacity: 2,
      pacer: null,
      onFrame: (frame) => {
        if (frames.length < o.count) frames.push({ ...frame, data: Uint8Array.from(frame.data) });
        if (frames.length >= o.count) settle(() => resolve(frames));
      },
    });
    sup.on('state', (s) => {
      if (s.state === 'stopped' && s.reason === 'ended') settle(() => resolve(frames));
      else if (s.state === 'failed') settle(() => reject(new CaptureError(s.reason as CaptureErrorReason, s.message, null, null, '')));
    });
    sup.start();
  });
}
