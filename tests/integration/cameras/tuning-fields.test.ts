/**
 * The camera form's tuning fields (src/shared/camera-tuning-fields.ts) say what the engine
 * accepts: the same names, the same safe ranges, the engine's defaults, and every value the form
 * allows is one the engine takes when the camera is saved.
 */
import { describe, expect, it } from 'vitest';
import { CAMERA_TUNING_FIELDS } from '../../../src/shared/camera-tuning-fields';
import { DEFAULT_BYTE_TRACKER_OPTIONS } from '../../../src/engine/tracking/tracker-config';
import { CAMERA_TUNING_RANGES, CameraTuningError, resolveCameraTuning } from '../../../src/engine/tracking/camera-tuning';

describe('camera tuning fields of the form', () => {
  it('name exactly the settings the engine knows, with its ranges', () => {
    const numbers = CAMERA_TUNING_FIELDS.filter((f) => f.kind === 'number');
    expect(Object.fromEntries(numbers.map((f) => [f.key, [f.min, f.max]]))).toEqual(CAMERA_TUNING_RANGES);
    expect(CAMERA_TUNING_FIELDS.map((f) => f.key).sort()).toEqual([...Object.keys(CAMERA_TUNING_RANGES), 'partialBoxes'].sort());
  });

  it('accepts the bounds and defaults, and refuses a step outside the range', () => {
    for (const f of CAMERA_TUNING_FIELDS) {
      if (f.kind === 'boolean') {
        expect(() => resolveCameraTuning({ [f.key]: f.defaultValue })).not.toThrow();
        continue;
      }
      // newTrackThresh must not fall below trackThresh's default: each bound checked against the other's default.
      const other = f.key === 'newTrackThresh' ? { trackThresh: 0.3 } : f.key === 'trackThresh' ? { newTrackThresh: 0.7 } : {};
      expect(() => resolveCameraTuning({ ...other, [f.key]: f.min })).not.toThrow();
      expect(() => resolveCameraTuning({ ...other, [f.key]: f.max })).not.toThrow();
      if (f.defaultValue !== null) {
        expect(f.defaultValue).toBeGreaterThanOrEqual(f.min);
        expect(f.defaultValue).toBeLessThanOrEqual(f.max);
        expect(f.defaultText).toBe(String(f.defaultValue));
      }
      expect(() => resolveCameraTuning({ ...other, [f.key]: f.max + f.step })).toThrow(CameraTuningError);
      expect(() => resolveCameraTuning({ ...other, [f.key]: f.min - f.step })).toThrow(CameraTuningError);
    }
  });

  it('shows the tracker defaults the engine uses', () => {
    const shown = Object.fromEntries(CAMERA_TUNING_FIELDS.map((f) => [f.key, f.defaultValue]));
    const d = DEFAULT_BYTE_TRACKER_OPTIONS;
    expect(shown).toEqual({
      newTrackThresh: d.newTrackThresh,
      trackThresh: d.trackThresh,
      // trackBuffer counts frames at the tracker's 30 fps clock.
      lostTrackSeconds: d.trackBuffer / 30,
      directionWeight: d.directionWeight,
      partialBoxes: d.partialBoxes,
      // Computed per line by the counter (4 % of its length, at least 3 px).
      minCrossingDistancePx: null,
    });
  });
});
