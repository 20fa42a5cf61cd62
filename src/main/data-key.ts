/**
 * The key that encrypts camera passwords in the database, sealed by the OS keychain through
 * Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux).
 * safeStorage only works in the main process, so main unseals the key and hands it to the engine
 * (in-process, or in the init message of its utilityProcess), which builds an AES-256-GCM box.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';

const SEALED_KEY_FILE = 'camera-secrets.key.sealed';
const KEY_BYTES = 32;

export type DataKeyResult = { key: string; message?: undefined } | { key: null; message: string };

/** Hex of the 32-byte data key, or null (with why) when the OS offers no keychain. */
export function loadOrCreateDataKey(userData: string): DataKeyResult {
  if (!safeStorage.isEncryptionAvailable()) {
    return { key: null, message: 'OS keychain unavailable: camera passwords use a key file readable only by this user' };
  }
  const file = join(userData, SEALED_KEY_FILE);
  if (existsSync(file)) {
    const hex = safeStorage.decryptString(readFileSync(file));
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} does not hold a valid key`);
    return { key: hex };
  }
  const hex = randomBytes(KEY_BYTES).toString('hex');
  const staging = `${file}.tmp`;
  writeFileSync(staging, safeStorage.encryptString(hex), { mode: 0o600 });
  chmodSync(staging, 0o600);
  renameSync(staging, file);
  return { key: hex };
}
