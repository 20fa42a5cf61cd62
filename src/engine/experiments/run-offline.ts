/**
 * Runs an experiment over a recording (or a stream) of the shop's own footage, through the one
 * frame path (runCount → FrameLoop), so a technician decides in minutes instead of days:
 * - shadow: the baseline counts every frame; the challenger, with its own tracker and lines, runs
 *   on the very same frame (a paired design) before the next is read — nothing is skipped;
 * - ab: a SplitDetector gives each frame to the arm its unit is assigned to, and one tracker
 *   counts what that arm saw; slot splits leave each slot's burn-in out.
 * Nothing is stored as counts: the results go to the experiment's tables.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { redactUrl } from '../capture/redact-url';
import type { ExperimentGroup } from '../../shared/enums';
import { probeSource } from '../capture/probe-source';
import { sourceFromArgument } from '../capture/source-argument';
import type { PersonDetector } from '../inference/person-detector';
import type { RgbFrame } from '../vision/detections';
import { FrameProcessor, type FrameOutcome, type LineSpec } from '../pipeline/frame-processor';
import { runCount, type RunCountResult, type RunProgress } from '../pipeline/run-count';
import type { CrossingEvent } from '../registry/crossing-score';
import { parseCrossingTruth, type CrossingTruth } from '../registry/evaluation-truth';
import { loadVerifiedDetector } from '../registry/model-loader';
import type { RegistryContext } from '../registry/registry-context';
import { safeReadFile } from '../registry/safe-read';
import { ExperimentError } from './experiment-error';
import { placeFrame } from './experiment-splits';
import { IntervalBook, truthHits } from './interval-book';
import { MeteredDetector } from './metered-detector';
import { experimentStatus } from './experiment-status';
import { recordComparison } from './record-comparison';
import { recordRun } from './record-run';
import { SplitDetector } from './split-detector';

export interface OfflineRunRequest {
  experimentId: string;
  source: string;
  lines: Array<{ name: string; x1: number; y1: number; x2: number; y2: number }>;
  truthPath?: string;
  fps?: number;
  maxFrames?: number;
  onProgress?: (p: RunProgress) => void;
  signal?: AbortSignal;
}

export interface OfflineRunResult {
  runId: string;
  frames: number;
  intervals: number;
  ended: RunCountResult['ended'];
}

const MAX_TRUTH_BYTES = 64 * 1024 * 1024;

async function readTruth(path: string): Promise<CrossingTruth> {
  const file = await safeReadFile(path, { maxBytes: MAX_TRUTH_BYTES, what: 'Ground truth' }).catch((err: unknown) => {
    throw new ExperimentError('EXPERIMENT_INVALID', err instanceof Error ? err.message : String(err));
  });
  return parseCrossingTruth(file.bytes.toString('utf8'));
}

/**
 * The assignment unit of a run: the recording's name (or the stream's host and path), so runs over
 * several cameras' recordings split per camera, and a second run over the same recording lands in
 * the same arm.
 */
export function unitOfSource(source: string): string {
  if (/^[a-z]+:\/\//i.test(source)) {
    const redacted = redactUrl(source).replace(/^[a-z]+:\/\/([^@/]*@)?/i, '');
    return redacted.slice(0, 80) || 'stream';
  }
  return basename(source).replace(/\.[^.]+$/, '').slice(0, 80) || 'recording';
}

const eventsOf = (o: FrameOutcome): CrossingEvent[] => o.crossings.map((c) => ({ line: c.line, direction: c.direction, timeS: c.time_s }));

