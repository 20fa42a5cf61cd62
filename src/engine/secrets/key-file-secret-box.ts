import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, lstatSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createAesGcmSecretBox, SECRET_KEY_BYTES } from './aes-gcm-secret-box';
import { SecretBoxError, type SecretBox } from './secret-box';

export const KEY_FILE_NAME = 'footfall-secrets.key';

/** The key file lives in the data folder, next to the database it protects. */
export function keyFilePathFor(dbPath: string): string {
  return join(dirname(dbPath), KEY_FILE_NAME);
}

export interface KeyFileOptions {
  /** Mode bits are meaningless on Windows (ACLs apply); checked everywhere else. Default: platform. */
  checkMode?: boolean;
}

function insecure(path: string, why: string): SecretBoxError {
  return new SecretBoxError(
    'KEY_FILE_INSECURE',
    `refusing to use the camera key file ${path}: ${why}. Camera passwords stay locked until it is fixed: run "chmod 600 ${path}" as its owner`,
  );
}

/** Reads an existing key, refusing one that others could read (it would unlock every password). */
function readKey(path: string, checkMode: boolean): Buffer | null {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink planted in the data folder must not redirect us to another file.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw insecure(path, 'it is a symbolic link');
    throw new SecretBoxError('KEY_FILE_INVALID', `cannot read the camera key file ${path}: ${code ?? 'error'}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw insecure(path, 'it is not a regular file');
    if (checkMode) {
      if ((st.mode & 0o077) !== 0) throw insecure(path, `it is readable or writable by group or others (mode ${(st.mode & 0o777).toString(8)})`);
      const uid = process.getuid?.();
      if (uid !== undefined && st.uid !== uid) throw insecure(path, `it belongs to user ${st.uid}, not to the user running Footfall (${uid})`);
    }
    const key = Buffer.alloc(SECRET_KEY_BYTES + 1);
    const n = readSync(fd, key, 0, key.length, 0);
    if (n !== SECRET_KEY_BYTES) throw new SecretBoxError('KEY_FILE_INVALID', `the camera key file ${path} is damaged (${n} bytes, expected ${SECRET_KEY_BYTES})`);
    return key.subarray(0, SECRET_KEY_BYTES);
  } finally {
    closeSync(fd);
  }
}

/** Creates the key atomically with mode 0600 ('wx': never overwrites a key another process made). */
function createKey(path: string, checkMode: boolean): Buffer {
  const key = randomBytes(SECRET_KEY_BYTES);
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readKey(path, checkMode) ?? key;
    throw new SecretBoxError('KEY_FILE_INVALID', `cannot create the camera key file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    fchmodSync(fd, 0o600); // whatever the umask said
    writeSync(fd, key);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return key;
}

/**
 * The `serve` SecretBox: AES-256-GCM with a random key kept in `path` (mode 0600). The key is
 * read on first use, so a bad key file only locks camera passwords (with a message saying how to
 * fix it) instead of stopping the whole engine; it is created on the first encrypt.
 */
export function openKeyFileSecretBox(path: string, o: KeyFileOptions = {}): SecretBox {
  const checkMode = o.checkMode ?? process.platform !== 'win32';
  let box: SecretBox | undefined;
  const load = (create: boolean): SecretBox => {
    if (box) return box;
    let key = readKey(path, checkMode);
    if (!key) {
      if (!create) {
        throw new SecretBoxError('KEY_FILE_MISSING', `the camera key file ${path} is missing, so stored camera passwords cannot be read; enter them again`);
      }
      key = createKey(path, checkMode);
    }
    box = createAesGcmSecretBox(key, 'key-file');
    key.fill(0);
    return box;
  };
  return {
    kind: 'key-file',
    encrypt: (plain) => load(true).encrypt(plain),
    decrypt: (cipher) => load(false).decrypt(cipher),
  };
}

/** Checks the key file without creating it: null when fine or absent, else the problem. */
export function keyFileProblem(path: string, o: KeyFileOptions = {}): SecretBoxError | null {
  try {
    lstatSync(path);
  } catch {
    return null;
  }
  try {
    readKey(path, o.checkMode ?? process.platform !== 'win32');
    return null;
  } catch (err) {
    return err instanceof SecretBoxError ? err : new SecretBoxError('KEY_FILE_INVALID', String(err));
  }
}
