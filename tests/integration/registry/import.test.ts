import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { createRepositories } from '../../../src/engine/db/repositories';
import { ModelRegistry } from '../../../src/engine/registry/model-registry';
import { identityModel } from '../../fixtures/onnx/build-onnx';
import {
  listing,
  MODEL_PATH,
  MODEL_SHA256,
  nanOutputModel,
  openTestRegistry,
  requireAssets,
  rowCounts,
  SAMPLE_IMAGE,
  withExtraMetadata,
  wrongShapeOutputModel,
} from './registry-helpers';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE));

describe('models import of the real default model', () => {
  it('fills every field the file and the check can give, and a second import is recognised, not duplicated', async () => {
    const t = openTestRegistry();
    const r = await t.registry.importModel({ path: MODEL_PATH });
    expect(r.status).toBe('imported');
    expect(r.sha256).toBe(MODEL_SHA256);
    const storePath = join(t.storeDir, `${MODEL_SHA256}.onnx`);
    expect(r.storePath).toBe(storePath);
    expect(readFileSync(storePath).equals(readFileSync(MODEL_PATH))).toBe(true);
    expect(listing(t.storeDir)).toEqual({ [`${MODEL_SHA256}.onnx`]: r.sizeBytes, [`${MODEL_SHA256}.json`]: expect.any(Number) });

    // What the check learned from really loading and running the model on a real photo.
    expect(r.check).toMatchObject({
      sampleFrame: SAMPLE_IMAGE,
      outputShape: [1, 84, 8400],
      inputWidth: 640,
      inputHeight: 640,
      layout: 'yolov8',
      classes: 80,
      opset: 17,
      irVersion: 8,
      producer: 'pytorch 2.0.1',
      parameterCount: 3_177_129,
    });
    expect(r.check!.persons).toBeGreaterThanOrEqual(1);
    expect(r.check!.metadata).toMatchObject({ author: 'Ultralytics', task: 'detect', imgsz: '[640, 640]' });

    const repos = createRepositories(t.db);
    const m = repos.aiModels.require('yolov8n');
    expect(m).toMatchObject({
      modelName: 'yolov8n',
      modelType: 'detection',
      modelDescription: 'Ultralytics YOLOv8n model trained on coco.yaml',
      // Ultralytics writes its package version into the metadata: the default for a new model.
      modelVersion: '8.0.175',
      modelFramework: 'pytorch',
      modelFormat: 'onnx',
      modelParameters: 3_177_129,
      modelSizeMb: 12.18,
      isActive: true,
      isProduction: false,
      deploymentStatus: 'development',
      modelPath: storePath,
      modelChecksum: MODEL_SHA256,
      modelMetadataPath: join(t.storeDir, `${MODEL_SHA256}.json`),
      licence: 'AGPL-3.0 https://ultralytics.com/license',
    });
    expect(m.modelConfig).toMatchObject({
      input: { name: 'images', width: 640, height: 640, shape: [1, 3, 640, 640] },
      output: { name: 'output0', layout: 'yolov8', classes: 80, shape: [1, 84, 8400] },
      opset: 17,
      irVersion: 8,
      producer: { name: 'pytorch', version: '2.0.1' },
      validation: { sampleFrame: SAMPLE_IMAGE, outputShape: [1, 84, 8400] },
    });
    expect((m.modelConfig as { classNames: string[] }).classNames.slice(0, 2)).toEqual(['person', 'bicycle']);

    const v = repos.modelVersions.find('yolov8n', '8.0.175')!;
    expect(v).toMatchObject({
      versionDescription: 'Ultralytics YOLOv8n model trained on coco.yaml',
      modelFilePath: storePath,
      modelFileSizeMb: 12.18,
      modelFileChecksum: MODEL_SHA256,
      deploymentStatus: 'not_deployed',
    });
    const [commit] = repos.versionControl.listCommits('yolov8n');
    expect(commit).toMatchObject({ versionNumber: '8.0.175', parentVersion: null, branchName: 'yolov8n/main', reviewStatus: 'pending', filesChanged: 1 });
    expect(commit!.changesDetails).toMatchObject({ kind: 'import', sha256: MODEL_SHA256, parameterCount: 3_177_129, opset: 17 });
    expect(repos.versionControl.getBranch('yolov8n/main')).toMatchObject({ baseVersion: '8.0.175', branchStatus: 'active' });

    // Same bytes from another place: recognised, nothing added anywhere.
    const before = rowCounts(t.db);
    const store = listing(t.storeDir);
    const copy = join(t.dir, 'copy-of-default.onnx');
    copyFileSync(MODEL_PATH, copy);
    const again = await t.registry.importModel({ path: copy, version: '9.9.9' });
    expect(again).toMatchObject({ status: 'existing', sha256: MODEL_SHA256, version: { modelId: 'yolov8n', versionNumber: '8.0.175' } });
    expect(rowCounts(t.db)).toEqual(before);
    expect(listing(t.storeDir)).toEqual(store);
    expect(repos.modelVersions.listForModel('yolov8n')).toHaveLength(1);
    expect(again.repairedStore).toBe(false);

    // A deleted store file comes back when the same bytes are imported again.
    rmSync(storePath);
    const repaired = await t.registry.importModel({ path: copy });
    expect(repaired).toMatchObject({ status: 'existing', repairedStore: true });
    expect(readFileSync(storePath).equals(readFileSync(MODEL_PATH))).toBe(true);
    expect(rowCounts(t.db)).toEqual(before);
  });

  it('imports from a chosen folder with a sidecar and an Ultralytics results.csv (training history)', async () => {
    const t = openTestRegistry();
    const usb = join(t.dir, 'usb');
    mkdirSync(usb);
    writeFileSync(join(usb, 'best.onnx'), withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', 'entrance'));
    copyFileSync(join(FIXTURES, 'results.csv'), join(usb, 'results.csv'));
    writeFileSync(
      join(usb, 'best.json'),
      JSON.stringify({
        modelId: 'entrance-person',
        name: 'Entrance person detector',
        version: '1.2.0',
        changelog: 'Fine-tuned on entrance footage\nmore night scenes',
        commitHash: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0',
        author: { name: 'Lan Tran', email: 'lan@example.com' },
        trainingDataset: 'shop-entrance-v3',
        licence: 'AGPL-3.0',
        training: { file: 'results.csv', totalEpochs: 5, args: { epochs: 5, imgsz: 640, batch: 16 } },
      }),
    );
    const r = await t.registry.importModel({ path: 'best.onnx', root: usb });
    expect(r).toMatchObject({ status: 'imported', model: { modelId: 'entrance-person', modelName: 'Entrance person detector', licence: 'AGPL-3.0' } });
    expect(r.version).toMatchObject({ versionNumber: '1.2.0', versionChanges: 'Fine-tuned on entrance footage\nmore night scenes' });

    const repos = createRepositories(t.db);
    const v = repos.modelVersions.find('entrance-person', '1.2.0')!;
    expect(v.versionCommitHash).toBe('a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0');
    expect(v.trainingDataset).toBe('shop-entrance-v3');
    expect(v.trainingMetrics).toMatchObject({ format: 'ultralytics-results-csv', epochsCompleted: 5, best: { epoch: 4 }, final: { epoch: 5 } });
    const [run] = repos.trainingHistory.listForModel('entrance-person');
    expect(run).toMatchObject({
      trainingRunId: r.trainingRunId,
      trainingStatus: 'completed',
      epochsCompleted: 5,
      totalEpochs: 5,
      trainingLoss: 3.6334,
      validationLoss: 3.8832,
      trainingAccuracy: null,
      // mAP50-95 of the best-fitness epoch (4), in percent
      validationAccuracy: 36.74,
      datasetConfig: { name: 'shop-entrance-v3' },
    });
    expect(run!.trainingConfig).toMatchObject({ format: 'ultralytics-results-csv', file: 'results.csv', args: { epochs: 5 } });
    expect(run!.completedAt).not.toBeNull();
    const [commit] = repos.versionControl.listCommits('entrance-person');
    expect(commit).toMatchObject({ commitMessage: 'Fine-tuned on entrance footage', authorName: 'Lan Tran', authorEmail: 'lan@example.com', branchName: 'entrance-person/main' });

    // A second version of the same model gets the next patch number, its parent and a JSON training run.
    writeFileSync(join(usb, 'next.onnx'), withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', 'entrance-2'));
    copyFileSync(join(FIXTURES, 'training-run.json'), join(usb, 'run.json'));
    const r2 = await t.registry.importModel({ path: 'next.onnx', root: usb, modelId: 'entrance-person', trainingPath: 'run.json' });
    expect(r2.version.versionNumber).toBe('1.2.1');
    expect(repos.versionControl.listCommits('entrance-person')[0]).toMatchObject({ versionNumber: '1.2.1', parentVersion: '1.2.0' });
    expect(repos.trainingHistory.get('entrance-finetune-2025-03-01')).toMatchObject({
      trainingStatus: 'completed',
      epochsCompleted: 3,
      totalEpochs: 3,
      trainingLoss: 3.91,
      validationLoss: 3.95,
      validationAccuracy: 35.2,
      trainingDurationHours: 2.5,
      gpuUsagePercent: 87.5,
      memoryUsageGb: 10.2,
      startedAt: '2025-03-01T01:00:00.000Z',
      completedAt: '2025-03-01T03:30:00.000Z',
      datasetConfig: { name: 'shop-entrance-v3', train: 1200, val: 300 },
    });
    // The model row follows its newest version until one is deployed.
    expect(repos.aiModels.require('entrance-person').modelVersion).toBe('1.2.1');
  });
});

describe('models import refuses bad files and leaves the registry and the store folder unchanged', () => {
  let dir: string;
  let db: SqliteDatabase;
  let registry: ModelRegistry;
  let small: ModelRegistry;
  let storeDir: string;
  let usb: string;
  let outside: string;

  beforeAll(async () => {
    // Shared by the cases below, so not tempDir() (that one is emptied after every test).
    dir = mkdtempSync(join(tmpdir(), 'footfall-registry-bad-'));
    storeDir = join(dir, 'models');
    db = openMigratedDatabase(join(dir, 'footfall.db'));
    registry = ModelRegistry.open(db, { sampleImage: SAMPLE_IMAGE, provider: 'cpu' });
    small = ModelRegistry.open(db, { sampleImage: SAMPLE_IMAGE, provider: 'cpu', maxImportBytes: 1024 * 1024 });
    // A store and registry that already hold a model, so "unchanged" has something to keep.
    await registry.importModel({ path: MODEL_PATH });
    usb = join(dir, 'usb');
    outside = join(dir, 'outside');
    mkdirSync(usb);
    mkdirSync(outside);
    const put = (folder: string, name: string, bytes: Uint8Array): void => writeFileSync(join(folder, name), bytes);
    let s = 12345;
    put(usb, 'notes.onnx', new TextEncoder().encode('{"not": "an onnx model"}\n'));
    put(usb, 'truncated.onnx', readFileSync(MODEL_PATH).subarray(0, 1024 * 1024));
    put(usb, 'random.onnx', Uint8Array.from({ length: 64 * 1024 }, () => (s = (s * 48271) % 2147483647) & 0xff));
    put(usb, 'empty.onnx', new Uint8Array(0));
    put(usb, 'gray32.onnx', identityModel([1, 1, 32, 32]));
    put(usb, 'nan.onnx', nanOutputModel());
    put(usb, 'wrong-shape.onnx', wrongShapeOutputModel());
    put(usb, 'variant.onnx', withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', 'big'));
    put(outside, 'escaped.onnx', withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', 'outside'));
    symlinkSync(join(outside, 'escaped.onnx'), join(usb, 'link.onnx'));
    symlinkSync(outside, join(usb, 'linked-folder'));
  }, 60_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, string, () => { path: string; root?: string; tooSmall?: boolean }, RegExp]>([
    ['not ONNX (text)', 'MODEL_INVALID', () => ({ path: 'notes.onnx', root: usb }), /not a loadable ONNX model/],
    ['truncated', 'MODEL_INVALID', () => ({ path: 'truncated.onnx', root: usb }), /runs past the end/],
    ['random bytes', 'MODEL_INVALID', () => ({ path: 'random.onnx', root: usb }), /not a loadable ONNX model/],
    ['zero bytes', 'MODEL_EMPTY', () => ({ path: 'empty.onnx', root: usb }), /empty/],
    ['wrong input layout [1,1,32,32]', 'MODEL_INPUT_UNSUPPORTED', () => ({ path: 'gray32.onnx', root: usb }), /\[1,1,32,32\]/],
    ['NaN output on a real frame', 'MODEL_OUTPUT_INVALID', () => ({ path: 'nan.onnx', root: usb }), /NaN or infinite/],
    ['wrongly shaped output on a real frame', 'MODEL_OUTPUT_INVALID', () => ({ path: 'wrong-shape.onnx', root: usb }), /\[1,56,168\]/],
    ['a path escaping the chosen folder', 'MODEL_PATH_OUTSIDE_ROOT', () => ({ path: '../outside/escaped.onnx', root: usb }), /outside the chosen folder/],
    ['an absolute path outside the chosen folder', 'MODEL_PATH_OUTSIDE_ROOT', () => ({ path: join(outside, 'escaped.onnx'), root: usb }), /outside/],
    ['a symbolic link', 'MODEL_SYMLINK', () => ({ path: 'link.onnx', root: usb }), /symbolic link/],
    ['a symlink even without a chosen folder', 'MODEL_SYMLINK', () => ({ path: join(usb, 'link.onnx') }), /symbolic link/],
    ['a file reached through a linked folder', 'MODEL_PATH_OUTSIDE_ROOT', () => ({ path: 'linked-folder/escaped.onnx', root: usb }), /resolves to/],
    ['over the configured size limit', 'MODEL_TOO_LARGE', () => ({ path: 'variant.onnx', root: usb, tooSmall: true }), /over the limit of 1048576 bytes/],
    ['a missing file', 'MODEL_NOT_FOUND', () => ({ path: 'nope.onnx', root: usb }), /not found/],
  ])('%s → %s', async (_name, code, input, message) => {
    const before = rowCounts(db);
    const store = listing(storeDir);
    const all = listing(dir);
    const { tooSmall, ...request } = input();
    const err = await (tooSmall ? small : registry).importModel(request).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err).not.toBeNull();
    expect(err!.code).toBe(code);
    expect(err!.message).toMatch(message);
    expect(err!.message).not.toContain('\n');
    expect(rowCounts(db)).toEqual(before);
    expect(listing(storeDir)).toEqual(store);
    // No staging file anywhere, and nothing else written (the database file aside).
    const after = listing(dir);
    expect(Object.keys(after).filter((k) => k.includes('.staging-'))).toEqual([]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(all).sort());
  });

  it('a rejected first import does not even create the store folder', async () => {
    const t = openTestRegistry();
    const file = join(t.dir, 'nan.onnx');
    writeFileSync(file, nanOutputModel());
    await expect(t.registry.importModel({ path: file })).rejects.toMatchObject({ code: 'MODEL_OUTPUT_INVALID' });
    expect(existsSync(t.storeDir)).toBe(false);
    expect(rowCounts(t.db)).toMatchObject({ ai_models: 0, model_versions: 0 });
  });

  it('refuses a bad sidecar, a taken version number and a non-semantic version before storing anything', async () => {
    const before = rowCounts(db);
    const store = listing(storeDir);
    writeFileSync(join(usb, 'variant.json'), JSON.stringify({ version: '2.0.0', licens: 'typo' }));
    await expect(registry.importModel({ path: 'variant.onnx', root: usb })).rejects.toMatchObject({ code: 'SIDECAR_INVALID', message: expect.stringMatching(/licens/) });
    rmSync(join(usb, 'variant.json'));
    await expect(registry.importModel({ path: 'variant.onnx', root: usb, modelId: 'yolov8n', version: '8.0.175' })).rejects.toMatchObject({ code: 'VERSION_EXISTS' });
    await expect(registry.importModel({ path: 'variant.onnx', root: usb, version: 'v2' })).rejects.toMatchObject({ code: 'VERSION_INVALID' });
    await expect(registry.importModel({ path: 'variant.onnx', root: usb, trainingPath: 'notes.onnx' })).rejects.toMatchObject({ code: 'TRAINING_INVALID' });
    expect(rowCounts(db)).toEqual(before);
    expect(listing(storeDir)).toEqual(store);
  });
});
