import type { Statement } from 'better-sqlite3';
import { DbError } from './db-error';
import { insertSql } from './insert-sql';
import type { SqliteDatabase } from './open-database';
import type { ColumnMap, TableMapper } from './table-mapper';

export interface TableStoreOptions<T, K extends keyof T> {
  /** The unique field rows are looked up, updated and deleted by. */
  key: K;
  /** Fields an insert may set (ids and trigger-maintained columns are left out). */
  insertable: ReadonlyArray<keyof T>;
  /** Fields an update may change (natural keys and created_at are left out). */
  updatable: ReadonlyArray<keyof T>;
}

/** Insert input: the required fields, plus any other field except the generated ones. */
export type NewRow<T, Required extends keyof T, Generated extends keyof T> = Pick<T, Required> &
  Partial<Omit<T, Required | Generated>>;

/** Every mapped field except the listed ones (e.g. id and trigger-maintained columns). */
export function fieldsExcept<T>(columns: ColumnMap<T>, except: ReadonlyArray<keyof T>): Array<keyof T> {
  return (Object.keys(columns) as Array<keyof T>).filter((f) => !except.includes(f));
}

/** Drops undefined entries so `{...current, ...patch}` keeps what the patch does not mention. */
export function definedOnly<T extends object>(patch: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Insert / get / update / delete for one table by one unique key, with every statement prepared
 * once. An omitted optional field on insert means "use the column's DEFAULT" (see insertSql).
 */
export class TableStore<T extends object, K extends keyof T> {
  private readonly insertStmt: Statement;
  private readonly byRowid: Statement;
  private readonly byKey: Statement;
  private readonly updateStmt: Statement | null;
  private readonly deleteStmt: Statement;
  private readonly keyColumn: string;

  constructor(
    private readonly db: SqliteDatabase,
    readonly mapper: TableMapper<T>,
    private readonly opts: TableStoreOptions<T, K>,
  ) {
    const table = mapper.table;
    this.keyColumn = mapper.columnOf(opts.key);
    this.insertStmt = db.prepare(insertSql(db, table, opts.insertable.map((f) => mapper.columnOf(f)), 'named'));
    this.byRowid = db.prepare(`SELECT * FROM ${table} WHERE rowid = ?`);
    this.byKey = db.prepare(`SELECT * FROM ${table} WHERE ${this.keyColumn} = ?`);
    const sets = opts.updatable.map((f) => `${mapper.columnOf(f)} = @${mapper.columnOf(f)}`);
    // Append-only tables (metrics, results) have nothing to update.
    this.updateStmt = sets.length === 0 ? null : db.prepare(`UPDATE ${table} SET ${sets.join(', ')} WHERE ${this.keyColumn} = @where_key`);
    this.deleteStmt = db.prepare(`DELETE FROM ${table} WHERE ${this.keyColumn} = ?`);
  }

  insert(values: Partial<T>): T {
    const info = this.insertStmt.run(this.mapper.toParams(values, this.opts.insertable));
    return this.mapper.fromRow(this.byRowid.get(info.lastInsertRowid));
  }

  get(key: T[K]): T | undefined {
    const row = this.byKey.get(key);
    return row === undefined ? undefined : this.mapper.fromRow(row);
  }

  require(key: T[K]): T {
    const found = this.get(key);
    if (!found) throw new DbError('NOT_FOUND', `${this.mapper.table}: no row with ${this.keyColumn} = ${String(key)}`);
    return found;
  }

  /** Read-merge-write in one transaction; undefined patch fields keep their value, null clears. */
  update(key: T[K], patch: Partial<T>): T {
    const stmt = this.updateStmt;
    if (!stmt) throw new DbError('INVALID_INPUT', `${this.mapper.table} rows are not updatable`);
    return this.db.transaction(() => {
      const merged = { ...this.require(key), ...definedOnly(patch) };
      stmt.run({ ...this.mapper.toParams(merged, this.opts.updatable), where_key: key });
      return this.require(key);
    })();
  }

  delete(key: T[K]): boolean {
    return this.deleteStmt.run(key).changes > 0;
  }
}
