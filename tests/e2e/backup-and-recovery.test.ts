/**
 * Backups and start-up recovery on screen (issue 11), in Debian's Chromium against the real engine
 * served by the headless server, on real SQLite files: Settings → Backups makes a verified backup
 * ("Back up now", busy while it runs) and asks for a restore at the next start (with its
 * confirmation and the restart notice, then the restart itself); a corrupt file with a good backup
 * beside it, and a truncated one without, start with the recovery notice instead of a crash; the
 * card passes axe-core in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackup, defaultBackupDir, listBackupFiles, pendingRestorePath, verifyDatabaseFile } from '../../src/engine/db/backup';
import { startServer, type RunningServer } from '../../src/engine/server/server';
import { openEngine, type Engine } from '../../src/engine/wiring/open-engine';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { ADMIN, rendererDir, requireBuild, signInContext, startServedApp, type ServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A/AA). */
async function seriousViolations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** The browser's own medium date and short time, as the page writes dates. */
const browserWhen = (page: Page, iso: string): Promise<string> =>
  page.evaluate((at) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)), iso);

/** The engine and server on an existing database file, as `serve --db FILE` starts them. */
async function serveFile(dbPath: string): Promise<{ engine: Engine; server: RunningServer; close(): Promise<void> }> {
  const engine = await openEngine({ dbPath, host: 'serve' });
  try {
    const server = await startServer({ handlers: engine.handlers, events: engine.events, access: engine.access, port: 0, staticDir: rendererDir });
    return {
      engine,
      server,
      async close() {
        await server.close();
        await engine.close();
      },
    };
  } catch (err) {
    await engine.close();
    throw err;
  }
}

function addCountRow(engine: Engine, id: string): void {
  engine.db.prepare("INSERT INTO counting_results (counting_event_id, event_type, direction, camera_id, created_at) VALUES (?, 'cross_line', 'in', 'door', ?)").run(id, new Date().toISOString());
}

const countRows = (db: Database.Database, id: string): number => db.prepare('SELECT COUNT(*) FROM counting_results WHERE counting_event_id = ?').pluck().get(id) as number;

