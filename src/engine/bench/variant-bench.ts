/**
 * `bench`'s `variants` section: the derived variants of the default model (320, int8, 320+int8),
 * made in a throwaway registry in the same run, each timed against its parent on this machine and
 * counted on the generated sparse scene; then the fastest variant that counts within 1 of the
 * parent (in and out) runs four cameras at 15 fps. Measured, never asserted.
 */
import { join } from 'node:path';
import { openMigratedDatabase } from '../db/open-migrated-database';
import type { PersonDetector } from '../inference/person-detector';
import { measureRawInference } from '../inference/raw-inference';
import { runCount } from '../pipeline/run-count';
import type { DeriveRequest } from '../registry/derive/derive-version';
import { DEFAULT_MODEL_ID, DEFAULT_MODEL_VERSION, ensureDefaultModel } from '../registry/ensure-model';
import { loadVerifiedDetector } from '../registry/model-loader';
import { ModelRegistry } from '../registry/model-registry';
import { runMultiCameraBench, type MultiCameraBenchResult } from './multi-camera-bench';
import { PLAZA_ACTORS, PLAZA_FRAMES, PLAZA_LINE } from './synthetic/plaza-scenario';
import { generateScene, loadSceneAssets } from './synthetic/scene';

export interface VariantFigures {
  ref: string;
  kind: string;
  inputSize: number;
  /** Mean session.run time, interleaved with the parent's rounds so load changes hit both. */
  rawInferenceMsPerFrame: number;
  /** Parent ms / variant ms: above 1 is faster. */
  speedVsParent: number;
  deriveMs: number;
  sizeMb: number;
  scene: { in: number; out: number; withinOneOfParent: boolean };
}

export interface VariantBenchResult {
  parent: { ref: string; rawInferenceMsPerFrame: number; scene: { in: number; out: number; truthIn: number; truthOut: number } };
  variants: VariantFigures[];
  /** The fastest variant counting within 1 of the parent, and its multi-camera run. */
  best: string | null;
  multiCamera: MultiCameraBenchResult | null;
}

export interface VariantBenchOptions {
  dir: string;
  /** Recording the int8 variants calibrate on and the scene's people come from (vtest.avi). */
  video: string;
  rounds?: number;
  framesPerRound?: number;
  cameras?: number;
  fps?: number;
  cameraSeconds?: number;
  onProgress?: (what: string) => void;
}

const round = (v: number, d = 2): number => Math.round(v * 10 ** d) / 10 ** d;

const VARIANTS: Array<Omit<DeriveRequest, 'modelId' | 'version' | 'calibrate'>> = [{ inputSize: 320 }, { int8: true }, { inputSize: 320, int8: true }];

export async function runVariantBench(o: VariantBenchOptions): Promise<VariantBenchResult> {
  const progress = o.onProgress ?? (() => undefined);
  const db = openMigratedDatabase(join(o.dir, 'variants.db'));
  const detectors: PersonDetector[] = [];
  try {
    await ensureDefaultModel(db);
    const registry = ModelRegistry.open(db, { storeDir: join(o.dir, 'variant-models'), provider: 'cpu' });
    const parentRef = `${DEFAULT_MODEL_ID}@${DEFAULT_MODEL_VERSION}`;
    const made = [];
    for (const v of VARIANTS) {
      progress(`deriving ${JSON.stringify(v)}`);
      made.push(await registry.derive({ modelId: DEFAULT_MODEL_ID, version: DEFAULT_MODEL_VERSION, ...v, ...(v.int8 ? { calibrate: o.video } : {}) }));
    }
    const load = async (version: string): Promise<PersonDetector> => {
      const d = (await loadVerifiedDetector(db, DEFAULT_MODEL_ID, version, { provider: 'cpu', purpose: 'benchmark' })).detector;
      detectors.push(d);
      await d.warmup(2);
      return d;
    };
    const parent = await load(DEFAULT_MODEL_VERSION);
    const variants = [];
    for (const m of made) variants.push(await load(m.version.versionNumber));

    // Interleaved rounds: this machine's speed drifts (shared cores), so every model is timed in
    // every round and the means compared.
    progress('timing');
    const all = [parent, ...variants];
    const sums = all.map(() => 0);
    const rounds = o.rounds ?? 3;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < all.length; i++) sums[i]! += (await measureRawInference(all[i]!, o.framesPerRound ?? 10)).msPerFrame;
    }
    const ms = sums.map((s) => s / rounds);

    progress('counting the generated scene');
    const assets = await loadSceneAssets(o.video, parent);
    const scene = await generateScene({ dir: o.dir, assets, actors: PLAZA_ACTORS, frames: PLAZA_FRAMES, fileName: 'variants-scene.avi' });
    const truth = scene.truth(PLAZA_LINE);
    const countWith = async (d: PersonDetector): Promise<{ in: number; out: number }> => {
      const r = await runCount({ source: scene.videoPath, lines: [{ id: null, name: 'door', ...PLAZA_LINE }], dbPath: null, detector: d });
      return { in: r.in, out: r.out };
    };
    const parentCount = await countWith(parent);
    const figures: VariantFigures[] = [];
    for (let i = 0; i < made.length; i++) {
      const c = await countWith(variants[i]!);
      const m = made[i]!;
      figures.push({
        ref: m.ref,
        kind: m.kind,
        inputSize: m.inputSize,
        rawInferenceMsPerFrame: round(ms[i + 1]!),
        speedVsParent: round(ms[0]! / ms[i + 1]!),
        deriveMs: m.ms,
        sizeMb: round(m.sizeBytes / 1048576, 1),
        scene: { ...c, withinOneOfParent: Math.abs(c.in - parentCount.in) <= 1 && Math.abs(c.out - parentCount.out) <= 1 },
      });
    }
    for (const d of detectors.splice(0)) await d.dispose();

    const best = figures.filter((f) => f.scene.withinOneOfParent).sort((a, b) => a.rawInferenceMsPerFrame - b.rawInferenceMsPerFrame)[0];
    let multiCamera: MultiCameraBenchResult | null = null;
    if (best && (o.cameras ?? 4) >= 2) {
      progress(`${o.cameras ?? 4} cameras at ${o.fps ?? 15} fps with ${best.ref}`);
      const v = made.find((m) => m.ref === best.ref)!;
      const path = registry.show(DEFAULT_MODEL_ID).versions.find((x) => x.versionNumber === v.version.versionNumber)?.modelFilePath;
      if (path) multiCamera = await runMultiCameraBench({ cameras: o.cameras ?? 4, fps: o.fps ?? 15, seconds: o.cameraSeconds ?? 20, video: o.video, modelFile: path });
    }
    return {
      parent: {
        ref: parentRef,
        rawInferenceMsPerFrame: round(ms[0]!),
        scene: { ...parentCount, truthIn: truth.filter((e) => e.direction === 'in').length, truthOut: truth.filter((e) => e.direction === 'out').length },
      },
      variants: figures,
      best: best?.ref ?? null,
      multiCamera,
    };
  } finally {
    for (const d of detectors) await d.dispose();
    db.close();
  }
}
