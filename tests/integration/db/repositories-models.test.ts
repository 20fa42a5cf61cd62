import { beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import { migratedDb, thrownBy } from './db-test-helpers';

const LONG_AGO = '2000-01-01T00:00:00.000Z';

let db: SqliteDatabase;
let repos: Repositories;

beforeEach(() => {
  db = migratedDb().db;
  repos = createRepositories(db);
});

/** Makes the trigger's effect visible within the same millisecond. */
function backdate(table: string, where: string): void {
  db.prepare(`UPDATE ${table} SET updated_at = ? WHERE ${where}`).run(LONG_AGO);
}

function seedModel(modelId = 'yolov8n') {
  return repos.aiModels.create({
    modelId,
    modelName: 'YOLOv8n (COCO)',
    modelType: 'detection',
    modelFramework: 'onnx',
    modelFormat: 'onnx',
    modelConfig: { input: { name: 'images', shape: [1, 3, 640, 640] }, output: 'output0', classes: { person: 0 } },
    modelParameters: 3_151_904,
    modelSizeMb: 12.3,
    f1Score: 61.5,
    modelPath: 'resources/models/yolov8n.onnx',
    modelChecksum: '9697a185dd8eb7448aea4c979e10db2b4977f70a46687890ef796936c44a848b',
    licence: 'AGPL-3.0',
  });
}

describe('users', () => {
  it('round-trips, finds by username, updates updated_at', () => {
    const user = repos.users.create({ username: 'maria', displayName: 'Maria K.', email: 'maria@example.com', role: 'technician' });
    expect(user).toMatchObject({ username: 'maria', role: 'technician', displayName: 'Maria K.' });
    expect(repos.users.create({ username: 'viewer1' }).role).toBe('viewer');
    expect(repos.users.getByUsername('maria')).toEqual(user);
    backdate('users', `id = ${user.id}`);
    const updated = repos.users.update(user.id, { role: 'admin' });
    expect(updated.role).toBe('admin');
    expect(updated.updatedAt > LONG_AGO).toBe(true);
    expect(updated.createdAt).toBe(user.createdAt);
    expect(repos.users.list().map((u) => u.username)).toEqual(['maria', 'viewer1']);
    expect(repos.users.delete(user.id)).toBe(true);
    expect(repos.users.get(user.id)).toBeUndefined();
  });
});

describe('ai models', () => {
  it('round-trips with defaults, JSON config and booleans', () => {
    const model = seedModel();
    expect(model).toMatchObject({
      modelVersion: '1.0.0', isActive: true, isProduction: false, deploymentStatus: 'development', licence: 'AGPL-3.0',
      modelConfig: { input: { name: 'images', shape: [1, 3, 640, 640] }, output: 'output0', classes: { person: 0 } },
    });
    expect(model.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(repos.aiModels.get('yolov8n')).toEqual(model);
  });

  it('filters by type, active and production', () => {
    seedModel('a');
    seedModel('b');
    repos.aiModels.update('b', { isProduction: true, deploymentStatus: 'production' });
    repos.aiModels.create({ modelId: 'c', modelName: 'Classifier', modelType: 'classification', isActive: false });
    expect(repos.aiModels.list({ productionOnly: true }).map((m) => m.modelId)).toEqual(['b']);
    expect(repos.aiModels.list({ activeOnly: true }).map((m) => m.modelId).sort()).toEqual(['a', 'b']);
    expect(repos.aiModels.list({ modelType: 'classification' }).map((m) => m.modelId)).toEqual(['c']);
    expect(repos.aiModels.list()).toHaveLength(3);
  });

  it('update merges the patch, keeps unspecified fields, clears with null, touches updated_at', () => {
    seedModel();
    backdate('ai_models', "model_id = 'yolov8n'");
    const updated = repos.aiModels.update('yolov8n', { modelDescription: 'people detector', modelSizeMb: null });
    expect(updated).toMatchObject({ modelDescription: 'people detector', modelSizeMb: null, f1Score: 61.5, licence: 'AGPL-3.0' });
    expect(updated.updatedAt > LONG_AGO).toBe(true);
    expect(thrownBy(() => repos.aiModels.update('missing', { modelName: 'x' })).code).toBe('NOT_FOUND');
  });

  it('rejects JSON that would not survive a round trip', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const modelConfig of [{ when: new Date() }, { score: Number.POSITIVE_INFINITY }, circular, { list: [1, undefined] }]) {
      const err = thrownBy(() =>
        repos.aiModels.create({ modelId: 'bad', modelName: 'Bad', modelType: 'detection', modelConfig: modelConfig as never }),
      );
      expect(err.code).toBe('INVALID_JSON');
      expect(err.message).toContain('ai_models.model_config');
    }
    expect(repos.aiModels.get('bad')).toBeUndefined();
  });

  it('a corrupt JSON value in the file is an error on the way out, not a silent null', () => {
    seedModel();
    db.pragma('ignore_check_constraints = ON');
    db.prepare("UPDATE ai_models SET model_config = '{oops' WHERE model_id = 'yolov8n'").run();
    db.pragma('ignore_check_constraints = OFF');
    expect(thrownBy(() => repos.aiModels.get('yolov8n')).code).toBe('INVALID_JSON');
  });
});

