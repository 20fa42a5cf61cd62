/**
 * Boundary validation: every payload from another process (IPC, HTTP, WebSocket, CLI) passes
 * here before any service runs.
 */
import type { z } from 'zod';
import { requests, isRequestName, type ParsedInput, type RequestName } from './contract';
import { fail, ok, type Result } from './result';

/** Payloads larger than this are refused before parsing their structure. */
export const MAX_PAYLOAD_BYTES = 1_000_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/** Finds a prototype-polluting key or excessive nesting anywhere in a parsed JSON value. */
function findUnsafeKey(value: unknown, path: string, depth: number): string | null {
  if (depth > MAX_DEPTH) return `${path || '(root)'}: nested deeper than ${MAX_DEPTH}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnsafeKey(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `${path ? `${path}.` : ''}${key}: forbidden key`;
      const hit = findUnsafeKey((value as Record<string, unknown>)[key], `${path ? `${path}.` : ''}${key}`, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

export function validateInput<K extends RequestName>(name: K, raw: unknown): Result<ParsedInput<K>>;
export function validateInput(name: string, raw: unknown): Result<unknown>;
export function validateInput(name: string, raw: unknown): Result<unknown> {
  if (!isRequestName(name)) return fail('UNKNOWN_REQUEST', `unknown request "${String(name).slice(0, 100)}"`);
  const input = raw === undefined ? {} : raw;
  const unsafe = findUnsafeKey(input, '', 0);
  if (unsafe) return fail('VALIDATION', `invalid input for ${name}: ${unsafe}`, [{ path: unsafe.split(':')[0] ?? '', message: 'forbidden' }]);
  const schema: z.ZodType = requests[name].input;
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
    const first = issues[0];
    return fail('VALIDATION', `invalid input for ${name}: ${first ? `${first.path}: ${first.message}` : 'rejected'}`, issues);
  }
  return ok(parsed.data);
}

/** Parses a JSON text payload with a size limit; malformed JSON is a VALIDATION error. */
export function parseJsonPayload(text: string): Result<unknown> {
  if (text.length > MAX_PAYLOAD_BYTES) return fail('VALIDATION', `payload larger than ${MAX_PAYLOAD_BYTES} bytes`);
  if (text.trim() === '') return ok({});
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (err) {
    return fail('VALIDATION', `malformed JSON: ${err instanceof Error ? err.message : 'parse error'}`);
  }
}
