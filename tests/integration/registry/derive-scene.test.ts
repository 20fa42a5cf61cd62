/**
 * The derived versions count the generated-video scene (real people from vtest.avi walking
 * scripted paths over the real plaza, src/engine/bench/synthetic) through the real pipeline
 * within one crossing of their parent, in each direction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAZA_ACTORS, PLAZA_FRAMES, PLAZA_LINE } from '../../../src/engine/bench/synthetic/plaza-scenario';
import { generateScene, loadSceneAssets, type GeneratedScene } from '../../../src/engine/bench/synthetic/scene';
import type { PersonDetector } from '../../../src/engine/inference/person-detector';
import { loadVerifiedDetector } from '../../../src/engine/registry/model-loader';
import { runCount } from '../../../src/engine/pipeline/run-count';
import { openSharedRegistry, type SharedRegistry } from './derive-helpers';
import { MODEL_PATH, requireAssets, VTEST } from './registry-helpers';

interface Counted {
  in: number;
  out: number;
  frames: number;
}

describe('derived versions count the generated scene within 1 of their parent', () => {
  let t: SharedRegistry;
  let sceneDir: string;
  let scene: GeneratedScene;
  const counts: Record<string, Counted> = {};
  const truth = { in: 0, out: 0 };

  async function count(version: string): Promise<Counted> {
    const d: PersonDetector = (await loadVerifiedDetector(t.db, 'yolov8n-coco', version, { provider: 'cpu' })).detector;
    try {
      const r = await runCount({ source: scene.videoPath, lines: [{ id: null, name: 'door', ...PLAZA_LINE }], dbPath: null, detector: d });
      return { in: r.in, out: r.out, frames: r.frames };
    } finally {
      await d.dispose();
    }
  }

  beforeAll(async () => {
    requireAssets(MODEL_PATH, VTEST);
    t = await openSharedRegistry();
    sceneDir = mkdtempSync(join(tmpdir(), 'footfall-derive-scene-'));
    const parent = (await loadVerifiedDetector(t.db, 'yolov8n-coco', '8.0.0', { provider: 'cpu' })).detector;
    try {
      scene = await generateScene({ dir: sceneDir, assets: await loadSceneAssets(VTEST, parent), actors: PLAZA_ACTORS, frames: PLAZA_FRAMES });
    } finally {
      await parent.dispose();
    }
    for (const e of scene.truth(PLAZA_LINE)) truth[e.direction]++;
    await t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0', inputSize: 320 });
    // Calibrated on the shop's own footage, as a technician would (the scene's background and people come from it).
    await t.registry.derive({ modelId: 'yolov8n-coco', version: '8.0.0', int8: true, calibrate: VTEST, calibrationFrames: 8 });
    for (const v of ['8.0.0', '8.0.0-i320', '8.0.0-int8']) counts[v] = await count(v);
  }, 600_000);

  afterAll(() => {
    t?.close();
    if (sceneDir) rmSync(sceneDir, { recursive: true, force: true });
  });

  it('the parent counts the scene (control: 5 in, 4 out are true)', () => {
    expect(truth).toEqual({ in: 5, out: 4 });
    expect(counts['8.0.0']!.frames).toBe(PLAZA_FRAMES);
    expect(Math.abs(counts['8.0.0']!.in - truth.in)).toBeLessThanOrEqual(1);
    expect(Math.abs(counts['8.0.0']!.out - truth.out)).toBeLessThanOrEqual(1);
  });

  it.each(['8.0.0-i320', '8.0.0-int8'])('%s: in and out each within 1 of the parent, every frame processed', (version) => {
    const c = counts[version]!;
    const p = counts['8.0.0']!;
    expect(c.frames).toBe(PLAZA_FRAMES);
    expect(Math.abs(c.in - p.in), `${version} in ${c.in} vs parent ${p.in}`).toBeLessThanOrEqual(1);
    expect(Math.abs(c.out - p.out), `${version} out ${c.out} vs parent ${p.out}`).toBeLessThanOrEqual(1);
  });
});
