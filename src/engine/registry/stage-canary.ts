/**
 * The pipeline's canary stage, the one that waits: startCanary puts the version on its camera(s)
 * (unpinning a camera pinned to its own production version) and returns 'waiting'; each later
 * call (the CanaryMonitor, or the user) resumes it, judging the guards (canary-guard.ts) over
 * what the cameras recorded since (canary-data.ts) until canaryMinutes have passed with them held.
 * A breach throws, and the orchestration rolls the canary back.
 */
import { gatherCanaryObservation } from './canary-data';
import { evaluateCanaryGuards, type GuardEvaluation } from './canary-guard';
import { resolveDeployedModel } from './model-loader';
import { isObject, type Details } from './pipeline-config';
import { RegistryError } from './registry-error';
import { stageError, type StageResult, type StageRun } from './stage-run';

/** The cameras a canary runs on: the scope's camera, else those asked for, else the first enabled one. */
export function canaryCamerasOf(s: Pick<StageRun, 'ctx' | 'config'>): string[] {
  if (s.config.cameraId !== null) return [s.config.cameraId];
  if (s.config.canaryCameraIds) return s.config.canaryCameraIds;
  if (s.config.canaryCameraId) return [s.config.canaryCameraId];
  const first = s.ctx.repos.cameras.list({ enabledOnly: true })[0]?.cameraId;
  return first ? [first] : [];
}

/** Puts the canary on its cameras; it then proves itself for canaryMinutes (resumeCanary). */
function startCanary(s: StageRun): StageResult {
  const cameras = s.ctx.repos.cameras;
  const chosen = canaryCamerasOf(s);
  if (chosen.length === 0) return { status: 'skipped', details: { reason: 'no cameras registered' } };
  const production: Details = {};
  const unpinned: string[] = [];
  const startedAtMs = s.now();
  for (const id of chosen) {
    const camera = cameras.get(id);
    if (!camera) throw new RegistryError('CAMERA_NOT_FOUND', `no camera "${id}" for the canary`);
    if (camera.modelId) {
      const own = s.ctx.deployments.get({ cameraId: id, modelType: s.config.modelType }, 'production');
      const pinnedToOwn = own && own.modelId === camera.modelId && (camera.modelVersion === null || camera.modelVersion === own.versionNumber);
      if (!pinnedToOwn) {
        throw new RegistryError(
          'CANARY_CAMERA_PINNED',
          `camera ${id} is pinned to ${camera.modelId} ${camera.modelVersion ?? '(newest)'} and would never run the canary: choose another canary camera or clear its model on the Cameras page`,
        );
      }
      unpinned.push(id);
    }
  }
  s.ctx.repos.transaction(() => {
    for (const id of chosen) {
      const previous = resolveDeployedModel(s.ctx.db, id, s.config.modelType);
      production[id] = previous ? { modelId: previous.modelId, version: previous.versionNumber } : null;
      // A pin the registry wrote for the camera's own production version resolves the same
      // without it; cleared so the canary (which comes before it) can run.
      if (unpinned.includes(id)) cameras.update(id, { modelId: null, modelVersion: null });
      s.ctx.deployments.set({ cameraId: id, modelType: s.config.modelType }, 'canary', {
        modelId: s.modelId,
        versionNumber: s.version,
        pipelineId: s.pipeline.pipelineId,
      });
      s.ctx.deployments.recordEvent({
        eventType: 'canary',
        cameraId: id,
        modelType: s.config.modelType,
        modelId: s.modelId,
        versionNumber: s.version,
        previousModelId: previous?.modelId ?? null,
        previousVersionNumber: previous?.versionNumber ?? null,
        pipelineId: s.pipeline.pipelineId,
        stage: 'canary',
        reason: s.config.canaryMinutes > 0 ? `canary camera for ${s.config.canaryMinutes} min, guarded` : 'canary camera (0 minutes: guards not evaluated)',
        details: { canaryMinutes: s.config.canaryMinutes, guards: { ...s.config.canaryLimits } },
      });
    }
  });
  const first = production[chosen[0]!] ?? null;
  const details: Details = {
    cameraId: chosen[0]!,
    cameraIds: chosen,
    previous: first,
    production,
    canaryMinutes: s.config.canaryMinutes,
    canaryStartedAt: new Date(startedAtMs).toISOString(),
    endsAt: new Date(startedAtMs + s.config.canaryMinutes * 60_000).toISOString(),
    guards: { ...s.config.canaryLimits },
    ...(unpinned.length ? { unpinned } : {}),
  };
  if (s.config.canaryMinutes <= 0) {
    return { status: 'completed', details: { ...details, guardsHeld: null, note: 'a 0-minute canary was asked for: the guards were not evaluated' } };
  }
  return { status: 'waiting', details: { ...details, checks: [] } };
}

const evaluationJson = (e: GuardEvaluation): Details => ({
  cameraId: e.cameraId,
  breached: e.breached ? e.breached.message : null,
  checks: e.checks.map((c) => ({ guard: c.guard, status: c.status, value: c.value, limit: c.limit, message: c.message })),
});

/** The canary's guards now: breached → fail (rolled back), time over → completed, else waiting. */
function resumeCanary(s: StageRun): StageResult {
  const details = s.record.details ?? {};
  const startedAtMs = Date.parse(String(details.canaryStartedAt));
  const cameraIds = Array.isArray(details.cameraIds) ? details.cameraIds.filter((x): x is string => typeof x === 'string') : [];
  const production = isObject(details.production) ? details.production : {};
  const minutes = typeof details.canaryMinutes === 'number' ? details.canaryMinutes : s.config.canaryMinutes;
  const nowMs = s.now();
  const evaluations = cameraIds.map((cameraId) => {
    const p = production[cameraId];
    const prod = isObject(p) && typeof p.modelId === 'string' && typeof p.version === 'string' ? { modelId: p.modelId, versionNumber: p.version } : null;
    const observation = gatherCanaryObservation(s.ctx.db, s.ctx.repos, {
      cameraId,
      canary: { modelId: s.modelId, versionNumber: s.version },
      production: prod,
      startedAtMs,
      nowMs,
    });
    return evaluateCanaryGuards(observation, s.config.canaryLimits);
  });
  const checkedAt = new Date(nowMs).toISOString();
  const next: Details = { ...details, checkedAt, checks: evaluations.map(evaluationJson) };
  const breach = evaluations.find((e) => e.breached);
  if (breach) {
    throw stageError('CANARY_GUARD_BREACHED', `${breach.breached!.message}; the canary was rolled back`, { ...next, guardsHeld: false, breach: breach.breached!.message });
  }
  if (nowMs - startedAtMs >= minutes * 60_000) return { status: 'completed', details: { ...next, guardsHeld: true } };
  return { status: 'waiting', details: next };
}

/** canary: the version counts on the chosen camera(s) for canaryMinutes, guarded, before everyone. */
export async function canaryStage(s: StageRun): Promise<StageResult> {
  if (s.record.status === 'running' && typeof s.record.details?.canaryStartedAt === 'string') return resumeCanary(s);
  return startCanary(s);
}
