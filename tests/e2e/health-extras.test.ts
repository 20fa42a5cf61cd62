/**
 * Health → Audit accuracy and Camera uptime, and the Live tile's drift / tamper badge (issue 13,
 * parts 1 and 6) against `serve` (real engine, real SQLite file, real Chromium). The rows go in as
 * the engine writes them: answered audit_items, model_drift_metrics rows with the drift service's
 * drift_features JSON (an alerted drift window naming brightness, a tamper episode "covered"), and
 * camera_health_samples through the repository. Then the cards show the same figures the engine's
 * requests give, a stopped camera's tile carries the badge with a link to Health, and axe finds
 * nothing serious or critical on Health in the light and the dark theme.
 */
import AxeBuilder from '@axe-core/playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/engine/server/server';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { RequestInput, RequestName, RequestOutput } from '../../src/shared/contract';
import { dispatch } from '../../src/shared/dispatch';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { startServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** A request through the engine's dispatch as the machine's owner; its typed answer, or a throw. */
async function call<K extends RequestName>(engine: Engine, name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
  const r = await dispatch(engine.handlers, name, input, engine.access.ownerCaller());
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as RequestOutput<K>;
}

describe('Health: audit accuracy, camera uptime, and the Live drift badge (serve, Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-health-extras-');
    ({ engine, server, browser } = app);
    // Stopped cameras (nothing to connect to): their tiles still show on Live.
    engine.repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/door', enabled: false });
    engine.repos.cameras.create({ cameraId: 'yard', name: 'Yard', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/yard', enabled: false });
    return () => app.close();
  });

  it('says in words that nothing was reviewed yet', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${server.url}/#/health`);
    const card = page.getByRole('region', { name: 'Audit accuracy' });
    await card.waitFor();
    expect(await card.textContent()).toContain('No counts reviewed yet — open Count review to check a sample');
    expect(await card.getByRole('link', { name: 'Count review' }).getAttribute('href')).toBe('#/review');
    const uptime = page.getByRole('region', { name: 'Camera uptime' });
    await uptime.waitFor();
    expect(await uptime.getByRole('row', { name: /Yard/ }).locator('td').first().textContent()).toBe('—');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the answers, uptime and alerts the engine stored, on Health and on the Live tile', async () => {
    const now = Date.now();
    // Answered audit items as the audit service stores them (pictures already gone: not needed for the report).
    const item = engine.db.prepare(`INSERT INTO audit_items (camera_id, model_id, model_version, kind, counting_event_id, direction, line_name, track_id, people, captured_at, expires_at, answer, answered_at)
      VALUES (@camera, @model, @version, @kind, NULL, @direction, @line, @track, 1, @at, @expires, @answer, @answeredAt)`);
    const add = (version: string, kind: 'crossing' | 'no_crossing', answer: string, k: number): void => {
      item.run({
        camera: 'door',
        model: 'yolo-person',
        version,
        kind,
        direction: kind === 'crossing' ? 'in' : null,
        line: kind === 'crossing' ? 'entrance' : null,
        track: kind === 'crossing' ? k : null,
        at: iso(now - HOUR + k * 1000),
        expires: iso(now + 7 * 24 * HOUR),
        answer,
        answeredAt: iso(now - 60_000),
      });
    };
    for (let k = 1; k <= 3; k++) add('1.0.0', 'crossing', 'right', k); // TP 3
    add('1.0.0', 'crossing', 'not_a_person', 4); // FP 1
    add('1.0.0', 'no_crossing', 'missed_one', 5); // FN 1
    add('2.0.0', 'no_crossing', 'right', 6); // confirmed empty only: nothing to divide by
    const report = await call(engine, 'audits:report', {});
    const v1 = report.rows.find((r) => r.modelVersion === '1.0.0')!;
    expect([v1.truePositives, v1.falsePositives, v1.falseNegatives, v1.answers]).toEqual([3, 1, 1, 5]);
    expect(v1.precision).toBeCloseTo(0.75, 6);
    expect(v1.recall).toBeCloseTo(0.75, 6);

    // Drift rows in the drift service's own shape: an alerted hourly window (brightness moved),
    // and a tamper episode (covered) seen a minute ago.
    const drift = engine.db.prepare(`INSERT INTO model_drift_metrics (model_id, drift_timestamp, data_drift_score, concept_drift_score, model_drift_score, drift_type, drift_severity, drift_features, is_alerted, alert_threshold)
      VALUES (NULL, ?, ?, ?, ?, 'covariate', ?, ?, 1, ?)`);
    const hourEnd = Math.floor(now / HOUR) * HOUR;
    const histogram = { edges: Array.from({ length: 31 }, (_, i) => i * 8), reference: Array.from({ length: 30 }, (_, i) => (i > 12 && i < 18 ? 40 : 1)), current: Array.from({ length: 30 }, (_, i) => (i > 3 && i < 9 ? 40 : 1)) };
    drift.run(iso(hourEnd), 0.8, null, 0.05, 'critical', JSON.stringify({
      kind: 'drift', camera: { id: 'door', name: 'Front door' }, modelVersion: '1.0.0',
      window: { from: iso(hourEnd - HOUR), to: iso(hourEnd) },
      reference: { basis: 'same_hour', from: iso(hourEnd - 7 * 24 * HOUR - HOUR), to: iso(hourEnd - 24 * HOUR), hours: 7 },
      drifted: true, streak: 2, alertWindows: 2,
      features: [
        { name: 'brightness', score: 0.8, method: 'wasserstein', statistic: 2.1, pValue: null, drifted: true, severity: 'critical', n: { reference: 12000, current: 3600 }, histogram },
        { name: 'confidence', score: 0.05, method: 'wasserstein', statistic: 0.02, pValue: null, drifted: false, severity: 'low', n: { reference: 12000, current: 3600 } },
      ],
    }), 0.1);
    drift.run(iso(now - 90_000), 1, null, null, 'critical', JSON.stringify({
      kind: 'tamper', camera: { id: 'door', name: 'Front door' }, modelVersion: '1.0.0',
      window: { from: iso(now - 100_000), to: iso(now - 60_000) }, detectedAt: iso(now - 90_000),
      features: [{ name: 'tamper:covered', score: 0.96, measure: 'luma', value: 4.2, baseline: 118 }],
    }), null);
    const status = await call(engine, 'drift:status', { cameraId: 'door' });
    expect(status.alerts.map((a) => a.kind).sort()).toEqual(['drift', 'tamper']);

    // Health samples through the repository: Front door live for 18 of the last 24 hours (one
    // sample a minute), and one "stopped" sample three days ago (so 7 days: 18 h of 72).
    const start = now - 24 * HOUR + 30_000;
    engine.db.transaction(() => {
      engine.repos.healthSamples.record({ cameraId: 'door', state: 'stopped', reason: 'stopped', sampledAt: iso(now - 72 * HOUR + 30_000) });
      for (let k = 0; k < 1440; k++) engine.repos.healthSamples.record({ cameraId: 'door', state: k < 1080 ? 'live' : 'failed', reason: k < 1080 ? null : 'refused', sampledAt: iso(start + k * 60_000) });
    })();
    const day = await call(engine, 'health:uptime', { days: 1 });
    const week = await call(engine, 'health:uptime', { days: 7 });
    const doorDay = day.find((u) => u.cameraId === 'door')!;
    const doorWeek = week.find((u) => u.cameraId === 'door')!;
    expect(doorDay.liveSeconds).toBe(1080 * 60);
    expect(doorDay.liveShare).toBeCloseTo(0.75, 2);
    expect(doorWeek.liveShare).toBeCloseTo(0.25, 2);
    expect(doorWeek.samples).toBeGreaterThanOrEqual(1441);
    expect(doorWeek.since).toBe(iso(now - 72 * HOUR + 30_000));
    expect(week.find((u) => u.cameraId === 'yard')).toMatchObject({ liveShare: null, samples: 0, since: null });

    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.url}/#/health`);
    const accuracy = page.getByRole('region', { name: 'Audit accuracy' });
    await accuracy.getByRole('row', { name: /Front door/ }).first().waitFor();
    const rows = await accuracy.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows).toEqual([
      ['yolo-person@1.0.0', 'Front door', '5', '75%', '75%', '75%'],
      ['yolo-person@2.0.0', 'Front door', '1', '—', '—', '—'],
    ]);

    const uptime = page.getByRole('region', { name: 'Camera uptime' });
    const doorRow = uptime.getByRole('row', { name: /Front door/ });
    await eventually(() => doorRow.locator('td').allTextContents(), (cells) => expect(cells.slice(0, 2)).toEqual(['75%', '25%']));
    expect(Number((await doorRow.locator('td').nth(2).textContent())!.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1441);
    expect(await uptime.textContent()).toContain('every 15 seconds');
    expect(await uptime.getByRole('row', { name: /Yard/ }).locator('td').allTextContents()).toEqual(['—', '—', '0', 'no samples yet']);

    // The Drift card (someone else's) shows the same alerts: the rows are the ones it reads.
    const driftCard = page.getByRole('region', { name: 'Drift and tampering' });
    await eventually(() => driftCard.textContent(), (t) => expect(t).toMatch(/Tampering on Front door[\s\S]*camera covered/));

    // Live: the stopped camera's tile carries the badge in words, with the way to Health.
    await page.goto(`${server.url}/#/live`);
    const tile = page.locator('article[data-camera-id="door"]');
    await tile.waitFor();
    const badge = tile.getByTestId('tile-drift-alert');
    await badge.waitFor();
    expect((await badge.locator('.badge').allTextContents()).sort()).toEqual(['Camera covered?', 'Picture changed: brightness']);
    expect(await badge.textContent()).toMatch(/^(Camera covered\? Picture changed: brightness|Picture changed: brightness Camera covered\?) Details on Health$/);
    expect(await page.locator('article[data-camera-id="yard"]').getByTestId('tile-drift-alert').count()).toBe(0);
    await badge.getByRole('link', { name: 'Details on Health' }).click();
    await page.getByRole('heading', { level: 1, name: 'Health' }).waitFor();
    expect(page.url()).toMatch(/#\/health$/);
    await page.screenshot({ path: screenshotPath('health-extras'), fullPage: true });

    // Axe on Health in both themes, with the new cards filled.
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`${server.url}/#/health`);
      await accuracy.getByRole('row', { name: /Front door/ }).first().waitFor();
      await doorRow.waitFor();
      await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${theme}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(bad).toEqual([]);
      await page.screenshot({ path: screenshotPath(`health-extras-${theme}`), fullPage: true });
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
