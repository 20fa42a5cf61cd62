import { describe, expect, it } from 'vitest';
import { requests } from '../../../src/shared/contract';
import {
  BUCKET_SIZES,
  CAMERA_SOURCE_KINDS,
  MODEL_TYPES,
  PIPELINE_STAGES,
  REVIEW_DECISIONS,
  SCHEMA_ENUMS,
  TRAINING_STATUSES,
  isOneOf,
} from '../../../src/shared/enums';
import { sharedMigratedDb } from './db-test-helpers';

// The one definition of each value list (src/shared/enums.ts) against the CHECK constraints of
// the schema every migration builds: each list matches its CHECK, and no CHECK has a list of its
// own that the shared enums do not know.

const db = sharedMigratedDb();

interface CheckList {
  key: string;
  values: string[];
}

/** Every `column IN ('a', 'b', …)` of every table of the migrated schema, by `table.column`. */
function checkLists(): CheckList[] {
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string; sql: string }>;
  const out: CheckList[] = [];
  for (const t of tables) {
    const sql = t.sql.replace(/\s+/g, ' ');
    for (const m of sql.matchAll(/\b(\w+) IN \(([^)]*)\)/gi)) {
      const items = m[2]!.split(',').map((v) => v.trim());
      // Boolean columns (IN (0, 1)) are not value lists.
      if (!items.every((v) => /^'[^']*'$/.test(v))) continue;
      out.push({ key: `${t.name}.${m[1]!}`, values: items.map((v) => v.slice(1, -1)) });
    }
  }
  return out;
}

const sorted = (values: readonly string[]): string[] => [...values].sort();

describe('shared enums vs the CHECK constraints of the migrated schema', () => {
  const found = checkLists();
  const byKey = new Map(found.map((c) => [c.key, c.values]));

  it('finds the CHECK lists of the schema', () => {
    // A parser that found nothing would make the two checks below pass vacuously.
    expect(found.length).toBeGreaterThanOrEqual(Object.keys(SCHEMA_ENUMS).length);
    expect(byKey.get('camera_health_samples.state')).toEqual(['connecting', 'live', 'stalled', 'reconnecting', 'failed', 'stopped']);
  });

  it.each(Object.entries(SCHEMA_ENUMS))('%s matches its CHECK', (key, values) => {
    const check = byKey.get(key);
    expect(check, `no CHECK (… IN (…)) on ${key}: remove it from SCHEMA_ENUMS or add the CHECK`).toBeDefined();
    expect(new Set(values).size, `${key} lists a value twice`).toBe(values.length);
    expect(sorted(check ?? [])).toEqual(sorted(values));
  });

  it('every CHECK list of the schema has a shared enum', () => {
    const missing = found.filter((c) => !(c.key in SCHEMA_ENUMS)).map((c) => `${c.key} IN (${c.values.join(', ')})`);
    expect(missing, 'add these lists to SCHEMA_ENUMS in src/shared/enums.ts').toEqual([]);
  });
});

describe('the contract validates with the same lists', () => {
  const accepts = (name: keyof typeof requests, input: Record<string, unknown>): boolean => requests[name].input.safeParse(input).success;
  const promote = (through: string): Record<string, unknown> => ({ modelId: 'm', version: '1.0.0', through });

  it.each([
    ['models:promote through', PIPELINE_STAGES, promote],
    ['models:rollback modelType', MODEL_TYPES, (modelType: string) => ({ modelType, reason: 'r' })],
    ['models:review decision', REVIEW_DECISIONS, (decision: string) => ({ modelId: 'm', version: '1.0.0', decision, reviewer: 'lan' })],
    ['models:training status', TRAINING_STATUSES, (status: string) => ({ modelId: 'm', path: '/x.csv', status })],
    ['counts:summary bucket', BUCKET_SIZES, (bucket: string) => ({ bucket })],
  ] as const)('%s', (label, list, input) => {
    const name = label.split(' ')[0] as keyof typeof requests;
    for (const value of list) expect(accepts(name, input(value)), `${label} refuses ${value}`).toBe(true);
    expect(accepts(name, input('bogus'))).toBe(false);
  });

  it('cameras:add takes every source kind and no other', () => {
    const shape = requests['cameras:add'].input;
    const kinds = CAMERA_SOURCE_KINDS.filter((k) => shape.safeParse({ name: 'Door', url: '/dev/video0', sourceKind: k }).error?.issues.every((i) => i.path[0] !== 'sourceKind') ?? true);
    expect(kinds).toEqual([...CAMERA_SOURCE_KINDS]);
    expect(shape.safeParse({ name: 'Door', url: '/dev/video0', sourceKind: 'bogus' }).error?.issues.some((i) => i.path[0] === 'sourceKind')).toBe(true);
  });

  it('isOneOf narrows only list members', () => {
    expect(isOneOf(MODEL_TYPES, 'detection')).toBe(true);
    expect(isOneOf(MODEL_TYPES, 'Detection')).toBe(false);
    expect(isOneOf(MODEL_TYPES, 42)).toBe(false);
  });
});
