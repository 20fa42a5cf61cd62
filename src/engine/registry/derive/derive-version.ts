import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonValue } from '../../db/json-column';
import { geometryFromOnnx } from '../../inference/model-inspect';
import { readOnnxInfo } from '../../inference/onnx-proto-reader';
import { MODEL_CONF_THRESHOLD_KEY } from '../../inference/person-detector';
import { formatModelRef } from '../../../shared/model-ref';
import { importModel, type ImportOutcome } from '../import-model';
import { sha256Of } from '../model-store';
import type { RegistryContext } from '../registry-context';
import { RegistryError } from '../registry-error';
import { safeReadFile } from '../safe-read';
import { isSemver, parseSemver, requireSemver } from '../semver';
import { calibrateRanges, calibrationFrames, DEFAULT_CALIBRATION_FRAMES, type CalibrationMethod } from './calibration';
import { decodeModel, encodeModel, requireGraph, setMetadata } from './onnx-model-file';
import { planQuantization, quantizeInt8, type QuantizePlanOptions } from './quantize-int8';
import { regridInput } from './regrid-input';

export interface DeriveRequest {
  modelId: string;
  /** The source version (the new version's parent). */
  version: string;
  /** Re-grid to this square input size (a multiple of 32). */
  inputSize?: number;
  /** Static int8 quantization. */
  int8?: boolean;
  /** Recording, camera URL, image or folder of images to calibrate on (default: the sample frames). */
  calibrate?: string;
  calibrationFrames?: number;
  calibrationMethod?: CalibrationMethod;
  /** Quantization scheme (default DEFAULT_INT8_SCHEME, the fastest measured that finds the same people). */
  int8Scheme?: QuantizePlanOptions;
  /** Detection threshold stored in the file (0 < x < 1). */
  confThreshold?: number;
  /** New version number (default: a prerelease of the parent such as 8.0.0-i320). */
  newVersion?: string;
  authorName?: string;
}

/**
 * The int8 scheme `models derive --int8` uses. Measured on the 2-core AVX-512-VNNI machine (README,
 * "Derived variants"): Q/DQ around Conv only left 58 Sigmoid/Mul pairs and 138 DequantizeLinear
 * nodes in float between the int8 convs (barely faster than float); quantizing the SiLU, Add,
 * Concat, MaxPool, Resize and Slice chain too lets onnxruntime fuse the whole backbone into
 * QLinear* kernels. The head's last convolutions stay float: with them in uint8 a frame whose
 * people score higher than any calibration frame saturates at the range's top (every such person
 * came out at confidence 0.50), and they cost little (1×1 convs on the coarse grids).
 */
export const DEFAULT_INT8_SCHEME: QuantizePlanOptions = { ops: 'all', headConvsFloat: true };

export interface DeriveOutcome {
  import: ImportOutcome;
  ref: string;
  parentRef: string;
  kind: string;
  inputSize: number;
  int8: boolean;
  confThreshold: number | null;
  calibration: { source: string; frames: number; method: CalibrationMethod } | null;
  changelog: string;
  ms: number;
}

function validate(r: DeriveRequest): void {
  if (r.inputSize === undefined && !r.int8 && r.confThreshold === undefined) {
    throw new RegistryError('DERIVE_INVALID', 'say what to derive: an input size, int8, or a detection threshold');
  }
  if (r.inputSize !== undefined && (!Number.isInteger(r.inputSize) || r.inputSize % 32 !== 0 || r.inputSize < 64 || r.inputSize > 2048)) {
    throw new RegistryError('DERIVE_INVALID', `input size ${r.inputSize} must be a multiple of 32 between 64 and 2048 (e.g. 320)`);
  }
  if (r.confThreshold !== undefined && !(Number.isFinite(r.confThreshold) && r.confThreshold > 0 && r.confThreshold < 1)) {
    throw new RegistryError('DERIVE_INVALID', `detection threshold ${r.confThreshold} must be between 0 and 1 (e.g. 0.85)`);
  }
  if (!r.int8 && (r.calibrate !== undefined || r.calibrationFrames !== undefined || r.calibrationMethod !== undefined)) {
    throw new RegistryError('DERIVE_INVALID', 'calibration options only apply with int8');
  }
  if (r.calibrationFrames !== undefined && (!Number.isInteger(r.calibrationFrames) || r.calibrationFrames < 1 || r.calibrationFrames > 500)) {
    throw new RegistryError('DERIVE_INVALID', `calibration frames ${r.calibrationFrames} must be a whole number from 1 to 500`);
  }
  if (r.newVersion !== undefined) requireSemver(r.newVersion);
}

/** "8.0.0" + "i320" → "8.0.0-i320"; "8.0.0-i320" + "int8" → "8.0.0-i320-int8"; build metadata dropped. */
export function derivedVersionName(parent: string, suffix: string, taken: readonly string[]): string {
  const p = parseSemver(parent);
  const core = p ? `${p.major}.${p.minor}.${p.patch}` : parent;
  const pre = p && p.prerelease.length > 0 ? `${p.prerelease.join('.')}-${suffix}` : suffix;
  let base = `${core}-${pre}`;
  if (!isSemver(base)) base = `${core}-${pre.replace(/\./g, '-')}`;
  let name = base;
  for (let k = 2; taken.includes(name); k++) name = `${base}.${k}`;
  if (!isSemver(name)) throw new RegistryError('VERSION_INVALID', `cannot name the derived version of ${parent} (${name} is not a valid version); give one with --version`);
  return name;
}

/**
 * `models derive`: reads the source version's stored file (checksum verified), re-grids,
 * quantizes and/or sets a detection threshold with onnx-proto, and registers the result through
 * the registry's normal import (stored, checksummed, loaded and run on a real frame, review
 * pending) with the source as its parent. Anything refused before the import leaves the registry
 * and the store as they were.
 */
