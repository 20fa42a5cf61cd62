import { describe, expect, it } from 'vitest';
import { DEFAULT_DECODE, YoloDecoder, type DecodeOptions } from '../../../src/engine/inference/decode';
import { InferenceError } from '../../../src/engine/inference/errors';
import type { OutputLayout } from '../../../src/engine/inference/layout';
import { letterboxParams } from '../../../src/engine/inference/preprocess';
import type { Detections } from '../../../src/engine/vision/detections';

const C = 80;
const V8: OutputLayout = { kind: 'yolov8', numClasses: C, stride: 4 + C };
const V5: OutputLayout = { kind: 'yolov5', numClasses: C, stride: 5 + C };

interface Anchor {
  box: [number, number, number, number]; // cx, cy, w, h in model pixels
  scores: Record<number, number>;
  obj?: number;
}

/** [1, 4+C, N]: row c holds value c of every anchor. */
function v8Tensor(anchors: Anchor[]): { data: Float32Array; dims: number[] } {
  const n = anchors.length;
  const data = new Float32Array((4 + C) * n);
  anchors.forEach((a, i) => {
    a.box.forEach((v, k) => (data[k * n + i] = v));
    for (const [c, s] of Object.entries(a.scores)) data[(4 + Number(c)) * n + i] = s;
  });
  return { data, dims: [1, 4 + C, n] };
}

/** [1, N, 5+C]: one row per anchor, objectness at index 4. */
function v5Tensor(anchors: Anchor[]): { data: Float32Array; dims: number[] } {
  const n = anchors.length;
  const data = new Float32Array((5 + C) * n);
  anchors.forEach((a, i) => {
    const r = i * (5 + C);
    data.set(a.box, r);
    data[r + 4] = a.obj ?? 1;
    for (const [c, s] of Object.entries(a.scores)) data[r + 5 + Number(c)] = s;
  });
  return { data, dims: [1, n, 5 + C] };
}

const rows = (d: Detections): Array<{ box: number[]; conf: number; cls: number }> =>
  Array.from({ length: d.length }, (_, i) => ({
    box: [...d.xyxy.subarray(i * 4, i * 4 + 4)].map((v) => Math.round(v * 100) / 100),
    conf: Math.round(d.confidence[i]! * 1000) / 1000,
    cls: d.classId[i]!,
  }));

// 1280×720 into 640×640: scale 0.5, image at y 140..500.
const LB = letterboxParams(1280, 720, 640, 640);

const SCENE: Anchor[] = [
  { box: [320, 320, 100, 50], scores: { 0: 0.9 } }, // person → [540,310,740,410]
  { box: [325, 320, 100, 50], scores: { 0: 0.8 } }, // same person, weaker: NMS drops it
  { box: [100, 300, 40, 40], scores: { 16: 0.9, 0: 0.3 } }, // a dog that is a bit person-like
  { box: [200, 200, 20, 20], scores: { 0: 0.2 } }, // below 0.25
  { box: [620, 320, 100, 50], scores: { 0: 0.6 } }, // runs off the right edge: clipped at 1280
  { box: [320, 50, 40, 20], scores: { 0: 0.7 } }, // entirely in the top padding: no area left
];

const EXPECTED_PERSONS = [
  { box: [540, 310, 740, 410], conf: 0.9, cls: 0 },
  { box: [1140, 310, 1280, 410], conf: 0.6, cls: 0 },
];

