/**
 * `models derive` on the real default model: the 320 and int8 versions are registered through the
 * normal import (stored, checksummed, run on a real frame), record their parent, load through the
 * registry's verified loader, and find the people in the real photos the parent finds them in —
 * and nobody in the photos without people.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoriesFor } from '../../../src/engine/db/repositories';
import { loadImageRgb } from '../../../src/engine/inference/image-loader';
import { readOnnxInfo } from '../../../src/engine/inference/onnx-proto-reader';
import type { PersonDetector } from '../../../src/engine/inference/person-detector';
import { loadVerifiedDetector } from '../../../src/engine/registry/model-loader';
import type { DerivedVersionDto } from '../../../src/shared/dto-models';
import { openSharedRegistry, type SharedRegistry } from './derive-helpers';
import { media, MODEL_PATH, requireAssets, VTEST } from './registry-helpers';

const WITH_PEOPLE = ['person.jpg', 'messi5.jpg', 'basketball1.png', 'kite.jpg'];
const WITHOUT_PEOPLE = ['dog.jpg', 'horses.jpg'];

async function peopleIn(detector: PersonDetector, photo: string): Promise<number> {
  const { detections } = await detector.detect(await loadImageRgb(media(photo)));
  return detections.length;
}

describe('models derive: 320 and int8 versions of the real YOLOv8n', () => {
  let t: SharedRegistry;
  let i320: DerivedVersionDto;
  let int8: DerivedVersionDto;
  const detectors: Record<string, PersonDetector> = {};

  beforeAll(async () => {
    requireAssets(MODEL_PATH, VTEST, ...[...WITH_PEOPLE, ...WITHOUT_PEOPLE].map(media));
    t = await openSharedRegistry();
    i320 = await t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0', inputSize: 320 });
    int8 = await t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0', int8: true, calibrate: VTEST, calibrationFrames: 8 });
    for (const [name, ref] of [
      ['parent', '8.0.0'],
      ['i320', i320.version.versionNumber],
      ['int8', int8.version.versionNumber],
    ] as const) {
      detectors[name] = (await loadVerifiedDetector(t.db, 'yolov8n-coco', ref, { provider: 'cpu', defaultConfThreshold: 0.25 })).detector;
    }
  }, 300_000);

  afterAll(async () => {
    for (const d of Object.values(detectors)) await d.dispose();
    t?.close();
  });

  it('names the versions as prereleases of the parent and reports ref, parentRef, kind, inputSize', () => {
    expect(i320).toMatchObject({ ref: 'yolov8n-coco@8.0.0-i320', parentRef: 'yolov8n-coco@8.0.0', kind: 'input-size', inputSize: 320, int8: false, status: 'imported' });
    expect(int8).toMatchObject({ ref: 'yolov8n-coco@8.0.0-int8', parentRef: 'yolov8n-coco@8.0.0', kind: 'int8', inputSize: 640, int8: true, status: 'imported' });
    expect(int8.calibration).toEqual({ source: VTEST, frames: 8, method: 'minmax' });
    expect(i320.reviewStatus).toBe('pending');
    expect(int8.samplePersons).toBeGreaterThan(0);
  });

  it('records the parent, a changelog line and the details in model_versions / model_version_control', () => {
    const repos = repositoriesFor(t.db);
    const commits = repos.versionControl.listCommits('yolov8n-coco');
    const c320 = commits.find((c) => c.versionNumber === '8.0.0-i320');
    const c8 = commits.find((c) => c.versionNumber === '8.0.0-int8');
    expect(c320).toMatchObject({ parentVersion: '8.0.0', commitMessage: 'derived from yolov8n-coco@8.0.0: input 320×320', reviewStatus: 'pending' });
    expect(c320?.changesDetails).toMatchObject({ kind: 'derive', derivedFrom: 'yolov8n-coco@8.0.0', inputSize: 320, inputShape: [1, 3, 320, 320], regrid: { strides: [8, 16, 32], anchors: { from: 8400, to: 2100 } } });
    expect(c8?.parentVersion).toBe('8.0.0');
    expect(c8?.commitMessage).toMatch(/^derived from yolov8n-coco@8\.0\.0: int8 \(QDQ, calibrated on 8 frames of .*vtest\.avi\)$/);
    expect(c8?.changesDetails).toMatchObject({ kind: 'derive', int8: { format: 'QDQ', calibration: { frames: 8, method: 'minmax' } } });
    const v = repos.modelVersions.find('yolov8n-coco', '8.0.0-int8');
    expect(v?.versionChanges).toBe(c8?.commitMessage);
    expect(v?.modelFileChecksum).toBe(int8.sha256);
    // Stored content-addressed in the registry's store, like any import.
    expect(v?.modelFilePath).toBe(`${t.storeDir}/${int8.sha256}.onnx`);
  });

  it('the files are what they say: 320 input and 2100 anchors; int8 weights a quarter of the size', () => {
    const f320 = readOnnxInfo(readFileSync(repositoriesFor(t.db).modelVersions.find('yolov8n-coco', '8.0.0-i320')!.modelFilePath!));
    expect(f320.inputs[0]?.dims).toEqual([1, 3, 320, 320]);
    expect(f320.outputs[0]?.dims).toEqual([1, 84, 2100]);
    expect(f320.metadata).toMatchObject({ imgsz: '[320, 320]', 'footfall.derived_from': 'yolov8n-coco@8.0.0' });
    expect(detectors.i320!.info).toMatchObject({ inputWidth: 320, inputHeight: 320 });
    expect(int8.sizeBytes).toBeLessThan(readFileSync(MODEL_PATH).length / 3);
  });

  it.each(WITH_PEOPLE)('%s: the parent, the 320 and the int8 version each find people', async (photo) => {
    const parent = await peopleIn(detectors.parent!, photo);
    expect(parent).toBeGreaterThan(0);
    expect(await peopleIn(detectors.i320!, photo)).toBeGreaterThan(0);
    expect(await peopleIn(detectors.int8!, photo)).toBeGreaterThan(0);
  });

  it.each(WITHOUT_PEOPLE)('%s: nobody, for the parent and both derived versions', async (photo) => {
    expect(await peopleIn(detectors.parent!, photo)).toBe(0);
    expect(await peopleIn(detectors.i320!, photo)).toBe(0);
    expect(await peopleIn(detectors.int8!, photo)).toBe(0);
  });

  it('deriving the same again is recognised by its checksum, not duplicated', async () => {
    const before = repositoriesFor(t.db).modelVersions.listForModel('yolov8n-coco').length;
    const again = await t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0', inputSize: 320 });
    expect(again).toMatchObject({ status: 'existing', ref: 'yolov8n-coco@8.0.0-i320', sha256: i320.sha256 });
    expect(repositoriesFor(t.db).modelVersions.listForModel('yolov8n-coco')).toHaveLength(before);
  });

  it('a derived version can be derived from again (int8 of the int8 is refused: already quantized; int8 of the 320 works)', async () => {
    await expect(t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0-int8', int8: true })).rejects.toMatchObject({ code: 'DERIVE_UNSUPPORTED' });
    const both = await t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0-i320', int8: true, calibrate: VTEST, calibrationFrames: 4 });
    expect(both).toMatchObject({ ref: 'yolov8n-coco@8.0.0-i320-int8', parentRef: 'yolov8n-coco@8.0.0-i320', kind: 'int8', inputSize: 320 });
    const d = (await loadVerifiedDetector(t.db, 'yolov8n-coco', '8.0.0-i320-int8', { provider: 'cpu', defaultConfThreshold: 0.25 })).detector;
    try {
      expect(await peopleIn(d, 'person.jpg')).toBeGreaterThan(0);
      expect(await peopleIn(d, 'dog.jpg')).toBe(0);
    } finally {
      await d.dispose();
    }
  }, 120_000);
});
