/**
 * Serves the built renderer (out/renderer). Anything that would resolve outside the folder is
 * refused; extension-less paths fall back to index.html so a reload on a client route still works.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { contentTypeFor } from './content-types';

export type SendStatus = (res: ServerResponse, status: number, message: string) => void;

export interface StaticHandler {
  serve(req: IncomingMessage, res: ServerResponse, rawPathname: string): Promise<void>;
}

export function createStaticHandler(staticDir: string, sendStatus: SendStatus): StaticHandler {
  const root = resolve(staticDir);
  let realRoot: Promise<string> | null = null;
  // Resolved lazily: the build may appear after the server starts (dev loop).
  const getRealRoot = () => (realRoot ??= realpath(root).catch(() => root));

  async function serve(req: IncomingMessage, res: ServerResponse, rawPathname: string): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPathname);
    } catch {
      return sendStatus(res, 400, 'bad path encoding');
    }
    if (decoded.includes('\0')) return sendStatus(res, 400, 'bad path');
    const segments = decoded.split(/[\\/]+/);
    if (segments.some((s) => s === '..')) return sendStatus(res, 403, 'path traversal refused');

    const wanted = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
    if (!isInside(root, wanted)) return sendStatus(res, 403, 'path traversal refused');

    const base = await getRealRoot();
    let file = await regularFile(wanted, base);
    if (!file && extname(decoded) === '') file = await regularFile(join(root, 'index.html'), base);
    if (!file) {
      return sendStatus(res, 404, extname(decoded) === '' ? 'renderer not built: run `npm run build`' : 'not found');
    }

    const isHtml = file.path.endsWith('.html');
    res.statusCode = 200;
    res.setHeader('Content-Type', contentTypeFor(file.path));
    res.setHeader('Content-Length', String(file.size));
    // Vite puts content hashes in asset names, so they can be cached for good; HTML must not be.
    res.setHeader('Cache-Control', isHtml || !file.path.includes(`${sep}assets${sep}`) ? 'no-cache' : 'public, max-age=31536000, immutable');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((done) => {
      const stream = createReadStream(file.path);
      stream.on('error', () => {
        res.destroy();
        done();
      });
      stream.on('end', done);
      stream.pipe(res);
    });
  }

  return { serve };
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The file if it is a regular file whose real path (symlinks followed) stays inside the root. */
async function regularFile(path: string, realRoot: string): Promise<{ path: string; size: number } | null> {
  try {
    const real = await realpath(path);
    if (!isInside(realRoot, real)) return null;
    const st = await stat(real);
    return st.isFile() ? { path: real, size: st.size } : null;
  } catch {
    return null;
  }
}
