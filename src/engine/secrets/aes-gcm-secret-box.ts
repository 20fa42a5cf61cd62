import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretBoxError, type SecretBox } from './secret-box';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Binds every ciphertext to its purpose: a blob copied from another AES-GCM use of the same key
// does not decrypt as a camera secret.
const AAD = Buffer.from('footfall/camera-secret/v1', 'utf8');
export const SECRET_KEY_BYTES = 32;

/**
 * AES-256-GCM with a fresh random IV per secret. Layout: version(1) | iv(12) | tag(16) | data.
 * The tag makes a tampered or foreign blob fail loudly instead of yielding a wrong password.
 */
export function createAesGcmSecretBox(key: Uint8Array, kind = 'aes-256-gcm'): SecretBox {
  if (key.byteLength !== SECRET_KEY_BYTES) {
    throw new SecretBoxError('KEY_FILE_INVALID', `a secret key must be ${SECRET_KEY_BYTES} bytes, got ${key.byteLength}`);
  }
  const k = Buffer.from(key); // own copy: the caller may wipe its buffer
  return {
    kind,
    encrypt(plain: string): Buffer {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      cipher.setAAD(AAD);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), data]);
    },
    decrypt(blob: Buffer): string {
      if (blob.byteLength < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) {
        throw new SecretBoxError('SECRET_UNREADABLE', 'the stored camera secret is not in a format this version can read; enter the password again');
      }
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, iv);
        decipher.setAAD(AAD);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          'SECRET_UNREADABLE',
          `the stored camera secret cannot be decrypted with the current ${kind} key (was the key replaced?); enter the password again`,
        );
      }
    },
  };
}

/** For an in-memory database: secrets live exactly as long as the process. */
export function createEphemeralSecretBox(): SecretBox {
  return createAesGcmSecretBox(randomBytes(SECRET_KEY_BYTES), 'ephemeral');
}
