/**
 * Chain-sync figures for `npm run bench`: what the outbox costs the counting hot path, how many
 * counting events per second the forwarder sends to a PostgreSQL on this machine, and how long the
 * backlog of one offline week of a busy four-camera shop takes to drain. The server is a throwaway
 * cluster with PostgreSQL's default durability (fsync on), and the shop pushes as a shop role, so
 * row-level security is part of the figure. Skipped, with the reason, without PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { toIso } from '../../shared/timestamps';
import { MIGRATIONS } from '../db/migrations';
import { openMigratedDatabase } from '../db/open-migrated-database';
import type { SqliteDatabase } from '../db/open-database';
import { ResultWriter } from '../db/result-writer';
import type { FrameResult } from '../db/result-rows';
import { createEphemeralSecretBox } from '../secrets/aes-gcm-secret-box';
import { connectCentral } from '../sync/central-connection';
import { migrateCentral } from '../sync/central-migrate';
import { configureSync } from '../sync/configure-sync';
import { drainOutbox } from '../sync/drain';
import { enableOutbox } from '../sync/outbox-enable';
import { serverConfigFromUrl } from '../sync/server-config';
import { findPgBinaries, startThrowawayPostgres } from './throwaway-postgres';

/** A busy shop: four door cameras, 12,500 line crossings each per day (50,000 a day in all). */
export const BUSY_SHOP = { cameras: 4, eventsPerCameraPerDay: 12_500, days: 7 } as const;

export interface SyncBenchOptions {
  /** Counting events in the offline week (default: BUSY_SHOP, 350,000). */
  weekEvents?: number;
  /** Frames written per round of the hot-path comparison (default 20,000). */
  hotPathFrames?: number;
}

export interface HotPath {
  /** Frames (each with one counting event) per second written by the ResultWriter. */
  withoutSyncSchema: number;
  outboxOff: number;
  outboxOn: number;
  /** Extra time per counting event with the outbox on, against the schema without sync. */
  addedMicrosecondsPerEvent: number;
}

export type SyncBench =
  | { skipped: string }
  | {
      postgres: number;
      hotPath: HotPath;
      week: { events: number; outboxEntries: number; rowsSent: number; drainSeconds: number; eventsPerSecond: number; batches: number };
      targets: { eventsPerSecond: number; drainSeconds: number };
    };

const MODEL = 'bench-door';

function frame(i: number, start: number, spanMs: number, events: number, cameras: number): FrameResult {
  const camera = `cam-${i % cameras}`;
  const at = toIso(new Date(start + Math.floor((i * spanMs) / events)));
  const inferenceId = `${camera}:${i}`;
  return {
    inference: { inferenceId, modelId: MODEL, modelVersion: '1.0.0', inputTimestamp: at, createdAt: at, inferenceResults: { people: 1 }, cameraId: camera, frameIndex: i },
    detections: [],
    tracks: [],
    counts: [
      {
        countingEventId: `${inferenceId}:0`,
        eventType: 'cross_line',
        direction: i % 2 === 0 ? 'in' : 'out',
        trackId: `t${i}`,
        entryPoint: { x: 384, y: 200 },
        exitPoint: { x: 390, y: 260 },
        currentCountIn: i >> 1,
        currentCountOut: i >> 1,
        eventConfidence: 0.9,
        createdAt: at,
        lineId: 1,
      },
    ],
  };
}

function writeFrames(db: SqliteDatabase, events: number, days: number, cameras: number): number {
  db.prepare("INSERT OR IGNORE INTO ai_models (model_id, model_name, model_type) VALUES (?, 'Bench door model', 'detection')").run(MODEL);
  const writer = new ResultWriter(db, { maxBatchRows: 2000 });
  const start = Date.UTC(2026, 10, 2, 8);
  const began = performance.now();
  for (let i = 0; i < events; i++) {
    writer.enqueue(frame(i, start, days * 86_400_000, events, cameras));
    if (writer.stats().queuedRows >= 2000) writer.flush();
  }
  writer.close();
  return events / ((performance.now() - began) / 1000);
}

/**
 * Best of three interleaved rounds per configuration: on a shared machine a single run says more
 * about the neighbours than about the triggers.
 */
