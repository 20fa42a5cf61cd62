/**
 * Counting accuracy against exact ground truth: real people cut from vtest.avi walk scripted paths
 * over the real empty plaza (src/engine/bench/synthetic), the video is encoded by ffmpeg, and the
 * real pipeline (ffmpeg capture → YOLOv8n → ByteTrack → LineZone → SQLite) counts it. Events are
 * matched to the true crossings per direction; the product target is F1 ≥ 0.95 each way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/db/open-database';
import { PersonDetector } from '../../../src/engine/inference/person-detector';
import { defaultModelPath } from '../../../src/engine/paths';
import { runCount, type RunCountResult } from '../../../src/engine/pipeline/run-count';
import { formatScores, scoreEvents, type TruthEvent } from '../../../src/engine/bench/synthetic/ground-truth';
import { PLAZA_ACTORS, PLAZA_FRAMES, PLAZA_LINE } from '../../../src/engine/bench/synthetic/plaza-scenario';
import { generateScene, loadSceneAssets, type GeneratedScene } from '../../../src/engine/bench/synthetic/scene';

const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');
/**
 * The counter confirms a crossing once the anchor is past the hysteresis band (4% of the line,
 * 11 px here): ≤ 4 frames at the slowest walker's 3 px/frame, plus 2 frames for a new track to
 * be confirmed. 10 frames (1 s) leaves room for box jitter without pairing unrelated events.
 */
const TOLERANCE_FRAMES = 10;
const TARGET_F1 = 0.95;

describe('counting accuracy on a scripted scene with real people (synthetic ground truth)', () => {
  let dir: string;
  let detector: PersonDetector;
  let scene: GeneratedScene;
  let truth: TruthEvent[];
  let result: RunCountResult;
  let dbPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-accuracy-'));
    dbPath = join(dir, 'accuracy.db');
    // The same settings runCount uses for its own detector, loaded once and shared with the
    // sprite cutter (model load is seconds on this machine).
    detector = await PersonDetector.load(defaultModelPath(), { confThreshold: 0.1 });
    const assets = await loadSceneAssets(VTEST, detector);
    scene = await generateScene({ dir, assets, actors: PLAZA_ACTORS, frames: PLAZA_FRAMES });
    truth = scene.truth(PLAZA_LINE);
    result = await runCount({
      source: scene.videoPath,
      lines: [{ id: null, name: 'door', ...PLAZA_LINE }],
      dbPath,
      detector,
    });
  }, 600_000);

  afterAll(async () => {
    await detector?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the scripted scene has the intended ground truth', () => {
    // Guards the fixture itself: 5 in, 4 out; the walker who turns back and the one passing
    // beside the segment's end never cross it.
    const byActor = (d: 'in' | 'out'): string[] => truth.filter((e) => e.direction === d).map((e) => e.actor).sort();
    expect(byActor('in')).toEqual(['A-in-far', 'C-in-pair-back', 'D-in-pair-front', 'H-in-diagonal', 'K-in-slow']);
    expect(byActor('out')).toEqual(['B-out-mid', 'E-out-fast', 'I-out-diagonal', 'J-out-far']);
    expect(scene.frames).toBe(PLAZA_FRAMES);
  });

  it('processes every frame of the generated video', () => {
    expect(result.frames).toBe(PLAZA_FRAMES);
    expect(result.source).toMatchObject({ width: scene.width, height: scene.height, fps: 10 });
  });

  it(`reaches F1 ≥ ${TARGET_F1} per direction against the true crossings`, () => {
    const scores = scoreEvents(
      result.events.map((e) => ({ direction: e.direction, frame: e.frame, track: e.track })),
      truth,
      TOLERANCE_FRAMES,
    );
    const detail = (['in', 'out'] as const)
      .map((d) => {
        const s = scores[d];
        return [
          `${d}: matched ${s.matches.map((m) => `${m.actor}@${m.truthFrame}→track ${m.track}@${m.predictedFrame}`).join(', ') || '-'}`,
          `${d}: missed ${s.missed.map((m) => `${m.actor}@${m.frame}`).join(', ') || '-'}`,
          `${d}: spurious ${s.spurious.map((p) => `track ${p.track}@${p.frame}`).join(', ') || '-'}`,
        ].join('\n');
      })
      .join('\n');
    // Not part of the target, but the first thing to look at when it is missed: one track carrying
    // two people (an identity hand-over) can hide the second one's crossing in the same direction.
    const actorsByTrack = new Map<number, string[]>();
    for (const m of [...scores.in.matches, ...scores.out.matches]) {
      if (m.track !== undefined) actorsByTrack.set(m.track, [...(actorsByTrack.get(m.track) ?? []), m.actor]);
    }
    const shared = [...actorsByTrack].filter(([, actors]) => actors.length > 1).map(([t, actors]) => `track ${t}: ${actors.join(' + ')}`);
    console.log(
      `accuracy (tolerance ±${TOLERANCE_FRAMES} frames, ${result.frames} frames, ${result.timing.msPerFrame.toFixed(0)} ms/frame):\n` +
        `${formatScores(scores)}\n${detail}\ntracks counted for several people: ${shared.join('; ') || 'none'}`,
    );
    expect(scores.in.f1, `in: ${detail}`).toBeGreaterThanOrEqual(TARGET_F1);
    expect(scores.out.f1, `out: ${detail}`).toBeGreaterThanOrEqual(TARGET_F1);
  });

  it('the totals agree with the events and with the stored counting rows', () => {
    expect(result.in).toBe(result.events.filter((e) => e.direction === 'in').length);
    expect(result.out).toBe(result.events.filter((e) => e.direction === 'out').length);
    const db = openDatabase(dbPath, { readonly: true });
    try {
      const rows = db
        .prepare(`SELECT direction, COUNT(*) AS n FROM counting_results WHERE event_type = 'cross_line' GROUP BY direction`)
        .all() as Array<{ direction: string; n: number }>;
      const stored = Object.fromEntries(rows.map((r) => [r.direction, r.n]));
      expect({ in: stored.in ?? 0, out: stored.out ?? 0 }).toEqual({ in: result.in, out: result.out });
      const frames = db.prepare('SELECT COUNT(*) AS n FROM model_inference_results').get() as { n: number };
      expect(frames.n).toBe(result.frames);
    } finally {
      db.close();
    }
  });
});
