/**
 * The Dashboard against the real engine on data made for it: the hourly chart has 24 slots, the
 * date range filters, the previous-period change is right, the filters live in the URL, today's
 * totals refresh while counting, the people inside (in − out since midnight) are charted per
 * hour, and the CSV export's totals equal the database's, with its occupancy column, while the
 * export shows that it is working.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { RunningServer } from '../../src/engine/server/server';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { startServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const localDay = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const now = new Date();
const TODAY = localDay(now);
const YESTERDAY = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1));
const at = (daysAgo: number, hour: number, minute = 0): string => new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, hour, minute).toISOString();

describe('dashboard (real engine, real Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;
  let n = 0;
  const cross = (cameraId: string, direction: 'in' | 'out', when: string, times = 1): void => {
    const insert = engine.db.prepare("INSERT INTO counting_results (counting_event_id, event_type, direction, camera_id, created_at) VALUES (?, 'cross_line', ?, ?, ?)");
    for (let i = 0; i < times; i++) insert.run(`dash-${++n}`, direction, cameraId, when);
  };
  const dbCount = (cameraId: string, direction: 'in' | 'out', from: string, to: string): number =>
    engine.db
      .prepare("SELECT count(*) FROM counting_results WHERE camera_id = ? AND event_type = 'cross_line' AND direction = ? AND created_at >= ? AND created_at < ?")
      .pluck()
      .get(cameraId, direction, from, to) as number;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-dash-');
    ({ engine, server, browser } = app);
    for (const [cameraId, name] of [['door', 'Front door'], ['till', 'Till']] as const) {
      engine.repos.cameras.create({ cameraId, name, sourceKind: 'rtsp', url: `rtsp://127.0.0.1:9/${cameraId}`, enabled: false });
    }
    // Yesterday 10 in / 4 out; today 15 in / 2 out at the door (so +50 % in, −50 % out); the till elsewhere.
    cross('door', 'in', at(1, 9, 15), 10);
    cross('door', 'out', at(1, 17, 40), 4);
    cross('door', 'in', at(0, 8, 5), 6);
    cross('door', 'in', at(0, 12, 30), 9);
    cross('door', 'out', at(0, 17, 0), 2);
    cross('till', 'in', at(0, 10, 0), 3);
    return () => app.close();
  });

  it('shows 24 hourly slots, the previous-period change, filters by date range and keeps the filters in the URL', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 1100 });
    await page.goto(`${server.url}/#/dashboard?camera=door&from=${TODAY}&to=${TODAY}&res=hour&compare=1`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    const chart = page.locator('figure.chart');
    await eventually(() => chart.getAttribute('data-slots'), (v) => expect(v).toBe('24'));
    expect(await chart.locator('tbody tr').count()).toBe(24);
    await eventually(() => page.getByTestId('period-in').textContent(), (t) => expect(t).toBe('15'));
    expect(await page.getByTestId('period-out').textContent()).toBe('2');
    expect(await page.getByTestId('change-in').textContent()).toBe('+50% vs the previous period');
    expect(await page.getByTestId('change-out').textContent()).toBe('−50% vs the previous period');
    // The hidden table carries the slots: the 08:00 slot has the 6 people, empty hours are zeros.
    const cells = await chart.locator('tbody tr').nth(8).locator('td').allTextContents();
    expect(cells.slice(1, 3)).toEqual(['6', '0']);
    expect(await chart.locator('tbody tr').nth(3).locator('td').nth(1).textContent()).toBe('0');
    // Occupancy per hour, the chart's line on its second axis: in − out since midnight at the end of each hour.
    expect(await chart.locator('thead th').nth(3).textContent()).toBe('Inside at the end of the hour');
    const inside = await chart.getByTestId('occupancy-cell').allTextContents();
    expect([inside[7], inside[8], inside[12], inside[17], inside[23]]).toEqual(['0', '6', '15', '13', '13']);
    expect(await page.getByTestId('period-peak-occupancy').textContent()).toBe('15');
    expect(await chart.locator('canvas').getAttribute('aria-label')).toContain('people inside at the end of each hour as a line');
    expect(await page.getByTestId('today-in').textContent()).toBe('15');
    await page.screenshot({ path: screenshotPath('dashboard-day') });

    // All cameras: the till's 3 are added.
    await page.getByRole('combobox', { name: /^Camera/ }).selectOption('');
    await eventually(() => page.getByTestId('period-in').textContent(), (t) => expect(t).toBe('18'));
    await page.getByRole('combobox', { name: /^Camera/ }).selectOption('door');

    // The range: yesterday and today, by hour (48 slots), then by day.
    await page.getByLabel(/^From/).fill(YESTERDAY);
    await eventually(() => chart.getAttribute('data-slots'), (v) => expect(v).toBe('48'));
    await eventually(() => page.getByTestId('period-in').textContent(), (t) => expect(t).toBe('25'));
    expect(await page.getByTestId('change-in').textContent()).toBe('nothing counted in the previous period');
    await page.getByRole('combobox', { name: /^Per/ }).selectOption('day');
    await eventually(() => chart.getAttribute('data-slots'), (v) => expect(v).toBe('2'));
    expect(page.url()).toContain(`from=${YESTERDAY}`);
    expect(page.url()).toContain('res=day');
    expect(page.url()).toContain('camera=door');

    // A reload shows the same view.
    await page.reload();
    await eventually(() => chart.getAttribute('data-slots'), (v) => expect(v).toBe('2'));
    await eventually(() => page.getByTestId('period-in').textContent(), (t) => expect(t).toBe('25'));
    expect(await page.getByLabel(/^From/).inputValue()).toBe(YESTERDAY);

    // Export: the CSV's totals equal the database's for the same period and camera.
    await page.getByRole('combobox', { name: /^Per/ }).selectOption('hour');
    await eventually(() => chart.getAttribute('data-slots'), (v) => expect(v).toBe('48'));
    // While the file is made (held back here) the button is busy and a status with a progress bar says so.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/counts:export', async (route) => {
      await held;
      await route.continue();
    });
    const downloaded = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const busy = page.getByRole('button', { name: 'Exporting…' });
    await busy.waitFor();
    expect(await busy.getAttribute('aria-busy')).toBe('true');
    expect(await page.getByRole('button', { name: 'Export JSON' }).isDisabled()).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Preparing the CSV file' }).count()).toBe(1);
    expect(await page.getByRole('progressbar', { name: 'Export progress' }).isVisible()).toBe(true);
    release();
    const download = await downloaded;
    await page.unroute('**/api/counts:export');
    await eventually(() => page.getByTestId('export-status').textContent(), (t) => expect(t).toBe(`Saved ${download.suggestedFilename()}.`));
    expect(await page.getByRole('button', { name: 'Export CSV' }).isEnabled()).toBe(true);
    expect(download.suggestedFilename()).toBe(`footfall_front-door_${YESTERDAY}_${localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1))}_hour.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('start,in,out,occupancy');
    expect(csv).toHaveLength(49);
    const sum = (col: number): number => csv.slice(1).reduce((a, r) => a + Number(r.split(',')[col]), 0);
    const from = at(1, 0);
    const to = at(-1, 0);
    expect(sum(1)).toBe(dbCount('door', 'in', from, to));
    expect(sum(2)).toBe(dbCount('door', 'out', from, to));
    expect([sum(1), sum(2)]).toEqual([25, 6]);
    // Occupancy: 6 inside at the end of yesterday, back to 0 at midnight (the daily reset), 15 after today's 12:30.
    expect(csv.find((r) => r.startsWith(at(1, 23)))).toBe(`${at(1, 23)},0,0,6`);
    expect(csv.find((r) => r.startsWith(at(0, 0)))).toBe(`${at(0, 0)},0,0,0`);
    expect(csv.find((r) => r.startsWith(at(0, 12)))).toBe(`${at(0, 12)},9,0,15`);
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8')) as { totalIn: number; timeZone: string; points: Array<{ start: string; in: number; out: number; occupancy: number }> };
    expect([json.totalIn, json.points.length]).toEqual([25, 48]);
    expect(json.points.find((p) => p.start === at(0, 17))).toEqual({ start: at(0, 17), in: 0, out: 2, occupancy: 13 });
    expect(json.timeZone).toBe(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));

    // Live refresh: a crossing stored and announced by a camera shows up without a reload.
    cross('door', 'in', new Date().toISOString());
    engine.events.emit('live:counts', { cameraId: 'door', in: 1, out: 0, occupancy: null, at: new Date().toISOString() });
    await eventually(() => page.getByTestId('today-in').textContent(), (t) => expect(t).toBe('16'), 10_000);
    await eventually(() => page.getByTestId('period-in').textContent(), (t) => expect(t).toBe('26'), 10_000);
    await page.evaluate("document.getElementById('main').scrollTop = 0");
    await page.screenshot({ path: screenshotPath('dashboard-range') });
    expect(problems).toEqual([]);
    await page.close();
  });
});
