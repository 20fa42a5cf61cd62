/**
 * `models derive --conf-threshold`, the refusals (each leaves the registry and the store as they
 * were), the shared MODEL_ID@VERSION helpers and the command line's JSON (derive, detect --model REF).
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoriesFor } from '../../../src/engine/db/repositories';
import { loadImageRgb } from '../../../src/engine/inference/image-loader';
import { readOnnxInfo } from '../../../src/engine/inference/onnx-proto-reader';
import { MODEL_CONF_THRESHOLD_KEY } from '../../../src/engine/inference/person-detector';
import { derivedVersionName } from '../../../src/engine/registry/derive/derive-version';
import { loadVerifiedDetector } from '../../../src/engine/registry/model-loader';
import { formatModelRef, isModelRef, parseModelRef } from '../../../src/shared/model-ref';
import { modelRequests } from '../../../src/shared/requests-models';
import { openSharedRegistry, type SharedRegistry } from './derive-helpers';
import { listing, media, MODEL_PATH, requireAssets, rowCounts, withExtraMetadata } from './registry-helpers';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(TSX, [join(ROOT, 'src/cli/index.ts'), ...args], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('models derive --conf-threshold and refusals', () => {
  let t: SharedRegistry;

  beforeAll(async () => {
    requireAssets(MODEL_PATH, media('messi5.jpg'));
    t = await openSharedRegistry();
  });
  afterAll(() => t?.close());

  it('stores the threshold in the file (own checksum) and the detector applies it; an explicit threshold still wins', async () => {
    const r = await t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0', confThreshold: 0.85 });
    expect(r).toMatchObject({ ref: 'yolov8n-coco@8.0.0-conf0.85', parentRef: 'yolov8n-coco@8.0.0', kind: 'conf-threshold', inputSize: 640, confThreshold: 0.85 });
    expect(r.changelog).toBe('derived from yolov8n-coco@8.0.0: detection threshold 0.85');
    const parentSha = repositoriesFor(t.db).modelVersions.find('yolov8n-coco', '8.0.0')!.modelFileChecksum;
    expect(r.sha256).not.toBe(parentSha);
    const path = repositoriesFor(t.db).modelVersions.find('yolov8n-coco', '8.0.0-conf0.85')!.modelFilePath!;
    expect(readOnnxInfo(readFileSync(path)).metadata[MODEL_CONF_THRESHOLD_KEY]).toBe('0.85');

    const image = await loadImageRgb(media('messi5.jpg'));
    // The pipeline's loader passes 0.1 as a default: the version's own 0.85 wins over it.
    const own = (await loadVerifiedDetector(t.db, 'yolov8n-coco', '8.0.0-conf0.85', { provider: 'cpu' })).detector;
    const parent = (await loadVerifiedDetector(t.db, 'yolov8n-coco', '8.0.0', { provider: 'cpu' })).detector;
    const explicit = (await loadVerifiedDetector(t.db, 'yolov8n-coco', '8.0.0-conf0.85', { provider: 'cpu', confThreshold: 0.1 })).detector;
    try {
      expect(own.info).toMatchObject({ confThreshold: 0.85, confThresholdSource: 'model' });
      expect(parent.info).toMatchObject({ confThreshold: 0.1, confThresholdSource: 'default' });
      expect(explicit.info).toMatchObject({ confThreshold: 0.1, confThresholdSource: 'option' });
      const mine = (await own.detect(image)).detections;
      const theirs = (await parent.detect(image)).detections;
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThan(theirs.length);
      for (const c of mine.confidence) expect(c).toBeGreaterThanOrEqual(0.85);
      expect((await explicit.detect(image)).detections.length).toBe(theirs.length);
    } finally {
      await Promise.all([own.dispose(), parent.dispose(), explicit.dispose()]);
    }
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['input size not a multiple of 32', { inputSize: 300 }, 'DERIVE_INVALID', /multiple of 32/],
    ['input size it already has', { inputSize: 640 }, 'DERIVE_INVALID', /already takes 640×640/],
    ['threshold above 1', { confThreshold: 1.5 }, 'DERIVE_INVALID', /between 0 and 1/],
    ['threshold 0', { confThreshold: 0 }, 'DERIVE_INVALID', /between 0 and 1/],
    ['nothing to derive', {}, 'DERIVE_INVALID', /input size, int8, or a detection threshold/],
    ['calibration without int8', { inputSize: 320, calibrate: 'x.mp4' }, 'DERIVE_INVALID', /only apply with int8/],
    ['unknown version', { version: '9.9.9', inputSize: 320 }, 'NOT_FOUND', /has no version 9\.9\.9/],
    ['invalid version name', { inputSize: 320, newVersion: 'v2' }, 'VERSION_INVALID', /not a semantic version/],
    ['version name taken', { inputSize: 320, newVersion: '8.0.0' }, 'VERSION_EXISTS', /already has a version 8\.0\.0/],
  ])('%s: refused in plain words, nothing changed', async (_name, fields, code, message) => {
    const before = { rows: rowCounts(t.db), files: listing(t.storeDir) };
    await expect(t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0', ...fields })).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
    expect({ rows: rowCounts(t.db), files: listing(t.storeDir) }).toEqual(before);
  });

  it('a version whose file was damaged after import is refused (CHECKSUM_MISMATCH), nothing changed', async () => {
    const file = join(t.dir, 'entrance.onnx');
    writeFileSync(file, withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', 'derive-corrupt'));
    const imported = await t.registry.importModel({ path: file, modelId: 'entrance', version: '1.0.0' });
    const stored = imported.storePath!;
    writeFileSync(stored, readFileSync(stored).subarray(0, 1_000_000));
    const before = { rows: rowCounts(t.db), files: listing(t.storeDir) };
    await expect(t.registry.derive({ modelId: 'entrance', version: '1.0.0', inputSize: 320 })).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH', message: expect.stringMatching(/changed after import/) });
    expect({ rows: rowCounts(t.db), files: listing(t.storeDir) }).toEqual(before);
  });

  it('the contract refuses bad input before the engine sees it', () => {
    const schema = modelRequests['models:derive'].input;
    expect(schema.safeParse({ modelId: 'yolov8n-coco', version: '8.0.0', inputSize: 320 }).success).toBe(true);
    expect(schema.safeParse({ modelId: 'yolov8n-coco', version: '8.0.0', inputSize: 300 }).success).toBe(false);
    expect(schema.safeParse({ modelId: 'yolov8n-coco', version: '8.0.0', confThreshold: 1 }).success).toBe(false);
    expect(schema.safeParse({ modelId: 'yolov8n-coco', version: '8.0.0' }).success).toBe(false);
    expect(schema.safeParse({ modelId: 'yolov8n-coco', version: '8.0.0', int8: true, extra: 1 }).success).toBe(false);
  });
});

describe('version names and refs', () => {
  it.each<[string, string, string[], string]>([
    ['8.0.0', 'i320', [], '8.0.0-i320'],
    ['8.0.0', 'i320-int8', [], '8.0.0-i320-int8'],
    ['8.0.0', 'conf0.85', [], '8.0.0-conf0.85'],
    // "05" is a numeric identifier with a leading zero, which semver forbids
    ['8.0.0', 'conf0.05', [], '8.0.0-conf0-05'],
    ['8.0.0-i320', 'int8', [], '8.0.0-i320-int8'],
    ['8.0.0+build.7', 'int8', [], '8.0.0-int8'],
    ['8.0.0', 'int8', ['8.0.0-int8', '8.0.0-int8.2'], '8.0.0-int8.3'],
  ])('derivedVersionName(%s, %s)', (parent, suffix, taken, want) => {
    expect(derivedVersionName(parent, suffix, taken)).toBe(want);
  });

  it('parseModelRef / formatModelRef / isModelRef', () => {
    expect(parseModelRef('yolov8n-coco@8.0.0')).toEqual({ modelId: 'yolov8n-coco', version: '8.0.0' });
    expect(parseModelRef('yolov8n-coco@8.0.0-i320-int8')).toEqual({ modelId: 'yolov8n-coco', version: '8.0.0-i320-int8' });
    expect(formatModelRef('yolov8n-coco', '8.0.0-conf0.85')).toBe('yolov8n-coco@8.0.0-conf0.85');
    for (const bad of ['yolov8n-coco', '@8.0.0', 'yolov8n-coco@', 'Bad Id@1.0.0', 'models/a.onnx', 'a@1.0.0 ']) expect(isModelRef(bad), bad).toBe(false);
    expect(() => parseModelRef('models/yolov8n.onnx')).toThrow(/MODEL_ID@VERSION/);
  });
});

describe('footfall models derive / detect --model REF (command line)', () => {
  let t: SharedRegistry;
  beforeAll(async () => {
    t = await openSharedRegistry();
    t.db.close();
  });
  afterAll(() => t?.close());

  it('derive --json carries ref, parentRef, kind, inputSize; detect --model REF uses that version', async () => {
    const d = await cli('models', 'derive', 'yolov8n-coco', '8.0.0', '--db', t.dbPath, '--conf-threshold', '0.85', '--json');
    expect(d.code, d.stderr).toBe(0);
    const out = JSON.parse(d.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ ref: 'yolov8n-coco@8.0.0-conf0.85', parentRef: 'yolov8n-coco@8.0.0', kind: 'conf-threshold', inputSize: 640, confThreshold: 0.85, reviewStatus: 'pending' });
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['ref', 'parentRef', 'kind', 'inputSize', 'version', 'sha256', 'changelog']));

    const det = await cli('detect', '--image', media('messi5.jpg'), '--model', 'yolov8n-coco@8.0.0-conf0.85', '--db', t.dbPath, '--json');
    expect(det.code, det.stderr).toBe(0);
    const dj = JSON.parse(det.stdout) as { model: Record<string, unknown>; detections: Array<{ confidence: number }> };
    expect(dj.model).toMatchObject({ ref: 'yolov8n-coco@8.0.0-conf0.85', confThreshold: 0.85, sha256: out.sha256 });
    expect(dj.detections.length).toBeGreaterThan(0);
    for (const x of dj.detections) expect(x.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it.each<[string, string, string[], number, RegExp]>([
    ['not a multiple of 32', '8.0.0', ['--input-size', '300'], 2, /multiple of 32/],
    ['threshold outside 0–1', '8.0.0', ['--conf-threshold', '1.5'], 2, /between 0 and 1/],
    ['nothing to derive', '8.0.0', [], 2, /--input-size N, --int8 or --conf-threshold X/],
    ['unknown version', '7.7.7', ['--input-size', '320'], 1, /has no version 7\.7\.7/],
  ])('%s: one plain line on stderr, non-zero exit', async (_name, version, extra, code, message) => {
    const r = await cli('models', 'derive', 'yolov8n-coco', version, '--db', t.dbPath, ...extra, '--json');
    expect(r.code).toBe(code);
    const err = JSON.parse(r.stderr) as { error: { code: string; message: string } };
    expect(err.error.message).toMatch(message);
  });

  it('detect --model REF without --db, and an unknown ref, are refused in plain words', async () => {
    const noDb = await cli('detect', '--image', media('messi5.jpg'), '--model', 'yolov8n-coco@8.0.0', '--json');
    expect(noDb.code).not.toBe(0);
    expect(noDb.stderr).toMatch(/give the --db it is registered in/);
    const unknown = await cli('detect', '--image', media('messi5.jpg'), '--model', 'yolov8n-coco@7.7.7', '--db', t.dbPath, '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/has no version 7\.7\.7/);
  });
});
