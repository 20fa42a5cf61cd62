/**
 * Who may do what. Roles are ordered: each one may do everything the one before it may.
 *   viewer      live and dashboard, exports
 *   operator    also audits and acknowledging alerts
 *   technician  also cameras, models, experiments, deployments
 *   admin       also users, settings, retention, backups, restore
 * Every request of the contract names the least role it needs (request-spec.ts); dispatch checks
 * it for every binding (IPC, HTTP, engine port, CLI) in one place.
 */

import { USER_ROLES, type UserRole } from './enums';

/** users.role's list (src/shared/enums.ts), lowest first: the order is the rank. */
export const ROLES = USER_ROLES;
export type Role = UserRole;

/** 'public': answered without a session (signing in, first-start setup). */
export type MinRole = Role | 'public';
export const MIN_ROLES: readonly MinRole[] = ['public', ...ROLES];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** Whether a caller with `role` (null: not signed in) may make a request that needs `required`. */
export function roleAllows(role: Role | null, required: MinRole): boolean {
  if (required === 'public') return true;
  if (role === null) return false;
  return roleRank(role) >= roleRank(required);
}

/**
 * Receives a session the engine issued or ended during a call. The binding owns the token: the
 * server puts it in an HttpOnly cookie, Electron main keeps it in memory; no reply carries it.
 */
export interface SessionSink {
  issue(token: string, expiresAt: string): void;
  clear(): void;
}

/** Who is making a call, as the binding established it (never taken from the payload). */
export interface Caller {
  /** The signed-in user, or null (desktop without a password, not signed in, the CLI's owner is a user). */
  user: { id: number; username: string; role: Role } | null;
  /** The effective role; null when not signed in at all. */
  role: Role | null;
  transport: 'http' | 'ipc' | 'cli' | 'internal';
  /** Remote address for HTTP ('desktop' / 'cli' otherwise): the per-address sign-in limit. */
  address: string;
  /** Hash of the session the call came with, if any (sign-out revokes it). */
  sessionHash?: string;
  /** When the caller's session ends unless used again. */
  idleExpiresAt?: string;
  /** Set after an admin reset: only auth:me, auth:logout and auth:changePassword are allowed. */
  mustChangePassword?: boolean;
  /** Where a newly issued or cleared session goes; absent where sessions make no sense (CLI). */
  session?: SessionSink;
}

/** Not signed in: only 'public' requests pass. */
export function anonymousCaller(transport: Caller['transport'], address: string, session?: SessionSink): Caller {
  return { user: null, role: null, transport, address, ...(session ? { session } : {}) };
}
