import type { SqliteDatabase } from './open-database';

interface ColumnDefault {
  name: string;
  dflt_value: string | null;
}

/**
 * Builds `INSERT INTO table (cols) VALUES (...)` where binding NULL to a column that has a
 * DEFAULT applies that default. Prepared statements always bind every column, and an explicit
 * NULL would otherwise override the schema's default; the defaults are read from the schema
 * itself so they cannot drift from the migrations.
 */
export function insertSql(db: SqliteDatabase, table: string, columns: readonly string[], style: 'named' | 'positional'): string {
  const defaults = new Map(
    (db.prepare('SELECT name, dflt_value FROM pragma_table_info(?)').all(table) as ColumnDefault[]).map((c) => [c.name, c.dflt_value]),
  );
  const values = columns.map((c) => {
    if (!defaults.has(c)) throw new Error(`insertSql: ${table} has no column ${c}`);
    const param = style === 'named' ? `@${c}` : '?';
    const dflt = defaults.get(c);
    return dflt === null || dflt === undefined ? param : `COALESCE(${param}, (${dflt}))`;
  });
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')})`;
}
