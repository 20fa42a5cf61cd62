import { RegistryError } from '../registry-error';
import {
  dimsOf,
  floatTensor,
  floatValues,
  int32Tensor,
  int8Tensor,
  onnx,
  requireGraph,
  uint8Tensor,
  DT,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from './onnx-model-file';

// Static int8 quantization in the QDQ format onnxruntime fuses into its int8 kernels: every
// quantized tensor becomes QuantizeLinear → DequantizeLinear, and the graph optimiser turns
// "DQ → op → Q" groups into QLinearConv, QLinearAdd, QLinearMul, QLinearSigmoid,
// QLinearConcat, and drops the pairs around MaxPool/Resize/Slice (which run on uint8 as they
// are, so they must keep their input's scale). Weights are int8, symmetric, one scale per output
// channel; activations uint8, one scale per tensor, from calibration ranges. Conv biases are
// int32 at input scale × weight scale, as QLinearConv wants them.
//
// Hand-written because no maintained JavaScript package does ONNX static quantization
// (onnxruntime's quantizer is Python-only).

/** Which operators run in int8. */
export type QuantOps = 'conv' | 'all';

export interface QuantizePlanOptions {
  /** 'conv': Q/DQ around Conv only; 'all': also the SiLU (Sigmoid, Mul), Add, Concat, MaxPool, Resize, Slice chain. */
  ops: QuantOps;
  /** Keep the head's last convolutions (the ones feeding the box/class decode) in float. */
  headConvsFloat: boolean;
}

export interface Range {
  min: number;
  max: number;
}

export interface QuantizePlan {
  options: QuantizePlanOptions;
  /** Nodes that run in int8, by index into graph.node. */
  quantized: Set<number>;
  /** Tensors that get a Q/DQ pair, in graph order. */
  tensors: string[];
  /** Tensors whose range calibration must measure (the rest are fixed or inherit their input's). */
  calibrate: string[];
  /** The nodes left in float at the end of the graph (DFL, box decode, class sigmoid). */
  floatTail: number;
}

const INT8_OPS = new Set(['Conv', 'Sigmoid', 'Mul', 'Add', 'Concat', 'MaxPool', 'Resize', 'Slice', 'Split']);
/** Operators that move uint8 values without arithmetic: their output keeps the input's scale. */
const SCALE_PRESERVING = new Set(['MaxPool', 'Resize', 'Slice', 'Split', 'Reshape', 'Transpose']);
/** Inputs that carry activations (the rest are weights, shapes, scales, starts…). */
function dataInputs(node: NodeProto): string[] {
  const inputs = node.input ?? [];
  if (node.opType === 'Mul' || node.opType === 'Add' || node.opType === 'Concat') return inputs.filter((i) => i !== '');
  return inputs[0] ? [inputs[0]] : [];
}

interface GraphIndex {
  nodes: NodeProto[];
  initializers: Map<string, TensorProto>;
  producer: Map<string, number>;
  consumers: Map<string, number[]>;
  graphInputs: Set<string>;
}

function indexGraph(model: ModelProto): GraphIndex {
  const g = requireGraph(model);
  const initializers = new Map(g.initializer.map((t) => [t.name ?? '', t] as const));
  const producer = new Map<string, number>();
  const consumers = new Map<string, number[]>();
  g.node.forEach((n, i) => {
    for (const o of n.output ?? []) producer.set(o, i);
    for (const x of n.input ?? []) {
      if (x === '') continue;
      const list = consumers.get(x) ?? [];
      list.push(i);
      consumers.set(x, list);
    }
  });
  const graphInputs = new Set((g.input ?? []).map((i) => i.name ?? '').filter((n) => !initializers.has(n)));
  return { nodes: g.node, initializers, producer, consumers, graphInputs };
}

/**
 * The detection head's decode — everything downstream of the first Reshape or Softmax (the
 * per-level flatten, DFL, anchor arithmetic, class sigmoid) — stays in float: the box
 * coordinates come out of a softmax expectation and an anchor table, where 8-bit steps would
 * move boxes by pixels, and the class sigmoid is compared against the detection threshold.
 */
function floatTailOf(ix: GraphIndex): Set<number> {
  const tail = new Set<number>();
  const stack: number[] = [];
  ix.nodes.forEach((n, i) => {
    if (n.opType === 'Reshape' || n.opType === 'Softmax') stack.push(i);
  });
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (tail.has(i)) continue;
    tail.add(i);
    for (const o of ix.nodes[i]!.output ?? []) for (const c of ix.consumers.get(o) ?? []) stack.push(c);
  }
  return tail;
}

