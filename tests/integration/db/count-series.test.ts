/**
 * The Dashboard's and `counts export`'s one aggregation on data made for it: every hourly slot
 * (zeros included), the date range filters, the previous period of the same length and its %
 * change, local-midnight day slots, and the export (app and CLI alike) equal to the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { countSeries, countSeriesWithPrevious, formatCountSeries, percentChange } from '../../../src/engine/db/count-series';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import { countHandlers } from '../../../src/engine/handlers/count-handlers';
import { runCli } from '../pipeline/cli-runner';
import { insertRow } from './db-test-helpers';

let db: SqliteDatabase;
let file: string;
let repos: Repositories;
let n = 0;

function cross(cameraId: string, direction: 'in' | 'out', at: string, times = 1): void {
  for (let i = 0; i < times; i++) {
    insertRow(db, 'counting_results', { counting_event_id: `e${++n}`, event_type: 'cross_line', direction, camera_id: cameraId, created_at: at });
  }
}

const sql = (q: string, ...args: unknown[]): number => (db.prepare(q).pluck().get(...args) as number) ?? 0;

beforeAll(() => {
  file = join(mkdtempSync(join(tmpdir(), 'footfall-series-')), 'footfall.db');
  db = openMigratedDatabase(file);
  repos = createRepositories(db);
  repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://10.0.0.5/s' });
  repos.cameras.create({ cameraId: 'till', name: 'Till', sourceKind: 'rtsp', url: 'rtsp://10.0.0.6/s' });
  // Previous day (May 1): door 10 in / 4 out. Current day (May 2): door 15 in / 2 out, at three hours.
  cross('door', 'in', '2025-05-01T09:15:00.000Z', 10);
  cross('door', 'out', '2025-05-01T17:40:00.000Z', 4);
  cross('door', 'in', '2025-05-02T08:05:00.000Z', 6);
  cross('door', 'in', '2025-05-02T12:59:59.999Z', 9);
  cross('door', 'out', '2025-05-02T23:30:00.000Z', 2);
  // Another camera and a zone event on the same day: filtered out / never counted as footfall.
  cross('till', 'in', '2025-05-02T10:00:00.000Z', 3);
  insertRow(db, 'counting_results', { counting_event_id: 'zone1', event_type: 'entry', camera_id: 'door', created_at: '2025-05-02T10:00:00.000Z' });
});

afterAll(() => {
  db.close();
  rmSync(join(file, '..'), { recursive: true, force: true });
});

describe('count series', () => {
  it('has 24 hourly slots for a day, zeros shown, totals equal to the database', () => {
    const s = countSeries(repos.countingResults, { cameraId: 'door', from: '2025-05-02T00:00:00.000Z', to: '2025-05-03T00:00:00.000Z', resolution: 'hour' });
    expect(s.points).toHaveLength(24);
    expect(s.points[0]).toEqual({ start: '2025-05-02T00:00:00.000Z', in: 0, out: 0, occupancy: 0 });
    expect(s.points[8]).toEqual({ start: '2025-05-02T08:00:00.000Z', in: 6, out: 0, occupancy: 6 });
    expect(s.points[12]).toEqual({ start: '2025-05-02T12:00:00.000Z', in: 9, out: 0, occupancy: 15 });
    expect(s.points[23]).toEqual({ start: '2025-05-02T23:00:00.000Z', in: 0, out: 2, occupancy: 13 });
    expect(s.points.filter((p) => p.in === 0 && p.out === 0)).toHaveLength(21);
    expect([s.totalIn, s.totalOut]).toEqual([15, 2]);
    const dbIn = sql("SELECT count(*) FROM counting_results WHERE camera_id = 'door' AND event_type = 'cross_line' AND direction = 'in' AND created_at >= '2025-05-02' AND created_at < '2025-05-03'");
    expect(s.points.reduce((a, p) => a + p.in, 0)).toBe(dbIn);
  });

  it('filters by the date range and by camera (all cameras when none is given)', () => {
    const noon = countSeries(repos.countingResults, { cameraId: 'door', from: '2025-05-02T09:00:00.000Z', to: '2025-05-02T13:00:00.000Z', resolution: 'hour' });
    expect(noon.points.map((p) => p.in)).toEqual([0, 0, 0, 9]);
    const all = countSeries(repos.countingResults, { from: '2025-05-02T00:00:00.000Z', to: '2025-05-03T00:00:00.000Z', resolution: 'hour' });
    expect(all.points[10]).toEqual({ start: '2025-05-02T10:00:00.000Z', in: 3, out: 0, occupancy: 9 });
    expect(all.totalIn).toBe(18);
  });

  it('compares with the previous period of the same length, in % change', () => {
    const r = countSeriesWithPrevious(repos.countingResults, { cameraId: 'door', from: '2025-05-02T00:00:00.000Z', to: '2025-05-03T00:00:00.000Z', resolution: 'hour', compare: true });
    expect(r.previous?.from).toBe('2025-05-01T00:00:00.000Z');
    expect(r.previous?.to).toBe('2025-05-02T00:00:00.000Z');
    expect(r.previous?.points).toHaveLength(24);
    expect([r.previous?.totalIn, r.previous?.totalOut]).toEqual([10, 4]);
    expect(r.change).toEqual({ in: 50, out: -50 });
    expect(percentChange(5, 0)).toBeNull();
    // Two days against the two before: (15+10) vs nothing stored before May 1.
    const two = countSeriesWithPrevious(repos.countingResults, { cameraId: 'door', from: '2025-05-01T00:00:00.000Z', to: '2025-05-03T00:00:00.000Z', resolution: 'day', compare: true });
    expect(two.current.points.map((p) => [p.in, p.out])).toEqual([[10, 4], [15, 2]]);
    expect(two.change).toEqual({ in: null, out: null });
  });

  it('starts day slots at the shop’s local midnight', () => {
    // UTC+7: May 2 local is 2025-05-01T17:00Z … 2025-05-02T17:00Z: the 17:40Z exits of May 1 (UTC)
    // are May 2 there, and the 23:30Z exits of May 2 (UTC) are May 3.
    const s = countSeries(repos.countingResults, { cameraId: 'door', from: '2025-05-01T17:00:00.000Z', to: '2025-05-03T17:00:00.000Z', resolution: 'day', utcOffsetMinutes: 420 });
    expect(s.points).toEqual([
      // Occupancy per day: the day's highest hourly in − out since midnight (4 out at 00:40 read as 0, then 6 and 9 in).
      { start: '2025-05-01T17:00:00.000Z', in: 15, out: 4, occupancy: 11 },
      { start: '2025-05-02T17:00:00.000Z', in: 0, out: 2, occupancy: 0 },
    ]);
  });

  it('exports CSV and JSON through the request; the CSV totals equal the database', async () => {
    const handlers = countHandlers(repos);
    const csv = await handlers['counts:export']({ cameraId: 'door', from: '2025-05-01T00:00:00.000Z', to: '2025-05-03T00:00:00.000Z', resolution: 'hour', utcOffsetMinutes: 0, format: 'csv' });
    expect(csv.filename).toBe('footfall_front-door_2025-05-01_2025-05-03_hour.csv');
    const rows = csv.content.trim().split('\n');
    expect(rows[0]).toBe('start,in,out,occupancy');
    expect(rows).toHaveLength(49);
    const sum = (col: number): number => rows.slice(1).reduce((a, r) => a + Number(r.split(',')[col]), 0);
    expect(sum(1)).toBe(sql("SELECT count(*) FROM counting_results WHERE camera_id = 'door' AND event_type = 'cross_line' AND direction = 'in'"));
    expect(sum(2)).toBe(sql("SELECT count(*) FROM counting_results WHERE camera_id = 'door' AND event_type = 'cross_line' AND direction = 'out'"));
    const json = await handlers['counts:export']({ from: '2025-05-02T00:00:00.000Z', to: '2025-05-03T00:00:00.000Z', resolution: 'day', utcOffsetMinutes: 0, format: 'json' });
    expect(JSON.parse(json.content)).toMatchObject({ camera: null, totalIn: 18, totalOut: 2, points: [{ start: '2025-05-02T00:00:00.000Z', in: 18, out: 2 }] });
    expect(() => handlers['counts:series']({ cameraId: 'nope', from: '2025-05-02T00:00:00.000Z', to: '2025-05-03T00:00:00.000Z', resolution: 'hour', utcOffsetMinutes: 0, compare: false })).toThrow(/no longer exists/);
  });

  it('`counts export` prints the same bytes as the app’s export', async () => {
    const from = '2025-05-01T00:00:00.000Z';
    const to = '2025-05-03T00:00:00.000Z';
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const [csv, json] = await Promise.all([
      runCli(['counts', 'export', '--db', file, '--camera', 'Front door', '--from', from, '--to', to, '--resolution', 'hour', '--format', 'csv'], { timeoutMs: 60_000 }),
      runCli(['counts', 'export', '--db', file, '--from', from, '--to', to, '--resolution', 'day', '--format', 'json'], { timeoutMs: 60_000 }),
    ]);
    expect(csv.stderr).toBe('');
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(formatCountSeries(countSeries(repos.countingResults, { cameraId: 'door', from, to, resolution: 'hour', timeZone }), 'csv', 'Front door'));
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(formatCountSeries(countSeries(repos.countingResults, { from, to, resolution: 'day', timeZone }), 'json', null)));
    const bad = await runCli(['counts', 'export', '--db', file, '--from', from, '--to', to, '--resolution', 'week'], { timeoutMs: 60_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--resolution must be hour or day');
  });
});
