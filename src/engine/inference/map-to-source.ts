import type { LetterboxParams } from './preprocess';
import type { Detections } from '../vision/detections';

/**
 * Capture hands the detector frames already letterboxed to the model's input by ffmpeg, so the
 * detector's boxes are in model-input pixels. Counting lines and zones are in the source's own
 * pixels: map back in place and clip to the source frame.
 */
export function mapDetectionsToSource(dets: Detections, p: LetterboxParams): void {
  const b = dets.xyxy;
  const maxX = p.srcWidth;
  const maxY = p.srcHeight;
  for (let i = 0; i < dets.length * 4; i += 4) {
    b[i] = clamp((b[i]! - p.padX) / p.scaleX, maxX);
    b[i + 1] = clamp((b[i + 1]! - p.padY) / p.scaleY, maxY);
    b[i + 2] = clamp((b[i + 2]! - p.padX) / p.scaleX, maxX);
    b[i + 3] = clamp((b[i + 3]! - p.padY) / p.scaleY, maxY);
  }
}

function clamp(v: number, max: number): number {
  return v < 0 ? 0 : v > max ? max : v;
}
