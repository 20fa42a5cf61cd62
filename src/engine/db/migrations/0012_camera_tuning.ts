// Immutable once released (see 0001 for the translation rules).
// Per-camera tracking and counting tuning (tracking/camera-tuning.ts): the few settings a
// technician may change for a camera, within safe ranges, as JSON; NULL = the measured defaults.
// Validated by the engine before it is stored (unknown keys and out-of-range values refused).
export const sql = `
ALTER TABLE cameras ADD COLUMN tuning TEXT CHECK (tuning IS NULL OR (json_valid(tuning) AND json_type(tuning) = 'object'));
`;
