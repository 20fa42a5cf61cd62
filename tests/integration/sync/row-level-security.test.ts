/**
 * A shop's role writing another shop's rows is refused by the server: row-level security is
 * enabled and forced on every table, and the store a transaction acts for is set with SET LOCAL
 * (set_config(…, true)) and must be the one the stores table maps to the role.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEphemeralSecretBox } from '../../../src/engine/secrets/aes-gcm-secret-box';
import { configureSync } from '../../../src/engine/sync/configure-sync';
import { drainOutbox } from '../../../src/engine/sync/drain';
import { readOutboxBatch } from '../../../src/engine/sync/outbox-batch';
import { isSyncConfigured, serverConfigFromUrl } from '../../../src/engine/sync/server-config';
import { readSyncStatus } from '../../../src/engine/sync/sync-state';
import { loadPlans } from '../../../src/engine/sync/upsert-plan';
import { nowIso } from '../../../src/shared/timestamps';
import { describeWithPostgres, SYNC_TEST_TIMEOUT_MS, startMigratedChain, type ChainServer } from '../../fixtures/servers/postgres';
import { cli, localCount, openShop, pushInProcess, registerModels, tempFolder, writeCounts } from './shop-fixture';

const TABLES_WITH_STORE_ROWS = [
  'stores', 'store_sync_progress', 'users', 'ai_models', 'model_versions', 'model_training_history', 'model_version_control',
  'model_branches', 'model_deployment_pipeline', 'model_deployment_events', 'model_inference_results', 'detection_results',
  'tracking_results', 'counting_results', 'counting_hourly', 'model_performance_metrics', 'model_drift_metrics',
  'model_comparison_metrics', 'ab_testing_experiments', 'ab_testing_assignments', 'ab_testing_results', 'ab_testing_conclusions',
  'inference_results_archive', 'performance_metrics_archive', 'ab_results_archive', 'audit_log',
  // central migration 0004 (the archive above is rebuilt there, its policy with it)
  'ab_experiment_designs', 'ab_interval_metrics', 'ab_truth_matches', 'sales_hourly', 'model_business_metrics', 'audit_items', 'audit_metrics',
];

describeWithPostgres('chain sync: row-level security', () => {
  let chain: ChainServer;
  let folder: string;

  beforeAll(async () => {
    chain = await startMigratedChain();
    folder = tempFolder();
  });
  afterAll(async () => {
    await chain?.destroy();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, SYNC_TEST_TIMEOUT_MS);

  it("a shop's role writing another shop's rows is refused by the server", async () => {
    const flags = await chain.admin<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1) ORDER BY relname",
      [TABLES_WITH_STORE_ROWS],
    );
    expect(flags).toHaveLength(TABLES_WITH_STORE_ROWS.length);
    for (const f of flags) expect([f.relname, f.relrowsecurity, f.relforcerowsecurity]).toEqual([f.relname, true, true]);

    const a = await chain.addShop('a', 'Shop A');
    const b = await chain.addShop('b', 'Shop B');
    const shopB = openShop(folder, 'b');
    registerModels(shopB.repos);
    writeCounts(shopB.db, { start: new Date(Date.UTC(2026, 10, 2)), hours: 10, events: 300, cameras: ['door'], tag: 'b' });
    await pushInProcess(shopB, b.url);
    const bRows = await chain.admin("SELECT counting_event_id, direction, sync_seq FROM counting_results WHERE store_id = 'b' ORDER BY 1");
    expect(bRows).toHaveLength(localCount(shopB.db, 'counting_results'));

    // Shop A's own rows, in the very statement the forwarder sends, but claiming to be shop B's.
    const shopA = openShop(folder, 'a');
    registerModels(shopA.repos);
    writeCounts(shopA.db, { start: new Date(Date.UTC(2026, 10, 2)), hours: 10, events: 200, cameras: ['door'], tag: 'b' });
    configureSync(shopA.db, createEphemeralSecretBox(), a.url, nowIso());
    const asA = serverConfigFromUrl(a.url);
    const client = new pg.Client({ connectionString: asA.connectionUrl });
    await client.connect();
    const plans = await loadPlans(shopA.db, client, asA.context);
    const batch = readOutboxBatch(shopA.db, plans, 5000)!;
    const counts = batch.tables.find((t) => t.plan.table === 'counting_results')!;
    const attempt = async (scope: string, rowsFor: string): Promise<string> => {
      await client.query('BEGIN');
      try {
        await client.query("SELECT set_config('footfall.store_id', $1, true)", [scope]);
        await client.query(counts.plan.upsertSql, [rowsFor, counts.seqs, ...counts.columns]);
        return 'written';
      } catch (err) {
        return (err as Error).message;
      } finally {
        await client.query('ROLLBACK');
      }
    };
    expect(await attempt('a', 'b')).toMatch(/new row violates row-level security policy for table "counting_results"/);
    expect(await attempt('b', 'b')).toMatch(/new row violates row-level security policy/);
    expect(await attempt('a', 'a')).toBe('written');

    // Shop B's existing rows are invisible to shop A, whatever store it names.
    for (const scope of ['a', 'b']) {
      await client.query('BEGIN');
      await client.query("SELECT set_config('footfall.store_id', $1, true)", [scope]);
      expect((await client.query("UPDATE counting_results SET direction = 'out' WHERE store_id = 'b'")).rowCount).toBe(0);
      expect((await client.query("DELETE FROM counting_results WHERE store_id = 'b'").catch((e: Error) => e.message))).toMatch(/permission denied/);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query("SELECT set_config('footfall.store_id', $1, true)", [scope]);
      expect((await client.query("SELECT count(*)::int AS n FROM counting_results WHERE store_id = 'b'")).rows[0].n).toBe(0);
      await client.query('ROLLBACK');
    }
    // Nor can shop A re-map its role to shop B's store.
    expect(await client.query("UPDATE stores SET db_role = current_user WHERE store_id = 'b'").catch((e: Error) => e.message)).toMatch(/permission denied/);
    await client.end();

    // Through the forwarder: a database that has sent as shop B, pointed at shop A's role.
    const bAsA = await drainOutbox(shopB.db, () => serverConfigFromUrl(a.url)).catch((e: Error & { code?: string }) => e);
    expect(bAsA).toMatchObject({ code: 'SYNC_STORE_MISMATCH' });
    expect(await chain.admin("SELECT counting_event_id, direction, sync_seq FROM counting_results WHERE store_id = 'b' ORDER BY 1")).toEqual(bRows);
    shopA.close();
    shopB.close();
  }, SYNC_TEST_TIMEOUT_MS);

  it('a wrong URL, a wrong password or an unreachable server: plain words, nothing stored or lost', async () => {
    const c = await chain.addShop('c', 'Shop C');
    const shop = openShop(folder, 'c');
    registerModels(shop.repos);
    writeCounts(shop.db, { start: new Date(Date.UTC(2026, 10, 3)), hours: 5, events: 100, cameras: ['door'], tag: 'c' });

    const notPg = await cli('sync', 'push', '--db', shop.file, '--pg', 'http://shop_c:secret-pw@127.0.0.1/footfall');
    expect(notPg.code).toBe(1);
    expect(notPg.stderr).toMatch(/must be a postgres:\/\/ or postgresql:\/\/ URL, got "http:\/\/\*\*\*@127\.0\.0\.1\/footfall"/);
    const wrongPassword = c.url.replace(c.password, 'Wrong-Pass-42');
    const refused = await cli('sync', 'push', '--db', shop.file, '--pg', wrongPassword);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused the password for role "shop_c"/);
    expect(refused.stderr).not.toContain('Wrong-Pass-42');
    const noDb = await pushInProcess(shop, c.url.replace(/\/footfall$/, '/nothing_here')).catch((e: Error) => e.message);
    expect(noDb).toMatch(/has no database "nothing_here"/);
    expect(isSyncConfigured(shop.db)).toBe(false);
    expect(localCount(shop.db, 'sync_outbox')).toBe(0);

    await pushInProcess(shop, c.url);
    writeCounts(shop.db, { start: new Date(Date.UTC(2026, 10, 4)), hours: 5, events: 100, cameras: ['door'], tag: 'c2' });
    const waiting = localCount(shop.db, 'sync_outbox');
    expect(waiting).toBeGreaterThan(0);
    await chain.cluster.stop('fast');
    try {
      const down = await pushInProcess(shop).catch((e: Error) => e.message);
      expect(down).toMatch(/^the sync server at 127\.0\.0\.1:\d+ refused the connection: is PostgreSQL running/);
      expect(localCount(shop.db, 'sync_outbox')).toBe(waiting);
      expect(readSyncStatus(shop.db)).toMatchObject({ backlog: waiting, consecutiveFailures: 1, lastError: down });
    } finally {
      await chain.cluster.start();
    }
    await pushInProcess(shop);
    const [row] = await chain.admin<{ n: string }>("SELECT count(*) AS n FROM counting_results WHERE store_id = 'c'");
    expect(Number(row?.n)).toBe(localCount(shop.db, 'counting_results'));
    shop.close();
  }, SYNC_TEST_TIMEOUT_MS);
});
