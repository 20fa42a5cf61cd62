/**
 * The Experiments page (issue 9, item 7) in Debian's Chromium against the real engine served by
 * the headless server, with the real default model and the real pedestrian recording: through the
 * forms, a shadow experiment of the default model against itself (an A/A test) runs over
 * vtest.avi and shows no significant difference and no "deploy"; a challenger with a 0.85
 * detection threshold, derived on the page itself, misses people and shows "keep the baseline";
 * the roll-out dialog says what would change and wants a reason against the verdict; a viewer
 * sees the verdict but no action.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../src/engine/paths';
import type { RunningServer } from '../../src/engine/server/server';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { root, startServedApp, type ServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const VIDEO = join(root, 'tests/fixtures/media/vtest.avi');
const BASELINE = 'yolov8n-coco@8.0.0';
const CONF_CHALLENGER = 'yolov8n-coco@8.0.0-conf0.85';
const LINE = { x1: '600', y1: '150', x2: '600', y2: '450' } as const;
const ready = existsSync(defaultModelPath()) && existsSync(VIDEO);
/** An offline run of both models over the recording on a shared 2-core machine. */
const RUN_MS = 420_000;

interface ExperimentSetup {
  name: string;
  challenger?: string;
  minSamples: string;
  intervalS: string;
  maxFrames?: string;
}

