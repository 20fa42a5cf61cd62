/**
 * The Dashboard's slots across daylight-saving changes (issue 12), on a real SQLite file: in
 * Europe/Berlin, 2026-03-29 has 23 hourly slots (02:00 never happens) and 2026-10-25 has 25 (02:00
 * happens twice, each its own slot); its day slots are 23 and 25 hours long; every total equals
 * the database's; the app's export (`counts:export` with `timeZone`) and `counts export
 * --time-zone` are the same bytes; occupancy resets at each local midnight.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countSeries, formatCountSeries } from '../../../src/engine/db/count-series';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { createRepositories, type Repositories } from '../../../src/engine/db/repositories';
import { countHandlers } from '../../../src/engine/handlers/count-handlers';
import { countRequests } from '../../../src/shared/requests-counts';
import { runCli } from '../pipeline/cli-runner';
import { insertRow } from './db-test-helpers';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
let db: SqliteDatabase;
let file: string;
let repos: Repositories;
let n = 0;

function cross(direction: 'in' | 'out', at: string, times = 1, cameraId = 'door'): void {
  for (let i = 0; i < times; i++) insertRow(db, 'counting_results', { counting_event_id: `d${++n}`, event_type: 'cross_line', direction, camera_id: cameraId, created_at: at });
}

const stored = (direction: 'in' | 'out', from: string, to: string): number =>
  db.prepare("SELECT count(*) FROM counting_results WHERE event_type = 'cross_line' AND direction = ? AND created_at >= ? AND created_at < ?").pluck().get(direction, from, to) as number;

/** Local wall-clock hour of a slot start in Berlin, e.g. "02:00". */
const berlinHour = (iso: string): string => new Date(iso).toLocaleTimeString('en-GB', { timeZone: BERLIN, hour: '2-digit', minute: '2-digit' });

beforeAll(() => {
  file = join(mkdtempSync(join(tmpdir(), 'footfall-dst-')), 'footfall.db');
  db = openMigratedDatabase(file);
  repos = createRepositories(db);
  repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://10.0.0.5/s' });
  // Spring forward, 2026-03-29 local (2026-03-28T23:00Z … 2026-03-29T22:00Z, clocks 02:00 → 03:00 at 01:00Z).
  cross('in', '2026-03-28T23:30:00.000Z', 2); // 00:30 CET
  cross('in', '2026-03-29T00:59:00.000Z', 1); // 01:59 CET
  cross('in', '2026-03-29T01:00:00.000Z', 4); // 03:00 CEST
  cross('out', '2026-03-29T21:59:00.000Z', 3); // 23:59 CEST
  // Fall back, 2026-10-25 local (2026-10-24T22:00Z … 2026-10-25T23:00Z, clocks 03:00 → 02:00 at 01:00Z).
  cross('in', '2026-10-24T21:30:00.000Z', 1); // 23:30 CEST on the 24th
  cross('in', '2026-10-25T00:30:00.000Z', 5); // 02:30 CEST
  cross('out', '2026-10-25T01:30:00.000Z', 2); // 02:30 CET
  cross('in', '2026-10-25T22:30:00.000Z', 1); // 23:30 CET
  cross('in', '2026-10-25T23:00:00.000Z', 1); // 00:00 CET on the 26th
});

afterAll(() => {
  db.close();
  rmSync(join(file, '..'), { recursive: true, force: true });
});

