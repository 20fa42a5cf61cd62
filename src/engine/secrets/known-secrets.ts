import { REDACTED } from '../capture/redact-url';

/**
 * Every secret this process has decrypted or been handed, so logs and error messages can scrub
 * it even where it appears outside URL form (ffmpeg sometimes prints decoded credentials).
 * Bounded: a long-running engine whose cameras are edited often must not grow without limit.
 */
const known = new Set<string>();
const MAX_KNOWN = 1000;

export function rememberSecret(secret: string | null | undefined): void {
  // 1–2 character strings would shred unrelated text; such passwords are scrubbed from URLs anyway.
  if (!secret || secret.length < 3) return;
  if (known.size >= MAX_KNOWN) known.delete(known.values().next().value as string);
  known.add(secret);
  try {
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) known.add(encoded);
  } catch {
    /* lone surrogates cannot be encoded: the raw form is still scrubbed */
  }
}

/** Replaces every remembered secret in `text` (longest first, so overlapping ones go whole). */
export function scrubKnownSecrets(text: string): string {
  if (known.size === 0) return text;
  let out = text;
  for (const s of [...known].sort((a, b) => b.length - a.length)) {
    if (out.includes(s)) out = out.split(s).join(REDACTED);
  }
  return out;
}
