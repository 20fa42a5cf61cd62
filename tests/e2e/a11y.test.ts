/**
 * Every page passes axe-core with no serious or critical violation, in the light and the dark
 * theme, with data on it (a camera tile on Live, counts on the Dashboard), and no console error;
 * a screenshot of each page in each theme is written to /tmp/footfall-a11y-<theme>-<page>.png.
 * (English only: the Vietnamese catalogue is not built yet.)
 */
import AxeBuilder from '@axe-core/playwright';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/engine/server/server';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { startServedApp } from './support/served-app';
import { eventually, PAGES } from './support/walk-pages';

const ALL_PAGES = [...PAGES, 'Users', 'Audit log'] as const;

describe('accessibility of every page (axe-core, real engine, real Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-a11y-');
    ({ engine, server, browser } = app);
    engine.repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/door', enabled: false });
    const insert = engine.db.prepare("INSERT INTO counting_results (counting_event_id, event_type, direction, camera_id, created_at) VALUES (?, 'cross_line', ?, 'door', ?)");
    for (let i = 0; i < 12; i++) insert.run(`a11y-${i}`, i % 3 === 0 ? 'out' : 'in', new Date(Date.now() - i * 600_000).toISOString());
    return () => app.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical violation on any page in the ${theme} theme`, async () => {
      const page = await browser.context.newPage();
      const { problems } = watchPageProblems(page);
      await page.setViewportSize({ width: 1366, height: 860 });
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`${server.url}/#/live`);
      await page.getByRole('heading', { level: 1, name: 'Live' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      const found: string[] = [];
      for (const name of ALL_PAGES) {
        await nav.getByRole('link', { name, exact: true }).click();
        await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe(name));
        await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
        if (name === 'Dashboard') await eventually(() => page.getByTestId('period-in').textContent(), (t) => expect(t).not.toBe('—'));
        await page.screenshot({ path: `/tmp/footfall-a11y-${theme}-${name.toLowerCase().replace(/\s+/g, '-')}.png` });
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of results.violations) {
          if (v.impact !== 'serious' && v.impact !== 'critical') continue;
          found.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
        }
      }
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
