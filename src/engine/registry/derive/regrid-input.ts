import { RegistryError } from '../registry-error';
import {
  dimsOf,
  floatTensor,
  floatValues,
  int64Tensor,
  int64Values,
  num,
  requireGraph,
  setMetadata,
  DT,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from './onnx-model-file';

// A static YOLOv8/YOLO11 export bakes its input size into a handful of constants: the input and
// output dims, the anchor-point table ([1, 2, A], cell centres of every level), the stride table
// ([1, A]), the DFL reshapes ([1, 4, 16, A], [1, 4, A]) and, in some exports, per-level reshape or
// split sizes. Everything else is convolutional, so rewriting exactly those constants gives the
// same network at another size (Ultralytics' own `export imgsz=320` produces the same graph).

export interface RegridOutcome {
  model: ModelProto;
  from: { width: number; height: number };
  to: { width: number; height: number };
  strides: number[];
  anchors: { from: number; to: number };
  /** Constants rewritten, for the version's details. */
  rewritten: string[];
}

interface ConstantSlot {
  name: string;
  get(): TensorProto;
  set(t: TensorProto): void;
}

/** Every constant tensor of the graph: initializers and Constant nodes' `value`. */
function constants(nodes: NodeProto[], initializers: TensorProto[]): ConstantSlot[] {
  const slots: ConstantSlot[] = initializers.map((t, i) => ({
    name: t.name ?? '',
    get: () => initializers[i]!,
    set: (n) => {
      initializers[i] = n;
    },
  }));
  for (const node of nodes) {
    if (node.opType !== 'Constant') continue;
    const attr = (node.attribute ?? []).find((a) => a.name === 'value' && a.t);
    if (!attr?.t) continue;
    slots.push({
      name: node.output?.[0] ?? '',
      get: () => attr.t!,
      set: (n) => {
        attr.t = { ...n, name: attr.t?.name ?? '' };
      },
    });
  }
  return slots;
}

/** Ultralytics' make_anchors: per level, cell centres (x + 0.5, y + 0.5) in row-major order. */
export function anchorTables(width: number, height: number, strides: readonly number[]): { points: Float32Array; strides: Float32Array } {
  const cells = strides.map((s) => (width / s) * (height / s));
  const total = cells.reduce((a, b) => a + b, 0);
  const points = new Float32Array(2 * total);
  const perAnchor = new Float32Array(total);
  let k = 0;
  for (const s of strides) {
    const gw = width / s;
    const gh = height / s;
    for (let y = 0; y < gh; y++) {
      for (let x = 0; x < gw; x++) {
        points[k] = x + 0.5;
        points[total + k] = y + 0.5;
        perAnchor[k] = s;
        k++;
      }
    }
  }
  return { points, strides: perAnchor };
}

/** The distinct strides of a per-anchor stride table, in order (e.g. [8, 16, 32]). */
function levelsOf(table: Float32Array): number[] {
  const levels: number[] = [];
  for (const s of table) if (levels[levels.length - 1] !== s) levels.push(s);
  return levels;
}

function sameValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 1e-3) return false;
  return true;
}

function staticInputSize(model: ModelProto): { width: number; height: number; name: string } {
  const g = requireGraph(model);
  const inits = new Set(g.initializer.map((t) => t.name));
  const inputs = (g.input ?? []).filter((i) => !inits.has(i.name ?? ''));
  const dims = inputs[0]?.type?.tensorType?.shape?.dim ?? [];
  const values = dims.map((d) => (d.dimParam ? NaN : num(d.dimValue)));
  if (inputs.length !== 1 || values.length !== 4 || values.some((v) => !Number.isFinite(v) || v <= 0) || values[1] !== 3) {
    throw new RegistryError('DERIVE_UNSUPPORTED', 'only a static YOLO export with one [1, 3, H, W] image input can be re-gridded (this model has a dynamic or different input)');
  }
  return { name: inputs[0]!.name ?? '', height: values[2]!, width: values[3]! };
}

/**
 * Re-grids a static YOLOv8/YOLO11-style export to `size`×`size` in place. Refuses (with
 * DERIVE_UNSUPPORTED, before changing anything) a model whose anchor and stride tables are not
 * the ones make_anchors gives for its current size: then it is not the graph this understands.
 */
