import type { InferenceSession } from 'onnxruntime-node';
import { InferenceError } from './errors';
import { detectOutputLayout, resolveInputGeometry, type Dim, type InputGeometry, type OutputLayout } from './layout';
import type { OnnxInfo, OnnxValueInfo } from './onnx-proto-reader';

export interface ValueDescription {
  name: string;
  dims: Dim[];
  /** onnxruntime's tensor type name ('float32', …), or 'non-tensor'. */
  type: string;
}

export interface InspectedModel {
  input: ValueDescription;
  output: ValueDescription;
  geometry: InputGeometry;
  layout: OutputLayout;
  /** One name per class index; `class<i>` where the model carries no names. */
  classNames: string[];
  /** Whether classNames came from the model's own metadata. */
  namesFromModel: boolean;
}

/** TensorProto.DataType → onnxruntime-node's type names, for the few a detector can meet. */
const ONNX_ELEM_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  10: 'float16',
  11: 'float64',
};

export function describeOnnxValue(v: OnnxValueInfo): ValueDescription {
  return { name: v.name, dims: v.dims, type: v.elemType === 0 ? 'non-tensor' : (ONNX_ELEM_TYPES[v.elemType] ?? `onnx-type-${v.elemType}`) };
}

function describeSessionValue(m: InferenceSession.ValueMetadata): ValueDescription {
  if (!m.isTensor) return { name: m.name, dims: [], type: 'non-tensor' };
  return { name: m.name, dims: [...m.shape], type: m.type };
}

/**
 * Ultralytics writes `names` as a Python dict literal: "{0: 'person', 1: 'bicycle', …}". Parse
 * that (and a JSON object or list for other exporters) without eval. Returns undefined when
 * the text is not one of those or leaves gaps in the indices.
 */
export function parseClassNames(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const list = JSON.parse(trimmed) as unknown;
      return Array.isArray(list) && list.length > 0 && list.every((n) => typeof n === 'string') ? (list as string[]) : undefined;
    } catch {
      return undefined;
    }
  }
  if (!trimmed.startsWith('{')) return undefined;
  const names: string[] = [];
  const entry = /(\d+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;
  for (const m of trimmed.matchAll(entry)) {
    const index = Number(m[1]);
    if (index > 100_000) return undefined;
    names[index] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  }
  if (names.length === 0) return undefined;
  for (let i = 0; i < names.length; i++) if (names[i] === undefined) return undefined;
  return names;
}

/** Ultralytics `imgsz` metadata: "[640, 640]" (height, width) or a single "640". */
export function parseImageSize(text: string | undefined): { width: number; height: number } | undefined {
  if (!text) return undefined;
  const nums = text.match(/\d+/g)?.map(Number) ?? [];
  const [h, w] = nums.length === 1 ? [nums[0], nums[0]] : nums;
  if (nums.length > 2 || !h || !w || h > 8192 || w > 8192) return undefined;
  return { width: w, height: h };
}

/**
 * Input geometry (and the free-dimension overrides onnxruntime wants before the session exists)
 * straight from the file, so a model with the wrong input is refused before it is loaded.
 */
export function geometryFromOnnx(onnx: OnnxInfo): InputGeometry {
  if (onnx.inputs.length !== 1 || !onnx.inputs[0]) {
    throw new InferenceError('MODEL_INPUT_UNSUPPORTED', `Model has ${onnx.inputs.length} inputs; a detector takes exactly one image`);
  }
  const d = describeOnnxValue(onnx.inputs[0]);
  return resolveInputGeometry(d.name, d.dims, d.type, parseImageSize(onnx.metadata.imgsz));
}

/**
 * What the detector needs to know about a loaded session: which input to feed at which size,
 * which output to decode with which layout, and the class names. onnxruntime's own view of
 * the inputs and outputs is authoritative; the file's metadata (when it could be read) adds
 * names and the trained image size.
 */
export function inspectModel(session: InferenceSession, onnx: OnnxInfo | undefined): InspectedModel {
  if (session.inputMetadata.length !== 1 || !session.inputMetadata[0]) {
    throw new InferenceError('MODEL_INPUT_UNSUPPORTED', `Model has ${session.inputMetadata.length} inputs; a detector takes exactly one image`);
  }
  if (session.outputMetadata.length < 1 || !session.outputMetadata[0]) {
    throw new InferenceError('MODEL_OUTPUT_UNSUPPORTED', 'Model has no outputs');
  }
  const input = describeSessionValue(session.inputMetadata[0]);
  // Segmentation exports add a second output (mask prototypes); the boxes are always first.
  const output = describeSessionValue(session.outputMetadata[0]);
  const geometry = resolveInputGeometry(input.name, input.dims, input.type, parseImageSize(onnx?.metadata.imgsz));
  const modelNames = parseClassNames(onnx?.metadata.names);
  const layout = detectOutputLayout(output.name, output.dims, output.type, modelNames?.length);
  const classNames = modelNames ?? Array.from({ length: layout.numClasses }, (_, i) => `class${i}`);
  return { input, output, geometry, layout, classNames, namesFromModel: modelNames !== undefined };
}
