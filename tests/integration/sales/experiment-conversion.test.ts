/**
 * An experiment's status says how the challenger would move conversion
 * (src/engine/sales/experiment-conversion.ts): the same transactions over each arm's `in` in the
 * experiment's hours with sales, scaled to the part of each hour it watched, from the experiment's
 * cameras' (and store-wide) sales only; A/B experiments and experiments without sales say why not.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { experimentStatus } from '../../../src/engine/experiments/experiment-status';
import { importSales } from '../../../src/engine/sales/import-sales';
import { insertRow, migratedDb } from '../db/db-test-helpers';

let db: SqliteDatabase;
let repos: Repositories;

function experiment(id: string, mode: 'shadow' | 'ab'): void {
  const ab = repos.abExperiments;
  ab.createExperiment({ experimentId: id, experimentName: id, baselineModelId: 'm1', challengerModelId: 'm1' });
  ab.createDesign({
    experimentId: id, baselineVersion: '1.0.0', challengerVersion: '1.0.1', mode, split: 'frame', seed: 's', intervalS: 600,
    maxCountDifference: 0.05, maxLatencyRatio: 1.2, deviceWatts: 65, energyPricePerKwh: 0.3, cameraIds: ['door'],
  });
  let index = 0;
  // 09:00–10:00 watched in full: baseline 10 in per 10 minutes, the challenger misses one each time.
  // 10:00–10:30 watched: both count 20.
  const add = (start: string, baselineIn: number, challengerIn: number): void => {
    const end = new Date(Date.parse(start) + 600_000).toISOString();
    for (const [arm, inCount] of [['baseline', baselineIn], ['challenger', challengerIn]] as const) {
      const resultId = ab.recordResult({ experimentId: id, groupName: arm }).id; // one result row per interval and arm
      ab.recordInterval({ resultId, experimentId: id, runId: 'r1', intervalIndex: index, unit: 'door', arm, intervalStart: start, intervalEnd: end, exposureS: 600, frames: 3000, inCount, outCount: 0 });
    }
    index++;
  };
  for (let i = 0; i < 6; i++) add(new Date(Date.parse('2026-11-02T09:00:00.000Z') + i * 600_000).toISOString(), 10, 9);
  for (let i = 0; i < 3; i++) add(new Date(Date.parse('2026-11-02T10:00:00.000Z') + i * 600_000).toISOString(), i === 0 ? 8 : 6, i === 0 ? 8 : 6);
}

beforeEach(() => {
  db = migratedDb().db;
  repos = createRepositories(db);
  insertRow(db, 'ai_models', { model_id: 'm1', model_name: 'M', model_type: 'detection' });
  for (const c of ['door', 'side']) repos.cameras.create({ cameraId: c, name: c, sourceKind: 'rtsp', url: `rtsp://10.0.0.5/${c}` });
});

describe('experiment status: conversion by arm', () => {
  it('a shadow experiment reports the conversion each arm would give', () => {
    experiment('e1', 'shadow');
    expect(experimentStatus(repos, 'e1').conversion).toMatchObject({ salesHours: 0, text: 'no sales were imported for the hours of this experiment' });
    importSales(db, repos, { filename: 'store.csv', content: 'hour,transactions,revenue\n2026-11-02T09:00:00Z,6,60\n', utcOffsetMinutes: 0 });
    importSales(db, repos, { filename: 'door.csv', content: 'hour,transactions,revenue\n2026-11-02T10:00:00Z,4,40\n', cameraId: 'door', utcOffsetMinutes: 0 });
    // another entrance's till is not the experiment's camera's
    importSales(db, repos, { filename: 'side.csv', content: 'hour,transactions,revenue\n2026-11-02T10:00:00Z,100,900\n', cameraId: 'side', utcOffsetMinutes: 0 });
    const c = experimentStatus(repos, 'e1').conversion!;
    // 6 transactions of the whole 09:00 hour + 4 × half of 10:00 = 8; baseline 80 in, challenger 74
    expect(c).toMatchObject({ salesHours: 2, transactions: 8, baseline: { in: 80, conversionRate: 0.1 }, challenger: { in: 74 } });
    expect(c.challenger!.conversionRate).toBeCloseTo(8 / 74, 12);
    expect(c.differencePoints).toBe(0.81);
    expect(c.text).toBe("with the challenger's counts conversion would read 10.8 % instead of 10.0 % (74 instead of 80 people in, 8 transactions in the 2 hours with sales)");
  });

  it('an A/B experiment says why it has no such figure', () => {
    experiment('e2', 'ab');
    importSales(db, repos, { filename: 'store.csv', content: 'hour,transactions,revenue\n2026-11-02T09:00:00Z,6,60\n', utcOffsetMinutes: 0 });
    expect(experimentStatus(repos, 'e2').conversion).toMatchObject({ baseline: null, challenger: null, text: expect.stringMatching(/shadow experiments only/) });
  });
});
