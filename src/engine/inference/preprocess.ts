import type { RgbFrame } from '../vision/detections';
import { InferenceError } from './errors';

/** Ultralytics pads with grey 114 so padding looks like the training images' padding. */
export const PAD_VALUE = 114;

/**
 * Where a source frame lands inside the model input: resized by `scale` (aspect kept) to
 * newWidth×newHeight and placed at (padX, padY). scaleX/scaleY are the exact per-axis factors
 * after rounding to whole pixels; mapping boxes back uses them.
 */
export interface LetterboxParams {
  srcWidth: number;
  srcHeight: number;
  dstWidth: number;
  dstHeight: number;
  scale: number;
  scaleX: number;
  scaleY: number;
  newWidth: number;
  newHeight: number;
  padX: number;
  padY: number;
}

function checkSize(w: number, h: number, what: string): void {
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) {
    throw new InferenceError('FRAME_INVALID', `${what} size ${w}x${h} is not a positive whole number of pixels`);
  }
}

/**
 * Same arithmetic as Ultralytics' LetterBox (centre placement, the -0.1 nudge on rounding), so
 * boxes line up with how the model was validated. Capture can pass the result to ffmpeg
 * (`letterboxFilter`) and hand the detector frames that are already model-sized.
 */
export function letterboxParams(srcWidth: number, srcHeight: number, dstWidth: number, dstHeight: number): LetterboxParams {
  checkSize(srcWidth, srcHeight, 'Source');
  checkSize(dstWidth, dstHeight, 'Model input');
  const scale = Math.min(dstWidth / srcWidth, dstHeight / srcHeight);
  const newWidth = Math.min(dstWidth, Math.max(1, Math.round(srcWidth * scale)));
  const newHeight = Math.min(dstHeight, Math.max(1, Math.round(srcHeight * scale)));
  const padX = Math.max(0, Math.round((dstWidth - newWidth) / 2 - 0.1));
  const padY = Math.max(0, Math.round((dstHeight - newHeight) / 2 - 0.1));
  return {
    srcWidth,
    srcHeight,
    dstWidth,
    dstHeight,
    scale,
    scaleX: newWidth / srcWidth,
    scaleY: newHeight / srcHeight,
    newWidth,
    newHeight,
    padX,
    padY,
  };
}

/** ffmpeg -vf chain producing exactly the letterboxed frame the detector would build itself. */
export function letterboxFilter(p: LetterboxParams): string {
  return `scale=${p.newWidth}:${p.newHeight}:flags=bilinear,pad=${p.dstWidth}:${p.dstHeight}:${p.padX}:${p.padY}:color=0x727272`;
}

/** Model-input x (or y) back to source pixels. */
export function toSourceX(p: LetterboxParams, x: number): number {
  return (x - p.padX) / p.scaleX;
}
export function toSourceY(p: LetterboxParams, y: number): number {
  return (y - p.padY) / p.scaleY;
}

/** byte → 0..1 once, instead of a division per channel per pixel. */
const UNIT = new Float32Array(256).map((_, i) => i / 255);
const PAD = PAD_VALUE / 255;

/**
 * Sample positions along one axis for bilinear resize, with OpenCV's half-pixel alignment
 * (cv2.resize INTER_LINEAR, which Ultralytics uses). `mul` turns a source index into a byte
 * offset (3 for x in an RGB row, the row stride for y).
 */
function axisMap(src: number, dst: number, mul: number): { i0: Int32Array; i1: Int32Array; w: Float32Array } {
  const i0 = new Int32Array(dst);
  const i1 = new Int32Array(dst);
  const w = new Float32Array(dst);
  const ratio = src / dst;
  for (let d = 0; d < dst; d++) {
    const f = (d + 0.5) * ratio - 0.5;
    let a = Math.floor(f);
    let t = f - a;
    if (a < 0) {
      a = 0;
      t = 0;
    }
    if (a >= src - 1) {
      a = src - 1;
      t = 0;
    }
    i0[d] = a * mul;
    i1[d] = Math.min(a + 1, src - 1) * mul;
    w[d] = t;
  }
  return { i0, i1, w };
}

/**
 * Letterboxes RGB24 frames into one reused CHW float32 buffer (the model input tensor's
 * backing store), so steady-state preprocessing allocates nothing. Resize maps are rebuilt only
 * when the source size changes, and the grey border is painted only then too: the resized image
 * always overwrites the same inner rectangle.
 */
