import onnxProto from 'onnx-proto';
import { InferenceError } from '../../inference/errors';
import { RegistryError } from '../registry-error';

// Reading and writing whole ONNX models goes through `onnx-proto` (the onnx.proto schema compiled
// by protobufjs), never a hand-written writer. The registry's bounds-checked header reader
// (inference/onnx-proto-reader.ts) stays: it reads a model's facts without decoding 12 MB of
// weights and is fuzz-tested to refuse any corrupt file with MODEL_INVALID.

export const onnx = onnxProto.onnx;
export type ModelProto = onnxProto.onnx.ModelProto;
export type GraphProto = onnxProto.onnx.IGraphProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

/** TensorProto.DataType values used here. */
export const DT = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7 } as const;

/** protobufjs gives int64 fields as Long objects (or numbers); everything here fits a double. */
export function num(v: number | { toNumber(): number } | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

export function decodeModel(bytes: Uint8Array, what = 'model'): ModelProto {
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new InferenceError('MODEL_INVALID', `${what} is not a readable ONNX model (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) throw new InferenceError('MODEL_INVALID', `${what} is not an ONNX model: it has no graph`);
  return model;
}

export function encodeModel(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

export function requireGraph(model: ModelProto): GraphProto & { node: NodeProto[]; initializer: TensorProto[] } {
  const g = model.graph;
  if (!g) throw new InferenceError('MODEL_INVALID', 'the model has no graph');
  g.node ??= [];
  g.initializer ??= [];
  g.input ??= [];
  g.output ??= [];
  g.valueInfo ??= [];
  return g as GraphProto & { node: NodeProto[]; initializer: TensorProto[] };
}

function rawView(t: TensorProto): Uint8Array | undefined {
  const raw = t.rawData;
  return raw && raw.length > 0 ? raw : undefined;
}

/** An initializer's values as float32 (raw_data or float_data). */
export function floatValues(t: TensorProto): Float32Array {
  if (t.dataType !== DT.FLOAT) throw new RegistryError('DERIVE_UNSUPPORTED', `tensor ${t.name ?? '?'} is not float32`);
  const raw = rawView(t);
  if (raw) return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  return Float32Array.from(t.floatData ?? []);
}

/** An int64 initializer's values (raw_data or int64_data) as numbers. */
export function int64Values(t: TensorProto): number[] {
  if (t.dataType !== DT.INT64) throw new RegistryError('DERIVE_UNSUPPORTED', `tensor ${t.name ?? '?'} is not int64`);
  const raw = rawView(t);
  if (raw) return Array.from(new BigInt64Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)), Number);
  return (t.int64Data ?? []).map(num);
}

export function dimsOf(t: TensorProto): number[] {
  return (t.dims ?? []).map(num);
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
}

export function floatTensor(name: string, dims: number[], values: Float32Array): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DT.FLOAT, rawData: bytesOf(values) });
}

export function int64Tensor(name: string, dims: number[], values: readonly number[]): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DT.INT64, rawData: bytesOf(BigInt64Array.from(values, (v) => BigInt(v))) });
}

export function int8Tensor(name: string, dims: number[], values: Int8Array): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DT.INT8, rawData: bytesOf(values) });
}

export function uint8Tensor(name: string, dims: number[], values: Uint8Array): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DT.UINT8, rawData: bytesOf(values) });
}

export function int32Tensor(name: string, dims: number[], values: Int32Array): TensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: DT.INT32, rawData: bytesOf(values) });
}

/** A graph value of a float tensor; without `dims` its shape is left unknown (not rank 0). */
export function floatValueInfo(name: string, dims?: Array<number | string>): ValueInfoProto {
  const shape = dims ? { shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } : {};
  return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: DT.FLOAT, ...shape } } });
}

export function metadataOf(model: ModelProto): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of model.metadataProps ?? []) if (p.key) out[p.key] = p.value ?? '';
  return out;
}

/** Sets (or adds) one metadata_props entry, keeping the others in their order. */
export function setMetadata(model: ModelProto, key: string, value: string): void {
  model.metadataProps ??= [];
  const hit = model.metadataProps.find((p) => p.key === key);
  if (hit) hit.value = value;
  else model.metadataProps.push(onnx.StringStringEntryProto.create({ key, value }));
}
