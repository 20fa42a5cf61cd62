/**
 * Count review page (issue 13 part 4) end to end: vtest.avi is counted as camera `door` with
 * audit.enabled on (the real runCount, the same frame path a camera takes), so the audit items and
 * their evidence pictures come from the real engine; that database file is then served, an admin
 * answers the first item "Right" with the key 1, and the progress and the report row follow.
 * axe-core finds no serious or critical violation in the light and the dark theme.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../src/engine/db/open-migrated-database';
import { repositoriesFor } from '../../src/engine/db/repositories';
import { runCount, type RunCountResult } from '../../src/engine/pipeline/run-count';
import { startServer, type RunningServer } from '../../src/engine/server/server';
import { openEngine, type Engine } from '../../src/engine/wiring/open-engine';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { ADMIN, rendererDir, requireBuild, signInContext } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const VTEST = join(import.meta.dirname, '../fixtures/media/vtest.avi');

let dir: string;
let dbPath: string;
let counted: RunCountResult;
let engine: Engine | null = null;
let server: RunningServer | null = null;
let browser: LaunchedBrowser | null = null;

beforeAll(async () => {
  requireBuild();
  dir = mkdtempSync(join(tmpdir(), 'footfall-e2e-review-'));
  dbPath = join(dir, 'footfall.db');
  const db = openMigratedDatabase(dbPath);
  const repos = repositoriesFor(db);
  repos.settings.set('audit.enabled', true);
  // One frame with no crossing every 30 s of video as well, so both kinds of item exist.
  repos.settings.set('audit.no_crossing_per_hour', 120);
  db.close();
  counted = await runCount({
    source: VTEST,
    lines: [{ id: null, name: 'door', x1: 384, y1: 0, x2: 384, y2: 576 }],
    dbPath,
    camera: 'door',
    fps: 2,
    maxFrames: 120,
  });
  engine = await openEngine({ dbPath, host: 'serve' });
  server = await startServer({ handlers: engine.handlers, events: engine.events, access: engine.access, port: 0, staticDir: rendererDir });
  browser = await launchChromium();
  await engine.access.addUser({ username: ADMIN.username, role: 'admin', password: ADMIN.password, mustChangePassword: false }, engine.access.ownerCaller());
  await signInContext(browser, server.url, ADMIN.username, ADMIN.password);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await engine?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function itemCount(): { total: number; answered: number } {
  const db = openMigratedDatabase(dbPath);
  try {
    return db.prepare('SELECT count(*) AS total, count(answer) AS answered FROM audit_items WHERE picture IS NOT NULL').get() as { total: number; answered: number };
  } finally {
    db.close();
  }
}

async function openReview(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${server!.url}/#/live`);
  await page.getByRole('heading', { level: 1, name: 'Live' }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Count review', exact: true }).click();
  await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe('Count review'));
  await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

describe('count review page (real run, real engine, real Chromium)', () => {
  it('stored audit items from the real run', () => {
    expect(counted.in + counted.out).toBeGreaterThanOrEqual(1);
    const { total, answered } = itemCount();
    expect(total).toBeGreaterThanOrEqual(2);
    expect(answered).toBe(0);
  });

  it('shows the evidence picture and question, answers "Right" with key 1, and the progress and report follow', async () => {
    const page = await browser!.context.newPage();
    const { problems } = watchPageProblems(page);
    const total = itemCount().total;
    await openReview(page);

    const item = page.getByTestId('review-item');
    await item.waitFor();
    const progress = item.getByTestId('review-progress');
    await eventually(() => progress.textContent(), (t) => expect(t).toMatch(new RegExp(`^0 reviewed of ${total}\\b`)));

    const img = item.getByRole('img');
    const alt = (await img.getAttribute('alt')) ?? '';
    expect(alt).toMatch(/^Camera door, /);
    expect(alt).toMatch(/counted going (in|out)|no crossing/);
    await eventually(
      () => img.evaluate((el) => {
        const i = el as unknown as { complete: boolean; naturalWidth: number };
        return i.complete ? i.naturalWidth : 0;
      }),
      (w) => {
        expect(w).toBeGreaterThan(0);
        expect(w).toBeLessThanOrEqual(320);
      },
    );

    const kind = await item.getAttribute('data-kind');
    const question = await page.locator('#review-question').textContent();
    const group = item.getByRole('group', { name: 'Answer' });
    if (kind === 'no_crossing') {
      expect(question).toBe('Did someone cross the line here without being counted?');
      expect(await group.getByRole('button', { name: /Wrong direction|Not a person/ }).count()).toBe(0);
    } else {
      expect(question).toBe('Was this person counted right?');
      for (const name of ['Wrong direction', 'Not a person']) expect(await group.getByRole('button', { name }).count()).toBe(1);
    }
    for (const [key, name] of [['1', 'Right'], ['4', 'Missed one']] as const) {
      expect(await group.getByRole('button', { name }).getAttribute('aria-keyshortcuts')).toBe(key);
    }
    expect(await group.getByRole('button', { name: 'Skip', exact: true }).count()).toBe(1);
    // Nothing answered yet: no report row.
    expect(await page.getByTestId('review-report-row').count()).toBe(0);

    const firstAlt = alt;
    await page.locator('body').press('1');
    await eventually(() => page.getByTestId('review-progress').first().textContent(), (t) => expect(t).toMatch(new RegExp(`^1 reviewed of ${total}\\b`)));
    expect(itemCount().answered).toBe(1);
    // The next item is shown (another picture), or the "nothing left" state.
    if (total > 1) await eventually(() => page.getByTestId('review-item').getByRole('img').getAttribute('alt'), (a) => expect(a).not.toBe(firstAlt));

    const row = page.getByTestId('review-report-row');
    await eventually(() => row.count(), (n) => expect(n).toBe(1));
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('door');
    expect(cells[1]).toBe(counted.model.versionNumber);
    expect(cells[2]).toBe('1');
    const locale = await page.evaluate(() => new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 3 }).format(1));
    if (kind === 'no_crossing') {
      // A confirmed empty frame: no effect on precision or recall.
      expect(cells.slice(3)).toEqual(['—', '—', '—']);
    } else {
      // One right crossing: precision = recall = F1 = 1.
      expect(cells.slice(3)).toEqual([locale, locale, locale]);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe-core violation in the ${theme} theme`, async () => {
      const page = await browser!.context.newPage();
      const { problems } = watchPageProblems(page);
      await page.emulateMedia({ colorScheme: theme });
      await openReview(page);
      await page.getByTestId('review-item').getByRole('img').waitFor();
      // The focus ring shows on the answer buttons (keyboard focus).
      await page.getByTestId('review-item').getByRole('button', { name: 'Skip', exact: true }).focus();
      await page.keyboard.press('Shift+Tab');
      const outline = await page.locator(':focus').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(el).outlineStyle);
      expect(outline).not.toBe('none');
      await page.screenshot({ path: screenshotPath(`review-${theme}`) });
      expect(await seriousViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
