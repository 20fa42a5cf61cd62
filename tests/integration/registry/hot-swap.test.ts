import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { createRepositories } from '../../../src/engine/db/repositories';
import { ModelDeploymentsRepository } from '../../../src/engine/db/repositories/model-deployments-repository';
import type { FrameLoop } from '../../../src/engine/pipeline/frame-loop';
import { runCount, type RunCountResult } from '../../../src/engine/pipeline/run-count';
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION, ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { hotSwap, leaseOf, registryLease, type DetectorLease, type HotSwapResult } from '../../../src/engine/registry/hot-swap';
import { loadVerifiedDetector } from '../../../src/engine/registry/model-loader';
import { MODEL_PATH, MODEL_SHA256, openTestRegistry, requireAssets, SAMPLE_IMAGE, VTEST, withExtraMetadata, type TestRegistry } from './registry-helpers';

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE, VTEST));

const V1 = { modelId: DEFAULT_MODEL_ID, versionNumber: DEFAULT_MODEL_VERSION };
const V2 = { modelId: DEFAULT_MODEL_ID, versionNumber: '8.0.1' };
const CPU = { provider: 'cpu' as const };
const DOOR = { id: null, name: 'door', x1: 550, y1: 150, x2: 550, y2: 500 };

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

/**
 * A recording counted through the one frame loop (runCount: supervised source read with
 * back-pressure, so two runs see exactly the same frames), stored under camera `camera`, with a
 * hook between frames where a test can swap the model.
 */
async function countRecording(
  t: TestRegistry,
  camera: string,
  frames: number,
  afterFrame?: (frameIndex: number, loop: FrameLoop, running: DetectorLease) => void | Promise<void>,
): Promise<RunCountResult> {
  const first = await loadVerifiedDetector(t.db, V1.modelId, V1.versionNumber, CPU);
  // The run's first detector, as the lease a swap replaces; disposed here, not by the swap.
  const running: DetectorLease = { ...leaseOf(first.detector, V1), release: () => undefined };
  try {
    return await runCount({
      source: VTEST,
      lines: [DOOR],
      dbPath: t.dbPath,
      camera,
      fps: 5,
      maxFrames: frames,
      startedAt: new Date('2025-03-01T09:00:00.000Z'),
      detector: first.detector,
      ...(afterFrame ? { afterFrame: (o, loop) => afterFrame(o.frameIndex, loop, running) } : {}),
    });
  } finally {
    await first.detector.dispose();
  }
}

interface InferenceRowSummary {
  frame_index: number;
  model_id: string;
  model_version: string;
}

function inferenceRows(db: SqliteDatabase, cameraId: string): InferenceRowSummary[] {
  return db
    .prepare('SELECT frame_index, model_id, model_version FROM model_inference_results WHERE camera_id = ? ORDER BY frame_index')
    .all(cameraId) as InferenceRowSummary[];
}

describe('hot swap', () => {
  it('during a running count: totals equal an uninterrupted run, and every inference row names the version that produced it', async () => {
    const t = await twoVersions();
    const FRAMES = 40; // 8 s of vtest.avi at 5 fps: three people cross the door line

    const uninterrupted = await countRecording(t, 'plain', FRAMES);
    // Hand-checked on vtest.avi: three people walk right to left through the door line (frames 7, 24, 29).
    expect(uninterrupted.events.map((e) => e.direction)).toEqual(['out', 'out', 'out']);

    let swap: Promise<HotSwapResult> | undefined;
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    // Ask for the swap mid-run and keep counting while v2 loads and warms. However slow the
    // machine, the run does not pass frame 14 before v2 is warm, so v2 counts the last
    // crossings (frames 24 and 29) without the test depending on timing.
    const swapped = await countRecording(t, 'swapped', FRAMES, async (i, loop, running) => {
      if (i === 10) swap = hotSwap(t.db, loop.processor!, running, () => registryLease(t.db, V2, { ...CPU, cameraId: 'swapped' }), { cameraId: 'swapped', onReady: markReady });
      if (i === 14) await ready;
    });
    const result = await swap!;
    expect(result).toMatchObject({ ok: true, previous: V1, current: V2 });
    if (!result.ok) throw new Error('unreachable');
    // Later than asked (v2 loads and warms meanwhile), at the latest right after the held frame.
    expect(result.swappedAtFrame).toBeGreaterThanOrEqual(11);
    expect(result.swappedAtFrame).toBeLessThanOrEqual(15);

    // Same crossings, same frames, same directions: the swap lost or doubled nothing.
    expect(swapped.events.map((e) => [e.frame, e.direction, e.track])).toEqual(uninterrupted.events.map((e) => [e.frame, e.direction, e.track]));
    expect({ in: swapped.in, out: swapped.out }).toEqual({ in: uninterrupted.in, out: uninterrupted.out });
    expect(swapped.model).toMatchObject(V2);

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
    result.lease.release();
  });

  it('a model file changed on disk after import is refused at load; the camera keeps counting with the previous version', async () => {
    const t = await twoVersions();
    const repos = createRepositories(t.db);
    const path = repos.modelVersions.find(V2.modelId, V2.versionNumber)!.modelFilePath!;
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01; // one bit of one weight
    writeFileSync(path, bytes);

    await expect(loadVerifiedDetector(t.db, V2.modelId, V2.versionNumber, CPU)).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });

    let swap: Promise<HotSwapResult> | undefined;
    const run = await countRecording(t, 'cam-1', 8, (i, loop, running) => {
      if (i === 2) swap = hotSwap(t.db, loop.processor!, running, () => registryLease(t.db, V2, { ...CPU, cameraId: 'cam-1' }), { cameraId: 'cam-1' });
    });
    const result = await swap!;
    expect(result).toMatchObject({ ok: false, error: { code: 'CHECKSUM_MISMATCH' }, current: V1 });
    expect(run.frames).toBe(8);
    expect(run.model).toMatchObject(V1);
    expect(inferenceRows(t.db, 'cam-1').map((r) => `${r.frame_index}:${r.model_version}`)).toEqual(Array.from({ length: 8 }, (_, i) => `${i}:8.0.0`));

    const failures = new ModelDeploymentsRepository(t.db).eventsForModel(DEFAULT_MODEL_ID).filter((e) => e.eventType === 'load_failed');
    expect(failures).toHaveLength(2);
    expect(failures[1]).toMatchObject({ cameraId: 'cam-1', versionNumber: '8.0.1', reason: expect.stringMatching(/^CHECKSUM_MISMATCH: .*changed after import/), details: { purpose: 'hot swap' } });
  });
});
