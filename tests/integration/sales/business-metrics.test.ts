/**
 * The business row of model_performance_metrics on known numbers (src/engine/sales/business-metrics.ts):
 * cost per inference = device W × Σ processing s ÷ 3.6e6 × price ÷ inferences, store-wide revenue
 * shared out by each camera and version's share of the hour's visitors, cost and revenue per
 * visitor, conversion, ROI — and a second computation replaces the first instead of adding to it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { businessFigures, computeBusinessMetrics, energyKwh } from '../../../src/engine/sales/business-metrics';
import { importSales } from '../../../src/engine/sales/import-sales';
import { salesHandlers } from '../../../src/engine/handlers/sales-handlers';
import { insertRow, migratedDb } from '../db/db-test-helpers';

let db: SqliteDatabase;
let repos: Repositories;
let n = 0;

/** `count` frames of a camera inferred by a version at `at`, each taking `ms`; returns one inference id. */
function frames(camera: string, version: string, at: string, count: number, ms: number): string {
  let id = '';
  for (let i = 0; i < count; i++) {
    id = `inf-${++n}`;
    insertRow(db, 'model_inference_results', {
      inference_id: id, model_id: 'm1', model_version: version, input_timestamp: at, inference_results: '{}', processing_time_ms: ms, camera_id: camera,
    });
  }
  return id;
}
function crossings(camera: string, inferenceId: string, at: string, count: number): void {
  for (let i = 0; i < count; i++) {
    insertRow(db, 'counting_results', { counting_event_id: `c-${++n}`, inference_id: inferenceId, event_type: 'cross_line', direction: 'in', camera_id: camera, created_at: at });
  }
}

beforeEach(() => {
  db = migratedDb().db;
  repos = createRepositories(db);
  insertRow(db, 'ai_models', { model_id: 'm1', model_name: 'M', model_type: 'detection' });
  for (const c of ['door', 'side']) repos.cameras.create({ cameraId: c, name: c, sourceKind: 'rtsp', url: `rtsp://10.0.0.5/${c}` });
  repos.settings.set('business.device_power_watts', 100);
  repos.settings.set('business.energy_price_per_kwh', 0.5);
  repos.settings.set('business.currency', 'EUR');
  // door: 10 frames of m1@1.0.0 at 360 ms (3.6 s of inference); 20 people in at 09:00, 5 at 10:00.
  const door = frames('door', '1.0.0', '2026-11-02T09:10:00.000Z', 10, 360);
  crossings('door', door, '2026-11-02T09:20:00.000Z', 20);
  crossings('door', door, '2026-11-02T10:20:00.000Z', 5);
  // side: 2 frames of m1@1.0.1 at 500 ms; 20 people in at 09:00.
  const side = frames('side', '1.0.1', '2026-11-02T09:15:00.000Z', 2, 500);
  crossings('side', side, '2026-11-02T09:30:00.000Z', 20);
});

