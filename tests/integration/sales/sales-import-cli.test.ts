/**
 * `sales import` on a real database: vtest.avi counted through the real command line as camera
 * `door` at 2026-11-02 09:00 UTC, then the till's CSV imported for that hour through the real CLI.
 * The conversion rate of that hour is transactions ÷ the footfall `in` counted, on the Dashboard's
 * series and in `counts export` (which gains the sales columns and keeps `in`, `out`); the
 * business row's cost follows its formula from the stored processing times; a file with bad rows
 * is refused through the CLI with every row listed (JSON), and nothing of it is written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { createRepositories } from '../../../src/engine/db/repositories';
import { salesHandlers } from '../../../src/engine/handlers/sales-handlers';
import type { SalesImportDto, SalesSeriesDto } from '../../../src/shared/requests-sales';
import { killRunningClis, runCli } from '../pipeline/cli-runner';

const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');
let dir: string;
let dbPath: string;
let counted: { in: number; out: number; frames: number };
const savedTz = process.env.TZ;

beforeAll(async () => {
  process.env.TZ = 'UTC'; // the CLI children read local hours (counts export) in this zone
  dir = mkdtempSync(join(tmpdir(), 'footfall-sales-'));
  dbPath = join(dir, 'shop.db');
  const r = await runCli(
    ['count', '--source', VTEST, '--line', '384,0,384,576', '--camera', 'door', '--db', dbPath, '--started-at', '2026-11-02T09:00:00Z', '--fps', '2', '--json'],
    { timeoutMs: 300_000 },
  );
  expect(r.code, r.stderr).toBe(0);
  counted = JSON.parse(r.stdout) as typeof counted;
}, 320_000);
afterAll(() => {
  killRunningClis();
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function withDb<T>(fn: (db: ReturnType<typeof openMigratedDatabase>) => T): T {
  const db = openMigratedDatabase(dbPath);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
const salesRows = (): number => withDb((db) => db.prepare('SELECT count(*) FROM sales_hourly').pluck().get() as number);

describe('sales import (real count, real CLI)', () => {
  it('imports the hour, and its conversion is transactions ÷ the people counted in', async () => {
    expect(counted.in).toBeGreaterThan(0);
    const storedIn = withDb((db) =>
      db.prepare("SELECT count(*) FROM counting_results WHERE camera_id = 'door' AND event_type = 'cross_line' AND direction = 'in' AND created_at >= '2026-11-02T09:00:00Z' AND created_at < '2026-11-02T10:00:00Z'").pluck().get(),
    );
    expect(storedIn).toBe(counted.in);
    const csv = join(dir, 'till-2026-11-02.csv');
    writeFileSync(csv, 'hour;transactions;revenue\n2026-11-02 09:00;3;45,50\n2026-11-02 10:00;2;20\n');
    const r = await runCli(['sales', 'import', '--db', dbPath, csv, '--camera', 'door', '--utc-offset', '+00:00', '--json'], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as SalesImportDto;
    expect(report).toMatchObject({ imported: 2, replaced: 0, cameraId: 'door', sourceFile: 'till-2026-11-02.csv', delimiter: ';', transactions: 5, revenue: 65.5, timeZone: 'UTC+00:00' });

    // The Dashboard's series (the request the page makes): 09:00 has the rate, 10:00 nobody came: "—".
    const series = withDb((db) =>
      salesHandlers({ db, repos: createRepositories(db) })['sales:series']({ cameraId: 'door', from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z', resolution: 'hour', utcOffsetMinutes: 0 }),
    ) as SalesSeriesDto;
    const nine = series.points[9]!;
    expect(nine).toMatchObject({ start: '2026-11-02T09:00:00.000Z', in: counted.in, visitors: counted.in, transactions: 3, revenue: 45.5 });
    expect(nine.conversionRate).toBe(3 / counted.in);
    expect(nine.revenuePerVisitor).toBe(45.5 / counted.in);
    expect(series.points[10]).toMatchObject({ in: 0, transactions: 2, conversionRate: null, revenuePerVisitor: null });
    expect(series.points[8]).toMatchObject({ transactions: null, conversionRate: null });
    expect(series.totals).toMatchObject({ salesHours: 2, visitors: counted.in, transactions: 5, conversionRate: 5 / counted.in });

    // The business row: cost from the stored processing times, by the documented formula.
    const inferred = withDb((db) => db.prepare("SELECT count(*) AS n, sum(processing_time_ms) AS ms FROM model_inference_results WHERE camera_id = 'door'").get() as { n: number; ms: number });
    expect(report.metrics).toHaveLength(1);
    const m = report.metrics[0]!;
    expect(m).toMatchObject({ cameraId: 'door', inferences: inferred.n, visitors: counted.in, devicePowerWatts: 65, energyPricePerKwh: 0.3 });
    expect(m.inferences).toBe(counted.frames);
    expect(m.inferenceCost).toBeCloseTo(((65 * inferred.ms) / 1000 / 3.6e6) * 0.3, 15);
    expect(m.costPerInference).toBeCloseTo(m.inferenceCost / inferred.n, 18);
    expect(m.conversionRate).toBe(3 / counted.in);
    expect(m.revenueAttributed).toBe(45.5);
    expect(m.roiPercentage).toBeCloseTo(((45.5 - m.inferenceCost) / m.inferenceCost) * 100, 3);

    // counts export: the same `in` and `out`, the people inside (in − out since midnight), then the sales columns.
    const exp = await runCli(['counts', 'export', '--db', dbPath, '--camera', 'door', '--from', '2026-11-02T00:00:00Z', '--to', '2026-11-03T00:00:00Z', '--format', 'csv'], { timeoutMs: 120_000 });
    expect(exp.code, exp.stderr).toBe(0);
    const lines = exp.stdout.trim().split('\n');
    expect(lines[0]).toBe('start,in,out,occupancy,transactions,revenue,conversion_rate,revenue_per_visitor');
    expect(lines).toHaveLength(25);
    const rate = Math.round((3 / counted.in) * 1e6) / 1e6;
    const rpv = Math.round((45.5 / counted.in) * 1e4) / 1e4;
    const inside = Math.max(0, counted.in - counted.out);
    expect(lines[10]).toBe(`2026-11-02T09:00:00.000Z,${counted.in},${counted.out},${inside},3,45.5,${rate},${rpv}`);
    expect(lines[11]).toBe(`2026-11-02T10:00:00.000Z,0,0,${inside},2,20,,`);
    expect(lines[1]).toBe('2026-11-02T00:00:00.000Z,0,0,0,,,,');
  });

  it('refuses a file with bad rows through the CLI, lists every row, and writes nothing', async () => {
    const before = salesRows();
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'transactions,hour,revenue\n4,2026-11-03T09:00:00Z,10\n1,2026-11-03T24:00:00Z,5\n2,2026-11-03T10:00:00Z,-7\n3,2026-11-03T09:00:00Z,1\n');
    const r = await runCli(['sales', 'import', '--db', dbPath, csv, '--json'], { timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const err = JSON.parse(r.stderr.trim()) as { error: { code: string; message: string; rows: Array<{ line: number; field: string; message: string }> } };
    expect(err.error.code).toBe('SALES_FILE_REFUSED');
    expect(err.error.message).toMatch(/^bad\.csv was not imported \(nothing was written\): 3 problems/);
    expect(err.error.rows).toEqual([
      { line: 3, field: 'hour', message: 'hour "2026-11-03T24:00:00Z": 24:00 is not a time of day (hours run 00 to 23)' },
      { line: 4, field: 'revenue', message: 'revenue -7 is negative: revenue must be 0 or more (refunds are not imported as negative hours)' },
      { line: 5, field: 'hour', message: 'hour 2026-11-03T09:00Z is already on line 2: each hour may appear once in a file' },
    ]);
    expect(salesRows()).toBe(before);

    // Without --json: one line per problem on stderr, with its line number.
    const human = await runCli(['sales', 'import', '--db', dbPath, csv], { timeoutMs: 120_000 });
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('  line 4: revenue -7 is negative');

    // A Latin-1 file and the same hours again are refused too; --replace overwrites.
    const latin = join(dir, 'latin.csv');
    writeFileSync(latin, Buffer.concat([Buffer.from('hour,transactions,revenue\n2026-11-03T09:00:00Z,1,1\n# caf'), Buffer.from([0xe9])]));
    const l = await runCli(['sales', 'import', '--db', dbPath, latin, '--json'], { timeoutMs: 120_000 });
    expect(l.code).toBe(1);
    expect(JSON.parse(l.stderr.trim()).error.rows[0]).toMatchObject({ line: 3, message: expect.stringMatching(/^line 3 is not UTF-8 text/) });
    const same = join(dir, 'same.csv');
    writeFileSync(same, 'hour,transactions,revenue\n2026-11-02T09:00:00Z,4,50\n');
    const again = await runCli(['sales', 'import', '--db', dbPath, same, '--camera', 'door', '--json'], { timeoutMs: 120_000 });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr.trim()).error.rows[0].message).toMatch(/already has sales for camera door \(imported from till-2026-11-02\.csv/);
    expect(salesRows()).toBe(before);
    const replaced = await runCli(['sales', 'import', '--db', dbPath, same, '--camera', 'door', '--replace', '--json'], { timeoutMs: 120_000 });
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ imported: 1, replaced: 1 });
    expect(withDb((db) => db.prepare("SELECT transactions, revenue, source_file FROM sales_hourly WHERE hour = '2026-11-02T09:00:00.000Z'").get())).toEqual({ transactions: 4, revenue: 50, source_file: 'same.csv' });
    // the import is in the audit log under the machine's owner
    expect(withDb((db) => db.prepare("SELECT count(*) FROM audit_log WHERE action = 'sales:import'").pluck().get() as number)).toBeGreaterThanOrEqual(4);
  });
});
