import { describe, expect, it } from 'vitest';
import { nms } from '../../../src/engine/inference/nms';
import { boxIouAt } from '../../../src/engine/vision/box';

type Box = [number, number, number, number];
const f32 = (boxes: Box[]): Float32Array => Float32Array.from(boxes.flat());

describe('iou (src/engine/vision/box, as NMS uses it)', () => {
  it.each<[string, Box, Box, number]>([
    ['identical', [0, 0, 10, 10], [0, 0, 10, 10], 1],
    ['disjoint', [0, 0, 10, 10], [20, 20, 30, 30], 0],
    ['touching edges', [0, 0, 10, 10], [10, 0, 20, 10], 0],
    ['half overlap', [0, 0, 10, 10], [5, 0, 15, 10], 50 / 150],
    ['contained', [0, 0, 10, 10], [2, 2, 7, 7], 25 / 100],
    ['zero-area point', [5, 5, 5, 5], [0, 0, 10, 10], 0],
    ['inverted box', [10, 10, 0, 0], [0, 0, 10, 10], 0],
    ['both zero-area at same spot', [1, 1, 1, 1], [1, 1, 1, 1], 0],
  ])('%s', (_name, a, b, want) => {
    const boxes = f32([a, b]);
    expect(boxIouAt(boxes, 0, boxes, 1)).toBeCloseTo(want, 6);
    expect(boxIouAt(boxes, 1, boxes, 0)).toBeCloseTo(want, 6);
  });
});

describe('nms', () => {
  interface Case {
    name: string;
    boxes: Box[];
    scores: number[];
    classes?: number[];
    iou?: number;
    maxKeep?: number;
    maxCandidates?: number;
    keep: number[];
  }
  const cases: Case[] = [
    { name: 'empty', boxes: [], scores: [], keep: [] },
    { name: 'single', boxes: [[0, 0, 1, 1]], scores: [0.5], keep: [0] },
    { name: 'identical boxes keep the best', boxes: [[0, 0, 10, 10], [0, 0, 10, 10]], scores: [0.4, 0.9], keep: [1] },
    { name: 'disjoint boxes both stay, best first', boxes: [[0, 0, 10, 10], [50, 50, 60, 60]], scores: [0.3, 0.8], keep: [1, 0] },
    // IoU exactly 0.5 at threshold 0.5 is not "over" it (torchvision semantics).
    { name: 'IoU equal to threshold is kept', boxes: [[0, 0, 10, 10], [0, 0, 10, 5]], scores: [0.9, 0.8], iou: 0.5, keep: [0, 1] },
    { name: 'IoU above threshold is dropped', boxes: [[0, 0, 10, 10], [5, 0, 15, 10]], scores: [0.9, 0.8], iou: 0.3, keep: [0] },
    { name: 'class-aware: other class survives', boxes: [[0, 0, 10, 10], [0, 0, 10, 10]], scores: [0.9, 0.8], classes: [0, 16], keep: [0, 1] },
    { name: 'class-aware: same class suppressed', boxes: [[0, 0, 10, 10], [1, 0, 10, 10]], scores: [0.9, 0.8], classes: [3, 3], keep: [0] },
    {
      name: 'suppressed box does not suppress others (chain)',
      boxes: [[0, 0, 10, 10], [6, 0, 16, 10], [12, 0, 22, 10]],
      scores: [0.9, 0.8, 0.7],
      iou: 0.2,
      keep: [0, 2],
    },
    { name: 'zero-area boxes neither suppress nor are suppressed', boxes: [[5, 5, 5, 5], [0, 0, 10, 10], [5, 5, 5, 5]], scores: [0.9, 0.8, 0.7], keep: [0, 1, 2] },
    { name: 'NaN and infinite scores are ignored', boxes: [[0, 0, 1, 1], [2, 2, 3, 3], [4, 4, 5, 5]], scores: [Number.NaN, 0.5, Number.POSITIVE_INFINITY], keep: [1] },
    { name: 'equal scores keep input order', boxes: [[0, 0, 1, 1], [2, 2, 3, 3], [4, 4, 5, 5]], scores: [0.5, 0.5, 0.5], keep: [0, 1, 2] },
    { name: 'maxKeep caps the result', boxes: [[0, 0, 1, 1], [2, 2, 3, 3], [4, 4, 5, 5]], scores: [0.1, 0.2, 0.3], maxKeep: 2, keep: [2, 1] },
    { name: 'maxCandidates drops the weakest before NMS', boxes: [[0, 0, 1, 1], [2, 2, 3, 3], [4, 4, 5, 5]], scores: [0.1, 0.2, 0.3], maxCandidates: 1, keep: [2] },
    { name: 'threshold 1 never suppresses', boxes: [[0, 0, 10, 10], [0, 0, 10, 10]], scores: [0.9, 0.8], iou: 1, keep: [0, 1] },
    { name: 'threshold 0 suppresses any overlap', boxes: [[0, 0, 10, 10], [9, 9, 20, 20]], scores: [0.9, 0.8], iou: 0, keep: [0] },
  ];
  it.each(cases)('$name', (c) => {
    const kept = nms(f32(c.boxes), Float32Array.from(c.scores), c.boxes.length, c.iou ?? 0.45, {
      classIds: c.classes ? Int32Array.from(c.classes) : undefined,
      maxKeep: c.maxKeep,
      maxCandidates: c.maxCandidates,
    });
    expect([...kept]).toEqual(c.keep);
  });

  it('only looks at the first `count` entries of larger scratch buffers', () => {
    const boxes = f32([[0, 0, 1, 1], [2, 2, 3, 3], [0, 0, 1, 1]]);
    expect([...nms(boxes, Float32Array.from([0.2, 0.1, 0.9]), 2, 0.45)]).toEqual([0, 1]);
  });

  it('handles a thousand overlapping boxes and keeps one', () => {
    const n = 1000;
    const boxes = new Float32Array(n * 4);
    const scores = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      boxes.set([i * 0.01, 0, 100 + i * 0.01, 100], i * 4);
      scores[i] = (i * 7919) % n / n;
    }
    const kept = nms(boxes, scores, n, 0.45);
    expect(kept.length).toBe(1);
    expect(scores[kept[0]!]).toBe(Math.max(...scores));
  });
});

