import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../../src/engine/db/repositories';
import { ModelDeploymentsRepository } from '../../../src/engine/db/repositories/model-deployments-repository';
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION, ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { hotSwapModel, type HotSwapResult } from '../../../src/engine/registry/hot-swap';
import { loadVerifiedDetector } from '../../../src/engine/registry/model-loader';
import { inferenceRows, runCamera } from './camera-loop';
import { MODEL_PATH, MODEL_SHA256, openTestRegistry, requireAssets, SAMPLE_IMAGE, VTEST, withExtraMetadata, type TestRegistry } from './registry-helpers';

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE, VTEST));

const V1 = { modelId: DEFAULT_MODEL_ID, versionNumber: DEFAULT_MODEL_VERSION };
const V2 = { modelId: DEFAULT_MODEL_ID, versionNumber: '8.0.1' };
const CPU = { provider: 'cpu' as const };

/** v1: the bundled default; v2: the same weights with one more metadata entry (different sha256). */
async function twoVersions(): Promise<TestRegistry> {
  const t = openTestRegistry();
  await ensureDefaultModel(t.db, MODEL_PATH);
  const file = join(t.dir, 'yolov8n-relabelled.onnx');
  writeFileSync(file, withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_note', 'same weights, new metadata'));
  const r = await t.registry.importModel({ path: file, modelId: DEFAULT_MODEL_ID, version: V2.versionNumber });
  expect(r.sha256).not.toBe(MODEL_SHA256);
  return t;
}

describe('hot swap', () => {
  it('during a running count: totals equal an uninterrupted run, and every inference row names the version that produced it', async () => {
    const t = await twoVersions();
    const FRAMES = 40; // 8 s of vtest.avi at 5 fps: three people cross the door line

    const plain = await loadVerifiedDetector(t.db, V1.modelId, V1.versionNumber, CPU);
    const uninterrupted = await runCamera({ db: t.db, cameraId: 'plain', source: VTEST, detector: plain.detector, model: V1, frames: FRAMES });
    await plain.detector.dispose();
    // Hand-checked on vtest.avi: three people walk right to left through the door line (frames 7, 24, 29).
    expect(uninterrupted.events.map((e) => e.direction)).toEqual(['out', 'out', 'out']);

    const first = await loadVerifiedDetector(t.db, V1.modelId, V1.versionNumber, CPU);
    let swap: Promise<HotSwapResult> | undefined;
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    const swapped = await runCamera({
      db: t.db,
      cameraId: 'swapped',
      source: VTEST,
      detector: first.detector,
      model: V1,
      frames: FRAMES,
      // Ask for the swap mid-run and keep counting while v2 loads and warms. However slow the
      // machine, the camera does not pass frame 14 before v2 is warm, so v2 counts the last
      // crossings (frames 24 and 29) without the test depending on timing.
      afterFrame: async (i, processor) => {
        if (i === 10) swap = hotSwapModel(t.db, processor, V2, { ...CPU, cameraId: 'swapped', onReady: markReady });
        if (i === 14) await ready;
      },
    });
    const result = await swap!;
    expect(result).toMatchObject({ ok: true, previous: V1, current: V2 });
    if (!result.ok) throw new Error('unreachable');
    // Later than asked (v2 loads and warms meanwhile), at the latest right after the held frame.
    expect(result.swappedAtFrame).toBeGreaterThanOrEqual(11);
    expect(result.swappedAtFrame).toBeLessThanOrEqual(15);

    // Same crossings, same frames, same directions: the swap lost or doubled nothing.
    expect(swapped.events.map((e) => [e.frame, e.direction, e.track])).toEqual(uninterrupted.events.map((e) => [e.frame, e.direction, e.track]));
    expect(swapped.processor.lineCounts()).toEqual(uninterrupted.processor.lineCounts());

    // One row per frame, each naming the version that ran it.
    const rows = inferenceRows(t.db, 'swapped');
    expect(rows.map((r) => r.frame_index)).toEqual(Array.from({ length: FRAMES }, (_, i) => i));
    for (const r of rows) {
      expect([r.model_id, r.model_version]).toEqual(r.frame_index < result.swappedAtFrame ? [V1.modelId, V1.versionNumber] : [V2.modelId, V2.versionNumber]);
    }
    const counted = t.db
      .prepare(
        `SELECT i.model_version AS version, count(*) AS n FROM counting_results c JOIN model_inference_results i ON i.inference_id = c.inference_id
         WHERE i.camera_id = 'swapped' GROUP BY 1 ORDER BY 1`,
      )
      .all() as Array<{ version: string; n: number }>;
    expect(counted).toEqual([
      { version: '8.0.0', n: 1 },
      { version: '8.0.1', n: 2 },
    ]);

    const events = new ModelDeploymentsRepository(t.db).eventsForModel(DEFAULT_MODEL_ID).filter((e) => e.eventType === 'swapped');
    expect(events).toMatchObject([{ cameraId: 'swapped', versionNumber: '8.0.1', previousVersionNumber: '8.0.0', details: { swappedAtFrame: result.swappedAtFrame } }]);
    await result.detector.dispose();
  });

  it('a model file changed on disk after import is refused at load; the camera keeps counting with the previous version', async () => {
    const t = await twoVersions();
    const repos = createRepositories(t.db);
    const path = repos.modelVersions.find(V2.modelId, V2.versionNumber)!.modelFilePath!;
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01; // one bit of one weight
    writeFileSync(path, bytes);

    await expect(loadVerifiedDetector(t.db, V2.modelId, V2.versionNumber, CPU)).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });

    const first = await loadVerifiedDetector(t.db, V1.modelId, V1.versionNumber, CPU);
    let swap: Promise<HotSwapResult> | undefined;
    const run = await runCamera({
      db: t.db,
      cameraId: 'cam-1',
      source: VTEST,
      detector: first.detector,
      model: V1,
      frames: 8,
      afterFrame: (i, processor) => {
        if (i === 2) swap = hotSwapModel(t.db, processor, V2, { ...CPU, cameraId: 'cam-1' });
      },
    });
    const result = await swap!;
    expect(result).toMatchObject({ ok: false, error: { code: 'CHECKSUM_MISMATCH' }, current: V1 });
    expect(run.frames).toBe(8);
    expect(run.processor.currentModel).toEqual(V1);
    expect(inferenceRows(t.db, 'cam-1').map((r) => `${r.frame_index}:${r.model_version}`)).toEqual(Array.from({ length: 8 }, (_, i) => `${i}:8.0.0`));

    const failures = new ModelDeploymentsRepository(t.db).eventsForModel(DEFAULT_MODEL_ID).filter((e) => e.eventType === 'load_failed');
    expect(failures).toHaveLength(2);
    expect(failures[1]).toMatchObject({ cameraId: 'cam-1', versionNumber: '8.0.1', reason: expect.stringMatching(/^CHECKSUM_MISMATCH: .*changed after import/), details: { purpose: 'hot swap' } });
    await first.detector.dispose();
  });
});