export async function runExperimentOffline(ctx: RegistryContext, r: OfflineRunRequest): Promise<OfflineRunResult> {
  const ab = ctx.repos.abExperiments;
  const experiment = ab.getExperiment(r.experimentId);
  const design = ab.getDesign(r.experimentId);
  if (!experiment || !design) throw new ExperimentError('EXPERIMENT_NOT_FOUND', `no experiment "${r.experimentId}"`);
  if (experiment.experimentStatus === 'completed' || experiment.experimentStatus === 'stopped') {
    throw new ExperimentError('EXPERIMENT_STATE', `experiment "${experiment.experimentName}" is ${experiment.experimentStatus}: create a new one to run again`);
  }
  const baselineId = experiment.baselineModelId!;
  const challengerId = experiment.challengerModelId!;
  // Offline, neither arm serves counts (nothing is stored as counts), so no review is needed.
  const truth = r.truthPath ? await readTruth(r.truthPath) : null;
  const info = await probeSource(sourceFromArgument(r.source));
  const fps = r.fps ?? truth?.fps ?? Math.min(30, info.fps ?? 10);
  const opts = { provider: ctx.provider, intraOpThreads: ctx.intraOpThreads, purpose: `experiment ${experiment.experimentId}` };
  const loaded: PersonDetector[] = [];
  try {
    const baseline = new MeteredDetector((await loadVerifiedDetector(ctx.db, baselineId, design.baselineVersion, opts)).detector);
    loaded.push(baseline.inner);
    const challenger = new MeteredDetector((await loadVerifiedDetector(ctx.db, challengerId, design.challengerVersion, opts)).detector);
    loaded.push(challenger.inner);
    if (experiment.experimentStatus === 'draft') {
      ab.updateExperiment(experiment.experimentId, { experimentStatus: 'running', startDate: new Date().toISOString() });
    }
    const unit = unitOfSource(r.source);
    const trafficPercent = experiment.trafficSplitPercent ?? 50;
    const book = new IntervalBook(1 / fps);
    const assignments = new Map<string, ExperimentGroup>();
    const lines: LineSpec[] = r.lines.map((l) => ({ id: null, ...l }));
    const armEvents: Record<ExperimentGroup, CrossingEvent[]> = { baseline: [], challenger: [] };
    const split = design.mode === 'ab' ? new SplitDetector({ baseline, challenger }, (f) => placeFrame(design, trafficPercent, unit, f.index, f.timeS).arm) : null;
    // Shadow: the challenger's own tracker and lines, on the baseline's frames.
    const shadow =
      design.mode === 'shadow'
        ? new FrameProcessor({
            sourceWidth: info.width,
            sourceHeight: info.height,
            fps,
            lines,
            detector: challenger,
            model: { modelId: challengerId, versionNumber: design.challengerVersion },
            frameSize: { width: baseline.info.inputWidth, height: baseline.info.inputHeight },
          })
        : null;
    const timeZeroMs = Date.now();
    // The run stops itself after maxFrames, once the challenger has seen the last frame too
    // (runCount's own limit would end before the shadow's hook for that frame).
    const maxFrames = r.maxFrames ?? truth?.maxFrames;
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    r.signal?.addEventListener('abort', onAbort, { once: true });
    let seen = 0;
    const enough = (): void => {
      if (maxFrames !== undefined && ++seen >= maxFrames) stop.abort();
    };
    const result = await runCount({
      source: r.source,
      lines,
      dbPath: null,
      fps,
      detector: split ?? baseline,
      ...(r.onProgress ? { onProgress: r.onProgress } : {}),
      signal: stop.signal,
      onFrame: (o) => {
        const place = placeFrame(design, trafficPercent, unit, o.frameIndex, o.timeS);
        const arm = split ? split.lastArm : 'baseline';
        const metered = split ? split.arm(arm) : baseline;
        if (design.mode === 'shadow') {
          assignments.set(`${unit}:baseline`, 'baseline');
          assignments.set(`${unit}:challenger`, 'challenger');
        } else assignments.set(place.assignmentUnit, arm);
        if (!shadow) enough();
        if (place.burnIn) return;
        const events = eventsOf(o);
        armEvents[arm].push(...events);
        book.addFrame(place.key, arm, { timeS: o.timeS, latencyMs: metered.lastInferMs, cpuMs: metered.lastCpuMs, crossings: events });
      },
      ...(shadow
        ? {
            afterFrame: async (o: FrameOutcome, _loop: unknown, frame: RgbFrame) => {
              const c = await shadow.process(frame);
              const events = eventsOf(c);
              armEvents.challenger.push(...events);
              const place = placeFrame(design, trafficPercent, unit, o.frameIndex, o.timeS);
              book.addFrame(place.key, 'challenger', { timeS: c.timeS, latencyMs: challenger.lastInferMs, cpuMs: challenger.lastCpuMs, crossings: events });
              enough();
            },
          }
        : {}),
    });
    r.signal?.removeEventListener('abort', onAbort);
    if (result.ended === 'failed' || result.ended === 'gave_up') {
      throw new ExperimentError('EXPERIMENT_INVALID', `the run over ${r.source} failed after ${result.frames} frames: ${result.error?.message ?? 'unknown error'} (nothing was stored)`);
    }
    const lastS = result.frames / fps + (truth?.toleranceS ?? 0);
    const truthEvents = truth ? truth.events.filter((e) => e.timeS <= lastS) : null;
    const rows = book.rows(truthEvents && truth ? { events: truthEvents, toleranceS: truth.toleranceS } : null);
    const runId = `run-${new Date(timeZeroMs).toISOString().replace(/[-:.TZ]/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    recordRun(ctx, experiment, design, {
      runId,
      timeZeroMs,
      rows,
      assignments: [...assignments].map(([u, arm]) => ({ unit: u.replace(/:(baseline|challenger)$/, ''), arm })),
      truthHits: truthEvents && truth && design.mode === 'shadow' ? truthHits(armEvents.baseline, armEvents.challenger, truthEvents, truth.toleranceS) : null,
    });
    // Shadow comparisons are also the seed's model comparisons (the registry and the chain read them).
    if (design.mode === 'shadow') recordComparison(ctx.repos, experiment, runId, experimentStatus(ctx.repos, experiment.experimentId));
    return { runId, frames: result.frames, intervals: new Set(rows.map((x) => `${x.key.unit}#${x.key.index}`)).size, ended: result.ended };
  } finally {
    for (const d of loaded) await d.dispose();
  }
}
