/**
 * The live shadow's promise to the camera: the challenger never holds up a frame. It runs on a copy
 * of a frame when it is free; frames that arrive while it is busy are recorded as its skips; when
 * the capture starts dropping frames it backs off further. Driven with a challenger whose answers
 * the test releases by hand and a fake clock, over a real migrated SQLite file.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { createExperiment } from '../../../src/engine/experiments/create-experiment';
import { experimentStatus } from '../../../src/engine/experiments/experiment-status';
import { LiveShadow, type ShadowDetector } from '../../../src/engine/experiments/live-shadow';
import { silentLogger } from '../../../src/engine/log';
import { defaultModelPath } from '../../../src/engine/paths';
import type { FrameOutcome } from '../../../src/engine/pipeline/frame-processor';
import { ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { createRegistryContext, type RegistryContext } from '../../../src/engine/registry/registry-context';
import { emptyDetections, type RgbFrame } from '../../../src/engine/vision/detections';
import type { CameraFrameView } from '../../../src/engine/cameras/camera-runtime';

class HeldDetector implements ShadowDetector {
  readonly info = { inputWidth: 64, inputHeight: 64, classNames: ['person'] };
  readonly pending: Array<() => void> = [];
  calls = 0;
  disposed = false;
  detect(): ReturnType<ShadowDetector['detect']> {
    this.calls++;
    return new Promise((resolve) => this.pending.push(() => resolve({ detections: emptyDetections(), ms: { infer: 5, total: 6 } })));
  }
  release(): void {
    this.pending.shift()?.();
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

const frame = (index: number): RgbFrame => ({ width: 64, height: 64, index, timeS: index / 5, data: new Uint8Array(64 * 64 * 3) });
const outcome = (index: number): FrameOutcome => ({
  frameIndex: index,
  timeS: index / 5,
  model: { modelId: 'yolov8n-coco', versionNumber: '8.0.0' },
  detections: emptyDetections(),
  tracks: [],
  crossings: [],
  zoneEvents: [],
  occupancy: null,
  ms: { detect: 10, infer: 8, track: 1, total: 12 },
});
const view = (framesDropped: number): CameraFrameView => ({
  cameraId: 'door',
  fps: 5,
  sourceSize: { width: 64, height: 64 },
  lines: [{ id: null, name: 'door', x1: 32, y1: 0, x2: 32, y2: 64 }],
  tuning: { tracker: {}, lineCounter: {} },
  framesDropped,
});
const settle = () => new Promise<void>((r) => setImmediate(r));

describe.skipIf(!existsSync(defaultModelPath()))('live shadow on a camera', () => {
  let dir: string;
  let db: SqliteDatabase;
  let ctx: RegistryContext;
  let clock: number;
  let detector: HeldDetector;
  let shadow: LiveShadow;
  let experimentId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footfall-live-shadow-'));
    db = openMigratedDatabase(join(dir, 'f.db'));
    await ensureDefaultModel(db);
    ctx = createRegistryContext(db);
    const { experiment, design } = createExperiment(ctx, {
      name: 'live',
      baseline: 'yolov8n-coco@8.0.0',
      challenger: 'yolov8n-coco@8.0.0',
      mode: 'shadow',
      intervalS: 10,
      minSamples: 10,
    });
    experimentId = experiment.experimentId;
    clock = Date.parse('2026-12-01T10:00:00.000Z');
    detector = new HeldDetector();
    shadow = new LiveShadow({ ctx, experiment, design, cameraId: 'door', challenger: detector, log: silentLogger(), now: () => clock });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips (and records) frames that arrive while the challenger is busy; the baseline keeps every frame', async () => {
    for (let i = 0; i < 5; i++) {
      shadow.onFrame(outcome(i), frame(i), view(0));
      clock += 200;
    }
    // One frame in flight, four skipped: onFrame returned at once every time.
    expect(detector.calls).toBe(1);
    expect(shadow.skipped).toBe(4);
    detector.release();
    await settle();
    shadow.onFrame(outcome(5), frame(5), view(0));
    expect(detector.calls).toBe(2);
    detector.release();
    await shadow.close();
    expect(detector.disposed).toBe(true);
    const rows = db.prepare('SELECT arm, frames, skipped_frames FROM ab_interval_metrics WHERE experiment_id = ? ORDER BY arm').all(experimentId);
    expect(rows).toEqual([
      { arm: 'baseline', frames: 6, skipped_frames: 0 },
      { arm: 'challenger', frames: 2, skipped_frames: 4 },
    ]);
    const status = experimentStatus(ctx.repos, experimentId);
    expect(status.arms.map((a) => [a.role, a.frames, a.skippedFrames])).toEqual([
      ['baseline', 6, 0],
      ['challenger', 2, 4],
    ]);
    expect(status.assignments).toEqual({ baseline: 1, challenger: 1 });
  });

  it('backs off when the capture drops frames (the baseline is short of CPU), and eases back after', async () => {
    let dropped = 0;
    let index = 0;
    const step = (drops: number): void => {
      dropped += drops;
      shadow.onFrame(outcome(index), frame(index), view(dropped));
      index++;
      clock += 200;
      detector.release();
    };
    step(0);
    await settle();
    const callsBefore = detector.calls;
    step(1); // drops seen: this frame and the next are skipped although the challenger is idle
    await settle();
    step(0);
    await settle();
    expect(detector.calls).toBe(callsBefore);
    step(0);
    await settle();
    expect(detector.calls).toBe(callsBefore + 1);
    // Drops go on: the back-off doubles (4 frames), then eases back once they stop.
    step(1);
    await settle();
    for (let k = 0; k < 3; k++) {
      step(0);
      await settle();
    }
    expect(detector.calls).toBe(callsBefore + 1);
    for (let k = 0; k < 4; k++) {
      step(0);
      await settle();
    }
    expect(detector.calls).toBe(callsBefore + 5);
    expect(shadow.skipped).toBe(6);
    await shadow.close();
  });

  it('also backs off when frames come late (a source read with back-pressure never drops)', async () => {
    for (let i = 0; i < 3; i++) {
      shadow.onFrame(outcome(i), frame(i), view(0));
      detector.release();
      await settle();
      clock += 200;
    }
    expect(detector.calls).toBe(3);
    clock += 400; // this frame comes 600 ms after the last one: three frame periods at 5 fps
    shadow.onFrame(outcome(3), frame(3), view(0));
    expect(detector.calls).toBe(3);
    expect(shadow.skipped).toBe(1);
    await shadow.close();
  });

  it('stores each interval once it is over, while the camera runs', async () => {
    for (let i = 0; i < 150; i++) {
      shadow.onFrame(outcome(i), frame(i), view(0));
      detector.release();
      await settle();
      clock += 200; // 5 fps, 30 s in all: three intervals of 10 s
    }
    const stored = (db.prepare('SELECT count(DISTINCT interval_index) AS n FROM ab_interval_metrics WHERE experiment_id = ?').get(experimentId) as { n: number }).n;
    expect(stored).toBeGreaterThanOrEqual(1);
    await shadow.close();
    const all = (db.prepare('SELECT count(DISTINCT interval_index) AS n FROM ab_interval_metrics WHERE experiment_id = ?').get(experimentId) as { n: number }).n;
    expect(all).toBe(3);
  });
});