describe('business metrics', () => {
  it('energy and the pure figures follow their formulas', () => {
    expect(energyKwh(65, 3600)).toBeCloseTo(0.065, 12); // 65 W for an hour
    const f = businessFigures({ inferences: 1000, inferenceSeconds: 36, devicePowerWatts: 200, energyPricePerKwh: 0.25, visitors: 40, visitorsInSalesHours: 20, transactions: 5, revenue: 80 });
    expect(f.energyKwh).toBeCloseTo(0.002, 12); // 200 W × 36 s ÷ 3.6e6
    expect(f.inferenceCost).toBeCloseTo(0.0005, 12);
    expect(f.costPerInference).toBeCloseTo(5e-7, 15);
    expect(f.costPerVisitor).toBeCloseTo(0.0005 / 40, 15);
    expect(f.conversionRate).toBe(0.25);
    expect(f.revenuePerVisitor).toBe(4);
    expect(f.revenuePerInference).toBe(0.08);
    expect(f.roiPercentage).toBeCloseTo(((80 - 0.0005) / 0.0005) * 100, 6);
    // no visitors, no sales, no cost: undefined, never 0
    const none = businessFigures({ inferences: 0, inferenceSeconds: 0, devicePowerWatts: 65, energyPricePerKwh: 0.3, visitors: 0, visitorsInSalesHours: 0, transactions: null, revenue: null });
    expect([none.costPerInference, none.costPerVisitor, none.conversionRate, none.revenuePerVisitor, none.roiPercentage]).toEqual([null, null, null, null, null]);
  });

  it('stores one row per version and camera with store-wide sales shared by visitors, and replaces it when computed again', () => {
    importSales(db, repos, { filename: 'store.csv', content: 'hour,transactions,revenue\n2026-11-02T09:00:00Z,4,100\n', utcOffsetMinutes: 0 });
    const period = { from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' };
    const rows = computeBusinessMetrics(db, repos, period);
    expect(rows.map((r) => [r.ref, r.cameraId])).toEqual([
      ['m1@1.0.0', 'door'],
      ['m1@1.0.1', 'side'],
    ]);
    const door = rows[0]!;
    const cost = (100 * 3.6) / 3.6e6 * 0.5; // 5e-5 EUR
    expect(door).toMatchObject({ inferences: 10, inferenceSeconds: 3.6, devicePowerWatts: 100, energyPricePerKwh: 0.5, visitors: 25, salesHours: 1, visitorsInSalesHours: 20, currency: 'EUR' });
    expect(door.inferenceCost).toBeCloseTo(cost, 15);
    expect(door.costPerInference).toBeCloseTo(cost / 10, 15);
    expect(door.costPerVisitor).toBeCloseTo(cost / 25, 15);
    // 09:00 had 40 visitors store-wide, 20 of them at the door: half the till is the door's
    expect(door.transactionsAttributed).toBe(2);
    expect(door.revenueAttributed).toBe(50);
    expect(door.conversionRate).toBe(0.1);
    expect(door.revenuePerVisitor).toBe(2.5);
    expect(door.revenuePerInference).toBe(5);
    expect(door.roiPercentage).toBeCloseTo(((50 - cost) / cost) * 100, 4);
    const side = rows[1]!;
    expect(side.inferenceCost).toBeCloseTo((100 * 1) / 3.6e6 * 0.5, 15);
    expect([side.visitors, side.transactionsAttributed, side.revenueAttributed, side.conversionRate]).toEqual([20, 2, 50, 0.1]);

    // The seed's columns of the stored row, and its inputs beside it.
    const stored = db.prepare('SELECT model_id, model_version, camera_id, metric_timestamp, cost_per_inference, revenue_per_inference, roi_percentage FROM model_performance_metrics WHERE id = ?').get(door.performanceMetricId) as Record<string, unknown>;
    expect(stored).toMatchObject({ model_id: 'm1', model_version: '1.0.0', camera_id: 'door', metric_timestamp: period.from, revenue_per_inference: 5 });
    expect(stored.cost_per_inference as number).toBeCloseTo(cost / 10, 15);
    expect(stored.roi_percentage as number).toBeCloseTo(door.roiPercentage!, 4);
    const inputs = db.prepare('SELECT visitors, inference_seconds, energy_kwh, currency FROM model_business_metrics WHERE performance_metric_id = ?').get(door.performanceMetricId);
    expect(inputs).toEqual({ visitors: 25, inference_seconds: 3.6, energy_kwh: (100 * 3.6) / 3.6e6, currency: 'EUR' });

    // importSales computed the day already (2 rows); computing again replaces, never adds.
    const count = (): number => db.prepare('SELECT count(*) FROM model_business_metrics').pluck().get() as number;
    expect(count()).toBe(2);
    const again = salesHandlers({ db, repos })['sales:metrics'](period) as ReturnType<typeof computeBusinessMetrics>;
    expect(again.map((r) => r.revenueAttributed)).toEqual([50, 50]);
    expect(count()).toBe(2);
    expect(db.prepare('SELECT count(*) FROM model_performance_metrics').pluck().get()).toBe(2);
  });

  it('a camera\'s own till counts only that camera\'s visitors; no sales leave revenue and ROI undefined', () => {
    const before = computeBusinessMetrics(db, repos, { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z', cameraId: 'door' });
    expect(before).toHaveLength(1);
    expect([before[0]!.revenueAttributed, before[0]!.roiPercentage, before[0]!.conversionRate, before[0]!.salesHours]).toEqual([null, null, null, 0]);
    importSales(db, repos, { filename: 'door.csv', content: 'hour,transactions,revenue\n2026-11-02T09:00:00Z,4,100\n', cameraId: 'door', utcOffsetMinutes: 0 });
    const [door] = computeBusinessMetrics(db, repos, { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z', cameraId: 'door' });
    expect([door!.transactionsAttributed, door!.revenueAttributed, door!.conversionRate, door!.revenuePerVisitor]).toEqual([4, 100, 0.2, 5]);
  });
});