export function planQuantization(model: ModelProto, options: QuantizePlanOptions): QuantizePlan {
  const ix = indexGraph(model);
  const tail = floatTailOf(ix);
  if (tail.size === 0) throw new RegistryError('DERIVE_UNSUPPORTED', 'no detection head (Reshape/Softmax decode) found: only YOLO-style detectors can be quantized here');
  const feedsTail = (i: number): boolean => (ix.nodes[i]!.output ?? []).some((o) => (ix.consumers.get(o) ?? []).some((c) => tail.has(c)));
  const boundary = new Set<number>();
  ix.nodes.forEach((_, i) => {
    if (!tail.has(i) && feedsTail(i)) boundary.add(i);
  });
  // The producers of what the boundary nodes (per-level Concats) read: the head's last convs.
  const lastConvs = new Set<number>();
  for (const b of boundary) {
    for (const x of ix.nodes[b]!.input ?? []) {
      const p = ix.producer.get(x);
      if (p !== undefined && ix.nodes[p]!.opType === 'Conv') lastConvs.add(p);
    }
  }

  const quantized = new Set<number>();
  ix.nodes.forEach((n, i) => {
    if (tail.has(i) || boundary.has(i) || !INT8_OPS.has(n.opType ?? '')) return;
    if (options.ops === 'conv' && n.opType !== 'Conv') return;
    if (options.headConvsFloat && lastConvs.has(i)) return;
    // Binary ops with a constant operand would need that constant quantized too; leave them float.
    if ((n.opType === 'Mul' || n.opType === 'Add') && dataInputs(n).some((x) => ix.initializers.has(x))) return;
    if (n.opType === 'Conv') {
      const w = ix.initializers.get(n.input?.[1] ?? '');
      if (!w || w.dataType !== DT.FLOAT || dimsOf(w).length !== 4) return;
      const b = n.input?.[2] ? ix.initializers.get(n.input[2]) : undefined;
      if (n.input?.[2] && (!b || b.dataType !== DT.FLOAT)) return;
    }
    quantized.add(i);
  });
  if (quantized.size === 0) throw new RegistryError('DERIVE_UNSUPPORTED', 'nothing in this model can be quantized (no float Conv layers)');

  const tensors: string[] = [];
  const seen = new Set<string>();
  const add = (t: string): void => {
    if (!seen.has(t) && !ix.initializers.has(t)) {
      seen.add(t);
      tensors.push(t);
    }
  };
  for (const name of ix.graphInputs) if ((ix.consumers.get(name) ?? []).some((c) => quantized.has(c))) add(name);
  ix.nodes.forEach((n, i) => {
    if (!quantized.has(i)) return;
    for (const x of dataInputs(n)) add(x);
    for (const o of n.output ?? []) add(o);
  });
  const calibrate = tensors.filter((t) => {
    if (ix.graphInputs.has(t)) return false;
    const p = ix.producer.get(t);
    return !(p !== undefined && quantized.has(p) && SCALE_PRESERVING.has(ix.nodes[p]!.opType ?? ''));
  });
  return { options, quantized, tensors, calibrate, floatTail: tail.size };
}

interface QParams {
  scale: number;
  zeroPoint: number;
}

/** Asymmetric uint8 for a range; the range always includes 0 so that zero (padding) is exact. */
export function uint8Params(r: Range): QParams {
  const min = Math.min(0, r.min);
  const max = Math.max(0, r.max);
  const scale = max > min ? (max - min) / 255 : 1;
  return { scale, zeroPoint: Math.min(255, Math.max(0, Math.round(-min / scale))) };
}

export interface QuantizeOutcome {
  model: ModelProto;
  quantizedNodes: number;
  qdqPairs: number;
  weightsQuantized: number;
}

/**
 * Applies a plan in place. `ranges` must hold every tensor of `plan.calibrate`; graph inputs are
 * taken as images in [0, 1] (the detector feeds bytes / 255), which uint8 represents exactly.
 */
