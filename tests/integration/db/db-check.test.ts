import { describe, expect, it } from 'vitest';
import { checkDatabase } from '../../../src/engine/db/db-check';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/engine/db/migrations';
import { insertRow, migratedDb, openTempDb } from './db-test-helpers';

describe('checkDatabase', () => {
  it('reports a fresh migrated file as ok at the latest version', () => {
    const { db } = migratedDb();
    const check = checkDatabase(db);
    expect(check).toMatchObject({
      ok: true,
      integrity: ['ok'],
      foreignKeyViolations: [],
      schemaVersion: LATEST_SCHEMA_VERSION,
      latestVersion: LATEST_SCHEMA_VERSION,
      problems: [],
    });
    expect(check.tables).toEqual(expect.arrayContaining(['ai_models', 'users', 'inference_results_archive', 'cameras', 'schema_migrations']));
  });

  it('flags an unmigrated and a partly migrated file', () => {
    expect(checkDatabase(openTempDb().db)).toMatchObject({ ok: false, schemaVersion: 0, tables: [] });
    const partial = checkDatabase(migratedDb(MIGRATIONS.slice(0, 2)).db);
    expect(partial).toMatchObject({ ok: false, schemaVersion: 2 });
    expect(partial.problems.join()).toContain(`expected ${LATEST_SCHEMA_VERSION}`);
  });

  it('finds rows that break a foreign key (written while enforcement was off)', () => {
    const { db } = migratedDb();
    db.pragma('foreign_keys = OFF');
    const rowid = insertRow(db, 'model_versions', { model_id: 'ghost', version_number: '1.0.0' });
    db.pragma('foreign_keys = ON');
    const check = checkDatabase(db);
    expect(check.ok).toBe(false);
    expect(check.foreignKeyViolations).toEqual([{ table: 'model_versions', rowid, parent: 'ai_models' }]);
  });
});
