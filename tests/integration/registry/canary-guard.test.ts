/**
 * Gated rollouts (issue 9, item 6) on a real SQLite file with the real model: the canary waits on
 * its camera, the CanaryMonitor checks its guards from stored frames (injected here as the camera
 * would write them: model_inference_results + counting_results), and rolls it back or promotes it
 * by itself. No sleeps: the monitor's tick() is driven with a fake clock.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import { ResultWriter } from '../../../src/engine/db/result-writer';
import type { FrameResult } from '../../../src/engine/db/result-rows';
import { DEFAULT_MODEL_ID, ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { CanaryMonitor } from '../../../src/engine/registry/canary-monitor';
import { resolveDeployedModel } from '../../../src/engine/registry/model-loader';
import { MODEL_PATH, openTestRegistry, requireAssets, SAMPLE_IMAGE, VTEST, withExtraMetadata, type TestRegistry } from './registry-helpers';

beforeAll(() => requireAssets(MODEL_PATH, SAMPLE_IMAGE, VTEST));

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const V = 'door-person 1.0.0';
const D = `${DEFAULT_MODEL_ID} 8.0.0`;

async function setup(): Promise<{ t: TestRegistry; repos: Repositories }> {
  const t = openTestRegistry();
  const repos = createRepositories(t.db);
  await ensureDefaultModel(t.db, MODEL_PATH);
  repos.cameras.create({ cameraId: 'door', name: 'Door', sourceKind: 'file', url: VTEST });
  repos.cameras.create({ cameraId: 'till', name: 'Till', sourceKind: 'file', url: VTEST });
  const file = join(t.dir, 'door.onnx');
  writeFileSync(file, withExtraMetadata(readFileSync(MODEL_PATH), 'footfall_variant', 'door'));
  await t.registry.importModel({ path: file, modelId: 'door-person', version: '1.0.0', changelog: 'retrained on door footage' });
  t.registry.review({ modelId: 'door-person', version: '1.0.0', decision: 'approved', reviewer: 'lan' });
  return { t, repos };
}

/**
 * Frames as a camera stores them: one inference row per frame (1 fps) with its latency, and a
 * line crossing every `crossingEveryS` seconds.
 */
function injectFrames(t: TestRegistry, o: { cameraId: string; modelId: string; version: string; fromMs: number; toMs: number; latencyMs: number; crossingEveryS: number; tag: string }): number {
  const writer = new ResultWriter(t.db);
  let n = 0;
  for (let ms = o.fromMs, i = 0; ms < o.toMs; ms += 1000, i++) {
    const at = new Date(ms).toISOString();
    const inferenceId = `${o.tag}:${o.cameraId}:${i}`;
    const crossing = i > 0 && i % o.crossingEveryS === 0;
    const frame: FrameResult = {
      inference: {
        inferenceId,
        modelId: o.modelId,
        modelVersion: o.version,
        inputTimestamp: at,
        createdAt: at,
        inferenceResults: { boxes: [] },
        processingTimeMs: o.latencyMs,
        cameraId: o.cameraId,
        frameIndex: i,
      },
      detections: [],
      tracks: [],
      counts: crossing ? [{ countingEventId: `${inferenceId}:c0`, eventType: 'cross_line', direction: n % 2 ? 'out' : 'in', createdAt: at, cameraId: o.cameraId }] : [],
    };
    if (crossing) n++;
    writer.enqueue(frame);
  }
  writer.flush();
  writer.close();
  return n;
}

/** Yesterday at the same time, 40 min of production on 'door': 80 ms, a crossing every 20 s (180/h). */
function injectProductionHistory(t: TestRegistry, canaryStartMs: number): void {
  injectFrames(t, { cameraId: 'door', modelId: DEFAULT_MODEL_ID, version: '8.0.0', fromMs: canaryStartMs - DAY - 5 * MIN, toMs: canaryStartMs - DAY + 40 * MIN, latencyMs: 80, crossingEveryS: 20, tag: 'prod' });
}

