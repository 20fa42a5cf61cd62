import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { requestNames, type Handlers } from './contract';
import { dispatch } from './dispatch';
import type { Caller } from './roles';
import { MAX_PAYLOAD_BYTES, parseJsonPayload } from './validate';

/** Role checks have their own tests (tests/integration/access/roles.test.ts): these run as an admin. */
const ADMIN: Caller = { user: { id: 1, username: 'admin', role: 'admin' }, role: 'admin', transport: 'internal', address: 'test' };

/** Handlers that record every call: a validation failure must never reach one. */
function spyHandlers(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    requestNames.map((name) => [
      name,
      vi.fn(() => {
        calls.push(name);
        return [];
      }),
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('dispatch validates before any service runs', () => {
  const cases: Array<[string, string, unknown]> = [
    ['wrong type', 'models:versions', { modelId: 42 }],
    ['missing field', 'models:versions', {}],
    ['huge string', 'models:versions', { modelId: 'x'.repeat(100_000) }],
    ['unknown key', 'cameras:list', { extra: true }],
    ['__proto__ key', 'counts:recent', JSON.parse('{"__proto__": {"polluted": true}}') as unknown],
    ['nested __proto__', 'settings:set', JSON.parse('{"key": "a", "value": {"x": {"__proto__": {"p": 1}}}}') as unknown],
    ['constructor key', 'counts:recent', { constructor: { prototype: {} } }],
    ['array instead of object', 'counts:summary', [1, 2, 3]],
    ['number out of range', 'counts:recent', { limit: 1_000_000 }],
    ['non-integer', 'counts:recent', { limit: 1.5 }],
    ['bad enum', 'counts:summary', { bucket: 'minute' }],
    ['bad timestamp', 'counts:summary', { from: 'yesterday' }],
    ['null input', 'app:info', null],
    ['string input', 'app:info', 'hello'],
    ['bad settings key', 'settings:set', { key: '../etc', value: 1 }],
  ];

  it.each(cases)('%s → VALIDATION, handler not called', async (_label, name, payload) => {
    const { handlers, calls } = spyHandlers();
    const r = await dispatch(handlers, name, payload, ADMIN);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toMatch(new RegExp(`^invalid input for ${name}`));
      expect(r.error.message.length).toBeLessThan(600);
    }
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('unknown request names are refused', async () => {
    const { handlers, calls } = spyHandlers();
    const r = await dispatch(handlers, 'fs:readFile', { path: '/etc/passwd' }, ADMIN);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_REQUEST' } });
    expect(calls).toEqual([]);
  });

  it('a valid payload reaches exactly its handler, with defaults applied', async () => {
    const { handlers, calls } = spyHandlers();
    const r = await dispatch(handlers, 'counts:recent', {}, ADMIN);
    expect(r.ok).toBe(true);
    expect(calls).toEqual(['counts:recent']);
    expect(vi.mocked(handlers['counts:recent'])).toHaveBeenCalledWith({ limit: 50 }, ADMIN);
  });

  it('handler errors become envelopes with their code, not exceptions', async () => {
    const { handlers } = spyHandlers();
    handlers['models:versions'] = () => {
      throw Object.assign(new Error('no model "x"\nstack details'), { code: 'NOT_FOUND' });
    };
    const r = await dispatch(handlers, 'models:versions', { modelId: 'x' }, ADMIN);
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'no model "x"' } });
  });

  it('random JSON never throws and never reaches a handler unless it is valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...requestNames), fc.jsonValue(), async (name, payload) => {
        const { handlers, calls } = spyHandlers();
        const r = await dispatch(handlers, name, payload, ADMIN);
        if (!r.ok) {
          expect(['VALIDATION', 'UNKNOWN_REQUEST']).toContain(r.error.code);
          expect(calls).toEqual([]);
        } else {
          expect(calls).toEqual([name]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseJsonPayload', () => {
  it.each([
    ['{', 'malformed JSON'],
    ['{"a":}', 'malformed JSON'],
    ['x'.repeat(MAX_PAYLOAD_BYTES + 1), 'payload larger than'],
  ])('%#: rejects with a VALIDATION error', (text, message) => {
    const r = parseJsonPayload(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain(message);
    }
  });

  it('empty body is an empty input', () => {
    expect(parseJsonPayload('')).toEqual({ ok: true, value: {} });
  });
});
