import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { unpackedPath } from '../paths';

export interface FfmpegLocation {
  path: string;
  /** Where it came from, for the health page and error messages. */
  source: 'configured' | 'ffmpeg-static' | 'PATH';
}

export class FfmpegNotFoundError extends Error {
  readonly code = 'FFMPEG_NOT_FOUND';
  constructor(tried: string[]) {
    super(`ffmpeg not found (tried: ${tried.join(', ')}); install ffmpeg or set FOOTFALL_FFMPEG`);
  }
}

/**
 * ffmpeg is resolved from a configured path, then the optional `ffmpeg-static` package (which may
 * have failed to download its binary), then PATH. The result is cached per configured path.
 */
const cache = new Map<string, FfmpegLocation>();

export function resolveFfmpeg(configured: string | undefined = process.env.FOOTFALL_FFMPEG): FfmpegLocation {
  const key = configured ?? '';
  const hit = cache.get(key);
  if (hit) return hit;
  const tried: string[] = [];
  let found: FfmpegLocation | undefined;
  if (configured) {
    tried.push(configured);
    if (existsSync(configured)) found = { path: configured, source: 'configured' };
  }
  if (!found) {
    try {
      const req = createRequire(import.meta.url);
      const p = req('ffmpeg-static') as unknown;
      tried.push('ffmpeg-static');
      // In an installed app the package reports a path inside app.asar, which no process can run.
      if (typeof p === 'string' && existsSync(p)) found = { path: unpackedPath(p), source: 'ffmpeg-static' };
    } catch {
      tried.push('ffmpeg-static (not installed)');
    }
  }
  if (!found) {
    const exe = process.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      const candidate = join(dir, exe);
      if (existsSync(candidate)) {
        found = { path: candidate, source: 'PATH' };
        break;
      }
    }
    tried.push('PATH');
  }
  if (!found) throw new FfmpegNotFoundError(tried);
  cache.set(key, found);
  return found;
}