function story(t: TestRegistry, modelId: string): string[][] {
  return t.registry.ctx.deployments
    .eventsForModel(modelId)
    .map((e) => [e.eventType, e.stage ?? '', e.cameraId ?? '*', `${e.modelId} ${e.versionNumber}`, e.previousModelId ? `${e.previousModelId} ${e.previousVersionNumber}` : '']);
}

/** A stage's details (unknown in the DTO) as a record. */
const detailsOf = (stage: { details: unknown }): Record<string, unknown> => stage.details as Record<string, unknown>;

const PIPELINE_START: string[][] = [
  ['stage_started', 'validate', '*', V, ''],
  ['stage_completed', 'validate', '*', V, ''],
  ['stage_started', 'benchmark', '*', V, ''],
  ['stage_completed', 'benchmark', '*', V, ''],
  ['stage_started', 'shadow', '*', V, ''],
  ['stage_completed', 'shadow', '*', V, ''],
  ['stage_started', 'canary', '*', V, ''],
  ['canary', 'canary', 'door', V, D],
];

describe('canary with guards', () => {
  it('a breached guard rolls the canary back by itself; the rows tell the story in order', async () => {
    const { t, repos } = await setup();
    const started = await t.registry.promote({ modelId: 'door-person', version: '1.0.0', canaryCameraId: 'door', benchmarkRuns: 1, requestedBy: 'lan' });
    // The canary waits on its camera (30 minutes by default); production untouched.
    expect(started.failed).toBeNull();
    expect(started.pipeline).toMatchObject({ currentStage: 'canary', stageStatus: 'running', pipelineStatus: 'running' });
    expect(started.pipeline.stages.map((s) => s.status)).toEqual(['completed', 'completed', 'completed', 'running', 'pending']);
    const canary = started.pipeline.stages[3]!;
    expect(canary.details).toMatchObject({ cameraId: 'door', cameraIds: ['door'], canaryMinutes: 30, production: { door: { modelId: DEFAULT_MODEL_ID, version: '8.0.0' } } });
    expect(started.pipeline.stages[2]!.details).toMatchObject({ evidence: 'smoke check', note: expect.stringMatching(/not evidence/) });
    expect(resolveDeployedModel(t.db, 'door')).toMatchObject({ modelId: 'door-person', role: 'canary' });
    expect(resolveDeployedModel(t.db, 'till')).toMatchObject({ modelId: DEFAULT_MODEL_ID, role: 'production' });

    // The camera ran the canary for 10 minutes at 180 ms a frame; production ran it at 80 ms.
    const t0 = Date.parse(String(detailsOf(canary).canaryStartedAt));
    injectProductionHistory(t, t0);
    injectFrames(t, { cameraId: 'door', modelId: 'door-person', version: '1.0.0', fromMs: t0 + 1000, toMs: t0 + 10 * MIN, latencyMs: 180, crossingEveryS: 20, tag: 'canary' });

    const refresh = vi.fn();
    const monitor = new CanaryMonitor(t.registry.ctx, { onChange: refresh });
    // Ten minutes in: ~600 frames, latency well above the guard.
    const results = await monitor.tick(t0 + 10 * MIN);
    const reason = 'canary on camera door: latency 180 ms is above the guard 120 ms (1.5 × production)';
    expect(results).toEqual([{ pipelineId: started.pipeline.pipelineId, outcome: 'rolled_back', message: `${reason}; the canary was rolled back` }]);
    expect(refresh).toHaveBeenCalledTimes(1);

    // The camera is back on production; no canary row is left; production unchanged.
    expect(repos.modelDeployments.list().filter((d) => d.role === 'canary')).toEqual([]);
    expect(resolveDeployedModel(t.db, 'door')).toMatchObject({ modelId: DEFAULT_MODEL_ID, versionNumber: '8.0.0', role: 'production', cameraId: null });
    expect(repos.modelDeployments.list()).toMatchObject([{ cameraId: null, role: 'production', modelId: DEFAULT_MODEL_ID }]);
    const row = repos.deploymentPipeline.get(started.pipeline.pipelineId)!;
    expect(row).toMatchObject({ pipelineStatus: 'failed', stageStatus: 'failed', currentStage: 'canary', canRollback: false, rollbackReason: `${reason}; the canary was rolled back` });
    const stages = t.registry.pipeline(started.pipeline.pipelineId).stages;
    expect(stages.map((s) => s.status)).toEqual(['completed', 'completed', 'completed', 'failed', 'pending']);
    expect(stages[3]!.error).toEqual({ code: 'CANARY_GUARD_BREACHED', message: `${reason}; the canary was rolled back` });
    expect(stages[3]!.details).toMatchObject({ guardsHeld: false, breach: reason, checks: [{ cameraId: 'door', breached: reason }] });
    expect(repos.modelVersions.find('door-person', '1.0.0')).toMatchObject({ deploymentStatus: 'rolled_back' });
    expect(repos.aiModels.require(DEFAULT_MODEL_ID)).toMatchObject({ isProduction: true });

    // The story, in insertion order.
    expect(story(t, 'door-person')).toEqual([
      ...PIPELINE_START,
      ['stage_failed', 'canary', '*', V, ''],
      ['rolled_back', 'canary', 'door', D, V],
    ]);
    const events = t.registry.ctx.deployments.eventsForModel('door-person');
    expect(events.at(-2)!.reason).toBe(`CANARY_GUARD_BREACHED: ${reason}; the canary was rolled back`);
    expect(events.at(-1)).toMatchObject({ reason: `${reason}; the canary was rolled back`, details: { automatic: true, failedStage: 'canary', code: 'CANARY_GUARD_BREACHED' } });
    // A canary taken off a camera is not a production rollback: the rollback stack is unchanged.
    await expect(t.registry.rollback({ reason: 'x' })).rejects.toMatchObject({ code: 'NO_PREVIOUS_VERSION' });
    // Nothing more to watch.
    expect(await monitor.tick(t0 + 11 * MIN)).toEqual([]);

    // A later attempt that skips the canary time cannot reach production past the breached guard…
    const again = await t.registry.promote({ modelId: 'door-person', version: '1.0.0', canaryCameraId: 'door', canaryMinutes: 0, benchmarkRuns: 1 });
    expect(again.failed).toMatchObject({ stage: 'production', code: 'GATE_FAILED', message: expect.stringContaining(`a canary guard was breached: ${reason}`) });
    expect(resolveDeployedModel(t.db, null)).toMatchObject({ modelId: DEFAULT_MODEL_ID });
    // …and its canary was taken off again, recorded.
    expect(repos.modelDeployments.list().filter((d) => d.role === 'canary')).toEqual([]);
    expect(story(t, 'door-person').slice(-3)).toEqual([
      ['stage_started', 'production', '*', V, ''],
      ['stage_failed', 'production', '*', V, ''],
      ['rolled_back', 'canary', 'door', D, V],
    ]);
  });

  it('guards held: after the canary time the pipeline reaches production by itself', async () => {
    const { t, repos } = await setup();
    const started = await t.registry.promote({ modelId: 'door-person', version: '1.0.0', canaryCameraIds: ['door'], canaryMinutes: 20, benchmarkRuns: 1 });
    const t0 = Date.parse(String(detailsOf(started.pipeline.stages[3]!).canaryStartedAt));
    injectProductionHistory(t, t0);
    // Like production: 84 ms, a crossing every 20 s.
    const counted = injectFrames(t, { cameraId: 'door', modelId: 'door-person', version: '1.0.0', fromMs: t0 + 1000, toMs: t0 + 21 * MIN, latencyMs: 84, crossingEveryS: 20, tag: 'canary' });
    expect(counted).toBeGreaterThan(55);
    const refresh = vi.fn();
    const monitor = new CanaryMonitor(t.registry.ctx, { onChange: refresh });

    // Half way: still waiting, the checks recorded on the stage.
    expect(await monitor.tick(t0 + 10 * MIN)).toMatchObject([{ outcome: 'waiting' }]);
    expect(refresh).not.toHaveBeenCalled();
    const waiting = t.registry.pipeline(started.pipeline.pipelineId);
    expect(waiting).toMatchObject({ pipelineStatus: 'running', currentStage: 'canary', stageStatus: 'running' });
    const checks = (detailsOf(waiting.stages[3]!).checks as Array<{ checks: Array<{ guard: string; status: string }> }>)[0]!.checks;
    expect(checks.map((c) => [c.guard, c.status])).toEqual([
      ['errors', 'held'],
      ['frames', 'held'],
      ['latency', 'held'],
      ['count', 'held'],
    ]);
    expect(resolveDeployedModel(t.db, null)).toMatchObject({ modelId: DEFAULT_MODEL_ID });

    // Time over, guards held: production, canary row gone, cameras told.
    expect(await monitor.tick(t0 + 21 * MIN)).toMatchObject([{ outcome: 'promoted' }]);
    expect(refresh).toHaveBeenCalledTimes(1);
    const done = t.registry.pipeline(started.pipeline.pipelineId);
    expect(done).toMatchObject({ pipelineStatus: 'completed', currentStage: 'production', canRollback: true, rollbackVersion: '8.0.0' });
    expect(done.stages[3]!.details).toMatchObject({ guardsHeld: true });
    expect(done.stages[4]!.details).toMatchObject({ gate: { ok: true } });
    expect(resolveDeployedModel(t.db, 'door')).toMatchObject({ modelId: 'door-person', role: 'production', cameraId: null });
    expect(repos.modelDeployments.list().filter((d) => d.role === 'canary')).toEqual([]);
    expect(story(t, 'door-person')).toEqual([
      ...PIPELINE_START,
      ['stage_completed', 'canary', '*', V, ''],
      ['stage_started', 'production', '*', V, ''],
      ['promoted', 'production', '*', V, D],
      ['stage_completed', 'production', '*', V, ''],
    ]);
    // Stage times follow the clock the monitor ran on.
    expect(Date.parse(done.stages[3]!.completedAt!)).toBe(t0 + 21 * MIN);
  });
});

