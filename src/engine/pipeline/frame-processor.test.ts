/**
 * FrameProcessor is pure: with a scripted detector it is a deterministic function of its frames.
 * These tables check what the frame loop relies on — counts and totals per frame, resumed
 * totals, and the detector swap between two frames.
 */
import { describe, expect, it } from 'vitest';
import { makeDetections, type RgbFrame } from '../vision/detections';
import type { FrameDetector } from '../vision/frame-detector';
import { FrameProcessor, SwapCancelled, type ModelRef } from './frame-processor';

const SIZE = 640;
const V1: ModelRef = { modelId: 'm', versionNumber: '1.0.0' };
const V2: ModelRef = { modelId: 'm', versionNumber: '1.0.1' };

/** One person, 40×120 px, whose box's left edge is at x(frame) — the model's output for each frame. */
function walker(x: (frame: number) => number, size = SIZE): FrameDetector & { calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    info: { inputWidth: size, inputHeight: size, classNames: ['person'] },
    detect: async (frame) => {
      calls.push(frame.index);
      const x1 = x(frame.index);
      return { detections: makeDetections([[x1, 200, x1 + 40, 320]], [0.9]), ms: { infer: 1, total: 1 } };
    },
  };
}

const frame = (index: number): RgbFrame => ({ width: SIZE, height: SIZE, data: new Uint8Array(0), index, timeS: index / 10 });
// Vertical line x = 300, top to bottom: walking toward larger x counts in.
const LINE = { id: 7, name: 'door', x1: 300, y1: 0, x2: 300, y2: SIZE };

function processor(detector: FrameDetector, o: Partial<ConstructorParameters<typeof FrameProcessor>[0]> = {}): FrameProcessor {
  return new FrameProcessor({ sourceWidth: SIZE, sourceHeight: SIZE, fps: 10, lines: [LINE], detector, model: V1, ...o });
}

async function run(p: FrameProcessor, frames: number): Promise<Awaited<ReturnType<FrameProcessor['process']>>[]> {
  const out = [];
  for (let i = 0; i < frames; i++) out.push(await p.process(frame(i)));
  return out;
}

describe('FrameProcessor', () => {
  it('counts a walker crossing once, with the line, the anchors and the totals after it', async () => {
    const p = processor(walker((i) => 100 + 10 * i));
    const outcomes = await run(p, 40);
    const crossings = outcomes.flatMap((o) => o.crossings);
    expect(crossings).toHaveLength(1);
    const c = crossings[0]!;
    expect(c).toMatchObject({ direction: 'in', line: 'door', lineId: 7, lineIndex: 0, totals: { in: 1, out: 0 } });
    expect(c.anchor[0]).toBeGreaterThan(300); // past the line (and its hysteresis margin)
    expect(p.lineCounts()).toEqual([{ name: 'door', lineId: 7, in: 1, out: 0 }]);
    expect(p.processedFrames).toBe(40);
  });

  it('the same frames give the same outcome (deterministic)', async () => {
    const a = (await run(processor(walker((i) => 500 - 10 * i)), 40)).flatMap((o) => o.crossings);
    const b = (await run(processor(walker((i) => 500 - 10 * i)), 40)).flatMap((o) => o.crossings);
    expect(a).toEqual(b);
    expect(a.map((c) => c.direction)).toEqual(['out']);
  });

  it('resumed totals are the starting point of the running totals', async () => {
    const p = processor(walker((i) => 100 + 10 * i), { initialCounts: [{ in: 40, out: 2 }] });
    const crossing = (await run(p, 40)).flatMap((o) => o.crossings)[0]!;
    expect(crossing.totals).toEqual({ in: 41, out: 2 });
    expect(p.lineCounts()[0]).toMatchObject({ in: 41, out: 2 });
  });

  it('a swap takes effect at the next frame: that frame and the later ones are the new model’s, nothing is lost', async () => {
    const first = walker((i) => 100 + 10 * i);
    const second = walker((i) => 100 + 10 * i);
    const p = processor(first);
    const before = await run(p, 5);
    const swapped = p.swapDetector(second, V2);
    const rest = [];
    for (let i = 5; i < 40; i++) rest.push(await p.process(frame(i)));
    const done = await swapped;
    expect(done).toEqual({ previous: first, previousModel: V1, atFrame: 5 });
    expect(first.calls).toEqual([0, 1, 2, 3, 4]);
    expect(second.calls).toEqual(Array.from({ length: 35 }, (_, i) => i + 5));
    expect(before.every((o) => o.model === V1)).toBe(true);
    expect(rest.every((o) => o.model === V2)).toBe(true);
    // Tracker and counters carried on: the crossing is counted once, by the new model.
    expect([...before, ...rest].flatMap((o) => o.crossings).map((c) => c.direction)).toEqual(['in']);
  });

  it('refuses a detector of another input size, and a cancelled swap rejects without changing anything', async () => {
    const p = processor(walker(() => 100));
    await expect(p.swapDetector(walker(() => 100, 320), V2)).rejects.toThrow(/differs from the running 640x640/);
    const pending = p.swapDetector(walker(() => 100), V2);
    const later = p.swapDetector(walker(() => 100), V2);
    await expect(pending).rejects.toBeInstanceOf(SwapCancelled);
    p.cancelSwap('stopped');
    await expect(later).rejects.toThrow(/swap cancelled: stopped/);
    expect((await p.process(frame(0))).model).toBe(V1);
  });
});
