/**
 * TLS for `serve` on anything but loopback: the certificate given with --tls-cert/--tls-key, or a
 * self-signed one made on first use beside the database (footfall-tls.crt, and footfall-tls.key
 * with mode 0600) and reused afterwards. node:crypto cannot write X.509 certificates, so the
 * maintained `selfsigned` package makes it; node:crypto reads it back for its SHA-256
 * fingerprint, which `serve` prints so browsers on the shop's network can pin it.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, colon-separated hex (as browsers show it). */
  fingerprint256: string;
  certPath: string;
  keyPath: string;
  /** True when this call made the certificate. */
  created: boolean;
}

export function tlsPathsFor(dbPath: string): { certPath: string; keyPath: string } {
  const dir = dirname(dbPath);
  return { certPath: join(dir, 'footfall-tls.crt'), keyPath: join(dir, 'footfall-tls.key') };
}

function readPair(certPath: string, keyPath: string, created: boolean): TlsMaterial {
  if (process.platform !== 'win32' && (statSync(keyPath).mode & 0o077) !== 0) {
    throw Object.assign(new Error(`${keyPath} can be read by other users; chmod 600 it`), { code: 'TLS_KEY_EXPOSED' });
  }
  const cert = readFileSync(certPath, 'utf8');
  const key = readFileSync(keyPath, 'utf8');
  let fingerprint256: string;
  try {
    fingerprint256 = new X509Certificate(cert).fingerprint256;
  } catch {
    throw Object.assign(new Error(`${certPath} is not a PEM certificate`), { code: 'TLS_INVALID' });
  }
  return { cert, key, fingerprint256, certPath, keyPath, created };
}

/** The certificate and key the operator gave. */
export function loadTls(certPath: string, keyPath: string): TlsMaterial {
  return readPair(certPath, keyPath, false);
}

/** The self-signed certificate beside `dbPath`, made (for `host`) when there is none yet. */
export async function loadOrCreateSelfSigned(dbPath: string, host: string, now = new Date()): Promise<TlsMaterial> {
  const { certPath, keyPath } = tlsPathsFor(dbPath);
  if (existsSync(certPath) && existsSync(keyPath)) return readPair(certPath, keyPath, false);
  const names = [host, 'localhost'].filter((h, i, all) => h && all.indexOf(h) === i && h !== '0.0.0.0' && h !== '::');
  const altNames = [
    ...names.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })),
    { type: 7 as const, ip: '127.0.0.1' },
  ];
  const notAfter = new Date(now.getTime() + 2 * 365 * 24 * 3600_000);
  const pems = await generate([{ name: 'commonName', value: names[0] ?? 'footfall' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  writeFileSync(keyPath, pems.private, { mode: 0o600, flag: 'wx' });
  chmodSync(keyPath, 0o600);
  writeFileSync(certPath, pems.cert, { mode: 0o644 });
  return readPair(certPath, keyPath, true);
}