describe('Settings → Backups (real engine, real SQLite file, real Chromium)', () => {
  let app: ServedApp;

  beforeAll(async () => {
    app = await startServedApp('footfall-e2e-backups-');
    return () => app.close();
  });

  it('backs up now: busy while it runs, then the list grows, newest first, with a verified backup', async () => {
    const page = await app.browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${app.server.url}/#/settings`);
    const card = page.getByRole('region', { name: 'Backups' });
    // The empty state says what to do next.
    await card.getByText('No backups yet').waitFor();
    expect(await card.locator('.empty-state').textContent()).toContain('Press Back up now to make the first one');
    expect(await card.getByTestId('last-backup').textContent()).toBe('None yet');
    expect(await card.getByTestId('next-backup').textContent()).toContain('A few minutes after Footfall starts');

    // Held at the network so the busy state can be seen: the button is disabled and a progress bar runs.
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    await page.route('**/api/backup:create', async (route) => {
      await held;
      await route.continue();
    });
    const button = card.getByRole('button', { name: /^Back(ing)? up/ });
    await button.click();
    await eventually(() => button.textContent(), (t) => expect(t).toBe('Backing up…'));
    expect(await button.isDisabled()).toBe(true);
    expect(await card.getByRole('progressbar', { name: 'Backing up the database' }).count()).toBe(1);
    release();
    await eventually(() => card.getByTestId('backup-row').count(), (n) => expect(n).toBe(1));
    await page.unroute('**/api/backup:create');
    expect(await button.textContent()).toBe('Back up now');
    expect(await button.isDisabled()).toBe(false);

    const dir = defaultBackupDir(app.dbPath);
    const [first] = listBackupFiles(dir);
    expect(first).toBeDefined();
    expect(verifyDatabaseFile(first!.path, { check: 'integrity_check' }).ok).toBe(true);
    const row = card.getByTestId('backup-row').first();
    expect(await row.locator('.cell-sub').textContent()).toBe(first!.name);
    expect(await row.textContent()).toContain('Verified');
    expect(await row.getByRole('rowheader').textContent()).toContain(await browserWhen(page, first!.takenAt));
    const result = card.getByRole('status').filter({ hasText: 'Backup made' });
    expect(await result.textContent()).toContain(`Backup made: ${first!.name}`);
    expect(await result.textContent()).toContain('verified (it passed its integrity check)');
    expect(await card.getByTestId('last-backup').textContent()).toMatch(/verified$/);
    expect(await card.getByTestId('next-backup').textContent()).toMatch(/^About /);

    // A second one: the list grows and the newest comes first.
    await card.getByRole('button', { name: 'Back up now' }).click();
    await eventually(() => card.getByTestId('backup-row').count(), (n) => expect(n).toBe(2));
    const names = listBackupFiles(dir).map((b) => b.name);
    expect(names).toHaveLength(2);
    expect(await card.getByTestId('backup-row').locator('.cell-sub').allTextContents()).toEqual(names);
    expect(await card.getByTestId('backup-row').filter({ hasText: 'Verified' }).count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the schedule settings in the card and stores them', async () => {
    const page = await app.browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${app.server.url}/#/settings`);
    const card = page.getByRole('region', { name: 'Backups' });
    const keep = card.getByLabel('Keep the newest (backups)');
    await eventually(() => keep.inputValue(), (v) => expect(v).toBe('7'));
    expect([await keep.getAttribute('min'), await keep.getAttribute('max')]).toEqual(['1', '365']);
    expect(await card.getByLabel('Back up every (hours)').inputValue()).toBe('24');
    await keep.fill('5');
    await card.getByRole('button', { name: 'Save backup schedule' }).click();
    await eventually(() => card.locator('#backup-schedule-status').textContent(), (t) => expect(t).toBe('Backup schedule saved.'));
    expect(app.engine.repos.settings.getValue('backup.keep', null)).toBe(5);
    await eventually(() => card.getByText('keeping the newest 5 backups').count(), (n) => expect(n).toBe(1));
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has no serious or critical axe-core violation on Settings with the card, in both themes, and in the restore dialog', async () => {
    const page = await app.browser.context.newPage();
    const { problems } = watchPageProblems(page);
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`${app.server.url}/#/settings`);
      const card = page.getByRole('region', { name: 'Backups' });
      await eventually(() => card.getByTestId('backup-row').count(), (n) => expect(n).toBeGreaterThan(0));
      await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
      // The card's surface follows the theme (the page's variables, not a fixed colour).
      const background = await page.evaluate<string>("getComputedStyle(document.querySelector('.backup-card')).backgroundColor");
      expect(background).toBe(theme === 'dark' ? 'rgb(17, 26, 43)' : 'rgb(255, 255, 255)');
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`backups-${theme}`), fullPage: true });
      found.push(...(await seriousViolations(page, `Settings (${theme})`)));
      await card.getByRole('button', { name: /^Restore…/ }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
      await dialog.waitFor();
      found.push(...(await seriousViolations(page, `restore dialog (${theme})`)));
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await eventually(() => dialog.count(), (n) => expect(n).toBe(0));
    }
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says in plain words when a backup cannot be written, and the button works again', async () => {
    // The backups folder replaced by a file: the engine cannot create it (a real failure, not a mock).
    const dir = defaultBackupDir(app.dbPath);
    renameSync(dir, `${dir}.aside`);
    writeFileSync(dir, 'not a folder');
    const page = await app.browser.context.newPage();
    const { problems } = watchPageProblems(page);
    try {
      await page.goto(`${app.server.url}/#/settings`);
      const card = page.getByRole('region', { name: 'Backups' });
      await card.getByText('No backups yet').waitFor();
      await card.getByRole('button', { name: 'Back up now' }).click();
      const error = card.getByRole('alert');
      await eventually(() => error.textContent(), (t) => expect(t).toContain('Back up now failed'));
      const text = (await error.textContent()) ?? '';
      expect(text).toContain('The backup could not be written: the disk may be full, or the backups folder cannot be written to. The database itself is unchanged.');
      expect(text).not.toMatch(/EEXIST|ENOTDIR|BACKUP_|mkdir/);
      expect(text).not.toContain(app.dataDir);
      expect(await card.getByRole('button', { name: 'Back up now' }).isDisabled()).toBe(false);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      rmSync(dir, { force: true });
      renameSync(`${dir}.aside`, dir);
    }
  });

  it('shows a role below admin a plain message and asks nothing it would be refused', async () => {
    await app.addUser('lan', 'operator', 'operator-password-1');
    await app.signIn('lan', 'operator-password-1');
    const page = await app.browser.context.newPage();
    const { problems } = watchPageProblems(page);
    try {
      await page.goto(`${app.server.url}/#/settings`);
      const card = page.getByRole('region', { name: 'Backups' });
      await eventually(() => card.textContent(), (t) => expect(t).toContain('Only an admin sees the list of backups'));
      expect(await card.getByRole('button').count()).toBe(0);
      // No backup:list for an operator: a 403 would be in the page's problems.
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await app.signIn(ADMIN.username, ADMIN.password);
    }
  });
});

