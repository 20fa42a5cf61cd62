import type { Handlers } from '../../shared/contract';
import type { accessRequests } from '../../shared/requests-access';
import { AppError } from '../../shared/result';
import type { Caller } from '../../shared/roles';
import type { AccessService } from './access-service';

/** dispatch always passes the caller; a direct call without one is a programming error. */
function who(caller: Caller | undefined): Caller {
  if (!caller) throw new AppError('INTERNAL', 'no caller: access requests must go through dispatch');
  return caller;
}

/** Handlers of the sign-in, users and audit requests (src/shared/requests-access.ts). */
export function accessHandlers(access: AccessService): Pick<Handlers, keyof typeof accessRequests> {
  return {
    'auth:login': (input, caller) => access.login(input, who(caller)),
    'auth:setup': (input, caller) => access.setup(input, who(caller)),
    'auth:logout': (_input, caller) => access.logout(who(caller)),
    'auth:me': (_input, caller) => access.me(who(caller)),
    'auth:changePassword': (input, caller) => access.changePassword(input, who(caller)),
    'users:list': () => access.listUsers(),
    'users:add': (input, caller) => access.addUser(input, who(caller)),
    'users:update': (input, caller) => access.updateUser(input, who(caller)),
    'users:resetPassword': (input, caller) => access.resetPassword(input, who(caller)),
    'audit:list': ({ limit, beforeId }) => access.audit.list(limit, beforeId),
    'audit:export': ({ format }, caller) => {
      const out = access.audit.export(format);
      access.record(who(caller), { action: 'audit:export', details: { format, count: out.count } });
      return out;
    },
  };
}
