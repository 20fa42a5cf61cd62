import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ExecutionProviderName } from '../../shared/enums';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { InferenceError, oneLine } from './errors';

export type ProviderName = ExecutionProviderName;
export type ProviderRequest = 'auto' | ProviderName;

export interface ProviderChoice {
  provider: ProviderName;
  /** One line for the Health page and logs: why this provider and not the other. */
  reason: string;
}

export interface ChooseProviderOptions {
  /** 'auto' (default) consults FOOTFALL_EP, then tries CUDA, then falls back to CPU. */
  requested?: ProviderRequest;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  arch?: string;
  /**
   * Tries CUDA for real and throws if it cannot be used. The detector passes one that creates its
   * own session on CUDA, so the probe is not wasted; the default loads a 97-byte Relu model.
   */
  probeCuda?: () => Promise<void>;
  /**
   * Look for the CUDA provider library before probing (default true). False goes straight to the
   * probe: for tests, and for packaging layouts that put the library elsewhere.
   */
  checkLibrary?: boolean;
}

/**
 * x → Relu → y, float [1], IR 8, opset 13: the smallest model that proves a provider can create a
 * session. Built by tests/fixtures/onnx/build-onnx.ts; a test checks these bytes still match it.
 */
export const PROBE_MODEL_BASE64 =
  'CAgSEWZvb3RmYWxsLWVwLXByb2JlGgMxLjA6PwoUCgF4EgF5GgZyZWx1XzAiBFJlbHUSBXByb2JlWg8KAXgSCgoICAESBAoCCAFiDwoBeRIKCggIARIECgIIAUIECgAQDQ==';

const CUDA_PLATFORMS = new Set(['linux-x64', 'win32-x64']);
const CUDA_LIBRARY: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'libonnxruntime_providers_cuda.so',
  win32: 'onnxruntime_providers_cuda.dll',
};

function parseRequest(value: string, from: string): ProviderRequest {
  const v = value.trim().toLowerCase();
  if (v === 'auto' || v === 'cpu' || v === 'cuda') return v;
  throw new InferenceError('PROVIDER_INVALID', `${from} must be auto, cpu or cuda (got "${value}")`);
}

/**
 * The CPU-only install (ONNXRUNTIME_NODE_INSTALL=skip) simply lacks the CUDA provider library next
 * to the native binding. Checking for it first avoids a session attempt whose failure onnxruntime
 * also prints to stderr as a red native error on every start. Returns undefined when the folder
 * cannot be found (a packaging layout we do not know), so the real probe decides.
 */
function missingCudaLibrary(platform: NodeJS.Platform, arch: string): string | undefined {
  const lib = CUDA_LIBRARY[platform];
  if (!lib) return undefined;
  try {
    const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
    const binDir = join(dirname(entry), '..', 'bin');
    if (!existsSync(binDir)) return undefined;
    for (const napi of readdirSync(binDir)) {
      const dir = join(binDir, napi, platform, arch);
      if (existsSync(join(dir, 'onnxruntime_binding.node'))) {
        return existsSync(join(dir, lib)) ? undefined : `${lib} is not installed next to the binding in ${dir}`;
      }
    }
  } catch {
    // Fall through to the real probe.
  }
  return undefined;
}

async function defaultProbe(): Promise<void> {
  const bytes = Uint8Array.from(Buffer.from(PROBE_MODEL_BASE64, 'base64'));
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cuda'], logSeverityLevel: 4 });
  await session.release();
}

/**
 * Picks the execution provider once at start. Explicit option beats FOOTFALL_EP beats auto.
 * Auto tries CUDA only where onnxruntime-node ships it (Linux/Windows x64) and it really loads;
 * otherwise CPU with the reason. Forcing CUDA where it cannot load is an error, not a silent
 * fallback: an operator who asked for the GPU should learn it is not being used.
 */
export async function chooseExecutionProvider(opts: ChooseProviderOptions = {}): Promise<ProviderChoice> {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const arch = opts.arch ?? process.arch;
  let requested: ProviderRequest = opts.requested ? parseRequest(opts.requested, 'provider option') : 'auto';
  let source = 'option';
  if (requested === 'auto' && env.FOOTFALL_EP) {
    requested = parseRequest(env.FOOTFALL_EP, 'FOOTFALL_EP');
    source = 'FOOTFALL_EP';
  }
  if (requested === 'cpu') return { provider: 'cpu', reason: `CPU forced by ${source}` };

  const unavailable = (why: string): ProviderChoice => {
    if (requested === 'cuda') {
      throw new InferenceError('PROVIDER_UNAVAILABLE', `CUDA forced by ${source} but unavailable: ${why}`);
    }
    return { provider: 'cpu', reason: why };
  };

  if (!CUDA_PLATFORMS.has(`${platform}-${arch}`)) {
    return unavailable(`CUDA is not offered by onnxruntime-node on ${platform}-${arch}`);
  }
  const missing = opts.checkLibrary === false ? undefined : missingCudaLibrary(platform, arch);
  if (missing) return unavailable(`CUDA provider not available in this onnxruntime-node build: ${missing}`);
  try {
    await (opts.probeCuda ?? defaultProbe)();
  } catch (err) {
    return unavailable(`CUDA provider not available in this onnxruntime-node build: ${oneLine(err)}`);
  }
  return { provider: 'cuda', reason: requested === 'cuda' ? `CUDA forced by ${source} and loaded` : 'CUDA provider loaded' };
}

/**
 * Leave one core for ffmpeg decoding, the tracker and the UI on bigger machines; on 1–2 cores
 * inference still needs every core to keep up. Above 8 threads a nano model gains nothing and
 * only burns power.
 */
export function defaultIntraOpThreads(cores: number = availableParallelism()): number {
  if (cores <= 2) return Math.max(1, cores);
  return Math.min(8, cores - 1);
}

export interface SessionTuning {
  intraOpThreads?: number;
  /**
   * onnxruntime's worker threads spin-wait between operators by default, which keeps a core busy
   * even while the pipeline waits for the next camera frame. Off by default on this app's small
   * machines; a benchmark may turn it on.
   */
  allowSpinning?: boolean;
}

export function sessionOptionsFor(provider: ProviderName, tuning: SessionTuning = {}): ort.InferenceSession.SessionOptions {
  const intra = tuning.intraOpThreads ?? defaultIntraOpThreads();
  if (!Number.isInteger(intra) || intra < 1) {
    throw new InferenceError('DETECTOR_OPTIONS_INVALID', `intraOpThreads must be a positive integer (got ${intra})`);
  }
  return {
    executionProviders: provider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    intraOpNumThreads: intra,
    // One model, one frame at a time: parallel branches add scheduling cost, not speed.
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    extra: { session: { intra_op: { allow_spinning: tuning.allowSpinning ? '1' : '0' } } },
  };
}
