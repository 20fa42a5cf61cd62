import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { collectFrames } from '../../capture/collect-frames';
import { redactUrl } from '../../capture/redact-url';
import { sourceFromArgument } from '../../capture/source-argument';
import { loadImageRgb } from '../../inference/image-loader';
import { Letterboxer } from '../../inference/preprocess';
import { appRoot } from '../../paths';
import type { RgbFrame } from '../../vision/detections';
import { RegistryError } from '../registry-error';
import { encodeModel, floatValueInfo, onnx, requireGraph, type ModelProto } from './onnx-model-file';
import type { Range } from './quantize-int8';

// Calibration runs the float model on real frames with the tensors to be quantized added as graph
// outputs, and records each one's range. Min/max lets one outlier pixel stretch a tensor's scale
// (coarser steps for every other value); a high percentile of the values clips those few instead,
// which is what TensorRT and onnxruntime's quantizer offer for activations.

export type CalibrationMethod = 'minmax' | 'percentile';

export interface CalibrationOptions {
  method: CalibrationMethod;
  /** For 'percentile': the share of values inside the range (e.g. 0.9999). */
  percentile?: number;
  intraOpThreads?: number;
}

/** Values kept per tensor per frame for the percentile estimate (an even stride through the tensor). */
const SAMPLES_PER_FRAME = 16_384;

interface Accumulator {
  min: number;
  max: number;
  samples: number[];
}

function percentileOf(sorted: Float32Array, q: number): number {
  const at = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[at]!;
}

/**
 * Ranges of `tensors` over `frames` (letterboxed to the model's input as the detector does).
 * The model itself is not changed: a copy with extra outputs is run.
 */
export async function calibrateRanges(
  model: ModelProto,
  tensors: readonly string[],
  frames: readonly RgbFrame[],
  input: { name: string; width: number; height: number },
  o: CalibrationOptions,
): Promise<Map<string, Range>> {
  if (frames.length === 0) throw new RegistryError('DERIVE_INVALID', 'calibration needs at least one frame');
  const probe = onnx.ModelProto.decode(encodeModel(model));
  const g = requireGraph(probe);
  const existing = new Set((g.output ?? []).map((x) => x.name ?? ''));
  for (const t of tensors) if (!existing.has(t) && t !== input.name) g.output!.push(floatValueInfo(t));
  const session = await ort.InferenceSession.create(encodeModel(probe), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'basic',
    intraOpNumThreads: o.intraOpThreads ?? 2,
    interOpNumThreads: 1,
  });
  const acc = new Map<string, Accumulator>(tensors.map((t) => [t, { min: Infinity, max: -Infinity, samples: [] }]));
  const lb = new Letterboxer(input.width, input.height);
  const feed = new ort.Tensor('float32', lb.input, [1, 3, input.height, input.width]);
  const fetch = tensors.filter((t) => t !== input.name);
  try {
    for (const frame of frames) {
      lb.run(frame);
      const out = await session.run({ [input.name]: feed }, fetch);
      for (const t of tensors) {
        const value = t === input.name ? feed : out[t];
        if (!value || value.type !== 'float32') throw new RegistryError('DERIVE_UNSUPPORTED', `calibration could not read tensor ${t}`);
        const data = value.data as Float32Array;
        const a = acc.get(t)!;
        for (let i = 0; i < data.length; i++) {
          const v = data[i]!;
          if (v < a.min) a.min = v;
          if (v > a.max) a.max = v;
        }
        if (o.method === 'percentile') {
          const stride = Math.max(1, Math.floor(data.length / SAMPLES_PER_FRAME));
          for (let i = 0; i < data.length; i += stride) a.samples.push(data[i]!);
        }
      }
    }
  } finally {
    await session.release();
  }
  const q = o.percentile ?? 0.9999;
  const ranges = new Map<string, Range>();
  for (const [t, a] of acc) {
    if (o.method === 'minmax' || a.samples.length === 0) {
      ranges.set(t, { min: a.min, max: a.max });
      continue;
    }
    const sorted = Float32Array.from(a.samples).sort();
    ranges.set(t, { min: Math.max(a.min, percentileOf(sorted, 1 - q)), max: Math.min(a.max, percentileOf(sorted, q)) });
  }
  return ranges;
}

/** Frames a calibration reads by default: at most this many, spread over the recording. */
export const DEFAULT_CALIBRATION_FRAMES = 16;
const IMAGE_FILE = /\.(jpe?g|png|bmp|webp|ppm)$/i;

export interface CalibrationSet {
  frames: RgbFrame[];
  /** What they came from, in words (recorded with the version). */
  source: string;
}

function imagesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => IMAGE_FILE.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * The frames to calibrate on. A recording or camera (`--calibrate SOURCE`, through the same
 * supervised capture as counting: one frame a second, so a recording's frames are spread out),
 * an image or a folder of images; by default the registry's sample frames (the configured sample
 * image and the images bundled in resources/samples/). Frames from the shop's own camera give
 * ranges that fit what the model will see; the samples are a fallback.
 */
export async function calibrationFrames(
  source: string | undefined,
  o: { width: number; height: number; count?: number; sampleImage?: string },
): Promise<CalibrationSet> {
  const count = o.count ?? DEFAULT_CALIBRATION_FRAMES;
  if (source === undefined) {
    const bundled = join(appRoot(), 'resources', 'samples');
    const files = [...new Set([...(o.sampleImage ? [o.sampleImage] : []), ...(existsSync(bundled) ? imagesIn(bundled) : [])])].slice(0, count);
    if (files.length === 0) {
      throw new RegistryError('DERIVE_INVALID', 'no sample frames to calibrate on (resources/samples/ is empty): give --calibrate with a recording of the shop');
    }
    return { frames: await Promise.all(files.map((f) => loadImageRgb(f))), source: `the sample frames (${files.map((f) => basename(f)).join(', ')})` };
  }
  let isDir = false;
  try {
    isDir = statSync(source).isDirectory();
  } catch {
    // not a local path: a camera URL, checked by sourceFromArgument below
  }
  if (isDir || IMAGE_FILE.test(source)) {
    const files = (isDir ? imagesIn(source) : [source]).slice(0, count);
    if (files.length === 0) throw new RegistryError('DERIVE_INVALID', `no images in ${source} to calibrate on`);
    return { frames: await Promise.all(files.map((f) => loadImageRgb(f))), source: isDir ? `${files.length} images in ${source}` : source };
  }
  const frames = await collectFrames(sourceFromArgument(source), { width: o.width, height: o.height, fps: 1, count });
  if (frames.length === 0) throw new RegistryError('DERIVE_INVALID', `${redactUrl(source)} gave no frames to calibrate on`);
  return { frames, source: redactUrl(source) };
}
