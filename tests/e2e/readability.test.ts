/**
 * Readable on a small laptop (1366×768) and on a 4K wall screen at 100 % scaling (3840×2160):
 * on every page no text is smaller than it should be for that screen, nothing makes the page
 * scroll sideways, and the title is in view without scrolling. Screenshots of each page at each
 * size are left in test-artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/renderer/src/routes';
import { screenshotPath } from './support/artifacts';
import { watchPageProblems } from './support/page-problems';
import { startServedApp, type ServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';

interface Layout {
  smallestText: number;
  smallestSample: string;
  pageWidth: number;
  viewportWidth: number;
  mainOverflow: number;
  titleBottom: number;
  viewportHeight: number;
}

/** Measured in the page: the smallest font of any visible text, sideways overflow, the title's place. */
const MEASURE = `(() => {
  let smallest = Infinity, sample = '';
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && /\\p{L}|\\d/u.test(n.textContent));
    if (!own || el.closest('[aria-hidden="true"], .visually-hidden, .sr-only')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; sample = el.textContent.trim().slice(0, 40); }
  }
  const main = document.querySelector('.main');
  const title = document.querySelector('h1').getBoundingClientRect();
  return {
    smallestText: smallest, smallestSample: sample,
    pageWidth: document.documentElement.scrollWidth, viewportWidth: innerWidth,
    mainOverflow: main ? main.scrollWidth - main.clientWidth : 0,
    titleBottom: title.bottom, viewportHeight: innerHeight,
  };
})()`;

const SCREENS = [
  { name: 'laptop', width: 1366, height: 768, minText: 12 },
  // At 100 % scaling a 4K screen's pixels are small; text must grow with it (styles.css).
  { name: '4k', width: 3840, height: 2160, minText: 16 },
] as const;

async function openPage(page: Page, route: string): Promise<void> {
  await page.getByRole('navigation').locator(`a[href="#/${route}"]`).click();
  await eventually(() => page.evaluate<string>('location.hash'), (h) => expect(h).toContain(route));
  await page.getByRole('heading', { level: 1 }).waitFor();
  await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
}

describe('readable at 1366×768 and on a 4K screen (real engine, real Chromium)', () => {
  let app: ServedApp;

  beforeAll(async () => {
    app = await startServedApp('footfall-e2e-readable-');
    app.engine.repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/door', enabled: false });
  });
  afterAll(() => app?.close());

  for (const screen of SCREENS) {
    it(`keeps every page readable at ${screen.width}×${screen.height}`, async () => {
      const page = await app.browser.context.newPage();
      const { problems } = watchPageProblems(page);
      await page.setViewportSize({ width: screen.width, height: screen.height });
      await page.goto(`${app.server.url}/#/live`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      const found: string[] = [];
      for (const route of ROUTES) {
        await openPage(page, route);
        const m = await page.evaluate<Layout>(MEASURE);
        if (m.smallestText < screen.minText) found.push(`${route}: text of ${m.smallestText}px (“${m.smallestSample}”), under ${screen.minText}px`);
        if (m.pageWidth > m.viewportWidth) found.push(`${route}: the page is ${m.pageWidth}px wide on a ${m.viewportWidth}px screen`);
        if (m.mainOverflow > 1) found.push(`${route}: the content scrolls sideways by ${m.mainOverflow}px`);
        if (m.titleBottom > m.viewportHeight) found.push(`${route}: the title is below the fold`);
        await page.screenshot({ path: screenshotPath(`screen-${screen.name}-${route}`) });
      }
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
