import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../db/open-database';
import type { SalesHourDto } from '../../shared/requests-sales';

/** A stored hour of the till (sales_hourly, migration 0016_sales); camera_id '' = the whole store. */
export interface SalesRow {
  id: number;
  hour: string;
  camera_id: string;
  transactions: number;
  revenue: number;
  source_file: string;
  import_id: string;
  imported_at: string;
}

export const toSalesHourDto = (r: SalesRow): SalesHourDto => ({
  hour: r.hour,
  cameraId: r.camera_id === '' ? null : r.camera_id,
  transactions: r.transactions,
  revenue: r.revenue,
  sourceFile: r.source_file,
  importId: r.import_id,
  importedAt: r.imported_at,
});

/** Statements prepared once per connection (as repositoriesFor does for the others). */
export class SalesRepository {
  private readonly sameScope: Statement;
  private readonly otherScope: Statement;
  private readonly upsertStmt: Statement;
  private readonly rangeAll: Statement;
  private readonly rangeCamera: Statement;

  constructor(readonly db: SqliteDatabase) {
    this.sameScope = db.prepare('SELECT * FROM sales_hourly WHERE hour = ? AND camera_id = ?');
    this.otherScope = db.prepare("SELECT * FROM sales_hourly WHERE hour = @hour AND (CASE WHEN @camera = '' THEN camera_id <> '' ELSE camera_id = '' END) LIMIT 1");
    this.upsertStmt = db.prepare(`
      INSERT INTO sales_hourly (hour, camera_id, transactions, revenue, source_file, import_id, imported_at)
      VALUES (@hour, @camera, @transactions, @revenue, @source, @importId, @at)
      ON CONFLICT (hour, camera_id) DO UPDATE SET transactions = excluded.transactions, revenue = excluded.revenue,
        source_file = excluded.source_file, import_id = excluded.import_id, imported_at = excluded.imported_at`);
    this.rangeAll = db.prepare('SELECT * FROM sales_hourly WHERE hour >= ? AND hour < ? ORDER BY hour, camera_id');
    this.rangeCamera = db.prepare('SELECT * FROM sales_hourly WHERE hour >= ? AND hour < ? AND camera_id = ? ORDER BY hour');
  }

  get(hour: string, cameraId: string): SalesRow | undefined {
    return this.sameScope.get(hour, cameraId) as SalesRow | undefined;
  }

  /** A row of the same hour in the other scope (store-wide vs a camera's): both would count twice. */
  conflictingScope(hour: string, cameraId: string): SalesRow | undefined {
    return this.otherScope.get({ hour, camera: cameraId }) as SalesRow | undefined;
  }

  upsert(r: { hour: string; cameraId: string; transactions: number; revenue: number; sourceFile: string; importId: string; importedAt: string }): void {
    this.upsertStmt.run({ hour: r.hour, camera: r.cameraId, transactions: r.transactions, revenue: r.revenue, source: r.sourceFile, importId: r.importId, at: r.importedAt });
  }

  /**
   * Hours in [from, to) (UTC ISO): of one camera's till (`cameraId`), or every row when left out
   * (store-wide rows and each camera's; an hour never holds both, see conflictingScope).
   */
  range(from: string, to: string, cameraId?: string): SalesRow[] {
    return (cameraId === undefined ? this.rangeAll.all(from, to) : this.rangeCamera.all(from, to, cameraId)) as SalesRow[];
  }
}

const cache = new WeakMap<SqliteDatabase, SalesRepository>();

export function salesRepositoryFor(db: SqliteDatabase): SalesRepository {
  let repo = cache.get(db);
  if (!repo) {
    repo = new SalesRepository(db);
    cache.set(db, repo);
  }
  return repo;
}
