/**
 * Every value list of Footfall, defined once. The zod schemas (z.enum(LIST)), the database layer
 * (row types, and SCHEMA_ENUMS below for the schema's CHECK (col IN (...)) constraints) and the
 * renderer all use these arrays and the types derived from them; nothing else spells a list out.
 * tests/integration/db/schema-enums.test.ts compares SCHEMA_ENUMS with the CHECK constraints of
 * the migrated schema and fails on a CHECK list that has no entry here.
 */

/** Lowest first: the order is the rank the sign-in checks use. */
export const USER_ROLES = ['viewer', 'operator', 'technician', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const MODEL_TYPES = ['detection', 'tracking', 'counting', 'classification'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

/** ai_models.deployment_status: where a model as a whole stands. */
export const MODEL_DEPLOYMENT_STATUSES = ['development', 'testing', 'production', 'archived'] as const;
export type ModelDeploymentStatus = (typeof MODEL_DEPLOYMENT_STATUSES)[number];

export const DEPLOYMENT_ENVIRONMENTS = ['dev', 'staging', 'production'] as const;
export type DeploymentEnvironment = (typeof DEPLOYMENT_ENVIRONMENTS)[number];

export const TRAINING_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What a reviewer may decide: every review status but 'pending'. */
export const REVIEW_DECISIONS = ['approved', 'rejected'] as const satisfies readonly ReviewStatus[];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const BRANCH_STATUSES = ['active', 'merged', 'abandoned'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];

/** The stages a version goes through on its way to production, in order. */
export const PIPELINE_STAGES = ['validate', 'benchmark', 'shadow', 'canary', 'production'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** model_deployment_pipeline.stage_status and .pipeline_status. */
export const PIPELINE_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type PipelineStatus = (typeof PIPELINE_STATUSES)[number];

/** One stage's status inside a pipeline's stage list (a stage may also be skipped). */
export const STAGE_STATUSES = [...PIPELINE_STATUSES, 'skipped'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

/** model_versions.deployment_status (no CHECK: the seed leaves it free text). */
export const VERSION_DEPLOYMENT_STATUSES = ['not_deployed', 'validate', 'benchmark', 'shadow', 'canary', 'deployed', 'rolled_back', 'failed'] as const;
export type VersionDeploymentStatus = (typeof VERSION_DEPLOYMENT_STATUSES)[number];

/** camera_model_deployments.role. */
export const DEPLOYMENT_ROLES = ['production', 'canary'] as const;
export type DeploymentRole = (typeof DEPLOYMENT_ROLES)[number];

/** model_deployment_events.event_type. */
export const DEPLOYMENT_EVENT_TYPES = [
  'stage_started',
  'stage_completed',
  'stage_failed',
  'stage_skipped',
  'canary',
  'promoted',
  'rolled_back',
  'swapped',
  'load_failed',
] as const;
export type DeploymentEventType = (typeof DEPLOYMENT_EVENT_TYPES)[number];

export const RESULT_VALIDATION_STATUSES = ['valid', 'invalid', 'uncertain'] as const;
export type ResultValidationStatus = (typeof RESULT_VALIDATION_STATUSES)[number];

export const TRACKING_STATUSES = ['active', 'lost', 'completed'] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export const COUNTING_EVENT_TYPES = ['entry', 'exit', 'cross_line'] as const;
export type CountingEventType = (typeof COUNTING_EVENT_TYPES)[number];

/** Zone events: the counting event types other than a line crossing. */
export const ZONE_EVENT_TYPES = ['entry', 'exit'] as const satisfies readonly CountingEventType[];
export type ZoneEventType = (typeof ZONE_EVENT_TYPES)[number];

export const COUNTING_DIRECTIONS = ['in', 'out', 'north', 'south', 'east', 'west'] as const;
export type CountingDirection = (typeof COUNTING_DIRECTIONS)[number];

/** The directions a line crossing has (see the line-direction rule in README.md). */
export const CROSSING_DIRECTIONS = ['in', 'out'] as const satisfies readonly CountingDirection[];
export type CrossingDirection = (typeof CROSSING_DIRECTIONS)[number];

export const DRIFT_TYPES = ['covariate', 'label', 'concept'] as const;
export type DriftType = (typeof DRIFT_TYPES)[number];

export const DRIFT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type DriftSeverity = (typeof DRIFT_SEVERITIES)[number];

export const COMPARISON_STATUSES = ['running', 'completed', 'failed'] as const;
export type ComparisonStatus = (typeof COMPARISON_STATUSES)[number];

export const TRAFFIC_SPLIT_METHODS = ['random', 'user_id', 'session_id'] as const;
export type TrafficSplitMethod = (typeof TRAFFIC_SPLIT_METHODS)[number];

/**
 * How an experiment splits work (issue 9). The seed's traffic_split_method names are kept in that
 * column and mapped one to one (TRAFFIC_METHOD_OF_SPLIT): a frame is assigned at random (seeded
 * hash of its index) → 'random'; a camera is the stable unit a web test would call a user →
 * 'user_id'; a time slot of a camera is a session of it (switchback) → 'session_id'.
 */
export const EXPERIMENT_SPLITS = ['frame', 'camera', 'slot'] as const;
export type ExperimentSplit = (typeof EXPERIMENT_SPLITS)[number];
export const TRAFFIC_METHOD_OF_SPLIT = { frame: 'random', camera: 'user_id', slot: 'session_id' } as const satisfies Record<
  ExperimentSplit,
  TrafficSplitMethod
>;

/** shadow: both models on the same frames (paired; only the baseline's counts are kept); ab: each unit served by one arm. */
export const EXPERIMENT_MODES = ['shadow', 'ab'] as const;
export type ExperimentMode = (typeof EXPERIMENT_MODES)[number];

/** What decides an experiment: crossing counts against production, or F1 against truth. */
export const SUCCESS_METRICS = ['crossings', 'f1'] as const;
export type SuccessMetric = (typeof SUCCESS_METRICS)[number];

export const EXPERIMENT_STATUSES = ['draft', 'running', 'completed', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const EXPERIMENT_GROUPS = ['baseline', 'challenger'] as const;
export type ExperimentGroup = (typeof EXPERIMENT_GROUPS)[number];

export const RECOMMENDATIONS = ['deploy_challenger', 'keep_baseline', 'run_longer'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const RISK_ASSESSMENTS = ['low', 'medium', 'high'] as const;
export type RiskAssessment = (typeof RISK_ASSESSMENTS)[number];

export const DEPLOYMENT_STRATEGIES = ['immediate', 'gradual', 'canary'] as const;
export type DeploymentStrategy = (typeof DEPLOYMENT_STRATEGIES)[number];

export const CAMERA_SOURCE_KINDS = ['usb', 'rtsp', 'http_mjpeg', 'file'] as const;
export type CameraSourceKind = (typeof CAMERA_SOURCE_KINDS)[number];

/** A camera supervisor's states, as shown live and sampled into camera_health_samples.state. */
export const CAMERA_STATES = ['connecting', 'live', 'stalled', 'reconnecting', 'failed', 'stopped'] as const;
export type CameraState = (typeof CAMERA_STATES)[number];

/** Why a capture failed (ffmpeg's exit classified); the first six are the failed states' reasons. */
export const CAPTURE_ERROR_REASONS = ['auth', 'not_found', 'refused', 'timeout', 'unreachable', 'unsupported', 'ended', 'crashed'] as const;
export type CaptureErrorReason = (typeof CAPTURE_ERROR_REASONS)[number];

export const RETENTION_RUN_STATUSES = ['completed', 'failed'] as const;
export type RetentionRunStatus = (typeof RETENTION_RUN_STATUSES)[number];

/** The engine process as the window sees it. */
export const ENGINE_STATES = ['starting', 'running', 'restarting', 'stopped'] as const;
export type EngineState = (typeof ENGINE_STATES)[number];

/** Where the engine runs: inside the desktop app, or the headless `serve`. */
export const ENGINE_HOSTS = ['electron', 'serve'] as const;
export type EngineHost = (typeof ENGINE_HOSTS)[number];

/** How a session reached the engine: a browser of `serve`, or the desktop window (user_sessions.transport). */
export const SESSION_TRANSPORTS = ['http', 'ipc'] as const;
export type SessionTransport = (typeof SESSION_TRANSPORTS)[number];

/** audit_log.outcome: done, refused before it ran (rate limit), or tried and failed. */
export const AUDIT_OUTCOMES = ['ok', 'refused', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * How much per-frame detail a counting run stores (setting `storage.evidence`, `count --evidence`):
 * `full` every frame's detections and tracks; `events` the frames and tracks around each counting
 * event plus one sampled frame's boxes per second; `summary` inference rows and events only.
 * Inference rows and counting events are always complete (src/engine/db/evidence-filter.ts).
 */
export const EVIDENCE_LEVELS = ['full', 'events', 'summary'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];
export const DEFAULT_EVIDENCE_LEVEL: EvidenceLevel = 'events';

/** An operator's answer to a reviewed count (audits, issue 13). */
export const AUDIT_ANSWERS = ['right', 'wrong_direction', 'not_a_person', 'missed_one'] as const;
export type AuditAnswer = (typeof AUDIT_ANSWERS)[number];

/** What an audit item shows: a counted crossing, or a frame with none (to catch misses). */
export const AUDIT_ITEM_KINDS = ['crossing', 'no_crossing'] as const;
export type AuditItemKind = (typeof AUDIT_ITEM_KINDS)[number];

/** Where onnxruntime runs a model. */
export const EXECUTION_PROVIDERS = ['cpu', 'cuda'] as const;
export type ExecutionProviderName = (typeof EXECUTION_PROVIDERS)[number];

/** Bucket sizes of the counts summary. */
export const BUCKET_SIZES = ['hour', 'day'] as const;
export type BucketSize = (typeof BUCKET_SIZES)[number];

/**
 * The list each CHECK (column IN (...)) constraint of the schema allows, by `table.column`
 * (order does not matter to a CHECK). Every such CHECK with text values has an entry here.
 */
export const SCHEMA_ENUMS = {
  'users.role': USER_ROLES,
  'ai_models.model_type': MODEL_TYPES,
  'ai_models.deployment_status': MODEL_DEPLOYMENT_STATUSES,
  'model_versions.deployment_environment': DEPLOYMENT_ENVIRONMENTS,
  'model_training_history.training_status': TRAINING_STATUSES,
  'model_version_control.review_status': REVIEW_STATUSES,
  'model_branches.branch_status': BRANCH_STATUSES,
  'model_deployment_pipeline.stage_status': PIPELINE_STATUSES,
  'model_deployment_pipeline.pipeline_status': PIPELINE_STATUSES,
  'model_inference_results.result_validation_status': RESULT_VALIDATION_STATUSES,
  'tracking_results.tracking_status': TRACKING_STATUSES,
  'counting_results.event_type': COUNTING_EVENT_TYPES,
  'counting_results.direction': COUNTING_DIRECTIONS,
  'model_drift_metrics.drift_type': DRIFT_TYPES,
  'model_drift_metrics.drift_severity': DRIFT_SEVERITIES,
  'model_comparison_metrics.comparison_status': COMPARISON_STATUSES,
  'ab_testing_experiments.traffic_split_method': TRAFFIC_SPLIT_METHODS,
  'ab_testing_experiments.experiment_status': EXPERIMENT_STATUSES,
  'ab_testing_assignments.assigned_group': EXPERIMENT_GROUPS,
  'ab_testing_results.group_name': EXPERIMENT_GROUPS,
  'ab_testing_conclusions.recommendation': RECOMMENDATIONS,
  'ab_testing_conclusions.risk_assessment': RISK_ASSESSMENTS,
  'ab_testing_conclusions.deployment_strategy': DEPLOYMENT_STRATEGIES,
  'ab_experiment_designs.mode': EXPERIMENT_MODES,
  'model_performance_metrics.execution_provider': EXECUTION_PROVIDERS,
  'audit_items.kind': AUDIT_ITEM_KINDS,
  'audit_items.direction': CROSSING_DIRECTIONS,
  'audit_items.answer': AUDIT_ANSWERS,
  'ab_experiment_designs.split': EXPERIMENT_SPLITS,
  'ab_experiment_designs.success_metric': SUCCESS_METRICS,
  'ab_interval_metrics.arm': EXPERIMENT_GROUPS,
  'cameras.source_kind': CAMERA_SOURCE_KINDS,
  'camera_health_samples.state': CAMERA_STATES,
  'retention_runs.status': RETENTION_RUN_STATUSES,
  'camera_model_deployments.model_type': MODEL_TYPES,
  'camera_model_deployments.role': DEPLOYMENT_ROLES,
  'model_deployment_events.event_type': DEPLOYMENT_EVENT_TYPES,
  'model_deployment_events.model_type': MODEL_TYPES,
  'model_deployment_events.stage': PIPELINE_STAGES,
  'user_sessions.transport': SESSION_TRANSPORTS,
  'audit_log.outcome': AUDIT_OUTCOMES,
} as const satisfies Record<`${string}.${string}`, readonly string[]>;

export type SchemaEnumKey = keyof typeof SCHEMA_ENUMS;

/** Whether `value` is one of `list` (narrows it to the list's type). */
export function isOneOf<const L extends readonly string[]>(list: L, value: unknown): value is L[number] {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
