// The value lists of the schema's CHECK (col IN (...)) constraints, as TypeScript types. A test
// compares each list with the CHECK in the migrated schema, so the two cannot drift apart.

export const ENUMS = {
  'users.role': ['admin', 'technician', 'operator', 'viewer'],
  'ai_models.model_type': ['detection', 'tracking', 'counting', 'classification'],
  'ai_models.deployment_status': ['development', 'testing', 'production', 'archived'],
  'model_versions.deployment_environment': ['dev', 'staging', 'production'],
  'model_training_history.training_status': ['running', 'completed', 'failed', 'cancelled'],
  'model_version_control.review_status': ['pending', 'approved', 'rejected'],
  'model_branches.branch_status': ['active', 'merged', 'abandoned'],
  'model_deployment_pipeline.stage_status': ['pending', 'running', 'completed', 'failed'],
  'model_deployment_pipeline.pipeline_status': ['pending', 'running', 'completed', 'failed'],
  'model_inference_results.result_validation_status': ['valid', 'invalid', 'uncertain'],
  'tracking_results.tracking_status': ['active', 'lost', 'completed'],
  'counting_results.event_type': ['entry', 'exit', 'cross_line'],
  'counting_results.direction': ['in', 'out', 'north', 'south', 'east', 'west'],
  'model_drift_metrics.drift_type': ['covariate', 'label', 'concept'],
  'model_drift_metrics.drift_severity': ['low', 'medium', 'high', 'critical'],
  'model_comparison_metrics.comparison_status': ['running', 'completed', 'failed'],
  'ab_testing_experiments.traffic_split_method': ['random', 'user_id', 'session_id'],
  'ab_testing_experiments.experiment_status': ['draft', 'running', 'completed', 'stopped'],
  'ab_testing_assignments.assigned_group': ['baseline', 'challenger'],
  'ab_testing_results.group_name': ['baseline', 'challenger'],
  'ab_testing_conclusions.recommendation': ['deploy_challenger', 'keep_baseline', 'run_longer'],
  'ab_testing_conclusions.risk_assessment': ['low', 'medium', 'high'],
  'ab_testing_conclusions.deployment_strategy': ['immediate', 'gradual', 'canary'],
  'cameras.source_kind': ['usb', 'rtsp', 'http_mjpeg', 'file'],
  'camera_health_samples.state': ['connecting', 'live', 'stalled', 'reconnecting', 'failed', 'stopped'],
  'retention_runs.status': ['completed', 'failed'],
} as const;

type EnumOf<K extends keyof typeof ENUMS> = (typeof ENUMS)[K][number];

export type UserRole = EnumOf<'users.role'>;
export type ModelType = EnumOf<'ai_models.model_type'>;
export type ModelDeploymentStatus = EnumOf<'ai_models.deployment_status'>;
export type DeploymentEnvironment = EnumOf<'model_versions.deployment_environment'>;
export type TrainingStatus = EnumOf<'model_training_history.training_status'>;
export type ReviewStatus = EnumOf<'model_version_control.review_status'>;
export type BranchStatus = EnumOf<'model_branches.branch_status'>;
export type PipelineStatus = EnumOf<'model_deployment_pipeline.pipeline_status'>;
export type ResultValidationStatus = EnumOf<'model_inference_results.result_validation_status'>;
export type TrackingStatus = EnumOf<'tracking_results.tracking_status'>;
export type CountingEventType = EnumOf<'counting_results.event_type'>;
export type CountingDirection = EnumOf<'counting_results.direction'>;
export type DriftType = EnumOf<'model_drift_metrics.drift_type'>;
export type DriftSeverity = EnumOf<'model_drift_metrics.drift_severity'>;
export type ComparisonStatus = EnumOf<'model_comparison_metrics.comparison_status'>;
export type TrafficSplitMethod = EnumOf<'ab_testing_experiments.traffic_split_method'>;
export type ExperimentStatus = EnumOf<'ab_testing_experiments.experiment_status'>;
export type ExperimentGroup = EnumOf<'ab_testing_assignments.assigned_group'>;
export type Recommendation = EnumOf<'ab_testing_conclusions.recommendation'>;
export type RiskAssessment = EnumOf<'ab_testing_conclusions.risk_assessment'>;
export type DeploymentStrategy = EnumOf<'ab_testing_conclusions.deployment_strategy'>;
export type CameraSourceKind = EnumOf<'cameras.source_kind'>;
export type CameraHealthState = EnumOf<'camera_health_samples.state'>;
export type RetentionRunStatus = EnumOf<'retention_runs.status'>;
