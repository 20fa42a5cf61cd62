import type { JsonValue } from '../json-column';
import type {
  DeploymentStrategy,
  ExperimentGroup,
  ExperimentStatus,
  Recommendation,
  RiskAssessment,
  TrafficSplitMethod,
} from '../../../shared/enums';
import { col, TableMapper } from '../table-mapper';
import type { NewRow } from '../table-store';

// DTOs and row mappings of the four A/B testing tables (the repository is ab-experiments-repository).

export interface Experiment {
  id: number;
  experimentId: string;
  experimentName: string;
  baselineModelId: string | null;
  challengerModelId: string | null;
  /** Percent of traffic sent to the challenger. */
  trafficSplitPercent: number | null;
  trafficSplitMethod: TrafficSplitMethod | null;
  experimentDurationDays: number | null;
  minimumSampleSize: number | null;
  confidenceLevel: number | null;
  experimentStatus: ExperimentStatus | null;
  startDate: string | null;
  endDate: string | null;
  successMetrics: JsonValue | null;
  successThresholds: JsonValue | null;
  createdAt: string;
  updatedAt: string;
}

export interface Assignment {
  id: number;
  experimentId: string | null;
  userId: number | null;
  sessionId: string | null;
  assignedModelId: string | null;
  assignedGroup: ExperimentGroup;
  assignmentTimestamp: string;
  assignmentReason: string | null;
  assignmentConfidence: number | null;
  createdAt: string;
}

export interface AbResult {
  id: number;
  experimentId: string | null;
  resultTimestamp: string;
  groupName: ExperimentGroup;
  sampleSize: number | null;
  accuracyScore: number | null;
  precisionScore: number | null;
  recallScore: number | null;
  f1Score: number | null;
  conversionRate: number | null;
  revenuePerUser: number | null;
  costPerUser: number | null;
  isStatisticallySignificant: boolean | null;
  pValue: number | null;
  confidenceInterval: JsonValue | null;
  createdAt: string;
}

export interface Conclusion {
  id: number;
  experimentId: string | null;
  winnerModelId: string | null;
  conclusionReason: string | null;
  recommendation: Recommendation | null;
  expectedImprovementPercent: number | null;
  confidenceLevel: number | null;
  riskAssessment: RiskAssessment | null;
  deploymentStrategy: DeploymentStrategy | null;
  deploymentTimelineDays: number | null;
  reviewedBy: number | null;
  reviewedAt: string | null;
  reviewNotes: string | null;
  createdAt: string;
}

export type NewExperiment = NewRow<Experiment, 'experimentId' | 'experimentName' | 'baselineModelId' | 'challengerModelId', 'id' | 'updatedAt'>;
export type ExperimentPatch = Partial<Omit<Experiment, 'id' | 'experimentId' | 'createdAt' | 'updatedAt'>>;
export type NewAssignment = NewRow<Assignment, 'experimentId' | 'assignedGroup', 'id'>;
export type NewAbResult = NewRow<AbResult, 'experimentId' | 'groupName', 'id'>;
export type NewConclusion = NewRow<Conclusion, 'experimentId', 'id'>;

export const experimentMapper = new TableMapper<Experiment>('ab_testing_experiments', {
  id: col.integer('id'),
  experimentId: col.text('experiment_id'),
  experimentName: col.text('experiment_name'),
  baselineModelId: col.text('baseline_model_id'),
  challengerModelId: col.text('challenger_model_id'),
  trafficSplitPercent: col.integer('traffic_split_percent'),
  trafficSplitMethod: col.text('traffic_split_method'),
  experimentDurationDays: col.integer('experiment_duration_days'),
  minimumSampleSize: col.integer('minimum_sample_size'),
  confidenceLevel: col.real('confidence_level'),
  experimentStatus: col.text('experiment_status'),
  startDate: col.text('start_date'),
  endDate: col.text('end_date'),
  successMetrics: col.json('success_metrics'),
  successThresholds: col.json('success_thresholds'),
  createdAt: col.text('created_at'),
  updatedAt: col.text('updated_at'),
});

export const assignmentMapper = new TableMapper<Assignment>('ab_testing_assignments', {
  id: col.integer('id'),
  experimentId: col.text('experiment_id'),
  userId: col.integer('user_id'),
  sessionId: col.text('session_id'),
  assignedModelId: col.text('assigned_model_id'),
  assignedGroup: col.text('assigned_group'),
  assignmentTimestamp: col.text('assignment_timestamp'),
  assignmentReason: col.text('assignment_reason'),
  assignmentConfidence: col.real('assignment_confidence'),
  createdAt: col.text('created_at'),
});

export const abResultMapper = new TableMapper<AbResult>('ab_testing_results', {
  id: col.integer('id'),
  experimentId: col.text('experiment_id'),
  resultTimestamp: col.text('result_timestamp'),
  groupName: col.text('group_name'),
  sampleSize: col.integer('sample_size'),
  accuracyScore: col.real('accuracy_score'),
  precisionScore: col.real('precision_score'),
  recallScore: col.real('recall_score'),
  f1Score: col.real('f1_score'),
  conversionRate: col.real('conversion_rate'),
  revenuePerUser: col.real('revenue_per_user'),
  costPerUser: col.real('cost_per_user'),
  isStatisticallySignificant: col.boolean('is_statistically_significant'),
  pValue: col.real('p_value'),
  confidenceInterval: col.json('confidence_interval'),
  createdAt: col.text('created_at'),
});

export const conclusionMapper = new TableMapper<Conclusion>('ab_testing_conclusions', {
  id: col.integer('id'),
  experimentId: col.text('experiment_id'),
  winnerModelId: col.text('winner_model_id'),
  conclusionReason: col.text('conclusion_reason'),
  recommendation: col.text('recommendation'),
  expectedImprovementPercent: col.real('expected_improvement_percent'),
  confidenceLevel: col.real('confidence_level'),
  riskAssessment: col.text('risk_assessment'),
  deploymentStrategy: col.text('deployment_strategy'),
  deploymentTimelineDays: col.integer('deployment_timeline_days'),
  reviewedBy: col.integer('reviewed_by'),
  reviewedAt: col.text('reviewed_at'),
  reviewNotes: col.text('review_notes'),
  createdAt: col.text('created_at'),
});
