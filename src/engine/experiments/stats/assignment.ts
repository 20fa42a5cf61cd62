/**
 * Deterministic assignment of ab units (camera, slot, frame bucket) to an arm: a pure hash of
 * (experiment seed, unit) mapped to [0, 1), so the same unit always lands in the same arm on any
 * machine and after any restart, and nothing needs storing to reproduce the split (it is still
 * recorded in `ab_testing_assignments`). Pure JS on purpose: this folder may not use node:crypto.
 *
 * Hash: FNV-1a 32 over the UTF-8 bytes (good spread, trivial to port), then MurmurHash3's fmix32
 * finaliser, because FNV-1a alone mixes its last bytes poorly — units "cam-1" … "cam-9" would
 * otherwise fall in narrow bands of [0, 1).
 */
import type { Arm } from './types';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a 32-bit over the UTF-8 encoding of `text` (unsigned). */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET;
  const eat = (byte: number): void => {
    h ^= byte;
    h = Math.imul(h, FNV_PRIME);
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) eat(cp);
    else if (cp < 0x800) {
      eat(0xc0 | (cp >> 6));
      eat(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      eat(0xe0 | (cp >> 12));
      eat(0x80 | ((cp >> 6) & 0x3f));
      eat(0x80 | (cp & 0x3f));
    } else {
      eat(0xf0 | (cp >> 18));
      eat(0x80 | ((cp >> 12) & 0x3f));
      eat(0x80 | ((cp >> 6) & 0x3f));
      eat(0x80 | (cp & 0x3f));
    }
  }
  return h >>> 0;
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A well-mixed number in [0, 1) for (seed, unit). The separator keeps ("ab", "c") apart from ("a", "bc"). */
export function assignmentHash(seed: string, unit: string): number {
  return fmix32(fnv1a32(`${seed}\u001f${unit}`)) / 4294967296;
}

/** `challengerPercent` (0–100) of units go to the challenger, the rest to the baseline. */
export function deterministicAssign(seed: string, unit: string, challengerPercent: number): Arm {
  if (!(challengerPercent >= 0 && challengerPercent <= 100)) {
    throw new RangeError(`challengerPercent must be in [0, 100], got ${challengerPercent}`);
  }
  return assignmentHash(seed, unit) < challengerPercent / 100 ? 'challenger' : 'baseline';
}
