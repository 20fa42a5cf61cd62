// Immutable once released (see 0001 for the translation rules).
// Storage that fits (issue 11): indexes only where a query or retention needs one. Every index on
// the per-frame tables costs bytes on every row of the fastest-growing tables; measured on
// vtest.avi they were over a third of an inference row's bytes. Kept: the UNIQUE ids (foreign keys
// and cascades point at them), the inference/detection ids of child rows (retention's cascades),
// tracking_results.track_id (a track's history) and model_inference_results.input_timestamp
// (retention's cut-off and every time-window query: per camera, per model, the canary's, drift's
// — they read a window by time and filter camera or model in it). Dropped:
// - idx_inference_results_quality (result_quality_score > 0.5: nearly every row qualifies) and
//   idx_detection_results_confidence (> 0.7: likewise): no query filters on them;
// - idx_tracking_results_status (three values: no planner would pick it);
// - idx_inference_results_model_timestamp and idx_inference_results_camera_created: served by the
//   time index above (a window holds a few cameras' frames; the filter costs less than an index
//   written on every frame).
// The central PostgreSQL keeps its copies (sync/central-migrations): chain reports filter on them.
// What is stored per frame changed in code, not schema (src/engine/db/evidence-filter.ts).
export const sql = `
DROP INDEX IF EXISTS idx_inference_results_quality;
DROP INDEX IF EXISTS idx_detection_results_confidence;
DROP INDEX IF EXISTS idx_tracking_results_status;
DROP INDEX IF EXISTS idx_inference_results_model_timestamp;
DROP INDEX IF EXISTS idx_inference_results_camera_created;
`;
