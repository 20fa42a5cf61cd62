import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** A file written under a temporary name in the store folder, not yet visible under its hash. */
export interface StagedFile {
  path: string;
  /** The store folder did not exist before this staging file; remove it again if discarded. */
  createdDir: boolean;
}

const SHA256_RE = /^[0-9a-f]{64}$/;
const STAGING_PREFIX = '.staging-';

/** sha256 of a file, streamed (models can be hundreds of MB). */
export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Content-addressed model files: `<dir>/<sha256>.onnx`, plus `<sha256>.json` with what the import
 * learned. A file appears under its final name only by rename(2) from a fully written and fsynced
 * staging file in the same folder, so a crash or a rejected import never leaves a half-written
 * model where the registry could find it. Identical bytes map to one file by construction.
 */
export class ModelStore {
  constructor(readonly dir: string) {}

  pathFor(sha256: string): string {
    if (!SHA256_RE.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.dir, `${sha256}.onnx`);
  }

  metadataPathFor(sha256: string): string {
    if (!SHA256_RE.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.dir, `${sha256}.json`);
  }

  async stage(bytes: Uint8Array, suffix = '.onnx'): Promise<StagedFile> {
    const createdDir = !(await exists(this.dir));
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, `${STAGING_PREFIX}${randomBytes(8).toString('hex')}${suffix}`);
    const handle = await open(path, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (err) {
      await handle.close();
      await this.discard({ path, createdDir });
      throw err;
    }
    await handle.close();
    return { path, createdDir };
  }

  /** Moves a staged file to its final name (atomic; replaces an identical leftover). */
  async commit(staged: StagedFile, finalPath: string): Promise<void> {
    await rename(staged.path, finalPath);
    await this.syncDir();
  }

  async discard(staged: StagedFile): Promise<void> {
    await unlink(staged.path).catch(() => undefined);
    if (staged.createdDir) await rmdir(this.dir).catch(() => undefined);
  }

  async writeMetadata(sha256: string, value: unknown): Promise<string> {
    const target = this.metadataPathFor(sha256);
    const staged = await this.stage(Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'), '.json');
    await this.commit(staged, target);
    return target;
  }

  /** Staging files a crash left behind (older than `olderThanMs`); returns how many were removed. */
  async removeStaleStaging(olderThanMs = 60 * 60 * 1000): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      if (!name.startsWith(STAGING_PREFIX)) continue;
      const path = join(this.dir, name);
      const s = await stat(path).catch(() => null);
      if (s && Date.now() - s.mtimeMs > olderThanMs) {
        await unlink(path).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }

  /** Makes the rename durable where the platform allows fsync on a folder. */
  private async syncDir(): Promise<void> {
    try {
      const handle = await open(this.dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // Windows cannot open folders for fsync; NTFS journals the rename itself.
    }
  }
}
