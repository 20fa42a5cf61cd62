import jpeg from 'jpeg-js';
import type { LetterboxParams } from '../inference/preprocess';
import type { RgbFrame } from '../vision/detections';

export interface PreviewOptions {
  /** Output width in pixels; the height keeps the source's aspect ratio. */
  width: number;
  /** JPEG quality 1–100. */
  quality: number;
}

/** A downscaled RGBA picture, owned by the caller (not the capture's lent buffer). */
export interface PreviewPixels {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * The picture inside a letterboxed model-input frame (the grey bars cut off), area-averaged down
 * to the preview width: nearest-neighbour would shimmer on the fine detail of a shop floor. The
 * only part that reads the frame, so it runs while the frame is lent; the JPEG encoding
 * (`encodePreviewPixels`, the larger cost) can then run later, while the model works on the next frame.
 */
export function downscalePreview(frame: RgbFrame, lb: LetterboxParams, width: number): PreviewPixels {
  const srcX = lb.padX;
  const srcY = lb.padY;
  const srcW = Math.min(lb.newWidth, frame.width - srcX);
  const srcH = Math.min(lb.newHeight, frame.height - srcY);
  const outW = Math.max(1, Math.min(width, srcW));
  const outH = Math.max(1, Math.round((outW * lb.srcHeight) / lb.srcWidth));
  const rgba = new Uint8Array(outW * outH * 4);
  const data = frame.data;
  const stride = frame.width * 3;
  for (let oy = 0; oy < outH; oy++) {
    const y0 = srcY + Math.floor((oy * srcH) / outH);
    const y1 = Math.max(y0 + 1, srcY + Math.floor(((oy + 1) * srcH) / outH));
    for (let ox = 0; ox < outW; ox++) {
      const x0 = srcX + Math.floor((ox * srcW) / outW);
      const x1 = Math.max(x0 + 1, srcX + Math.floor(((ox + 1) * srcW) / outW));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        let p = y * stride + x0 * 3;
        for (let x = x0; x < x1; x++, p += 3) {
          r += data[p]!;
          g += data[p + 1]!;
          b += data[p + 2]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const q = (oy * outW + ox) * 4;
      rgba[q] = r / n;
      rgba[q + 1] = g / n;
      rgba[q + 2] = b / n;
      rgba[q + 3] = 255;
    }
  }
  return { width: outW, height: outH, data: rgba };
}

/** The downscaled picture as a JPEG data URL for the Live page. */
export function encodePreviewPixels(pixels: PreviewPixels, quality: number): string {
  const encoded = jpeg.encode({ width: pixels.width, height: pixels.height, data: pixels.data }, quality);
  return `data:image/jpeg;base64,${Buffer.from(encoded.data).toString('base64')}`;
}

/**
 * Both steps at once: a small JPEG of the picture, as a data URL. Measured on the project's
 * 2-core machine for a 320 px preview of a 768×576 camera: see `live-publisher.ts`.
 */
export function encodePreview(frame: RgbFrame, lb: LetterboxParams, o: PreviewOptions): string {
  return encodePreviewPixels(downscalePreview(frame, lb, o.width), o.quality);
}
