import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDatabase } from '../../../src/engine/db/db-check';
import { migrate } from '../../../src/engine/db/migrate';
import { MIGRATIONS } from '../../../src/engine/db/migrations';
import { repositoriesFor } from '../../../src/engine/db/repositories';
import { parseTrainingJson, parseUltralyticsResultsCsv } from '../../../src/engine/registry/training-files';
import { openTestRegistry, tempDir } from './registry-helpers';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { join } from 'node:path';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

describe('training files', () => {
  it('reads an Ultralytics results.csv (padded header): losses of the last epoch, mAP50-95 of the best', () => {
    const run = parseUltralyticsResultsCsv(readFileSync(`${FIXTURES}results.csv`, 'utf8'));
    expect(run).toMatchObject({
      format: 'ultralytics-results-csv',
      epochsCompleted: 5,
      trainingLoss: 3.6334,
      validationLoss: 3.8832,
      validationAccuracy: 36.74,
      trainingAccuracy: null,
      durationHours: null,
      best: { epoch: 4, 'metrics/mAP50-95(B)': 0.36742 },
    });
    expect(run.epochs[0]).toMatchObject({ epoch: 1, 'train/box_loss': 1.4318, 'lr/pg0': 0.070017 });
  });

  it('reads the newer layout with a time column and NaN losses; refuses what is not a results.csv', () => {
    const csv = [
      'epoch,time,train/box_loss,train/cls_loss,train/dfl_loss,metrics/precision(B),metrics/recall(B),metrics/mAP50(B),metrics/mAP50-95(B),val/box_loss,val/cls_loss,val/dfl_loss,lr/pg0,lr/pg1,lr/pg2',
      '1,61.2,1.5,2.0,1.3,0.5,0.4,0.45,0.25,1.6,1.9,1.4,0.07,0.003,0.003',
      '2,123.9,nan,1.8,1.2,0.55,0.45,0.5,0.3,1.5,1.7,1.3,0.04,0.006,0.006',
    ].join('\r\n');
    const run = parseUltralyticsResultsCsv(csv);
    expect(run).toMatchObject({ epochsCompleted: 2, trainingLoss: 3, validationLoss: 4.5, validationAccuracy: 30, durationHours: 0.0344 });
    expect(run.epochs[1]!['train/box_loss']).toBeNull();
    expect(() => parseUltralyticsResultsCsv('a,b\n1,2')).toThrow(/no "epoch" column/);
    expect(() => parseUltralyticsResultsCsv('epoch,x\n1')).toThrow(/row 2 has 1 values/);
    expect(() => parseUltralyticsResultsCsv('epoch,x\n1,abc')).toThrow(/not a number/);
  });

  it('reads the documented JSON layout and refuses unknown keys', () => {
    const run = parseTrainingJson(readFileSync(`${FIXTURES}training-run.json`, 'utf8'));
    expect(run).toMatchObject({ runId: 'entrance-finetune-2025-03-01', status: 'completed', epochsCompleted: 3, totalEpochs: 3, durationHours: 2.5, validationAccuracy: 35.2 });
    expect(run.best).toMatchObject({ epoch: 3, mAP50: 0.604 });
    expect(() => parseTrainingJson(JSON.stringify({ format: 'footfall-training/v1', epochs: [], epoch: 1 }))).toThrow(/Unrecognized key/);
    expect(() => parseTrainingJson(JSON.stringify({ format: 'other', epochs: [] }))).toThrow(/format/);
  });
});

describe('migration 0008 (deployments)', () => {
  it('carries the production model of an older database over as the site default', () => {
    const dir = tempDir();
    const db = openMigratedDatabase(join(dir, 'old.db'), { migrations: MIGRATIONS.slice(0, 7) });
    try {
      db.prepare("INSERT INTO ai_models (model_id, model_name, model_type, model_version, is_production, deployment_status) VALUES ('old', 'Old', 'detection', '1.0.0', 1, 'production')").run();
      db.prepare("INSERT INTO model_versions (model_id, version_number) VALUES ('old', '1.0.0')").run();
      expect(migrate(db).applied).toEqual(MIGRATIONS.slice(7).map((m) => m.version));
      const repo = repositoriesFor(db).modelDeployments;
      expect(repo.get({ cameraId: null, modelType: 'detection' })).toMatchObject({ modelId: 'old', versionNumber: '1.0.0', role: 'production' });
      expect(repo.productionHistory({ cameraId: null, modelType: 'detection' })).toMatchObject([{ eventType: 'promoted', modelId: 'old' }]);
      expect(checkDatabase(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });

  it('a canary needs a camera; deployments follow their camera when it is removed', () => {
    const t = openTestRegistry();
    t.db.prepare("INSERT INTO ai_models (model_id, model_name, model_type) VALUES ('m', 'M', 'detection')").run();
    t.db.prepare("INSERT INTO model_versions (model_id, version_number) VALUES ('m', '1.0.0')").run();
    t.db.prepare("INSERT INTO cameras (camera_id, name, source_kind, url_redacted) VALUES ('c1', 'C1', 'file', '/x.avi')").run();
    const repo = repositoriesFor(t.db).modelDeployments;
    expect(() => repo.set({ cameraId: null, modelType: 'detection' }, 'canary', { modelId: 'm', versionNumber: '1.0.0', pipelineId: null })).toThrow(/CHECK/);
    expect(() => repo.set({ cameraId: null, modelType: 'detection' }, 'production', { modelId: 'm', versionNumber: '9.9.9', pipelineId: null })).toThrow(/FOREIGN KEY/);
    repo.set({ cameraId: 'c1', modelType: 'detection' }, 'production', { modelId: 'm', versionNumber: '1.0.0', pipelineId: null });
    // The upsert keeps one row per scope.
    repo.set({ cameraId: 'c1', modelType: 'detection' }, 'production', { modelId: 'm', versionNumber: '1.0.0', pipelineId: null });
    expect(repo.list()).toHaveLength(1);
    t.db.prepare("DELETE FROM cameras WHERE camera_id = 'c1'").run();
    expect(repo.list()).toEqual([]);
  });
});
