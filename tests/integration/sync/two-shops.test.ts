/**
 * Two shops' databases sync into one central server: the centre's totals per store and day equal
 * each shop's own, every forwarded table arrives whole (issue 13's too: experiment designs and
 * intervals, live performance, drift per camera, sales, business figures, audits without their
 * pictures), and a second push sends nothing new.
 */
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectCentral } from '../../../src/engine/sync/central-connection';
import { migrateCentral } from '../../../src/engine/sync/central-migrate';
import { serverConfigFromUrl } from '../../../src/engine/sync/server-config';
import { SYNCED_TABLES } from '../../../src/engine/sync/synced-tables';
import { describeWithPostgres, SYNC_TEST_TIMEOUT_MS, startChainServer, type ChainServer } from '../../fixtures/servers/postgres';
import { parseSeed } from '../db/seed-ddl-parser';
import { answerAudits, cli, localCount, localDayTotals, openShop, pushInProcess, recordIssue13Rows, registerModels, tempFolder, writeCounts, VERSIONS, type DayTotal } from './shop-fixture';

const seed = parseSeed(readFileSync(fileURLToPath(new URL('../../../docs/seed-ai-model-data-integration.md', import.meta.url)), 'utf8'));

describeWithPostgres('chain sync: two shops into one central server', () => {
  let chain: ChainServer;
  let folder: string;

  beforeAll(async () => {
    chain = await startChainServer();
    folder = tempFolder();
  });
  afterAll(async () => {
    await chain?.destroy();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, SYNC_TEST_TIMEOUT_MS);

  it('totals per store and day at the centre equal the shops\' own; a second push sends nothing new', async () => {
    // The chain admin creates the central schema: the seed's DDL per store, under forced RLS.
    const init = await cli('sync', 'init', '--pg', chain.adminUrl, '--json');
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout)).toEqual({ applied: [1, 2, 3, 4], version: 4 });
    const columns = await chain.admin<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    for (const table of seed.tables) {
      const central = columns.filter((c) => c.table_name === table.name).map((c) => c.column_name);
      expect(central, `central table ${table.name}`).toEqual(expect.arrayContaining(['store_id', ...table.columns.map((c) => c.name)]));
    }
    const indexes = (await chain.admin<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).map((i) => i.indexname);
    expect(indexes).toEqual(expect.arrayContaining(seed.indexes.map((i) => i.name)));
    expect(await chain.admin("SELECT 1 FROM pg_proc WHERE proname = 'cleanup_old_ai_data'")).toHaveLength(1);
    const admin = serverConfigFromUrl(chain.adminUrl);
    const again = await connectCentral(admin);
    expect(await migrateCentral(again, admin.context)).toEqual({ applied: [], version: 4 });
    await again.end();

    const north = await chain.addShop('north', 'North Street', 'UTC');
    const east = await chain.addShop('east', 'East Mall', 'Asia/Ho_Chi_Minh');
    const shops = [
      { role: north, offset: 0, shop: openShop(folder, 'north'), cameras: ['door', 'side'] },
      { role: east, offset: 7 * 60, shop: openShop(folder, 'east'), cameras: ['entrance'] },
    ];
    for (const [i, s] of shops.entries()) {
      registerModels(s.shop.repos);
      // Written before sync is configured: the first push must pick these up too.
      writeCounts(s.shop.db, { start: new Date(Date.UTC(2026, 10, 20, 5 + i)), hours: 60, events: 2500 + 700 * i, cameras: s.cameras, tag: 'before', versions: VERSIONS });
      recordIssue13Rows(s.shop, '2026-11-21');
    }

    // The first shop as a technician would do it, the second the same way in this process.
    const first = shops[0]!;
    const pushed = await cli('sync', 'push', '--db', first.shop.file, '--pg', first.role.url, '--json');
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).not.toContain(first.role.password);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ storeId: 'north', backlog: 0 });
    expect(await pushInProcess(shops[1]!.shop, shops[1]!.role.url)).toMatchObject({ storeId: 'east' });

    // Counted after the first push (the triggers feed the outbox), and a model that changed.
    for (const s of shops) {
      writeCounts(s.shop.db, { start: new Date(Date.UTC(2026, 10, 23, 1)), hours: 30, events: 900, cameras: s.cameras, tag: 'after', versions: [VERSIONS[1]] });
      s.shop.repos.aiModels.update('door-person', { deploymentStatus: 'production', isProduction: true });
      // Issue 13: the audit answers arrive as updates; switching auditing off deletes the
      // pictures (migration 0017's trigger), which is no change worth sending.
      answerAudits(s.shop);
      const queued = localCount(s.shop.db, 'sync_outbox');
      s.shop.repos.settings.set('audit.enabled', false);
      expect(s.shop.db.prepare('SELECT count(*) FROM audit_items WHERE picture IS NOT NULL').pluck().get()).toBe(0);
      expect(localCount(s.shop.db, 'sync_outbox')).toBe(queued);
    }
    const stored = await cli('sync', 'push', '--db', first.shop.file, '--json');
    expect(stored.code, stored.stderr).toBe(0);
    expect(JSON.parse(stored.stdout).rows).toBeGreaterThan(900);
    await pushInProcess(shops[1]!.shop);

    // The password is stored encrypted only.
    for (const s of shops) {
      const stored = s.shop.db.prepare('SELECT server_url, server_username, server_secret_ciphertext FROM sync_state').get() as Record<string, unknown>;
      expect(stored.server_url).toBe(`postgres://127.0.0.1:${chain.cluster.port}/footfall`);
      expect(stored.server_username).toBe(s.role.role);
      expect(Buffer.from(stored.server_secret_ciphertext as Buffer).includes(Buffer.from(s.role.password))).toBe(false);
    }

    const report = await cli('sync', 'report', '--pg', chain.adminUrl, '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'json');
    expect(report.code, report.stderr).toBe(0);
    const central = JSON.parse(report.stdout) as { byStoreDay: Array<DayTotal & { storeId: string }>; byModelVersion: Array<{ storeId: string; modelVersion: string; in: number; out: number; f1: number | null }> };
    for (const s of shops) {
      const local = localDayTotals(s.shop.repos, s.offset);
      expect(local.length).toBeGreaterThanOrEqual(3);
      expect(central.byStoreDay.filter((d) => d.storeId === s.role.storeId).map(({ day, in: i, out }) => ({ day, in: i, out }))).toEqual(local);
      // Per model version, from the hourly aggregates: the same grand totals, split by version.
      const byVersion = central.byModelVersion.filter((m) => m.storeId === s.role.storeId);
      expect(byVersion.map((m) => m.modelVersion)).toEqual([...VERSIONS]);
      expect(byVersion.reduce((n, m) => n + m.in, 0)).toBe(local.reduce((n, d) => n + d.in, 0));
      expect(byVersion.reduce((n, m) => n + m.out, 0)).toBe(local.reduce((n, d) => n + d.out, 0));
      // The latest F1 measured per version: for 1.0.0 the audit report's (2 TP, 1 FP, 1 FN: 66.67 %).
      expect(byVersion.map((m) => m.f1)).toEqual([66.67, 88.5]);
    }
    const csv = await cli('sync', 'report', '--pg', chain.adminUrl, '--from', '2026-11-01', '--to', '2026-11-30');
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('section,store_id,store_name,day,model_id,model_version,in,out,f1');
    expect(lines).toHaveLength(1 + central.byStoreDay.length + central.byModelVersion.length);

    // Every forwarded table, row for row, per store; nothing left in the outboxes.
    for (const s of shops) {
      for (const { table } of SYNCED_TABLES) {
        const [row] = await chain.admin<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE store_id = $1`, [s.role.storeId]);
        expect(Number(row?.n), `${s.role.storeId} ${table}`).toBe(localCount(s.shop.db, table));
      }
      const [model] = await chain.admin<{ is_production: boolean; model_config: unknown }>("SELECT is_production, model_config FROM ai_models WHERE store_id = $1 AND model_id = 'door-person'", [s.role.storeId]);
      expect(model?.is_production).toBe(true);
      expect(localCount(s.shop.db, 'sync_outbox')).toBe(0);
      await expectIssue13Rows(chain, s.role.storeId, s.shop.db);
    }

    // A second push sends nothing and changes nothing.
    const before = await chain.admin('SELECT store_id, count(*), max(sync_seq), max(synced_at) FROM counting_results GROUP BY store_id ORDER BY store_id');
    const nothing = await cli('sync', 'push', '--db', first.shop.file, '--json');
    expect(nothing.code, nothing.stderr).toBe(0);
    expect(JSON.parse(nothing.stdout)).toMatchObject({ batches: 0, rows: 0, applied: 0, backlog: 0 });
    expect(await pushInProcess(shops[1]!.shop)).toMatchObject({ batches: 0, rows: 0, applied: 0 });
    const status = JSON.parse((await cli('sync', 'status', '--db', first.shop.file, '--json')).stdout);
    expect(status).toMatchObject({ configured: true, storeId: 'north', role: first.role.role, backlog: 0, lastError: null, consecutiveFailures: 0 });
    expect(status.lastSyncAt).toMatch(/^2\d{3}-/);
    expect(await chain.admin('SELECT store_id, count(*), max(sync_seq), max(synced_at) FROM counting_results GROUP BY store_id ORDER BY store_id')).toEqual(before);
    for (const s of shops) s.shop.close();
  }, SYNC_TEST_TIMEOUT_MS);
});

/** Issue 13's rows at the centre, value for value where a value says something. */
async function expectIssue13Rows(chain: ChainServer, storeId: string, db: import('../../../src/engine/db/open-database').SqliteDatabase): Promise<void> {
  // Pictures never leave the shop: the centre has no column for them.
  const auditColumns = (await chain.admin<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'audit_items'")).map((c) => c.column_name);
  expect(auditColumns).toEqual(expect.arrayContaining(['camera_id', 'kind', 'answer', 'answered_at']));
  expect(auditColumns.filter((c) => c.startsWith('picture') || c === 'expires_at')).toEqual([]);
  const answers = await chain.admin<{ answer: string; kind: string }>('SELECT answer, kind FROM audit_items WHERE store_id = $1 ORDER BY id', [storeId]);
  expect(answers).toEqual([
    { answer: 'right', kind: 'crossing' },
    { answer: 'not_a_person', kind: 'crossing' },
    { answer: 'right', kind: 'crossing' },
    { answer: 'missed_one', kind: 'no_crossing' },
  ]);
  const [metric] = await chain.admin<{ answers: number; true_positives: number; false_positives: number; false_negatives: number; precision_score: string }>(
    `SELECT a.answers, a.true_positives, a.false_positives, a.false_negatives, p.precision_score FROM audit_metrics a
     JOIN model_performance_metrics p ON p.store_id = a.store_id AND p.id = a.performance_metric_id WHERE a.store_id = $1`,
    [storeId],
  );
  expect(metric).toMatchObject({ answers: 4, true_positives: 2, false_positives: 1, false_negatives: 1 });
  expect(Number(metric?.precision_score)).toBeCloseTo(66.67, 2);
  // Live performance columns (0015) and drift per camera, generated from drift_features.
  const [live] = await chain.admin<{ latency_p95_ms: string; frames_dropped: string; execution_provider: string }>(
    // The sampler's row (business rows name their camera too, without a sample interval).
    "SELECT latency_p95_ms, frames_dropped, execution_provider FROM model_performance_metrics WHERE store_id = $1 AND camera_id = 'door' AND sample_interval_s IS NOT NULL",
    [storeId],
  );
  expect([Number(live?.latency_p95_ms), Number(live?.frames_dropped), live?.execution_provider]).toEqual([77.25, 6, 'cpu']);
  const drift = await chain.admin('SELECT drift_kind, camera_id, model_version, drift_severity, is_alerted FROM model_drift_metrics WHERE store_id = $1 AND camera_id IS NOT NULL', [storeId]);
  expect(drift).toEqual([{ drift_kind: 'drift', camera_id: 'door', model_version: VERSIONS[0], drift_severity: 'high', is_alerted: true }]);
  // Sales, business figures, experiment design and intervals.
  const sales = await chain.admin<{ hour: Date; revenue: string; transactions: number }>('SELECT hour, revenue, transactions FROM sales_hourly WHERE store_id = $1 ORDER BY hour', [storeId]);
  expect(sales.map((r) => [r.hour.toISOString(), Number(r.revenue), r.transactions])).toEqual([
    ['2026-11-21T09:00:00.000Z', 100.5, 4],
    ['2026-11-21T10:00:00.000Z', 210, 7],
  ]);
  const business = await chain.admin<{ visitors: number; camera_id: string }>('SELECT camera_id, visitors FROM model_business_metrics WHERE store_id = $1 ORDER BY id', [storeId]);
  const localBusiness = db.prepare('SELECT camera_id, visitors FROM model_business_metrics ORDER BY id').all();
  expect(business.length).toBeGreaterThan(0);
  expect(business).toEqual(localBusiness);
  const [design] = await chain.admin('SELECT baseline_version, challenger_version, mode, camera_ids FROM ab_experiment_designs WHERE store_id = $1', [storeId]);
  expect(design).toEqual({ baseline_version: VERSIONS[0], challenger_version: '0.1.0', mode: 'shadow', camera_ids: ['door'] });
  const intervals = await chain.admin('SELECT arm, unit, frames, false_negatives FROM ab_interval_metrics WHERE store_id = $1 ORDER BY arm', [storeId]);
  expect(intervals).toEqual([
    { arm: 'baseline', unit: 'door', frames: '300', false_negatives: 0 },
    { arm: 'challenger', unit: 'door', frames: '300', false_negatives: 2 },
  ]);
  expect(await chain.admin('SELECT baseline_found, challenger_found FROM ab_truth_matches WHERE store_id = $1', [storeId])).toEqual([{ baseline_found: true, challenger_found: false }]);
}
