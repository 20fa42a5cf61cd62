import { afterEach, describe, expect, it } from 'vitest';
import type { JsonValue } from '../db/json-column';
import type { SqliteDatabase } from '../db/open-database';
import { openMigratedDatabase } from '../db/open-migrated-database';
import { repositoriesFor } from '../db/repositories';
import { parseUltralyticsResultsCsv } from '../registry/training-files';
import { modelLineage, seriesLabel, trainingCurves } from './model-lineage';

const CSV = `                  epoch,      train/box_loss,      train/cls_loss,      train/dfl_loss,   metrics/precision(B),      metrics/recall(B),       metrics/mAP50(B),    metrics/mAP50-95(B),        val/box_loss,        val/cls_loss,        val/dfl_loss,              lr/pg0
                      1,              1.2,              2.5,              1.1,               0.51,               0.42,               0.45,               0.28,              1.3,              2.1,              1.2,               0.0033
                      2,              1.1,              2.0,              1.05,               0.58,               0.47,               nan,               0.31,              1.25,              1.9,              1.15,               0.0031
                      3,              1.0,              1.7,              1.0,               0.61,               0.5,               0.52,               0.34,              1.2,              1.8,              1.1,               0.0029
`;

let db: SqliteDatabase | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

/** A model with two versions (the second derived from the first), rows only: no store, no inference. */
function registry() {
  db = openMigratedDatabase(':memory:');
  const repos = repositoriesFor(db);
  repos.aiModels.create({ modelId: 'm', modelName: 'M', modelType: 'detection', modelConfig: { input: { width: 640, height: 640 } }, modelChecksum: 'a'.repeat(64), modelParameters: 100 });
  const parsed = parseUltralyticsResultsCsv(CSV);
  repos.modelVersions.create({ modelId: 'm', versionNumber: '1.0.0', modelFileChecksum: 'a'.repeat(64), trainingMetrics: { trainingRunId: 'r1', format: parsed.format, epochs: parsed.epochs } as JsonValue });
  repos.modelVersions.create({ modelId: 'm', versionNumber: '1.0.0-i320', modelFileChecksum: 'b'.repeat(64), versionChanges: 'derived from m@1.0.0: input 320×320, int8 (QDQ, calibrated on 4 frames of a, b)' });
  repos.versionControl.recordCommit({ modelId: 'm', versionNumber: '1.0.0', parentVersion: null, branchName: 'm/main', changesDetails: { kind: 'import', inputShape: [1, 3, 640, 640] } });
  repos.versionControl.recordCommit({
    modelId: 'm',
    versionNumber: '1.0.0-i320',
    parentVersion: '1.0.0',
    branchName: 'm/main',
    changesDetails: { kind: 'derive', derivedFrom: 'm@1.0.0', inputSize: 320, int8: { calibration: { source: 'a, b', frames: 4, method: 'minmax' } }, inputShape: [1, 3, 320, 320] },
  });
  return repos;
}

describe('models:lineage and models:trainingCurves (rows → what the Models page shows)', () => {
  it('reads an Ultralytics results.csv as curves in words, metrics in percent, learning rate left out', () => {
    const repos = registry();
    const c = trainingCurves({ repos }, 'm', '1.0.0');
    expect(c.epochs).toEqual([1, 2, 3]);
    expect(c.series.map((s) => s.label)).toEqual([
      'Training box loss',
      'Training class loss',
      'Training distribution focal loss',
      'Precision',
      'Recall',
      'mAP50',
      'mAP50-95',
      'Validation box loss',
      'Validation class loss',
      'Validation distribution focal loss',
    ]);
    expect(c.series.find((s) => s.label === 'mAP50')).toMatchObject({ group: 'metric', values: [45, null, 52] });
    expect(c.series.find((s) => s.label === 'Training box loss')).toMatchObject({ group: 'loss', values: [1.2, 1.1, 1.0] });
    // A version without a log: no epochs, no series (the page shows its empty state).
    expect(trainingCurves({ repos }, 'm', '1.0.0-i320')).toMatchObject({ epochs: [], series: [], trainingRunId: null });
    expect(() => trainingCurves({ repos }, 'm', '9.9.9')).toThrow(/no version 9\.9\.9/);
    expect(seriesLabel('valLoss')).toBe('Validation loss');
  });

  it('gives each version its parent, derivation, input size and precision, and the edge between them', () => {
    const repos = registry();
    const l = modelLineage({ db: db!, repos }, 'm');
    expect(l.edges).toEqual([{ from: '1.0.0', to: '1.0.0-i320', kind: 'derived' }]);
    const [first, derived] = l.versions;
    expect(first).toMatchObject({ origin: 'import', parentVersion: null, inputWidth: 640, precision: 'as-exported', parameterCount: 100, trainingEpochs: 3, branch: 'main' });
    expect(derived).toMatchObject({ origin: 'derive', parentVersion: '1.0.0', inputWidth: 320, inputHeight: 320, precision: 'int8', parameterCount: null, trainingEpochs: 0 });
    // The changes in words, the calibration source's own comma kept inside its brackets.
    expect(derived!.derivation).toEqual({
      derivedFrom: 'm@1.0.0',
      changes: ['input 320×320', 'int8 (QDQ, calibrated on 4 frames of a, b)'],
      inputSize: 320,
      int8: true,
      confThreshold: null,
      calibration: { source: 'a, b', frames: 4, method: 'minmax' },
    });
    expect(() => modelLineage({ db: db!, repos }, 'nope')).toThrow(/no model/);
  });

  it('names the version each camera runs: a pin first, then its canary, its own production, the site production', () => {
    const repos = registry();
    for (const id of ['a', 'b', 'c']) {
      repos.cameras.create({ cameraId: id, name: `Cam ${id}`, sourceKind: 'rtsp', url: `rtsp://127.0.0.1:9/${id}`, enabled: false, ...(id === 'c' ? { modelId: 'm', modelVersion: '1.0.0-i320' } : {}) });
    }
    repos.modelDeployments.set({ cameraId: null, modelType: 'detection' }, 'production', { modelId: 'm', versionNumber: '1.0.0', pipelineId: null });
    repos.modelDeployments.set({ cameraId: 'b', modelType: 'detection' }, 'canary', { modelId: 'm', versionNumber: '1.0.0-i320', pipelineId: null });
    const l = modelLineage({ db: db!, repos }, 'm');
    expect(l.cameras.map((c) => [c.cameraId, c.versionNumber, c.via])).toEqual([
      ['a', '1.0.0', 'site'],
      ['b', '1.0.0-i320', 'canary'],
      ['c', '1.0.0-i320', 'pinned'],
    ]);
    expect(l.versions.map((v) => [v.versionNumber, v.production, v.canary])).toEqual([
      ['1.0.0', true, false],
      ['1.0.0-i320', false, true],
    ]);
  });
});
