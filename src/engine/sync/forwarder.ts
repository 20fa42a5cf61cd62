/**
 * One forwarding session over one connection: checks the central schema, settles which store this
 * is, then sends the outbox batch by batch. Each batch is one central transaction
 *
 *   BEGIN; SET LOCAL footfall.store_id and synchronous_commit; advisory lock per store;
 *   one upsert per table; progress row; COMMIT
 *
 * and only after COMMIT has returned are its entries deleted from the shop's outbox. A failure at
 * any point leaves them there to be sent again; sending them again changes nothing at the centre
 * (same keys, not newer), so nothing is lost and nothing is applied twice.
 */
import { nowIso } from '../../shared/timestamps';
import type { SqliteDatabase } from '../db/open-database';
import { closeCentral, connectCentral, type CentralClient } from './central-connection';
import { assertCentralSchema } from './central-migrate';
import { markBatchSent, readOutboxBatch, type OutboxBatch } from './outbox-batch';
import { describePgError, type ServerContext } from './pg-errors';
import { alignOutboxSequence } from './sequence-continuity';
import type { ServerConfig } from './server-config';
import { resolveStore, type StoreIdentity } from './store-identity';
import { SyncError } from './sync-error';
import { loadPlans, type UpsertPlan } from './upsert-plan';

export const DEFAULT_BATCH_ENTRIES = 5000;

export interface BatchProgress {
  batch: number;
  /** Outbox entries this batch covered. */
  entries: number;
  /** Rows sent (after de-duplication). */
  rows: number;
  /** Rows the centre inserted or updated (a row it already had at that version is not counted). */
  applied: number;
  /** Entries whose row was deleted in the shop before it could be sent. */
  gone: number;
  lastSeq: number;
}

export interface PushResult {
  storeId: string;
  batches: number;
  entries: number;
  rows: number;
  applied: number;
  gone: number;
  /** True when the database was found behind the centre (restored) and its sequence moved on. */
  sequenceMoved: boolean;
}

export interface PushOptions {
  batchEntries?: number;
  /** Called after each committed batch (progress lines, tests). */
  onBatch?: (progress: BatchProgress) => void | Promise<void>;
  /** Checked between batches: stop early (engine shutdown). */
  shouldStop?: () => boolean;
  now?: () => string;
}

// synchronous_commit on for this transaction whatever the server's default: with it off, COMMIT
// returns before the WAL is written, a server crash then loses the batch, and the shop would have
// deleted it from its outbox already.
const LOCK_AND_SCOPE =
  "SELECT set_config('footfall.store_id', $1, true), set_config('synchronous_commit', 'on', true), pg_advisory_xact_lock(hashtextextended('footfall.sync:' || $1, 0))";
const PROGRESS = `
INSERT INTO store_sync_progress AS p (store_id, last_seq, rows_received, last_batch_at) VALUES ($1, $2, $3, now())
ON CONFLICT (store_id) DO UPDATE SET last_seq = greatest(p.last_seq, EXCLUDED.last_seq),
  rows_received = p.rows_received + EXCLUDED.rows_received, last_batch_at = EXCLUDED.last_batch_at`;

export class Forwarder {
  private constructor(
    private readonly db: SqliteDatabase,
    private readonly client: CentralClient,
    private readonly ctx: ServerContext,
    readonly store: StoreIdentity,
    private readonly plans: Map<string, UpsertPlan>,
    readonly sequenceMoved: boolean,
  ) {}

  static async open(db: SqliteDatabase, config: ServerConfig): Promise<Forwarder> {
    const client = await connectCentral(config);
    try {
      await assertCentralSchema(client, config.context);
      const store = await resolveStore(db, client, config.context);
      const lastSeq = await Forwarder.centralLastSeq(client, config.context, store.storeId);
      const moved = alignOutboxSequence(db, lastSeq);
      const plans = await loadPlans(db, client, config.context);
      return new Forwarder(db, client, config.context, store, plans, moved);
    } catch (err) {
      await closeCentral(client);
      throw err;
    }
  }

  private static async centralLastSeq(client: CentralClient, ctx: ServerContext, storeId: string): Promise<number> {
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('footfall.store_id', $1, true)", [storeId]);
      const row = (await client.query<{ last_seq: string }>('SELECT last_seq FROM store_sync_progress WHERE store_id = $1', [storeId])).rows[0];
      await client.query('COMMIT');
      return row ? Number(row.last_seq) : 0;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw describePgError(err, ctx);
    }
  }

  /** Sends the next batch; null when the outbox is empty. */
  async pushBatch(batchEntries = DEFAULT_BATCH_ENTRIES, now: () => string = nowIso): Promise<BatchProgress | null> {
    const batch = readOutboxBatch(this.db, this.plans, batchEntries);
    if (!batch) return null;
    const applied = await this.sendBatch(batch);
    markBatchSent(this.db, batch, now());
    return { batch: 0, entries: batch.entries, rows: batch.rows, applied, lastSeq: batch.lastSeq, gone: batch.gone };
  }

  private async sendBatch(batch: OutboxBatch): Promise<number> {
    const store = this.store.storeId;
    let applied = 0;
    let table: string | null = null;
    try {
      await this.client.query('BEGIN');
      await this.client.query(LOCK_AND_SCOPE, [store]);
      for (const t of batch.tables) {
        table = t.plan.table;
        const result = await this.client.query(t.plan.upsertSql, [store, t.seqs, ...t.columns]);
        applied += result.rowCount ?? 0;
      }
      table = null;
      await this.client.query(PROGRESS, [store, batch.lastSeq, batch.rows]);
      await this.client.query('COMMIT');
      return applied;
    } catch (err) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      const why = describePgError(err, this.ctx);
      // Which table the centre refused says where to look (the batch stays in the outbox).
      if (why.transient || table === null) throw why;
      throw new SyncError(why.code, `${why.message} [table ${table}, outbox entries up to ${batch.lastSeq}]`, false, err);
    }
  }

  /** Sends batches until the outbox is empty (or shouldStop says so). */
  async pushAll(o: PushOptions = {}): Promise<PushResult> {
    const result: PushResult = { storeId: this.store.storeId, batches: 0, entries: 0, rows: 0, applied: 0, gone: 0, sequenceMoved: this.sequenceMoved };
    for (;;) {
      if (o.shouldStop?.()) return result;
      const sent = await this.pushBatch(o.batchEntries, o.now);
      if (!sent) return result;
      result.batches += 1;
      result.entries += sent.entries;
      result.rows += sent.rows;
      result.applied += sent.applied;
      result.gone += sent.gone;
      await o.onBatch?.({ ...sent, batch: result.batches });
    }
  }

  private closing: Promise<void> | null = null;

  /** Idempotent: the engine's shutdown and the session's own end may both call it. */
  close(): Promise<void> {
    this.closing ??= closeCentral(this.client);
    return this.closing;
  }
}
