import type { Statement } from 'better-sqlite3';
import { toJsonText, type JsonValue } from '../json-column';
import type { SqliteDatabase } from '../open-database';
import { col, TableMapper } from '../table-mapper';

export interface Setting {
  key: string;
  value: JsonValue;
  updatedAt: string;
}

export const settingMapper = new TableMapper<Setting>('settings', {
  key: col.text('key'),
  value: col.json('value'),
  updatedAt: col.text('updated_at'),
});

/** Key/value settings; values are any JSON (validated on the way in, parsed on the way out). */
export class SettingsRepository {
  private readonly byKey: Statement;
  private readonly all: Statement;
  private readonly upsert: Statement;
  private readonly remove: Statement;

  constructor(db: SqliteDatabase) {
    this.byKey = db.prepare('SELECT * FROM settings WHERE key = ?');
    this.all = db.prepare('SELECT * FROM settings ORDER BY key');
    // updated_at: set by the column default on insert and by the update trigger on conflict.
    this.upsert = db.prepare(
      'INSERT INTO settings (key, value, updated_by) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by',
    );
    this.remove = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  get(key: string): Setting | undefined {
    const row = this.byKey.get(key);
    return row === undefined ? undefined : settingMapper.fromRow(row);
  }

  /** The stored value, or `fallback` when the key was never set. */
  getValue(key: string, fallback: JsonValue): JsonValue {
    const stored = this.get(key);
    return stored === undefined ? fallback : stored.value;
  }

  /** `updatedBy`: the user making the change (users.id), recorded in settings.updated_by. */
  set(key: string, value: JsonValue, updatedBy: number | null = null): Setting {
    // JSON null is a legitimate setting value; toJsonText maps it to SQL NULL, so spell it out.
    this.upsert.run(key, value === null ? 'null' : toJsonText(value, `settings.${key}`), updatedBy);
    const stored = this.get(key);
    if (!stored) throw new Error(`settings: ${key} vanished after write`);
    return stored;
  }

  list(): Setting[] {
    return this.all.all().map((r) => settingMapper.fromRow(r));
  }

  delete(key: string): boolean {
    return this.remove.run(key).changes > 0;
  }
}
