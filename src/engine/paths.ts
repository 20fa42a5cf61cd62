import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder holding footfall's package.json (source checkout, or the app's resources when
 * bundled): found by walking up from this module, so it works under tsx, vitest and the
 * electron-vite bundle alike.
 */
export function appRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'footfall') return (root = dir);
      } catch {
        // unreadable package.json: keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) return (root = process.cwd());
    dir = up;
  }
}

/** Where bundled models live: FOOTFALL_MODELS_DIR, else resources/models of the app. */
export function modelsDir(): string {
  return process.env.FOOTFALL_MODELS_DIR ? resolve(process.env.FOOTFALL_MODELS_DIR) : join(appRoot(), 'resources', 'models');
}

export const DEFAULT_MODEL_FILE = 'yolov8n.onnx';
export const DEFAULT_MODEL_SHA256 = '9697a185dd8eb7448aea4c979e10db2b4977f70a46687890ef796936c44a848b';

export function defaultModelPath(): string {
  return join(modelsDir(), DEFAULT_MODEL_FILE);
}

/**
 * A packaged app's files live in app.asar, which only Electron's own fs can read; a file another
 * program opens (ffmpeg's binary, an image ffmpeg decodes) is unpacked next to it by
 * electron-builder (asarUnpack) into app.asar.unpacked. This maps the first to the second.
 */
export function unpackedPath(p: string): string {
  const unpacked = p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked !== p && existsSync(unpacked) ? unpacked : p;
}
