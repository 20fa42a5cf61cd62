import { requiredRole, type Handlers, type RequestName } from './contract';
import { toFailure, ok, fail, type Result } from './result';
import { roleAllows, type Caller } from './roles';
import { validateInput } from './validate';

/** What a caller who must change their password may still do. */
const WHILE_PASSWORD_CHANGE_REQUIRED: ReadonlySet<string> = new Set(['auth:me', 'auth:logout', 'auth:changePassword']);

/**
 * Validates, checks the caller's role, then runs one request against a handler object. Used by
 * every binding (IPC, HTTP, engine port, CLI) so they behave identically: this is the one place
 * where a request's role (declared in the contract) is enforced, so no handler can forget it.
 * Refusals: UNAUTHENTICATED (no session; HTTP 401), FORBIDDEN (role too low; HTTP 403),
 * PASSWORD_CHANGE_REQUIRED (HTTP 403).
 */
export async function dispatch(handlers: Handlers, name: string, raw: unknown, caller: Caller): Promise<Result<unknown>> {
  const input = validateInput(name, raw);
  if (!input.ok) {
    // Unknown names stay UNKNOWN_REQUEST; a known request's shape is only revealed to those allowed it.
    if (input.error.code === 'UNKNOWN_REQUEST') return input;
  }
  const required = requiredRole(name as RequestName);
  if (!roleAllows(caller.role, required)) {
    return caller.role === null
      ? fail('UNAUTHENTICATED', 'sign in first')
      : fail('FORBIDDEN', `${name} needs the ${required} role (you are ${caller.role})`);
  }
  if (caller.mustChangePassword && !WHILE_PASSWORD_CHANGE_REQUIRED.has(name)) {
    return fail('PASSWORD_CHANGE_REQUIRED', 'choose a new password first');
  }
  if (!input.ok) return input;
  try {
    const handler = handlers[name as RequestName] as (i: unknown, c: Caller) => unknown;
    return ok(await handler(input.value, caller));
  } catch (err) {
    return toFailure(err);
  }
}
