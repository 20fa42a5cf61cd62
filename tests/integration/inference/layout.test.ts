import { describe, expect, it } from 'vitest';
import { detectOutputLayout, resolveInputGeometry, type Dim } from '../../../src/engine/inference/layout';

describe('detectOutputLayout', () => {
  it.each<[string, Dim[], number | undefined, string, number]>([
    ['YOLOv8 COCO', [1, 84, 8400], undefined, 'yolov8', 80],
    ['YOLO11 one class', [1, 5, 8400], undefined, 'yolov8', 1],
    ['YOLOv8 dynamic anchors', ['batch', 84, 'anchors'], 80, 'yolov8', 80],
    ['YOLOv5 COCO', [1, 25200, 85], undefined, 'yolov5', 80],
    ['YOLOv5 dynamic anchors', [1, 'n', 85], 80, 'yolov5', 80],
    ['YOLOv5 one class', [1, 6300, 6], undefined, 'yolov5', 1],
  ])('%s %j', (_name, dims, known, kind, classes) => {
    expect(detectOutputLayout('output0', dims, 'float32', known)).toMatchObject({ kind, numClasses: classes });
  });

  it.each<[string, Dim[], string, number | undefined, RegExp]>([
    ['square: ambiguous', [1, 84, 84], 'float32', undefined, /cannot be told apart/],
    ['rank 4', [1, 3, 64, 64], 'float32', undefined, /rank 4/],
    ['rank 2', [84, 8400], 'float32', undefined, /rank 2/],
    ['batch 2', [2, 84, 8400], 'float32', undefined, /batch 2/],
    ['int64', [1, 84, 8400], 'int64', undefined, /int64/],
    ['no room for classes (v8)', [1, 4, 8400], 'float32', undefined, /no room/],
    ['no room for classes (v5)', [1, 8400, 5], 'float32', undefined, /no room/],
    ['both dynamic', [1, 'a', 'b'], 'float32', undefined, /dynamic/],
    ['transposed v8 caught by names', [1, 8400, 84], 'float32', 80, /transposed YOLOv8/],
    ['names disagree', [1, 84, 8400], 'float32', 3, /room for 80 classes but the model's names list 3/],
  ])('refuses %s', (_name, dims, type, known, message) => {
    expect(() => detectOutputLayout('output0', dims, type, known)).toThrow(
      expect.objectContaining({ code: 'MODEL_OUTPUT_UNSUPPORTED', message: expect.stringMatching(message) }),
    );
  });
});

describe('resolveInputGeometry', () => {
  it.each<[string, Dim[], { width: number; height: number; freeDimensionOverrides: Record<string, number> }]>([
    ['fixed 640', [1, 3, 640, 640], { width: 640, height: 640, freeDimensionOverrides: {} }],
    ['fixed 384×640', [1, 3, 384, 640], { width: 640, height: 384, freeDimensionOverrides: {} }],
    ['dynamic batch', ['batch', 3, 640, 640], { width: 640, height: 640, freeDimensionOverrides: { batch: 1 } }],
    ['dynamic everything', ['b', 3, 'h', 'w'], { width: 320, height: 256, freeDimensionOverrides: { b: 1, h: 256, w: 320 } }],
    ['unnamed dynamic dims', [null, 3, null, null], { width: 320, height: 256, freeDimensionOverrides: {} }],
  ])('%s', (_name, dims, want) => {
    expect(resolveInputGeometry('images', dims, 'float32', { width: 320, height: 256 })).toEqual(want);
  });

  it.each<[string, Dim[], string, RegExp]>([
    ['one channel', [1, 1, 32, 32], 'float32', /\[1,1,32,32\] float32.*channels 1 is not 3/],
    ['NHWC', [1, 640, 640, 3], 'float32', /\[1,640,640,3\]/],
    ['uint8 input', [1, 3, 640, 640], 'uint8', /uint8 is not float32/],
    ['batch 4', [4, 3, 640, 640], 'float32', /batch 4/],
    ['rank 3', [3, 640, 640], 'float32', /rank 3/],
    ['too small', [1, 3, 16, 16], 'float32', /smaller than 32x32/],
    ['zero height', [1, 3, 0, 640], 'float32', /height 0/],
  ])('refuses %s', (_name, dims, type, message) => {
    expect(() => resolveInputGeometry('images', dims, type)).toThrow(
      expect.objectContaining({ code: 'MODEL_INPUT_UNSUPPORTED', message: expect.stringMatching(message) }),
    );
  });
});
