/**
 * Sign-in for binding tests: an AccessService over a migrated in-memory database with a cheap
 * scrypt cost (never used outside tests) and, when asked, a clock the test moves by hand.
 */
import { AccessService } from '../../src/engine/access/access-service';
import { manualClock, systemClock, type Clock } from '../../src/engine/access/clock';
import type { ScryptCost } from '../../src/engine/access/passwords';
import { openMigratedDatabase } from '../../src/engine/db/open-migrated-database';
import type { SqliteDatabase } from '../../src/engine/db/open-database';
import { createRepositories, type Repositories } from '../../src/engine/db/repositories';
import { SESSION_COOKIE } from '../../src/engine/server/session-cookie';
import type { Role } from '../../src/shared/roles';

/** 2^10: about a millisecond a hash, so a test can sign in hundreds of times. */
export const TEST_SCRYPT_COST: ScryptCost = { log2N: 10, r: 8, p: 1 };

export interface TestAccess {
  db: SqliteDatabase;
  repos: Repositories;
  access: AccessService;
  clock: Clock;
  /** An account with a password that need not be changed. */
  addUser(username: string, role: Role, password?: string): Promise<number>;
  /** A live browser session for `userId`, as the Cookie header a browser would send. */
  cookieFor(userId: number): string;
  close(): void;
}

export async function openTestAccess(o: { clock?: Clock; dbPath?: string } = {}): Promise<TestAccess> {
  const db = openMigratedDatabase(o.dbPath ?? ':memory:');
  const repos = createRepositories(db);
  const clock = o.clock ?? systemClock;
  const access = new AccessService(db, repos, { cost: TEST_SCRYPT_COST, clock });
  const owner = access.ownerCaller();
  return {
    db,
    repos,
    access,
    clock,
    async addUser(username, role, password = `${username}-long-password`) {
      const u = await access.addUser({ username, role, password, mustChangePassword: false }, owner);
      return u.id;
    },
    cookieFor(userId) {
      const s = access.sessions.create(userId, 'http', '127.0.0.1', { idleMs: 3600_000, absoluteMs: 12 * 3600_000 });
      return `${SESSION_COOKIE}=${s.token}`;
    },
    close: () => db.close(),
  };
}

export { manualClock };
