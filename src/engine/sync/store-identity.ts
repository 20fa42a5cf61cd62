/**
 * Which store this database is in the chain. The chain admin registers each shop (a stores row
 * naming the shop's role); the shop adopts that store on its first push, so nobody has to copy a
 * store id by hand. With the admin's own role (a single-shop setup, tests) the shop's generated
 * id is registered instead.
 */
import type { SqliteDatabase } from '../db/open-database';
import { SettingsRepository } from '../db/repositories/settings-repository';
import type { CentralClient } from './central-connection';
import { describePgError, type ServerContext } from './pg-errors';
import { SyncError } from './sync-error';

export interface StoreIdentity {
  storeId: string;
  storeName: string;
}

export const STORE_ID_SETTING = 'sync.store_id';
export const STORE_NAME_SETTING = 'sync.store_name';

export function localStoreIdentity(db: SqliteDatabase): StoreIdentity {
  const settings = new SettingsRepository(db);
  const id = settings.getValue(STORE_ID_SETTING, null);
  const name = settings.getValue(STORE_NAME_SETTING, null);
  if (typeof id !== 'string' || id.length === 0) throw new SyncError('SYNC_INVALID_INPUT', `setting ${STORE_ID_SETTING} is missing; run "footfall db migrate"`);
  return { storeId: id, storeName: typeof name === 'string' && name ? name : id };
}

function adopt(db: SqliteDatabase, store: StoreIdentity): StoreIdentity {
  const settings = new SettingsRepository(db);
  db.transaction(() => {
    settings.set(STORE_ID_SETTING, store.storeId);
    settings.set(STORE_NAME_SETTING, store.storeName);
  })();
  return store;
}

function hasSentBefore(db: SqliteDatabase): boolean {
  return db.prepare('SELECT last_success_at IS NOT NULL FROM sync_state WHERE id = 1').pluck().get() === 1;
}

interface StoreRow {
  store_id: string;
  store_name: string;
}

export async function resolveStore(db: SqliteDatabase, client: CentralClient, ctx: ServerContext): Promise<StoreIdentity> {
  const local = localStoreIdentity(db);
  const role = ctx.user ?? '(this role)';
  try {
    const mine = (await client.query<StoreRow>('SELECT store_id, store_name FROM stores WHERE db_role = current_user')).rows[0];
    if (mine) {
      if (mine.store_id === local.storeId) return { storeId: mine.store_id, storeName: mine.store_name };
      if (hasSentBefore(db)) {
        throw new SyncError(
          'SYNC_STORE_MISMATCH',
          `this database has sent its data as store "${local.storeId}", but the server registers role "${role}" for store "${mine.store_id}"; use that store's own role, or ask the chain admin to fix the stores row`,
        );
      }
      return adopt(db, { storeId: mine.store_id, storeName: mine.store_name });
    }
    const known = (await client.query<StoreRow>('SELECT store_id, store_name FROM stores WHERE store_id = $1', [local.storeId])).rows[0];
    if (known) return { storeId: known.store_id, storeName: known.store_name };
    await client.query('INSERT INTO stores (store_id, store_name) VALUES ($1, $2) ON CONFLICT (store_id) DO NOTHING', [local.storeId, local.storeName]);
    return local;
  } catch (err) {
    const why = describePgError(err, ctx);
    if (why.code === 'SYNC_PERMISSION_DENIED') {
      throw new SyncError(
        'SYNC_STORE_UNKNOWN',
        `the server has no store registered for role "${role}"; the chain admin registers it with: INSERT INTO stores (store_id, store_name, time_zone, db_role) VALUES ('${local.storeId}', '${local.storeName.replace(/'/g, "''")}', 'UTC', '${role.replace(/'/g, "''")}')`,
        false,
        err,
      );
    }
    throw why;
  }
}
