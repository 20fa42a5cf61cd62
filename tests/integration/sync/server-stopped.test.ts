/**
 * The central server crashes while a batch is inside its transaction, stays down for a retry,
 * and comes back: after the backlog drains, no row is missing and none is duplicated. The
 * forwarder's back-off runs on a fake clock (its sleep is the test's), so nothing waits on a timer.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEphemeralSecretBox } from '../../../src/engine/secrets/aes-gcm-secret-box';
import { configureSync } from '../../../src/engine/sync/configure-sync';
import { drainOutbox } from '../../../src/engine/sync/drain';
import { serverConfigFromUrl } from '../../../src/engine/sync/server-config';
import { readSyncStatus } from '../../../src/engine/sync/sync-state';
import { SYNCED_TABLES } from '../../../src/engine/sync/synced-tables';
import { nowIso } from '../../../src/shared/timestamps';
import { describeWithPostgres, SYNC_TEST_TIMEOUT_MS, startMigratedChain, type ChainServer } from '../../fixtures/servers/postgres';
import { localCount, openShop, registerModels, tempFolder, writeCounts } from './shop-fixture';

describeWithPostgres('chain sync: the server stops mid-sync', () => {
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

  it('after the backlog drains no row is missing and none duplicated', async () => {
    const role = await chain.addShop('west', 'West Gate');
    const shop = openShop(folder, 'west');
    registerModels(shop.repos);
    writeCounts(shop.db, { start: new Date(Date.UTC(2026, 10, 1, 8)), hours: 72, events: 9000, cameras: ['a', 'b', 'c', 'd'], tag: 'w' });
    configureSync(shop.db, createEphemeralSecretBox(), role.url, nowIso());
    const entries = localCount(shop.db, 'sync_outbox');

    // The chain admin takes a lock that makes the forwarder's next batch wait inside its
    // transaction; the superuser (who may see every session's wait) sees it waiting; then the
    // server is crashed under it.
    const blocker = new pg.Client({ connectionString: chain.adminUrl });
    const watcher = new pg.Client({ connectionString: chain.cluster.url('footfall') });
    for (const c of [blocker, watcher]) {
      c.on('error', () => undefined);
      await c.connect();
    }
    const forwarderWaits = async (): Promise<void> => {
      for (let i = 0; i < 100_000; i++) {
        const r = await watcher.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'footfall-sync' AND wait_event_type = 'Lock'");
        if (r.rowCount) return;
      }
      throw new Error('the forwarder never waited on the lock');
    };
    let crashed: Promise<void> | null = null;
    let committedBeforeCrash = 0;
    const sleeps: number[] = [];
    const errorsSeen: Array<string | null> = [];

    const result = await drainOutbox(shop.db, () => serverConfigFromUrl(role.url), {
      attempts: 10,
      batchEntries: 2000,
      backoff: { transient: { jitter: 0 } },
      onBatch: async (p) => {
        if (p.batch !== 2) return;
        committedBeforeCrash = p.lastSeq;
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE counting_results IN SHARE MODE');
        crashed = forwarderWaits().then(() => chain.cluster.stop('immediate'));
      },
      // The fake clock: the first wait passes with the server still down (that attempt is
      // refused), the second brings the server back.
      sleep: async (ms) => {
        sleeps.push(ms);
        await crashed;
        errorsSeen.push(readSyncStatus(shop.db).lastError);
        if (sleeps.length === 2) await chain.cluster.start();
      },
    });
    await blocker.end().catch(() => undefined);
    await watcher.end().catch(() => undefined);

    expect(committedBeforeCrash).toBeGreaterThan(0);
    expect(sleeps).toEqual([1000, 2000]);
    expect(errorsSeen[0]).toMatch(/connection to the sync server at 127\.0\.0\.1:\d+ was lost|is busy, starting or shutting down/);
    expect(errorsSeen[1]).toMatch(/refused the connection: is PostgreSQL running/);
    expect(result.entries).toBe(entries);

    for (const { table } of SYNCED_TABLES) {
      const [row] = await chain.admin<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE store_id = 'west'`);
      expect(Number(row?.n), table).toBe(localCount(shop.db, table));
    }
    const [events] = await chain.admin<{ n: string; distinct_ids: string; ins: string; outs: string }>(
      `SELECT count(*) AS n, count(DISTINCT counting_event_id) AS distinct_ids,
              count(*) FILTER (WHERE event_type = 'cross_line' AND direction = 'in') AS ins,
              count(*) FILTER (WHERE event_type = 'cross_line' AND direction = 'out') AS outs
       FROM counting_results WHERE store_id = 'west'`,
    );
    const local = shop.db
      .prepare("SELECT count(*) AS n, sum(event_type = 'cross_line' AND direction = 'in') AS ins, sum(event_type = 'cross_line' AND direction = 'out') AS outs FROM counting_results")
      .get() as { n: number; ins: number; outs: number };
    expect({ n: Number(events?.n), distinct: Number(events?.distinct_ids), ins: Number(events?.ins), outs: Number(events?.outs) }).toEqual({
      n: local.n,
      distinct: local.n,
      ins: local.ins,
      outs: local.outs,
    });
    const [hourly] = await chain.admin<{ i: string; o: string }>("SELECT sum(count_in) AS i, sum(count_out) AS o FROM counting_hourly WHERE store_id = 'west'");
    expect([Number(hourly?.i), Number(hourly?.o)]).toEqual([local.ins, local.outs]);

    expect(readSyncStatus(shop.db)).toMatchObject({ backlog: 0, lastError: null, consecutiveFailures: 0 });
    shop.close();
  }, SYNC_TEST_TIMEOUT_MS);
});
