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
 *
 * `estimateGrowth` is the same method cheap enough to poll (the Health page): dbstat and count(*)
 * read every page, seconds on a file of a few million rows, and the engine's thread — the one the
 * cameras count on — would wait for them. Instead, per table, the rows of the window are found by
 * a binary search over the rowid (rows are appended in time order, so rowid order is time order:
 * rows ≈ max(rowid) − first rowid in the window + 1), and the bytes per row are measured on the
 * newest 256 rows (their column bytes, the same for each index's columns, plus SQLite's per-row
 * and per-entry overhead, over an 85 % page fill). A few dozen index seeks per table: under a
 * millisecond on any size of file. Tables are timed by `created_at` (or `sampled_at`); what
 * retention deleted in the window (retention_runs) is taken off the detections, tracks and health
 * samples; archived rows are moved, not deleted, so their table counts what was written and the
 * archives themselves are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
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

// --- the cheap estimate (Health page) --------------------------------------------------------

export interface GrowthEstimate {
  method: string;
  windowDays: number;
  /** Days the rows of the window span (≤ windowDays; at least an hour). */
  spanDays: number;
  /** Written per day, before what retention removed. */
  addedBytesPerDay: number;
  /** Per table written less deleted (at least 0), summed. */
  bytesPerDay: number;
  tables: Array<{ table: string; rowsInWindow: number; rowsRemoved: number; avgRowBytes: number; bytesPerDay: number }>;
}

const SAMPLE_ROWS = 256;
/** Row header, rowid and cell pointer per table row; per index entry the rowid and the same. */
const ROW_OVERHEAD = 12;
const PAGE_FILL = 0.85;

function timeColumnOf(columns: readonly string[]): string | null {
  if (columns.includes('created_at')) return 'created_at';
  if (columns.includes('sampled_at')) return 'sampled_at';
  return null;
}

const bytesOf = (cols: readonly string[]): string => (cols.length === 0 ? '0' : cols.map((c) => `ifnull(length(CAST(${quote(c)} AS BLOB)), 0)`).join(' + '));

/** Rows of the window and their bytes for one table, by index seeks and a small sample. */
function tableGrowth(db: SqliteDatabase, table: string, since: string): { rows: number; first: string | null; avgRowBytes: number } | null {
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
  const time = timeColumnOf(columns);
  if (!time) return null;
  const t = quote(table);
  const bounds = db.prepare(`SELECT min(rowid) AS lo, max(rowid) AS hi FROM ${t}`).get() as { lo: number | null; hi: number | null };
  if (bounds.lo === null || bounds.hi === null) return null;
  const indexes = db.prepare("SELECT name FROM pragma_index_list(?) WHERE origin <> 'pk'").pluck().all(table) as string[];
  const indexCols = indexes.map((ix) => (db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(ix) as Array<string | null>).filter((c): c is string => c !== null));
  const perRow = `${bytesOf(columns)} + ${ROW_OVERHEAD}${indexCols.map((cols) => ` + ${bytesOf(cols)} + ${ROW_OVERHEAD}`).join('')}`;
  const sample = db.prepare(`SELECT avg(${perRow}) FROM (SELECT * FROM ${t} ORDER BY rowid DESC LIMIT ${SAMPLE_ROWS})`).pluck().get() as number | null;
  const avgRowBytes = Math.round((sample ?? 0) / PAGE_FILL);
  const at = db.prepare(`SELECT rowid AS id, ${quote(time)} AS t FROM ${t} WHERE rowid >= ? ORDER BY rowid LIMIT 1`);
  const newest = at.get(bounds.hi) as { id: number; t: string | null };
  if (!newest.t || newest.t < since) return { rows: 0, first: null, avgRowBytes };
  // The first row of the window: the smallest rowid whose row is inside it (rowid order is time order).
  let lo = bounds.lo;
  let hi = bounds.hi;
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const row = at.get(mid) as { id: number; t: string | null };
    if (row.t !== null && row.t >= since) hi = mid;
    else lo = row.id + 1;
  }
  const first = at.get(lo) as { id: number; t: string };
  return { rows: bounds.hi - first.id + 1, first: first.t, avgRowBytes };
}

/**
 * Rows retention deletes for good from each table (retention_runs of the window), by the run's
 * column. The archived tables are not here: their rows move to an archive (about the same bytes),
 * so what the file keeps of them is what was written; and the archives are not counted as written
 * (a move is not growth).
 */
