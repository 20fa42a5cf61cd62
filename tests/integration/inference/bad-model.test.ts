import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseExecutionProvider } from '../../../src/engine/inference/execution-provider';
import { InferenceError } from '../../../src/engine/inference/errors';
import { PersonDetector, type PersonDetectorOptions } from '../../../src/engine/inference/person-detector';
import { identityModel, reshapeModel } from '../../fixtures/onnx/build-onnx';
import { MODEL_PATH, requireAssets } from './assets';

let dir: string;
const at = (name: string, bytes: Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const CPU: PersonDetectorOptions = { provider: 'cpu', intraOpThreads: 1 };

async function loadError(path: string, opts: PersonDetectorOptions = CPU): Promise<InferenceError> {
  try {
    const d = await PersonDetector.load(path, opts);
    await d.dispose();
  } catch (err) {
    expect(err).toBeInstanceOf(InferenceError);
    // One clear line: no native log spill, no stack in the message.
    expect((err as Error).message).not.toContain('\n');
    return err as InferenceError;
  }
  throw new Error(`expected ${path} to be refused`);
}

beforeAll(() => {
  requireAssets(MODEL_PATH);
  dir = mkdtempSync(join(tmpdir(), 'footfall-models-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PersonDetector.load refuses bad model files with typed errors', () => {
  it('missing file → MODEL_NOT_FOUND', async () => {
    const err = await loadError(join(dir, 'nope.onnx'));
    expect(err.code).toBe('MODEL_NOT_FOUND');
    expect(err.message).toContain('nope.onnx');
  });

  it('a folder → MODEL_NOT_FOUND', async () => {
    expect((await loadError(dir)).code).toBe('MODEL_NOT_FOUND');
  });

  it.each<[string, () => Uint8Array, RegExp]>([
    ['zero-byte file', () => new Uint8Array(0), /is empty/],
    ['text file', () => new TextEncoder().encode('{"not": "an onnx model"}\n'), /not a loadable ONNX model/],
    ['truncated yolov8n (first 1 MB)', () => readFileSync(MODEL_PATH).subarray(0, 1024 * 1024), /runs past the end/],
    [
      'random bytes',
      () => {
        let s = 12345;
        return Uint8Array.from({ length: 64 * 1024 }, () => (s = (s * 48271) % 2147483647) & 0xff);
      },
      /not a loadable ONNX model/,
    ],
  ])('%s → MODEL_INVALID', async (name, bytes, message) => {
    const err = await loadError(at(`${name.replace(/\W+/g, '-')}.onnx`, bytes()));
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toMatch(message);
  });

  it('a [1,1,32,32] model → MODEL_INPUT_UNSUPPORTED naming the shape (the fixture itself loads in onnxruntime)', async () => {
    const bytes = identityModel([1, 1, 32, 32]);
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputMetadata[0]).toMatchObject({ name: 'images', shape: [1, 1, 32, 32] });
    await session.release();
    const err = await loadError(at('gray32.onnx', bytes));
    expect(err.code).toBe('MODEL_INPUT_UNSUPPORTED');
    expect(err.message).toContain('[1,1,32,32]');
  });

  it('an image-in, image-out model → MODEL_OUTPUT_UNSUPPORTED', async () => {
    const err = await loadError(at('identity64.onnx', identityModel([1, 3, 64, 64])));
    expect(err.code).toBe('MODEL_OUTPUT_UNSUPPORTED');
    expect(err.message).toContain('[1,3,64,64]');
  });

  it('a square [1,84,84] output → MODEL_OUTPUT_UNSUPPORTED (layout ambiguous)', async () => {
    const err = await loadError(at('square.onnx', reshapeModel([1, 3, 48, 49], [1, 84, 84])));
    expect(err).toMatchObject({ code: 'MODEL_OUTPUT_UNSUPPORTED', message: expect.stringMatching(/cannot be told apart/) });
  });

  it('a transposed YOLOv8 head with 80 names → MODEL_OUTPUT_UNSUPPORTED', async () => {
    const names = `{${Array.from({ length: 80 }, (_, i) => `${i}: 'c${i}'`).join(', ')}}`;
    const err = await loadError(at('transposed.onnx', reshapeModel([1, 3, 56, 56], [1, 112, 84], { metadata: { names } })));
    expect(err).toMatchObject({ code: 'MODEL_OUTPUT_UNSUPPORTED', message: expect.stringMatching(/transposed YOLOv8/) });
  });

  it('options out of range → DETECTOR_OPTIONS_INVALID', async () => {
    expect((await loadError(MODEL_PATH, { ...CPU, confThreshold: 2 })).code).toBe('DETECTOR_OPTIONS_INVALID');
    expect((await loadError(MODEL_PATH, { ...CPU, classes: [80] })).code).toBe('DETECTOR_OPTIONS_INVALID');
    expect((await loadError(MODEL_PATH, { provider: 'auto', intraOpThreads: 0 })).code).toBe('DETECTOR_OPTIONS_INVALID');
  });

  it('forcing CUDA where it cannot load → PROVIDER_UNAVAILABLE; where it can, it is used', async () => {
    const auto = await chooseExecutionProvider({ env: {} });
    if (auto.provider === 'cpu') {
      expect((await loadError(MODEL_PATH, { provider: 'cuda' })).code).toBe('PROVIDER_UNAVAILABLE');
    } else {
      const d = await PersonDetector.load(MODEL_PATH, { provider: 'cuda' });
      expect(d.info.provider).toBe('cuda');
      await d.dispose();
    }
  });
});

describe('PersonDetector end to end on a synthetic detector-shaped model', () => {
  // images [1,3,56,56] → Reshape → [1,84,112]: every value of the "prediction" is a pixel/255.
  // A white frame makes every anchor a box cx=cy=w=h=1 with score 1 for every class, so exactly
  // one person survives NMS at [0.5,0.5,1.5,1.5] in model pixels; a black frame gives nothing.
  const white = (w: number, h: number) => ({ width: w, height: h, data: new Uint8Array(w * h * 3).fill(255), index: 0, timeS: 0 });

  it.each([
    ['fixed dims', reshapeModel([1, 3, 56, 56], [1, 84, 112])],
    // Dynamic batch/height/width pinned from the `imgsz` metadata via freeDimensionOverrides.
    ['dynamic dims + imgsz', reshapeModel([1, 3, 56, 56], [1, 84, 112], {
      inputs: [{ name: 'images', dims: ['batch', 3, 'height', 'width'] }],
      metadata: { imgsz: '[56, 56]' },
    })],
  ])('%s: one box at the expected place, none on black', async (name, bytes) => {
    const d = await PersonDetector.load(at(`synthetic-${name.replace(/\W+/g, '-')}.onnx`, bytes), CPU);
    try {
      expect(d.info).toMatchObject({ inputWidth: 56, inputHeight: 56, layout: 'yolov8', numClasses: 80 });
      expect(d.info.classNames[0]).toBe('class0');
      const same = await d.detect(white(56, 56));
      expect(same.detections.length).toBe(1);
      expect([...same.detections.xyxy]).toEqual([0.5, 0.5, 1.5, 1.5]);
      expect(same.detections.confidence[0]).toBe(1);
      // 112×112 source: scale 0.5, so the box doubles when mapped back.
      const big = await d.detect(white(112, 112));
      expect([...big.detections.xyxy]).toEqual([1, 1, 3, 3]);
      const black = await d.detect({ ...white(56, 56), data: new Uint8Array(56 * 56 * 3) });
      expect(black.detections.length).toBe(0);
    } finally {
      await d.dispose();
    }
  });
});
