/**
 * Window and session hardening. The renderer is treated as untrusted: it gets no Node, no
 * navigation away from our pages, no popups, no device permissions, and main only answers IPC
 * from our own top-level page.
 */
import { app, type Session, type WebContents, type WebFrameMain } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../shared/csp';

export interface RendererLocation {
  /** electron-vite dev server URL in development, otherwise undefined. */
  devUrl: string | undefined;
  /** Absolute path of the built index.html. */
  indexHtml: string;
}

/** CSP as a response header (covers the dev server; file:// pages rely on the <meta> copy). */
export function installSessionSecurity(session: Session, where: RendererLocation): void {
  const policy = contentSecurityPolicyFor(where);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, policy) });
  });
  // Cameras are read by the engine through ffmpeg, never by the page: the page needs no device.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Applies to every webContents ever created, so nothing slips through a later window. */
export function hardenAllWebContents(where: RendererLocation): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, where));
}

/** One webContents: it stays on our page, opens no window and attaches no <webview>. */
export function hardenWebContents(contents: WebContents, where: RendererLocation): void {
  // Hash routing is an in-page navigation and does not fire will-navigate; anything else is
  // someone trying to leave the app.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, where)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, where)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(denyWindowOpen);
}

/** Every window.open, target=_blank link and shift-click is refused: the app has one window. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The production policy, or the relaxed one only while running against the dev server. */
export function contentSecurityPolicyFor(where: RendererLocation): string {
  return where.devUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
}

/** A response's headers with any CSP the response carried replaced by ours, and nosniff. */
export function withSecurityHeaders(responseHeaders: Record<string, string[]> | undefined, policy: string): Record<string, string[]> {
  const headers = { ...responseHeaders };
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === 'content-security-policy') delete headers[key];
  }
  headers['Content-Security-Policy'] = [policy];
  headers['X-Content-Type-Options'] = ['nosniff'];
  return headers;
}

/** True only for our own page: the built index.html, or the dev server in development. */
export function isAppUrl(url: string, where: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (where.devUrl) {
    return parsed.origin === new URL(where.devUrl).origin;
  }
  const index = pathToFileURL(where.indexHtml);
  // Windows drive letters may differ in case between Node's and Chromium's file URLs.
  const same = process.platform === 'win32' ? parsed.pathname.toLowerCase() === index.pathname.toLowerCase() : parsed.pathname === index.pathname;
  return parsed.protocol === 'file:' && same;
}

/** IPC is answered only for our top-level page, never for a subframe or a foreign page. */
export function isTrustedSender(frame: WebFrameMain | null, where: RendererLocation): boolean {
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, where);
}