function measureHotPath(work: string, frames: number): HotPath {
  const rate = (name: string, prepare: (db: SqliteDatabase) => void, migrations = MIGRATIONS): number => {
    const file = join(work, `${name}.db`);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const db = openMigratedDatabase(file, { migrations });
    try {
      prepare(db);
      return writeFrames(db, frames, 1, BUSY_SHOP.cameras);
    } finally {
      db.close();
    }
  };
  let withoutSyncSchema = 0;
  let outboxOff = 0;
  let outboxOn = 0;
  for (let round = 0; round < 3; round++) {
    withoutSyncSchema = Math.max(withoutSyncSchema, rate('hot-v8', () => undefined, MIGRATIONS.filter((m) => m.version < 9)));
    outboxOff = Math.max(outboxOff, rate('hot-off', () => undefined));
    outboxOn = Math.max(outboxOn, rate('hot-on', (db) => enableOutbox(db, toIso(new Date()))));
  }
  return {
    withoutSyncSchema: Math.round(withoutSyncSchema),
    outboxOff: Math.round(outboxOff),
    outboxOn: Math.round(outboxOn),
    addedMicrosecondsPerEvent: Math.round((1e6 / outboxOn - 1e6 / withoutSyncSchema) * 10) / 10,
  };
}

export async function runSyncBench(o: SyncBenchOptions = {}): Promise<SyncBench> {
  const { binaries, reason } = findPgBinaries();
  if (!binaries) return { skipped: reason };
  let cluster: Awaited<ReturnType<typeof startThrowawayPostgres>>;
  try {
    cluster = await startThrowawayPostgres();
  } catch (err) {
    return { skipped: `PostgreSQL did not start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
  const work = mkdtempSync(join(tmpdir(), 'footfall-sync-bench-'));
  try {
    const hotPath = measureHotPath(work, o.hotPathFrames ?? 20_000);

    // The centre, as a chain would set it up: schema, one shop role, its store.
    const setup = new pg.Client({ connectionString: cluster.url() });
    await setup.connect();
    await setup.query('CREATE DATABASE footfall');
    await setup.end();
    const admin = serverConfigFromUrl(cluster.url('footfall'));
    const client = await connectCentral(admin);
    await migrateCentral(client, admin.context);
    await client.query("CREATE ROLE bench_shop LOGIN PASSWORD 'bench-shop-pw' IN ROLE footfall_shop");
    await client.query("INSERT INTO stores (store_id, store_name, db_role) VALUES ('bench', 'Bench shop', 'bench_shop')");
    await client.end();

    // One offline week: everything counted while the link was down, then the link comes back.
    const events = o.weekEvents ?? BUSY_SHOP.cameras * BUSY_SHOP.eventsPerCameraPerDay * BUSY_SHOP.days;
    const shopUrl = cluster.url('footfall', 'bench_shop', 'bench-shop-pw');
    const db = openMigratedDatabase(join(work, 'week.db'));
    try {
      configureSync(db, createEphemeralSecretBox(), shopUrl, toIso(new Date()));
      writeFrames(db, events, BUSY_SHOP.days, BUSY_SHOP.cameras);
      const outboxEntries = db.prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;
      const began = performance.now();
      const sent = await drainOutbox(db, () => serverConfigFromUrl(shopUrl));
      const drainSeconds = (performance.now() - began) / 1000;
      return {
        postgres: binaries.version,
        hotPath,
        week: {
          events,
          outboxEntries,
          rowsSent: sent.rows,
          drainSeconds: Math.round(drainSeconds * 100) / 100,
          eventsPerSecond: Math.round(events / drainSeconds),
          batches: sent.batches,
        },
        targets: { eventsPerSecond: 10_000, drainSeconds: 60 },
      };
    } finally {
      db.close();
    }
  } finally {
    await cluster.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The bench's human-readable lines for these figures. */
export function describeSyncBench(r: SyncBench): string[] {
  if ('skipped' in r) return [`chain sync                    skipped: ${r.skipped}`];
  return [
    `outbox on the hot path        ${r.hotPath.outboxOn} frames/s with one counting event each (${r.hotPath.outboxOff} with sync never configured, ${r.hotPath.withoutSyncSchema} without the sync schema): +${r.hotPath.addedMicrosecondsPerEvent} µs per event`,
    `chain sync forwarding         ${r.week.eventsPerSecond} counting events/s to PostgreSQL ${r.postgres} on this machine (target ≥ ${r.targets.eventsPerSecond})`,
    `offline week, busy shop       ${r.week.events} events (${r.week.outboxEntries} outbox entries) drained in ${r.week.drainSeconds} s, ${r.week.batches} batches (target < ${r.targets.drainSeconds} s)`,
  ];
}