async function openExperiments(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/experiments`);
  await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe('Experiments'));
}

async function openNewExperiment(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'New experiment…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New experiment' });
  // Production is the default baseline.
  await eventually(() => dialog.getByLabel('Baseline').inputValue(), (v) => expect(v).toBe(BASELINE));
  return dialog;
}

/** From the Versions step (challenger chosen) through the design to the run: creates and runs it over the recording. */
async function designAndRun(dialog: Locator, o: ExperimentSetup): Promise<void> {
  if (o.challenger) await dialog.getByLabel('Challenger').selectOption(o.challenger);
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(o.name);
  // Shadow is the default mode; both modes say in one line what they do.
  expect(await dialog.getByRole('radio', { name: /Shadow/ }).isChecked()).toBe(true);
  expect(await dialog.getByText(/^Both models see every frame/).count()).toBe(1);
  expect(await dialog.getByText(/^Each frame, camera or time slot is counted by one model only/).count()).toBe(1);
  await dialog.getByLabel('Minimum sample (frames)').fill(o.minSamples);
  await dialog.getByLabel('Interval (seconds)').fill(o.intervalS);
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByLabel('Run it over a recording now').check();
  await dialog.getByRole('textbox', { name: 'Recording', exact: true }).fill(VIDEO);
  for (const [k, v] of Object.entries(LINE)) await dialog.getByRole('textbox', { name: k, exact: true }).fill(v);
  if (o.maxFrames) await dialog.getByLabel('At most frames').fill(o.maxFrames);
  await dialog.getByRole('button', { name: 'Create and run' }).click();
  // Busy while the request runs (it returns when the whole run is done).
  await eventually(() => dialog.getByRole('progressbar', { name: 'Running the experiment over the recording…' }).count(), (n) => expect(n).toBe(1));
  await eventually(() => dialog.count(), (n) => expect(n).toBe(0), RUN_MS);
}

/** Serious or critical axe-core violations on the page as it is now, in the light and the dark theme. */
async function axeProblems(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const v of results.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${theme}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** The open experiment's panel once its status has loaded. */
async function detailOf(page: Page, name: string): Promise<Locator> {
  const detail = page.locator('#experiment-detail');
  await eventually(() => detail.getByRole('heading', { level: 2 }).textContent(), (t) => expect(t).toBe(name));
  return detail;
}

describe('experiments page (real model, real recording, real Chromium)', () => {
  let app: ServedApp;
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    app = await startServedApp('footfall-e2e-experiments-');
    ({ engine, server, browser } = app);
    return () => app.close();
  });

  it.skipIf(!ready)('runs an A/A shadow experiment over a recording: no significant difference, and no deploy', { timeout: RUN_MS + 60_000 }, async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    await openExperiments(page, server.url);
    await eventually(() => page.getByText('No experiments yet').count(), (n) => expect(n).toBe(1));

    const dialog = await openNewExperiment(page);
    expect(await axeProblems(page)).toEqual([]);
    await designAndRun(dialog, { name: 'A/A on vtest', challenger: BASELINE, minSamples: '100', intervalS: '5', maxFrames: '200' });

    const detail = await detailOf(page, 'A/A on vtest');
    await eventually(() => page.getByRole('status').filter({ hasText: 'ran over 200 frames' }).count(), (n) => expect(n).toBe(1));
    const recommendation = detail.getByTestId('recommendation');
    expect(await recommendation.getAttribute('data-recommendation')).not.toBe('deploy_challenger');
    const difference = detail.getByTestId('difference');
    expect(await difference.getAttribute('data-significant')).toBe('false');
    expect(await difference.textContent()).toMatch(/^The challenger counts \d+\.\d % (more|fewer) crossings(, 95 % CI .+|\s\(too few intervals for a 95 % interval yet\))\. Not significant \(p = [\d.]+\)\.$/);
    expect(await detail.getByTestId('reason').textContent()).toMatch(/\w{3,}.*\.$/);
    // The sample against the minimum, both arms side by side (table and chart), and the design.
    expect(await detail.getByTestId('sample').textContent()).toMatch(/^\d+ of 100 frames per arm — minimum reached; 4 intervals\.$/);
    expect(await detail.getByRole('progressbar', { name: 'Sample' }).getAttribute('value')).toBe('100');
    const arms = detail.getByRole('table', { name: 'The arms of the experiment' });
    expect(await arms.getByRole('row').count()).toBe(3);
    expect(await arms.locator('[data-arm="baseline"] th code').textContent()).toBe(BASELINE);
    expect(await arms.locator('[data-arm="challenger"] th code').textContent()).toBe(BASELINE);
    expect(await detail.locator('figure.chart').getAttribute('data-intervals')).toBe('4');
    expect(await detail.getByRole('img', { name: /Line chart: crossings per interval of the baseline and the challenger/ }).count()).toBe(1);
    // Shadow: no split to check.
    expect(await detail.getByTestId('split-health').count()).toBe(0);

    // The page shows what the engine says.
    const experimentId = (await detail.getAttribute('data-experiment-id'))!;
    const status = await engine.handlers['experiments:status']({ experimentId });
    expect(status.comparison.significant).toBe(false);
    expect(status.recommendation).not.toBe('deploy_challenger');
    expect(await recommendation.getAttribute('data-recommendation')).toBe(status.recommendation);
    expect(await detail.getByTestId('baseline-in').textContent()).toBe(String(status.arms[0]!.in));
    expect(status.arms.map((a) => a.ref)).toEqual([BASELINE, BASELINE]);
    // Listed with its mode and refs; the run left it running (Stop is offered, Start is not).
    const row = page.locator(`tr[data-experiment-id="${experimentId}"]`);
    expect(await row.textContent()).toContain('Shadow');
    expect(await row.locator('code').allTextContents()).toEqual([experimentId, BASELINE, BASELINE]);
    expect(await detail.getByRole('button', { name: 'Stop' }).count()).toBe(1);
    expect(await detail.getByRole('button', { name: 'Start' }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath('experiments-aa'), fullPage: true });
    // The watch panel and the roll-out dialog pass axe-core in both themes.
    expect(await axeProblems(page)).toEqual([]);
    await detail.getByRole('button', { name: 'Roll out challenger…' }).click();
    const rollout = page.getByRole('dialog', { name: `Roll out ${BASELINE}?` });
    await eventually(() => rollout.getByTestId('what-changes').textContent(), (t) => expect(t).toMatch(/stays in production until/));
    expect(await axeProblems(page)).toEqual([]);
    await rollout.getByRole('button', { name: 'Cancel' }).click();
    expect(problems).toEqual([]);
    await page.close();
  });

  it.skipIf(!ready)(
    'derives a 0.85-threshold challenger on the page; it misses people and the verdict is keep the baseline; acting on it says what changes',
    { timeout: RUN_MS + 180_000 },
    async () => {
      const page = await browser.context.newPage();
      const { problems } = watchPageProblems(page);
      await page.setViewportSize({ width: 1366, height: 900 });
      await openExperiments(page, server.url);
      const dialog = await openNewExperiment(page);

      // Derive the challenger right there: it becomes the challenger and a registered version.
      await dialog.getByLabel('Detection threshold').fill('0.85');
      await dialog.getByRole('button', { name: 'Make a version with this threshold' }).click();
      await eventually(() => dialog.getByTestId('derived').textContent(), (t) => expect(t).toMatch(new RegExp(`^Made ${CONF_CHALLENGER.replace(/[.@]/g, '\\$&')} from ${BASELINE.replace(/[.@]/g, '\\$&')} in \\d+ s`)), 180_000);
      await eventually(() => dialog.getByLabel('Challenger').inputValue(), (v) => expect(v).toBe(CONF_CHALLENGER));
      expect((await engine.handlers['models:versions']({ modelId: 'yolov8n-coco' })).map((v) => v.versionNumber)).toContain('8.0.0-conf0.85');

      await designAndRun(dialog, { name: 'Threshold 0.85', minSamples: '100', intervalS: '1', maxFrames: '400' });
      const detail = await detailOf(page, 'Threshold 0.85');
      const experimentId = (await detail.getAttribute('data-experiment-id'))!;
      const status = await engine.handlers['experiments:status']({ experimentId });
      expect(status.recommendation).toBe('keep_baseline');
      expect(await detail.getByTestId('recommendation').getAttribute('data-recommendation')).toBe('keep_baseline');
      expect(await detail.getByTestId('recommendation').textContent()).toContain('Keep the baseline');
      expect(await detail.getByTestId('difference').textContent()).toMatch(/^The challenger counts \d+\.\d % fewer crossings, 95 % CI /);
      expect(status.arms[1]!.in + status.arms[1]!.out).toBeLessThan(status.arms[0]!.in + status.arms[0]!.out);

      // Rolling out against the verdict: the dialog says what changes and needs a reason.
      await detail.getByRole('button', { name: 'Roll out challenger…' }).click();
      const rollout = page.getByRole('dialog', { name: `Roll out ${CONF_CHALLENGER}?` });
      await rollout.getByLabel('Roll-out').selectOption('immediate');
      expect(await rollout.getByTestId('what-changes').textContent()).toBe(`${CONF_CHALLENGER} will replace ${BASELINE} in production on every camera now.`);
      const anyway = rollout.getByRole('button', { name: 'Roll out anyway' });
      expect(await anyway.isDisabled()).toBe(true);
      await rollout.getByLabel('Reason for the override').fill('testing the override');
      expect(await anyway.isDisabled()).toBe(false);
      await rollout.getByRole('button', { name: 'Cancel' }).click();
      await eventually(() => rollout.count(), (n) => expect(n).toBe(0));

      // Concluding records the verdict; nothing changes on the cameras.
      await detail.getByRole('button', { name: 'Conclude…' }).click();
      const conclude = page.getByRole('dialog', { name: 'Conclude “Threshold 0.85”?' });
      expect(await conclude.getByTestId('what-changes').textContent()).toContain(`Nothing changes on the cameras: ${BASELINE} stays in production.`);
      await conclude.getByRole('button', { name: 'Conclude' }).click();
      await eventually(() => conclude.count(), (n) => expect(n).toBe(0));
      await eventually(() => detail.getByRole('heading', { name: 'Conclusions' }).count(), (n) => expect(n).toBe(1));
      await eventually(() => detail.locator('.detail-header .badge').textContent(), (t) => expect(t).toBe('completed'));
      const after = await engine.handlers['experiments:status']({ experimentId });
      expect(after.status).toBe('completed');
      expect(after.conclusions.map((c) => c.recommendation)).toEqual(['keep_baseline']);
      const production = (await engine.handlers['models:versions']({ modelId: 'yolov8n-coco' })).filter((v) => v.deploymentEnvironment === 'production');
      expect(production.map((v) => v.versionNumber)).toEqual(['8.0.0']);
      await page.screenshot({ path: screenshotPath('experiments-conf085'), fullPage: true });
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it.skipIf(!ready)('shows a viewer the experiments and their verdicts, without any action', async () => {
    const made = await engine.handlers['experiments:create']({ name: 'Seen by a viewer', baseline: BASELINE, challenger: BASELINE, mode: 'shadow' });
    await app.addUser('vera', 'viewer', 'viewer-password-1');
    await app.signIn('vera', 'viewer-password-1');
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await openExperiments(page, server.url);
    const row = page.locator(`tr[data-experiment-id="${made.experimentId}"]`);
    await eventually(() => row.count(), (n) => expect(n).toBe(1));
    expect(await page.getByRole('button', { name: 'New experiment…' }).count()).toBe(0);
    await row.getByRole('button', { name: /^Details/ }).click();
    const detail = await detailOf(page, 'Seen by a viewer');
    await eventually(() => detail.getByTestId('recommendation').getAttribute('data-recommendation'), (r) => expect(r).toBe('run_longer'));
    for (const name of ['Start', 'Stop', 'Run over a recording…', 'Conclude…', 'Roll out challenger…']) {
      expect(await detail.getByRole('button', { name }).count()).toBe(0);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