describe('count series across daylight-saving changes (Europe/Berlin)', () => {
  it('spring forward: 23 hourly slots, no 02:00, totals equal to the database', () => {
    const from = '2026-03-28T23:00:00.000Z';
    const to = '2026-03-29T22:00:00.000Z';
    const s = countSeries(repos.countingResults, { from, to, resolution: 'hour', timeZone: BERLIN });
    expect(s.points).toHaveLength(23);
    expect(s.timeZone).toBe(BERLIN);
    expect(s.points.map((p) => berlinHour(p.start)).slice(0, 4)).toEqual(['00:00', '01:00', '03:00', '04:00']);
    expect(s.points.at(-1)?.start).toBe('2026-03-29T21:00:00.000Z');
    expect(s.points.slice(0, 3).map((p) => [p.in, p.out, p.occupancy])).toEqual([[2, 0, 2], [1, 0, 3], [4, 0, 7]]);
    expect(s.points.at(-1)).toMatchObject({ in: 0, out: 3, occupancy: 4 });
    expect([s.totalIn, s.totalOut]).toEqual([stored('in', from, to), stored('out', from, to)]);
    expect(s.points.reduce((a, p) => a + p.in, 0)).toBe(s.totalIn);
  });

  it('fall back: 25 hourly slots, 02:00 twice (CEST, then CET)', () => {
    const from = '2026-10-24T22:00:00.000Z';
    const to = '2026-10-25T23:00:00.000Z';
    const s = countSeries(repos.countingResults, { from, to, resolution: 'hour', timeZone: BERLIN });
    expect(s.points).toHaveLength(25);
    expect(s.points.map((p) => berlinHour(p.start)).slice(0, 5)).toEqual(['00:00', '01:00', '02:00', '02:00', '03:00']);
    expect(s.points[2]).toEqual({ start: '2026-10-25T00:00:00.000Z', in: 5, out: 0, occupancy: 5 });
    expect(s.points[3]).toEqual({ start: '2026-10-25T01:00:00.000Z', in: 0, out: 2, occupancy: 3 });
    expect(s.points[24]).toEqual({ start: '2026-10-25T22:00:00.000Z', in: 1, out: 0, occupancy: 4 });
    for (let i = 1; i < s.points.length; i++) expect(Date.parse(s.points[i]!.start) - Date.parse(s.points[i - 1]!.start)).toBe(HOUR);
    expect([s.totalIn, s.totalOut]).toEqual([stored('in', from, to), stored('out', from, to)]);
  });

  it('day slots start at local midnight: 24, 25 and 24 hours around the October change', () => {
    const from = '2026-10-23T22:00:00.000Z';
    const to = '2026-10-26T23:00:00.000Z';
    const s = countSeries(repos.countingResults, { from, to, resolution: 'day', timeZone: BERLIN });
    expect(s.points.map((p) => p.start)).toEqual(['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    expect(s.points.map((p) => [p.in, p.out])).toEqual([[1, 0], [6, 2], [1, 0]]);
    // Occupancy per day: the highest hourly figure; the 24th's visitor is not inside on the 25th (daily reset).
    expect(s.points.map((p) => p.occupancy)).toEqual([1, 5, 1]);
    expect([s.totalIn, s.totalOut]).toEqual([stored('in', from, to), stored('out', from, to)]);
  });

  it('a month of days across the March change; a week of hours has 7 × 24 − 1 slots', () => {
    const march = countSeries(repos.countingResults, { from: '2026-02-28T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z', resolution: 'day', timeZone: BERLIN });
    expect(march.points).toHaveLength(31);
    expect(march.points[28]?.start).toBe('2026-03-28T23:00:00.000Z');
    expect(march.points[29]?.start).toBe('2026-03-29T22:00:00.000Z');
    expect(march.points.every((p) => new Date(p.start).toLocaleTimeString('en-GB', { timeZone: BERLIN }) === '00:00:00')).toBe(true);
    expect(march.totalIn).toBe(stored('in', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'));
    const week = countSeries(repos.countingResults, { from: '2026-03-25T23:00:00.000Z', to: '2026-04-01T22:00:00.000Z', resolution: 'hour', timeZone: BERLIN });
    expect(week.points).toHaveLength(7 * 24 - 1);
    // A fixed offset (the older field) keeps its meaning: 24 slots of the same length each day.
    const fixed = countSeries(repos.countingResults, { from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T23:00:00.000Z', resolution: 'hour', utcOffsetMinutes: 60 });
    expect(fixed.points).toHaveLength(24);
    expect(fixed.timeZone).toBeNull();
  });

  it('refuses an unknown zone, in the request and in the engine', () => {
    const q = { from: '2026-10-24T22:00:00.000Z', to: '2026-10-25T23:00:00.000Z', resolution: 'hour' as const };
    expect(countRequests['counts:series'].input.safeParse({ ...q, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(countRequests['counts:series'].input.safeParse({ ...q, timeZone: BERLIN }).success).toBe(true);
    expect(() => countSeries(repos.countingResults, { ...q, timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
  });

  it('the app’s export and `counts export --time-zone` are the same bytes, with occupancy', async () => {
    const from = '2026-10-24T22:00:00.000Z';
    const to = '2026-10-25T23:00:00.000Z';
    const app = await countHandlers(repos)['counts:export']({ cameraId: 'door', from, to, resolution: 'hour', utcOffsetMinutes: 0, timeZone: BERLIN, format: 'csv' });
    const rows = app.content.trim().split('\n');
    expect(rows[0]).toBe('start,in,out,occupancy');
    expect(rows).toHaveLength(26);
    expect(rows[4]).toBe('2026-10-25T01:00:00.000Z,0,2,3');
    const [csv, json, bad] = await Promise.all([
      runCli(['counts', 'export', '--db', file, '--camera', 'Front door', '--from', from, '--to', to, '--resolution', 'hour', '--format', 'csv', '--time-zone', BERLIN], { timeoutMs: 60_000 }),
      runCli(['counts', 'export', '--db', file, '--from', from, '--to', to, '--resolution', 'day', '--format', 'json', '--time-zone', BERLIN], { timeoutMs: 60_000 }),
      runCli(['counts', 'export', '--db', file, '--from', from, '--to', to, '--time-zone', 'Mars/Olympus'], { timeoutMs: 60_000 }),
    ]);
    expect(csv.stderr).toBe('');
    expect(csv.stdout).toBe(app.content);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { timeZone: string; points: Array<{ start: string; in: number; out: number; occupancy: number }> };
    expect(parsed.timeZone).toBe(BERLIN);
    expect(parsed.points).toEqual([{ start: from, in: 6, out: 2, occupancy: 5 }]);
    expect(json.stdout).toBe(formatCountSeries(countSeries(repos.countingResults, { from, to, resolution: 'day', timeZone: BERLIN }), 'json', null));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--time-zone');
  });
});
