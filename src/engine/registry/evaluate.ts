import type { PerformanceMetric } from '../db/repositories/performance-metrics-repository';
import type { ModelVersion } from '../db/repositories/model-versions-repository';
import { probeSource } from '../capture/probe-source';
import { sourceFromArgument } from '../capture/source-argument';
import { runCount, type RunCountResult, type RunProgress } from '../pipeline/run-count';
import { matchBoxes, type Box } from './box-matching';
import { qualityMetrics, scoreCrossings, type CrossingEvent, type MatchCounts, type QualityMetrics } from './crossing-score';
import { parseCrossingTruth, parseMotTruth, type CrossingTruth, type MotTruth } from './evaluation-truth';
import { loadVerifiedDetector } from './model-loader';
import { syncModelFlags } from './production-flags';
import type { RegistryContext } from './registry-context';
import { RegistryError } from './registry-error';
import { safeReadFile } from './safe-read';
import { NO_PROGRESS, type OnProgress } from './work-progress';

export interface EvaluateRequest {
  modelId: string;
  version: string;
  /** The recording (shop footage) to run the version over. */
  source: string;
  /** `*.json` line-crossing truth, or a MOT-challenge `gt.txt` of person boxes. */
  truthPath: string;
  fps?: number;
  maxFrames?: number;
}

export interface EvaluationOutcome {
  kind: 'crossings' | 'mot';
  counts: MatchCounts;
  quality: QualityMetrics;
  frames: number;
  latencyMs: number;
  throughputFps: number;
  predicted: CrossingEvent[];
  truth: CrossingEvent[];
  matches: Array<{ truth: number; predicted: number; deltaS: number }>;
  metric: PerformanceMetric;
  version: ModelVersion;
}

/**
 * Frames evaluated of the frames there are to evaluate: the run's own total (the recording's
 * length at the rate it samples, known from its first progress report) capped by `maxFrames`;
 * unknown (null) until then unless `maxFrames` is given. Reported at most every REPORT_EVERY_MS.
 */
function frameProgress(progress: OnProgress, maxFrames: number | undefined): { onFrame: () => void; onProgress: (p: RunProgress) => void } {
  let done = 0;
  let total: number | null = maxFrames ?? null;
  let reportedAt = 0;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - reportedAt < REPORT_EVERY_MS) return;
    reportedAt = now;
    progress({ stage: 'evaluating', done: total === null ? done : Math.min(done, total), total });
  };
  report(true);
  return {
    onFrame: () => {
      done += 1;
      report(false);
    },
    onProgress: (p) => {
      if (p.total !== null) total = maxFrames !== undefined ? Math.min(maxFrames, p.total) : p.total;
      report(true);
    },
  };
}

const REPORT_EVERY_MS = 100;

const MAX_TRUTH_BYTES = 64 * 1024 * 1024;
/** Boxes below this confidence are candidates for the tracker, not claims of a person. */
const DETECTION_CONFIDENCE = 0.25;

async function readTruth(path: string): Promise<CrossingTruth | MotTruth> {
  const file = await safeReadFile(path, { maxBytes: MAX_TRUTH_BYTES, what: 'Ground truth' }).catch((err: unknown) => {
    throw new RegistryError('TRUTH_INVALID', err instanceof Error ? err.message : String(err), { cause: err });
  });
  const text = file.bytes.toString('utf8');
  return /\.json$/i.test(file.path) ? parseCrossingTruth(text) : parseMotTruth(text);
}

/**
 * Runs a registered version (checksum verified) over a recording through the real counting
 * pipeline — nothing stored as counts — and scores it against ground truth: line crossings
 * (matched by line, direction and time) or MOT boxes (per frame, IoU >= 0.5). Precision, recall,
 * F1, accuracy, false-positive and false-negative rates, latency and throughput go into
 * model_performance_metrics and the version's validation_* columns.
 */
