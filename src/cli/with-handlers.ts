import type { Handlers, RequestInput, RequestName, RequestOutput } from '../shared/contract';
import { AccessService } from '../engine/access/access-service';
import { auditedHandlers } from '../engine/access/audited-handlers';
import { openMigratedDatabase } from '../engine/db/open-migrated-database';
import { repositoriesFor } from '../engine/db/repositories';
import { ensureDefaultModel } from '../engine/registry/ensure-model';
import { EventBus } from '../engine/wiring/event-bus';
import type { EngineContext } from '../engine/wiring/engine-context';
import { contractCall } from './contract-call';

export type Call = <K extends RequestName>(name: K, input: RequestInput<K>) => Promise<RequestOutput<K>>;

/**
 * Runs a command's requests through the handlers the app uses, validated by the same contract
 * (dispatch), over the database file opened the way the app's first start does: migrated, with
 * the bundled default model registered and in production. Calls run as the machine's owner, so
 * the audit log and the who-columns name that account.
 */
export async function withHandlers<T>(dbPath: string, make: (ctx: EngineContext) => Partial<Handlers>, fn: (call: Call) => Promise<T>): Promise<T> {
  const db = openMigratedDatabase(dbPath);
  try {
    await ensureDefaultModel(db);
    const ctx: EngineContext = { db, repos: repositoriesFor(db), events: new EventBus(), host: 'serve', dbPath };
    const access = new AccessService(db, ctx.repos);
    return await fn(contractCall(auditedHandlers(make(ctx) as Handlers, access), access.ownerCaller()));
  } finally {
    db.close();
  }
}
