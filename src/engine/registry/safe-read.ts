import { constants } from 'node:fs';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RegistryError } from './registry-error';

export interface SafeReadOptions {
  /**
   * The folder the technician chose (e.g. the USB stick's models folder). When given, the file must
   * lie inside it, both as written and after resolving links in the folders above it.
   */
  root?: string;
  /** Refuse files larger than this before reading them. */
  maxBytes: number;
  /** 'Model file', 'Sidecar', … for messages. */
  what: string;
}

export interface SafeFile {
  /** Absolute, link-free path that was read. */
  path: string;
  bytes: Buffer;
  mtimeMs: number;
}

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' ? false : !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/** The absolute path of `file` (relative paths are taken from `root` when there is one). */
export function resolveUnder(file: string, root: string | undefined): string {
  if (root === undefined) return resolve(file);
  return isAbsolute(file) ? resolve(file) : resolve(join(root, file));
}

/**
 * Reads a file the technician pointed at, refusing what must never be imported: a path that leaves
 * the chosen folder, a symbolic link (it could be re-pointed after validation), something that is
 * not a regular file, an empty file, or one over the size limit. The file is opened with O_NOFOLLOW
 * and measured on the open descriptor, so a link swapped in after the checks is refused too.
 */
export async function safeReadFile(file: string, o: SafeReadOptions): Promise<SafeFile> {
  const path = resolveUnder(file, o.root);
  let rootReal: string | undefined;
  if (o.root !== undefined) {
    const rootAbs = resolve(o.root);
    if (!inside(rootAbs, path)) {
      throw new RegistryError('MODEL_PATH_OUTSIDE_ROOT', `${o.what} ${file} is outside the chosen folder ${o.root}`);
    }
    try {
      rootReal = await realpath(rootAbs);
      if (!(await stat(rootReal)).isDirectory()) throw new Error('not a folder');
    } catch (err) {
      throw new RegistryError('MODEL_NOT_FOUND', `chosen folder ${o.root} is not a readable folder`, { cause: err });
    }
  }
  let link;
  try {
    link = await lstat(path);
  } catch (err) {
    throw new RegistryError('MODEL_NOT_FOUND', `${o.what} ${file} not found`, { cause: err });
  }
  if (link.isSymbolicLink()) throw new RegistryError('MODEL_SYMLINK', `${o.what} ${file} is a symbolic link; copy the file itself`);
  if (!link.isFile()) throw new RegistryError('MODEL_NOT_A_FILE', `${o.what} ${file} is not a regular file`);
  if (rootReal !== undefined) {
    const real = await realpath(path);
    if (!inside(rootReal, real)) {
      throw new RegistryError('MODEL_PATH_OUTSIDE_ROOT', `${o.what} ${file} resolves to ${real}, outside the chosen folder ${o.root}`);
    }
  }
  // O_NOFOLLOW does not exist on Windows; there the lstat above is the guard.
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);
  let handle;
  try {
    handle = await open(path, flags);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new RegistryError('MODEL_SYMLINK', `${o.what} ${file} became a symbolic link`, { cause: err });
    throw new RegistryError('MODEL_NOT_FOUND', `${o.what} ${file} cannot be opened`, { cause: err });
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new RegistryError('MODEL_NOT_A_FILE', `${o.what} ${file} is not a regular file`);
    if (s.size === 0) throw new RegistryError('MODEL_EMPTY', `${o.what} ${file} is empty (0 bytes)`);
    if (s.size > o.maxBytes) {
      throw new RegistryError('MODEL_TOO_LARGE', `${o.what} ${file} is ${s.size} bytes, over the limit of ${o.maxBytes} bytes`);
    }
    const bytes = Buffer.alloc(s.size);
    let read = 0;
    while (read < s.size) {
      const { bytesRead } = await handle.read(bytes, read, s.size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    if (read !== s.size) throw new RegistryError('MODEL_NOT_FOUND', `${o.what} ${file} shrank while it was read (${read} of ${s.size} bytes)`);
    return { path, bytes, mtimeMs: s.mtimeMs };
  } finally {
    await handle.close();
  }
}
