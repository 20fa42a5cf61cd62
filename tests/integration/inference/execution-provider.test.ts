import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  PROBE_MODEL_BASE64,
  chooseExecutionProvider,
  defaultIntraOpThreads,
  sessionOptionsFor,
} from '../../../src/engine/inference/execution-provider';
import { buildOnnx } from '../../fixtures/onnx/build-onnx';

const linux = { platform: 'linux' as const, arch: 'x64', env: {} };
const fail = async (): Promise<void> => {
  throw new Error('libcudart.so.12: cannot open shared object file\nsecond line');
};
const succeed = async (): Promise<void> => undefined;

describe('chooseExecutionProvider', () => {
  it('forced CPU by option or FOOTFALL_EP never probes CUDA', async () => {
    const probe = async (): Promise<void> => {
      throw new Error('must not probe');
    };
    await expect(chooseExecutionProvider({ ...linux, requested: 'cpu', probeCuda: probe })).resolves.toEqual({
      provider: 'cpu',
      reason: 'CPU forced by option',
    });
    await expect(chooseExecutionProvider({ ...linux, env: { FOOTFALL_EP: 'CPU' }, probeCuda: probe })).resolves.toEqual({
      provider: 'cpu',
      reason: 'CPU forced by FOOTFALL_EP',
    });
  });

  it('an explicit option beats FOOTFALL_EP', async () => {
    const r = await chooseExecutionProvider({ ...linux, requested: 'cuda', env: { FOOTFALL_EP: 'cpu' }, probeCuda: succeed, checkLibrary: false });
    expect(r).toEqual({ provider: 'cuda', reason: 'CUDA forced by option and loaded' });
  });

  it('auto uses CUDA when the probe loads it', async () => {
    await expect(chooseExecutionProvider({ ...linux, probeCuda: succeed, checkLibrary: false })).resolves.toEqual({
      provider: 'cuda',
      reason: 'CUDA provider loaded',
    });
  });

  it('auto falls back to CPU with the first line of the failure', async () => {
    const r = await chooseExecutionProvider({ ...linux, probeCuda: fail, checkLibrary: false });
    expect(r).toEqual({
      provider: 'cpu',
      reason: 'CUDA provider not available in this onnxruntime-node build: libcudart.so.12: cannot open shared object file',
    });
  });

  it('forced CUDA that cannot load is PROVIDER_UNAVAILABLE, not a silent fallback', async () => {
    await expect(chooseExecutionProvider({ ...linux, env: { FOOTFALL_EP: 'cuda' }, probeCuda: fail, checkLibrary: false })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      message: expect.stringContaining('CUDA forced by FOOTFALL_EP but unavailable'),
    });
  });

  it.each([
    ['darwin', 'arm64'],
    ['linux', 'arm64'],
    ['win32', 'arm64'],
  ] as const)('does not try CUDA on %s-%s', async (platform, arch) => {
    const r = await chooseExecutionProvider({ platform, arch, env: {}, probeCuda: succeed, checkLibrary: false });
    expect(r).toEqual({ provider: 'cpu', reason: `CUDA is not offered by onnxruntime-node on ${platform}-${arch}` });
    await expect(chooseExecutionProvider({ platform, arch, env: {}, requested: 'cuda', probeCuda: succeed })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    });
  });

  it('an unknown FOOTFALL_EP is PROVIDER_INVALID', async () => {
    await expect(chooseExecutionProvider({ ...linux, env: { FOOTFALL_EP: 'tpu' } })).rejects.toMatchObject({
      code: 'PROVIDER_INVALID',
      message: 'FOOTFALL_EP must be auto, cpu or cuda (got "tpu")',
    });
  });

  it('on this machine, for real: a working provider and a reason', async () => {
    const r = await chooseExecutionProvider({ env: {} });
    expect(['cpu', 'cuda']).toContain(r.provider);
    if (r.provider === 'cpu' && process.platform === 'linux' && process.arch === 'x64') {
      expect(r.reason).toMatch(/^CUDA provider not available in this onnxruntime-node build: /);
    }
    console.log(`execution provider here: ${r.provider} (${r.reason})`);
  });

  it('the real onnxruntime probe (library check skipped) reports onnxruntime\'s own reason', async () => {
    const r = await chooseExecutionProvider({ env: {}, checkLibrary: false });
    if (r.provider === 'cpu') expect(r.reason).toMatch(/^(CUDA provider not available in this onnxruntime-node build: \S|CUDA is not offered)/);
    else expect(r.reason).toBe('CUDA provider loaded');
  });
});

describe('session options', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [8, 7],
    [16, 8],
    [64, 8],
  ])('%i cores → %i intra-op threads', (cores, threads) => {
    expect(defaultIntraOpThreads(cores)).toBe(threads);
  });

  it('sequential, one inter-op thread, full graph optimisation, no spinning', () => {
    expect(sessionOptionsFor('cpu', { intraOpThreads: 2 })).toEqual({
      executionProviders: ['cpu'],
      intraOpNumThreads: 2,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
    expect(sessionOptionsFor('cuda').executionProviders).toEqual(['cuda', 'cpu']);
    expect(() => sessionOptionsFor('cpu', { intraOpThreads: 0 })).toThrow(expect.objectContaining({ code: 'DETECTOR_OPTIONS_INVALID' }));
  });

  it('the embedded probe model is what the fixture encoder builds, and onnxruntime runs it', async () => {
    const built = buildOnnx({
      producerName: 'footfall-ep-probe',
      graphName: 'probe',
      nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }],
      inputs: [{ name: 'x', dims: [1] }],
      outputs: [{ name: 'y', dims: [1] }],
    });
    expect(Buffer.from(built).toString('base64')).toBe(PROBE_MODEL_BASE64);
    const session = await ort.InferenceSession.create(built, sessionOptionsFor('cpu', { intraOpThreads: 1 }));
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([-3]), [1]) });
    expect(out.y?.data).toEqual(Float32Array.from([0]));
    await session.release();
  });
});
