/**
 * Password hashing: scrypt from node:crypto (memory-hard), a random 16-byte salt per password, and
 * a constant-time comparison. Stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>` (base64url) so
 * the cost can be raised later while old hashes still verify.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/requests-access';
import { AppError } from '../../shared/result';

export interface ScryptCost {
  /** log2 of N; 15 → N = 32768, 32 MiB of memory per hash with r = 8. */
  log2N: number;
  r: number;
  p: number;
}

export const DEFAULT_COST: ScryptCost = { log2N: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Refuses a password that is too short or too long (the contract checks the same for requests). */
export function checkNewPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('WEAK_PASSWORD', `a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new AppError('WEAK_PASSWORD', `a password has at most ${MAX_PASSWORD_LENGTH} characters`);
}

export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  checkNewPassword(password);
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every((n) => Number.isInteger(n) && n > 0) || log2N > 22 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || key.length !== KEY_LENGTH) return null;
  return { cost: { log2N, r, p }, salt, key };
}

/** A hash of nothing anyone knows: unknown users cost as much to check as known ones. */
let dummy: Promise<string> | null = null;

/**
 * Whether `password` matches `stored`. With `stored` null (no such user) a dummy hash is checked
 * anyway so the answer takes as long and says only "no".
 */
export async function verifyPassword(password: string, stored: string | null, cost: ScryptCost = DEFAULT_COST): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  const parsed = stored === null ? null : parseHash(stored);
  if (!parsed) {
    dummy ??= hashPassword(randomBytes(24).toString('base64url'), cost);
    const fake = parseHash(await dummy);
    if (fake) timingSafeEqual(await scrypt(password, fake.salt, fake.cost), fake.key);
    return false;
  }
  const key = await scrypt(password, parsed.salt, parsed.cost);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}
