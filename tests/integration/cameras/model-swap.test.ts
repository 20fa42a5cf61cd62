/**
 * A camera follows the model it should run (registry deploy, canary, rollback): the new detector
 * replaces the old one between two frames, without restarting capture or losing running totals.
 * The switch is driven through the engine's model-resolver seam, loading the real model.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { resolveCameraModel, type ModelResolver } from '../../../src/engine/cameras/model-resolver';
import { DEFAULT_MODEL_ID } from '../../../src/engine/registry/ensure-model';
import { openTestEngine, processed, sleep, vtestCamera, type TestEngine } from './helpers';

let t: TestEngine | undefined;

afterAll(async () => {
  await t?.engine.close();
});

describe('model hot swap on a running camera', () => {
  it('swaps the detector in place when the model to run changes; capture and totals carry on', async () => {
    let variant = 'v1';
    const modelFor: ModelResolver = (db, camera) => {
      const base = resolveCameraModel(db, camera);
      return { ...base, key: `${base.key}#${variant}`, label: `${base.label} ${variant}` };
    };
    t = await openTestEngine({ cameras: { modelFor } });
    await t.ok('cameras:add', vtestCamera('plaza', { processFps: 2 }));
    await t.health.waitFor('plaza', 'live', 30_000);
    const rt = t.engine.cameras!.runtime('plaza')!;
    const until = Date.now() + 30_000;
    while (processed(t, 'plaza') < 3 && Date.now() < until) await sleep(100);
    const pid = rt.ffmpegPid;
    expect(rt.modelKey).toMatch(/#v1$/);
    const countsBefore = rt.lineCounts();

    variant = 'v2';
    // The manager's own tick notices within reconcileMs; calling it applies at once.
    await t.engine.cameras!.refreshModels();
    const swapBy = Date.now() + 10_000;
    while (!rt.modelKey?.endsWith('#v2') && Date.now() < swapBy) await sleep(50);
    expect(rt.modelKey).toMatch(/#v2$/);
    const atSwap = processed(t, 'plaza');
    while (processed(t, 'plaza') < atSwap + 3 && Date.now() < until + 30_000) await sleep(100);
    expect(processed(t, 'plaza')).toBeGreaterThanOrEqual(atSwap + 3);
    // Same runtime, same ffmpeg, totals not reset; both detectors were pooled during the swap.
    expect(t.engine.cameras!.runtime('plaza')).toBe(rt);
    expect(rt.ffmpegPid).toBe(pid);
    expect(rt.lineCounts()[0]!.in).toBeGreaterThanOrEqual(countsBefore[0]!.in);
    expect(t.engine.cameras!.detectorCount).toBe(2);
    expect(t.health.states('plaza')).toBe('connecting/start → live/frames');
    // The one hot swap recorded it: both versions, and the frame the new detector started at.
    const swaps = t.engine.repos.modelDeployments.eventsForModel(DEFAULT_MODEL_ID).filter((e) => e.eventType === 'swapped');
    expect(swaps).toHaveLength(1);
    const swap = swaps[0]!;
    expect(swap).toMatchObject({ cameraId: 'plaza', modelId: DEFAULT_MODEL_ID, previousModelId: DEFAULT_MODEL_ID, reason: 'hot swap' });
    expect(swap.versionNumber).toBe(swap.previousVersionNumber);
    const details = swap.details as { swappedAtFrame: number; fromKey: string; toKey: string };
    expect(details.fromKey).toMatch(/#v1$/);
    expect(details.toKey).toMatch(/#v2$/);
    // Stored rows before that frame came from v1's detector, from it on from v2's: no frame in between.
    expect(details.swappedAtFrame).toBeGreaterThanOrEqual(3);
    expect(details.swappedAtFrame).toBeLessThanOrEqual(atSwap + 1);
  }, 120_000);
});