describe('nms methods for people standing close', () => {
  // Two people 18 px apart in depth (IoU 0.554, DIoU 0.530 between their boxes), and a
  // near-duplicate box on the first one (same centre, IoU 0.93): YOLO's output for a pair side by side.
  const back: Box = [100, 200, 140, 300];
  const front: Box = [104, 218, 146, 320];
  const dup: Box = [101, 202, 141, 301];
  const boxes = f32([back, front, dup]);
  const scores = (): Float32Array => Float32Array.from([0.9, 0.6, 0.8]);

  it.each([
    { method: 'hard' as const, iou: 0.45, keep: [0] }, // the second person is merged away
    { method: 'diou' as const, iou: 0.45, keep: [0] },
    { method: 'hard' as const, iou: 0.55, keep: [0] },
    { method: 'diou' as const, iou: 0.55, keep: [0, 1] }, // centres apart: both people survive
    { method: 'hard' as const, iou: 0.65, keep: [0, 1] },
    { method: 'diou' as const, iou: 0.65, keep: [0, 1] },
    { method: 'diou' as const, iou: 0.95, keep: [0, 2, 1] }, // too lax: the duplicate survives too
    { method: 'soft' as const, iou: 0.65, keep: [0, 1] }, // kept, with a decayed score
  ])('$method at $iou keeps $keep', ({ method, iou, keep }) => {
    expect([...nms(boxes, scores(), 3, iou, { method })]).toEqual(keep);
  });

  it('soft-NMS decays the score of an overlapping box instead of dropping it, and reports it', () => {
    const s = scores();
    const out = new Float32Array(3);
    const kept = nms(boxes, s, 3, 0.65, { method: 'soft', softSigma: 0.5, outScores: out });
    expect([...kept]).toEqual([0, 1]);
    expect(out[0]).toBeCloseTo(0.9, 6);
    const v = 2952 / 5332; // IoU(back, front)
    expect(out[1]).toBeCloseTo(0.6 * Math.exp(-(v * v) / 0.5), 2);
    expect(s[1]).toBeCloseTo(0.6, 6); // the input scores are left alone
  });

  it('soft-NMS drops a box once its decayed score falls below softMinScore', () => {
    expect([...nms(boxes, scores(), 3, 0.65, { method: 'soft', softMinScore: 0.4 })]).toEqual([0]);
  });

  it.each(['hard', 'diou', 'soft'] as const)('%s: empty input, degenerate boxes and other classes', (method) => {
    expect([...nms(new Float32Array(0), new Float32Array(0), 0, 0.5, { method })]).toEqual([]);
    const b = f32([[5, 5, 5, 5], [0, 0, 10, 10], [0, 0, 10, 10]]);
    expect([...nms(b, Float32Array.from([0.9, 0.8, 0.7]), 3, 0.5, { method, classIds: Int32Array.from([0, 0, 1]) })]).toEqual([0, 1, 2]);
  });
});
