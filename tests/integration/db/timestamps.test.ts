import { describe, expect, it } from 'vitest';
import { isIsoTimestamp, nowIso, parseIso, toIso } from '../../../src/shared/timestamps';
import { migratedDb } from './db-test-helpers';

describe('timestamps: one form in TypeScript and SQLite', () => {
  it('toIso/nowIso produce exactly what SQLite stores by default', () => {
    const { db } = migratedDb();
    const sqliteNow = db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')").pluck().get() as string;
    expect(isIsoTimestamp(sqliteNow)).toBe(true);
    expect(isIsoTimestamp(nowIso())).toBe(true);
    const d = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6));
    expect(toIso(d)).toBe('2025-01-02T03:04:05.006Z');
    expect(db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ?)").pluck().get(toIso(d))).toBe(toIso(d));
    expect(parseIso(toIso(d)).getTime()).toBe(d.getTime());
  });

  it.each(['2025-01-02 03:04:05', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05.006+07:00', '2025-02-30T00:00:00.000Z', 'yesterday'])(
    'rejects %s',
    (value) => {
      expect(isIsoTimestamp(value)).toBe(false);
      expect(() => parseIso(value)).toThrow(RangeError);
    },
  );

  it('refuses dates SQLite could not store in the same form', () => {
    expect(() => toIso(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => toIso(new Date(Date.UTC(10000, 0, 1)))).toThrow(RangeError);
  });
});
