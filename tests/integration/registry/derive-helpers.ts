import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { ensureDefaultModel } from '../../../src/engine/registry/ensure-model';
import { ModelRegistry } from '../../../src/engine/registry/model-registry';
import { SAMPLE_IMAGE } from './registry-helpers';

export interface SharedRegistry {
  dir: string;
  dbPath: string;
  storeDir: string;
  db: SqliteDatabase;
  registry: ModelRegistry;
  close(): void;
}

/**
 * A registry shared by every test of a file (derived models take seconds to make, so they are
 * made once in beforeAll), with the bundled default registered as yolov8n-coco@8.0.0 the way
 * first start does. openTestRegistry cleans up after each test, which is why this is separate.
 */
export async function openSharedRegistry(): Promise<SharedRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'footfall-derive-test-'));
  const dbPath = join(dir, 'footfall.db');
  const db = openMigratedDatabase(dbPath);
  await ensureDefaultModel(db);
  const registry = ModelRegistry.open(db, { sampleImage: SAMPLE_IMAGE, provider: 'cpu' });
  return {
    dir,
    dbPath,
    storeDir: join(dir, 'models'),
    db,
    registry,
    close: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
