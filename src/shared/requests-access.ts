/**
 * Sign-in, users and the audit log (issue: who may do what). Spread into `requests` in contract.ts.
 * Passwords travel only inward; no reply carries a password, a hash or a session id.
 */
import { z } from 'zod';
import type { AuditEntryDto, AuditExportDto, AuthMeDto, UserDto } from './dto-access';
import { emptyInput, request } from './request-spec';
import { ROLES } from './roles';

/** Shortest password accepted; long passphrases are welcome (the bound only stops abuse). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lowercase letters, digits, . _ - (at most 64)');
/** A new password: bounded both ways. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);
/** A password being checked: only bounded above, so a short wrong one is just wrong. */
const givenPassword = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const roleSchema = z.enum(ROLES);
const displayName = z.string().trim().min(1).max(200);
const email = z.string().trim().max(200);

export const accessRequests = {
  'auth:login': request<AuthMeDto>()(z.strictObject({ username: usernameSchema, password: givenPassword }), 'public'),
  /** First start only: creates the admin account when no account can sign in yet. */
  'auth:setup': request<AuthMeDto>()(
    z.strictObject({ username: usernameSchema, password: newPasswordSchema, displayName: displayName.optional() }),
    'public',
  ),
  'auth:logout': request<AuthMeDto>()(emptyInput, 'viewer'),
  'auth:me': request<AuthMeDto>()(emptyInput, 'viewer'),
  'auth:changePassword': request<AuthMeDto>()(z.strictObject({ currentPassword: givenPassword, newPassword: newPasswordSchema }), 'viewer'),
  'users:list': request<UserDto[]>()(emptyInput, 'admin'),
  'users:add': request<UserDto>()(
    z.strictObject({
      username: usernameSchema,
      role: roleSchema,
      password: newPasswordSchema,
      displayName: displayName.optional(),
      email: email.optional(),
      /** Ask for a new password at the first sign-in (default true: the admin chose this one). */
      mustChangePassword: z.boolean().default(true),
    }),
    'admin',
  ),
  'users:update': request<UserDto>()(
    z.strictObject({
      username: usernameSchema,
      role: roleSchema.optional(),
      displayName: displayName.nullable().optional(),
      email: email.nullable().optional(),
      disabled: z.boolean().optional(),
    }),
    'admin',
  ),
  /** An admin sets a temporary password; the user must choose a new one when signing in. */
  'users:resetPassword': request<UserDto>()(z.strictObject({ username: usernameSchema, password: newPasswordSchema }), 'admin'),
  'audit:list': request<AuditEntryDto[]>()(
    z.strictObject({ limit: z.number().int().min(1).max(1000).default(100), beforeId: z.number().int().positive().optional() }),
    'admin',
  ),
  'audit:export': request<AuditExportDto>()(z.strictObject({ format: z.enum(['csv', 'json']).default('csv') }), 'admin'),
} as const;
