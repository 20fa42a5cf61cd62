/**
 * The Dashboard's business figures against the real engine and real Chromium: the till's sales
 * are imported through the app's own request (`sales:import`, signed in, over HTTP), and the
 * Dashboard then shows the conversion rate of the imported hour (transactions ÷ people counted in),
 * "—" for an hour with sales but nobody counted, its totals, and an export with the sales columns.
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
const at = (hour: number, minute = 0): string => new Date(now.getFullYear(), now.getMonth(), now.getDate(), hour, minute).toISOString();

describe('dashboard sales and conversion (real engine, real Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;
  let n = 0;
  const cross = (cameraId: string, direction: 'in' | 'out', when: string, times = 1): void => {
    const insert = engine.db.prepare("INSERT INTO counting_results (counting_event_id, event_type, direction, camera_id, created_at) VALUES (?, 'cross_line', ?, ?, ?)");
    for (let i = 0; i < times; i++) insert.run(`sales-e2e-${++n}`, direction, cameraId, when);
  };

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-sales-');
    ({ engine, server, browser } = app);
    engine.repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/door', enabled: false });
    engine.repos.settings.set('business.currency', 'EUR');
    // 10:00 local: 8 people in at the door; 11:00: nobody; the till sold in both hours.
    cross('door', 'in', at(10, 15), 8);
    cross('door', 'out', at(10, 50), 3);
    return () => app.close();
  });

  it('shows the conversion rate of the imported hour, "—" where nobody came in, and exports it', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 1400 });
    await page.goto(`${server.url}/#/dashboard?camera=door&from=${TODAY}&to=${TODAY}&res=hour&compare=0`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await eventually(() => page.getByTestId('no-sales').textContent(), (t) => expect(t).toMatch(/No sales of this camera’s till in this period/));

    // The import, as the signed-in app makes it (the page's own origin and session).
    const csv = `hour,transactions,revenue\n${at(10)},2,37.50\n${at(11)},1,5\n`;
    const reply = (await page.evaluate(async (body) => {
      const r = await fetch('/api/sales:import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await r.json()) as { ok: boolean; value?: { imported: number }; error?: unknown };
    }, { filename: 'till.csv', content: csv, cameraId: 'door' })) as { ok: boolean; value?: { imported: number }; error?: unknown };
    expect(reply, JSON.stringify(reply.error)).toMatchObject({ ok: true, value: { imported: 2 } });

    await page.reload();
    const chart = page.getByTestId('conversion-chart');
    await eventually(() => chart.getAttribute('data-slots'), (v) => expect(v).toBe('24'));
    // the period: 3 transactions over the 8 people counted in the two hours with sales
    await eventually(() => page.getByTestId('period-conversion').textContent(), (t) => expect(t).toBe('37.5 %'));
    expect(await page.getByTestId('period-transactions').textContent()).toBe('3');
    expect(await page.getByTestId('period-sales-visitors').textContent()).toBe('8');
    const row = (hour: number) => chart.locator(`tbody tr[data-start="${at(hour)}"] td`).allTextContents();
    // the imported hour: 2 transactions of 8 people in = 25 %; 37.50 ÷ 8 = €4.69 per visitor
    const ten = await row(10);
    expect(ten[1]).toBe('8');
    expect(ten[2]).toBe('2');
    expect(ten[4]).toBe('25.0 %');
    expect(ten[5]).toBe('€4.69');
    const eleven = await row(11);
    expect([eleven[1], eleven[2], eleven[4], eleven[5]]).toEqual(['0', '1', '—', '—']);
    expect((await row(9))[4]).toBe('—');
    // footfall stays as it was beside it
    expect(await page.getByTestId('period-in').textContent()).toBe('8');
    await page.getByRole('heading', { name: /^Conversion per hour/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('dashboard-sales') });

    // The export gains the sales columns; in and out stay, occupancy (8 in − 3 out) follows them.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('start,in,out,occupancy,transactions,revenue,conversion_rate,revenue_per_visitor');
    expect(lines.find((l) => l.startsWith(at(10)))).toBe(`${at(10)},8,3,5,2,37.5,0.25,4.6875`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
