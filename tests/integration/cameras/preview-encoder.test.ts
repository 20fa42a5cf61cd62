import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { encodePreview } from '../../../src/engine/cameras/preview-encoder';
import { letterboxParams } from '../../../src/engine/inference/preprocess';

/** A letterboxed 640x640 model-input frame of a 768x576 source: red left half, blue right half. */
function letterboxedFrame(): { frame: { width: number; height: number; data: Uint8Array; index: number; timeS: number }; lb: ReturnType<typeof letterboxParams> } {
  const lb = letterboxParams(768, 576, 640, 640);
  const data = new Uint8Array(640 * 640 * 3).fill(114);
  for (let y = lb.padY; y < lb.padY + lb.newHeight; y++) {
    for (let x = lb.padX; x < lb.padX + lb.newWidth; x++) {
      const p = (y * 640 + x) * 3;
      const left = x < lb.padX + lb.newWidth / 2;
      data[p] = left ? 220 : 20;
      data[p + 1] = 20;
      data[p + 2] = left ? 20 : 220;
    }
  }
  return { frame: { width: 640, height: 640, data, index: 0, timeS: 0 }, lb };
}

describe('live preview JPEG', () => {
  it('is a small data-URL JPEG of the picture without the grey bars, at the source aspect ratio', () => {
    const { frame, lb } = letterboxedFrame();
    const url = encodePreview(frame, lb, { width: 320, quality: 60 });
    expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
    const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
    expect(bytes.length).toBeLessThan(20_000);
    const img = jpeg.decode(bytes, { useTArray: true });
    expect([img.width, img.height]).toEqual([320, 240]);
    const px = (x: number, y: number): number[] => Array.from(img.data.subarray((y * 320 + x) * 4, (y * 320 + x) * 4 + 3));
    // Top row is picture, not the grey padding; left red, right blue.
    const [r1, , b1] = px(10, 2);
    const [r2, , b2] = px(310, 237);
    expect(r1).toBeGreaterThan(180);
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(180);
    expect(r2).toBeLessThan(60);
  });
});
