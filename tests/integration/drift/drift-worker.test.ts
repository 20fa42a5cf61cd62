/**
 * The drift check off the engine's thread (src/engine/drift/drift-worker-checker.ts): on copies of
 * one file — two days of one camera's sampled frames (the bench's history), the last hours
 * darkened so windows drift and an alert persists — the worker's result is the one the engine
 * thread computes, and the one `drift check --json` prints; while the worker checks, this thread's
 * event loop keeps turning (counted, never timed); a worker error keeps its code. Nothing here
 * depends on how long anything takes.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDriftHistory } from '../../../src/engine/bench/drift-history';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { repositoriesFor } from '../../../src/engine/db/repositories';
import { inlineDriftChecker } from '../../../src/engine/drift/drift-checker';
import { DEFAULT_DRIFT_SETTINGS, DriftService, type DriftCheckResult } from '../../../src/engine/drift/drift-service';
import { DriftWorkerChecker } from '../../../src/engine/drift/drift-worker-checker';
import { driftHandlers } from '../../../src/engine/handlers/drift-handlers';
import { killRunningClis, runCli } from '../pipeline/cli-runner';

const END = new Date('2026-11-09T12:00:00.000Z');
const NOW = '2026-11-09T12:05:00.000Z';

let dir: string;
const copy = (name: string): string => {
  const to = join(dir, `${name}.db`);
  copyFileSync(join(dir, 'source.db'), to);
  return to;
};
/** What `drift check --json` prints: the result without the histograms. */
const slim = (r: DriftCheckResult): DriftCheckResult => ({ ...r, windows: r.windows.map((w) => ({ ...w, features: w.features.map(({ histogram: _h, ...f }) => f) })) });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-drift-worker-'));
  const db = openMigratedDatabase(join(dir, 'source.db'));
  // The camera the CLI's --camera names, and its frames.
  repositoriesFor(db).cameras.create({ cameraId: 'cam-door', name: 'door', sourceKind: 'file', url: '/dev/null' });
  fillDriftHistory(db, { cameras: ['cam-door'], days: 2, fps: 1, end: END });
  // The last three hours under a darker light: their windows drift on brightness, and persist.
  db.prepare(`UPDATE model_inference_results SET input_metadata = json_set(input_metadata, '$.image.brightness', json_extract(input_metadata, '$.image.brightness') * 0.3)
    WHERE input_timestamp >= ? AND input_metadata IS NOT NULL`).run(new Date(END.getTime() - 3 * 3_600_000).toISOString());
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}, 120_000);

afterAll(() => {
  killRunningClis();
  rmSync(dir, { recursive: true, force: true });
});

describe('drift check in a worker thread', () => {
  let inline: DriftCheckResult;
  let worker: DriftCheckResult;
  let turns = 0;

  beforeAll(async () => {
    const a = openMigratedDatabase(copy('inline'));
    try {
      inline = new DriftService(a, () => DEFAULT_DRIFT_SETTINGS).check({ now: new Date(NOW) });
    } finally {
      a.close();
    }
    const path = copy('worker');
    const b = openMigratedDatabase(path);
    const checker = new DriftWorkerChecker(path, () => DEFAULT_DRIFT_SETTINGS);
    let spinning = true;
    const spin = (): void => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    try {
      // Through the engine's drift:check handler, as `serve` and the app call it.
      const h = driftHandlers({ db: b, repos: repositoriesFor(b) }, null, () => new Date(NOW), new DriftService(b, () => DEFAULT_DRIFT_SETTINGS), checker);
      worker = await h['drift:check']({});
    } finally {
      spinning = false;
      await checker.close();
      b.close();
    }
  }, 300_000);

  it('gives the result the engine thread gives: the same windows, scores and alerts', () => {
    expect(inline.windows).toHaveLength(24);
    expect(inline.alerts.length).toBeGreaterThanOrEqual(1);
    expect(inline.alerts[0]!.features.map((f) => f.name)).toContain('brightness');
    expect(worker).toEqual(inline);
  });

  it('leaves the event loop free while it checks', () => {
    // A check on this thread runs in one synchronous call: no turn of the loop until it returns.
    expect(turns).toBeGreaterThan(10);
  });

  it('prints through `drift check --json` what the worker returned', async () => {
    const r = await runCli(['drift', 'check', '--db', copy('cli'), '--camera', 'door', '--now', NOW, '--json'], { timeoutMs: 240_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(slim(worker))));
  }, 300_000);

  it('stores the windows it scored, so the next check reads them back', async () => {
    const path = copy('again');
    const checker = new DriftWorkerChecker(path, () => DEFAULT_DRIFT_SETTINGS);
    try {
      const first = await checker.check({ now: new Date(NOW) });
      const second = await checker.check({ now: new Date(NOW) });
      expect(second.windows).toEqual(first.windows);
    } finally {
      await checker.close();
    }
    const db = openMigratedDatabase(path);
    const stored = db.prepare("SELECT count(*) FROM model_drift_metrics WHERE json_extract(drift_features, '$.kind') = 'drift'").pluck().get();
    db.close();
    expect(stored).toBe(24);
  }, 300_000);

  it('fails a check with the error and its code when the worker cannot open the file', async () => {
    const bad = join(dir, 'not-a-database.db');
    writeFileSync(bad, 'this is not SQLite '.repeat(100));
    const checker = new DriftWorkerChecker(bad, () => DEFAULT_DRIFT_SETTINGS);
    try {
      await expect(checker.check({ now: new Date(NOW) })).rejects.toMatchObject({ code: 'DB_OPEN_FAILED' });
    } finally {
      await checker.close();
    }
  });

  it('runs the checks on this thread when a worker cannot load here, and says so once', async () => {
    const path = copy('fallback');
    const db = openMigratedDatabase(path);
    const reasons: string[] = [];
    const checker = new DriftWorkerChecker(
      path,
      () => DEFAULT_DRIFT_SETTINGS,
      inlineDriftChecker(new DriftService(db, () => DEFAULT_DRIFT_SETTINGS)),
      (err) => reasons.push(err.message),
      () => new Worker('throw new Error("cannot load the drift worker here")', { eval: true }),
    );
    try {
      const first = await checker.check({ now: new Date(NOW) });
      const second = await checker.check({ now: new Date(NOW) });
      expect(slim(first).windows).toEqual(slim(inline).windows);
      expect(second.windows).toHaveLength(24);
      expect(reasons).toEqual(['cannot load the drift worker here']);
    } finally {
      await checker.close();
      db.close();
    }
  }, 300_000);
});
