/**
 * Drift and tampering on real runs (issue 13, "Tests that must exist"): vtest.avi counted as
 * camera `door` through the real command line on Monday 2 Nov 2026, then on Tuesday either a
 * darkened copy (ffmpeg `eq=brightness=-0.35`), the unchanged recording, or a copy whose view is
 * shifted 120 px from its 40th second on. Each run starts at 09:59:20, so its 80 s fall into two
 * hourly windows (09:00 and 10:00): each window's reference is the same hour the day before,
 * and `drift check --now 11:00` scores both — two drifted windows in a row is what the default
 * `drift.alert_windows` (2) needs for an alert. 1 fps keeps each run to ~15–20 s; the three
 * Tuesday runs go in parallel from copies of Monday's database.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../../../src/engine/capture/ffmpeg-path';
import { openDatabase } from '../../../src/engine/db/open-database';
import { openMigratedDatabase } from '../../../src/engine/db/open-migrated-database';
import { repositoriesFor } from '../../../src/engine/db/repositories';
import { driftHandlers } from '../../../src/engine/handlers/drift-handlers';
import { killRunningClis, runCli } from '../pipeline/cli-runner';

const VTEST = join(import.meta.dirname, '../../fixtures/media/vtest.avi');
const MONDAY = '2026-11-02T09:59:20Z';
const TUESDAY = '2026-11-03T09:59:20Z';
const NOW = '2026-11-03T11:00:00Z';

interface CheckJson {
  alerts: Array<{ kind: string; camera: string; modelVersion: string; severity: string; from: string; at: string; features: Array<{ name: string; score: number }> }>;
  windows: Array<{ camera: string; modelVersion: string; from: string; drifted: boolean; streak: number; alerted: boolean; severity: string; features: Array<{ name: string; score: number; drifted: boolean; method: string; pValue: number | null }> }>;
}

let dir: string;
const db = (name: string): string => join(dir, `${name}.db`);

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(resolveFfmpeg().path, ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('error', reject);
    p.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${code}: ${err}`))));
  });
}

async function count(source: string, dbPath: string, startedAt: string): Promise<void> {
  const r = await runCli(['count', '--source', source, '--line', '384,0,384,576', '--camera', 'door', '--db', dbPath, '--started-at', startedAt, '--fps', '1', '--json'], { timeoutMs: 150_000 });
  expect(r.code, r.stderr).toBe(0);
}

async function check(dbPath: string, extra: string[] = []): Promise<CheckJson> {
  const r = await runCli(['drift', 'check', '--db', dbPath, '--camera', 'door', '--now', NOW, ...extra, '--json'], { timeoutMs: 60_000 });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CheckJson;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'footfall-drift-'));
  const dark = join(dir, 'dark.avi');
  const shifted = join(dir, 'shifted.avi');
  await Promise.all([
    ffmpeg(['-i', VTEST, '-vf', 'eq=brightness=-0.35', '-r', '2', '-c:v', 'mjpeg', '-q:v', '3', dark]),
    // From t = 40 s the picture is the view moved 120 px left (the right edge padded black).
    ffmpeg(['-i', VTEST, '-filter_complex', "[0:v]split[a][b];[b]crop=iw-120:ih:120:0,pad=iw+120:ih:0:0[s];[a][s]overlay=enable='gte(t,40)'", '-r', '2', '-c:v', 'mjpeg', '-q:v', '3', shifted]),
    count(VTEST, db('monday'), MONDAY),
  ]);
  for (const name of ['dark', 'same', 'shifted']) copyFileSync(db('monday'), db(name));
  await Promise.all([count(dark, db('dark'), TUESDAY), count(VTEST, db('same'), TUESDAY), count(shifted, db('shifted'), TUESDAY)]);
}, 240_000);

afterAll(() => {
  killRunningClis();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('drift check on real runs', () => {
  it('a darkened Tuesday raises a drift alert naming brightness, after two drifted windows', async () => {
    const r = await check(db('dark'));
    expect(r.windows.map((w) => [w.from, w.drifted, w.streak, w.alerted])).toEqual([
      ['2026-11-03T09:00:00.000Z', true, 1, false],
      ['2026-11-03T10:00:00.000Z', true, 2, true],
    ]);
    const drift = r.alerts.filter((a) => a.kind === 'drift');
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatchObject({ camera: 'door', modelVersion: expect.any(String), severity: 'critical' });
    expect(drift[0]!.features.map((f) => f.name)).toContain('brightness');
    const brightness = r.windows[1]!.features.find((f) => f.name === 'brightness')!;
    expect(brightness).toMatchObject({ drifted: true, method: 'ks' });
    expect(brightness.score).toBeGreaterThan(0.5); // PSI: critical band
    expect(brightness.pValue).toBeLessThan(1e-10);
    // Darker is drift, not tampering: the view fingerprint's correlation ignores the light.
    expect(r.alerts.filter((a) => a.kind === 'tamper')).toEqual([]);
    // Stored: the seed's table, the second window alerted; a second check scores nothing again.
    const file = openDatabase(db('dark'), { readonly: true });
    try {
      const rows = file.prepare("SELECT drift_type, drift_severity, is_alerted, data_drift_score FROM model_drift_metrics ORDER BY drift_timestamp").all();
      expect(rows).toEqual([
        { drift_type: 'covariate', drift_severity: 'critical', is_alerted: 0, data_drift_score: 1 },
        { drift_type: 'covariate', drift_severity: 'critical', is_alerted: 1, data_drift_score: 1 },
      ]);
    } finally {
      file.close();
    }
    const again = await check(db('dark'));
    expect(again.alerts).toEqual(r.alerts);
    // What the Health card reads (drift:status): the alert, the windows newest first, histograms.
    const f2 = openMigratedDatabase(db('dark'));
    try {
      const status = await driftHandlers({ db: f2, repos: repositoriesFor(f2) }, null, () => new Date(NOW))['drift:status']({ hours: 48 });
      expect(status.alerts.map((a) => [a.kind, a.camera, a.severity])).toEqual([['drift', 'door', 'critical']]);
      expect(status.windows.map((w) => w.from)).toEqual(['2026-11-03T10:00:00.000Z', '2026-11-03T09:00:00.000Z']);
      const h = status.windows[0]!.features.find((f) => f.name === 'brightness')!.histogram!;
      expect([h.edges.length, h.reference.length, h.current.length]).toEqual([31, 30, 30]);
    } finally {
      f2.close();
    }
  });

  it('two days of the unchanged recording raise no alert and score every feature 0', async () => {
    const r = await check(db('same'));
    expect(r.alerts).toEqual([]);
    expect(r.windows).toHaveLength(2);
    for (const w of r.windows) {
      expect(w.drifted).toBe(false);
      expect(w.features.length).toBeGreaterThanOrEqual(7);
      expect(w.features.every((f) => f.score === 0 && !f.drifted)).toBe(true);
    }
  });

  it('a view shifted partway through is caught as tampering within seconds of the shift', async () => {
    const r = await check(db('shifted'));
    const tamper = r.alerts.filter((a) => a.kind === 'tamper');
    expect(tamper).toHaveLength(1);
    expect(tamper[0]!.features.map((f) => f.name)).toEqual(['tamper:moved']);
    // The shift is at 40 s = 10:00:00 (±1 s: the copy's 2 fps re-timing); held 10 s
    // (drift.tamper_seconds) → the alert's time 10 s later, well within a minute.
    const shiftAt = Date.parse('2026-11-03T10:00:00Z');
    expect(Math.abs(Date.parse(tamper[0]!.from) - shiftAt)).toBeLessThanOrEqual(2_000);
    expect(Date.parse(tamper[0]!.at) - Date.parse(tamper[0]!.from)).toBe(10_000);
    expect(Date.parse(tamper[0]!.at) - shiftAt).toBeLessThanOrEqual(60_000);
    expect(tamper[0]!.severity).toBe('critical');
  });

  it('refuses a bad --now and an unknown camera in plain words', async () => {
    const bad = await runCli(['drift', 'check', '--db', db('same'), '--now', 'yesterday'], { timeoutMs: 60_000 });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--now is not an ISO-8601 time/);
    const unknown = await runCli(['drift', 'check', '--db', db('same'), '--camera', 'back-door', '--now', NOW], { timeoutMs: 60_000 });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no camera named "back-door"/);
  });
});
