/**
 * A running shadow experiment on a live camera of the real engine: experiments:start attaches the
 * challenger to the camera's frames (real model, real capture of vtest.avi), the intervals are
 * stored as they end, and experiments:stop takes it off again with the last interval stored —
 * while the camera keeps counting with its production model throughout.
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../../src/engine/paths';
import { openTestEngine, processed, sleep, vtestCamera, type TestEngine } from '../cameras/helpers';

let t: TestEngine | undefined;

afterAll(async () => {
  await t?.engine.close();
});

describe.skipIf(!existsSync(defaultModelPath()))('shadow experiment on a live camera', () => {
  it('start attaches the challenger to the camera, stop detaches it and keeps what was measured', async () => {
    t = await openTestEngine();
    await t.ok('cameras:add', vtestCamera('plaza', { processFps: 2, line: { x1: 600, y1: 150, x2: 600, y2: 450 } }));
    await t.health.waitFor('plaza', 'live', 60_000);
    const design = await t.ok('experiments:create', {
      name: 'live A/A',
      baseline: 'yolov8n-coco@8.0.0',
      challenger: 'yolov8n-coco@8.0.0',
      mode: 'shadow',
      intervalS: 2,
      cameraIds: ['plaza'],
      minSamples: 5,
    });
    expect(design.status).toBe('draft');
    expect(t.engine.shadows!.shadowOf('plaza')).toBeUndefined();
    await t.ok('experiments:start', { experimentId: design.experimentId });
    const shadow = t.engine.shadows!.shadowOf('plaza');
    expect(shadow?.experimentId).toBe(design.experimentId);
    const until = Date.now() + 60_000;
    while (shadow!.processed < 6 && Date.now() < until) await sleep(100);
    expect(shadow!.processed).toBeGreaterThanOrEqual(6);
    const countedBefore = processed(t, 'plaza');
    await t.ok('experiments:stop', { experimentId: design.experimentId });
    expect(t.engine.shadows!.shadowOf('plaza')).toBeUndefined();
    const status = await t.ok('experiments:status', { experimentId: design.experimentId });
    expect(status.status).toBe('stopped');
    const [baseline, challenger] = status.arms;
    expect(challenger!.frames).toBeGreaterThanOrEqual(6);
    // Every frame the camera counted while shadowed is the baseline's; each is the challenger's too, or its recorded skip.
    expect(baseline!.frames).toBe(challenger!.frames + challenger!.skippedFrames);
    expect(status.intervals.length).toBeGreaterThanOrEqual(2);
    expect(status.assignments).toEqual({ baseline: 1, challenger: 1 });
    // The camera itself never stopped counting.
    const later = Date.now() + 30_000;
    while (processed(t, 'plaza') <= countedBefore && Date.now() < later) await sleep(100);
    expect(processed(t, 'plaza')).toBeGreaterThan(countedBefore);
  }, 180_000);
});
