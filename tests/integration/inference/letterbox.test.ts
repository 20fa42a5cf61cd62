import { describe, expect, it } from 'vitest';
import {
  Letterboxer,
  PAD_VALUE,
  letterboxFilter,
  letterboxParams,
  toSourceX,
  toSourceY,
} from '../../../src/engine/inference/preprocess';
import type { RgbFrame } from '../../../src/engine/vision/detections';

const GREY = PAD_VALUE / 255;

function frame(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 3);
  }
  return { width, height, data, index: 0, timeS: 0 };
}

describe('letterboxParams', () => {
  it.each([
    // src w, h → scale, newW, newH, padX, padY
    [640, 480, 1, 640, 480, 0, 80],
    [1280, 720, 0.5, 640, 360, 0, 140],
    [768, 576, 640 / 768, 640, 480, 0, 80],
    [480, 640, 1, 480, 640, 80, 0],
    [100, 1000, 0.64, 64, 640, 288, 0],
    [640, 640, 1, 640, 640, 0, 0],
    [320, 320, 2, 640, 640, 0, 0],
    [1, 1, 640, 640, 640, 0, 0],
    [641, 1, 640 / 641, 640, 1, 0, 319],
  ])('%i×%i', (w, h, scale, newW, newH, padX, padY) => {
    const p = letterboxParams(w, h, 640, 640);
    expect(p.scale).toBeCloseTo(scale, 9);
    expect([p.newWidth, p.newHeight, p.padX, p.padY]).toEqual([newW, newH, padX, padY]);
    expect(p.padX + p.newWidth).toBeLessThanOrEqual(640);
    expect(p.padY + p.newHeight).toBeLessThanOrEqual(640);
  });

  it.each([
    [0, 480],
    [640, -1],
    [640.5, 480],
    [Number.NaN, 480],
  ])('refuses source %s×%s', (w, h) => {
    expect(() => letterboxParams(w, h, 640, 640)).toThrow(expect.objectContaining({ code: 'FRAME_INVALID' }));
  });

  it('gives ffmpeg a scale+pad chain with the same geometry and grey', () => {
    expect(letterboxFilter(letterboxParams(1280, 720, 640, 640))).toBe(
      'scale=640:360:flags=bilinear,pad=640:640:0:140:color=0x727272',
    );
  });

  it('maps model coordinates back to the source', () => {
    const p = letterboxParams(1280, 720, 640, 640);
    expect([toSourceX(p, 0), toSourceY(p, 140), toSourceX(p, 640), toSourceY(p, 500)]).toEqual([0, 0, 1280, 720]);
  });
});

describe('Letterboxer', () => {
  it('round-trips a painted rectangle: its place in the tensor maps back to the source within a pixel', () => {
    // 1280×720 black frame with a red box at x 400..599, y 200..499.
    const src = frame(1280, 720, (x, y) => (x >= 400 && x < 600 && y >= 200 && y < 500 ? [255, 0, 0] : [0, 0, 0]));
    const lb = new Letterboxer(640, 640);
    const p = lb.run(src);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let y = 0; y < 640; y++) {
      for (let x = 0; x < 640; x++) {
        const r = lb.input[y * 640 + x]!;
        if (r > 0.5 && lb.input[640 * 640 + y * 640 + x]! < 0.1) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x + 1);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y + 1);
        }
      }
    }
    const back = [toSourceX(p, minX), toSourceY(p, minY), toSourceX(p, maxX), toSourceY(p, maxY)];
    [400, 200, 600, 500].forEach((want, i) => expect(Math.abs(back[i]! - want)).toBeLessThanOrEqual(2));
  });

  it('pads with 114 grey on every channel and keeps the image inside', () => {
    const lb = new Letterboxer(640, 640);
    lb.run(frame(1280, 720, () => [10, 20, 30]));
    const plane = 640 * 640;
    for (const [x, y] of [[0, 0], [639, 139], [320, 500], [639, 639]] as const) {
      for (let ch = 0; ch < 3; ch++) expect(lb.input[ch * plane + y * 640 + x]).toBeCloseTo(GREY, 6);
    }
    for (const [x, y] of [[0, 140], [639, 499], [320, 320]] as const) {
      expect([0, 1, 2].map((ch) => lb.input[ch * plane + y * 640 + x]!)).toEqual(
        [10, 20, 30].map((v) => expect.closeTo(v / 255, 5)),
      );
    }
  });

  it('exact-size frames are a pure HWC→CHW /255 transpose', () => {
    const src = frame(64, 48, (x, y) => [x * 3, y * 5, (x + y) % 256]);
    const lb = new Letterboxer(64, 48);
    const p = lb.run(src);
    expect([p.scale, p.padX, p.padY]).toEqual([1, 0, 0]);
    for (let i = 0; i < 64 * 48; i++) {
      for (let ch = 0; ch < 3; ch++) expect(lb.input[ch * 64 * 48 + i]).toBe(Math.fround(src.data[i * 3 + ch]! / 255));
    }
  });

  it('reuses one buffer and repaints the border when the source size changes', () => {
    const lb = new Letterboxer(64, 64);
    const buffer = lb.input;
    lb.run(frame(64, 32, () => [255, 255, 255])); // landscape: bands top and bottom
    lb.run(frame(32, 64, () => [0, 0, 0])); // portrait: bands left and right
    expect(lb.input).toBe(buffer);
    // Row 0 column 32 was a grey band, then must be image (black) now.
    expect(lb.input[32]).toBe(0);
    // Column 0 is now a band; column 63 too.
    expect(lb.input[10 * 64]).toBeCloseTo(GREY, 6);
    expect(lb.input[10 * 64 + 63]).toBeCloseTo(GREY, 6);
    // No white left over anywhere from the first frame.
    expect(lb.input.some((v) => v > 0.9)).toBe(false);
  });

  it('downscaling a constant frame stays constant (weights sum to one)', () => {
    const lb = new Letterboxer(640, 640);
    lb.run(frame(1920, 1080, () => [200, 100, 50]));
    const plane = 640 * 640;
    for (let y = 140; y < 500; y += 7) {
      for (let x = 0; x < 640; x += 13) expect(lb.input[plane + y * 640 + x]).toBeCloseTo(100 / 255, 5);
    }
  });

  it('refuses a frame whose byte count does not match its size', () => {
    const lb = new Letterboxer(64, 64);
    expect(() => lb.run({ width: 10, height: 10, data: new Uint8Array(299), index: 0, timeS: 0 })).toThrow(
      expect.objectContaining({ code: 'FRAME_INVALID' }),
    );
  });
});
