/**
 * The Models page's history of a model (issue 12, item 5) in Debian's Chromium against the real
 * engine served by the headless server, on a real SQLite file with the real default model: a
 * 320×320 variant derived with the engine, a branch whose version (changelog from its sidecar)
 * is merged into main, two cameras (one on every camera's production, one pinned to the variant).
 * The lineage graph shows parent → derived child and the merge, keyboard first; the chosen
 * version's changelog, derivation and cameras; a training log added through the page draws a
 * chart.js line chart with one point per epoch; two versions side by side with their differences
 * marked; bad model files refused in plain words; axe-core clean in the light and dark theme.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../src/engine/paths';
import type { RunningServer } from '../../src/engine/server/server';
import type { Engine } from '../../src/engine/wiring/open-engine';
import { identityModel } from '../fixtures/onnx/build-onnx';
import { withExtraMetadata } from '../integration/registry/registry-helpers';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { startServedApp, type ServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const MODEL = 'yolov8n-coco';
const DERIVED = '8.0.0-i320';
const EPOCHS = 7;
const ready = existsSync(defaultModelPath());
/** What must never reach the page on a bad import: codes, paths, protobuf wording, byte offsets, tensor shapes. */
const JARGON = /[A-Z]{3,}_[A-Z]+|protobuf|wire type|staging|\/tmp\/|footfall-e2e|\.onnx\b.*\//i;