describe('model versions, training history, version control, deployment pipeline', () => {
  beforeEach(() => {
    seedModel();
  });

  it('model versions: unique per model, newest first, markDeployed', () => {
    const v1 = repos.modelVersions.create({
      modelId: 'yolov8n', versionNumber: '1.0.0', trainingMetrics: { mAP50: 0.52, epochs: 100 }, validationF1: 61.5, modelFileSizeMb: 12.3,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    const v2 = repos.modelVersions.create({ modelId: 'yolov8n', versionNumber: '1.1.0', versionChanges: 'fine-tuned on shop entrances' });
    expect(v1.deploymentStatus).toBe('not_deployed');
    expect(repos.modelVersions.find('yolov8n', '1.0.0')).toEqual(v1);
    expect(repos.modelVersions.listForModel('yolov8n').map((v) => v.versionNumber)).toEqual(['1.1.0', '1.0.0']);
    expect(thrownBy(() => repos.modelVersions.create({ modelId: 'yolov8n', versionNumber: '1.0.0' })).message).toMatch(/UNIQUE/);
    backdate('model_versions', `id = ${v2.id}`);
    const deployed = repos.modelVersions.markDeployed(v2.id, 'production', '2025-05-01T03:00:00.000Z');
    expect(deployed).toMatchObject({ deploymentEnvironment: 'production', deploymentStatus: 'deployed', deploymentTimestamp: '2025-05-01T03:00:00.000Z' });
    expect(deployed.updatedAt > LONG_AGO).toBe(true);
  });

  it('training history: create, progress, complete', () => {
    const run = repos.trainingHistory.create({
      modelId: 'yolov8n', trainingRunId: 'run-1', trainingConfig: { lr: 0.01, optimizer: 'SGD' }, datasetConfig: { train: 'shop/train', val: 'shop/val' }, totalEpochs: 50,
    });
    expect(run).toMatchObject({ trainingStatus: 'running', trainingConfig: { lr: 0.01, optimizer: 'SGD' } });
    const done = repos.trainingHistory.update('run-1', { epochsCompleted: 50, trainingStatus: 'completed', validationAccuracy: 88.4, completedAt: '2025-05-02T00:00:00.000Z' });
    expect(done).toMatchObject({ epochsCompleted: 50, trainingStatus: 'completed', validationAccuracy: 88.4, totalEpochs: 50 });
    expect(repos.trainingHistory.listForModel('yolov8n')).toEqual([done]);
  });

  it('version control: commits with review, branches with merge', () => {
    const reviewer = repos.users.create({ username: 'lead', role: 'admin' });
    const commit = repos.versionControl.recordCommit({
      modelId: 'yolov8n', versionNumber: '1.1.0', parentVersion: '1.0.0', branchName: 'feature/night', commitHash: 'abc123',
      changesDetails: { files: ['model.onnx'], reason: 'night footage' }, filesChanged: 1, linesAdded: 0, linesDeleted: 0,
    });
    expect(commit.reviewStatus).toBe('pending');
    const reviewed = repos.versionControl.review(commit.id, { status: 'approved', reviewedBy: reviewer.id, notes: 'ok', at: '2025-05-03T10:00:00.000Z' });
    expect(reviewed).toMatchObject({ reviewStatus: 'approved', reviewedBy: reviewer.id, reviewNotes: 'ok', reviewedAt: '2025-05-03T10:00:00.000Z' });
    expect(repos.versionControl.listCommits('yolov8n')).toEqual([reviewed]);

    repos.versionControl.createBranch({ branchName: 'main', baseVersion: '1.0.0' });
    repos.versionControl.createBranch({ branchName: 'feature/night', baseVersion: '1.0.0', branchPurpose: 'experiment', createdBy: reviewer.id });
    const merged = repos.versionControl.mergeBranch('feature/night', 'main', '2025-05-04T10:00:00.000Z');
    expect(merged).toMatchObject({ branchStatus: 'merged', mergedTo: 'main', mergedAt: '2025-05-04T10:00:00.000Z' });
    expect(repos.versionControl.listBranches('active').map((b) => b.branchName)).toEqual(['main']);
    expect(thrownBy(() => repos.versionControl.mergeBranch('main', 'nowhere')).message).toMatch(/FOREIGN KEY/);
  });

  it('deployment pipeline: stages array validated, status progression, updated_at', () => {
    const pipeline = repos.deploymentPipeline.create({
      pipelineId: 'p-1', modelId: 'yolov8n', versionNumber: '1.1.0', pipelineStages: ['validate', 'canary', 'rollout'],
      deploymentConfig: { canaryCameras: ['door'] },
    });
    expect(pipeline).toMatchObject({ stageStatus: 'pending', pipelineStatus: 'pending', canRollback: true, pipelineStages: ['validate', 'canary', 'rollout'] });
    expect(repos.deploymentPipeline.listUnfinished().map((p) => p.pipelineId)).toEqual(['p-1']);
    backdate('model_deployment_pipeline', "pipeline_id = 'p-1'");
    const done = repos.deploymentPipeline.update('p-1', { currentStage: 'rollout', stageStatus: 'completed', pipelineStatus: 'completed' });
    expect(done.updatedAt > LONG_AGO).toBe(true);
    expect(repos.deploymentPipeline.listUnfinished()).toEqual([]);
    expect(thrownBy(() => repos.deploymentPipeline.update('p-1', { pipelineStages: { not: 'an array' } as never })).code).toBe('INVALID_JSON');
  });
});

describe('metrics', () => {
  beforeEach(() => {
    seedModel();
    seedModel('yolov8s');
  });

  it('performance metrics: time series newest first, latest, range', () => {
    for (const [at, f1] of [['2025-05-01T00:00:00.000Z', 60], ['2025-05-02T00:00:00.000Z', 62], ['2025-05-03T00:00:00.000Z', 63]] as const) {
      repos.performanceMetrics.record({ modelId: 'yolov8n', modelVersion: '1.0.0', metricTimestamp: at, f1Score: f1, inferenceLatencyMs: 18, throughputFps: 55.5, roiPercentage: -12.5 });
    }
    expect(repos.performanceMetrics.listForModel('yolov8n').map((m) => m.f1Score)).toEqual([63, 62, 60]);
    expect(repos.performanceMetrics.latest('yolov8n')).toMatchObject({ f1Score: 63, roiPercentage: -12.5 });
    expect(repos.performanceMetrics.listForModel('yolov8n', { from: '2025-05-02T00:00:00Z', to: '2025-05-03T00:00:00+00:00' }).map((m) => m.f1Score)).toEqual([62]);
    expect(repos.performanceMetrics.recent(2)).toHaveLength(2);
  });

  it('drift metrics: pending alerts at or above threshold, markAlerted', () => {
    const high = repos.driftMetrics.record({ modelId: 'yolov8n', dataDriftScore: 0.85, driftType: 'covariate', driftSeverity: 'high', driftFeatures: ['brightness'] });
    repos.driftMetrics.record({ modelId: 'yolov8n', dataDriftScore: 0.2, driftSeverity: 'low' });
    expect(high).toMatchObject({ isAlerted: false, alertThreshold: 0.8, driftFeatures: ['brightness'] });
    expect(repos.driftMetrics.listPendingAlerts().map((d) => d.id)).toEqual([high.id]);
    expect(repos.driftMetrics.markAlerted(high.id).isAlerted).toBe(true);
    expect(repos.driftMetrics.listPendingAlerts()).toEqual([]);
    expect(repos.driftMetrics.listForModel('yolov8n')).toHaveLength(2);
  });

  it('comparison metrics: negative improvements allowed, completion', () => {
    const cmp = repos.comparisonMetrics.create({
      comparisonId: 'cmp-1', baselineModelId: 'yolov8n', challengerModelId: 'yolov8s', f1Improvement: -2.5, latencyImprovementPercent: -150, confidenceInterval: { low: -4.1, high: -0.9 },
    });
    expect(cmp).toMatchObject({ comparisonStatus: 'running', f1Improvement: -2.5, confidenceInterval: { low: -4.1, high: -0.9 } });
    const done = repos.comparisonMetrics.update('cmp-1', { comparisonStatus: 'completed', winnerModelId: 'yolov8n', isStatisticallySignificant: true, pValue: 0.01, completedAt: '2025-05-05T00:00:00.000Z' });
    expect(done).toMatchObject({ winnerModelId: 'yolov8n', isStatisticallySignificant: true, pValue: 0.01 });
    expect(repos.comparisonMetrics.listForModel('yolov8s')).toEqual([done]);
  });
});

describe('A/B experiments', () => {
  it('experiment lifecycle with assignments, results and a conclusion', () => {
    seedModel('yolov8n');
    seedModel('yolov8s');
    const operator = repos.users.create({ username: 'op', role: 'operator' });
    const exp = repos.abExperiments.createExperiment({
      experimentId: 'exp-1', experimentName: 'n vs s', baselineModelId: 'yolov8n', challengerModelId: 'yolov8s', successMetrics: ['f1', 'latency'], successThresholds: { f1: 1 },
    });
    expect(exp).toMatchObject({ trafficSplitPercent: 50, trafficSplitMethod: 'random', experimentDurationDays: 7, minimumSampleSize: 1000, confidenceLevel: 0.95, experimentStatus: 'draft' });
    backdate('ab_testing_experiments', "experiment_id = 'exp-1'");
    const running = repos.abExperiments.updateExperiment('exp-1', { experimentStatus: 'running', startDate: '2025-05-01T00:00:00.000Z' });
    expect(running.updatedAt > LONG_AGO).toBe(true);
    expect(repos.abExperiments.listExperiments('running').map((e) => e.experimentId)).toEqual(['exp-1']);

    repos.abExperiments.assign({ experimentId: 'exp-1', userId: operator.id, sessionId: 'door', assignedModelId: 'yolov8n', assignedGroup: 'baseline', assignmentReason: 'user_id_hash' });
    repos.abExperiments.assign({ experimentId: 'exp-1', sessionId: 'till', assignedModelId: 'yolov8s', assignedGroup: 'challenger' });
    repos.abExperiments.assign({ experimentId: 'exp-1', sessionId: 'back', assignedModelId: 'yolov8s', assignedGroup: 'challenger' });
    expect(repos.abExperiments.countAssignments('exp-1')).toEqual({ baseline: 1, challenger: 2 });
    expect(repos.abExperiments.listAssignments('exp-1')).toHaveLength(3);

    repos.abExperiments.recordResult({ experimentId: 'exp-1', groupName: 'baseline', sampleSize: 1200, f1Score: 61, pValue: 0.03, isStatisticallySignificant: true, confidenceInterval: [0.5, 2.1] });
    repos.abExperiments.recordResult({ experimentId: 'exp-1', groupName: 'challenger', sampleSize: 1180, f1Score: 63 });
    expect(repos.abExperiments.listResults('exp-1', 'challenger').map((r) => r.f1Score)).toEqual([63]);
    expect(repos.abExperiments.listResults('exp-1')[0]).toMatchObject({ isStatisticallySignificant: true, confidenceInterval: [0.5, 2.1] });

    const conclusion = repos.abExperiments.conclude({
      experimentId: 'exp-1', winnerModelId: 'yolov8s', recommendation: 'deploy_challenger', expectedImprovementPercent: 3.3, confidenceLevel: 0.95, riskAssessment: 'low', deploymentStrategy: 'canary', deploymentTimelineDays: 3, reviewedBy: operator.id,
    });
    expect(repos.abExperiments.listConclusions('exp-1')).toEqual([conclusion]);
    expect(thrownBy(() => repos.abExperiments.assign({ experimentId: 'exp-1', assignedGroup: 'control' as never })).message).toMatch(/CHECK constraint failed: .*assigned_group/);
  });
});
