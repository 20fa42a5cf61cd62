/**
 * `footfall db stats`: how big the file is, where the bytes are, and how fast it grows.
 *
 * Bytes per table come from SQLite's `dbstat` virtual table (every page of every b-tree, the
 * table's indexes counted with it); a build without dbstat falls back to an estimate: the used
 * pages shared out by each table's share of the rows (`bytesExact: false`).
 *
 * Growth: for the largest tables that have a `created_at` column, the rows created in the last 7
 * days times the table's average bytes per row, divided by the days those rows span (7, or less
 * for a younger database — at least one hour, so a brand-new file does not report nonsense).
 * Summed over those tables; tables without created_at are left out (they are the small ones).
 */
import fs from 'node:fs';
import type { SqliteDatabase } from './open-database';

export interface TableStats {
  name: string;
  rows: number;
  /** Pages of the table and its indexes × page size. */
  bytes: number;
}

export interface GrowthTable {
  table: string;
  rowsInWindow: number;
  avgRowBytes: number;
  bytesPerDay: number;
}

export interface DbStats {
  file: string;
  sizeBytes: number;
  walBytes: number;
  pageSize: number;
  pageCount: number;
  freePages: number;
  /** true: bytes per table from dbstat; false: estimated from row shares. */
  bytesExact: boolean;
  tables: TableStats[];
  growth: {
    method: string;
    windowDays: number;
    /** Days the rows of the window actually span (≤ windowDays). */
    spanDays: number;
    bytesPerDay: number;
    tables: GrowthTable[];
  };
}

const WINDOW_DAYS = 7;
const GROWTH_TABLES = 5;
const DAY_MS = 86_400_000;
const MIN_SPAN_MS = 3_600_000;

const fileSize = (f: string): number => {
  try {
    return fs.statSync(f).size;
  } catch {
    return 0;
  }
};

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

function bytesFromDbstat(db: SqliteDatabase): Map<string, number> | null {
  try {
    const rows = db
      .prepare(
        `SELECT coalesce(s.tbl_name, d.name) AS tbl, sum(d.pgsize) AS bytes
           FROM dbstat AS d LEFT JOIN sqlite_schema AS s ON s.name = d.name
          GROUP BY tbl`,
      )
      .all() as Array<{ tbl: string; bytes: number }>;
    return new Map(rows.map((r) => [r.tbl, r.bytes]));
  } catch {
    return null; // SQLite built without SQLITE_ENABLE_DBSTAT_VTAB
  }
}

export function databaseStats(db: SqliteDatabase, file: string, now = new Date()): DbStats {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pageCount = db.pragma('page_count', { simple: true }) as number;
  const freePages = db.pragma('freelist_count', { simple: true }) as number;
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const rows = new Map(names.map((n) => [n, db.prepare(`SELECT count(*) FROM ${quote(n)}`).pluck().get() as number]));
  const exact = bytesFromDbstat(db);
  const totalRows = [...rows.values()].reduce((a, b) => a + b, 0);
  const usedBytes = (pageCount - freePages) * pageSize;
  const tables: TableStats[] = names
    .map((name) => ({
      name,
      rows: rows.get(name)!,
      bytes: exact ? (exact.get(name) ?? 0) : totalRows === 0 ? 0 : Math.round((usedBytes * rows.get(name)!) / totalRows),
    }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));

  const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS).toISOString();
  const growthTables: GrowthTable[] = [];
  let oldest = now.getTime();
  for (const t of tables.filter((t) => t.rows > 0).slice(0, GROWTH_TABLES)) {
    const hasCreatedAt = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t.name) as string[]).includes('created_at');
    if (!hasCreatedAt) continue;
    const r = db.prepare(`SELECT count(*) AS n, min(created_at) AS first FROM ${quote(t.name)} WHERE created_at >= ?`).get(since) as { n: number; first: string | null };
    if (r.first) oldest = Math.min(oldest, Date.parse(r.first));
    growthTables.push({ table: t.name, rowsInWindow: r.n, avgRowBytes: Math.round(t.bytes / t.rows), bytesPerDay: 0 });
  }
  const spanMs = Math.min(WINDOW_DAYS * DAY_MS, Math.max(MIN_SPAN_MS, now.getTime() - oldest));
  const spanDays = spanMs / DAY_MS;
  for (const g of growthTables) g.bytesPerDay = Math.round((g.rowsInWindow * g.avgRowBytes) / spanDays);
  return {
    file,
    sizeBytes: fileSize(file),
    walBytes: fileSize(`${file}-wal`),
    pageSize,
    pageCount,
    freePages,
    bytesExact: exact !== null,
    tables,
    growth: {
      method: `rows created in the last ${WINDOW_DAYS} days × average bytes per row, per day of the span they cover, over the ${GROWTH_TABLES} largest tables with created_at`,
      windowDays: WINDOW_DAYS,
      spanDays: Math.round(spanDays * 1000) / 1000,
      bytesPerDay: growthTables.reduce((a, g) => a + g.bytesPerDay, 0),
      tables: growthTables,
    },
  };
}
