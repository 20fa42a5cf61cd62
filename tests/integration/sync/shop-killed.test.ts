/**
 * The shop's `sync push` is SIGKILLed in the middle of its backlog: the shop database stays
 * intact, and the next push completes it with no row missing, none duplicated, and none of the
 * rows the centre already had applied a second time.
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/db/open-database';
import { SYNCED_TABLES } from '../../../src/engine/sync/synced-tables';
import { describeWithPostgres, SYNC_TEST_TIMEOUT_MS, startMigratedChain, type ChainServer } from '../../fixtures/servers/postgres';
import { localCount, openShop, pushInProcess, registerModels, spawnCli, tempFolder, writeCounts } from './shop-fixture';

describeWithPostgres('chain sync: the shop process is killed mid-push', () => {
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

  it('SIGKILL during sync push: the next push completes with nothing missing, duplicated or re-applied', async () => {
    const role = await chain.addShop('south', 'South Arcade');
    const shop = openShop(folder, 'south');
    registerModels(shop.repos);
    writeCounts(shop.db, { start: new Date(Date.UTC(2026, 9, 1, 6)), hours: 7 * 24, events: 40_000, cameras: ['a', 'b', 'c', 'd'], tag: 's' });
    shop.close();

    const child = spawnCli('sync', 'push', '--db', shop.file, '--pg', role.url, '--json');
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    // Killed as soon as the centre has committed its first batch (the next is then in flight).
    const watcher = new pg.Client({ connectionString: chain.adminUrl });
    await watcher.connect();
    for (let i = 0; ; i++) {
      const progress = await watcher.query("SELECT 1 FROM store_sync_progress WHERE store_id = 'south' AND last_seq > 0");
      if (progress.rowCount) break;
      if (child.exitCode !== null || i > 1_000_000) throw new Error(`sync push ended before its first batch (exit ${child.exitCode})`);
    }
    child.kill('SIGKILL');
    await watcher.end();
    expect(await exited).toBe('SIGKILL');

    const check = openDatabase(shop.file);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const [partial] = await chain.admin<{ n: string }>("SELECT count(*) AS n FROM counting_results WHERE store_id = 'south'");
    expect(Number(partial?.n)).toBeGreaterThan(0);
    expect(Number(partial?.n)).toBeLessThan(44_000);
    const alreadyThere = await chain.admin<{ counting_event_id: string; sync_seq: string; synced_at: Date }>(
      "SELECT counting_event_id, sync_seq, synced_at FROM counting_results WHERE store_id = 'south' ORDER BY counting_event_id",
    );

    const again = openShop(folder, 'south');
    const result = await pushInProcess(again);
    expect(result.batches).toBeGreaterThan(0);

    for (const { table } of SYNCED_TABLES) {
      const [row] = await chain.admin<{ n: string; d: string }>(`SELECT count(*) AS n FROM ${table} WHERE store_id = 'south'`);
      expect(Number(row?.n), table).toBe(localCount(again.db, table));
    }
    const [events] = await chain.admin<{ n: string; d: string }>("SELECT count(*) AS n, count(DISTINCT counting_event_id) AS d FROM counting_results WHERE store_id = 'south'");
    expect([Number(events?.n), Number(events?.d)]).toEqual([localCount(again.db, 'counting_results'), localCount(again.db, 'counting_results')]);
    const local = again.db
      .prepare("SELECT sum(event_type = 'cross_line' AND direction = 'in') AS i, sum(event_type = 'cross_line' AND direction = 'out') AS o FROM counting_results")
      .get() as { i: number; o: number };
    const [hourly] = await chain.admin<{ i: string; o: string }>("SELECT sum(count_in) AS i, sum(count_out) AS o FROM counting_hourly WHERE store_id = 'south'");
    expect([Number(hourly?.i), Number(hourly?.o)]).toEqual([local.i, local.o]);

    // What the centre had before the kill was not written again (same version, same time).
    const after = await chain.admin<{ counting_event_id: string; sync_seq: string; synced_at: Date }>(
      "SELECT counting_event_id, sync_seq, synced_at FROM counting_results WHERE store_id = 'south' AND counting_event_id = ANY($1) ORDER BY counting_event_id",
      [alreadyThere.map((r) => r.counting_event_id)],
    );
    expect(after).toEqual(alreadyThere);
    expect(localCount(again.db, 'sync_outbox')).toBe(0);
    again.close();
  }, SYNC_TEST_TIMEOUT_MS);
});
