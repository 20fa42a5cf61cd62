/**
 * What a camera's picture looks like, in three numbers drift and tamper checks compare over time:
 * brightness (mean luma, 0–255), contrast (standard deviation of luma) and sharpness (variance of
 * the Laplacian of luma — the usual focus measure: a defocused or covered lens drives it towards
 * 0). Computed on the picture inside the letterbox only, on every `step`-th pixel of every
 * `step`-th row (the Laplacian's neighbours `step` pixels away), so it costs well under a
 * millisecond on a 640×640 frame. Whole numbers: they are stored once a second per camera, and a
 * tenth of a grey level tells nothing. Pure: no I/O.
 */
import type { LetterboxParams } from '../inference/preprocess';
import type { RgbFrame } from './detections';

export interface FrameImageStats {
  brightness: number;
  contrast: number;
  sharpness: number;
}

const luma = (d: Uint8Array, i: number): number => 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;

export function frameImageStats(frame: RgbFrame, lb: Pick<LetterboxParams, 'padX' | 'padY' | 'newWidth' | 'newHeight'>, step = 2): FrameImageStats {
  const x0 = Math.max(0, Math.floor(lb.padX));
  const y0 = Math.max(0, Math.floor(lb.padY));
  const x1 = Math.min(frame.width, x0 + lb.newWidth);
  const y1 = Math.min(frame.height, y0 + lb.newHeight);
  const stride = frame.width * 3;
  const d = frame.data;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let lapN = 0;
  let lapSum = 0;
  let lapSumSq = 0;
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const i = y * stride + x * 3;
      const v = luma(d, i);
      n++;
      sum += v;
      sumSq += v * v;
      if (x - step >= x0 && x + step < x1 && y - step >= y0 && y + step < y1) {
        const lap = luma(d, i - step * 3) + luma(d, i + step * 3) + luma(d, i - step * stride) + luma(d, i + step * stride) - 4 * v;
        lapN++;
        lapSum += lap;
        lapSumSq += lap * lap;
      }
    }
  }
  if (n === 0) return { brightness: 0, contrast: 0, sharpness: 0 };
  const mean = sum / n;
  const lapMean = lapN > 0 ? lapSum / lapN : 0;
  return {
    brightness: Math.round(mean),
    contrast: Math.round(Math.sqrt(Math.max(0, sumSq / n - mean * mean))),
    sharpness: Math.round(lapN > 0 ? Math.max(0, lapSumSq / lapN - lapMean * lapMean) : 0),
  };
}

/**
 * A cheap fingerprint of the view for the tamper check (issue 13: a camera moved): the picture
 * inside the letterbox cut into `cells`×`cells` blocks, each block's mean luma in 16 levels, as
 * one hex digit per block, row by row (64 characters for 8×8). Comparing two fingerprints by
 * normalised cross-correlation (src/engine/drift/tamper.ts) is indifferent to the light getting
 * brighter or darker but not to the scene moving across the picture. Every `step`-th pixel.
 */
export function frameViewGrid(frame: RgbFrame, lb: Pick<LetterboxParams, 'padX' | 'padY' | 'newWidth' | 'newHeight'>, cells = 8, step = 4): string {
  const x0 = Math.max(0, Math.floor(lb.padX));
  const y0 = Math.max(0, Math.floor(lb.padY));
  const x1 = Math.min(frame.width, x0 + lb.newWidth);
  const y1 = Math.min(frame.height, y0 + lb.newHeight);
  const sum = new Float64Array(cells * cells);
  const count = new Uint32Array(cells * cells);
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const stride = frame.width * 3;
  for (let y = y0; y < y1; y += step) {
    const cy = Math.min(cells - 1, Math.floor(((y - y0) * cells) / h));
    for (let x = x0; x < x1; x += step) {
      const c = cy * cells + Math.min(cells - 1, Math.floor(((x - x0) * cells) / w));
      sum[c]! += luma(frame.data, y * stride + x * 3);
      count[c]!++;
    }
  }
  let out = '';
  for (let c = 0; c < cells * cells; c++) out += Math.min(15, Math.floor((count[c] ? sum[c]! / count[c]! : 0) / 16)).toString(16);
  return out;
}