export async function deriveVersion(ctx: RegistryContext, r: DeriveRequest): Promise<DeriveOutcome> {
  const started = performance.now();
  validate(r);
  const parentRef = formatModelRef(r.modelId, r.version);
  if (!ctx.repos.aiModels.get(r.modelId)) throw new RegistryError('NOT_FOUND', `no model "${r.modelId}"`);
  const parent = ctx.repos.modelVersions.find(r.modelId, r.version);
  if (!parent) throw new RegistryError('NOT_FOUND', `model ${r.modelId} has no version ${r.version}`);
  if (!parent.modelFilePath || !parent.modelFileChecksum) throw new RegistryError('MODEL_FILE_MISSING', `${parentRef} has no stored file or checksum`);
  const file = await safeReadFile(parent.modelFilePath, { maxBytes: ctx.maxImportBytes, what: 'Model file' });
  if (sha256Of(file.bytes) !== parent.modelFileChecksum) {
    throw new RegistryError('CHECKSUM_MISMATCH', `the file of ${parentRef} (${parent.modelFilePath}) changed after import; it cannot be derived from`);
  }
  // The bounds-checked reader first: a corrupt file is refused with MODEL_INVALID in plain words.
  const info = readOnnxInfo(file.bytes);
  const geometry = geometryFromOnnx(info);
  const inputName = info.inputs[0]?.name ?? '';
  const model = decodeModel(file.bytes, `the file of ${parentRef}`);
  const g = requireGraph(model);

  const words: string[] = [];
  const suffixes: string[] = [];
  const kinds: string[] = [];
  const details: { [key: string]: JsonValue } = { kind: 'derive', derivedFrom: parentRef };
  let size = geometry.width;

  if (r.inputSize !== undefined) {
    if (r.inputSize === geometry.width && r.inputSize === geometry.height) {
      throw new RegistryError('DERIVE_INVALID', `${parentRef} already takes ${r.inputSize}×${r.inputSize} images`);
    }
    const regrid = regridInput(model, r.inputSize);
    size = r.inputSize;
    words.push(`input ${size}×${size}`);
    suffixes.push(`i${size}`);
    kinds.push('input-size');
    details.regrid = { from: [regrid.from.width, regrid.from.height], to: [size, size], strides: regrid.strides, anchors: regrid.anchors, constants: regrid.rewritten };
  }

  let calibration: DeriveOutcome['calibration'] = null;
  if (r.int8) {
    if (g.node.some((n) => n.opType === 'QuantizeLinear' || n.opType === 'QLinearConv' || n.opType === 'DequantizeLinear')) {
      throw new RegistryError('DERIVE_UNSUPPORTED', `${parentRef} is already quantized`);
    }
    const scheme = r.int8Scheme ?? DEFAULT_INT8_SCHEME;
    const method = r.calibrationMethod ?? 'minmax';
    const plan = planQuantization(model, scheme);
    const set = await calibrationFrames(r.calibrate, { width: size, height: size, count: r.calibrationFrames ?? DEFAULT_CALIBRATION_FRAMES, sampleImage: ctx.sampleImage });
    const ranges = await calibrateRanges(model, plan.calibrate, set.frames, { name: inputName, width: size, height: size }, { method, intraOpThreads: ctx.intraOpThreads });
    const q = quantizeInt8(model, plan, ranges);
    calibration = { source: set.source, frames: set.frames.length, method };
    words.push(`int8 (QDQ, calibrated on ${set.frames.length} frame${set.frames.length === 1 ? '' : 's'} of ${set.source})`);
    suffixes.push('int8');
    kinds.push('int8');
    details.int8 = {
      format: 'QDQ',
      weights: 'int8 symmetric per channel',
      activations: 'uint8 per tensor',
      scheme: { ...scheme },
      quantizedNodes: q.quantizedNodes,
      qdqPairs: q.qdqPairs,
      floatTailNodes: plan.floatTail,
      calibration: { source: set.source, frames: set.frames.length, method },
    };
  }

  if (r.confThreshold !== undefined) {
    setMetadata(model, MODEL_CONF_THRESHOLD_KEY, String(r.confThreshold));
    words.push(`detection threshold ${r.confThreshold}`);
    suffixes.push(`conf${r.confThreshold}`);
    kinds.push('conf-threshold');
    details.confThreshold = r.confThreshold;
  }

  const changelog = `derived from ${parentRef}: ${words.join(', ')}`;
  setMetadata(model, 'footfall.derived_from', parentRef);
  setMetadata(model, 'footfall.derivation', words.join(', '));
  details.inputSize = size;
  const taken = ctx.repos.modelVersions.listForModel(r.modelId).map((v) => v.versionNumber);
  const newVersion = r.newVersion ?? derivedVersionName(r.version, suffixes.join('-'), taken);

  const dir = await mkdtemp(join(tmpdir(), 'footfall-derive-'));
  try {
    const path = join(dir, `${r.modelId}-${newVersion}.onnx`);
    await writeFile(path, encodeModel(model));
    const outcome = await importModel(ctx, {
      path,
      modelId: r.modelId,
      version: newVersion,
      parentVersion: r.version,
      description: `${parent.versionDescription ?? r.modelId} — ${words.join(', ')}`.slice(0, 2000),
      changelog,
      authorName: r.authorName,
      commitDetails: details,
    });
    return {
      import: outcome,
      ref: formatModelRef(r.modelId, outcome.version.versionNumber),
      parentRef,
      kind: kinds.join('+'),
      inputSize: size,
      int8: !!r.int8,
      confThreshold: r.confThreshold ?? null,
      calibration,
      changelog,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