export async function evaluateVersion(ctx: RegistryContext, r: EvaluateRequest, progress: OnProgress = NO_PROGRESS): Promise<EvaluationOutcome> {
  const version = ctx.repos.modelVersions.find(r.modelId, r.version);
  if (!version) throw new RegistryError('NOT_FOUND', `model ${r.modelId} has no version ${r.version}`);
  progress({ stage: 'loading', done: null, total: null });
  const truth = await readTruth(r.truthPath);
  const { detector } = await loadVerifiedDetector(ctx.db, r.modelId, r.version, {
    provider: ctx.provider,
    intraOpThreads: ctx.intraOpThreads,
    purpose: 'evaluation',
  });
  let result: RunCountResult;
  let counts: MatchCounts;
  let predicted: CrossingEvent[] = [];
  let truthEvents: CrossingEvent[] = [];
  let matches: EvaluationOutcome['matches'] = [];
  const frames = frameProgress(progress, r.maxFrames ?? (truth.kind === 'crossings' ? truth.maxFrames : undefined));
  try {
    if (truth.kind === 'crossings') {
      result = await runCount({
        source: r.source,
        lines: truth.lines.map((l) => ({ id: null, ...l })),
        dbPath: null,
        fps: r.fps ?? truth.fps,
        maxFrames: r.maxFrames ?? truth.maxFrames,
        detector,
        onFrame: frames.onFrame,
        onProgress: frames.onProgress,
      });
      predicted = result.events.map((e) => ({ line: e.line, direction: e.direction, timeS: e.time_s }));
      // Truth beyond the evaluated stretch cannot have been seen.
      const lastS = result.frames / result.source.fps + truth.toleranceS;
      truthEvents = truth.events.filter((e) => e.timeS <= lastS);
      const score = scoreCrossings(predicted, truthEvents, truth.toleranceS);
      counts = score;
      matches = score.matches;
    } else {
      // MOT frame numbers are the recording's own: process every frame at its native rate.
      const native = (await probeSource(sourceFromArgument(r.source))).fps ?? 10;
      const mot = truth;
      const perFrame: MatchCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
      result = await runCount({
        source: r.source,
        lines: [],
        dbPath: null,
        fps: Math.min(30, native),
        maxFrames: r.maxFrames,
        detector,
        onProgress: frames.onProgress,
        onFrame: (o) => {
          frames.onFrame();
          const gt = mot.frames.get(o.frameIndex + 1) ?? [];
          const boxes: Box[] = [];
          for (let i = 0; i < o.detections.length; i++) {
            if (o.detections.confidence[i]! < DETECTION_CONFIDENCE) continue;
            const k = i * 4;
            boxes.push([o.detections.xyxy[k]!, o.detections.xyxy[k + 1]!, o.detections.xyxy[k + 2]!, o.detections.xyxy[k + 3]!]);
          }
          const tp = matchBoxes(boxes, gt, 0.5);
          perFrame.truePositives += tp;
          perFrame.falsePositives += boxes.length - tp;
          perFrame.falseNegatives += gt.length - tp;
        },
      });
      counts = perFrame;
    }
  } finally {
    await detector.dispose();
  }
  progress({ stage: 'scoring', done: result.frames, total: result.frames });
  const quality = qualityMetrics(counts);
  const latencyMs = Math.round(result.timing.inferMsPerFrame);
  const throughputFps = result.timing.msPerFrame > 0 ? Math.round((1000 / result.timing.msPerFrame) * 100) / 100 : 0;
  return ctx.repos.transaction(() => {
    const metric = ctx.repos.performanceMetrics.record({
      modelId: r.modelId,
      modelVersion: r.version,
      accuracyScore: quality.accuracy,
      precisionScore: quality.precision,
      recallScore: quality.recall,
      f1Score: quality.f1,
      inferenceLatencyMs: latencyMs,
      throughputFps,
      memoryUsageMb: Math.round((process.memoryUsage.rss() / 1048576) * 100) / 100,
      falsePositiveRate: quality.falsePositiveRate,
      falseNegativeRate: quality.falseNegativeRate,
      detectionRate: quality.recall,
    });
    const updated = ctx.repos.modelVersions.update(version.id, {
      validationAccuracy: quality.accuracy,
      validationPrecision: quality.precision,
      validationRecall: quality.recall,
      validationF1: quality.f1,
    });
    syncModelFlags(ctx, r.modelId);
    return {
      kind: truth.kind,
      counts: { truePositives: counts.truePositives, falsePositives: counts.falsePositives, falseNegatives: counts.falseNegatives },
      quality,
      frames: result.frames,
      latencyMs,
      throughputFps,
      predicted,
      truth: truthEvents,
      matches,
      metric,
      version: updated,
    };
  });
}
