/**
 * Sign-in in Debian's Chromium against the real engine served by the headless server: the first
 * start asks for the admin account, the admin adds an operator, the operator signs in (choosing
 * their own password) and sees none of the technician's buttons, and the audit log names who did
 * what.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { RunningServer } from '../../src/engine/server/server';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { startServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';

const ADMIN_PASSWORD = 'first-start-admin-pw';
const TEMP_PASSWORD = 'temporary-operator-pw';
const OPERATOR_PASSWORD = 'operators-own-password';
const VTEST = new URL('../fixtures/media/vtest.avi', import.meta.url).pathname;

async function heading(page: Page, name: string): Promise<void> {
  await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe(name));
}

/** The one request a signed-out page makes before it knows it must sign in (and Chromium's console line for it). */
function unexpected(problems: string[]): string[] {
  return problems.filter((p) => !/HTTP 401: POST .*\/api\/auth:me$/.test(p) && !/console error: Failed to load resource: .* 401/.test(p));
}

async function signInThroughForm(page: Page, username: string, password: string): Promise<void> {
  await heading(page, 'Sign in');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('User name').fill(username);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

describe('users and sign-in in the browser (real engine, real Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-access-', { firstStart: true });
    ({ engine, server, browser } = app);
    return () => app.close();
  });

  it('first start → admin account; admin adds an operator; the operator sees no technician buttons; the audit log names them', async () => {
    // A camera to show (added as the machine's owner) so the table's row buttons can be looked for.
    const owner = engine.access.ownerCaller();
    await engine.handlers['cameras:add']({ cameraId: 'door', name: 'Door', url: VTEST, sourceKind: 'file', frameWidth: 768, frameHeight: 576, enabled: false }, owner);

    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(server.url);

    // First start: no default password, the page asks for the admin account.
    await heading(page, 'Create the admin account');
    const setup = page.getByRole('form', { name: 'Create the admin account' });
    await setup.getByLabel('User name').fill('boss');
    await setup.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await setup.getByLabel('Repeat the password').fill(ADMIN_PASSWORD);
    await setup.getByRole('button', { name: 'Create the admin account' }).click();
    await heading(page, 'Live');
    expect(await page.getByTestId('signed-in-as').textContent()).toMatch(/boss\s*Admin/);
    // The session is an HttpOnly cookie: the page's scripts cannot read it.
    expect(await page.evaluate<string>('document.cookie')).toBe('');

    // The admin sees the technician's buttons…
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Cameras', exact: true }).click();
    await heading(page, 'Cameras');
    await page.getByRole('button', { name: 'Edit Door' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add camera…' }).count()).toBe(1);

    // …and adds a user.
    await nav.getByRole('link', { name: 'Users', exact: true }).click();
    await heading(page, 'Users');
    await page.getByRole('button', { name: 'Add user…' }).click();
    const add = page.getByRole('dialog', { name: 'Add user' });
    await add.getByLabel('User name').fill('lan');
    await add.getByLabel('Name', { exact: true }).fill('Lan Nguyen');
    await add.getByLabel('Role').selectOption('operator');
    await add.getByLabel('Temporary password').fill(TEMP_PASSWORD);
    await add.getByRole('button', { name: 'Add user' }).click();
    await eventually(() => page.getByRole('row', { name: /^lan\b/ }).textContent(), (t) => expect(t).toMatch(/Lan Nguyen.*operator.*must choose a password/));
    expect(engine.repos.users.getByUsername('lan')).toMatchObject({ role: 'operator', displayName: 'Lan Nguyen' });

    await page.getByRole('button', { name: 'Sign out' }).click();

    // The operator signs in with the temporary password and must choose their own first.
    await signInThroughForm(page, 'lan', TEMP_PASSWORD);
    await heading(page, 'Choose a new password');
    const change = page.getByRole('form', { name: 'Change password' });
    await change.getByLabel('Current password').fill(TEMP_PASSWORD);
    await change.getByLabel('New password', { exact: true }).fill(OPERATOR_PASSWORD);
    await change.getByLabel('Repeat the new password').fill(OPERATOR_PASSWORD);
    await change.getByRole('button', { name: 'Change password' }).click();
    await eventually(() => page.getByTestId('signed-in-as').textContent(), (t) => expect(t).toMatch(/Lan Nguyen\s*Operator/));
    // The page the admin left open is not the operator's.
    await page.getByText('Not for your role').waitFor();

    // No admin pages, and none of the technician's buttons.
    expect(await nav.getByRole('link', { name: 'Users', exact: true }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log', exact: true }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Cameras', exact: true }).click();
    await heading(page, 'Cameras');
    await page.getByRole('row', { name: /Door/ }).waitFor();
    for (const name of ['Add camera…', 'Edit Door', 'Remove Door', 'Test connection of Door']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    expect(await page.getByRole('switch', { name: 'Door enabled' }).isDisabled()).toBe(true);
    await nav.getByRole('link', { name: 'Models', exact: true }).click();
    await heading(page, 'Models');
    const row = page.getByRole('row', { name: /YOLOv8n \(COCO\) person detector/ });
    await row.getByRole('button', { name: /^Details/ }).click();
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByRole('row', { name: /^8\.0\.0/ }).waitFor();
    for (const name of ['Import model…', 'Promote version 8.0.0', 'Review version 8.0.0', 'Evaluate version 8.0.0', 'Roll back… All cameras']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    await nav.getByRole('link', { name: 'Settings', exact: true }).click();
    await heading(page, 'Settings');
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    // Typed in by hand, an admin page says no instead of showing anything.
    await page.goto(`${server.url}/#/users`);
    await page.getByText('Not for your role').waitFor();

    // Back as the admin: the audit log names who did what.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInThroughForm(page, 'boss', ADMIN_PASSWORD);
    await page.goto(`${server.url}/#/audit`);
    await heading(page, 'Audit log');
    await eventually(() => page.getByRole('row', { name: /users:add/ }).first().textContent(), (t) => expect(t).toMatch(/boss.*users:add.*lan.*ok/));
    expect(await page.getByRole('row', { name: /auth:changePassword/ }).first().textContent()).toMatch(/lan/);
    expect(await page.getByRole('button', { name: 'Export CSV' }).count()).toBe(1);

    const html = await page.content();
    for (const p of [ADMIN_PASSWORD, TEMP_PASSWORD, OPERATOR_PASSWORD]) expect(html).not.toContain(p);
    expect(unexpected(problems)).toEqual([]);
    await page.close();
  });
});