describe.each([
  ['yolov8 [1,84,N]', V8, v8Tensor],
  ['yolov5 [1,N,85]', V5, v5Tensor],
] as const)('decode %s', (_name, layout, build) => {
  it('keeps persons above threshold, suppresses duplicates, maps back and clips', () => {
    const { data, dims } = build(SCENE);
    expect(rows(new YoloDecoder(layout).decode(data, dims, LB))).toEqual(EXPECTED_PERSONS);
  });

  it('an anchor whose best class is not requested is dropped, not relabelled', () => {
    const { data, dims } = build([SCENE[2]!]);
    expect(new YoloDecoder(layout).decode(data, dims, LB).length).toBe(0);
  });

  it('classes: null reports every class with its id', () => {
    const { data, dims } = build(SCENE);
    const d = new YoloDecoder(layout, { ...DEFAULT_DECODE, classes: null }).decode(data, dims, LB);
    expect(rows(d)).toEqual([EXPECTED_PERSONS[0], { box: [160, 280, 240, 360], conf: 0.9, cls: 16 }, EXPECTED_PERSONS[1]]);
  });

  it('threshold is inclusive and maxDetections caps the result', () => {
    const { data, dims } = build(SCENE);
    const opts: DecodeOptions = { ...DEFAULT_DECODE, confThreshold: 0.6, maxDetections: 1 };
    expect(rows(new YoloDecoder(layout, opts).decode(data, dims, LB))).toEqual([EXPECTED_PERSONS[0]]);
    const inclusive = new YoloDecoder(layout, { ...DEFAULT_DECODE, confThreshold: 0.6 }).decode(data, dims, LB);
    expect(inclusive.length).toBe(2);
  });

  it('no anchors → empty detections', () => {
    const { data, dims } = build([]);
    expect(new YoloDecoder(layout).decode(data, dims, LB).length).toBe(0);
  });

  it('a tensor of the wrong shape is a typed error', () => {
    const { data } = build(SCENE);
    const decoder = new YoloDecoder(layout);
    expect(() => decoder.decode(data, [1, 10, 10], LB)).toThrow(InferenceError);
    expect(() => decoder.decode(data.subarray(1), layout.kind === 'yolov8' ? [1, 84, 6] : [1, 6, 85], LB)).toThrow(
      /MODEL_OUTPUT|expected/,
    );
  });

  it('reuses its scratch buffers across frames of different anchor counts', () => {
    const decoder = new YoloDecoder(layout);
    const big = build(SCENE);
    const small = build([SCENE[0]!]);
    expect(decoder.decode(big.data, big.dims, LB).length).toBe(2);
    expect(rows(decoder.decode(small.data, small.dims, LB))).toEqual([EXPECTED_PERSONS[0]]);
    expect(decoder.decode(big.data, big.dims, LB).length).toBe(2);
  });
});

describe('yolov5 objectness', () => {
  it('score is objectness × class score, and low objectness rejects early', () => {
    const { data, dims } = v5Tensor([
      { box: [100, 300, 40, 40], scores: { 0: 0.9 }, obj: 0.5 }, // 0.45 → kept
      { box: [400, 300, 40, 40], scores: { 0: 1.0 }, obj: 0.2 }, // 0.2 → dropped
      { box: [300, 300, 40, 40], scores: { 0: 0.4 }, obj: 0.5 }, // 0.2 → dropped
    ]);
    expect(rows(new YoloDecoder(V5).decode(data, dims, LB))).toEqual([{ box: [160, 280, 240, 360], conf: 0.45, cls: 0 }]);
  });
});

describe('both layouts agree on random tensors', () => {
  it('v8 and its v5 transposition (objectness 1) give identical detections', () => {
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const anchors: Anchor[] = Array.from({ length: 400 }, () => {
      const scores: Record<number, number> = {};
      for (let k = 0; k < 3; k++) scores[Math.floor(rand() * 3)] = rand();
      return { box: [rand() * 640, rand() * 640, 5 + rand() * 150, 5 + rand() * 300], scores };
    });
    const opts = { ...DEFAULT_DECODE, classes: null };
    const a = new YoloDecoder(V8, opts).decode(v8Tensor(anchors).data, v8Tensor(anchors).dims, LB);
    const b = new YoloDecoder(V5, opts).decode(v5Tensor(anchors).data, v5Tensor(anchors).dims, LB);
    expect(a.length).toBeGreaterThan(10);
    expect(rows(b)).toEqual(rows(a));
  });
});

describe('decoder options are validated at construction', () => {
  it.each<[string, Partial<DecodeOptions>]>([
    ['conf above 1', { confThreshold: 1.5 }],
    ['conf NaN', { confThreshold: Number.NaN }],
    ['iou negative', { iouThreshold: -0.1 }],
    ['class outside the model', { classes: [80] }],
    ['negative class', { classes: [-1] }],
    ['empty class list', { classes: [] }],
    ['maxDetections 0', { maxDetections: 0 }],
  ])('%s', (_name, patch) => {
    expect(() => new YoloDecoder(V8, { ...DEFAULT_DECODE, ...patch })).toThrow(
      expect.objectContaining({ code: 'DETECTOR_OPTIONS_INVALID' }),
    );
  });
});
