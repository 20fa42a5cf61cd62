/**
 * Counting accuracy on the two scripted scenes with exact truth (src/engine/bench/synthetic): the
 * sparse plaza (single walkers, turn-back, walkers beside the segment's end) and the dense one
 * (groups meeting at the line, pairs and trios side by side, people standing on and near the line).
 * Each scene is rendered into `dir`, counted by the real pipeline (runCount: ffmpeg capture →
 * detector → tracker → line counter), scored per direction (precision, recall, F1) and diagnosed
 * per crossing (crossing-report.ts). Used by `npm run bench` and by the accuracy tests, so both
 * report the same figures.
 */
import type { PersonDetector } from '../inference/person-detector';
import { runCount, type RunCountResult } from '../pipeline/run-count';
import { buildCrossingReport, formatCrossingReport, type CrossingReport, type ReportFrame } from './crossing-report';
import { DENSE_ACTORS, DENSE_FRAMES, DENSE_LINE } from './synthetic/dense-scenario';
import { formatScores, scoreEvents, type Direction, type DirectionScore, type LineSeg, type TruthEvent } from './synthetic/ground-truth';
import { PLAZA_ACTORS, PLAZA_FRAMES, PLAZA_LINE } from './synthetic/plaza-scenario';
import { anchorAt, generateScene, loadSceneAssets, spriteBoxAt, type ActorScript, type GeneratedScene, type SceneAssets } from './synthetic/scene';

export type SceneName = 'sparse' | 'dense';

export interface SceneSpec {
  name: SceneName;
  actors: ActorScript[];
  frames: number;
  line: LineSeg;
  /**
   * Frames a count may be away from the true crossing and still be it. Sparse: 10 (1 s: the
   * hysteresis band at the slowest walker plus the two frames a new track needs). Dense: 20 (2 s):
   * someone hidden in a group at the line is counted when seen whole again on the other side,
   * which can be up to the 1–1.5 s the groups take to pass through each other later.
   */
  toleranceFrames: number;
}

export const SCENES: Readonly<Record<SceneName, SceneSpec>> = Object.freeze({
  sparse: { name: 'sparse', actors: PLAZA_ACTORS, frames: PLAZA_FRAMES, line: PLAZA_LINE, toleranceFrames: 10 },
  dense: { name: 'dense', actors: DENSE_ACTORS, frames: DENSE_FRAMES, line: DENSE_LINE, toleranceFrames: 20 },
});

export interface DirectionFigures {
  truth: number;
  counted: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SceneAccuracy {
  scene: SceneName;
  frames: number;
  people: number;
  toleranceFrames: number;
  in: DirectionFigures;
  out: DirectionFigures;
  scores: Record<Direction, DirectionScore>;
  truth: TruthEvent[];
  report: CrossingReport;
  /** Scores table, then the per-crossing report. */
  text: string;
  run: RunCountResult;
  generated: GeneratedScene;
}

export interface MeasureSceneOptions {
  dir: string;
  /** The detector runCount uses (loaded with confThreshold 0.1, as runCount loads its own). */
  detector: PersonDetector;
  /** The recording the scene's people and background come from (vtest.avi). */
  source: string;
  dbPath?: string | null;
}

const figures = (s: DirectionScore): DirectionFigures => ({
  truth: s.truth, counted: s.predicted, tp: s.tp, fp: s.fp, fn: s.fn, precision: s.precision, recall: s.recall, f1: s.f1,
});

/** Renders, counts, scores and diagnoses one scene. */
export async function measureSceneAccuracy(spec: SceneSpec, o: MeasureSceneOptions): Promise<SceneAccuracy> {
  const assets: SceneAssets = await loadSceneAssets(o.source, o.detector);
  const generated = await generateScene({ dir: o.dir, assets, actors: spec.actors, frames: spec.frames, fileName: `${spec.name}.avi` });
  const truth = generated.truth(spec.line);
  const frames: ReportFrame[] = [];
  const run = await runCount({
    source: generated.videoPath,
    lines: [{ id: null, name: 'door', ...spec.line }],
    dbPath: o.dbPath ?? null,
    detector: o.detector,
    onFrame: (f) => frames.push({ frame: f.frameIndex, length: f.detections.length, xyxy: f.detections.xyxy, trackerId: f.detections.trackerId }),
  });
  const predicted = run.events.map((e) => ({ direction: e.direction, frame: e.frame, track: e.track }));
  const scores = scoreEvents(predicted, truth, spec.toleranceFrames);
  const truthBoxes = (frame: number): Array<{ actor: string; box: [number, number, number, number] }> => {
    const out: Array<{ actor: string; box: [number, number, number, number] }> = [];
    spec.actors.forEach((a, i) => {
      const p = anchorAt(a, frame);
      if (p) out.push({ actor: a.name, box: spriteBoxAt(assets, generated.sprites[i]!, p) });
    });
    return out;
  };
  const report = buildCrossingReport(frames, truthBoxes, truth, predicted);
  return {
    scene: spec.name,
    frames: run.frames,
    people: spec.actors.length,
    toleranceFrames: spec.toleranceFrames,
    in: figures(scores.in),
    out: figures(scores.out),
    scores,
    truth,
    report,
    text: `${spec.name} scene (${spec.actors.length} people, ${run.frames} frames, tolerance ±${spec.toleranceFrames} frames):\n${formatScores(scores)}\n${formatCrossingReport(report)}`,
    run,
    generated,
  };
}
