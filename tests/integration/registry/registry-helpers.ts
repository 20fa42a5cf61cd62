import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach } from 'vitest';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { ModelRegistry } from '../../../src/engine/registry/model-registry';
import { buildOnnx, int64Initializer } from '../../fixtures/onnx/build-onnx';
import { media, MODEL_PATH, MODEL_SHA256, requireAssets } from '../inference/assets';

export { media, MODEL_PATH, MODEL_SHA256, requireAssets };

export const SAMPLE_IMAGE = media('person.jpg');
export const VTEST = media('vtest.avi');

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

export function tempDir(prefix = 'footfall-registry-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestRegistry {
  dir: string;
  dbPath: string;
  storeDir: string;
  db: SqliteDatabase;
  registry: ModelRegistry;
}

/** A real SQLite file in a fresh folder, migrated, with the registry storing beside it. */
export function openTestRegistry(o: { maxImportBytes?: number } = {}): TestRegistry {
  const dir = tempDir();
  const dbPath = join(dir, 'footfall.db');
  const db = openMigratedDatabase(dbPath);
  cleanups.unshift(() => {
    if (db.open) db.close();
  });
  const registry = ModelRegistry.open(db, { sampleImage: SAMPLE_IMAGE, provider: 'cpu', ...(o.maxImportBytes ? { maxImportBytes: o.maxImportBytes } : {}) });
  return { dir, dbPath, storeDir: join(dir, 'models'), db, registry };
}

/** Every file under `dir` (relative path → size); {} when the folder does not exist. */
export function listing(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string): void => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const name of names) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else out[relative(dir, p)] = s.size;
    }
  };
  walk(dir);
  return out;
}

export const REGISTRY_TABLES = [
  'users',
  'ai_models',
  'model_versions',
  'model_training_history',
  'model_version_control',
  'model_branches',
  'model_deployment_pipeline',
  'model_performance_metrics',
  'camera_model_deployments',
  'model_deployment_events',
] as const;

export function rowCounts(db: SqliteDatabase): Record<string, number> {
  return Object.fromEntries(REGISTRY_TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function lengthDelimited(field: number, body: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint((field << 3) | 2), ...varint(body.length), ...body]);
}

/**
 * The same model with one more metadata_props entry (ModelProto field 14) appended: protobuf
 * merges repeated fields from anywhere in the message, so onnxruntime loads identical weights, but
 * the bytes — and so the sha256 — differ. Two registry versions that must count identically.
 */
export function withExtraMetadata(bytes: Uint8Array, key: string, value: string): Uint8Array {
  const enc = new TextEncoder();
  const entry = Uint8Array.from([...lengthDelimited(1, enc.encode(key)), ...lengthDelimited(2, enc.encode(value))]);
  const field = lengthDelimited(14, entry);
  const out = new Uint8Array(bytes.length + field.length);
  out.set(bytes, 0);
  out.set(field, bytes.length);
  return out;
}

const f32 = (v: number): Uint8Array => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return b;
};

/** A detector-shaped model ([1,3,56,56] → [1,84,112]) whose every output value is NaN. */
export function nanOutputModel(): Uint8Array {
  return buildOnnx({
    nodes: [
      { opType: 'Reshape', inputs: ['images', 'shape'], outputs: ['r'] },
      { opType: 'Mul', inputs: ['r', 'k'], outputs: ['output0'] },
    ],
    inputs: [{ name: 'images', dims: [1, 3, 56, 56] }],
    outputs: [{ name: 'output0', dims: [1, 84, 112] }],
    initializers: [int64Initializer('shape', [1, 84, 112]), { name: 'k', dataType: 1, dims: [1], raw: f32(Number.NaN) }],
  });
}

/**
 * Declares a [1,84,'n'] output (onnxruntime reports [1,84,168], a valid YOLOv8 head) but really
 * produces [1,56,168]: the shape goes through Compress, which shape inference cannot follow, and
 * onnxruntime only warns when declared and actual shapes differ.
 */
export function wrongShapeOutputModel(): Uint8Array {
  return buildOnnx({
    nodes: [
      { opType: 'Greater', inputs: ['images', 'thr'], outputs: ['g'] },
      { opType: 'Reshape', inputs: ['g', 'flat'], outputs: ['gf'] },
      { opType: 'Reshape', inputs: ['images', 'flat'], outputs: ['xf'] },
      { opType: 'Compress', inputs: ['xf', 'gf'], outputs: ['c'] },
      { opType: 'Reshape', inputs: ['c', 'oshape'], outputs: ['output0'] },
    ],
    inputs: [{ name: 'images', dims: [1, 3, 56, 56] }],
    outputs: [{ name: 'output0', dims: [1, 84, 'n'] }],
    initializers: [
      { name: 'thr', dataType: 1, dims: [], raw: f32(-1) },
      int64Initializer('flat', [-1]),
      int64Initializer('oshape', [1, -1, 168]),
    ],
  });
}
