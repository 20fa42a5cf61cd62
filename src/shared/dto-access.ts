/** Users, sign-in and the audit log as the renderer sees them. No DTO ever carries a password, its hash or a session id. */
import type { AuditOutcome } from './enums';
import type { Role } from './roles';

export interface UserDto {
  id: number;
  username: string;
  displayName: string | null;
  email: string | null;
  role: Role;
  /** false for an account that can never sign in (the local machine's owner, reviewers named before sign-in existed). */
  canSignIn: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface AuthMeDto {
  /** The signed-in user; null on the desktop before anyone signs in (passwordless role). */
  user: UserDto | null;
  role: Role | null;
  /** The desktop's role without a password, when that is what the caller has. */
  passwordless: boolean;
  mustChangePassword: boolean;
  /** No account can sign in yet: the first start asks for the admin account. */
  setupRequired: boolean;
  transport: 'http' | 'ipc' | 'cli' | 'internal';
  /** When the current session ends unless used again (null: no session). */
  idleExpiresAt: string | null;
}

export interface AuditEntryDto {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  address: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

export interface AuditExportDto {
  filename: string;
  mimeType: string;
  text: string;
  count: number;
}
