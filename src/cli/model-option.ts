import { existsSync } from 'node:fs';
import { openMigratedDatabase } from '../engine/db/open-migrated-database';
import type { PersonDetector, PersonDetectorOptions } from '../engine/inference/person-detector';
import { ensureDefaultModel } from '../engine/registry/ensure-model';
import { loadVerifiedDetector } from '../engine/registry/model-loader';
import { formatModelRef, tryParseModelRef } from '../shared/model-ref';
import { CliError } from './output';

export interface RefDetector {
  detector: PersonDetector;
  /** `MODEL_ID@VERSION` the detector was loaded from. */
  ref: string;
}

/**
 * `--model MODEL_ID@VERSION` (count, detect, bench): the registered version in `--db`, loaded
 * through the registry's loader (checksum of the loaded bytes verified, failures recorded).
 * Returns undefined when `model` is a file (an existing path always means the file).
 */
export async function loadModelRef(model: string | undefined, dbPath: string | undefined, opts: PersonDetectorOptions = {}): Promise<RefDetector | undefined> {
  if (model === undefined || existsSync(model)) return undefined;
  const parts = tryParseModelRef(model);
  if (!parts) return undefined;
  if (!dbPath) throw new CliError('INVALID_OPTIONS', `--model ${model} names a registered version: give the --db it is registered in`, 2);
  if (!existsSync(dbPath)) throw new CliError('NOT_FOUND', `database ${dbPath} does not exist, so it has no version ${model}`);
  const db = openMigratedDatabase(dbPath);
  try {
    // A fresh database learns the bundled default first, so yolov8n-coco@8.0.0 always resolves.
    await ensureDefaultModel(db);
    const { detector } = await loadVerifiedDetector(db, parts.modelId, parts.version, { ...opts, purpose: 'command line' });
    return { detector, ref: formatModelRef(parts.modelId, parts.version) };
  } finally {
    db.close();
  }
}
