/**
 * One prepared plan per forwarded table: which columns travel (those the shop's table and the
 * central table both have), how the shop reads them, and the central upsert
 *
 *   INSERT INTO t (store_id, sync_seq, synced_at, cols…)
 *   SELECT $1, u.sync_seq, now(), u.cols… FROM unnest($2::int8[], $3::…[], …) AS u(sync_seq, cols…)
 *   ON CONFLICT (store_id, key…) DO UPDATE SET … WHERE t.sync_seq < EXCLUDED.sync_seq
 *
 * One statement and one array per column, whatever the batch size: the server parses it once per
 * batch and the rows travel as compact array literals.
 */
import type { SqliteDatabase } from '../db/open-database';
import type { CentralClient } from './central-connection';
import { describePgError, type ServerContext } from './pg-errors';
import { SyncError } from './sync-error';
import { CENTRAL_ONLY_COLUMNS, SYNCED_TABLES, type SyncedTable } from './synced-tables';

export interface PlanColumn {
  name: string;
  /** PostgreSQL type name (udt_name): int4, int8, numeric, bool, jsonb, timestamptz, varchar, text… */
  udt: string;
}

export interface UpsertPlan {
  table: string;
  key: readonly string[];
  columns: PlanColumn[];
  /** Local read of the given rows (ids as a JSON array). */
  selectSql: string;
  upsertSql: string;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const NUL = '\u0000';
// A \u0000 escape in JSON text (not an escaped backslash followed by "u0000").
const JSON_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** Columns whose shop values need converting on the way (see toCentralValue). */
export function needsConversion(udt: string): boolean {
  return udt === 'bool' || udt === 'int8' || udt === 'text' || udt === 'varchar' || udt === 'jsonb';
}

/**
 * The shop's values as the central column types want them: SQLite has no boolean, and its text may
 * hold NUL, which PostgreSQL text and jsonb refuse; one such string must never stop a shop's outbox,
 * so NUL becomes U+FFFD (the replacement character).
 */
export function toCentralValue(value: unknown, udt: string): unknown {
  if (value === null || value === undefined) return null;
  if (udt === 'bool') return value !== 0 && value !== '0' && value !== false;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') {
    if (udt === 'jsonb') return value.includes('\\u0000') ? value.replace(JSON_NUL, '$1\\ufffd') : value;
    return value.includes(NUL) ? value.split(NUL).join('\ufffd') : value;
  }
  return value;
}

export function buildPlan(spec: SyncedTable, columns: PlanColumn[]): UpsertPlan {
  const names = columns.map((c) => c.name);
  for (const k of spec.key) if (!names.includes(k)) throw new SyncError('SYNC_SCHEMA_MISSING', `${spec.table}.${k} is missing at the centre or in the shop`);
  const q = names.map(quote);
  const arrays = columns.map((c, i) => `$${i + 3}::${c.udt}[]`);
  const updates = [
    'sync_seq = EXCLUDED.sync_seq',
    'synced_at = EXCLUDED.synced_at',
    ...q.filter((_, i) => !spec.key.includes(names[i]!)).map((c) => `${c} = EXCLUDED.${c}`),
  ];
  const table = quote(spec.table);
  return {
    table: spec.table,
    key: spec.key,
    columns,
    // rowid: the id of every forwarded table but ab_experiment_designs (keyed by experiment_id).
    selectSql: `SELECT rowid AS "__row_id", ${q.join(', ')} FROM ${table} WHERE rowid IN (SELECT value FROM json_each(?))`,
    upsertSql:
      `INSERT INTO ${table} AS t (store_id, sync_seq, synced_at, ${q.join(', ')}) ` +
      `SELECT $1, u.sync_seq, now(), ${q.map((c) => `u.${c}`).join(', ')} ` +
      `FROM unnest($2::int8[], ${arrays.join(', ')}) AS u(sync_seq, ${q.join(', ')}) ` +
      `ON CONFLICT (store_id, ${spec.key.map(quote).join(', ')}) DO UPDATE SET ${updates.join(', ')} ` +
      'WHERE t.sync_seq < EXCLUDED.sync_seq',
  };
}

interface CentralColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
}

/** Plans for every forwarded table, from the central schema as it is and the shop's as it is. */
export async function loadPlans(db: SqliteDatabase, client: CentralClient, ctx: ServerContext): Promise<Map<string, UpsertPlan>> {
  let rows: CentralColumnRow[];
  try {
    rows = (
      await client.query<CentralColumnRow>(
        `SELECT table_name, column_name, udt_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY table_name, ordinal_position`,
        [SYNCED_TABLES.map((t) => t.table)],
      )
    ).rows;
  } catch (err) {
    throw describePgError(err, ctx);
  }
  const plans = new Map<string, UpsertPlan>();
  const localColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck();
  for (const spec of SYNCED_TABLES) {
    const local = new Set(localColumns.all(spec.table) as string[]);
    if (local.size === 0) continue; // a table this shop's schema does not have (yet)
    const central = rows.filter((r) => r.table_name === spec.table && !CENTRAL_ONLY_COLUMNS.includes(r.column_name));
    if (central.length === 0) {
      throw new SyncError('SYNC_SCHEMA_MISSING', `the central database has no table ${spec.table}: run "footfall sync init --pg URL" (a newer Footfall may need a newer central schema)`);
    }
    const columns = central.filter((c) => local.has(c.column_name)).map((c) => ({ name: c.column_name, udt: c.udt_name }));
    plans.set(spec.table, buildPlan(spec, columns));
  }
  return plans;
}
