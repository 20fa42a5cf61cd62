import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import { ModelDeploymentsRepository } from '../../../src/engine/db/repositories/model-deployments-repository';
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION, ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { resolveDeployedModel } from '../../../src/engine/registry/model-loader';
import { MODEL_PATH, openTestRegistry, requireAssets, SAMPLE_IMAGE, VTEST, withExtraMetadata, type TestRegistry } from './registry-helpers';

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE, VTEST));

const STAGES = ['validate', 'benchmark', 'shadow', 'canary', 'production'];

async function setup(): Promise<{ t: TestRegistry; repos: Repositories; deployments: ModelDeploymentsRepository }> {
  const t = openTestRegistry();
  const repos = createRepositories(t.db);
  await ensureDefaultModel(t.db, MODEL_PATH);
  repos.cameras.create({ cameraId: 'entrance', name: 'Entrance', sourceKind: 'file', url: VTEST });
  repos.cameras.create({ cameraId: 'till', name: 'Till', sourceKind: 'file', url: VTEST });
  return { t, repos, deployments: new ModelDeploymentsRepository(t.db) };
}

async function importVariant(t: TestRegistry, modelId: string, version: string, tag: string): Promise<void> {
  const file = join(t.dir, `${tag}.onnx`);
  writeFileSync(file, withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', tag));
  await t.registry.importModel({ path: file, modelId, version, changelog: `variant ${tag}` });
}

/** The one invariant: at most one production version per model type per scope (camera or all). */
function productionPerScope(t: TestRegistry): Array<{ scope: string; n: number }> {
  return t.db
    .prepare("SELECT ifnull(camera_id, '*') AS scope, model_type, count(*) AS n FROM camera_model_deployments WHERE role = 'production' GROUP BY 1, 2")
    .all() as Array<{ scope: string; n: number }>;
}

describe('first start', () => {
  it('registers the bundled default model, approved and in production for every camera', async () => {
    const { t, repos, deployments } = await setup();
    expect(resolveDeployedModel(t.db, 'entrance')).toMatchObject({ modelId: DEFAULT_MODEL_ID, versionNumber: DEFAULT_MODEL_VERSION, role: 'production', cameraId: null });
    expect(repos.aiModels.require(DEFAULT_MODEL_ID)).toMatchObject({ isProduction: true, deploymentStatus: 'production', modelFramework: 'pytorch', licence: expect.stringMatching(/^AGPL-3.0/) });
    expect(repos.modelVersions.find(DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION)).toMatchObject({ deploymentStatus: 'deployed', deploymentEnvironment: 'production' });
    expect(repos.versionControl.listCommits(DEFAULT_MODEL_ID)[0]).toMatchObject({ reviewStatus: 'approved' });
    expect(deployments.recentEvents()).toMatchObject([{ eventType: 'promoted', cameraId: null, modelId: DEFAULT_MODEL_ID, reason: expect.stringMatching(/first start/) }]);
    // A second start changes nothing.
    await ensureDefaultModel(t.db, MODEL_PATH);
    expect(deployments.recentEvents()).toHaveLength(1);
    expect(productionPerScope(t)).toEqual([{ scope: '*', model_type: 'detection', n: 1 }]);
  });
});

describe('deployment pipeline', () => {
  it('promotes through validate → benchmark → shadow → canary → production, then rolls back; the rows tell the story in order', async () => {
    const { t, repos, deployments } = await setup();
    await importVariant(t, 'entrance-person', '1.0.0', 'entrance');

    // Not reviewed yet: refused before any pipeline row exists.
    await expect(t.registry.promote({ modelId: 'entrance-person', version: '1.0.0' })).rejects.toMatchObject({ code: 'REVIEW_REQUIRED' });
    expect(repos.deploymentPipeline.listForModel('entrance-person')).toEqual([]);
    t.registry.review({ modelId: 'entrance-person', version: '1.0.0', decision: 'approved', reviewer: 'lan', notes: 'checked on entrance footage' });

    // First call stops after shadow; the pipeline waits there, production untouched.
    const partial = await t.registry.promote({ modelId: 'entrance-person', version: '1.0.0', through: 'shadow', benchmarkRuns: 2, requestedBy: 'lan' });
    expect(partial.failed).toBeNull();
    expect(partial.pipeline).toMatchObject({ currentStage: 'shadow', stageStatus: 'completed', pipelineStatus: 'running', cameraId: null });
    expect(partial.pipeline.stages.map((s) => s.status)).toEqual(['completed', 'completed', 'completed', 'pending', 'pending']);
    expect(partial.pipeline.stages[2]!.details).toMatchObject({ baseline: { modelId: DEFAULT_MODEL_ID, version: '8.0.0' }, agreement: 1 });
    expect(repos.modelVersions.find('entrance-person', '1.0.0')).toMatchObject({ deploymentStatus: 'shadow', deploymentEnvironment: 'staging' });
    expect(repos.aiModels.require('entrance-person')).toMatchObject({ isProduction: false, deploymentStatus: 'testing' });
    expect(resolveDeployedModel(t.db, null)).toMatchObject({ modelId: DEFAULT_MODEL_ID });

    // Second call continues the same pipeline through canary (on 'till') to production. The canary
    // waits 30 guarded minutes by default (canary-guard.test.ts); here a 0-minute one is asked for.
    const done = await t.registry.promote({ modelId: 'entrance-person', version: '1.0.0', canaryCameraId: 'till', canaryMinutes: 0 });
    const p = done.pipeline;
    expect(p.pipelineId).toBe(partial.pipeline.pipelineId);
    expect(p).toMatchObject({ currentStage: 'production', stageStatus: 'completed', pipelineStatus: 'completed', canRollback: true, rollbackVersion: '8.0.0' });
    expect(p.stages.map((s) => [s.stage, s.status])).toEqual(STAGES.map((s) => [s, 'completed']));
    // Each stage has its own start and end, in order.
    const times = p.stages.flatMap((s) => [s.startedAt!, s.completedAt!]);
    expect([...times].sort()).toEqual(times);
    expect(p.startedAt).toBe(p.stages[0]!.startedAt);
    expect(p.completedAt).toBe(p.stages[4]!.completedAt);
    expect(p.stages[0]!.details).toMatchObject({ review: { status: 'approved' }, outputShape: [1, 84, 8400], sampleFrame: SAMPLE_IMAGE });
    expect(p.stages[1]!.details).toMatchObject({ runs: 2, latencyMsMean: expect.any(Number), throughputFps: expect.any(Number) });
    expect(p.stages[3]!.details).toMatchObject({ cameraId: 'till' });
    expect(done.deployment).toMatchObject({ cameraId: null, role: 'production', modelId: 'entrance-person', versionNumber: '1.0.0', pipelineId: p.pipelineId });
    const benchmark = repos.performanceMetrics.latest('entrance-person')!;
    expect(benchmark).toMatchObject({ modelVersion: '1.0.0', inferenceLatencyMs: expect.any(Number), throughputFps: expect.any(Number) });

    // Exactly one production version for every camera; the flags follow.
    expect(productionPerScope(t)).toEqual([{ scope: '*', model_type: 'detection', n: 1 }]);
    expect(repos.aiModels.require('entrance-person')).toMatchObject({ isProduction: true, deploymentStatus: 'production', modelVersion: '1.0.0' });
    expect(repos.aiModels.require(DEFAULT_MODEL_ID)).toMatchObject({ isProduction: false, deploymentStatus: 'development' });
    expect(repos.modelVersions.find('entrance-person', '1.0.0')).toMatchObject({ deploymentStatus: 'deployed', deploymentEnvironment: 'production' });
    expect(repos.modelVersions.find(DEFAULT_MODEL_ID, '8.0.0')).toMatchObject({ deploymentStatus: 'not_deployed', deploymentEnvironment: null });
    expect(deployments.list().filter((d) => d.role === 'canary')).toEqual([]);
    expect(resolveDeployedModel(t.db, 'till')).toMatchObject({ modelId: 'entrance-person', role: 'production' });

    // Roll back with a reason.
    const back = await t.registry.rollback({ reason: 'counts dropped at the entrance after the update', requestedBy: 'lan' });
    expect(back).toMatchObject({ cameraId: null, from: { modelId: 'entrance-person', versionNumber: '1.0.0' }, to: { modelId: DEFAULT_MODEL_ID, versionNumber: '8.0.0' } });
    expect(resolveDeployedModel(t.db, 'entrance')).toMatchObject({ modelId: DEFAULT_MODEL_ID, versionNumber: '8.0.0' });
    expect(repos.deploymentPipeline.get(p.pipelineId)).toMatchObject({
      pipelineStatus: 'completed',
      canRollback: false,
      rollbackVersion: '8.0.0',
      rollbackReason: 'counts dropped at the entrance after the update',
    });
    expect(repos.aiModels.require('entrance-person')).toMatchObject({ isProduction: false });
    expect(repos.aiModels.require(DEFAULT_MODEL_ID)).toMatchObject({ isProduction: true, deploymentStatus: 'production' });
    expect(repos.modelVersions.find('entrance-person', '1.0.0')).toMatchObject({ deploymentStatus: 'rolled_back' });
    expect(productionPerScope(t)).toEqual([{ scope: '*', model_type: 'detection', n: 1 }]);
    // Nothing before the default's first promotion to go back to.
    await expect(t.registry.rollback({ reason: 'again' })).rejects.toMatchObject({ code: 'NO_PREVIOUS_VERSION' });

    // The whole story, in insertion order.
    const story = deployments
      .eventsForModel('entrance-person')
      .map((e) => [e.eventType, e.stage ?? '', e.cameraId ?? '*', `${e.modelId} ${e.versionNumber}`, e.previousModelId ? `${e.previousModelId} ${e.previousVersionNumber}` : '']);
    const v = 'entrance-person 1.0.0';
    const d = `${DEFAULT_MODEL_ID} 8.0.0`;
    expect(story).toEqual([
      ['stage_started', 'validate', '*', v, ''],
      ['stage_completed', 'validate', '*', v, ''],
      ['stage_started', 'benchmark', '*', v, ''],
      ['stage_completed', 'benchmark', '*', v, ''],
      ['stage_started', 'shadow', '*', v, ''],
      ['stage_completed', 'shadow', '*', v, ''],
      ['stage_started', 'canary', '*', v, ''],
      ['canary', 'canary', 'till', v, d],
      ['stage_completed', 'canary', '*', v, ''],
      ['stage_started', 'production', '*', v, ''],
      ['promoted', 'production', '*', v, d],
      ['stage_completed', 'production', '*', v, ''],
      ['rolled_back', '', '*', d, v],
    ]);
    const rolled = deployments.eventsForModel('entrance-person').at(-1)!;
    expect(rolled.reason).toBe('counts dropped at the entrance after the update (by lan)');
    const ids = deployments.eventsForModel('entrance-person').map((e) => e.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('promotes per camera: one camera runs another version, every scope keeps exactly one production version', async () => {
    const { t, repos } = await setup();
    await importVariant(t, 'till-person', '2.0.0', 'till');
    t.registry.review({ modelId: 'till-person', version: '2.0.0', decision: 'approved', reviewer: 'minh' });
    const r = await t.registry.promote({ modelId: 'till-person', version: '2.0.0', cameraId: 'till', benchmarkRuns: 1, canaryMinutes: 0 });
    expect(r.failed).toBeNull();
    expect(r.pipeline.cameraId).toBe('till');
    expect(r.pipeline.stages[3]!.details).toMatchObject({ cameraId: 'till' });
    expect(resolveDeployedModel(t.db, 'till')).toMatchObject({ modelId: 'till-person', versionNumber: '2.0.0', cameraId: 'till' });
    expect(resolveDeployedModel(t.db, 'entrance')).toMatchObject({ modelId: DEFAULT_MODEL_ID, cameraId: null });
    expect(repos.cameras.get('till')).toMatchObject({ modelId: 'till-person', modelVersion: '2.0.0' });
    expect(productionPerScope(t)).toEqual([
      { scope: '*', model_type: 'detection', n: 1 },
      { scope: 'till', model_type: 'detection', n: 1 },
    ]);
    // Both models run somewhere.
    expect(repos.aiModels.require('till-person').isProduction).toBe(true);
    expect(repos.aiModels.require(DEFAULT_MODEL_ID).isProduction).toBe(true);
    // The database itself refuses a second production row for a scope.
    expect(() =>
      t.db.prepare("INSERT INTO camera_model_deployments (camera_id, model_type, role, model_id, version_number) VALUES ('till', 'detection', 'production', ?, '8.0.0')").run(DEFAULT_MODEL_ID),
    ).toThrow(/UNIQUE/);
    await expect(t.registry.rollback({ cameraId: 'till', reason: 'x' })).rejects.toMatchObject({ code: 'NO_PREVIOUS_VERSION' });
  });

  it('a file changed on disk after import fails the validate stage; production is untouched and the failure recorded', async () => {
    const { t, repos, deployments } = await setup();
    await importVariant(t, 'tampered', '1.0.0', 'tampered');
    t.registry.review({ modelId: 'tampered', version: '1.0.0', decision: 'approved', reviewer: 'lan' });
    const path = repos.modelVersions.find('tampered', '1.0.0')!.modelFilePath!;
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(path, bytes);
    const r = await t.registry.promote({ modelId: 'tampered', version: '1.0.0' });
    expect(r.failed).toMatchObject({ stage: 'validate', code: 'CHECKSUM_MISMATCH' });
    expect(r.pipeline).toMatchObject({ pipelineStatus: 'failed', stageStatus: 'failed', currentStage: 'validate', canRollback: false });
    expect(r.pipeline.stages.map((s) => s.status)).toEqual(['failed', 'pending', 'pending', 'pending', 'pending']);
    expect(resolveDeployedModel(t.db, null)).toMatchObject({ modelId: DEFAULT_MODEL_ID });
    expect(repos.modelVersions.find('tampered', '1.0.0')).toMatchObject({ deploymentStatus: 'failed' });
    expect(deployments.eventsForModel('tampered').map((e) => e.eventType)).toEqual(['stage_started', 'load_failed', 'stage_failed']);
    expect((await t.registry.verify('tampered', '1.0.0')).ok).toBe(false);
  });
});
