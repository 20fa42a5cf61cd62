/**
 * The evidence picture of an audit item: the frame downscaled to `audit.picture_width`, every
 * detected person pixelated inside their box (blocks of PIXEL_BLOCK picture pixels, each the mean
 * of its pixels: a face or a shirt's print becomes a few flat squares), then drawn on top: the
 * counting lines (white), the counted track's box (green for in, orange for out) and its path.
 * Only this picture is ever stored (audit_items.picture), and only while auditing is on.
 */
import jpeg from 'jpeg-js';
import { downscalePreview, type PreviewPixels } from '../cameras/preview-encoder';
import type { LetterboxParams } from '../inference/preprocess';
import type { RgbFrame } from '../vision/detections';

/** Side of a pixelation block, in picture pixels (a 320 px picture of a 768 px camera: 24 camera pixels). */
export const PIXEL_BLOCK = 10;
const JPEG_QUALITY = 70;

export type Box = readonly [number, number, number, number];

export interface EvidenceDrawing {
  /** Every detected person's box, in source pixels: pixelated. */
  people: readonly Box[];
  /** The counted track's box and path (source pixels), and which way it went. */
  track?: { box: Box; path: ReadonlyArray<readonly [number, number]>; direction: 'in' | 'out' } | null;
  lines: ReadonlyArray<{ x1: number; y1: number; x2: number; y2: number }>;
  /** Pixelate the people (default true; false only for tests comparing with the raw picture). */
  pixelate?: boolean;
}

export interface EvidencePicture {
  jpeg: Buffer;
  width: number;
  height: number;
}

/** Reads the lent frame at once (downscale), then draws and encodes the copy. */
export function renderEvidence(frame: RgbFrame, lb: LetterboxParams, width: number, d: EvidenceDrawing): EvidencePicture {
  const px = downscalePreview(frame, lb, width);
  const scale = px.width / lb.srcWidth;
  if (d.pixelate !== false) for (const b of d.people) pixelate(px, scaleBox(b, scale));
  for (const l of d.lines) drawLine(px, l.x1 * scale, l.y1 * scale, l.x2 * scale, l.y2 * scale, [255, 255, 255]);
  if (d.track) {
    const colour: Rgb = d.track.direction === 'in' ? [40, 220, 80] : [255, 150, 20];
    const b = scaleBox(d.track.box, scale);
    drawRect(px, b, colour);
    const path = d.track.path;
    for (let i = 1; i < path.length; i++) drawLine(px, path[i - 1]![0] * scale, path[i - 1]![1] * scale, path[i]![0] * scale, path[i]![1] * scale, [255, 40, 200]);
  }
  const encoded = jpeg.encode({ width: px.width, height: px.height, data: px.data }, JPEG_QUALITY);
  return { jpeg: Buffer.from(encoded.data), width: px.width, height: px.height };
}

type Rgb = readonly [number, number, number];

function scaleBox(b: Box, s: number): Box {
  return [b[0] * s, b[1] * s, b[2] * s, b[3] * s];
}

/** Block means over the box (blocks aligned to the picture's grid, clipped to the box). */
export function pixelate(px: PreviewPixels, box: Box, block = PIXEL_BLOCK): void {
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(px.width, Math.ceil(box[2]));
  const y1 = Math.min(px.height, Math.ceil(box[3]));
  for (let by = Math.floor(y0 / block) * block; by < y1; by += block) {
    for (let bx = Math.floor(x0 / block) * block; bx < x1; bx += block) {
      const ya = Math.max(by, y0);
      const yb = Math.min(by + block, y1);
      const xa = Math.max(bx, x0);
      const xb = Math.min(bx + block, x1);
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let y = ya; y < yb; y++) {
        for (let x = xa; x < xb; x++) {
          const q = (y * px.width + x) * 4;
          r += px.data[q]!;
          g += px.data[q + 1]!;
          b += px.data[q + 2]!;
          n++;
        }
      }
      if (n === 0) continue;
      for (let y = ya; y < yb; y++) {
        for (let x = xa; x < xb; x++) {
          const q = (y * px.width + x) * 4;
          px.data[q] = r / n;
          px.data[q + 1] = g / n;
          px.data[q + 2] = b / n;
        }
      }
    }
  }
}

function put(px: PreviewPixels, x: number, y: number, c: Rgb): void {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= px.width || yi >= px.height) return;
  const q = (yi * px.width + xi) * 4;
  px.data[q] = c[0];
  px.data[q + 1] = c[1];
  px.data[q + 2] = c[2];
}

function drawLine(px: PreviewPixels, xa: number, ya: number, xb: number, yb: number, c: Rgb): void {
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(xb - xa), Math.abs(yb - ya))));
  for (let i = 0; i <= steps; i++) {
    const x = xa + ((xb - xa) * i) / steps;
    const y = ya + ((yb - ya) * i) / steps;
    put(px, x, y, c);
    put(px, x + 1, y, c);
  }
}

function drawRect(px: PreviewPixels, b: Box, c: Rgb): void {
  drawLine(px, b[0], b[1], b[2], b[1], c);
  drawLine(px, b[2], b[1], b[2], b[3], c);
  drawLine(px, b[2], b[3], b[0], b[3], c);
  drawLine(px, b[0], b[3], b[0], b[1], c);
}