export function regridInput(model: ModelProto, size: number): RegridOutcome {
  if (!Number.isInteger(size) || size < 32 || size > 4096 || size % 32 !== 0) {
    throw new RegistryError('DERIVE_INVALID', `input size ${size} must be a multiple of 32 between 32 and 4096 (e.g. 320)`);
  }
  const g = requireGraph(model);
  const input = staticInputSize(model);
  const slots = constants(g.node, g.initializer);

  // The stride table is the float [1, A] constant whose values are all strides; A is the anchor count.
  const strideSlot = slots.find((s) => {
    const t = s.get();
    const d = dimsOf(t);
    if (t.dataType !== DT.FLOAT || d.length !== 2 || d[0] !== 1 || (d[1] ?? 0) < 3) return false;
    const levels = levelsOf(floatValues(t));
    return levels.length >= 2 && levels.length <= 5 && levels.every((s) => s >= 4 && s <= 128 && Number.isInteger(Math.log2(s)));
  });
  if (!strideSlot) throw new RegistryError('DERIVE_UNSUPPORTED', 'no YOLO stride table found in the model: only YOLOv8/YOLO11-style exports can be re-gridded');
  const strides = levelsOf(floatValues(strideSlot.get()));
  const oldTables = anchorTables(input.width, input.height, strides);
  const oldA = oldTables.strides.length;
  if (!sameValues(floatValues(strideSlot.get()), oldTables.strides)) {
    throw new RegistryError('DERIVE_UNSUPPORTED', `the stride table does not match a ${input.width}×${input.height} grid of strides ${strides.join('/')}`);
  }
  const anchorSlot = slots.find((s) => {
    const t = s.get();
    const d = dimsOf(t);
    return t.dataType === DT.FLOAT && d.length === 3 && d[0] === 1 && d[1] === 2 && d[2] === oldA;
  });
  if (!anchorSlot || !sameValues(floatValues(anchorSlot.get()), oldTables.points)) {
    throw new RegistryError('DERIVE_UNSUPPORTED', 'no anchor-point table matching the stride table was found: only YOLOv8/YOLO11-style exports can be re-gridded');
  }
  if (strides.some((s) => size % s !== 0)) throw new RegistryError('DERIVE_INVALID', `input size ${size} must be a multiple of every stride (${strides.join(', ')})`);

  const newTables = anchorTables(size, size, strides);
  const newA = newTables.strides.length;
  // Grid-dependent counts: the total anchors, and each level's cell count (per-level reshapes).
  const countMap = new Map<number, number>([[oldA, newA]]);
  strides.forEach((s) => countMap.set((input.width / s) * (input.height / s), (size / s) * (size / s)));
  const rewritten: string[] = [];

  anchorSlot.set(floatTensor(anchorSlot.name, [1, 2, newA], newTables.points));
  strideSlot.set(floatTensor(strideSlot.name, [1, newA], newTables.strides));
  rewritten.push(anchorSlot.name, strideSlot.name);

  // Shape constants: only those a Reshape (shape), Split (split) or Expand reads, so a channel
  // count that happens to equal a cell count is never touched.
  const shapeInputs = new Set<string>();
  for (const n of g.node) {
    const inputs = n.input ?? [];
    if ((n.opType === 'Reshape' || n.opType === 'Expand' || n.opType === 'Split') && inputs[1]) shapeInputs.add(inputs[1]);
    if (n.opType === 'Split') {
      for (const a of n.attribute ?? []) {
        if (a.name === 'split' && a.ints) a.ints = a.ints.map((v) => countMap.get(num(v)) ?? num(v));
      }
    }
    if (n.opType === 'Resize' && inputs[3]) {
      throw new RegistryError('DERIVE_UNSUPPORTED', `Resize node ${n.name ?? ''} uses fixed output sizes; re-export the model with scale factors`);
    }
  }
  for (const slot of slots) {
    if (!shapeInputs.has(slot.name)) continue;
    const t = slot.get();
    if (t.dataType !== DT.INT64) continue;
    const values = int64Values(t);
    const next = values.map((v) => countMap.get(v) ?? v);
    if (next.some((v, i) => v !== values[i])) {
      slot.set(int64Tensor(slot.name, dimsOf(t), next));
      rewritten.push(slot.name);
    }
  }

  // Graph input and output dims; the recorded intermediate shapes are for the old size, so they
  // go (onnxruntime infers them again at load).
  const inDims = g.input?.find((i) => i.name === input.name)?.type?.tensorType?.shape?.dim ?? [];
  inDims[2] = { dimValue: size };
  inDims[3] = { dimValue: size };
  for (const o of g.output ?? []) {
    for (const d of o.type?.tensorType?.shape?.dim ?? []) {
      const v = num(d.dimValue);
      if (countMap.has(v)) d.dimValue = countMap.get(v)!;
    }
  }
  g.valueInfo = [];
  setMetadata(model, 'imgsz', `[${size}, ${size}]`);
  return { model, from: { width: input.width, height: input.height }, to: { width: size, height: size }, strides, anchors: { from: oldA, to: newA }, rewritten };
}
