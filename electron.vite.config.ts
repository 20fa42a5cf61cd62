/**
 * Three builds: main (Electron main + the engine's utilityProcess entry), preload (sandboxed, so
 * one self-contained CommonJS file) and the React renderer.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { DEV_CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from './src/shared/csp';

const root = import.meta.dirname;
const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/**
 * Keeps index.html's <meta> CSP identical to the one the session and the server send (the build
 * fails on drift) and, in dev only, relaxes it so Vite's inline HMR preamble can run.
 */
function contentSecurityPolicyMeta(): Plugin {
  let dev = false;
  return {
    name: 'footfall:csp-meta',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const match = CSP_META.exec(html);
      if (!match) throw new Error('index.html must carry a <meta http-equiv="Content-Security-Policy">');
      if (dev) return html.replace(CSP_META, `$1${DEV_CONTENT_SECURITY_POLICY}$3`);
      if (match[2] !== META_CONTENT_SECURITY_POLICY) {
        throw new Error(`index.html CSP differs from src/engine/server/csp.ts:\n  html: ${match[2]}\n  want: ${META_CONTENT_SECURITY_POLICY}`);
      }
      return html;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // Native addons cannot be bundled; they load from node_modules (rebuilt for Electron's ABI).
      externalizeDeps: { include: ['ffmpeg-static'] },
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // The engine's utilityProcess entry: plain Node, forked by src/main/engine-process.ts.
          'engine-host': resolve(root, 'src/engine/engine-host.ts'),
          // The engine's drift worker thread (src/engine/drift/drift-worker-checker.ts finds it here).
          'drift-worker': resolve(root, 'src/engine/drift/drift-worker.ts'),
        },
        external: ['better-sqlite3', 'onnxruntime-node', 'ffmpeg-static'],
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron` and a few built-ins, so everything it
      // imports (the contract, zod) is bundled into one file, and it must be CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      rolldownOptions: {
        input: { index: resolve(root, 'src/renderer/index.html') },
      },
    },
  },
});
