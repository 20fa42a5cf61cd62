import { DbError } from './db-error';

/** A value that survives JSON.stringify → JSON.parse unchanged. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const MAX_DEPTH = 64;

/**
 * Explains why `value` is not plain JSON, or returns null. JSON.stringify alone is too forgiving
 * for stored data: it turns NaN into null, drops functions, turns a Date into a string and array
 * holes into null, so what comes back out of the column would differ from what went in.
 */
export function jsonProblem(value: unknown, path = '$', depth = 0, seen = new Set<object>()): string | null {
  if (depth > MAX_DEPTH) return `${path}: nested deeper than ${MAX_DEPTH}`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path}: ${value} is not a finite number`;
  if (typeof value !== 'object') return `${path}: a ${typeof value} is not JSON`;
  if (seen.has(value)) return `${path}: circular reference`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value) || value[i] === undefined) return `${path}[${i}]: undefined is not JSON`;
        const problem = jsonProblem(value[i], `${path}[${i}]`, depth + 1, seen);
        if (problem) return problem;
      }
      return null;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return `${path}: a ${value.constructor.name} is not a plain JSON object`;
    for (const [key, item] of Object.entries(value)) {
      // An undefined property is simply absent in JSON, which is what optional fields mean.
      if (item === undefined) continue;
      const problem = jsonProblem(item, `${path}.${key}`, depth + 1, seen);
      if (problem) return problem;
    }
    return null;
  } finally {
    seen.delete(value);
  }
}

/** Serialises a value for a JSON column; null/undefined become SQL NULL. */
export function toJsonText(value: unknown, column: string): string | null {
  if (value === null || value === undefined) return null;
  const problem = jsonProblem(value);
  if (problem) throw new DbError('INVALID_JSON', `${column}: ${problem}`);
  return JSON.stringify(value);
}

/** Parses a JSON column on the way out; a corrupt value is an error, not a silent null. */
export function fromJsonText(text: unknown, column: string): JsonValue | null {
  if (text === null || text === undefined) return null;
  if (typeof text !== 'string') throw new DbError('INVALID_JSON', `${column}: stored value is not text`);
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new DbError('INVALID_JSON', `${column}: stored value is not valid JSON`, err);
  }
}
