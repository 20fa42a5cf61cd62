import type { StoredCounting, StoredDetection, StoredInference, StoredTracking } from './result-rows';
import { col, TableMapper } from './table-mapper';

// Read-side mappings of the four per-frame result tables (the writer binds positionally).

const trajectoryProblem = (value: unknown): string | null => {
  if (!Array.isArray(value)) return 'must be an array of {x, y, timestamp}';
  const bad = value.findIndex((p: unknown) => {
    if (p === null || typeof p !== 'object') return true;
    const { x, y, timestamp } = p as Record<string, unknown>;
    return typeof x !== 'number' || typeof y !== 'number' || typeof timestamp !== 'string';
  });
  return bad === -1 ? null : `point ${bad} must be {x: number, y: number, timestamp: string}`;
};

export const inferenceMapper = new TableMapper<StoredInference>('model_inference_results', {
  id: col.integer('id'),
  inferenceId: col.text('inference_id'),
  modelId: col.text('model_id'),
  modelVersion: col.text('model_version'),
  inputDataHash: col.text('input_data_hash'),
  inputMetadata: col.json('input_metadata'),
  inputTimestamp: col.text('input_timestamp'),
  inferenceResults: col.json('inference_results'),
  confidenceScores: col.json('confidence_scores'),
  processingTimeMs: col.integer('processing_time_ms'),
  resultQualityScore: col.real('result_quality_score'),
  resultValidationStatus: col.text('result_validation_status'),
  gpuUtilizationPercent: col.real('gpu_utilization_percent'),
  memoryUsageMb: col.real('memory_usage_mb'),
  batchSize: col.integer('batch_size'),
  createdAt: col.text('created_at'),
  cameraId: col.text('camera_id'),
  frameIndex: col.integer('frame_index'),
});

export const detectionMapper = new TableMapper<StoredDetection>('detection_results', {
  id: col.integer('id'),
  inferenceId: col.text('inference_id'),
  detectionId: col.text('detection_id'),
  objectClass: col.text('object_class'),
  confidenceScore: col.real('confidence_score'),
  bboxX: col.integer('bbox_x'),
  bboxY: col.integer('bbox_y'),
  bboxWidth: col.integer('bbox_width'),
  bboxHeight: col.integer('bbox_height'),
  objectAttributes: col.json('object_attributes'),
  poseEstimation: col.json('pose_estimation'),
  detectionQuality: col.real('detection_quality'),
  occlusionLevel: col.real('occlusion_level'),
  createdAt: col.text('created_at'),
});

export const trackingMapper = new TableMapper<StoredTracking>('tracking_results', {
  id: col.integer('id'),
  inferenceId: col.text('inference_id'),
  trackId: col.text('track_id'),
  detectionId: col.text('detection_id'),
  trackingConfidence: col.real('tracking_confidence'),
  positionX: col.integer('position_x'),
  positionY: col.integer('position_y'),
  velocityX: col.real('velocity_x'),
  velocityY: col.real('velocity_y'),
  speed: col.real('speed'),
  trackingStatus: col.text('tracking_status'),
  trackAgeFrames: col.integer('track_age_frames'),
  trajectoryPoints: col.json('trajectory_points', trajectoryProblem),
  createdAt: col.text('created_at'),
});

export const countingMapper = new TableMapper<StoredCounting>('counting_results', {
  id: col.integer('id'),
  inferenceId: col.text('inference_id'),
  countingEventId: col.text('counting_event_id'),
  eventType: col.text('event_type'),
  direction: col.text('direction'),
  trackId: col.text('track_id'),
  detectionId: col.text('detection_id'),
  entryPoint: col.json('entry_point'),
  exitPoint: col.json('exit_point'),
  pathTrajectory: col.json('path_trajectory'),
  currentCountIn: col.integer('current_count_in'),
  currentCountOut: col.integer('current_count_out'),
  currentTotal: col.integer('current_total'),
  eventConfidence: col.real('event_confidence'),
  processingTimeMs: col.integer('processing_time_ms'),
  createdAt: col.text('created_at'),
  cameraId: col.text('camera_id'),
  lineId: col.integer('line_id'),
});