/** Serious or critical axe-core violations on the page as it is now, in the light and the dark theme. */
async function axeProblems(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    for (const v of results.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${theme}: ${v.id} ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
    await page.screenshot({ path: screenshotPath(`models-lineage-${theme}`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

async function openModel(page: Page, url: string): Promise<Locator> {
  await page.goto(`${url}/#/models`);
  await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe('Models'));
  const row = page.getByRole('row', { name: /YOLOv8n \(COCO\) person detector/ });
  await row.getByRole('button', { name: /^Details/ }).click();
  const panel = page.getByRole('region', { name: 'YOLOv8n (COCO) person detector' });
  await eventually(() => panel.getByRole('group', { name: /^Lineage graph of \d+ versions$/ }).count(), (n) => expect(n).toBe(1));
  return panel;
}

describe('models page: lineage, changelog, training curves, cameras, comparison (real engine, real Chromium)', () => {
  let app: ServedApp;
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;
  let trainingLog: string;
  let badLog: string;
  const bad: Record<string, string> = {};

  beforeAll(async () => {
    app = await startServedApp('footfall-e2e-models-page-');
    ({ engine, server, browser } = app);
    if (!ready) return () => app.close();
    const h = engine.handlers;
    // A derived variant of the default model (its parent: 8.0.0) with the engine's own derive.
    const derived = await h['models:derive']({ modelId: MODEL, version: '8.0.0', inputSize: 320 });
    expect(derived.ref).toBe(`${MODEL}@${DERIVED}`);
    // A branch, a version on it imported with a sidecar (its changelog), then merged into main.
    await h['models:branch']({ modelId: MODEL, name: 'night', baseVersion: '8.0.0', purpose: 'experiment' });
    const variant = join(app.dataDir, 'night.onnx');
    writeFileSync(variant, withExtraMetadata(readFileSync(defaultModelPath()), 'footfall_variant', 'night'));
    writeFileSync(
      join(app.dataDir, 'night.json'),
      JSON.stringify({ modelId: MODEL, version: '8.1.0', branch: 'night', changelog: 'Fine-tuned on night footage\n- fewer phantom people under infrared light' }),
    );
    await h['models:import']({ path: variant });
    await h['models:merge']({ modelId: MODEL, branch: 'night', summary: 'Adopt the night fine-tune on main' });
    // Two cameras, off (no stream needed): one on every camera's production, one pinned to the variant.
    engine.repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/door', enabled: false });
    engine.repos.cameras.create({ cameraId: 'aisle', name: 'Aisle', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/aisle', enabled: false, modelId: MODEL, modelVersion: DERIVED });
    // Measurements as an evaluation and a benchmark store them (model_performance_metrics, percent).
    engine.repos.performanceMetrics.record({ modelId: MODEL, modelVersion: '8.0.0', precisionScore: 85, recallScore: 80, f1Score: 82.4, inferenceLatencyMs: 41, throughputFps: 24.3 });
    engine.repos.performanceMetrics.record({ modelId: MODEL, modelVersion: DERIVED, inferenceLatencyMs: 12, throughputFps: 81 });
    // A training log in the documented Footfall JSON layout, added later through the page.
    trainingLog = join(app.dataDir, 'training.json');
    writeFileSync(
      trainingLog,
      JSON.stringify({
        format: 'footfall-training/v1',
        runId: 'e2e-run',
        status: 'completed',
        totalEpochs: EPOCHS,
        epochs: Array.from({ length: EPOCHS }, (_, i) => ({ epoch: i + 1, trainLoss: 4.5 - i * 0.4, valLoss: 4.8 - i * 0.35, valAccuracy: 30 + i * 4, metrics: { mAP50: 0.4 + i * 0.03 } })),
      }),
    );
    badLog = join(app.dataDir, 'broken.json');
    writeFileSync(badLog, '{"format": "footfall-training/v1", "epochs": [');
    // Bad model files: text named .onnx, a file cut short, a grey 32×32 input.
    bad.text = join(app.dataDir, 'notes.onnx');
    writeFileSync(bad.text, '{"not": "an onnx model"}\n');
    bad.truncated = join(app.dataDir, 'truncated.onnx');
    writeFileSync(bad.truncated, readFileSync(defaultModelPath()).subarray(0, 1024 * 1024));
    bad.gray = join(app.dataDir, 'gray32.onnx');
    writeFileSync(bad.gray, identityModel([1, 1, 32, 32]));
    return () => app.close();
  }, 180_000);

  it.skipIf(!ready)('shows the lineage graph, the chosen version, its cameras and training curves, two versions side by side', { timeout: 180_000 }, async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 900 });
    const panel = await openModel(page, server.url);
    const lineage = engine.handlers['models:lineage']({ modelId: MODEL });
    const merge = (await lineage).merges[0]!;

    // The graph: the parent and the derived child joined by a "derived" edge, the branch version
    // and the merge node it feeds, production highlighted.
    const graph = panel.getByRole('group', { name: 'Lineage graph of 3 versions' });
    expect(await graph.getAttribute('data-nodes')).toBe('4');
    expect(await graph.locator('[data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')))).toEqual(['8.0.0', DERIVED, '8.1.0', merge.id]);
    expect(await graph.locator(`path[data-from="8.0.0"][data-to="${DERIVED}"]`).getAttribute('data-kind')).toBe('derived');
    expect(await graph.locator('path[data-from="8.0.0"][data-to="8.1.0"]').getAttribute('data-kind')).toBe('parent');
    expect(await graph.locator(`path[data-from="8.1.0"][data-to="${merge.id}"]`).getAttribute('data-kind')).toBe('merge');
    expect(await graph.locator(`path[data-from="${DERIVED}"][data-to="${merge.id}"]`).getAttribute('data-kind')).toBe('parent');
    expect(await graph.locator('path.lineage-edge').count()).toBe(4);
    expect(await graph.locator('[data-node="8.0.0"]').getAttribute('class')).toContain('is-production');
    expect(await graph.locator(`[data-node="${DERIVED}"]`).getAttribute('class')).not.toContain('is-production');
    // Lanes: main, then the branch.
    expect(await graph.locator('.lineage-lane text').allTextContents()).toEqual(['main', 'night']);
    // The same graph as text for screen readers.
    const list = panel.getByRole('list', { name: 'Lineage as a list' });
    expect(await list.getByRole('listitem').allTextContents()).toEqual([
      `Version 8.0.0, Bundled with Footfall, on branch main, in production. Leads to ${DERIVED} and 8.1.0.`,
      `Version ${DERIVED}, Derived from 8.0.0: input 320×320, on branch main. Comes from 8.0.0. Leads to the merge of night.`,
      'Version 8.1.0, Imported as the next version after 8.0.0, on branch night. Comes from 8.0.0. Leads to the merge of night.',
      // main's head before the merge was the derived variant: the merge follows it on main.
      `Merge of branch night into main, adopting version 8.1.0 after ${DERIVED}, review pending. Comes from ${DERIVED} and 8.1.0.`,
    ]);

    // The cameras table says which version each camera is given, and why.
    expect(await page.getByTestId('chosen-model-door').textContent()).toBe(`${MODEL} 8.0.0 — production for every camera`);
    expect(await page.getByTestId('chosen-model-aisle').textContent()).toBe(`${MODEL} ${DERIVED} — chosen on the camera`);

    // Production is shown first: its changelog, and the camera running it through the site default.
    const insight = panel.getByRole('region', { name: /^Version / });
    await eventually(() => insight.getByRole('heading', { level: 3 }).textContent(), (t) => expect(t).toBe('Version 8.0.0'));
    expect(await insight.getByTestId('changelog').textContent()).toBe('Bundled with Footfall');
    expect(await insight.getByTestId('version-cameras').getByRole('listitem').allTextContents()).toEqual(['Front door — production for every camera (camera turned off)']);

    // Keyboard: Tab from the model's row reaches the first node, the arrow keys move between nodes, Enter chooses.
    await page.getByRole('button', { name: /^Hide details/ }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('data-node')")).toBe('8.0.0');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('data-node')")).toBe(DERIVED);
    await page.keyboard.press('Enter');
    await eventually(() => insight.getByRole('heading', { level: 3 }).textContent(), (t) => expect(t).toBe(`Version ${DERIVED}`));
    expect(await graph.getByRole('button', { name: /^Version 8\.0\.0-i320/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await insight.getByTestId('version-origin').textContent()).toBe('Derived from 8.0.0: input 320×320.');
    expect(await insight.getByTestId('changelog').textContent()).toBe('derived from yolov8n-coco@8.0.0: input 320×320');
    expect(await insight.getByTestId('derivation').getByRole('listitem').allTextContents()).toEqual(['input 320×320']);
    expect(await insight.getByTestId('version-cameras').getByRole('listitem').allTextContents()).toEqual(['Aisle — chosen on the camera (camera turned off)']);
    // No training log: the empty state says what to do.
    const training = insight.getByTestId('training-curves');
    await eventually(() => training.textContent(), (t) => expect(t).toContain('No training log for this version'));
    expect(await training.textContent()).toContain('Import a version together with its training log');
    expect(await training.locator('canvas').count()).toBe(0);

    // The branch version: the changelog from its sidecar, and the merge that adopted it.
    await graph.locator('[data-node="8.1.0"]').click();
    await eventually(() => insight.getByRole('heading', { level: 3 }).textContent(), (t) => expect(t).toBe('Version 8.1.0'));
    expect(await insight.getByTestId('changelog').textContent()).toBe('Fine-tuned on night footage\n- fewer phantom people under infrared light');
    expect(await insight.getByTestId('merges').textContent()).toMatch(/^Merged from branch night into main on .+: Adopt the night fine-tune on main \(review pending\)\.$/);
    expect(await insight.getByTestId('version-cameras-empty').count()).toBe(1);
    // A merge node chooses the version it adopted.
    await graph.locator('[data-node="8.0.0"]').click();
    await graph.locator(`[data-node="${merge.id}"]`).press('Enter');
    await eventually(() => insight.getByRole('heading', { level: 3 }).textContent(), (t) => expect(t).toBe('Version 8.1.0'));

    // A training log added through the page: a broken file is refused in words, the real one draws the curves.
    await graph.locator('[data-node="8.0.0"]').click();
    await eventually(() => insight.getByRole('heading', { level: 3 }).textContent(), (t) => expect(t).toBe('Version 8.0.0'));
    await training.getByRole('button', { name: 'Add training log…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a training log to version 8.0.0' });
    await dialog.getByLabel(/^Training log/).fill(badLog);
    await dialog.getByRole('button', { name: 'Add training log' }).click();
    const refusal = dialog.getByRole('alert');
    await eventually(() => refusal.textContent(), (t) => expect(t).toContain('The training log cannot be read: it is not valid JSON text'));
    expect(await refusal.textContent()).not.toMatch(JARGON);
    await dialog.getByLabel(/^Training log/).fill(trainingLog);
    await dialog.getByRole('button', { name: 'Add training log' }).click();
    await eventually(() => dialog.count(), (n) => expect(n).toBe(0), 30_000);
    await eventually(() => page.locator('.notice').textContent(), (t) => expect(t).toContain(`Training log of version 8.0.0 recorded: ${EPOCHS} epochs.`));
    const chart = training.locator('figure.training-chart');
    await eventually(() => chart.getAttribute('data-drawn-epochs'), (v) => expect(v).toBe(String(EPOCHS)));
    expect(await chart.getAttribute('data-epochs')).toBe(String(EPOCHS));
    expect(await chart.getAttribute('data-series')).toBe('4');
    expect(await chart.getByRole('img', { name: `Line chart of the training loss and metrics over ${EPOCHS} epochs` }).count()).toBe(1);
    const table = chart.locator('table');
    expect(await table.locator('tbody tr').count()).toBe(EPOCHS);
    expect(await table.locator('thead th').allTextContents()).toEqual(['Epoch', 'Training loss', 'Validation loss', 'Validation accuracy (%)', 'mAP50 (%)']);
    expect(await table.locator('tbody tr').first().locator('th, td').allTextContents()).toEqual(['1', '4.5', '4.8', '30', '40']);
    // chart.js drew something on the canvas (not a blank one).
    const inked = await page.evaluate<number>(`(() => {
      const canvas = document.querySelector('figure.training-chart canvas');
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    })()`);
    expect(inked).toBeGreaterThan(1000);
    // The engine agrees with the page.
    const curves = await engine.handlers['models:trainingCurves']({ modelId: MODEL, version: '8.0.0' });
    expect(curves.epochs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((await engine.handlers['models:lineage']({ modelId: MODEL })).versions.find((v) => v.versionNumber === '8.0.0')?.trainingEpochs).toBe(EPOCHS);

    // Two versions side by side: production against the derived variant, differences marked.
    const compare = panel.getByRole('region', { name: 'Compare versions' });
    await compare.getByLabel('First version').selectOption('8.0.0');
    await compare.getByLabel('Second version').selectOption(DERIVED);
    const side = compare.getByTestId('version-compare');
    expect(await side.locator('thead th').allTextContents()).toEqual(['Fact', '8.0.0', DERIVED]);
    const rowOf = (label: string) => side.locator('tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${label}`) }) });
    expect(await rowOf('Input size').locator('td').allTextContents()).toEqual(['640 × 640 pixels', '320 × 320 pixels']);
    expect(await rowOf('Input size').getAttribute('data-differs')).toBe('true');
    expect(await rowOf('Input size').locator('th').textContent()).toBe('Input sizediffers');
    expect(await rowOf('Runs on cameras').locator('td').allTextContents()).toEqual(['Front door', 'Aisle']);
    expect(await rowOf('Rollout').locator('td').allTextContents()).toEqual(['In production', 'not deployed']);
    expect(await rowOf('Review').locator('td').allTextContents()).toEqual(['approved', 'pending']);
    expect(await rowOf('Training epochs').locator('td').allTextContents()).toEqual([String(EPOCHS), 'no training log']);
    expect(await rowOf('Precision').first().getAttribute('data-differs')).toBe('false');
    expect(await rowOf('F1').locator('td').allTextContents()).toEqual(['82.4%', '—']);
    expect(await rowOf('Latency').locator('td').allTextContents()).toEqual(['41 ms', '12 ms']);
    expect(await rowOf('Latency').getAttribute('data-differs')).toBe('true');
    expect(await rowOf('Evaluated').locator('td').nth(1).textContent()).toBe('not evaluated yet');
    expect(await compare.getByTestId('compare-summary').textContent()).toMatch(/^\d+ of 18 facts differ; they are marked “differs”\.$/);

    // Artifacts: the graph, the chosen version and the comparison.
    await panel.getByRole('region', { name: 'Lineage' }).screenshot({ path: screenshotPath('models-lineage-graph') });
    await insight.screenshot({ path: screenshotPath('models-version') });
    await compare.screenshot({ path: screenshotPath('models-compare') });
    expect(await axeProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.skipIf(!ready)('says in plain words what is wrong with a bad model file, and keeps the registry as it was', { timeout: 120_000 }, async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${server.url}/#/models`);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe('Models'));
    const before = await engine.handlers['models:versions']({ modelId: MODEL });
    await page.getByRole('button', { name: 'Import model…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a model' });
    const cases: Array<[string, RegExp, string]> = [
      [bad.text!, /^This file is not an ONNX model, or it is damaged\. .*Export the model again/, 'MODEL_INVALID'],
      [bad.truncated!, /^The file is cut short: it ends before the model does/, 'MODEL_INVALID'],
      [bad.gray!, /^The model's input does not fit: it takes pictures with 1 colour channel of 32 × 32 pixels, but Footfall gives a detector colour pictures \(3 channels: red, green, blue\)\./, 'MODEL_INPUT_UNSUPPORTED'],
    ];
    for (const [path, words, code] of cases) {
      await dialog.getByLabel('Model file').fill(path);
      await dialog.getByRole('button', { name: 'Import model' }).click();
      const alert = dialog.getByRole('alert');
      await eventually(() => alert.locator('.inline-error-message').textContent(), (t) => expect(t).toMatch(words), 60_000);
      expect(await alert.getAttribute('data-code')).toBe(code);
      const message = (await alert.locator('.inline-error-message').textContent()) ?? '';
      expect(message).not.toMatch(JARGON);
      expect(await alert.textContent()).not.toContain(path);
      await page.screenshot({ path: screenshotPath(`models-bad-import-${code.toLowerCase()}-${path.split('/').pop()}`) });
      // The next attempt starts clean.
      await dialog.getByLabel('Model file').fill('');
    }
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0));
    expect(await engine.handlers['models:versions']({ modelId: MODEL })).toEqual(before);
    expect(problems).toEqual([]);
    await page.close();
  });
});