describe('the gate before production', () => {
  it('refuses a version whose evaluation fails without an override, and records the override that lets it through', async () => {
    const { t, repos } = await setup();
    const v = repos.modelVersions.find('door-person', '1.0.0')!;
    repos.modelVersions.update(v.id, { validationF1: 0 });
    await expect(t.registry.promote({ modelId: 'door-person', version: '1.0.0', canaryMinutes: 0 })).rejects.toMatchObject({
      code: 'GATE_FAILED',
      message: expect.stringMatching(/^door-person@1\.0\.0 has a validation F1 of 0, below the floor 50 .*override/),
    });
    expect(repos.deploymentPipeline.listForModel('door-person')).toEqual([]);

    // Relative to production: 8.0.0 evaluated at 80, the candidate at 72 (> the floor 50, < 80 − 5).
    repos.modelVersions.update(repos.modelVersions.find(DEFAULT_MODEL_ID, '8.0.0')!.id, { validationF1: 80 });
    repos.modelVersions.update(v.id, { validationF1: 72 });
    await expect(t.registry.promote({ modelId: 'door-person', version: '1.0.0', canaryMinutes: 0 })).rejects.toMatchObject({
      code: 'GATE_FAILED',
      message: expect.stringContaining("below production yolov8n-coco@8.0.0's F1 80 minus 5 (75)"),
    });
    // Gathering evidence (up to the shadow stage) is not refused.
    const shadowOnly = await t.registry.promote({ modelId: 'door-person', version: '1.0.0', through: 'shadow', benchmarkRuns: 1 });
    expect(shadowOnly.failed).toBeNull();

    const override = { reason: 'the truth file for 8.0.0 was from another camera; re-evaluating next week', by: 'lan' };
    const r = await t.registry.promote({ modelId: 'door-person', version: '1.0.0', canaryMinutes: 0, canaryCameraId: 'till', override, requestedBy: 'lan' });
    expect(r.failed).toBeNull();
    expect(r.pipeline.pipelineId).toBe(shadowOnly.pipeline.pipelineId);
    expect(r.deployment).toMatchObject({ cameraId: null, modelId: 'door-person', versionNumber: '1.0.0' });
    expect(r.pipeline.stages[3]!.details).toMatchObject({ canaryMinutes: 0, guardsHeld: null, note: expect.stringMatching(/not evaluated/) });
    expect(r.pipeline.stages[4]!.details).toMatchObject({
      gate: { ok: false, failures: [expect.stringContaining('F1 of 72')], override },
    });
    const promoted = t.registry.ctx.deployments.eventsForModel('door-person').find((e) => e.eventType === 'promoted')!;
    expect(promoted.reason).toBe(
      `promoted by lan past a failing gate (door-person@1.0.0 has a validation F1 of 72, below production yolov8n-coco@8.0.0's F1 80 minus 5 (75)), overridden by lan: ${override.reason}`,
    );
    expect(promoted.details).toMatchObject({ gate: { ok: false, override } });
  });
});

