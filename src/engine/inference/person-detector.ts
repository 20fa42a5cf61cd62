import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { APPEARANCE_DIMS, colourHistograms } from '../vision/appearance';
import type { Detections, RgbFrame } from '../vision/detections';
import { DEFAULT_DECODE, YoloDecoder, type DecodeOptions } from './decode';
import { InferenceError, oneLine } from './errors';
import { chooseExecutionProvider, sessionOptionsFor, type ProviderName, type ProviderRequest } from './execution-provider';
import type { LayoutKind } from './layout';
import { geometryFromOnnx, inspectModel } from './model-inspect';
import { readOnnxInfo, type OnnxInfo } from './onnx-proto-reader';
import type { NmsMethod } from './nms';
import { Letterboxer } from './preprocess';

export interface PersonDetectorOptions {
  /** 'auto' (default) honours FOOTFALL_EP, then tries CUDA, then CPU. */
  provider?: ProviderRequest;
  /** Detection threshold; an explicit value wins over the model's own (MODEL_CONF_THRESHOLD_KEY). */
  confThreshold?: number;
  /**
   * Threshold used when neither `confThreshold` nor the model file names one (the counting
   * pipeline's 0.1); DEFAULT_DECODE's when absent.
   */
  defaultConfThreshold?: number;
  /** NMS overlap threshold (default DEFAULT_DECODE.iouThreshold; see decode.ts for why). */
  iouThreshold?: number;
  /** NMS method (default DEFAULT_DECODE.nmsMethod). */
  nmsMethod?: NmsMethod;
  /** Class ids to report (default [0], person); null for every class. */
  classes?: number[] | null;
  maxDetections?: number;
  intraOpThreads?: number;
  allowSpinning?: boolean;
  /**
   * Also compute each detection's torso colour histogram (vision/appearance.ts) for the tracker's
   * appearance cue (ByteTrackerOptions.appearanceWeight). Default false: it did not change a count
   * on the measured scenes, and costs a few hundred pixel reads per person.
   */
  appearance?: boolean;
}

export interface DetectorInfo {
  path: string;
  inputName: string;
  outputName: string;
  inputWidth: number;
  inputHeight: number;
  layout: LayoutKind;
  numClasses: number;
  classNames: string[];
  provider: ProviderName;
  providerReason: string;
  sha256: string;
  /** Facts from the file itself (opset, producer, metadata, parameters); null if unreadable. */
  onnx: OnnxInfo | null;
  /** The detection threshold in use, and where it came from. */
  confThreshold: number;
  confThresholdSource: 'option' | 'model' | 'default';
}

/**
 * metadata_props key a derived model (`models derive --conf-threshold X`) carries its detection
 * threshold in: the same weights become a distinct file (own checksum, own registry version)
 * that detects with that threshold wherever it is loaded.
 */
export const MODEL_CONF_THRESHOLD_KEY = 'footfall.conf_threshold';

/** The model's own threshold, when its metadata holds a number strictly between 0 and 1. */
export function modelConfThreshold(onnx: OnnxInfo | null): number | undefined {
  const text = onnx?.metadata[MODEL_CONF_THRESHOLD_KEY];
  if (text === undefined || !/^\s*(0(\.\d+)?|\.\d+)\s*$/.test(text)) return undefined;
  const v = Number(text);
  return v > 0 && v < 1 ? v : undefined;
}

export interface DetectTimings {
  pre: number;
  infer: number;
  post: number;
  total: number;
}

export interface DetectResult {
  detections: Detections;
  ms: DetectTimings;
}

async function readModel(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new InferenceError('MODEL_NOT_FOUND', `Model file ${path} not found`, { cause: err });
    }
    if (code === 'EISDIR') {
      throw new InferenceError('MODEL_NOT_FOUND', `Model path ${path} is a folder, not a model file`, { cause: err });
    }
    throw new InferenceError('MODEL_INVALID', `Model file ${path} cannot be read: ${oneLine(err)}`, { cause: err });
  }
}

async function createSession(
  path: string,
  bytes: Uint8Array,
  options: ort.InferenceSession.SessionOptions,
  readerProblem: string | undefined,
): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(bytes, options);
  } catch (err) {
    // onnxruntime only says "protobuf parsing failed"; the reader's detail (e.g. "runs past the
    // end") tells a truncated download from a file that was never a model.
    const detail = readerProblem ? ` (${readerProblem})` : '';
    throw new InferenceError('MODEL_INVALID', `Model file ${path} is not a loadable ONNX model: ${oneLine(err)}${detail}`, { cause: err });
  }
}

/**
 * YOLO person detector on onnxruntime-node: letterbox into a reused input tensor, run, decode,
 * class-aware NMS, boxes back in frame pixels. One instance owns one session; calls to detect()
 * are serialised because they share the input buffer.
 */
