/**
 * Every page passes axe-core with no serious or critical violation — in the light and the dark
 * theme, in English and in Vietnamese (the OS language Chromium reports) — with data on it (a
 * camera tile on Live, counts on the Dashboard), and no console error. A screenshot of each page
 * in each language and theme is left in test-artifacts/screenshots/. In Vietnamese no English
 * sentence of the catalogue may be left on a page.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/renderer/src/i18n/catalogues';
import { ROUTES } from '../../src/renderer/src/routes';
import { contentScreenshot } from './support/artifacts';
import { watchPageProblems } from './support/page-problems';
import { startServedApp, type ServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';

type Tree = { [key: string]: unknown };
/** The catalogue's English sentences whose Vietnamese differs: none may be on a Vietnamese page. */
function englishOnlySentences(): string[] {
  const out: string[] = [];
  const walk = (en: Tree, vi: Tree): void => {
    for (const [key, value] of Object.entries(en)) {
      const other = vi[key];
      if (value && typeof value === 'object' && !Array.isArray(value)) walk(value as Tree, other as Tree);
      else if (typeof value === 'string' && value !== other && /\p{L}+\s+\p{L}+/u.test(value) && value.length >= 12) out.push(value);
    }
  };
  walk(CATALOGUES.en as unknown as Tree, CATALOGUES.vi as unknown as Tree);
  return out;
}

async function seed(app: ServedApp): Promise<void> {
  app.engine.repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/door', enabled: false });
  const insert = app.engine.db.prepare("INSERT INTO counting_results (counting_event_id, event_type, direction, camera_id, created_at) VALUES (?, 'cross_line', ?, 'door', ?)");
  for (let i = 0; i < 12; i++) insert.run(`a11y-${i}`, i % 3 === 0 ? 'out' : 'in', new Date(Date.now() - i * 600_000).toISOString());
}

/** Opens a page through the sidebar link to `route` and waits until it has settled; returns its title. */
async function openPage(page: Page, route: string): Promise<string> {
  const link = page.getByRole('navigation').locator(`a[href="#/${route}"]`);
  // The link's accessible name (its icon is aria-hidden) is the page's title.
  const label = /link "(.+?)"/.exec(await link.ariaSnapshot())?.[1] ?? '';
  await link.click();
  await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe(label));
  await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
  if (route === 'dashboard') await eventually(() => page.getByTestId('period-in').textContent(), (t) => expect(t).not.toBe('—'));
  return label;
}

for (const locale of ['en-US', 'vi-VN'] as const) {
  const lang = locale.slice(0, 2) as 'en' | 'vi';
  describe(`accessibility of every page in ${lang} (axe-core, real engine, real Chromium)`, () => {
    let app: ServedApp;

    beforeAll(async () => {
      app = await startServedApp(`footfall-e2e-a11y-${lang}-`, { locale });
      await seed(app);
    });
    afterAll(() => app?.close());

    for (const theme of ['light', 'dark'] as const) {
      it(`has no serious or critical violation on any page in the ${theme} theme`, async () => {
        const page = await app.browser.context.newPage();
        const { problems } = watchPageProblems(page);
        await page.setViewportSize({ width: 1366, height: 860 });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`${app.server.url}/#/live`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        // The OS language picks the catalogue, and the page says which it speaks.
        expect(await page.evaluate<string>('document.documentElement.lang')).toBe(lang);
        const found: string[] = [];
        const english = lang === 'vi' ? englishOnlySentences() : [];
        for (const route of ROUTES) {
          await openPage(page, route);
          await contentScreenshot(page, `a11y-${lang}-${theme}-${route}`);
          const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
          for (const v of results.violations) {
            if (v.impact !== 'serious' && v.impact !== 'critical') continue;
            found.push(`${route}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
          }
          if (lang === 'vi') {
            const text = await page.evaluate<string>('document.body.innerText');
            for (const sentence of english) if (text.includes(sentence)) found.push(`${route}: English left on the Vietnamese page: “${sentence}”`);
          }
        }
        expect(found).toEqual([]);
        expect(problems).toEqual([]);
        await page.close();
      });
    }
  });
}
