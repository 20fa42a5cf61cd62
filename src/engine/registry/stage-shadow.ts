/**
 * The pipeline's shadow stage: the candidate against the scope's production version on the same
 * frames, with nothing it sees counted. The evidence is an experiment's verdict (given, or a real
 * shadow experiment run here over a recording), judged by judgeVerdict; without either it falls
 * back to the one-frame smoke check (shadow-smoke-check.ts). A verdict against the candidate fails
 * the stage unless the rollout carries an override, which the production gate then sees again.
 */
import { probeSource } from '../capture/probe-source';
import { sourceFromArgument } from '../capture/source-argument';
import { createExperiment } from '../experiments/create-experiment';
import { experimentStatus } from '../experiments/experiment-status';
import { runExperimentOffline } from '../experiments/run-offline';
import { formatModelRef } from '../../shared/model-ref';
import type { ExperimentStatusDto } from '../../shared/dto-experiments';
import type { ModelRef } from '../pipeline/frame-processor';
import { resolveDeployedModel } from './model-loader';
import type { Details } from './pipeline-config';
import type { ShadowLine } from './promote-request';
import { RegistryError } from './registry-error';
import { shadowSmokeCheck } from './shadow-smoke-check';
import { canaryCamerasOf } from './stage-canary';
import { refText, stageError, type StageResult, type StageRun } from './stage-run';

/** Shadow lines: configured, else the canary (or scope) camera's enabled lines, else a vertical line through the middle. */
async function shadowLinesOf(s: StageRun, source: string): Promise<{ lines: ShadowLine[]; from: string }> {
  if (s.config.shadowLines && s.config.shadowLines.length > 0) return { lines: s.config.shadowLines, from: 'configured' };
  for (const cameraId of canaryCamerasOf(s)) {
    const lines = s.ctx.repos.countingLines.listForCamera(cameraId).filter((l) => l.enabled);
    if (lines.length > 0) return { lines: lines.map((l) => ({ name: l.name, x1: l.x1, y1: l.y1, x2: l.x2, y2: l.y2 })), from: `camera ${cameraId}` };
  }
  const info = await probeSource(sourceFromArgument(source));
  const x = Math.round(info.width / 2);
  return { lines: [{ name: 'middle', x1: x, y1: 0, x2: x, y2: info.height }], from: 'a vertical line through the middle of the frame' };
}

/** What an experiment's verdict says, for the stage details. */
function verdictDetails(st: ExperimentStatusDto): Details {
  const arm = (role: 'baseline' | 'challenger'): Details => {
    const a = st.arms.find((x) => x.role === role);
    return a ? { ref: a.ref, frames: a.frames, in: a.in, out: a.out, latencyMs: a.latencyMs, f1: a.f1 } : {};
  };
  return {
    experimentId: st.experimentId,
    verdict: st.recommendation,
    reason: st.reason,
    metric: st.comparison.metric,
    difference: st.comparison.difference,
    ci: [st.comparison.ci[0], st.comparison.ci[1]],
    pValue: st.comparison.pValue,
    significant: st.comparison.significant,
    samples: { ...st.samples },
    baselineArm: arm('baseline'),
    challengerArm: arm('challenger'),
  };
}

/**
 * Passes on deploy_challenger (or run_longer when allowed); otherwise fails, unless the rollout
 * carries an override, which is then recorded here and checked again by the production gate.
 */
function judgeVerdict(s: StageRun, st: ExperimentStatusDto, details: Details): StageResult {
  const passes = st.recommendation === 'deploy_challenger' || (st.recommendation === 'run_longer' && s.config.allowInconclusiveShadow);
  if (passes) return { status: 'completed', details: { ...details, passed: true } };
  const why =
    st.recommendation === 'run_longer'
      ? `the shadow experiment ${st.experimentId} is inconclusive (run_longer: ${st.reason}); give a longer recording (shadowMaxFrames) or allow inconclusive shadows`
      : `the shadow experiment ${st.experimentId} says keep_baseline: ${st.reason}`;
  if (s.config.override) {
    return { status: 'completed', details: { ...details, passed: false, against: why, override: { ...s.config.override } } };
  }
  throw stageError('SHADOW_DISAGREEMENT', why, { ...details, passed: false });
}

