import * as ort from 'onnxruntime-node';
import { sessionOptionsFor } from '../inference/execution-provider';
import { formatShape, type Dim, type LayoutKind } from '../inference/layout';
import { geometryFromOnnx } from '../inference/model-inspect';
import type { DetectorInfo } from '../inference/person-detector';
import { Letterboxer } from '../inference/preprocess';
import type { RgbFrame } from '../vision/detections';
import { RegistryError } from './registry-error';

export interface OutputProbe {
  /** Shape the model declares for its first output ('?' where symbolic). */
  declared: Dim[];
  /** Shape it actually produced on the frame. */
  dims: number[];
  /** Values that were NaN or ±Infinity. */
  nonFinite: number;
  min: number;
  max: number;
  ms: number;
}

/**
 * Why an output of `dims` is not what a detector with this layout must produce, or null. The
 * declared shape can be symbolic (or wrong: onnxruntime only warns when a model's declared output
 * shape disagrees with what it computes), so the real shape is checked against the layout.
 */
export function outputShapeProblem(dims: readonly number[], layout: { kind: LayoutKind; stride: number }, declared: readonly Dim[]): string | null {
  if (dims.length !== 3) return `rank ${dims.length}, expected 3`;
  const [batch, a, b] = dims as [number, number, number];
  if (batch !== 1) return `batch ${batch}, expected 1`;
  const [channels, anchors] = layout.kind === 'yolov8' ? [a, b] : [b, a];
  if (channels !== layout.stride) return `${channels} values per anchor, the model declares ${layout.stride}`;
  if (anchors < 1) return 'no anchors';
  for (let i = 0; i < 3; i++) {
    const d = declared[i];
    if (typeof d === 'number' && d > 0 && d !== dims[i]) return `dimension ${i} is ${dims[i]} but the model declares ${d}`;
  }
  return null;
}

/**
 * Runs the model once, on CPU, on a real frame letterboxed exactly as the pipeline does, and
 * refuses output that would count nothing or nonsense: NaN/Infinity anywhere, or a shape that is
 * not the one the detector decodes. The detector itself would silently decode NaN scores as "no
 * person", so this check looks at the raw tensor.
 */
export async function probeModelOutput(bytes: Uint8Array, info: DetectorInfo, frame: RgbFrame): Promise<OutputProbe> {
  const overrides = info.onnx ? geometryFromOnnx(info.onnx).freeDimensionOverrides : {};
  const session = await ort.InferenceSession.create(bytes, {
    ...sessionOptionsFor('cpu', { intraOpThreads: 1 }),
    ...(Object.keys(overrides).length > 0 ? { freeDimensionOverrides: overrides } : {}),
  });
  try {
    const letterboxer = new Letterboxer(info.inputWidth, info.inputHeight);
    letterboxer.run(frame);
    const input = new ort.Tensor('float32', letterboxer.input, [1, 3, info.inputHeight, info.inputWidth]);
    const t0 = performance.now();
    let outputs: ort.InferenceSession.ReturnType;
    try {
      outputs = await session.run({ [info.inputName]: input });
    } catch (err) {
      throw new RegistryError('MODEL_OUTPUT_INVALID', `Model failed on a real frame: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`, { cause: err });
    }
    const ms = performance.now() - t0;
    const out = outputs[info.outputName];
    const meta = session.outputMetadata.find((m) => m.name === info.outputName);
    const declared: Dim[] = meta && meta.isTensor ? meta.shape.map((d) => (typeof d === 'number' ? d : d === '' ? null : d)) : [];
    if (!(out instanceof ort.Tensor) || out.type !== 'float32') {
      throw new RegistryError('MODEL_OUTPUT_INVALID', `Model output "${info.outputName}" is not a float32 tensor`);
    }
    const dims = out.dims.map(Number);
    const problem = outputShapeProblem(dims, { kind: info.layout, stride: info.layout === 'yolov8' ? info.numClasses + 4 : info.numClasses + 5 }, declared);
    if (problem) {
      throw new RegistryError('MODEL_OUTPUT_INVALID', `Model output "${info.outputName}" on a real frame is ${formatShape(dims)}: ${problem}`);
    }
    const data = out.data as Float32Array;
    let nonFinite = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (!Number.isFinite(v)) {
        nonFinite++;
        continue;
      }
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (nonFinite > 0) {
      throw new RegistryError('MODEL_OUTPUT_INVALID', `Model output "${info.outputName}" on a real frame has ${nonFinite} of ${data.length} values NaN or infinite`);
    }
    return { declared, dims, nonFinite, min, max, ms };
  } finally {
    await session.release();
  }
}