const DELETED_BY_RETENTION: Record<string, string> = {
  detection_results: 'detection_results_deleted',
  tracking_results: 'tracking_results_deleted',
  camera_health_samples: 'health_samples_deleted',
};
const ARCHIVES = new Set(['inference_results_archive', 'performance_metrics_archive', 'ab_results_archive']);

/**
 * Bytes per day the stored data grows, estimated without reading the file (see the header): per
 * table, what was written in the window, less what retention deleted of it in the window (never
 * below zero: a run catching up on months of history shrinks the file, which is not a rate).
 */
export function estimateGrowth(db: SqliteDatabase, now = new Date()): GrowthEstimate {
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY_MS).toISOString();
  const names = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const deletedCols = Object.values(DELETED_BY_RETENTION);
  const deleted = names.includes('retention_runs')
    ? (db.prepare(`SELECT ${deletedCols.map((c) => `ifnull(sum(${c}), 0) AS ${c}`).join(', ')} FROM retention_runs WHERE started_at >= ?`).get(since) as Record<string, number>)
    : {};
  let oldest = now.getTime();
  const tables: GrowthEstimate['tables'] = [];
  for (const table of names) {
    if (ARCHIVES.has(table)) continue;
    const g = tableGrowth(db, table, since);
    if (!g) continue;
    const col = DELETED_BY_RETENTION[table];
    const rowsRemoved = col ? (deleted[col] ?? 0) : 0;
    if (g.rows === 0 && rowsRemoved === 0) continue;
    if (g.first) oldest = Math.min(oldest, Date.parse(g.first));
    tables.push({ table, rowsInWindow: g.rows, rowsRemoved, avgRowBytes: g.avgRowBytes, bytesPerDay: 0 });
  }
  const spanMs = Math.min(WINDOW_DAYS * DAY_MS, Math.max(MIN_SPAN_MS, now.getTime() - oldest));
  const spanDays = spanMs / DAY_MS;
  for (const t of tables) t.bytesPerDay = Math.round((Math.max(0, t.rowsInWindow - t.rowsRemoved) * t.avgRowBytes) / spanDays);
  tables.sort((a, b) => b.bytesPerDay - a.bytesPerDay || a.table.localeCompare(b.table));
  return {
    method: `per table, rows written in the last ${WINDOW_DAYS} days less those retention deleted (archived rows are kept, moved), × bytes per row of the newest ${SAMPLE_ROWS}, per day of the span they cover (estimated without reading the whole file)`,
    windowDays: WINDOW_DAYS,
    spanDays: Math.round(spanDays * 1000) / 1000,
    addedBytesPerDay: tables.reduce((a, t) => a + Math.round((t.rowsInWindow * t.avgRowBytes) / spanDays), 0),
    bytesPerDay: tables.reduce((a, t) => a + t.bytesPerDay, 0),
    tables,
  };
}

export interface FileSizes {
  sizeBytes: number;
  walBytes: number;
  pageSize: number;
  pageCount: number;
  /** Pages inside the file that hold nothing (reused by new rows before the file grows). */
  freePages: number;
  autoVacuum: 'none' | 'full' | 'incremental';
}

/** Sizes from the file system and three pragmas: constant time. */
export function fileSizes(db: SqliteDatabase, file: string): FileSizes {
  const av = db.pragma('auto_vacuum', { simple: true }) as number;
  return {
    sizeBytes: fileSize(file),
    walBytes: fileSize(`${file}-wal`),
    pageSize: db.pragma('page_size', { simple: true }) as number,
    pageCount: db.pragma('page_count', { simple: true }) as number,
    freePages: db.pragma('freelist_count', { simple: true }) as number,
    autoVacuum: av === 1 ? 'full' : av === 2 ? 'incremental' : 'none',
  };
}

/** Free and total bytes of the volume holding `file` (for the unprivileged user); null when unknown. */
export function diskSpace(file: string): { freeBytes: number; totalBytes: number } | null {
  try {
    const s = fs.statfsSync(path.dirname(path.resolve(file)));
    return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    return null;
  }
}

/** Days until the disk is full at this growth; null when nothing grows (or nothing is known). */
export function daysUntilFull(freeBytes: number | null | undefined, bytesPerDay: number): number | null {
  if (freeBytes === null || freeBytes === undefined || !(bytesPerDay > 0)) return null;
  return Math.round((freeBytes / bytesPerDay) * 10) / 10;
}
