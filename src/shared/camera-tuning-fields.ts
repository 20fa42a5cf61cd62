/**
 * The per-camera detection and counting settings (the `tuning` of a camera, migration 0012) as the
 * camera form shows them: a label and help in plain words, the unit, the default and the safe range.
 * The engine checks the same names and ranges when a camera is saved
 * (src/engine/tracking/camera-tuning.ts; tests/integration/cameras/tuning-fields.test.ts keeps the
 * two equal). Pure data.
 */

export interface TuningNumberField {
  key: 'newTrackThresh' | 'trackThresh' | 'lostTrackSeconds' | 'minCrossingDistancePx' | 'directionWeight';
  kind: 'number';
  label: string;
  help: string;
  unit: string;
  /** null: computed by the engine (the help says how). */
  defaultValue: number | null;
  defaultText: string;
  min: number;
  max: number;
  step: number;
}

export interface TuningSwitchField {
  key: 'partialBoxes';
  kind: 'boolean';
  label: string;
  help: string;
  defaultValue: boolean;
}

export type TuningField = TuningNumberField | TuningSwitchField;
export type TuningKey = TuningField['key'];

export const CAMERA_TUNING_FIELDS: readonly TuningField[] = [
  {
    key: 'newTrackThresh',
    kind: 'number',
    label: 'Confidence to start following a person',
    help: 'How sure the model must be before someone new is followed and can be counted. Higher: fewer false people; lower: fewer people missed.',
    unit: 'score (0–1)',
    defaultValue: 0.45,
    defaultText: '0.45',
    min: 0.4,
    max: 0.7,
    step: 0.01,
  },
  {
    key: 'trackThresh',
    kind: 'number',
    label: 'Confidence to keep following a person',
    help: 'How sure the model must be to keep following someone already seen. At most the confidence to start.',
    unit: 'score (0–1)',
    defaultValue: 0.35,
    defaultText: '0.35',
    min: 0.3,
    max: 0.6,
    step: 0.01,
  },
  {
    key: 'lostTrackSeconds',
    kind: 'number',
    label: 'Remember a hidden person for',
    help: 'Someone hidden behind a shelf or another person for less than this keeps the same identity, so they are not counted twice.',
    unit: 'seconds',
    defaultValue: 1,
    defaultText: '1',
    min: 0.7,
    max: 3,
    step: 0.1,
  },
  {
    key: 'minCrossingDistancePx',
    kind: 'number',
    label: 'Distance past the line before counting',
    help: 'A person’s feet must get this far past a line to count, so someone standing on the line is not counted again and again.',
    unit: 'pixels',
    defaultValue: null,
    defaultText: '4 % of the line’s length, at least 3',
    min: 3,
    max: 60,
    step: 1,
  },
  {
    key: 'directionWeight',
    kind: 'number',
    label: 'Weight of the walking direction',
    help: 'How much the direction someone walks in helps to tell people apart in a crowd.',
    unit: 'weight (0–0.5)',
    defaultValue: 0.3,
    defaultText: '0.3',
    min: 0,
    max: 0.5,
    step: 0.05,
  },
  {
    key: 'partialBoxes',
    kind: 'boolean',
    label: 'Follow half-hidden people',
    help: 'On for most cameras. Turn it off for a camera looking straight down.',
    defaultValue: true,
  },
];
