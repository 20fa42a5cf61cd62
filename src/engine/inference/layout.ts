import { InferenceError } from './errors';

/** A dimension as onnxruntime or the ONNX file reports it: fixed, symbolic, or unknown. */
export type Dim = number | string | null;

/**
 * The two YOLO head layouts in the wild:
 * - yolov8 (also YOLO11): [1, 4+C, N], channels first, class scores without objectness;
 * - yolov5: [1, N, 5+C], one row per anchor, objectness at index 4 multiplies the class score.
 */
export type LayoutKind = 'yolov8' | 'yolov5';

export interface OutputLayout {
  kind: LayoutKind;
  numClasses: number;
  /** Values per anchor: 4+C for yolov8, 5+C for yolov5. */
  stride: number;
}

export interface InputGeometry {
  width: number;
  height: number;
  /** Symbolic input dims pinned at session creation so onnxruntime can plan memory once. */
  freeDimensionOverrides: Record<string, number>;
}

export function formatShape(dims: ReadonlyArray<Dim>): string {
  return `[${dims.map((d) => (d === null || d === '' ? '?' : String(d))).join(',')}]`;
}

const isFixed = (d: Dim): d is number => typeof d === 'number' && d > 0;
const isDynamic = (d: Dim): boolean => typeof d === 'string' || d === null || d === -1;

/**
 * Accepts [1,3,H,W] float32 inputs; a dynamic batch is pinned to 1 and dynamic H/W to the
 * fallback size (Ultralytics' `imgsz` metadata, else 640) — those are what the model was
 * trained at. Anything else is refused with MODEL_INPUT_UNSUPPORTED naming the shape.
 */
export function resolveInputGeometry(
  name: string,
  dims: ReadonlyArray<Dim>,
  type: string,
  fallback: { width: number; height: number } = { width: 640, height: 640 },
): InputGeometry {
  const refuse = (why: string): never => {
    throw new InferenceError(
      'MODEL_INPUT_UNSUPPORTED',
      `Model input "${name}" is ${formatShape(dims)} ${type}; expected [1,3,H,W] float32 (one RGB image): ${why}`,
    );
  };
  if (type !== 'float32') refuse(`element type ${type} is not float32`);
  if (dims.length !== 4) refuse(`rank ${dims.length} is not 4`);
  const [batch, channels, h, w] = dims as [Dim, Dim, Dim, Dim];
  if (!(batch === 1 || isDynamic(batch))) refuse(`batch ${String(batch)} is not 1`);
  if (channels !== 3) refuse(`channels ${String(channels)} is not 3`);
  const overrides: Record<string, number> = {};
  const pin = (d: Dim, value: number, what: string): number => {
    if (isFixed(d)) return d;
    if (!isDynamic(d)) refuse(`${what} ${String(d)} is not a positive size`);
    if (typeof d === 'string' && d !== '') overrides[d] = value;
    return value;
  };
  if (typeof batch === 'string' && batch !== '') overrides[batch] = 1;
  const height = pin(h, fallback.height, 'height');
  const width = pin(w, fallback.width, 'width');
  // Ultralytics models downsample by 32; other sizes load but give misaligned grids.
  if (width < 32 || height < 32) refuse(`${width}x${height} is smaller than 32x32`);
  return { width, height, freeDimensionOverrides: overrides };
}

/**
 * Tells the layouts apart by shape: the anchor count N is always larger than the per-anchor
 * width, so [1, small, large] is channels-first (yolov8) and [1, large, small] is rows (yolov5).
 * `knownClasses` (from the model's `names` metadata) resolves the one case shape alone gets
 * wrong: a transposed YOLOv8 export [1, N, 4+C] would otherwise pass for yolov5 with C-1 classes.
 */
export function detectOutputLayout(name: string, dims: ReadonlyArray<Dim>, type: string, knownClasses?: number): OutputLayout {
  const refuse = (why: string): never => {
    throw new InferenceError(
      'MODEL_OUTPUT_UNSUPPORTED',
      `Model output "${name}" is ${formatShape(dims)} ${type}; expected YOLOv8/YOLO11 [1,4+C,N] or YOLOv5 [1,N,5+C] float32: ${why}`,
    );
  };
  if (type !== 'float32') refuse(`element type ${type} is not float32`);
  if (dims.length !== 3) refuse(`rank ${dims.length} is not 3`);
  const [batch, a, b] = dims as [Dim, Dim, Dim];
  if (!(batch === 1 || isDynamic(batch))) refuse(`batch ${String(batch)} is not 1`);

  let layout: OutputLayout;
  if (isFixed(a) && isFixed(b)) {
    if (a === b) refuse('both sides are equal, so anchors and channels cannot be told apart');
    layout = a < b ? { kind: 'yolov8', numClasses: a - 4, stride: a } : { kind: 'yolov5', numClasses: b - 5, stride: b };
  } else if (isFixed(a) && isDynamic(b)) {
    layout = { kind: 'yolov8', numClasses: a - 4, stride: a };
  } else if (isDynamic(a) && isFixed(b)) {
    layout = { kind: 'yolov5', numClasses: b - 5, stride: b };
  } else {
    return refuse('both sides are dynamic or invalid');
  }
  if (layout.numClasses < 1) refuse(`${layout.stride} values per anchor leave no room for class scores`);

  if (knownClasses !== undefined && knownClasses !== layout.numClasses) {
    if (layout.kind === 'yolov5' && layout.stride - 4 === knownClasses) {
      refuse(`its ${knownClasses} class names fit a transposed YOLOv8 head [1,N,4+C]; export with the default layout`);
    }
    refuse(`it has room for ${layout.numClasses} classes but the model's names list ${knownClasses}`);
  }
  return layout;
}
