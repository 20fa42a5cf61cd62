/**
 * Issue 11, part 2 in Debian's Chromium against the real engine: the Health page's database card
 * (size, growth, days until the disk is full, the retention runs), and Settings asking before a
 * retention period is shortened, with how many rows the next run would then archive and delete.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toIso } from '../../src/shared/timestamps';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { RunningServer } from '../../src/engine/server/server';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { startServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';

describe('retention and the database card (real engine, real Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-retention-');
    ({ engine, server, browser } = app);
    // 50 frames 60 days old: kept at 90 days, archived at 30.
    const insert = engine.db.prepare(
      "INSERT INTO model_inference_results (inference_id, model_version, input_timestamp, inference_results, created_at, camera_id) VALUES (?, '1.0.0', ?, '{}', ?, 'door')",
    );
    const at = toIso(new Date(Date.now() - 60 * 86_400_000));
    engine.db.transaction(() => {
      for (let i = 0; i < 50; i++) insert.run(`e2e:${i}`, at, at);
    })();
    return () => app.close();
  });

  it('the Health page shows the database size, growth, the disk and the retention runs in plain words', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${server.url}/#/health`);
    const card = page.locator('section.card', { has: page.getByRole('heading', { level: 2, name: 'Database' }) });
    await card.waitFor();
    const fact = (name: string) => card.locator('dt', { hasText: name }).locator('xpath=following-sibling::dd');
    await eventually(() => fact('Database size').textContent(), (t) => expect(t).toMatch(/^[\d.,\s]+\s?(kB|MB|GB).*WAL/));
    expect(await fact('Growth per day').textContent()).toMatch(/^(About [\d.,\s]+\s?(byte|kB|MB|GB) a day|No growth measured yet)/);
    expect(await fact('Disk full in').textContent()).toMatch(/^(About [\d,.\s]+ days?.* at this rate, with .+ free|No growth measured yet)/);
    // The engine ran the missed nightly job at start.
    await eventually(() => fact('Last retention run').textContent(), (t) => expect(t).toMatch(/: completed, 0 rows archived$/));
    expect(await fact('Next retention run').textContent()).not.toBe('');
    expect(await fact('Kept before archiving').textContent()).toBe('Inference results 90 days, performance metrics 1 year, A/B results 2 years (Settings)');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('asks before a shorter retention period deletes rows, and saves only when confirmed', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const days = page.getByLabel('Keep detailed results for (days)');
    await eventually(() => days.inputValue(), (v) => expect(v).toBe('90'));
    await days.fill('30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete older results?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Shortening to 30 days archives and deletes 50 inference results recorded before .+ at the next run/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => page.locator('#settings-status').textContent(), (t) => expect(t).toBe('Not saved.'));
    expect(engine.repos.settings.getValue('retention.days', null)).toBeNull();

    await page.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByRole('button', { name: 'Shorten and save' }).click();
    await eventually(() => page.locator('#settings-status').textContent(), (t) => expect(t).toBe('Settings saved.'));
    expect(engine.repos.settings.getValue('retention.days', null)).toBe(30);
    // Lengthening again deletes nothing: no question.
    await days.fill('120');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => page.locator('#settings-status').textContent(), (t) => expect(t).toBe('Settings saved.'));
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(engine.repos.settings.getValue('retention.days', null)).toBe(120);
    expect(problems).toEqual([]);
    await page.close();
  });
});
