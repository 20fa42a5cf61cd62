import { describe, expect, it } from 'vitest';
import type { RgbFrame } from '../vision/detections';
import { FramePool, FrameReader } from './frame-reader';

/** n frames of w*h*3 bytes where every byte encodes (frame, offset) so misalignment shows. */
function stream(w: number, h: number, n: number): Uint8Array {
  const size = w * h * 3;
  const out = new Uint8Array(size * n);
  for (let f = 0; f < n; f++) for (let i = 0; i < size; i++) out[f * size + i] = (f * 31 + i) & 0xff;
  return out;
}

function cut(data: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let o = 0;
  let k = 0;
  while (o < data.length) {
    const n = sizes[k++ % sizes.length]!;
    chunks.push(data.subarray(o, o + n));
    o += n;
  }
  return chunks;
}

describe('FrameReader', () => {
  const w = 4;
  const h = 3; // 36 bytes per frame
  const n = 7;
  const data = stream(w, h, n);

  it.each([
    ['one chunk per frame', [36]],
    ['whole stream in one chunk', [36 * 7]],
    ['1-byte chunks', [1]],
    ['chunks that straddle frames', [35, 2, 50, 1, 19]],
    ['a chunk holding several frames plus a partial', [100]],
    ['odd sizes', [7, 13, 36, 71]],
  ])('emits exact frames with %s', (_name, sizes) => {
    const frames: RgbFrame[] = [];
    const reader = new FrameReader({ width: w, height: h, fps: 5, onFrame: (f) => frames.push({ ...f, data: f.data.slice() }) });
    for (const c of cut(data, sizes)) reader.push(c);
    expect(frames).toHaveLength(n);
    frames.forEach((f, i) => {
      expect(f.data.byteLength).toBe(36);
      expect(f.index).toBe(i);
      expect(f.timeS).toBeCloseTo(i / 5);
      expect([f.width, f.height]).toEqual([w, h]);
      expect(Array.from(f.data)).toEqual(Array.from(data.subarray(i * 36, (i + 1) * 36)));
    });
    expect(reader.pendingBytes).toBe(0);
  });

  it('holds a trailing partial frame back and reset() discards it', () => {
    const frames: RgbFrame[] = [];
    const reader = new FrameReader({ width: w, height: h, fps: 10, onFrame: (f) => frames.push(f) });
    reader.push(data.subarray(0, 36 + 20));
    expect(frames).toHaveLength(1);
    expect(reader.pendingBytes).toBe(20);
    reader.reset();
    expect(reader.pendingBytes).toBe(0);
  });

  it('reuses released buffers instead of allocating', () => {
    const pool = new FramePool(36);
    const reader = new FrameReader({ width: w, height: h, fps: 10, pool, onFrame: (f) => pool.release(f.data), firstIndex: 100 });
    for (const c of cut(data, [10])) reader.push(c);
    expect(reader.frames).toBe(7);
    expect(pool.allocated).toBe(1);
  });

  it('refuses a pool of the wrong size', () => {
    expect(() => new FrameReader({ width: w, height: h, fps: 10, pool: new FramePool(35), onFrame: () => undefined })).toThrow(RangeError);
  });
});
