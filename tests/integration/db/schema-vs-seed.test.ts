import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SqliteDatabase } from '../../../src/engine/db/open-database';
import { sharedMigratedDb, tableNames } from './db-test-helpers';
import { enumValues, parseSeed, type SeedColumn, type SeedTable } from './seed-ddl-parser';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// The project's own copy of the seed document: the schema is checked against it.
const seedPath = new URL('docs/seed-ai-model-data-integration.md', `file://${repoRoot}`);
const seed = parseSeed(fs.readFileSync(seedPath, 'utf8'));

const ARCHIVES = {
  inference_results_archive: 'model_inference_results',
  performance_metrics_archive: 'model_performance_metrics',
  ab_results_archive: 'ab_testing_results',
} as const;

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
interface ForeignKey {
  table: string;
  from: string;
  to: string;
  on_delete: string;
}
interface IndexListRow {
  name: string;
  unique: number;
  partial: number;
}
interface IndexColumn {
  name: string | null;
  desc: number;
  key: number;
}

const db = sharedMigratedDb();

const normalise = (sql: string): string =>
  sql.replace(/\s+/g, ' ').replace(/\bTRUE\b/gi, '1').replace(/\bFALSE\b/gi, '0').trim().toLowerCase();

function tableSql(database: SqliteDatabase, table: string): string {
  return database.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as string;
}

function columnsOf(table: string): ColumnInfo[] {
  return db.prepare('SELECT * FROM pragma_table_info(?)').all(table) as ColumnInfo[];
}

function keyColumns(index: string): IndexColumn[] {
  return (db.prepare('SELECT * FROM pragma_index_xinfo(?)').all(index) as IndexColumn[]).filter((c) => c.key === 1);
}

/** Column lists of every UNIQUE index (incl. the implicit ones) of a table. */
function uniqueColumnSets(table: string): string[][] {
  return (db.prepare('SELECT * FROM pragma_index_list(?)').all(table) as IndexListRow[])
    .filter((i) => i.unique === 1 && i.partial === 0)
    .map((i) => keyColumns(i.name).map((c) => c.name ?? ''));
}

const SQLITE_TYPE: Record<string, string> = {
  SERIAL: 'INTEGER',
  INTEGER: 'INTEGER',
  TEXT: 'TEXT',
  VARCHAR: 'TEXT',
  DECIMAL: 'REAL',
  BOOLEAN: 'INTEGER',
  TIMESTAMP: 'TEXT',
  JSONB: 'TEXT',
};

/** Columns whose DECIMAL(5,2) holds a 0..100 percentage (improvements may be negative). */
const isPercentScore = (c: SeedColumn): boolean =>
  c.type === 'DECIMAL(5,2)' && /(accuracy|precision|recall|f1|_percent|_rate)/.test(c.name) && !/improvement/.test(c.name);

function expectedDefault(seedDefault: string): string {
  if (seedDefault === 'CURRENT_TIMESTAMP') return "strftime('%y-%m-%dt%h:%m:%fz', 'now')";
  if (seedDefault === 'TRUE') return '1';
  if (seedDefault === 'FALSE') return '0';
  return seedDefault.toLowerCase();
}

