/**
 * Lines and zones drawn on a real picture in the camera form (issue 12, parts 2, 4 and 6), against
 * the real engine served by `serve`, in Debian's Chromium, with the pedestrian recording playing as
 * a camera: the recording is chosen in the recordings-folder picker, a line is drawn with two
 * clicks on the camera's real first frame, flipped, a zone made with three clicks, its corners
 * inserted, moved with the keyboard and deleted; warnings (never blocks) show for a camera without
 * a line, a zero-length line and one along the edge; a detection threshold is set with its range.
 * What is saved is what was drawn (read back through the engine). The table shows the camera's
 * state, health and model version. Then, in the edit form, an end point is dragged on the real
 * picture, saved, stored with the same line id, and the engine counts a crossing of the new line.
 * No console error, and axe finds no serious or critical violation with the form open.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPath } from '../../src/engine/paths';
import type { RunningServer } from '../../src/engine/server/server';
import type { Engine } from '../../src/engine/wiring/open-engine';
import { dispatch } from '../../src/shared/dispatch';
import type { CameraDto } from '../../src/shared/dto';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { root, startServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const VTEST = join(root, 'tests', 'fixtures', 'media', 'vtest.avi');
const ready = existsSync(defaultModelPath()) && existsSync(VTEST);
/** vtest.avi's own picture size: lines and zones are stored in these pixels. */
const W = 768;
const H = 576;

/** The drawing area and a mapper from the camera's pixels to page coordinates (after scrolling it into view). */
async function surfaceOf(dialog: Locator): Promise<{ surface: Locator; at: (x: number, y: number) => [number, number] }> {
  const surface = dialog.getByRole('group', { name: /^Picture of / });
  await surface.scrollIntoViewIfNeeded();
  const box = (await surface.boundingBox())!;
  return { surface, at: (x, y) => [box.x + (x / W) * box.width, box.y + (y / H) * box.height] };
}

