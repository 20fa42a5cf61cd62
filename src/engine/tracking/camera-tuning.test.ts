import { describe, expect, it } from 'vitest';
import { ByteTracker } from './byte-tracker';
import { CameraTuningError, resolveCameraTuning } from './camera-tuning';

describe('per-camera tracking tuning', () => {
  it.each([
    { input: null, tracker: {}, lineCounter: {} },
    { input: {}, tracker: {}, lineCounter: {} },
    { input: { lostTrackSeconds: 3 }, tracker: { trackBuffer: 90 }, lineCounter: {} },
    { input: { trackThresh: 0.4, newTrackThresh: 0.5 }, tracker: { trackThresh: 0.4, newTrackThresh: 0.5 }, lineCounter: {} },
    { input: { partialBoxes: false, directionWeight: 0 }, tracker: { partialBoxes: false, directionWeight: 0 }, lineCounter: {} },
    { input: { minCrossingDistancePx: 8 }, tracker: {}, lineCounter: { minCrossingDistancePx: 8 } },
  ])('$input', ({ input, tracker, lineCounter }) => {
    const r = resolveCameraTuning(input);
    expect(r).toEqual({ tracker, lineCounter });
    expect(() => new ByteTracker(r.tracker)).not.toThrow();
  });

  it.each([
    { input: [], setting: '(all)' },
    { input: 'fast', setting: '(all)' },
    { input: { trackbuffer: 30 }, setting: 'trackbuffer' }, // a typo is refused, not ignored
    { input: { lostTrackSeconds: 0.5 }, setting: 'lostTrackSeconds' },
    { input: { lostTrackSeconds: 4 }, setting: 'lostTrackSeconds' },
    { input: { trackThresh: 0.1 }, setting: 'trackThresh' },
    { input: { trackThresh: '0.4' }, setting: 'trackThresh' },
    { input: { newTrackThresh: 0.9 }, setting: 'newTrackThresh' },
    { input: { trackThresh: 0.55, newTrackThresh: 0.45 }, setting: 'newTrackThresh' },
    { input: { directionWeight: Number.NaN }, setting: 'directionWeight' },
    { input: { partialBoxes: 'no' }, setting: 'partialBoxes' },
    { input: { minCrossingDistancePx: 1 }, setting: 'minCrossingDistancePx' },
  ])('refuses $input', ({ input, setting }) => {
    let err: unknown;
    try {
      resolveCameraTuning(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CameraTuningError);
    expect((err as CameraTuningError).setting).toBe(setting);
  });
});
