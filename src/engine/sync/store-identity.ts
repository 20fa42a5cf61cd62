/**
 * Which store this database is in the chain (settings sync.store_id / sync.store_name). The chain
 * admin registers each shop (a stores row naming the shop's role); the shop adopts that store on
 * its first push, so nobody copies a store id by hand. With a role no store names (the admin's own
 * role: a single-shop setup, tests) the shop registers itself under a generated id.
 */
import { randomBytes } from 'node:crypto';
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

/** The identity this database has pushed under, or null before its first push. */
export function localStoreIdentity(db: SqliteDatabase): StoreIdentity | null {
  const settings = new SettingsRepository(db);
  const id = settings.getValue(STORE_ID_SETTING, null);
  if (typeof id !== 'string' || id.length === 0) return null;
  const name = settings.getValue(STORE_NAME_SETTING, null);
  return { storeId: id, storeName: typeof name === 'string' && name ? name : id };
}

function remember(db: SqliteDatabase, store: StoreIdentity): StoreIdentity {
  const current = localStoreIdentity(db);
  if (current?.storeId === store.storeId && current.storeName === store.storeName) return store;
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
  const proposed = local ?? { storeId: `shop-${randomBytes(6).toString('hex')}`, storeName: 'Footfall shop' };
  try {
    const mine = (await client.query<StoreRow>('SELECT store_id, store_name FROM stores WHERE db_role = current_user')).rows[0];
    if (mine) {
      if (local && mine.store_id !== local.storeId && hasSentBefore(db)) {
        throw new SyncError(
          'SYNC_STORE_MISMATCH',
          `this database has sent its data as store "${local.storeId}", but the server registers role "${role}" for store "${mine.store_id}"; use that store's own role, or ask the chain admin to fix the stores row`,
        );
      }
      return remember(db, { storeId: mine.store_id, storeName: mine.store_name });
    }
    const known = (await client.query<StoreRow>('SELECT store_id, store_name FROM stores WHERE store_id = $1', [proposed.storeId])).rows[0];
    if (known) return remember(db, { storeId: known.store_id, storeName: known.store_name });
    await client.query('INSERT INTO stores (store_id, store_name) VALUES ($1, $2) ON CONFLICT (store_id) DO NOTHING', [proposed.storeId, proposed.storeName]);
    return remember(db, proposed);
  } catch (err) {
    const why = describePgError(err, ctx);
    if (why.code === 'SYNC_PERMISSION_DENIED') {
      throw new SyncError(
        'SYNC_STORE_UNKNOWN',
        `the server has no store registered for role "${role}"; the chain admin registers it with: INSERT INTO stores (store_id, store_name, time_zone, db_role) VALUES ('${proposed.storeId}', '${proposed.storeName.replace(/'/g, "''")}', 'UTC', '${role.replace(/'/g, "''")}')`,
        false,
        err,
      );
    }
    throw why;
  }
}
