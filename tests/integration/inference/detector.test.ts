import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImageRgb } from '../../../src/engine/inference/image-loader';
import { PersonDetector } from '../../../src/engine/inference/person-detector';
import { measureRawInference } from '../../../src/engine/inference/raw-inference';
import type { Detections, RgbFrame } from '../../../src/engine/vision/detections';
import { MODEL_PATH, MODEL_SHA256, media, requireAssets } from './assets';

type Box = [number, number, number, number];

function boxAt(d: Detections, i: number): Box {
  return [...d.xyxy.subarray(i * 4, i * 4 + 4)] as Box;
}

function iou(a: Box, b: Box): number {
  const iw = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const ih = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih;
  return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
}

/**
 * Where people stand in the test photos (x1,y1,x2,y2 in image pixels, judged by eye and matching
 * darknet's published results for its samples). Each must be found with IoU ≥ 0.5.
 */
const PEOPLE: Record<string, Box[]> = {
  'person.jpg': [[190, 100, 275, 375]],
  'kite.jpg': [
    [112, 611, 165, 761],
    [215, 699, 271, 859],
  ],
  'basketball1.png': [
    [34, 81, 164, 476],
    [436, 20, 640, 455],
  ],
  'messi5.jpg': [[71, 60, 457, 339]],
};

let detector: PersonDetector;
const images = new Map<string, RgbFrame>();

beforeAll(async () => {
  const names = [...Object.keys(PEOPLE), 'dog.jpg', 'horses.jpg'];
  requireAssets(MODEL_PATH, ...names.map(media));
  detector = await PersonDetector.load(MODEL_PATH);
  await detector.warmup();
  for (const name of names) images.set(name, await loadImageRgb(media(name)));
});
afterAll(async () => {
  await detector?.dispose();
});

describe('PersonDetector on yolov8n', () => {
  it('describes the model it loaded', () => {
    const { info } = detector;
    expect(info).toMatchObject({
      path: MODEL_PATH,
      inputName: 'images',
      outputName: 'output0',
      inputWidth: 640,
      inputHeight: 640,
      layout: 'yolov8',
      numClasses: 80,
      sha256: MODEL_SHA256,
    });
    expect(info.classNames[0]).toBe('person');
    expect(['cpu', 'cuda']).toContain(info.provider);
    expect(info.providerReason.length).toBeGreaterThan(5);
    expect(info.onnx?.producerName).toBe('pytorch');
  });

  it.each(Object.keys(PEOPLE))('finds the people in %s, inside the image and where they stand', async (name) => {
    const img = images.get(name)!;
    const { detections: d, ms } = await detector.detect(img);
    expect(d.length).toBeGreaterThan(0);
    for (let i = 0; i < d.length; i++) {
      const [x1, y1, x2, y2] = boxAt(d, i);
      expect(d.classId[i]).toBe(0);
      expect(x1).toBeGreaterThanOrEqual(0);
      expect(y1).toBeGreaterThanOrEqual(0);
      expect(x2).toBeLessThanOrEqual(img.width);
      expect(y2).toBeLessThanOrEqual(img.height);
      expect(x2).toBeGreaterThan(x1);
      expect(y2).toBeGreaterThan(y1);
      expect(d.confidence[i]).toBeGreaterThanOrEqual(0.25);
      if (i > 0) expect(d.confidence[i]).toBeLessThanOrEqual(d.confidence[i - 1]!);
    }
    for (const want of PEOPLE[name]!) {
      const best = Math.max(...Array.from({ length: d.length }, (_, i) => (d.confidence[i]! >= 0.5 ? iou(boxAt(d, i), want) : 0)));
      expect(best, `person at ${want.join(',')}`).toBeGreaterThanOrEqual(0.5);
    }
    expect(Object.keys(ms).sort()).toEqual(['infer', 'post', 'pre', 'total']); // the stage timings are reported (their values are bench figures)
  });

  it.each(['dog.jpg', 'horses.jpg'])('finds no person (conf ≥ 0.5) in %s', async (name) => {
    const { detections: d } = await detector.detect(images.get(name)!);
    expect(Array.from(d.confidence).filter((c) => c >= 0.5)).toEqual([]);
  });

  it('with every class on, the dog in dog.jpg is a dog', async () => {
    const all = await PersonDetector.load(MODEL_PATH, { classes: null, provider: 'cpu', intraOpThreads: 1 });
    try {
      const { detections: d } = await all.detect(images.get('dog.jpg')!);
      const labels = Array.from(d.classId).filter((_, i) => d.confidence[i]! >= 0.5).map((c) => all.info.classNames[c]);
      expect(labels).toContain('dog');
      expect(labels).not.toContain('person');
    } finally {
      await all.dispose();
    }
  });

  it('concurrent detect() calls are serialised and give the same answers as sequential ones', async () => {
    const a = images.get('person.jpg')!;
    const b = images.get('basketball1.png')!;
    const seq = [(await detector.detect(a)).detections, (await detector.detect(b)).detections];
    const par = (await Promise.all([detector.detect(a), detector.detect(b)])).map((r) => r.detections);
    expect(par.map((d) => d.length)).toEqual(seq.map((d) => d.length));
    par.forEach((d, k) => Array.from(d.xyxy).forEach((v, i) => expect(v).toBeCloseTo(seq[k]!.xyxy[i]!, 2)));
  });

  it('a frame whose bytes do not match its size is FRAME_INVALID, and the detector keeps working', async () => {
    await expect(detector.detect({ width: 10, height: 10, data: new Uint8Array(10), index: 0, timeS: 0 })).rejects.toMatchObject({
      code: 'FRAME_INVALID',
    });
    expect((await detector.detect(images.get('person.jpg')!)).detections.length).toBeGreaterThan(0);
  });

  // The ms/frame figures themselves are `npm run bench`'s; here only that the measurement runs.
  it('measures raw session.run over the requested number of frames, and refuses none', async () => {
    const raw = await measureRawInference(detector, 2);
    expect(raw.frames).toBe(2);
    await expect(measureRawInference(detector, 0)).rejects.toThrow(RangeError);
  });
});

describe('PersonDetector lifecycle', () => {
  it('refuses to run after dispose() with DETECTOR_DISPOSED; dispose is idempotent', async () => {
    const d = await PersonDetector.load(MODEL_PATH, { provider: 'cpu', intraOpThreads: 1 });
    await d.dispose();
    await d.dispose();
    await expect(d.detect(images.get('person.jpg')!)).rejects.toMatchObject({ code: 'DETECTOR_DISPOSED' });
    await expect(d.warmup()).rejects.toMatchObject({ code: 'DETECTOR_DISPOSED' });
  });

  it('dispose() waits for a detect() already in flight', async () => {
    const d = await PersonDetector.load(MODEL_PATH, { provider: 'cpu', intraOpThreads: 1 });
    const pending = d.detect(images.get('person.jpg')!);
    await d.dispose();
    await expect(pending).resolves.toMatchObject({ detections: expect.objectContaining({ length: 1 }) });
  });
});
