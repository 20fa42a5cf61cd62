/**
 * Health → Live performance against `serve` (real engine, real Chromium): with no camera the card
 * says in plain words that there are no samples; with vtest.avi playing as a camera and
 * performance.sample_interval_s = 2, the sampler fills model_performance_metrics and the card
 * draws the sampled points (latency p50/p95 and frames per second, per camera and version) and
 * lists the latest sample, the same figures the database holds.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../src/engine/paths';
import type { RunningServer } from '../../src/engine/server/server';
import type { Engine } from '../../src/engine/wiring/open-engine';
import { dispatch } from '../../src/shared/dispatch';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { root, startServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const VTEST = join(root, 'tests', 'fixtures', 'media', 'vtest.avi');
const ready = existsSync(defaultModelPath()) && existsSync(VTEST);

describe.skipIf(!ready)('Health: live performance chart from the sampler (serve, Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-perf-');
    ({ engine, server, browser } = app);
    const set = await dispatch(engine.handlers, 'settings:set', { key: 'performance.sample_interval_s', value: 2 }, engine.access.ownerCaller());
    if (!set.ok) throw new Error(`settings:set failed: ${set.error.message}`);
    return () => app.close();
  });

  it('says there are no samples yet, then charts the sampled points of a running camera', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${server.url}/#/health`);
    const card = page.getByRole('region', { name: 'Live performance' });
    await card.waitFor();
    await eventually(() => card.textContent(), (t) => expect(t).toContain('No live performance samples in this period'));
    expect(await card.textContent()).toContain('every 2 seconds');

    const added = await dispatch(
      engine.handlers,
      'cameras:add',
      { name: 'Plaza', sourceKind: 'file', url: VTEST, processFps: 5, lines: [{ name: 'road', x1: 600, y1: 150, x2: 600, y2: 450 }] },
      engine.access.ownerCaller(),
    );
    expect(added.ok).toBe(true);

    // The card re-reads every few seconds: at least three samples of Plaza end up on the charts.
    await eventually(async () => Number(await card.getAttribute('data-samples')), (n) => expect(n).toBeGreaterThanOrEqual(3), 120_000);
    const latencyChart = card.getByRole('img', { name: /model latency, median and 95th percentile/ });
    const fpsChart = card.getByRole('img', { name: /processed frames per second/ });
    await latencyChart.waitFor();
    await fpsChart.waitFor();
    // Read in one go (the card re-reads on its own): p50 and p95 per sample on the latency chart,
    // one fps point per sample on the other.
    const counted = await card.evaluate((el) => [el.getAttribute('data-samples'), ...[...el.querySelectorAll('figure')].map((f) => f.getAttribute('data-points'))].map(Number));
    const samples = counted[0]!;
    expect(counted).toEqual([samples, 2 * samples, samples]);
    // chart.js drew the lines on the canvas (not a blank one); a string, as the tests' types have no DOM.
    const drawn = await page.evaluate<{ width: number; inked: number }>(`(() => {
      const canvas = document.querySelector('[aria-labelledby="live-performance-title"] figure canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return { width: canvas.width, inked };
    })()`);
    expect(drawn.width).toBeGreaterThan(0);
    expect(drawn.inked).toBeGreaterThan(500);

    // The table of the latest samples names the camera and the version the database recorded.
    await card.getByText('Latest samples as a table').click();
    const row = card.getByRole('row', { name: /Plaza/ });
    await row.waitFor();
    const rows = engine.repos.performanceMetrics.liveSeries({});
    expect(rows.length).toBeGreaterThanOrEqual(samples);
    const version = rows.at(-1)!;
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe(`${version.modelId}@${version.modelVersion}`);
    expect(Number(cells[1 + 1]!.replace(/[^\d.]/g, ''))).toBeGreaterThan(0); // p50 (ms)
    const [shown, listed] = await card.evaluate((el) => [el.getAttribute('data-samples'), el.querySelector('tbody tr td:last-child')?.textContent].map(Number));
    expect(listed).toBe(shown);
    expect(shown).toBeGreaterThanOrEqual(samples);
    await page.screenshot({ path: screenshotPath('health-performance'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
