/**
 * Per-camera tracking and counting tuning (issue: counting in crowds): a technician may change the
 * few settings tracking/camera-tuning.ts names, within their safe ranges, per camera; anything else
 * is refused in plain words when the camera is saved, and nothing is stored.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openTestEngine, VTEST, type TestEngine } from './helpers';

let t: TestEngine | undefined;
afterAll(async () => {
  await t?.engine.close();
});

describe('camera tuning', () => {
  it('is stored per camera within its safe ranges; out of range or unknown settings are refused with nothing stored', async () => {
    t = await openTestEngine({ cameras: false });
    const base = { name: 'Door', url: VTEST, sourceKind: 'file', frameWidth: 768, frameHeight: 576, lines: [{ x1: 384, y1: 0, x2: 384, y2: 576 }] };

    const tooLong = await t.call('cameras:add', { ...base, cameraId: 'door', tuning: { lostTrackSeconds: 10 } });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/lostTrackSeconds = 10: expected a number in 0\.7\.\.3/) } });
    const unknown = await t.call('cameras:add', { ...base, cameraId: 'door', tuning: { trackBuffer: 90 } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/trackBuffer.*expected a known setting/) } });
    expect(await t.ok('cameras:list', {})).toEqual([]);

    const added = await t.ok('cameras:add', { ...base, cameraId: 'door', tuning: { lostTrackSeconds: 2, partialBoxes: false } });
    expect(added.tuning).toEqual({ lostTrackSeconds: 2, partialBoxes: false });

    const refused = await t.call('cameras:edit', { cameraId: 'door', tuning: { newTrackThresh: 0.4, trackThresh: 0.5 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.ok('cameras:get', { cameraId: 'door' })).tuning).toEqual({ lostTrackSeconds: 2, partialBoxes: false });

    const reset = await t.ok('cameras:edit', { cameraId: 'door', tuning: null });
    expect(reset.tuning).toBeNull();
  });
});
