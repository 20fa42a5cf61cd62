/**
 * Reads the head of the outbox as one batch, de-duplicated, and marks it sent once the centre has
 * committed it. The outbox entries and the rows they point to are read in one read transaction,
 * so each row is sent as it was at one instant, tagged with the newest change that touched it.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../db/open-database';
import { SyncError } from './sync-error';
import { SYNCED_TABLES } from './synced-tables';
import type { UpsertPlan } from './upsert-plan';
import { needsConversion, toCentralValue } from './upsert-plan';

export interface TableBatch {
  plan: UpsertPlan;
  /** sync_seq per row, then one array per plan column: the upsert's parameters after store_id. */
  seqs: number[];
  columns: unknown[][];
}

export interface OutboxBatch {
  /** Highest outbox sequence number in the batch: everything up to it is sent by this batch. */
  lastSeq: number;
  /** Outbox entries covered (several changes of one row are one row sent). */
  entries: number;
  /** Distinct rows sent. */
  rows: number;
  /** Entries whose row no longer exists in the shop (deleted after the change): nothing to send. */
  gone: number;
  tables: TableBatch[];
}

type Head = [seq: number, table: string, rowId: number];

const statements = new WeakMap<SqliteDatabase, Map<string, Statement>>();

function prepared(db: SqliteDatabase, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (stmt.reader) stmt.raw();
    cache.set(sql, stmt);
  }
  return stmt;
}

/** Rows of one table: newest change per row id, then per central key (a key may move between ids). */
function tableBatch(db: SqliteDatabase, plan: UpsertPlan, seqByRowId: Map<number, number>): { batch: TableBatch; gone: number } {
  const found = prepared(db, plan.selectSql).all(JSON.stringify([...seqByRowId.keys()])) as unknown[][];
  const keyIndexes = plan.key.map((k) => 1 + plan.columns.findIndex((c) => c.name === k));
  const single = keyIndexes.length === 1 ? keyIndexes[0]! : -1;
  // Unique in the shop already, except where SQLite lets NULLs repeat in a UNIQUE key (the centre
  // treats NULLs as equal there): two such rows in one upsert would make it fail.
  const byKey = new Map<unknown, { seq: number; row: unknown[] }>();
  for (const row of found) {
    const seq = seqByRowId.get(row[0] as number) ?? 0;
    const key = single >= 0 ? row[single] : JSON.stringify(keyIndexes.map((i) => row[i]));
    const seen = byKey.get(key);
    if (!seen || seen.seq < seq) byKey.set(key, { seq, row });
  }
  const kept = byKey.size === found.length ? found.map((row) => ({ seq: seqByRowId.get(row[0] as number) ?? 0, row })) : [...byKey.values()];
  const columns = plan.columns.map((c, i) => {
    const at = i + 1;
    return needsConversion(c.udt) ? kept.map((k) => toCentralValue(k.row[at], c.udt)) : kept.map((k) => k.row[at]);
  });
  return { batch: { plan, seqs: kept.map((k) => k.seq), columns }, gone: seqByRowId.size - found.length };
}

export function readOutboxBatch(db: SqliteDatabase, plans: ReadonlyMap<string, UpsertPlan>, limit: number): OutboxBatch | null {
  return db.transaction((): OutboxBatch | null => {
    const head = prepared(db, 'SELECT seq, table_name, row_id FROM sync_outbox ORDER BY seq LIMIT ?').all(limit) as Head[];
    if (head.length === 0) return null;
    const byTable = new Map<string, Map<number, number>>();
    for (const [seq, table, rowId] of head) {
      let rows = byTable.get(table);
      if (!rows) byTable.set(table, (rows = new Map()));
      rows.set(rowId, Math.max(seq, rows.get(rowId) ?? 0));
    }
    for (const table of byTable.keys()) {
      if (!plans.has(table)) {
        throw new SyncError('SYNC_SCHEMA_MISSING', `the outbox holds rows of ${table}, which this central database does not take: run "footfall sync init --pg URL" from a Footfall that knows it`);
      }
    }
    const tables: TableBatch[] = [];
    let gone = 0;
    let rows = 0;
    for (const spec of SYNCED_TABLES) {
      const ids = byTable.get(spec.table);
      const plan = plans.get(spec.table);
      if (!ids || !plan) continue;
      const t = tableBatch(db, plan, ids);
      gone += t.gone;
      rows += t.batch.seqs.length;
      if (t.batch.seqs.length > 0) tables.push(t.batch);
    }
    return { lastSeq: head[head.length - 1]![0], entries: head.length, rows, gone, tables };
  })();
}

/** After the centre's COMMIT: the batch's entries leave the outbox and the status says so. */
export function markBatchSent(db: SqliteDatabase, batch: OutboxBatch, at: string): void {
  db.transaction(() => {
    prepared(db, 'DELETE FROM sync_outbox WHERE seq <= ?').run(batch.lastSeq);
    prepared(
      db,
      'UPDATE sync_state SET rows_sent = rows_sent + ?, last_success_at = ?, last_error = NULL, last_error_at = NULL, consecutive_failures = 0, updated_at = ? WHERE id = 1',
    ).run(batch.rows, at, at);
  }).immediate();
}

/** Entries waiting (SQLite counts a b-tree without reading its rows: fast at any size). */
export function outboxSize(db: SqliteDatabase): number {
  return (prepared(db, 'SELECT count(*) FROM sync_outbox').get() as [number])[0];
}

/** Entries waiting per table: reads the whole outbox, so for `sync status`, not for polling. */
export function outboxByTable(db: SqliteDatabase): Record<string, number> {
  const rows = prepared(db, 'SELECT table_name, count(*) FROM sync_outbox GROUP BY table_name ORDER BY table_name').all() as Array<[string, number]>;
  return Object.fromEntries(rows);
}

export function hasBacklog(db: SqliteDatabase): boolean {
  return (prepared(db, 'SELECT EXISTS (SELECT 1 FROM sync_outbox)').get() as [number] | undefined)?.[0] === 1;
}
