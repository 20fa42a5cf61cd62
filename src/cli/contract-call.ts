import type { Handlers, RequestName, RequestOutput } from '../shared/contract';
import { dispatch } from '../shared/dispatch';
import type { Caller } from '../shared/roles';
import { CliError } from './output';

/**
 * Who the CLI's calls come from: the machine's owner, who can open the database file and so may
 * do anything with it; there is no session on the command line. Commands that have the database
 * open pass `AccessService.ownerCaller()` instead, so their changes are recorded as that owner's
 * account (`local:<name>`) in the who-columns and the audit log.
 */
export const CLI_CALLER: Caller = { user: null, role: 'admin', transport: 'cli', address: 'cli' };

export type ContractCall = <K extends RequestName>(name: K, input: unknown) => Promise<RequestOutput<K>>;

/**
 * Runs requests of the contract the way every other binding does: validated by the request's zod
 * schema and role-checked in dispatch(), then handled by the same handlers the app uses. A failure
 * becomes a CliError with the envelope's code (one line on stderr, exit 1).
 */
export function contractCall(handlers: Partial<Handlers>, caller: Caller = CLI_CALLER): ContractCall {
  return async <K extends RequestName>(name: K, input: unknown): Promise<RequestOutput<K>> => {
    const r = await dispatch(handlers as Handlers, name, input, caller);
    if (!r.ok) throw new CliError(r.error.code, r.error.message);
    return r.value as RequestOutput<K>;
  };
}
