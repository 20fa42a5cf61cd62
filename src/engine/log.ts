/**
 * Structured engine logs (pino) that never carry a camera secret: every string that is logged —
 * message or field, nested or inside an Error — has URL credentials redacted and every secret
 * the process knows of (known-secrets.ts) replaced, and fields named like secrets are censored.
 */
import { existsSync, renameSync, statSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { redactText } from './capture/redact-url';
import { scrubKnownSecrets } from './secrets/known-secrets';

export type { Logger } from 'pino';

export interface EngineLogOptions {
  /** Log file (created 0600, rotated once past maxBytes); stderr when absent. */
  file?: string;
  level?: pino.LevelWithSilent;
  /** Size at which the file is moved to `<file>.1` on open (default 10 MiB). */
  maxBytes?: number;
}

const SECRET_KEYS = ['password', 'passwd', 'secret', 'token', 'secretCiphertext', 'apiKey', 'authorization'];
const MAX_DEPTH = 6;

/** URL credentials and remembered secrets out of one string. */
export function scrubText(text: string): string {
  return scrubKnownSecrets(redactText(text));
}

/** A copy of `value` safe to log: strings scrubbed, Errors flattened, secret-named keys censored. */
export function redactForLog(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      message: scrubText(value.message),
      ...(typeof code === 'string' ? { code } : {}),
      ...(value.stack ? { stack: scrubText(value.stack) } : {}),
    };
  }
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactForLog(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.some((s) => k.toLowerCase() === s.toLowerCase()) ? '***' : redactForLog(v, depth + 1);
  }
  return out;
}

function rotate(file: string, maxBytes: number): void {
  try {
    if (existsSync(file) && statSync(file).size > maxBytes) renameSync(file, `${file}.1`);
  } catch {
    // A log we cannot rotate is still appended to; logging must never stop the engine.
  }
}

export function createEngineLogger(o: EngineLogOptions = {}): Logger {
  let destination: pino.DestinationStream;
  if (o.file) {
    rotate(o.file, o.maxBytes ?? 10 * 1024 * 1024);
    // sync: a crash (the case logs are for) must not lose the last lines in a buffer.
    destination = pino.destination({ dest: o.file, sync: true, mkdir: true, mode: 0o600 });
  } else {
    destination = pino.destination({ fd: 2, sync: true });
  }
  return pino(
    {
      level: o.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces for fields logged without going through logMethod's scrubbing.
      redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`]), censor: '***' },
      hooks: {
        logMethod(args, method) {
          // An Error logged first becomes { err } (pino's convention) after scrubbing.
          const safe = args.map((a, i) => (i === 0 && a instanceof Error ? { err: redactForLog(a) } : redactForLog(a))) as Parameters<typeof method>;
          method.apply(this, safe);
        },
      },
    },
    destination,
  );
}

/** A logger that drops everything (tests, tools that have nowhere to log). */
export function silentLogger(): Logger {
  return pino({ enabled: false });
}