describe('schema vs seed document', () => {
  it('parses the whole seed (17 tables, 16 indexes)', () => {
    expect(seed.tables).toHaveLength(17);
    expect(seed.indexes).toHaveLength(16);
    expect(seed.tables.find((t) => t.name === 'ai_models')?.columns).toHaveLength(24);
  });

  it('has the 17 seed tables, users and the three archives', () => {
    const names = tableNames(db);
    for (const t of seed.tables) expect(names).toContain(t.name);
    for (const t of ['users', ...Object.keys(ARCHIVES), 'schema_migrations']) expect(names).toContain(t);
  });

  describe.each(seed.tables.map((t): [string, SeedTable] => [t.name, t]))('%s', (name, table) => {
    const sql = normalise(tableSql(db, name));
    const columns = new Map(columnsOf(name).map((c) => [c.name, c]));

    it.each(table.columns.map((c): [string, SeedColumn] => [c.name, c]))('column %s', (_col, column) => {
      const actual = columns.get(column.name);
      expect(actual, `missing column ${name}.${column.name}`).toBeDefined();
      if (!actual) return;
      const baseType = column.type.replace(/\(.*$/, '');
      expect(actual.type).toBe(SQLITE_TYPE[baseType]);
      if (column.primaryKey) expect(actual.pk).toBe(1);
      if (column.notNull) expect(actual.notnull, `${column.name} must be NOT NULL`).toBe(1);
      if (column.default !== null) {
        expect(actual.dflt_value, `${column.name} lost its DEFAULT`).not.toBeNull();
        expect(normalise(actual.dflt_value ?? '')).toBe(expectedDefault(column.default));
      }
      const c = column.name;
      if (baseType === 'JSONB') expect(sql).toContain(`json_valid(${c})`);
      if (baseType === 'BOOLEAN') expect(sql).toContain(`check (${c} in (0, 1))`);
      if (baseType === 'TIMESTAMP') expect(sql).toContain(`check (${c} = strftime('%y-%m-%dt%h:%m:%fz', ${c}))`);
      if (column.type === 'DECIMAL(3,2)') expect(sql).toContain(`check (${c} between 0 and 1)`);
      if (isPercentScore(column)) expect(sql).toContain(`check (${c} between 0 and 100)`);
      const values = enumValues(column);
      if (values) {
        const match = new RegExp(`\\b${c} in \\(([^)]*)\\)`).exec(sql);
        expect(match, `${c} needs CHECK IN (${values.join(', ')})`).not.toBeNull();
        expect(match?.[1]?.split(',').map((v) => v.trim().replace(/'/g, ''))).toEqual(values);
      } else if (baseType === 'VARCHAR') {
        const limit = /\((\d+)\)/.exec(column.type)?.[1];
        expect(sql).toMatch(new RegExp(`length\\(${c}\\) (<= ${limit}|between 1 and ${limit})`));
      }
    });

    const references = table.columns.filter((c) => c.references);
    it.runIf(references.length > 0)('foreign keys', () => {
      const fks = db.prepare('SELECT * FROM pragma_foreign_key_list(?)').all(name) as ForeignKey[];
      for (const column of references) {
        const fk = fks.find((f) => f.from === column.name);
        expect(fk, `missing FOREIGN KEY ${name}.${column.name}`).toBeDefined();
        expect({ table: fk?.table, column: fk?.to }).toEqual(column.references);
      }
    });

    const uniques = [...table.columns.filter((c) => c.unique).map((c) => c.name), ...table.uniques.map((u) => u.join(','))];
    it.runIf(uniques.length > 0)('unique constraints', () => {
      const sets = uniqueColumnSets(name).map((s) => s.join(','));
      expect(uniques.filter((u) => !sets.includes(u))).toEqual([]);
    });
  });

  // Migration 0014 drops the seed indexes Footfall's queries do not need (storage that fits, issue 11).
  const DROPPED_SEED_INDEXES = [
    'idx_inference_results_quality', 'idx_detection_results_confidence', 'idx_tracking_results_status', 'idx_inference_results_model_timestamp',
  ];
  it('drops only the seed indexes 0014 names, and those are gone', () => {
    expect(DROPPED_SEED_INDEXES.every((n) => seed.indexes.some((i) => i.name === n))).toBe(true);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN (${DROPPED_SEED_INDEXES.map(() => '?').join(',')})`).all(...DROPPED_SEED_INDEXES)).toEqual([]);
  });

  it.each(seed.indexes.filter((i) => !DROPPED_SEED_INDEXES.includes(i.name)).map((i) => [i.name, i] as const))('index %s', (indexName, index) => {
    const listed = (db.prepare('SELECT * FROM pragma_index_list(?)').all(index.table) as IndexListRow[]).find((i) => i.name === indexName);
    expect(listed, `missing index ${indexName} on ${index.table}`).toBeDefined();
    expect(keyColumns(indexName).map((c) => ({ name: c.name, desc: c.desc === 1 }))).toEqual(index.columns);
    expect(listed?.partial).toBe(index.where ? 1 : 0);
    if (index.where) {
      const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?").pluck().get(indexName) as string;
      expect(normalise(sql.slice(sql.search(/\bWHERE\b/i) + 5))).toBe(normalise(index.where));
    }
  });

  it('keeps the retention foreign-key policy: detections/tracks cascade, counting events survive', () => {
    const onDelete = (table: string, from: string): string | undefined =>
      (db.prepare('SELECT * FROM pragma_foreign_key_list(?)').all(table) as ForeignKey[]).find((f) => f.from === from)?.on_delete;
    expect(onDelete('detection_results', 'inference_id')).toBe('CASCADE');
    expect(onDelete('tracking_results', 'inference_id')).toBe('CASCADE');
    expect(onDelete('tracking_results', 'detection_id')).toBe('CASCADE');
    expect(onDelete('counting_results', 'inference_id')).toBe('SET NULL');
    expect(onDelete('counting_results', 'detection_id')).toBe('SET NULL');
  });

  it.each(Object.entries(ARCHIVES))('%s has every column of %s plus archived_at, and no UNIQUE or FK', (archive, source) => {
    const archiveColumns = columnsOf(archive);
    const sourceColumns = columnsOf(source);
    expect(archiveColumns.map((c) => c.name)).toEqual([...sourceColumns.map((c) => c.name), 'archived_at']);
    for (const s of sourceColumns) expect(archiveColumns.find((a) => a.name === s.name)?.type).toBe(s.type);
    expect(uniqueColumnSets(archive)).toEqual([]);
    expect(db.prepare('SELECT * FROM pragma_foreign_key_list(?)').all(archive)).toEqual([]);
    const indexed = (db.prepare('SELECT * FROM pragma_index_list(?)').all(archive) as IndexListRow[]).map((i) => keyColumns(i.name)[0]?.name);
    expect(indexed).toContain('id');
  });

  it('users has the columns the app relies on', () => {
    expect(columnsOf('users').map((c) => c.name)).toEqual(['id', 'username', 'display_name', 'email', 'role', 'created_at', 'updated_at']);
    expect(uniqueColumnSets('users').map((s) => s.join(','))).toContain('username');
  });
});