async function coordsOf(dialog: Locator, n: number): Promise<[number, number, number, number]> {
  const text = (await dialog.getByTestId(`line-${n}-coords`).textContent()) ?? '';
  return text.split(' → ').flatMap((p) => p.split(',').map(Number)) as [number, number, number, number];
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 2;

async function camera(engine: Engine, cameraId: string): Promise<CameraDto> {
  const r = await dispatch(engine.handlers, 'cameras:get', { cameraId }, engine.access.ownerCaller());
  if (!r.ok) throw new Error(r.error.message);
  return r.value as CameraDto;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

describe.skipIf(!ready)('drawing lines and zones in the camera form (real engine, real Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;
  let recording: string;
  let cameraId = '';

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-draw-');
    ({ engine, server, browser } = app);
    // The browser's picker lists only the recordings folder beside the database.
    mkdirSync(join(app.dataDir, 'recordings'));
    recording = join(app.dataDir, 'recordings', 'plaza.avi');
    copyFileSync(VTEST, recording);
    return () => app.close();
  });

  it('adds a recording camera with a line and a zone drawn on its real picture; warnings, not blocks; the table shows state, health and model', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 1000 });
    await page.goto(`${server.url}/#/cameras`);
    await page.getByRole('button', { name: 'Add camera…' }).click();
    const add = page.getByRole('dialog', { name: 'Add a camera' });
    await add.getByLabel(/^Name/).fill('Plaza');
    await add.getByLabel('Source').selectOption('file');

    // No line yet: warned beside the picture and before saving, and nothing is blocked.
    expect(await add.getByRole('status', { name: 'Warnings about the lines' }).textContent()).toContain('This camera has no counting line');
    expect(await add.getByRole('status', { name: 'Before you save' }).textContent()).toContain('Saving without a counting line');
    expect(await add.getByRole('button', { name: 'Add camera' }).isDisabled()).toBe(false);

    // The recording, chosen from the recordings folder; its real first frame comes to draw on.
    await add.getByRole('button', { name: 'Choose from the recordings folder…' }).click();
    await add.getByRole('button', { name: 'Use plaza.avi' }).click();
    expect(await add.getByLabel(/^File path/).inputValue()).toBe(recording);
    await eventually(() => add.getByTestId('picture-status').textContent(), (t) => expect(t).toContain(`A picture from the camera (${W}×${H})`), 60_000);
    expect(await add.locator('.geometry-picture img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(300);
    await add.getByLabel('Processing rate (fps)').fill('5');

    // A line with two clicks on the picture, across the road; the IN arrow shows its direction.
    await add.getByRole('button', { name: 'Draw a line' }).click();
    let s = await surfaceOf(add);
    await page.mouse.click(...s.at(600, 150));
    await page.mouse.click(...s.at(600, 450));
    const line = await coordsOf(add, 1);
    expect(line.map((v, i) => near(v, [600, 150, 600, 450][i]!))).toEqual([true, true, true, true]);
    expect(await add.locator('.geometry-in').count()).toBe(1);
    expect(await add.getByLabel('Line 1 x1').inputValue()).toBe(String(line[0]));
    await add.getByRole('button', { name: 'Flip direction of line1' }).click();
    expect(await coordsOf(add, 1)).toEqual([line[2], line[3], line[0], line[1]]);
    await add.getByRole('button', { name: 'Flip direction of line1' }).click();
    expect(await coordsOf(add, 1)).toEqual(line);
    expect(await add.getByRole('status', { name: 'Warnings about the lines' }).count()).toBe(0);

    // A zero-length line and one along the top edge are warned about, then deleted.
    await add.getByRole('button', { name: 'Draw a line' }).click();
    s = await surfaceOf(add);
    await page.mouse.click(...s.at(300, 300));
    await page.mouse.click(...s.at(300, 300));
    await eventually(() => add.getByRole('status', { name: 'Warnings about the lines' }).textContent(), (t) => expect(t).toContain('line2 is too short to be crossed.'));
    await add.getByRole('button', { name: 'Delete line2' }).click();
    await add.getByRole('button', { name: 'Draw a line' }).click();
    s = await surfaceOf(add);
    await page.mouse.click(...s.at(100, 1));
    await page.mouse.click(...s.at(700, 1));
    await eventually(() => add.getByRole('status', { name: 'Warnings about the lines' }).textContent(), (t) => expect(t).toContain('lies along the edge of the picture'));
    await page.screenshot({ path: screenshotPath('camera-drawing-warnings') });
    await add.getByRole('button', { name: /^Delete line2$/ }).click();
    expect(await add.getByRole('status', { name: 'Warnings about the lines' }).count()).toBe(0);

    // A zone with three clicks; a corner inserted, one moved with the arrow keys, one deleted with Delete.
    await add.getByRole('button', { name: 'Draw a zone' }).click();
    s = await surfaceOf(add);
    await page.mouse.click(...s.at(50, 400));
    await page.mouse.click(...s.at(250, 400));
    await page.mouse.click(...s.at(250, 560));
    await add.getByRole('button', { name: 'Finish the zone' }).click();
    expect(await add.getByTestId('zone-1-corners').textContent()).toBe('3 corners');
    await add.getByRole('button', { name: 'Insert a corner in zone1' }).click();
    expect(await add.getByTestId('zone-1-corners').textContent()).toBe('4 corners');
    const first = add.getByRole('button', { name: /^zone1 corner 1 at / });
    const [x0, y0] = ((await first.getAttribute('aria-label')) ?? '').replace(/^.* at /, '').split(', ').map(Number) as [number, number];
    await first.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await first.getAttribute('aria-label')).toBe(`zone1 corner 1 at ${x0 + 3}, ${y0 + 10}`);
    await add.getByRole('button', { name: /^zone1 corner 4 at / }).focus();
    await page.keyboard.press('Delete');
    expect(await add.getByTestId('zone-1-corners').textContent()).toBe('3 corners');
    const corners = await add.getByLabel('Zone 1 corners').inputValue();
    expect(corners.split(';')[0]).toBe(`${x0 + 3},${y0 + 10}`);
    await page.screenshot({ path: screenshotPath('camera-drawing-add') });

    // A detection threshold, with its unit, default and range; a value outside it is refused in words.
    await add.getByText('Detection and counting settings').click();
    const start = add.getByLabel('Confidence to start following a person (score (0–1))');
    expect([await start.getAttribute('min'), await start.getAttribute('max'), await start.getAttribute('placeholder')]).toEqual(['0.4', '0.7', 'default: 0.45']);
    await start.fill('0.9');
    await add.getByRole('button', { name: 'Add camera' }).click();
    await eventually(() => add.getByText('must be between 0.4 and 0.7').count(), (n) => expect(n).toBe(1));
    await start.fill('0.5');
    await add.getByRole('button', { name: 'Add camera' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0), 30_000);

    // Stored as drawn.
    const listed = await engine.handlers['cameras:list']({});
    cameraId = listed.find((c) => c.name === 'Plaza')?.cameraId ?? '';
    const stored = await camera(engine, cameraId);
    expect(stored).toMatchObject({ sourceKind: 'file', url: recording, processFps: 5, tuning: { newTrackThresh: 0.5 } });
    expect(stored.lines).toHaveLength(1);
    expect([stored.lines[0]!.x1, stored.lines[0]!.y1, stored.lines[0]!.x2, stored.lines[0]!.y2]).toEqual(line);
    expect(stored.zones).toHaveLength(1);
    expect(stored.zones[0]!.polygon.map((p) => p.join(',')).join(';')).toBe(corners);

    // The table: the camera's state, its health and the model version it counts with.
    const row = page.getByRole('row', { name: /^Plaza/ });
    await eventually(() => page.getByTestId(`camera-state-${cameraId}`).textContent(), (t) => expect(t).toBe('live'), 90_000);
    await eventually(() => page.getByTestId(`camera-health-${cameraId}`).textContent(), (t) => expect(t).toMatch(/[\d.]+ fps processed.*last picture (just now|\d+ s ago)/), 30_000);
    await eventually(() => page.getByTestId(`camera-model-${cameraId}`).textContent(), (t) => expect(t).toMatch(/^\S+ \d+\.\d+\.\d+$/), 30_000);
    expect(await row.textContent()).toContain('running now');
    expect(await row.textContent()).toContain('1 line, 1 zone');
    await page.screenshot({ path: screenshotPath('camera-drawing-table') });
    expect(problems).toEqual([]);
    await page.close();
  }, 240_000);

  it('stores an end point dragged on the real picture in the edit form, and the engine counts crossings of the new line', async () => {
    expect(cameraId).not.toBe('');
    const before = await camera(engine, cameraId);
    const old = before.lines[0]!;
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 1000 });
    await page.goto(`${server.url}/#/cameras`);
    await page.getByRole('button', { name: 'Edit Plaza' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Plaza' });
    await eventually(() => edit.getByTestId('picture-status').textContent(), (t) => expect(t).toContain(`A picture from the camera (${W}×${H})`), 60_000);

    // Drag the upper end point to 540,120 on the picture.
    const s = await surfaceOf(edit);
    await page.mouse.move(...s.at(old.x1, old.y1));
    await page.mouse.down();
    await page.mouse.move(...s.at(570, 135), { steps: 4 });
    await page.mouse.move(...s.at(540, 120), { steps: 4 });
    await page.mouse.up();
    const [x1, y1] = await coordsOf(edit, 1);
    expect([near(x1, 540), near(y1, 120)]).toEqual([true, true]);
    expect(await edit.getByLabel('Line 1 x1').inputValue()).toBe(String(x1));
    await page.screenshot({ path: screenshotPath('camera-drawing-edit') });

    // The cameras page with the form open, in both themes: no serious or critical violation.
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('camera-drawing-edit-dark') });
    await page.emulateMedia({ colorScheme: 'light' });

    const savedAt = new Date().toISOString();
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await eventually(() => page.getByRole('dialog').count(), (n) => expect(n).toBe(0), 30_000);
    const after = await camera(engine, cameraId);
    const moved = after.lines[0]!;
    // The same line (its totals go on), with the new end point; the other end and the zone as they were.
    expect(moved).toMatchObject({ id: old.id, x1, y1, x2: old.x2, y2: old.y2 });
    expect(after.zones).toEqual(before.zones);

    // The engine restarts the camera on the new line within seconds and counts crossings of it.
    await eventually(async () => engine.cameras?.runtime(cameraId)?.signature ?? '', (sig) => expect(sig).toContain(`"x1":${x1},"y1":${y1}`), 20_000);
    const runningSince = new Date().toISOString();
    expect(runningSince > savedAt).toBe(true);
    const crossings = (): number =>
      engine.db.prepare("SELECT count(*) FROM counting_results WHERE camera_id = ? AND line_id = ? AND event_type = 'cross_line' AND created_at > ?").pluck().get(cameraId, moved.id, runningSince) as number;
    await eventually(async () => crossings(), (n) => expect(n).toBeGreaterThan(0), 180_000);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
