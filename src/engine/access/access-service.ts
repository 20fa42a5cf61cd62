/**
 * Sign-in, sessions, users and the audit log behind one object. The bindings ask it who a caller
 * is (`httpCaller`, `desktopCaller`, `ownerCaller`); dispatch then checks that caller's role
 * against the contract; the handlers in access-handlers.ts call the operations below.
 */
import type { AuthMeDto, UserDto } from '../../shared/dto-access';
import { AppError } from '../../shared/result';
import { anonymousCaller, isRole, type Caller, type Role, type SessionSink } from '../../shared/roles';
import type { SqliteDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import type { Logger } from '../log';
import { Accounts, LOCAL_OWNER_PREFIX } from './accounts';
import { AuditLog, type AuditRecord } from './audit-log';
import { isoAt, systemClock, type Clock } from './clock';
import { DEFAULT_COST, hashPassword, verifyPassword, type ScryptCost } from './passwords';
import { DEFAULT_BACKOFF, SignInLimiter, type BackoffPolicy } from './rate-limiter';
import { SessionStore, type SessionPolicy } from './sessions';

export interface AccessOptions {
  clock?: Clock;
  /** scrypt cost; tests may lower it, never production code. */
  cost?: ScryptCost;
  /** Browser sessions of `serve`. Default: 30 min idle, 12 h absolute. */
  httpSession?: SessionPolicy;
  /** Per user name; default 5 free failures, then 30 s doubling up to 15 min. */
  userBackoff?: BackoffPolicy;
  /** Per address; default 20 free failures (a shop behind one address), same back-off. */
  addressBackoff?: BackoffPolicy;
  log?: Logger;
}

/** Settings read here (declared in src/shared/settings-schema.ts). */
export const DESKTOP_ROLE_SETTING = 'access.desktop_role';
export const DESKTOP_IDLE_SETTING = 'access.desktop_idle_minutes';
const DEFAULT_DESKTOP_IDLE_MIN = 15;
const PASSWORDLESS_ROLES: readonly Role[] = ['viewer', 'operator'];
const LONG_IDLE_MS = 8 * 3600_000;
const ABSOLUTE_MS = 12 * 3600_000;

export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase();
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

export class AccessService {
  readonly accounts: Accounts;
  readonly sessions: SessionStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  private readonly cost: ScryptCost;
  private readonly httpPolicy: SessionPolicy;
  private readonly userLimiter: SignInLimiter;
  private readonly addressLimiter: SignInLimiter;
  private readonly log: Logger | undefined;
  private readonly revokeListeners = new Set<(tokenHashes: readonly string[]) => void>();
  /** Sign-in checks run one at a time so the failure counts cannot be outrun by parallel guesses. */
  private signInQueue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly repos: Repositories,
    o: AccessOptions = {},
  ) {
    this.clock = o.clock ?? systemClock;
    this.cost = o.cost ?? DEFAULT_COST;
    this.httpPolicy = o.httpSession ?? { idleMs: 30 * 60_000, absoluteMs: ABSOLUTE_MS };
    this.userLimiter = new SignInLimiter(this.clock, o.userBackoff ?? DEFAULT_BACKOFF);
    this.addressLimiter = new SignInLimiter(this.clock, o.addressBackoff ?? { ...DEFAULT_BACKOFF, freeFailures: 20 });
    this.log = o.log;
    this.accounts = new Accounts(db, repos.users, this.clock);
    this.sessions = new SessionStore(db, this.clock);
    this.audit = new AuditLog(db, this.clock);
    this.sessions.prune();
  }

  // ---- who is calling -------------------------------------------------------------------

  /** A browser call to `serve`: the session cookie's user, or not signed in. */
  httpCaller(token: string | undefined, address: string, sink?: SessionSink): Caller {
    return this.sessionCaller(token, 'http', address, sink) ?? anonymousCaller('http', address, sink);
  }

  /** A desktop window's call: its signed-in user, or the role this PC grants without a password. */
  desktopCaller(token: string | null | undefined, sink?: SessionSink): Caller {
    const signedIn = this.sessionCaller(token ?? undefined, 'ipc', 'desktop', sink);
    if (signedIn) return signedIn;
    // A session that lapsed (idle, signed out elsewhere) is dropped by main too.
    if (token) sink?.clear();
    return { user: null, role: this.desktopRole(), transport: 'ipc', address: 'desktop', ...(sink ? { session: sink } : {}) };
  }

  /** The command line runs as the machine's owner (an admin account that cannot sign in). */
  ownerCaller(): Caller {
    const owner = this.accounts.localOwner();
    return { user: { id: owner.id, username: owner.username, role: 'admin' }, role: 'admin', transport: 'cli', address: 'cli' };
  }

  /** The session hash for an event socket, or null when the cookie is not a live session. */
  socketSession(token: string | undefined): string | null {
    const c = this.sessionCaller(token, 'http', 'socket');
    return c && !c.mustChangePassword ? (c.sessionHash ?? null) : null;
  }

  /** Called with the hashes of sessions that just ended (the server closes their sockets). */
  onRevoke(listener: (tokenHashes: readonly string[]) => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  setupRequired(): boolean {
    return this.accounts.setupRequired();
  }

  desktopRole(): Role {
    const v = this.repos.settings.getValue(DESKTOP_ROLE_SETTING, 'viewer');
    return isRole(v) && PASSWORDLESS_ROLES.includes(v) ? v : 'viewer';
  }

  private desktopIdleMs(): number {
    const v = this.repos.settings.getValue(DESKTOP_IDLE_SETTING, DEFAULT_DESKTOP_IDLE_MIN);
    return (typeof v === 'number' && v > 0 ? v : DEFAULT_DESKTOP_IDLE_MIN) * 60_000;
  }

  private sessionCaller(token: string | undefined, transport: 'http' | 'ipc', address: string, sink?: SessionSink): Caller | null {
    if (!token) return null;
    const session = this.sessions.use(token, transport);
    if (!session) return null;
    const user = this.accounts.user(session.userId);
    const creds = user && this.accounts.credentials(user.id);
    if (!user || !creds || creds.disabled) {
      this.endSessions([session.tokenHash], 'disabled');
      return null;
    }
    return {
      user: { id: user.id, username: user.username, role: user.role },
      role: user.role,
      transport,
      address,
      sessionHash: session.tokenHash,
      idleExpiresAt: isoAt(Math.min(session.lastSeenAt + session.idleMs, session.expiresAt)),
      ...(creds.mustChange ? { mustChangePassword: true } : {}),
      ...(sink ? { session: sink } : {}),
    };
  }

  // ---- sign-in ----------------------------------------------------------------------------

  me(caller: Caller): AuthMeDto {
    const user = caller.user ? this.accounts.user(caller.user.id) : undefined;
    return {
      user: user ? this.accounts.toDto(user) : null,
      role: caller.role,
      passwordless: caller.user === null && caller.role !== null,
      mustChangePassword: caller.mustChangePassword ?? false,
      setupRequired: this.accounts.setupRequired(),
      transport: caller.transport,
      idleExpiresAt: caller.idleExpiresAt ?? null,
    };
  }

  login(input: { username: string; password: string }, caller: Caller): Promise<AuthMeDto> {
    return this.serialised(async () => {
      const keys = { user: [`user:${input.username}`], address: [`addr:${caller.address}`] };
      const wait = Math.max(this.userLimiter.retryAfterMs(keys.user), this.addressLimiter.retryAfterMs(keys.address));
      if (wait > 0) {
        const known = this.accounts.byName(input.username) ? input.username : null;
        this.record(caller, { action: 'auth:login', target: known, outcome: 'refused', details: { reason: 'rate limited', retryAfterS: Math.ceil(wait / 1000) } });
        this.log?.warn({ username: known ?? '(unknown)', address: caller.address }, 'sign-in refused: too many failures');
        throw new AppError('RATE_LIMITED', `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`);
      }
      const user = this.accounts.byName(input.username);
      const creds = user && !user.username.startsWith(LOCAL_OWNER_PREFIX) ? this.accounts.credentials(user.id) : undefined;
      const usable = creds && !creds.disabled ? creds.passwordHash : null;
      const ok = await verifyPassword(input.password, usable, this.cost);
      if (!ok || !user || !creds || creds.disabled) {
        const failures = Math.max(this.userLimiter.fail(keys.user), this.addressLimiter.fail(keys.address));
        // A name that is no account is not written down: it may be a password typed in the wrong field.
        const target = user ? user.username : null;
        this.record(caller, { action: 'auth:login', target, outcome: 'failed', details: { failures, knownUser: user !== undefined } });
        this.log?.warn({ username: target ?? '(unknown)', address: caller.address, failures }, 'sign-in failed');
        throw new AppError('INVALID_CREDENTIALS', 'wrong user name or password');
      }
      this.userLimiter.succeed(keys.user);
      this.addressLimiter.succeed(keys.address);
      const next = this.startSession(user.id, user.username, user.role, creds.mustChange, caller);
      this.accounts.markSignedIn(user.id);
      this.record(next, { action: 'auth:login', target: user.username });
      this.log?.info({ username: user.username, address: caller.address, transport: caller.transport }, 'signed in');
      return this.me(next);
    });
  }

  /** First start: the admin account, made when no account can sign in yet; signs it in. */
  setup(input: { username: string; password: string; displayName?: string | undefined }, caller: Caller): Promise<AuthMeDto> {
    return this.serialised(async () => {
      if (!this.accounts.setupRequired()) throw new AppError('SETUP_DONE', 'the admin account exists already; sign in');
      if (caller.transport === 'http' && !isLoopbackAddress(caller.address)) {
        throw new AppError('FORBIDDEN', 'the first admin account can only be made on this computer, or with `users add --role admin`');
      }
      const hash = await hashPassword(input.password, this.cost);
      const user = this.accounts.transaction(() => {
        const existing = this.accounts.byName(input.username);
        const u = existing
          ? this.repos.users.update(existing.id, { role: 'admin', ...(input.displayName ? { displayName: input.displayName } : {}) })
          : this.accounts.create({ username: input.username, role: 'admin', displayName: input.displayName ?? null });
        this.accounts.setPassword(u.id, hash, false);
        return u;
      });
      const next = this.startSession(user.id, user.username, 'admin', false, caller);
      this.record(next, { action: 'auth:setup', target: user.username, after: this.accounts.toDto(user) });
      return this.me(next);
    });
  }

  logout(caller: Caller): AuthMeDto {
    if (caller.sessionHash) this.endSessions([caller.sessionHash], 'signed out');
    caller.session?.clear();
    if (caller.user) this.record(caller, { action: 'auth:logout', target: caller.user.username });
    const after: Caller =
      caller.transport === 'ipc' ? this.desktopCaller(null) : anonymousCaller(caller.transport, caller.address);
    return this.me(after);
  }

  changePassword(input: { currentPassword: string; newPassword: string }, caller: Caller): Promise<AuthMeDto> {
    return this.serialised(async () => {
      const u = caller.user;
      if (!u || u.username.startsWith(LOCAL_OWNER_PREFIX)) throw new AppError('FORBIDDEN', 'sign in to change your password');
      const keys = [`user:${u.username}`];
      const wait = this.userLimiter.retryAfterMs(keys);
      if (wait > 0) throw new AppError('RATE_LIMITED', `too many failed attempts; try again in ${Math.ceil(wait / 1000)} s`);
      const creds = this.accounts.credentials(u.id);
      if (!(await verifyPassword(input.currentPassword, creds?.passwordHash ?? null, this.cost))) {
        this.userLimiter.fail(keys);
        this.record(caller, { action: 'auth:changePassword', target: u.username, outcome: 'failed', details: { reason: 'wrong current password' } });
        throw new AppError('INVALID_CREDENTIALS', 'the current password is wrong');
      }
      if (input.newPassword === input.currentPassword) throw new AppError('VALIDATION', 'choose a password different from the current one', [{ path: 'newPassword', message: 'same as the current one' }]);
      const hash = await hashPassword(input.newPassword, this.cost);
      this.accounts.setPassword(u.id, hash, false);
      // Every session of this user ends (a stolen one too); this caller gets a fresh one.
      this.endSessions(this.sessions.revokeUser(u.id, 'password changed'), null);
      const next = this.startSession(u.id, u.username, u.role, false, { ...caller, sessionHash: undefined });
      this.record(next, { action: 'auth:changePassword', target: u.username });
      return this.me(next);
    });
  }

  // ---- users (admin) ----------------------------------------------------------------------

  listUsers(): UserDto[] {
    return this.accounts.list().map((u) => this.accounts.toDto(u));
  }

  async addUser(
    input: { username: string; role: Role; password: string; displayName?: string | undefined; email?: string | undefined; mustChangePassword: boolean },
    caller: Caller,
  ): Promise<UserDto> {
    const hash = await hashPassword(input.password, this.cost);
    const user = this.accounts.transaction(() => {
      const existing = this.accounts.byName(input.username);
      if (existing && (existing.username.startsWith(LOCAL_OWNER_PREFIX) || this.accounts.credentials(existing.id))) {
        throw new AppError('CONFLICT', `a user "${input.username}" already exists`);
      }
      // A name recorded before sign-in existed (a reviewer) becomes that person's account.
      const u = existing
        ? this.repos.users.update(existing.id, { role: input.role, displayName: input.displayName ?? existing.displayName, email: input.email ?? existing.email })
        : this.accounts.create({ username: input.username, role: input.role, displayName: input.displayName ?? null, email: input.email ?? null });
      this.accounts.setPassword(u.id, hash, input.mustChangePassword);
      return u;
    });
    const dto = this.accounts.toDto(user);
    this.record(caller, { action: 'users:add', target: user.username, before: null, after: dto });
    return dto;
  }

  updateUser(
    input: { username: string; role?: Role | undefined; displayName?: string | null | undefined; email?: string | null | undefined; disabled?: boolean | undefined },
    caller: Caller,
  ): UserDto {
    const user = this.accounts.requireByName(input.username);
    const before = this.accounts.toDto(user);
    const demoting = input.role !== undefined && input.role !== 'admin' && user.role === 'admin';
    const disabling = input.disabled === true && !before.disabled && user.role === 'admin';
    if ((demoting || disabling) && this.accounts.otherActiveAdmins(user.id) === 0) {
      throw new AppError('CONFLICT', 'the last admin who can sign in cannot be demoted or disabled');
    }
    this.accounts.transaction(() => {
      const patch = {
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.email !== undefined ? { email: input.email } : {}),
      };
      if (Object.keys(patch).length > 0) this.repos.users.update(user.id, patch);
      if (input.disabled !== undefined && this.accounts.credentials(user.id)) this.accounts.setDisabled(user.id, input.disabled);
    });
    if (input.disabled === true || demoting) this.endSessions(this.sessions.revokeUser(user.id, input.disabled ? 'disabled' : 'role changed'), null);
    const after = this.accounts.toDto(this.accounts.requireByName(input.username));
    this.record(caller, { action: 'users:update', target: user.username, before, after });
    return after;
  }

  async resetPassword(input: { username: string; password: string }, caller: Caller): Promise<UserDto> {
    const user = this.accounts.requireByName(input.username);
    const hash = await hashPassword(input.password, this.cost);
    this.accounts.setPassword(user.id, hash, true);
    this.endSessions(this.sessions.revokeUser(user.id, 'password reset'), null);
    const dto = this.accounts.toDto(user);
    this.record(caller, { action: 'users:resetPassword', target: user.username, after: { mustChangePassword: true } });
    return dto;
  }

  /** `users passwd` on the command line: the owner sets a password outright (no forced change). */
  async setPasswordAsOwner(username: string, password: string, mustChange: boolean, caller: Caller): Promise<UserDto> {
    const user = this.accounts.requireByName(username);
    const hash = await hashPassword(password, this.cost);
    this.accounts.setPassword(user.id, hash, mustChange);
    this.endSessions(this.sessions.revokeUser(user.id, 'password set'), null);
    this.record(caller, { action: 'users:passwd', target: user.username, after: { mustChangePassword: mustChange } });
    return this.accounts.toDto(user);
  }

  // ---- audit ------------------------------------------------------------------------------

  /** Appends to the audit log as `caller` (the user, or the anonymous/desktop caller with no user). */
  record(caller: Caller, r: Omit<AuditRecord, 'userId' | 'username' | 'address'>): void {
    try {
      this.audit.append({ ...r, userId: caller.user?.id ?? null, username: caller.user?.username ?? null, address: caller.address });
    } catch (err) {
      // A failed audit write must be seen, but the change it describes has happened already.
      this.log?.error({ err, action: r.action }, 'audit log write failed');
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private startSession(userId: number, username: string, role: Role, mustChange: boolean, caller: Caller): Caller {
    // A session id held before signing in is never reused (no session fixation).
    if (caller.sessionHash) this.endSessions([caller.sessionHash], 'replaced');
    const transport = caller.transport === 'ipc' ? 'ipc' : 'http';
    const policy =
      transport === 'ipc'
        ? { idleMs: role === 'technician' || role === 'admin' ? this.desktopIdleMs() : LONG_IDLE_MS, absoluteMs: ABSOLUTE_MS }
        : this.httpPolicy;
    const next: Caller = { user: { id: userId, username, role }, role, transport: caller.transport, address: caller.address };
    if (caller.session) {
      const s = this.sessions.create(userId, transport, caller.address, policy);
      caller.session.issue(s.token, s.expiresAt);
      next.session = caller.session;
      next.sessionHash = s.tokenHash;
      next.idleExpiresAt = isoAt(Math.min(this.clock() + policy.idleMs, Date.parse(s.expiresAt)));
    }
    if (mustChange) next.mustChangePassword = true;
    return next;
  }

  private endSessions(hashes: readonly string[], reason: string | null): void {
    if (reason !== null) for (const h of hashes) this.sessions.revoke(h, reason);
    if (hashes.length === 0) return;
    for (const listener of this.revokeListeners) {
      try {
        listener(hashes);
      } catch {
        // one failing listener must not keep the others from closing their sockets
      }
    }
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.signInQueue.then(fn, fn);
    this.signInQueue = run.catch(() => undefined);
    return run;
  }

  /** The db this service writes to (for the who-columns helpers). */
  get database(): SqliteDatabase {
    return this.db;
  }
}
