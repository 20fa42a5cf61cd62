import { describe, expect, it } from 'vitest';
import { frameImageStats } from './frame-image-stats';

function frame(width: number, height: number, pixel: (x: number, y: number) => number) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(pixel(x, y), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, data, index: 0, timeS: 0 };
}
const whole = (w: number, h: number) => ({ padX: 0, padY: 0, newWidth: w, newHeight: h });

describe('frameImageStats', () => {
  it('a flat grey picture: its brightness, no contrast, no sharpness', () => {
    expect(frameImageStats(frame(64, 48, () => 100), whole(64, 48))).toEqual({ brightness: 100, contrast: 0, sharpness: 0 });
  });

  it('a checkerboard is sharp and contrasted; the same board blurred (a smooth ramp) is not sharp', () => {
    const board = frameImageStats(frame(64, 64, (x, y) => ((Math.floor(x / 2) + Math.floor(y / 2)) % 2 ? 200 : 50)), whole(64, 64), 2);
    expect(board.brightness).toBeCloseTo(125, 0);
    expect(board.contrast).toBeCloseTo(75, 0);
    expect(board.sharpness).toBeGreaterThan(10_000);
    const ramp = frameImageStats(frame(64, 64, (x) => 50 + x * 2), whole(64, 64), 2);
    expect(ramp.sharpness).toBeLessThan(1);
  });

  it('ignores the letterbox bands: only the picture inside counts', () => {
    // 64×64 frame, picture in rows 16..47 at 200, bands of 114 (ffmpeg's pad grey) around it.
    const f = frame(64, 64, (_x, y) => (y >= 16 && y < 48 ? 200 : 114));
    expect(frameImageStats(f, { padX: 0, padY: 16, newWidth: 64, newHeight: 32 }).brightness).toBe(200);
  });
});
