/**
 * The renderer's Content-Security-Policy (src/shared/csp.ts) is strict, and the built page
 * (out/renderer/index.html, made by `npm run build`, which `npm test` runs first) carries the
 * same policy in its <meta> and no inline script.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../src/shared/csp';

const root = resolve(import.meta.dirname, '../../..');
const builtIndex = join(root, 'out', 'renderer', 'index.html');

/** `directive → sources`; a directive given twice is an error (browsers ignore the second). */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [name, ...sources] = part.split(/\s+/);
    if (directives.has(name!)) throw new Error(`directive ${name} given twice`);
    directives.set(name!.toLowerCase(), sources);
  }
  return directives;
}

/** The sources that govern scripts: script-src, else default-src (CSP's fallback). */
function scriptSources(p: Map<string, string[]>): string[] {
  return p.get('script-src') ?? p.get('default-src') ?? [];
}

const UNSAFE = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", '*', 'data:', 'blob:', 'http:', 'https:', 'filesystem:'];

function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]!);
}

describe('Content-Security-Policy', () => {
  it('is strict: self by default, scripts from the app only, no plugins, no framing, no base or form targets', () => {
    const p = parsePolicy(CONTENT_SECURITY_POLICY);
    expect(p.get('default-src')).toEqual(["'self'"]);
    expect(scriptSources(p)).toEqual(["'self'"]);
    for (const bad of UNSAFE) expect(scriptSources(p), bad).not.toContain(bad);
    expect(p.get('style-src')).not.toContain("'unsafe-inline'");
    expect(p.get('object-src')).toEqual(["'none'"]);
    expect(p.get('frame-ancestors')).toEqual(["'none'"]);
    expect(["'none'", "'self'"]).toContain(p.get('base-uri')?.join(' '));
    expect(["'none'", "'self'"]).toContain(p.get('form-action')?.join(' '));
    // Live updates go to the local engine only.
    for (const src of p.get('connect-src') ?? []) expect(["'self'", 'ws://127.0.0.1:*']).toContain(src);
    // No frame may load anything but the app itself (frame-src/child-src fall back to default-src).
    expect(p.get('frame-src') ?? p.get('child-src') ?? p.get('default-src')).toEqual(["'self'"]);
  });

  it('the <meta> copy is the header minus frame-ancestors (ignored in <meta>), which X-Frame-Options and the header still cover', () => {
    const header = parsePolicy(CONTENT_SECURITY_POLICY);
    const meta = parsePolicy(META_CONTENT_SECURITY_POLICY);
    expect(meta.has('frame-ancestors')).toBe(false);
    header.delete('frame-ancestors');
    expect(meta).toEqual(header);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Frame-Options']).toBe('DENY');
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });

  it('the dev policy relaxes only what Vite needs, on localhost only, and is never the production one', () => {
    expect(DEV_CONTENT_SECURITY_POLICY).not.toBe(CONTENT_SECURITY_POLICY);
    const dev = parsePolicy(DEV_CONTENT_SECURITY_POLICY);
    expect(scriptSources(dev)).not.toContain("'unsafe-eval'");
    expect(dev.get('object-src')).toEqual(["'none'"]);
    for (const src of dev.get('connect-src') ?? []) expect(src === "'self'" || /^(ws|http):\/\/(localhost|127\.0\.0\.1):\*$/.test(src), src).toBe(true);
  });

  it('the built out/renderer/index.html carries exactly the shared <meta> policy and no inline script or handler', () => {
    if (!existsSync(builtIndex)) throw new Error('out/renderer/index.html is missing: run `npm run build` first (npm test does)');
    const html = readFileSync(builtIndex, 'utf8');
    expect(metaPolicies(html)).toEqual([META_CONTENT_SECURITY_POLICY]);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs, 'every script is a file').toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/);
      expect(body!.trim(), 'no inline script').toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('the source index.html carries the same policy (the build refuses drift, electron.vite.config.ts)', () => {
    const html = readFileSync(join(root, 'src', 'renderer', 'index.html'), 'utf8');
    expect(metaPolicies(html)).toEqual([META_CONTENT_SECURITY_POLICY]);
  });
});