export class Letterboxer {
  readonly input: Float32Array;
  private params: LetterboxParams | undefined;
  private xs: ReturnType<typeof axisMap> | undefined;
  private ys: ReturnType<typeof axisMap> | undefined;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    checkSize(width, height, 'Model input');
    this.input = new Float32Array(3 * width * height);
  }

  /** Fills `input` from the frame; the returned params map boxes back to the frame. */
  run(frame: RgbFrame): LetterboxParams {
    const { width: sw, height: sh, data } = frame;
    checkSize(sw, sh, 'Frame');
    if (data.length !== sw * sh * 3) {
      throw new InferenceError('FRAME_INVALID', `Frame ${sw}x${sh} needs ${sw * sh * 3} RGB bytes, got ${data.length}`);
    }
    let p = this.params;
    if (!p || p.srcWidth !== sw || p.srcHeight !== sh) {
      p = letterboxParams(sw, sh, this.width, this.height);
      this.params = p;
      this.paintBorder(p);
      this.xs = axisMap(sw, p.newWidth, 3);
      this.ys = axisMap(sh, p.newHeight, sw * 3);
    }
    if (p.newWidth === sw && p.newHeight === sh) this.copy(data, p);
    else this.resize(data, p);
    return p;
  }

  /** Size already right (ffmpeg scaled it, or a 640×480 camera into 640×640): HWC→CHW only. */
  private copy(src: Uint8Array, p: LetterboxParams): void {
    const out = this.input;
    const plane = this.width * this.height;
    const g = plane;
    const b = 2 * plane;
    let s = 0;
    for (let y = 0; y < p.newHeight; y++) {
      let o = (y + p.padY) * this.width + p.padX;
      const end = o + p.newWidth;
      for (; o < end; o++, s += 3) {
        out[o] = UNIT[src[s]!]!;
        out[o + g] = UNIT[src[s + 1]!]!;
        out[o + b] = UNIT[src[s + 2]!]!;
      }
    }
  }

  private resize(src: Uint8Array, p: LetterboxParams): void {
    const out = this.input;
    const plane = this.width * this.height;
    const plane2 = 2 * plane;
    const { i0: x0, i1: x1, w: wx } = this.xs!;
    const { i0: y0, i1: y1, w: wy } = this.ys!;
    const k = 1 / 255;
    const nw = p.newWidth;
    for (let y = 0; y < p.newHeight; y++) {
      const rowA = y0[y]!;
      const rowB = y1[y]!;
      // Fold 1/255 into the row weights: one multiply fewer per channel.
      const wb = wy[y]! * k;
      const wa = k - wb;
      let o = (y + p.padY) * this.width + p.padX;
      for (let x = 0; x < nw; x++, o++) {
        const fx = wx[x]!;
        const a = rowA + x0[x]!;
        const b = rowA + x1[x]!;
        const c = rowB + x0[x]!;
        const d = rowB + x1[x]!;
        // Channels unrolled: a loop over 3 with ch * plane costs ~40% here.
        let pa = src[a]!;
        let pc = src[c]!;
        out[o] = (pa + (src[b]! - pa) * fx) * wa + (pc + (src[d]! - pc) * fx) * wb;
        pa = src[a + 1]!;
        pc = src[c + 1]!;
        out[o + plane] = (pa + (src[b + 1]! - pa) * fx) * wa + (pc + (src[d + 1]! - pc) * fx) * wb;
        pa = src[a + 2]!;
        pc = src[c + 2]!;
        out[o + plane2] = (pa + (src[b + 2]! - pa) * fx) * wa + (pc + (src[d + 2]! - pc) * fx) * wb;
      }
    }
  }

  private paintBorder(p: LetterboxParams): void {
    const out = this.input;
    const plane = this.width * this.height;
    for (let ch = 0; ch < 3; ch++) {
      const base = ch * plane;
      for (let y = 0; y < this.height; y++) {
        const row = base + y * this.width;
        if (y < p.padY || y >= p.padY + p.newHeight) {
          out.fill(PAD, row, row + this.width);
        } else {
          out.fill(PAD, row, row + p.padX);
          out.fill(PAD, row + p.padX + p.newWidth, row + this.width);
        }
      }
    }
  }

  /** Grey frame for warm-up runs; forgets the cached geometry so the next frame repaints. */
  fillGrey(): void {
    this.input.fill(PAD);
    this.params = undefined;
  }
}
