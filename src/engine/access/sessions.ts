/**
 * Sessions: a random 256-bit id handed to the client (an HttpOnly cookie, or Electron main's
 * memory) and only its SHA-256 stored. Each has an idle timeout and an absolute expiry; sign-out
 * and a password change revoke it. `last_seen_at` is written at most once a minute per session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../db/open-database';
import { isoAt, type Clock } from './clock';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

export interface StoredSession {
  id: number;
  tokenHash: string;
  userId: number;
  transport: 'http' | 'ipc';
  lastSeenAt: number;
  idleMs: number;
  expiresAt: number;
}

interface SessionRow {
  id: number;
  token_hash: string;
  user_id: number;
  transport: 'http' | 'ipc';
  last_seen_at: string;
  idle_seconds: number;
  expires_at: string;
  revoked_at: string | null;
}

const TOUCH_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Session ids are base64url of 32 random bytes: anything else is not worth a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class SessionStore {
  private readonly insertStmt: Statement;
  private readonly byHashStmt: Statement;
  private readonly touchStmt: Statement;
  private readonly revokeStmt: Statement;
  private readonly revokeUserStmt: Statement;
  private readonly liveOfUserStmt: Statement;
  private readonly pruneStmt: Statement;

  constructor(
    db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insertStmt = db.prepare(`
      INSERT INTO user_sessions (token_hash, user_id, transport, address, created_at, last_seen_at, idle_seconds, expires_at)
      VALUES (@token_hash, @user_id, @transport, @address, @now, @now, @idle_seconds, @expires_at)`);
    this.byHashStmt = db.prepare('SELECT * FROM user_sessions WHERE token_hash = ?');
    this.touchStmt = db.prepare('UPDATE user_sessions SET last_seen_at = ? WHERE id = ?');
    this.revokeStmt = db.prepare('UPDATE user_sessions SET revoked_at = ?, revoked_reason = ? WHERE token_hash = ? AND revoked_at IS NULL');
    this.revokeUserStmt = db.prepare('UPDATE user_sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL');
    this.liveOfUserStmt = db.prepare('SELECT token_hash FROM user_sessions WHERE user_id = ? AND revoked_at IS NULL');
    // Sessions that ended more than a day ago are of no further use (the audit log keeps sign-ins).
    this.pruneStmt = db.prepare('DELETE FROM user_sessions WHERE expires_at < ? OR revoked_at < ?');
  }

  create(userId: number, transport: 'http' | 'ipc', address: string, policy: SessionPolicy): { token: string; tokenHash: string; expiresAt: string } {
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashToken(token);
    const now = this.clock();
    const expiresAt = isoAt(now + policy.absoluteMs);
    this.insertStmt.run({
      token_hash: tokenHash,
      user_id: userId,
      transport,
      address: address.slice(0, 100),
      now: isoAt(now),
      idle_seconds: Math.max(1, Math.round(policy.idleMs / 1000)),
      expires_at: expiresAt,
    });
    return { token, tokenHash, expiresAt };
  }

  /** The live session for `token`, its last use moved to now; undefined when unknown, expired or revoked. */
  use(token: string, transport: 'http' | 'ipc'): StoredSession | undefined {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const row = this.byHashStmt.get(hashToken(token)) as SessionRow | undefined;
    if (!row || row.revoked_at !== null || row.transport !== transport) return undefined;
    const now = this.clock();
    const session: StoredSession = {
      id: row.id,
      tokenHash: row.token_hash,
      userId: row.user_id,
      transport: row.transport,
      lastSeenAt: Date.parse(row.last_seen_at),
      idleMs: row.idle_seconds * 1000,
      expiresAt: Date.parse(row.expires_at),
    };
    if (now >= session.expiresAt) return this.end(session.tokenHash, 'expired');
    if (now - session.lastSeenAt >= session.idleMs) return this.end(session.tokenHash, 'idle');
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
      this.touchStmt.run(isoAt(now), session.id);
      session.lastSeenAt = now;
    }
    return session;
  }

  revoke(tokenHash: string, reason: string): boolean {
    return this.revokeStmt.run(isoAt(this.clock()), reason, tokenHash).changes > 0;
  }

  /** Revokes every live session of a user; returns their hashes (open sockets are closed by them). */
  revokeUser(userId: number, reason: string): string[] {
    const hashes = (this.liveOfUserStmt.all(userId) as Array<{ token_hash: string }>).map((r) => r.token_hash);
    this.revokeUserStmt.run(isoAt(this.clock()), reason, userId);
    return hashes;
  }

  prune(): void {
    const cutoff = isoAt(this.clock() - 24 * 3600_000);
    this.pruneStmt.run(isoAt(this.clock()), cutoff);
  }

  private end(tokenHash: string, reason: string): undefined {
    this.revoke(tokenHash, reason);
    return undefined;
  }
}
