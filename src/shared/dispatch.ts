import type { Handlers, RequestName } from './contract';
import { toFailure, ok, type Result } from './result';
import { validateInput } from './validate';

/**
 * Validates then runs one request against a handler object. Used by every binding (IPC, HTTP,
 * engine port, CLI) so they behave identically.
 */
export async function dispatch(handlers: Handlers, name: string, raw: unknown): Promise<Result<unknown>> {
  const input = validateInput(name, raw);
  if (!input.ok) return input;
  try {
    const handler = handlers[name as RequestName] as (i: unknown) => unknown;
    return ok(await handler(input.value));
  } catch (err) {
    return toFailure(err);
  }
}