export class PersonDetector {
  private readonly letterboxer: Letterboxer;
  private readonly inputTensor: ort.Tensor;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly info: DetectorInfo,
    private readonly decoder: YoloDecoder,
    private readonly appearance = false,
  ) {
    this.letterboxer = new Letterboxer(info.inputWidth, info.inputHeight);
    this.inputTensor = new ort.Tensor('float32', this.letterboxer.input, [1, 3, info.inputHeight, info.inputWidth]);
  }

  /**
   * Reads the file once: its bytes give the sha256 (the registry's identity for a model), the
   * ONNX facts and the session. A model with the wrong input is refused before onnxruntime
   * spends time optimising it.
   */
  static async load(modelPath: string, opts: PersonDetectorOptions = {}): Promise<PersonDetector> {
    const bytes = await readModel(modelPath);
    if (bytes.length === 0) throw new InferenceError('MODEL_INVALID', `Model file ${modelPath} is empty`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    // If our reader cannot read the file, onnxruntime still gets the last word on whether the
    // model is valid: a reader gap must not turn a loadable model away.
    let onnx: OnnxInfo | null = null;
    let readerProblem: string | undefined;
    try {
      onnx = readOnnxInfo(bytes);
    } catch (err) {
      readerProblem = oneLine(err);
    }
    const overrides = onnx ? geometryFromOnnx(onnx).freeDimensionOverrides : {};
    const tuning = { intraOpThreads: opts.intraOpThreads, allowSpinning: opts.allowSpinning };
    const optionsFor = (p: ProviderName): ort.InferenceSession.SessionOptions => ({
      ...sessionOptionsFor(p, tuning),
      ...(Object.keys(overrides).length > 0 ? { freeDimensionOverrides: overrides } : {}),
    });

    // Built before the provider probe so bad tuning is reported as itself, not as "no CUDA".
    const cpuOptions = optionsFor('cpu');
    let session: ort.InferenceSession | undefined;
    const choice = await chooseExecutionProvider({
      requested: opts.provider ?? 'auto',
      probeCuda: async () => {
        session = await ort.InferenceSession.create(bytes, optionsFor('cuda'));
      },
    });
    session ??= await createSession(modelPath, bytes, cpuOptions, readerProblem);

    try {
      const model = inspectModel(session, onnx ?? undefined);
      const fromModel = modelConfThreshold(onnx);
      const confThreshold = opts.confThreshold ?? fromModel ?? opts.defaultConfThreshold ?? DEFAULT_DECODE.confThreshold;
      const confThresholdSource = opts.confThreshold !== undefined ? 'option' : fromModel !== undefined ? 'model' : 'default';
      const decode: DecodeOptions = {
        ...DEFAULT_DECODE,
        confThreshold,
        iouThreshold: opts.iouThreshold ?? DEFAULT_DECODE.iouThreshold,
        nmsMethod: opts.nmsMethod ?? DEFAULT_DECODE.nmsMethod,
        classes: opts.classes === undefined ? DEFAULT_DECODE.classes : opts.classes,
        maxDetections: opts.maxDetections ?? DEFAULT_DECODE.maxDetections,
      };
      const info: DetectorInfo = {
        path: modelPath,
        inputName: model.input.name,
        outputName: model.output.name,
        inputWidth: model.geometry.width,
        inputHeight: model.geometry.height,
        layout: model.layout.kind,
        numClasses: model.layout.numClasses,
        classNames: model.classNames,
        provider: choice.provider,
        providerReason: choice.reason,
        sha256,
        onnx,
        confThreshold,
        confThresholdSource,
      };
      return new PersonDetector(session, info, new YoloDecoder(model.layout, decode), opts.appearance ?? false);
    } catch (err) {
      await session.release();
      throw err;
    }
  }

  detect(frame: RgbFrame): Promise<DetectResult> {
    const run = this.queue.then(() => this.detectNow(frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** First runs pay for memory planning and kernel selection; do it before counting starts. */
  async warmup(runs = 1): Promise<void> {
    await this.exclusive(async () => {
      this.letterboxer.fillGrey();
      for (let i = 0; i < runs; i++) await this.runSession();
    });
  }

  /**
   * One session run on whatever is in the input buffer, in ms: the bare model cost, for the
   * benchmark (see raw-inference.ts).
   */
  async inferOnce(): Promise<number> {
    return this.exclusive(async () => {
      const t0 = performance.now();
      await this.runSession();
      return performance.now() - t0;
    });
  }

  /** Queued behind in-flight work, so a session is never released under a running detect(). */
  async dispose(): Promise<void> {
    await this.exclusive(async () => {
      if (this.disposed) return;
      this.disposed = true;
      await this.session.release();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runSession(): Promise<ort.Tensor> {
    if (this.disposed) throw new InferenceError('DETECTOR_DISPOSED', 'PersonDetector used after dispose()');
    let outputs: ort.InferenceSession.ReturnType;
    try {
      outputs = await this.session.run({ [this.info.inputName]: this.inputTensor });
    } catch (err) {
      throw new InferenceError('INFERENCE_FAILED', `onnxruntime run failed: ${oneLine(err)}`, { cause: err });
    }
    const out = outputs[this.info.outputName];
    if (!(out instanceof ort.Tensor) || out.type !== 'float32') {
      throw new InferenceError('MODEL_OUTPUT_UNSUPPORTED', `Model output "${this.info.outputName}" is not a float32 tensor`);
    }
    return out;
  }

  private async detectNow(frame: RgbFrame): Promise<DetectResult> {
    const t0 = performance.now();
    const lb = this.letterboxer.run(frame);
    const t1 = performance.now();
    const out = await this.runSession();
    const t2 = performance.now();
    const detections = this.decoder.decode(out.data as Float32Array, out.dims, lb);
    if (this.appearance) {
      // boxes are still in this frame's pixels here (the pipeline maps them to the source later)
      detections.appearance = colourHistograms(frame, detections);
      detections.appearanceDims = APPEARANCE_DIMS;
    }
    const t3 = performance.now();
    return { detections, ms: { pre: t1 - t0, infer: t2 - t1, post: t3 - t2, total: t3 - t0 } };
  }
}