export function quantizeInt8(model: ModelProto, plan: QuantizePlan, ranges: ReadonlyMap<string, Range>): QuantizeOutcome {
  const ix = indexGraph(model);
  const g = requireGraph(model);
  const params = new Map<string, QParams>();
  for (const t of plan.tensors) {
    if (ix.graphInputs.has(t)) {
      params.set(t, { scale: 1 / 255, zeroPoint: 0 });
      continue;
    }
    const p = ix.producer.get(t);
    const node = p !== undefined ? ix.nodes[p] : undefined;
    if (node && plan.quantized.has(p!) && SCALE_PRESERVING.has(node.opType ?? '')) {
      const from = params.get(node.input?.[0] ?? '');
      if (!from) throw new RegistryError('DERIVE_UNSUPPORTED', `no quantization parameters for the input of ${node.name ?? node.opType}`);
      params.set(t, from);
      continue;
    }
    const r = ranges.get(t);
    if (!r || !Number.isFinite(r.min) || !Number.isFinite(r.max)) throw new RegistryError('DERIVE_UNSUPPORTED', `calibration gave no range for tensor ${t}`);
    params.set(t, uint8Params(r));
  }

  const newInits: TensorProto[] = [];
  const head: NodeProto[] = [];
  const qdqFor = (t: string): NodeProto[] => {
    const q = params.get(t)!;
    newInits.push(floatTensor(`${t}_scale`, [], Float32Array.of(q.scale)), uint8Tensor(`${t}_zero_point`, [], Uint8Array.of(q.zeroPoint)));
    return [
      onnx.NodeProto.create({ name: `${t}_QuantizeLinear`, opType: 'QuantizeLinear', input: [t, `${t}_scale`, `${t}_zero_point`], output: [`${t}_quantized`] }),
      onnx.NodeProto.create({
        name: `${t}_DequantizeLinear`,
        opType: 'DequantizeLinear',
        input: [`${t}_quantized`, `${t}_scale`, `${t}_zero_point`],
        output: [`${t}_dequantized`],
      }),
    ];
  };

  let weights = 0;
  const usedNames = new Set<string>();
  /** A weight read by two convs gets one int8 copy per conv (their input scales differ). */
  const uniqueName = (base: string): string => {
    let name = base;
    for (let k = 1; usedNames.has(name); k++) name = `${base}_${k}`;
    usedNames.add(name);
    return name;
  };
  const quantizeConvWeights = (node: NodeProto): void => {
    const inputs = node.input!;
    const inputScale = params.get(inputs[0]!)!.scale;
    const w = ix.initializers.get(inputs[1]!)!;
    const dims = dimsOf(w);
    const values = floatValues(w);
    const channels = dims[0]!;
    const per = values.length / channels;
    const scales = new Float32Array(channels);
    const q = new Int8Array(values.length);
    for (let c = 0; c < channels; c++) {
      let amax = 0;
      for (let k = 0; k < per; k++) amax = Math.max(amax, Math.abs(values[c * per + k]!));
      const s = amax > 0 ? amax / 127 : 1;
      scales[c] = s;
      for (let k = 0; k < per; k++) q[c * per + k] = Math.max(-127, Math.min(127, Math.round(values[c * per + k]! / s)));
    }
    const wName = uniqueName(inputs[1]!);
    newInits.push(int8Tensor(`${wName}_quantized`, dims, q), floatTensor(`${wName}_scale`, [channels], scales), int8Tensor(`${wName}_zero_point`, [channels], new Int8Array(channels)));
    head.push(
      onnx.NodeProto.create({
        name: `${wName}_DequantizeLinear`,
        opType: 'DequantizeLinear',
        input: [`${wName}_quantized`, `${wName}_scale`, `${wName}_zero_point`],
        output: [`${wName}_dequantized`],
        attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
      }),
    );
    inputs[1] = `${wName}_dequantized`;
    weights++;
    if (inputs[2]) {
      const b = floatValues(ix.initializers.get(inputs[2])!);
      const bName = uniqueName(inputs[2]);
      const bScales = new Float32Array(channels);
      const bq = new Int32Array(channels);
      for (let c = 0; c < channels; c++) {
        bScales[c] = inputScale * scales[c]!;
        bq[c] = Math.round(b[c]! / bScales[c]!);
      }
      newInits.push(int32Tensor(`${bName}_quantized`, [channels], bq), floatTensor(`${bName}_scale`, [channels], bScales), int32Tensor(`${bName}_zero_point`, [channels], new Int32Array(channels)));
      head.push(
        onnx.NodeProto.create({
          name: `${bName}_DequantizeLinear`,
          opType: 'DequantizeLinear',
          input: [`${bName}_quantized`, `${bName}_scale`, `${bName}_zero_point`],
          output: [`${bName}_dequantized`],
          attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
        }),
      );
      inputs[2] = `${bName}_dequantized`;
    }
  };

  // Weights first: their bias scale needs the input's scale, looked up by the original name.
  plan.quantized.forEach((i) => {
    const node = ix.nodes[i]!;
    if (node.opType === 'Conv') quantizeConvWeights(node);
  });
  // Consumers read the dequantized copy; producers keep writing the original name.
  const quantizedSet = new Set(plan.tensors);
  for (const node of g.node) {
    if (node.input) node.input = node.input.map((x) => (quantizedSet.has(x) ? `${x}_dequantized` : x));
  }

  const nodes: NodeProto[] = [];
  for (const name of ix.graphInputs) if (quantizedSet.has(name)) nodes.push(...qdqFor(name));
  for (const node of g.node) {
    nodes.push(node);
    for (const o of node.output ?? []) if (quantizedSet.has(o)) nodes.push(...qdqFor(o));
  }
  const outputs = new Set((g.output ?? []).map((o) => o.name ?? ''));
  for (const t of plan.tensors) {
    if (outputs.has(t)) throw new RegistryError('DERIVE_UNSUPPORTED', `graph output ${t} would be quantized`);
  }
  // Weights that were replaced by their int8 copies are no longer read.
  const stillRead = new Set<string>();
  for (const n of [...head, ...nodes]) for (const x of n.input ?? []) stillRead.add(x);
  g.initializer = [...g.initializer.filter((t) => stillRead.has(t.name ?? '')), ...newInits];
  g.node = [...head, ...nodes];
  g.valueInfo = [];
  return { model, quantizedNodes: plan.quantized.size, qdqPairs: plan.tensors.length, weightsQuantized: weights };
}
