import type { SqliteDatabase } from '../open-database';
import { AbExperimentsRepository } from './ab-experiments-repository';
import { AiModelsRepository } from './ai-models-repository';
import { CamerasRepository } from './cameras-repository';
import { ComparisonMetricsRepository } from './comparison-metrics-repository';
import { CountingLinesRepository } from './counting-lines-repository';
import { CountingResultsRepository } from './counting-results-repository';
import { CountingZonesRepository } from './counting-zones-repository';
import { DeploymentPipelineRepository } from './deployment-pipeline-repository';
import { DriftMetricsRepository } from './drift-metrics-repository';
import { HealthSamplesRepository } from './health-samples-repository';
import { InferenceResultsRepository } from './inference-results-repository';
import { ModelDeploymentsRepository } from './model-deployments-repository';
import { ModelVersionsRepository } from './model-versions-repository';
import { PerformanceMetricsRepository } from './performance-metrics-repository';
import { SettingsRepository } from './settings-repository';
import { TrainingHistoryRepository } from './training-history-repository';
import { UsersRepository } from './users-repository';
import { VersionControlRepository } from './version-control-repository';

export * from './ab-experiments-repository';
export * from './ai-models-repository';
export * from './cameras-repository';
export * from './comparison-metrics-repository';
export * from './counting-lines-repository';
export * from './counting-results-repository';
export * from './counting-zones-repository';
export * from './deployment-pipeline-repository';
export * from './drift-metrics-repository';
export * from './health-samples-repository';
export * from './inference-results-repository';
export * from './model-deployments-repository';
export * from './model-versions-repository';
export * from './performance-metrics-repository';
export * from './settings-repository';
export * from './training-history-repository';
export * from './users-repository';
export * from './version-control-repository';

/** Every repository over one connection; each prepares its statements once, here. */
export class Repositories {
  readonly users: UsersRepository;
  readonly aiModels: AiModelsRepository;
  readonly modelVersions: ModelVersionsRepository;
  readonly trainingHistory: TrainingHistoryRepository;
  readonly versionControl: VersionControlRepository;
  readonly deploymentPipeline: DeploymentPipelineRepository;
  readonly inferenceResults: InferenceResultsRepository;
  readonly countingResults: CountingResultsRepository;
  readonly performanceMetrics: PerformanceMetricsRepository;
  readonly driftMetrics: DriftMetricsRepository;
  readonly comparisonMetrics: ComparisonMetricsRepository;
  readonly abExperiments: AbExperimentsRepository;
  readonly cameras: CamerasRepository;
  readonly countingLines: CountingLinesRepository;
  readonly countingZones: CountingZonesRepository;
  readonly healthSamples: HealthSamplesRepository;
  readonly settings: SettingsRepository;
  readonly modelDeployments: ModelDeploymentsRepository;

  constructor(readonly db: SqliteDatabase) {
    this.users = new UsersRepository(db);
    this.aiModels = new AiModelsRepository(db);
    this.modelVersions = new ModelVersionsRepository(db);
    this.trainingHistory = new TrainingHistoryRepository(db);
    this.versionControl = new VersionControlRepository(db);
    this.deploymentPipeline = new DeploymentPipelineRepository(db);
    this.inferenceResults = new InferenceResultsRepository(db);
    this.countingResults = new CountingResultsRepository(db);
    this.performanceMetrics = new PerformanceMetricsRepository(db);
    this.driftMetrics = new DriftMetricsRepository(db);
    this.comparisonMetrics = new ComparisonMetricsRepository(db);
    this.abExperiments = new AbExperimentsRepository(db);
    this.cameras = new CamerasRepository(db);
    this.countingLines = new CountingLinesRepository(db);
    this.countingZones = new CountingZonesRepository(db);
    this.healthSamples = new HealthSamplesRepository(db);
    this.settings = new SettingsRepository(db);
    this.modelDeployments = new ModelDeploymentsRepository(db);
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

const perConnection = new WeakMap<SqliteDatabase, Repositories>();

/**
 * The repositories of one connection, built (and their statements prepared) on the first call and
 * reused after. Needs a migrated database: statements are prepared against the current schema.
 */
export function repositoriesFor(db: SqliteDatabase): Repositories {
  let repos = perConnection.get(db);
  if (!repos) {
    repos = new Repositories(db);
    perConnection.set(db, repos);
  }
  return repos;
}

/** The same as repositoriesFor: one Repositories per connection. */
export function createRepositories(db: SqliteDatabase): Repositories {
  return repositoriesFor(db);
}