/**
 * shadow: the candidate against the version now in production for the scope, on the same frames.
 * - From an experiment (experimentId): its verdict is the evidence; nothing is re-run.
 * - With a recording (shadowSource): a real shadow experiment over it (both models, their own
 *   trackers and lines, paired intervals), judged by the experiment statistics.
 * - Otherwise: a smoke check on the sample frame (box agreement) — it shows the candidate sees
 *   what production sees on one picture; it is not evidence that it counts as well.
 * Nothing it sees is counted.
 */
export async function shadowStage(s: StageRun): Promise<StageResult> {
  const baseline = resolveDeployedModel(s.ctx.db, s.config.cameraId, s.config.modelType);
  if (!baseline || (baseline.modelId === s.modelId && baseline.versionNumber === s.version)) {
    return { status: 'skipped', details: { reason: baseline ? 'already the production version of this scope' : 'no production version to compare with' } };
  }
  const baselineDetails = { modelId: baseline.modelId, version: baseline.versionNumber };
  if (s.config.experimentId) {
    const st = experimentStatus(s.ctx.repos, s.config.experimentId);
    const challengerRef = formatModelRef(s.modelId, s.version);
    if (st.design.challengerRef !== challengerRef) {
      throw new RegistryError('SHADOW_EVIDENCE_INVALID', `experiment ${st.experimentId} tested ${st.design.challengerRef}, not ${challengerRef}`);
    }
    const details: Details = {
      evidence: 'experiment',
      baseline: baselineDetails,
      experimentBaseline: st.design.baselineRef,
      note: st.design.baselineRef === refText(baseline) ? 'the experiment compared with the production version of this scope' : `the experiment's baseline ${st.design.baselineRef} is not this scope's production version ${refText(baseline)}`,
      ...verdictDetails(st),
    };
    return judgeVerdict(s, st, details);
  }
  if (s.config.shadowSource) return shadowExperiment(s, baseline, s.config.shadowSource);
  return shadowSmokeCheck(s, baseline);
}

async function shadowExperiment(s: StageRun, baseline: ModelRef, source: string): Promise<StageResult> {
  const { lines, from } = await shadowLinesOf(s, source);
  const maxFrames = s.config.shadowMaxFrames;
  const info = await probeSource(sourceFromArgument(source));
  const fps = s.config.shadowFps ?? Math.min(30, info.fps ?? 10);
  // About 20 paired intervals over the frames run (intervals, not frames, are the statistical unit).
  const intervalS = Math.max(1, Math.min(10, Math.floor(maxFrames / fps / 20)));
  const { experiment } = createExperiment(s.ctx, {
    name: `rollout ${s.pipeline.pipelineId}: shadow`,
    baseline: refText(baseline),
    challenger: formatModelRef(s.modelId, s.version),
    mode: 'shadow',
    minSamples: Math.min(1000, maxFrames),
    intervalS,
    ...(s.config.requestedBy ? { createdBy: s.config.requestedBy } : {}),
  });
  const experimentId = experiment.experimentId;
  const ab = s.ctx.repos.abExperiments;
  let run: Awaited<ReturnType<typeof runExperimentOffline>>;
  try {
    run = await runExperimentOffline(s.ctx, { experimentId, source, lines, maxFrames, fps });
  } finally {
    // Done either way: a 'running' shadow experiment would be picked up by the live cameras.
    ab.updateExperiment(experimentId, { experimentStatus: 'completed', endDate: new Date(s.now()).toISOString() });
  }
  const st = experimentStatus(s.ctx.repos, experimentId);
  const details: Details = {
    evidence: 'shadow experiment',
    baseline: { modelId: baseline.modelId, version: baseline.versionNumber },
    source,
    lines: lines.map((l) => ({ ...l })),
    linesFrom: from,
    frames: run.frames,
    fps,
    intervalS,
    runId: run.runId,
    ...verdictDetails(st),
  };
  return judgeVerdict(s, st, details);
}