describe('the shadow stage with a recording', () => {
  it('runs a real shadow experiment; a verdict that is not deploy_challenger stops the rollout, and the experiment can be reused with an override', async () => {
    const { t, repos } = await setup();
    const shadowLines = [{ name: 'door', x1: 600, y1: 150, x2: 600, y2: 450 }];
    const r = await t.registry.promote({ modelId: 'door-person', version: '1.0.0', through: 'shadow', benchmarkRuns: 1, shadowSource: VTEST, shadowLines, shadowMaxFrames: 100 });
    // The same weights as production: never deploy_challenger (nothing gained, or too little data).
    expect(r.failed).toMatchObject({ stage: 'shadow', code: 'SHADOW_DISAGREEMENT' });
    const details = detailsOf(r.pipeline.stages[2]!);
    expect(details).toMatchObject({
      evidence: 'shadow experiment',
      baseline: { modelId: DEFAULT_MODEL_ID, version: '8.0.0' },
      lines: shadowLines,
      linesFrom: 'configured',
      frames: 100,
      passed: false,
      experimentId: expect.stringMatching(/^exp-/),
      verdict: expect.stringMatching(/^(keep_baseline|run_longer)$/),
      difference: expect.any(Number),
      ci: [expect.any(Number), expect.any(Number)],
    });
    expect(r.failed!.message).toContain(String(details.experimentId));
    const experimentId = String(details.experimentId);
    // The experiment is a real one: both arms' intervals stored, closed so live cameras ignore it.
    expect(repos.abExperiments.getExperiment(experimentId)).toMatchObject({ experimentStatus: 'completed', baselineModelId: DEFAULT_MODEL_ID, challengerModelId: 'door-person' });
    const intervals = repos.abExperiments.listIntervals(experimentId);
    expect(new Set(intervals.map((i) => i.arm))).toEqual(new Set(['baseline', 'challenger']));
    expect(intervals.reduce((s, i) => s + (i.arm === 'baseline' ? i.frames : 0), 0)).toBe(100);
    expect(resolveDeployedModel(t.db, null)).toMatchObject({ modelId: DEFAULT_MODEL_ID });

    // Rolling out from that experiment reuses its evidence (no second experiment); against its
    // verdict only with an override, which the shadow stage and the gate both record.
    const override = { reason: 'same weights, re-exported with new metadata', by: 'lan' };
    const again = await t.registry.promote({ modelId: 'door-person', version: '1.0.0', benchmarkRuns: 1, experimentId, override, canaryMinutes: 0, canaryCameraId: 'door' });
    expect(again.failed).toBeNull();
    expect(again.pipeline.stages[2]!.details).toMatchObject({ evidence: 'experiment', experimentId, passed: false, override, against: expect.stringContaining(experimentId) });
    expect(again.pipeline.stages[4]!.details).toMatchObject({ gate: { ok: false, failures: [expect.stringMatching(/^the shadow stage went against it/)], override } });
    expect(repos.abExperiments.listExperiments().filter((e) => e.challengerModelId === 'door-person')).toHaveLength(1);
    expect(resolveDeployedModel(t.db, 'till')).toMatchObject({ modelId: 'door-person', role: 'production' });
  }, 300_000); // two models on 100 frames, on a busy 2-core machine
});
