/**
 * Accounts: the seed's users table plus user_credentials (migration 0010). A user with no
 * credentials row can never sign in: that is the machine's owner (`local:<name>`, who the CLI
 * runs as) and reviewers named before sign-in existed.
 */
import { userInfo } from 'node:os';
import type { Statement } from 'better-sqlite3';
import type { UserDto } from '../../shared/dto-access';
import { AppError } from '../../shared/result';
import type { Role } from '../../shared/roles';
import type { SqliteDatabase } from '../db/open-database';
import type { User, UsersRepository } from '../db/repositories/users-repository';
import { isoAt, type Clock } from './clock';

export interface Credentials {
  userId: number;
  passwordHash: string;
  mustChange: boolean;
  disabled: boolean;
  passwordChangedAt: string;
  lastSignInAt: string | null;
}

interface CredentialRow {
  user_id: number;
  password_hash: string;
  must_change: number;
  disabled: number;
  password_changed_at: string;
  last_sign_in_at: string | null;
}

const fromRow = (r: CredentialRow): Credentials => ({
  userId: r.user_id,
  passwordHash: r.password_hash,
  mustChange: r.must_change === 1,
  disabled: r.disabled === 1,
  passwordChangedAt: r.password_changed_at,
  lastSignInAt: r.last_sign_in_at,
});

/** The prefix of accounts that stand for the local machine's owner; sign-in names cannot contain ':'. */
export const LOCAL_OWNER_PREFIX = 'local:';

export class Accounts {
  private readonly getStmt: Statement;
  private readonly upsertStmt: Statement;
  private readonly setDisabledStmt: Statement;
  private readonly signedInStmt: Statement;
  private readonly countSignInStmt: Statement;
  private readonly countAdminsStmt: Statement;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {
    this.getStmt = db.prepare('SELECT * FROM user_credentials WHERE user_id = ?');
    this.upsertStmt = db.prepare(`
      INSERT INTO user_credentials (user_id, password_hash, must_change, password_changed_at)
      VALUES (@user_id, @hash, @must_change, @at)
      ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash,
        must_change = excluded.must_change, password_changed_at = excluded.password_changed_at`);
    this.setDisabledStmt = db.prepare('UPDATE user_credentials SET disabled = ? WHERE user_id = ?');
    this.signedInStmt = db.prepare('UPDATE user_credentials SET last_sign_in_at = ? WHERE user_id = ?');
    this.countSignInStmt = db.prepare('SELECT count(*) AS n FROM user_credentials WHERE disabled = 0');
    this.countAdminsStmt = db.prepare(
      "SELECT count(*) AS n FROM user_credentials c JOIN users u ON u.id = c.user_id WHERE c.disabled = 0 AND u.role = 'admin' AND u.id <> ?",
    );
  }

  user(id: number): User | undefined {
    return this.users.get(id);
  }

  byName(username: string): User | undefined {
    return this.users.getByUsername(username);
  }

  requireByName(username: string): User {
    const user = this.byName(username);
    if (!user || user.username.startsWith(LOCAL_OWNER_PREFIX)) throw new AppError('NOT_FOUND', `no user "${username}"`);
    return user;
  }

  credentials(userId: number): Credentials | undefined {
    const row = this.getStmt.get(userId) as CredentialRow | undefined;
    return row && fromRow(row);
  }

  list(): User[] {
    return this.users.list();
  }

  create(fields: { username: string; role: Role; displayName?: string | null; email?: string | null }): User {
    if (this.byName(fields.username)) throw new AppError('CONFLICT', `a user "${fields.username}" already exists`);
    return this.users.create({ username: fields.username, role: fields.role, displayName: fields.displayName ?? null, email: fields.email ?? null });
  }

  setPassword(userId: number, hash: string, mustChange: boolean): void {
    this.upsertStmt.run({ user_id: userId, hash, must_change: mustChange ? 1 : 0, at: isoAt(this.clock()) });
  }

  setDisabled(userId: number, disabled: boolean): void {
    this.setDisabledStmt.run(disabled ? 1 : 0, userId);
  }

  markSignedIn(userId: number): void {
    this.signedInStmt.run(isoAt(this.clock()), userId);
  }

  /** True until some account can sign in: the first start then asks for the admin account. */
  setupRequired(): boolean {
    return (this.countSignInStmt.get() as { n: number }).n === 0;
  }

  /** Admins other than `exceptUserId` who can still sign in (the last one may not be demoted or disabled). */
  otherActiveAdmins(exceptUserId: number): number {
    return (this.countAdminsStmt.get(exceptUserId) as { n: number }).n;
  }

  /** The account that stands for whoever owns this machine (the CLI runs as it), made on first use. */
  localOwner(): User {
    let name = 'owner';
    try {
      name = userInfo().username || name;
    } catch {
      // no passwd entry (containers): keep "owner"
    }
    const username = `${LOCAL_OWNER_PREFIX}${name}`.slice(0, 100);
    return this.byName(username) ?? this.users.create({ username, role: 'admin', displayName: `${name} (this computer's owner)`, email: null });
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  toDto(user: User): UserDto {
    const c = this.credentials(user.id);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      role: user.role,
      canSignIn: c !== undefined && !c.disabled,
      disabled: c?.disabled ?? false,
      mustChangePassword: c?.mustChange ?? false,
      createdAt: user.createdAt,
      lastSignInAt: c?.lastSignInAt ?? null,
    };
  }
}
