/**
 * `footfall retention run --db F [--now ISO] --json` (issue 11, part 8) through the real command
 * line: the run at a logical time, with the periods stored in Settings, and plain-words errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillRetentionHistory } from '../../../src/engine/bench/retention-bench';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import type { RetentionResult } from '../../../src/engine/db/retention';
import { killRunningClis, runCli } from '../pipeline/cli-runner';
import { tempDir } from './db-test-helpers';

afterAll(killRunningClis);

describe('retention run on the command line', () => {
  it('runs at --now with the stored periods and prints the result as JSON', async () => {
    const file = path.join(tempDir(), 'shop.db');
    const db = openMigratedDatabase(file);
    // 1,000 inference rows 120..91 days before 1 Dec 2026, 200 in the last 10 days.
    fillRetentionHistory(db, { oldRows: 1000, recentRows: 200, now: new Date('2026-12-01T03:00:00.000Z') });
    db.prepare("INSERT INTO settings (key, value) VALUES ('retention.days', '100')").run();
    db.close();

    const r = await runCli(['retention', 'run', '--db', file, '--now', '2026-12-01T03:00:00Z', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as RetentionResult;
    expect(out).toMatchObject({
      status: 'completed',
      now: '2026-12-01T03:00:00.000Z',
      periods: { inferenceResultsDays: 100, performanceMetricsYears: 1, abResultsYears: 2 },
      cutoffs: { inferenceResults: '2026-08-23T03:00:00.000Z', performanceMetrics: '2025-12-01T03:00:00.000Z', abResults: '2024-12-01T03:00:00.000Z' },
      file: { autoVacuum: 'incremental', checkpoint: 'truncated' },
    });
    // 100 days: the rows 120..100 days back, about two thirds of the old ones (spread evenly).
    expect(out.archived.inferenceResults).toBeGreaterThan(600);
    expect(out.archived.inferenceResults).toBeLessThan(750);
    expect(out.chunks).toBeGreaterThanOrEqual(1);
    expect(out.longestLockMs).toBeGreaterThan(0);
    expect(typeof out.file.bytesBefore).toBe('number');
    expect(typeof out.file.bytesAfter).toBe('number');

    const check = openMigratedDatabase(file);
    try {
      expect(check.prepare('SELECT count(*) FROM inference_results_archive').pluck().get()).toBe(out.archived.inferenceResults);
      expect(check.prepare("SELECT count(*) FROM model_inference_results WHERE input_timestamp < '2026-08-23T03:00:00.000Z'").pluck().get()).toBe(0);
      expect(check.prepare('SELECT status, started_at FROM retention_runs').get()).toEqual({ status: 'completed', started_at: '2026-12-01T03:00:00.000Z' });
    } finally {
      check.close();
    }

    // Without --json: the same run in words (nothing left to archive now).
    const again = await runCli(['retention', 'run', '--db', file, '--now', '2026-12-01T03:00:00Z']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('inference results before 2026-08-23T03:00:00.000Z (100 days): 0 archived');
  });

  it('says in plain words what is wrong with --now or the file', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'nowhere.db');
    const bad = await runCli(['retention', 'run', '--db', missing, '--now', 'yesterday', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stderr.trim().split('\n').pop()!)).toEqual({
      error: { code: 'VALIDATION', message: '--now must be an ISO 8601 time with its time zone, such as 2026-12-01T03:00:00Z, got "yesterday"' },
    });
    const noFile = await runCli(['retention', 'run', '--db', missing]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain(`there is no database file ${missing}`);
    expect(fs.existsSync(missing)).toBe(false); // not created by asking
  });
});