describe('restore from Settings, applied at the next start (real engine, real SQLite file, real Chromium)', () => {
  let app: ServedApp;

  beforeAll(async () => {
    app = await startServedApp('footfall-e2e-restore-');
    return () => app.close();
  });

  it('Restore… → confirmation in plain words → restart-needed notice; after the restart the backup is in use and the notice says where the rest went', async () => {
    app.engine.repos.cameras.create({ cameraId: 'door', name: 'Front door', sourceKind: 'rtsp', url: 'rtsp://127.0.0.1:9/door', enabled: false });
    addCountRow(app.engine, 'before-backup');
    const backup = await createBackup(app.engine.db, { dir: defaultBackupDir(app.dbPath) });
    addCountRow(app.engine, 'after-backup');

    const page = await app.browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${app.server.url}/#/settings`);
    const card = page.getByRole('region', { name: 'Backups' });
    await eventually(() => card.getByTestId('backup-row').count(), (n) => expect(n).toBe(1));
    const when = await browserWhen(page, backup.takenAt);
    await card.getByRole('button', { name: `Restore… the backup of ${when}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
    await dialog.waitFor();
    const words = (await dialog.textContent()) ?? '';
    expect(words).toContain(`Footfall will replace the current database with the backup of ${when} at its next start.`);
    expect(words).toContain('as footfall.db.replaced-');
    expect(words).toContain('Counts recorded after the backup are kept in that file');
    expect(words).not.toContain(app.dataDir);
    await dialog.getByRole('button', { name: 'Restore at next start' }).click();
    await eventually(() => dialog.count(), (n) => expect(n).toBe(0));

    const notice = card.getByTestId('restore-pending');
    await eventually(() => notice.textContent(), (t) => expect(t).toContain(`Restart needed. Footfall will restore the backup of ${when} when it next starts`));
    expect(await notice.textContent()).toContain('Stop the Footfall server (the serve command) and start it again.');
    expect(await card.getByTestId('backup-row').first().textContent()).toContain('Restores at next start');
    expect(JSON.parse(readFileSync(pendingRestorePath(app.dbPath), 'utf8'))).toMatchObject({ file: backup.path });
    // Nothing changes before the restart.
    expect(countRows(app.engine.db, 'after-backup')).toBe(1);
    // The shell says it on the other pages too.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Live', exact: true }).click();
    await eventually(() => page.getByTestId('pending-restore-notice').textContent(), (t) => expect(t).toContain(`Footfall will restore the backup of ${when} when it next starts`));
    expect(problems).toEqual([]);
    await page.close();

    // The restart: the engine restores the backup before it opens the file.
    await app.server.close();
    await app.engine.close();
    const second = await serveFile(app.dbPath);
    try {
      await signInContext(app.browser, second.server.url, ADMIN.username, ADMIN.password);
      const after = await app.browser.context.newPage();
      const seen = watchPageProblems(after);
      await after.goto(`${second.server.url}/#/live`);
      const restored = after.getByTestId('recovery-notice');
      await eventually(() => restored.textContent(), (t) => expect(t).toContain('The backup you chose was restored'));
      const text = (await restored.textContent()) ?? '';
      expect(text).toContain(`As asked, Footfall replaced the database with the backup of ${when}.`);
      const replaced = readdirSync(app.dataDir).find((f) => /^footfall\.db\.replaced-\d{8}-\d{6}$/.test(f));
      expect(replaced).toBeDefined();
      expect(text).toContain(`kept as ${replaced}: counts recorded after the backup are in that file`);
      expect(text).not.toContain(app.dataDir);
      // As the dialog said: the backup's counts are in use, the later ones kept aside in the replaced file.
      expect(countRows(second.engine.db, 'before-backup')).toBe(1);
      expect(countRows(second.engine.db, 'after-backup')).toBe(0);
      const old = new Database(join(app.dataDir, replaced!), { readonly: true, fileMustExist: true });
      try {
        expect(countRows(old, 'after-backup')).toBe(1);
      } finally {
        old.close();
      }
      expect(existsSync(pendingRestorePath(app.dbPath))).toBe(false);
      await after.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
      await eventually(() => after.getByRole('region', { name: 'Backups' }).getByTestId('backup-row').count(), (n) => expect(n).toBe(1));
      expect(await after.getByTestId('restore-pending').count()).toBe(0);
      expect(seen.problems).toEqual([]);
      await after.close();
    } finally {
      await second.close();
    }
  });
});

describe('start-up recovery of a damaged database file, told on screen (real engine, real SQLite file, real Chromium)', () => {
  let browser: LaunchedBrowser;
  let dataDir: string;

  beforeAll(async () => {
    requireBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'footfall-e2e-recovery-'));
    browser = await launchChromium();
    return async () => {
      await browser.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  });

  it('a corrupt file with a good backup beside it: moved aside, the backup restored, the notice names both, no crash', async () => {
    const dir = join(dataDir, 'corrupt');
    const dbPath = join(dir, 'footfall.db');
    // A real migrated database with an admin, and a backup of it made by the engine.
    const first = await openEngine({ dbPath, host: 'serve' });
    let backupPath: string;
    let backupTakenAt: string;
    try {
      await first.access.addUser({ username: ADMIN.username, role: 'admin', password: ADMIN.password, mustChangePassword: false }, first.access.ownerCaller());
      const backup = await createBackup(first.db, { dir: defaultBackupDir(dbPath) });
      backupPath = backup.path;
      backupTakenAt = backup.takenAt;
    } finally {
      await first.close();
    }
    expect(existsSync(`${dbPath}-wal`)).toBe(false);
    // Garbage over the middle half of the file.
    const size = statSync(dbPath).size;
    const fd = openSync(dbPath, 'r+');
    try {
      writeSync(fd, Buffer.alloc(Math.floor(size / 2), 'garbage!'), 0, Math.floor(size / 2), Math.floor(size / 4));
    } finally {
      closeSync(fd);
    }
    expect(verifyDatabaseFile(dbPath)).toMatchObject({ ok: false, problem: 'corrupt' });

    const served = await serveFile(dbPath);
    try {
      const info = await served.engine.handlers['app:info']({}, served.engine.access.ownerCaller());
      expect(info.recovery).toMatchObject({ kind: 'recovered', problem: 'corrupt', restoredFrom: backupPath, freshDatabase: false });
      expect(verifyDatabaseFile(dbPath, { check: 'integrity_check' }).ok).toBe(true);
      const corrupt = readdirSync(dir).find((f) => /^footfall\.db\.corrupt-\d{8}-\d{6}$/.test(f));
      expect(corrupt).toBeDefined();

      await signInContext(browser, served.server.url, ADMIN.username, ADMIN.password);
      const page = await browser.context.newPage();
      const { problems } = watchPageProblems(page);
      await page.goto(`${served.server.url}/#/live`);
      await page.getByRole('heading', { level: 1, name: 'Live' }).waitFor();
      const notice = page.getByRole('status', { name: 'Footfall recovered its database from a backup' });
      await eventually(() => notice.count(), (n) => expect(n).toBe(1));
      const text = (await notice.textContent()) ?? '';
      const when = await browserWhen(page, backupTakenAt);
      expect(text).toContain(`The database file was damaged (it failed its integrity check) and was moved aside to ${corrupt}.`);
      expect(text).toContain(`Footfall restored the backup of ${when} — counts after that time are missing.`);
      // File names only, no codes, no engine sentence.
      expect(text).not.toContain(dir);
      expect(text).not.toMatch(/SQLITE_|integrity_check|quick_check|\bat \w+ \(|Error:/);
      expect(await seriousViolations(page, 'Live with the recovery notice')).toEqual([]);
      await page.screenshot({ path: screenshotPath('recovery-notice') });

      // The notice stays on every page until dismissed, and stays dismissed after a reload.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      expect(await notice.count()).toBe(1);
      await eventually(() => page.getByRole('region', { name: 'Backups' }).getByTestId('backup-row').count(), (n) => expect(n).toBe(1));
      await notice.getByRole('button', { name: 'Dismiss the notice about the database' }).click();
      await eventually(() => notice.count(), (n) => expect(n).toBe(0));
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
      expect(await page.getByTestId('recovery-notice').count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await served.close();
    }
  });

  it('a truncated file and no backup: a new, empty database, and the notice says so after the first-start setup', async () => {
    const dir = join(dataDir, 'truncated');
    const dbPath = join(dir, 'footfall.db');
    const first = await openEngine({ dbPath, host: 'serve' });
    await first.close();
    truncateSync(dbPath, Math.floor(statSync(dbPath).size / 2));
    expect(verifyDatabaseFile(dbPath)).toMatchObject({ ok: false, problem: 'truncated' });

    const served = await serveFile(dbPath);
    try {
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      const { problems } = watchPageProblems(page);
      await page.goto(served.server.url);
      // An empty database has no account: the first-start setup, then the notice.
      await page.getByRole('heading', { level: 1, name: 'Create the admin account' }).waitFor();
      const setup = page.getByRole('form', { name: 'Create the admin account' });
      await setup.getByLabel('User name').fill('boss');
      await setup.getByLabel('Password', { exact: true }).fill('new-admin-password');
      await setup.getByLabel('Repeat the password').fill('new-admin-password');
      await setup.getByRole('button', { name: 'Create the admin account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Live' }).waitFor();
      const notice = page.getByRole('status', { name: 'Footfall started with an empty database' });
      await eventually(() => notice.count(), (n) => expect(n).toBe(1));
      const text = (await notice.textContent()) ?? '';
      const corrupt = readdirSync(dir).find((f) => /^footfall\.db\.corrupt-\d{8}-\d{6}$/.test(f));
      expect(corrupt).toBeDefined();
      expect(text).toContain(`The database file was cut short (truncated) and was moved aside to ${corrupt}.`);
      expect(text).toContain('No good backup was available: Footfall started with an empty database.');
      expect(text).not.toContain(dir);
      // The signed-out page asks auth:me once before it knows it must set up (and Chromium logs that 401).
      expect(problems.filter((p) => !/HTTP 401: POST .*\/api\/auth:me$/.test(p) && !/console error: Failed to load resource: .* 401/.test(p))).toEqual([]);
      await page.close();
    } finally {
      await served.close();
    }
  });
});
