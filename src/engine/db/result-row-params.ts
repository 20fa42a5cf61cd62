import { DbError } from './db-error';
import { toJsonText } from './json-column';
import type { CountingRow, DetectionRow, FrameResult, InferenceRow, TrackingRow } from './result-rows';

// Positional bind values for the result writer's INSERTs. Conversion happens at enqueue time:
// the caller's objects can be reused right after enqueue(), and a non-serialisable value fails in
// the caller's stack instead of poisoning a whole batch later.

export type BindValue = string | number | null;

export const INFERENCE_COLUMNS = [
  'inference_id', 'model_id', 'model_version', 'input_data_hash', 'input_metadata', 'input_timestamp',
  'inference_results', 'confidence_scores', 'processing_time_ms', 'result_quality_score',
  'result_validation_status', 'gpu_utilization_percent', 'memory_usage_mb', 'batch_size', 'created_at',
  'camera_id', 'frame_index',
] as const;

export const DETECTION_COLUMNS = [
  'inference_id', 'detection_id', 'object_class', 'confidence_score', 'bbox_x', 'bbox_y', 'bbox_width',
  'bbox_height', 'object_attributes', 'pose_estimation', 'detection_quality', 'occlusion_level', 'created_at',
] as const;

export const TRACKING_COLUMNS = [
  'inference_id', 'track_id', 'detection_id', 'tracking_confidence', 'position_x', 'position_y', 'velocity_x',
  'velocity_y', 'speed', 'tracking_status', 'track_age_frames', 'trajectory_points', 'created_at',
] as const;

export const COUNTING_COLUMNS = [
  'inference_id', 'counting_event_id', 'event_type', 'direction', 'track_id', 'detection_id', 'entry_point',
  'exit_point', 'path_trajectory', 'current_count_in', 'current_count_out', 'current_total', 'event_confidence',
  'processing_time_ms', 'created_at', 'camera_id', 'line_id',
] as const;

export interface FrameParams {
  inferenceId: string;
  rows: number;
  inference: BindValue[];
  detections: BindValue[][];
  tracks: BindValue[][];
  counts: BindValue[][];
}

/** Integer pixel/millisecond columns: the pipeline works in floats, the seed stores integers. */
function int(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value);
}

function opt<T extends string | number>(value: T | null | undefined): T | null {
  return value === undefined ? null : value;
}

function inferenceParams(row: InferenceRow, createdAt: string): BindValue[] {
  const results = toJsonText(row.inferenceResults, 'model_inference_results.inference_results');
  if (results === null) throw new DbError('INVALID_INPUT', 'model_inference_results.inference_results is required');
  return [
    row.inferenceId, row.modelId, row.modelVersion, opt(row.inputDataHash),
    toJsonText(row.inputMetadata, 'model_inference_results.input_metadata'), row.inputTimestamp, results,
    toJsonText(row.confidenceScores, 'model_inference_results.confidence_scores'), int(row.processingTimeMs),
    opt(row.resultQualityScore), opt(row.resultValidationStatus), opt(row.gpuUtilizationPercent),
    opt(row.memoryUsageMb), opt(row.batchSize), createdAt, opt(row.cameraId), opt(row.frameIndex),
  ];
}

function detectionParams(row: DetectionRow, inferenceId: string, createdAt: string): BindValue[] {
  return [
    row.inferenceId === undefined ? inferenceId : row.inferenceId, row.detectionId, row.objectClass,
    row.confidenceScore, int(row.bboxX), int(row.bboxY), int(row.bboxWidth), int(row.bboxHeight),
    toJsonText(row.objectAttributes, 'detection_results.object_attributes'),
    toJsonText(row.poseEstimation, 'detection_results.pose_estimation'), opt(row.detectionQuality),
    opt(row.occlusionLevel), row.createdAt ?? createdAt,
  ];
}

function trackingParams(row: TrackingRow, inferenceId: string, createdAt: string): BindValue[] {
  return [
    row.inferenceId === undefined ? inferenceId : row.inferenceId, row.trackId, opt(row.detectionId),
    opt(row.trackingConfidence), int(row.positionX), int(row.positionY), opt(row.velocityX), opt(row.velocityY),
    opt(row.speed), opt(row.trackingStatus), opt(row.trackAgeFrames),
    toJsonText(row.trajectoryPoints, 'tracking_results.trajectory_points'), row.createdAt ?? createdAt,
  ];
}

function countingParams(row: CountingRow, inferenceId: string, createdAt: string, cameraId: string | null): BindValue[] {
  return [
    row.inferenceId === undefined ? inferenceId : row.inferenceId, row.countingEventId, row.eventType,
    opt(row.direction), opt(row.trackId), opt(row.detectionId),
    toJsonText(row.entryPoint, 'counting_results.entry_point'), toJsonText(row.exitPoint, 'counting_results.exit_point'),
    toJsonText(row.pathTrajectory, 'counting_results.path_trajectory'), opt(row.currentCountIn),
    opt(row.currentCountOut), opt(row.currentTotal), opt(row.eventConfidence), int(row.processingTimeMs),
    row.createdAt ?? createdAt, row.cameraId === undefined ? cameraId : row.cameraId, opt(row.lineId),
  ];
}

/** Children default to the frame's inference id, time and camera. */
export function frameParams(frame: FrameResult, now: () => string): FrameParams {
  const { inference } = frame;
  const createdAt = inference.createdAt ?? now();
  const id = inference.inferenceId;
  const cameraId = inference.cameraId ?? null;
  return {
    inferenceId: id,
    rows: 1 + frame.detections.length + frame.tracks.length + frame.counts.length,
    inference: inferenceParams(inference, createdAt),
    detections: frame.detections.map((d) => detectionParams(d, id, createdAt)),
    tracks: frame.tracks.map((t) => trackingParams(t, id, createdAt)),
    counts: frame.counts.map((c) => countingParams(c, id, createdAt, cameraId)),
  };
}
