import { AppError } from '../../shared/result';

/**
 * Encrypts camera secrets at rest. The engine only needs these two synchronous calls; where the
 * key comes from is the host's business:
 * - `serve` (plain Node): a random AES-256 key in a file readable only by its owner, next to the
 *   database (key-file-secret-box.ts).
 * - Electron: main owns `safeStorage`, which the engine's utilityProcess cannot call. Main keeps a
 *   random 32-byte data key sealed with `safeStorage.encryptString` in the user-data folder, opens
 *   it at start and hands the raw key to the engine, which wraps it with `createAesGcmSecretBox`
 *   (kind 'safe-storage'). Any other implementation of this interface works too.
 */
export interface SecretBox {
  /** Returns an opaque ciphertext safe to store in the database. */
  encrypt(plain: string): Buffer;
  /** Throws SecretBoxError('SECRET_UNREADABLE') when the ciphertext was not made with this key. */
  decrypt(cipher: Buffer): string;
  /** Where the key lives, for the health page and messages ('key-file', 'safe-storage', …). */
  readonly kind: string;
}

export type SecretBoxErrorCode = 'KEY_FILE_INSECURE' | 'KEY_FILE_INVALID' | 'KEY_FILE_MISSING' | 'SECRET_UNREADABLE';

/** An AppError so its code and (secret-free) message reach the caller through result envelopes. */
export class SecretBoxError extends AppError {
  override readonly code: SecretBoxErrorCode;
  constructor(code: SecretBoxErrorCode, message: string) {
    super(code, message);
    this.name = 'SecretBoxError';
    this.code = code;
  }
}
